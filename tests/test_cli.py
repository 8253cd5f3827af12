"""Each command as a user runs it: exit codes, human output on a plain terminal, machine formats."""

from __future__ import annotations

import csv
import io
import json

import pytest

ANSI = "\x1b["


def test_show_table_has_every_section(run):
    result = run.table("show", "청년취업사관학교")
    assert result.exit_code == 0
    out = result.stdout
    for heading in ("청년취업사관학교", "youth-job-academy", "담당 부서", "예산", "목표와 실적", "주요 일정", "출처:"):
        assert heading in out
    assert "426억원" in out and "42,600백만원" in out   # readable and printed forms of the 2024 budget
    assert ANSI not in out


def test_show_json_is_the_programme_object(run):
    data = run.json("show", "youth-job-academy", "--json")
    assert data["id"] == "youth-job-academy"
    budget_2024 = [b for b in data["budgets"] if b["year"] == 2024 and b["kind"] == "budget"]
    assert budget_2024[0]["amount_krw"] == 42_600_000_000
    assert budget_2024[0]["source"]["report"] == "2024-04"


def test_show_ambiguous_lists_candidates_and_exits_1(run):
    result = run("show", "청년")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "여럿입니다" in result.stderr and "youth-job-academy" in result.stderr


def test_show_miss_suggests(run):
    result = run("show", "컴퍼수타워")
    assert result.exit_code == 1
    assert "캠퍼스타운 (campus-town)" in result.stderr


def test_errors_in_json_mode_are_one_json_object_on_stderr(run):
    result = run("show", "청년", "--json")
    assert result.exit_code == 1
    error = json.loads(result.stderr)["error"]
    assert error["code"] == "ambiguous"
    assert set(error) == {"code", "message", "candidates"}
    assert len(error["candidates"]) >= 2


def test_search_table_and_json(run):
    table = run.table("search", "제로 페이")
    assert table.exit_code == 0 and "제로페이" in table.stdout
    hits = run.json("search", "제로 페이", "--json")
    assert hits[0]["id"] == "zero-pay"
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


def test_search_with_filters(run, catalog):
    hits = run.json("search", "캠퍼스", "--year", "2019", "--json")
    assert hits[0]["id"] == "campus-town"
    assert all(2019 in catalog.program_by_id[h["id"]].years for h in hits)


def test_search_nothing_found(run):
    result = run("search", "없는사업명칭아무것도", "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == []


@pytest.mark.parametrize("year", ["2019", "2021", "2022", "2024"])
def test_list_by_year_keeps_only_programmes_of_that_year(run, year):
    programs = run.json("list", "--year", year, "--json")
    assert programs
    assert all(int(year) in p["years"] for p in programs)


def test_list_division_matches_part_of_the_name(run):
    programs = run.json("list", "--division", "대학창업", "--json")
    assert "campus-town" in [p["id"] for p in programs]


def test_list_sort_by_budget(run, catalog):
    programs = run.json("list", "--year", "2024", "--sort", "budget", "--json")
    from seoul_econ import query
    amounts = [(query.annual_budget(catalog, catalog.program_by_id[p["id"]], 2024) or None) for p in programs]
    values = [a.amount_krw for a in amounts if a]
    assert values == sorted(values, reverse=True)


def test_list_table(run):
    result = run.table("list", "--agency", "sba")
    assert result.exit_code == 0
    assert "서울창업허브" in result.stdout


def test_list_csv_and_ndjson(run, catalog):
    rows = list(csv.DictReader(io.StringIO(run("list", "--format", "csv").stdout)))
    assert len(rows) == len(catalog.programs)
    assert {"id", "name", "years", "budget_krw"} <= set(rows[0])
    lines = run("list", "--format", "ndjson").stdout.splitlines()
    assert len(lines) == len(catalog.programs)
    assert json.loads(lines[0])["id"]


def test_timeline_in_date_order_with_sources(run):
    result = run.table("timeline", "서울영화센터")
    assert result.exit_code == 0
    opening = next(line for line in result.stdout.splitlines() if "서울영화센터 개관" in line)
    assert "계획" in opening and "2024-04" in opening
    data = run.json("timeline", "seoul-film-center", "--json")
    from seoul_econ.models import PartialDate
    keys = [PartialDate.parse(m["date"]).sort_key for m in data["milestones"]]
    assert keys == sorted(keys)


def test_budget_of_a_programme(run):
    result = run.table("budget", "캠퍼스타운")
    assert result.exit_code == 0
    assert "350억 3,700만원" in result.stdout and "'22 대비 -9.8%" in result.stdout
    data = run.json("budget", "campus-town", "--json")
    assert {b["year"] for b in data["budgets"]} >= {2022, 2024}


def test_budget_of_a_year_with_total(run):
    data = run.json("budget", "--year", "2024", "--division", "일자리", "--json")
    counted = sum(p["amount_krw"] for p in data["programs"] if p["counted_in_total"])
    assert data["total_krw"] == counted > 0
    assert "youth-job-academy" in [p["id"] for p in data["programs"]]
    table = run.table("budget", "--year", "2024", "--division", "일자리")
    assert "합계" in table.stdout


def test_reports_list_and_toc(run):
    reports = run.json("reports", "--json")
    assert [r["id"] for r in reports] == ["2019-09", "2021-06", "2022-01", "2022-11", "2024-04"]
    detail = run.json("reports", "2024", "--json")
    assert detail["id"] == "2024-04"
    assert any("seoul-film-center" in entry["programs"] for entry in detail["toc"])
    table = run.table("reports", "2024-04")
    assert "목차와 프로그램 대응" in table.stdout


@pytest.mark.parametrize("args, code", [
    (("list", "--year", "abc"), 2),
    (("list", "--year", "0"), 2),
    (("list", "--year", "99999"), 2),
    (("list", "--year", "2024.5"), 2),
    (("list", "--division", "없는부서이름"), 1),
    (("list", "--agency", "kotra"), 2),
    (("reports", "1999-01"), 1),
    (("show", "청년", "--format", "xml"), 2),
    (("nonsense",), 2),
    (("show",), 2),
    (("search", "   "), 2),
])
def test_bad_input_gets_one_line_and_the_documented_code(run, args, code):
    result = run(*args)
    assert result.exit_code == code
    assert result.stdout == ""
    assert result.stderr.startswith("seoul-econ: ")
    assert "Traceback" not in result.stderr


def test_version_is_the_installed_package_version(run):
    from importlib.metadata import version
    result = run("--version")
    assert result.stdout.strip() == f"seoul-econ {version('seoul-econ')}"


def test_every_command_has_korean_help_and_is_in_the_readme(run):
    from pathlib import Path
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for command in ("search", "show", "list", "timeline", "budget", "reports", "validate"):
        result = run(command, "--help")
        assert result.exit_code == 0
        assert any("\uac00" <= ch <= "\ud7a3" for ch in result.stdout)
        assert f"`{command}" in readme


def test_unsupported_format_in_machine_mode_is_a_json_error(run):
    result = run("brief", "청년취업사관학교", "--format", "csv")
    assert result.exit_code == 2
    assert json.loads(result.stderr)["error"]["code"] == "usage"


def test_no_colour_when_piped_even_without_no_color(run):
    result = run.table("show", "캠퍼스타운", env={"NO_COLOR": ""})
    assert ANSI not in result.stdout
