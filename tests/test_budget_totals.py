"""What a year's total counts: each won once, and only figures whose year the report prints."""

from __future__ import annotations


def test_a_figure_without_a_printed_year_is_kept_but_left_out_of_the_years_totals(run, catalog):
    cafe = next(b for b in catalog.program_by_id["youth-job-cafe"].budgets if b.year == 2019)
    assert not cafe.year_printed                                          # '소요예산 : 1,219백만원'
    summary = run.json("budget", "--year", "2019", "--json")
    assert "youth-job-cafe" not in {p["id"] for p in summary["programs"]}
    assert any(b["year"] == 2019 and not b["year_printed"] for b in run.json("budget", "youth-job-cafe", "--json")["budgets"])
    table = " ".join(run.table("budget", "--year", "2019").stdout.split())
    assert "연도가 인쇄되지 않은 예산만 있는 사업" in table and "youth-job-cafe" in table
    assert "2019*" in run.table("budget", "youth-job-cafe").stdout


def test_a_part_is_counted_when_its_parents_figure_is_only_the_parents_own_line(run, catalog):
    """2022-11's 사업구성체계 prints 서울형R&D지원 and 정부지원서울시대응투자 as two lines: both count."""
    rnd = next(b for b in catalog.program_by_id["seoul-rnd"].budgets if b.source.report == "2022-11" and b.kind == "budget")
    assert rnd.includes_parts is False
    lines = {p["id"]: p for p in run.json("budget", "--year", "2022", "--json")["programs"]}
    assert lines["seoul-rnd"]["counted_in_total"] and lines["seoul-rnd-gov-matching"]["counted_in_total"]


def test_a_part_inside_its_parents_total_is_not_counted_twice(run, catalog):
    summary = run.json("budget", "--year", "2022", "--json")
    lines = {p["id"]: p for p in summary["programs"]}
    parts = [c.id for c in catalog.children("campus-town") if c.id in lines]
    assert parts and not any(lines[p]["counted_in_total"] for p in parts)    # inside 캠퍼스타운's 388억
    assert summary["total_krw"] == sum(p["amount_krw"] for p in summary["programs"] if p["counted_in_total"])
