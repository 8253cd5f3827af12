"""The 2021 council audit findings (report 2022-01): records, their printed summary, commands."""

from __future__ import annotations

import json

import pytest

from seoul_econ import findings as audit

CATEGORY_ROWS = {"시정·처리요구사항": "correction", "건의사항": "proposal", "기타(자료제출 등)": "data-request"}


def test_all_180_findings_are_records(catalog):
    assert len(catalog.findings) == 180
    assert len({f.id for f in catalog.findings}) == 180


def test_counts_from_records_equal_each_printed_category_row(catalog):
    counts = audit.counted(catalog.findings)
    rows = {row.category: row for row in catalog.finding_summary.rows}
    for printed, code in CATEGORY_ROWS.items():
        row = rows[printed]
        assert sum(counts[code].values()) == row.total
        for status, printed_count in row.by_status.items():
            assert counts[code].get(status, 0) == (printed_count or 0), (printed, status)


def test_the_printed_total_row_is_kept_as_printed_with_its_inconsistency_noted(catalog):
    summary = catalog.finding_summary
    total = next(row for row in summary.rows if row.category == "전체")
    assert (total.total, total.by_status["done"], total.by_status["ongoing"]) == (180, 122, 56)
    # The 계 row prints 미반영 2 and 검토 중 "-", while the records hold two 검토중 and no 미반영.
    assert total.by_status["rejected"] == 2 and total.by_status["reviewing"] is None
    assert sum(1 for f in catalog.findings if f.status_code == "reviewing") == 2
    assert "바뀐" in summary.inconsistency
    assert "178건 → 180건" in summary.note


def test_findings_command_filters_and_searches_text(run):
    found = run.json("findings", "기술교육원", "--json")
    assert found and all("기술교육원" in (f["finding"] + f["actions"] + f["division"]
                                        + " ".join(p["event"] for p in f["plans"])).replace(" ", "") for f in found)
    ongoing = run.json("findings", "--status", "추진중", "--category", "건의", "--json")
    assert len(ongoing) == 9 and {f["status"] for f in ongoing} == {"ongoing"}
    by_division = run.json("findings", "--division", "캠퍼스타운", "--json")
    assert by_division and all("캠퍼스타운" in f["division"] for f in by_division)


def test_findings_by_programme_include_its_parts(run, catalog):
    """correction-2 is about 서울창업허브 공덕, a part of 서울창업허브: asking for the parent finds it."""
    part_only = [f.id for f in catalog.findings if "seoul-startup-hub-gongdeok" in f.programs
                 and "seoul-startup-hub" not in f.programs]
    assert part_only
    found = {f["id"] for f in run.json("findings", "--program", "서울창업허브", "--json")}
    assert set(part_only) <= found
    assert found == {f.id for f in catalog.findings
                     if {"seoul-startup-hub", *(p.id for p in catalog.children("seoul-startup-hub"))} & set(f.programs)}


def test_finding_by_id_by_category_and_number(run):
    assert run.json("finding", "proposal-3", "--json")["number"] == 3
    assert run.json("finding", "건의-3", "--json")["id"] == "proposal-3"
    result = run("finding", "3")
    assert result.exit_code == 1 and "correction-3" in result.stderr and "proposal-3" in result.stderr
    assert run("finding", "correction-999").exit_code == 1


def test_finding_table_shows_text_actions_plans_and_source(run):
    result = run.table("finding", "correction-1")
    assert result.exit_code == 0
    for part in ("시정·처리요구사항 1번", "캠퍼스타운활성화과", "조치", "향후 계획", "2022-H1", "출처"):
        assert part in result.stdout


def test_show_lists_a_programmes_findings(run):
    assert "행정사무감사 지적" in run.table("show", "campus-town").stdout


@pytest.mark.parametrize("args", [("findings", "--status", "끝남"), ("findings", "--category", "질문")])
def test_bad_status_or_category_is_a_usage_error(run, args):
    result = run(*args)
    assert result.exit_code == 2 and result.stderr.startswith("seoul-econ: ")


FINDING_KEYS = {"id", "category", "category_label", "number", "division", "status", "status_label", "finding",
                "actions", "plans", "programs", "source"}


def test_finding_json_contract(run):
    for item in run.json("findings", "--json"):
        assert set(item) == FINDING_KEYS
        assert all(set(plan) == {"date", "end", "event", "source"} for plan in item["plans"])


def test_findings_quote_that_is_not_in_the_report_fails_validation(run, small_catalog):
    (small_catalog.parent / "findings.yaml").write_text(
        "findings:\n  - {category: 건의사항, number: 1, division: 일자리정책과, status: 추진중, finding: x,\n"
        "     actions: y, source: {report: 2024-04, quote: \"이 문장은 보고서에 없습니다\"}}\n", encoding="utf-8")
    result = run("--catalog", str(small_catalog), "validate", "--json")
    assert result.exit_code == 3
    assert "findings.yaml:3: findings[proposal-1]: 인용이 보고서 2024-04 본문에 없습니다" in json.loads(result.stderr)["error"]["message"]
