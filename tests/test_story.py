"""Meeting preparation: plans against outcomes, timelines of many programmes, report
comparison, and briefs (Markdown, text, JSON, and HTML printed by a real browser)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from seoul_econ import story


def test_plans_are_paired_with_later_reports_or_said_to_be_unreported(catalog):
    outcomes = {o.plan.event: o for o in story.plan_outcomes(catalog, catalog.program_by_id["seoul-film-center"])}
    frame = outcomes["골조공사"]          # 2021-06 planned '21.9~'22.6; 2024-04 plans its completion for '24.9
    assert frame.state == "rescheduled" and frame.outcome.source.report == "2024-04"
    assert outcomes["서울시네마테크 완공"].state == "unreported"   # '22.12, and no later report says more
    assert outcomes["서울영화센터 개관"].state == "upcoming"       # '25.7, after the newest report


def test_timeline_of_one_programme_has_plans_and_sources(run):
    result = run.table("timeline", "서울영화센터")
    assert "계획과 결과" in result.stdout and "보고 없음" in result.stdout
    assert any("완료" in line and "2021-06" in line for line in result.stdout.splitlines())
    data = run.json("timeline", "seoul-film-center", "--json")
    assert set(data) == {"id", "name", "milestones", "plans"}
    assert {p["state"] for p in data["plans"]} >= {"reported", "rescheduled", "unreported", "upcoming"}


def test_plans_paired_from_the_cache_read_as_freshly_paired_ones(run):
    for program in ("seoul-film-center", "청년취업사관학교"):
        fresh = run.json("timeline", program, "--json", env={"SEOUL_ECON_NO_CACHE": "1"})
        run("timeline", program)   # fills the cache
        assert run.json("timeline", program, "--json") == fresh and fresh["plans"]
        assert run.json("brief", program, "--json")["plans"] == run.json(
            "brief", program, "--json", env={"SEOUL_ECON_NO_CACHE": "1"})["plans"]


def test_timeline_of_many_programmes(run):
    table = run.table("timeline", "--year", "2024", "--division", "첨단산업과")
    assert table.exit_code == 0 and "2024년 월별 일정" in table.stdout and "yangjae-ai" in table.stdout
    data = run.json("timeline", "--from", "2019", "--to", "2021", "--json")
    assert (data["from"], data["to"]) == (2019, 2021)
    assert all(2019 <= int(m["date"][:4]) <= 2021 for p in data["programs"] for m in p["milestones"])
    assert run("timeline", "--from", "2024", "--to", "2019").exit_code == 2


def test_compare_two_reports(run, catalog):
    data = run.json("compare", "2022-01", "2024", "--json")
    assert (data["before"], data["after"]) == ("2022-01", "2024-04")
    after = {p.id for p in catalog.programs if "2024-04" in p.sources}
    assert {p["id"] for p in data["new"] + data["continuing"]} == after
    change = next(c for c in data["budget_changes"] if c["id"] == "campus-town")
    assert change["change_krw"] == 35_037_000_000 - 38_846_000_000 and change["change_percent"] == -9.8
    assert any(link["from"] == "캠퍼스타운활성화과" and link["to"] == "대학창업과" for link in data["lineage"])
    assert "예산 변화" in run.table("compare", "2022-01", "2024-04").stdout
    assert run("compare", "2024-04", "2024").exit_code == 2


@pytest.mark.parametrize("fmt", ["md", "text"])
def test_brief_cites_every_figure_it_shows(run, fmt):
    result = run("brief", "캠퍼스타운", "--format", fmt)
    assert result.exit_code == 0
    out = result.stdout
    assert "350억 3,700만원" in out and "35,037백만원" in out and "-9.8%" in out
    note_lines = [line for line in out.splitlines() if re.match(r"\[\d+\] \d{4}-\d{2}: “", line)]
    body = "\n".join(line for line in out.splitlines() if line not in note_lines)
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", body)}
    listed = {int(re.match(r"\[(\d+)\]", line).group(1)) for line in note_lines}
    assert cited and cited == listed   # every figure cites a note, and every note is cited


def test_brief_json_and_division_brief(run):
    data = run.json("brief", "youth-job-academy", "--format", "json")
    assert data["kind"] == "program" and data["budget_trend"][-1]["amount_krw"] == 42_600_000_000
    numbers = [n["number"] for n in data["notes"]]
    assert numbers == list(range(1, len(numbers) + 1))
    division = run.json("brief", "--division", "대학창업과", "--format", "json")
    assert division["kind"] == "division" and "캠퍼스타운활성화과" in division["names"]
    assert run("brief").exit_code == 2 and run("brief", "x", "--division", "y").exit_code == 2


def test_brief_written_to_a_file_atomically(run, tmp_path):
    path = tmp_path / "brief.md"
    path.write_text("old", encoding="utf-8")
    assert run("brief", "없는사업이름입니다", "-o", str(path)).exit_code == 1
    assert path.read_text(encoding="utf-8") == "old"
    assert run("brief", "zero-pay", "-o", str(path)).exit_code == 0
    assert path.read_text(encoding="utf-8").startswith("# 제로페이 (zero-pay)")


BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
NEEDS_BROWSER = pytest.mark.skipif(
    not (BROWSER and shutil.which("pdftotext")) and not os.environ.get("CI"),
    reason="headless Chromium and poppler-utils are not installed (.ci/run installs them)")


@NEEDS_BROWSER
@pytest.mark.parametrize("program, figures", [
    ("청년취업사관학교", ["426억원", "42,600백만원", "SeSAC"]),
    ("캠퍼스타운", ["350억 3,700만원", "-9.8%"]),
    ("서울영화센터", ["660백만원", "서울영화센터 개관", "예정"]),
])
def test_html_brief_prints_on_at_most_two_a4_pages_in_a_real_browser(run, tmp_path, program, figures):
    html, pdf = tmp_path / "brief.html", tmp_path / "brief.pdf"
    assert run("brief", program, "--format", "html", "-o", str(html)).exit_code == 0
    assert "http" not in html.read_text(encoding="utf-8").replace("http://www.w3.org/2000/svg", "")   # no network
    subprocess.run([BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp_path / 'profile'}", "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                    html.as_uri()], check=True, capture_output=True, timeout=120)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) <= 2
    assert re.search(r"Page size:.*\(A4\)", info)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for figure in figures:
        assert figure in text
