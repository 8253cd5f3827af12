"""Organisation over time: staff and execution totals against each report's printed 계, lineage."""

from __future__ import annotations

import pytest

from seoul_econ import divisions as organisation
from seoul_econ.models import EXECUTION_COLUMNS

REPORTS = ["2019-09", "2021-06", "2022-01", "2022-11", "2024-04"]


@pytest.mark.parametrize("report", REPORTS)
def test_staff_of_the_units_add_up_to_the_printed_total(catalog, report):
    org = organisation.organisation_for(catalog, report)
    staffed = [u for u in org.units if u.quota is not None]
    if not staffed:   # SBA's report prints only the total
        assert report == "2022-11" and org.quota == 348
        return
    assert (sum(u.quota for u in staffed), sum(u.current for u in staffed)) == (org.quota, org.current)


@pytest.mark.parametrize("report", [r for r in REPORTS if r != "2022-11"])
def test_execution_rows_add_up_to_the_printed_total_or_a_note_says_why(catalog, report):
    execution = organisation.organisation_for(catalog, report).execution
    for column in ("budget", "committed", "spent"):
        values = [getattr(row, column) for row in execution.rows]
        printed = getattr(execution.total, column)
        if None in values or sum(values) != printed:
            assert execution.note, f"{report} {column}: rows {sum(v or 0 for v in values)} vs printed {printed}"


def test_sba_revenue_equals_expenditure_and_parts_add_up(catalog):
    finance = organisation.organisation_for(catalog, "2022-11").finance
    for year in (2021, 2022):
        for side in ("revenue", "expenditure"):
            rows = {r.item: r.amount for r in finance.rows if r.year == year and r.side == side}
            parts = sum(r.amount for r in finance.rows if r.year == year and r.side == side and r.parent == "경상예산")
            assert rows["경상예산"] == parts
            assert rows["총계"] == rows["경상예산"] + rows["수탁예산"]
        totals = {r.side: r.amount for r in finance.rows if r.year == year and r.item == "총계"}
        assert totals["revenue"] == totals["expenditure"]


def test_lineage_follows_renames_both_ways_but_not_to_siblings(catalog):
    assert "캠퍼스타운활성화과" in organisation.related_names(catalog, "대학창업과")
    assert "대학창업과" in organisation.related_names(catalog, "캠퍼스타운활성화과")
    around = organisation.related_names(catalog, "첨단산업과")
    assert {"바이오AI산업과", "거점성장추진단"} <= set(around)
    assert "산업입지과" not in around   # a sibling of the 거점성장추진단 split, not a predecessor


def test_division_filter_old_name_to_new(run):
    old = run.table("list", "--division", "대학창업과", "--year", "2021")
    assert old.exit_code == 0 and "campus-town" in old.stdout
    assert "부서 계보 반영: 캠퍼스타운활성화과 → 대학창업과 (2022-01→2024-04, 명칭 변경)" in " ".join(old.stdout.split())


def test_division_filter_new_name_to_old(run):
    programs = run.json("list", "--division", "캠퍼스타운활성화과", "--year", "2024", "--json")
    assert "campus-town" in [p["id"] for p in programs]


def test_divisions_command_table_and_json(run):
    table = run.table("divisions")
    assert table.exit_code == 0 and "2024-04" in table.stdout and "대학창업과" in table.stdout
    data = run.json("divisions", "--year", "2022", "--json")
    assert [o["report"] for o in data] == ["2022-01", "2022-11"]
    seoul = data[0]
    assert set(seoul) == {"report", "agency", "name", "as_of", "summary", "staff", "units", "execution", "finance"}
    unit = next(u for u in seoul["units"] if u["name"] == "캠퍼스타운활성화과")
    assert set(unit) == {"name", "kind", "parent", "quota", "current", "duties", "execution", "programs"}
    assert set(unit["execution"]) == set(EXECUTION_COLUMNS) | {"source"}
    assert "campus-town" in unit["programs"]
    assert run.json("divisions", "--agency", "sba", "--json")[0]["finance"]["rows"]


def test_division_command_shows_one_division_across_the_years(run):
    data = run.json("division", "대학창업과", "--json")
    assert data["names"] == ["대학창업과", "캠퍼스타운활성화과"]   # the name asked for, then the one it was renamed from
    assert [r["report"] for r in data["reports"]] == ["2019-09", "2021-06", "2022-01", "2024-04"]
    assert data["lineage"][0]["kind"] == "rename"
    assert "주요기능" in run.table("division", "캠퍼스타운활성화과").stdout


@pytest.mark.parametrize("args, code", [(("division", "없는과"), 1), (("division", "산업"), 1),
                                        (("divisions", "--year", "2020"), 1)])
def test_division_misses(run, args, code):
    result = run(*args)
    assert result.exit_code == code and result.stderr.startswith("seoul-econ: ")
