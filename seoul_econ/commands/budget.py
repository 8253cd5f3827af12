"""budget: one programme's budgets by year, or one year's budgets of many programmes."""

from __future__ import annotations

from .. import labels, query, records
from .answer import DECORATION, FIGURE, ID, LABEL, NAME, TEXT, Answer, Column, Line, Styled, Table, nothing
from .common import filtered, named_program, with_id

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ..library import Library
    from ..models import Budget, Catalog, Program

BAR_WIDTH = 12
PROGRAM_FIELDS = ("id", "name", "budgets")
SUMMARY_FIELDS = ("year", "total_krw", "programs")
ROW_FIELDS = ("id", "name", *records.BUDGET_FIELDS)


def budget(lib: Library, program: str | None = None, year: int | None = None, division: str | None = None,
           agency: str | None = None, tag: str | None = None) -> Answer:
    if program is not None:
        return _one_programme(lib, program)
    catalog = lib.catalog()
    chosen_year = year or query.latest_year(catalog)
    selection = filtered(catalog, chosen_year, division, agency, tag)
    summary = query.budget_summary(catalog, selection.programs, chosen_year)
    if not summary.lines:
        return nothing("budget_summary", f"{chosen_year}년 예산이 기록된 프로그램이 없습니다",
                       document=records.budget_summary(summary), fields=SUMMARY_FIELDS)
    filters = "".join(f" · {label} {value}" for label, value in (("부서", division), ("기관", agency), ("태그", tag))
                      if value)
    notes = (*unprinted_note(selection.programs, chosen_year), *selection.notes)
    if any(not line.counted for line in summary.lines):
        notes = ("└ 표시 사업은 상위 사업 예산에 포함되어 합계에서 뺐습니다.", *notes)
    items = [{**with_id(line.program, records.budget(line.budget)), "counted_in_total": line.counted}
             for line in summary.lines]
    return Answer("budget_summary", lambda: records.budget_summary(summary),
                  lambda: [_summary_table(summary, f"{summary.year}년 예산{filters}")], items=items, notes=notes,
                  document_fields=SUMMARY_FIELDS, item_fields=(*ROW_FIELDS, "counted_in_total"))


def unprinted_note(programs: list[Program], year: int | None) -> tuple[str, ...]:
    """The footer saying which programmes a per-year figure leaves out for want of a printed year."""
    left_out = query.unprinted_year(programs, year)
    if not left_out:
        return ()
    names = ", ".join(labels.name_and_id(p.name, p.id) for p in left_out[:3]) + (" …" if len(left_out) > 3 else "")
    return (f"보고서에 연도가 인쇄되지 않은 예산만 있는 사업 {len(left_out)}개는 연도별 금액과 합계에서 뺐습니다: {names}",)


def _one_programme(lib: Library, wanted: str) -> Answer:
    named = named_program(lib, wanted)
    catalog, program = lib.catalog(), named.program
    budgets = query.sorted_budgets(program)

    def view() -> list[Any]:
        heading = Line(Styled(program.name, "bold"), program.id)
        if not budgets:
            return [heading, Line("기록된 예산이 없습니다.")]
        return [heading, budget_table(catalog, program), *unprinted_lines(program)]

    return Answer("budget", {"id": program.id, "name": program.name, "budgets": [records.budget(b) for b in budgets]},
                  view, items=[with_id(program, records.budget(b)) for b in budgets],
                  remarks=(named.remark,) if named.remark else (), document_fields=PROGRAM_FIELDS,
                  item_fields=ROW_FIELDS)


def budget_table(catalog: Catalog, program: Program) -> Table:
    """Every budget figure by year; the change is between each year's chosen annual budget."""
    budgets = query.sorted_budgets(program)
    changes = query.annual_changes(catalog, program)
    largest = max((b.amount_krw for b in budgets if b.kind == "budget"), default=0)
    rows = []
    for item in budgets:
        change = changes.get(id(item))
        change_text = f"{labels.short_year(change.previous_year)} 대비 {change.percent:+.1f}%" if change else ""
        rows.append((_when(item), labels.BUDGET_KIND_NAMES[item.kind], labels.won(item.amount_krw),
                     labels.printed_amount(item.amount, item.unit), change_text,
                     Styled(bar(item.amount_krw, largest), "bar") if item.kind == "budget" else "",
                     item.source.report, item.note or ""))
    return Table("budget", "예산", (Column("연도", FIGURE), Column("구분", LABEL), Column("금액", FIGURE, right=True),
                                  Column("보고서 표기", FIGURE, right=True), Column("증감", FIGURE, right=True),
                                  Column("", DECORATION), Column("출처", ID), Column("비고", TEXT)), rows)


def _when(item: Budget) -> str:
    if item.period:
        return labels.span(item.period[0], item.period[1])
    if item.year is None:
        return "-"
    return str(item.year) + ("" if item.year_printed else UNPRINTED)


UNPRINTED = "*"


def unprinted_lines(program: Program) -> list[Line]:
    """The footnote for the years marked with UNPRINTED in a programme's budget table."""
    if all(b.year_printed for b in program.budgets):
        return []
    return [Line(Styled(f"{UNPRINTED} 보고서에 연도가 인쇄되지 않은 금액: 연도별 금액·증감·합계에서 뺐습니다", "dim"))]


def _summary_table(summary: query.BudgetSummary, title: str) -> Table:
    largest = max((line.budget.amount_krw for line in summary.lines), default=0)
    rows = [(("└ " if not line.counted else "") + line.program.name, line.program.id,
             labels.won(line.budget.amount_krw), labels.printed_amount(line.budget.amount, line.budget.unit),
             Styled(bar(line.budget.amount_krw, largest), "bar"), line.budget.source.report)
            for line in summary.lines]
    return Table("budget", title, (Column("이름", NAME), Column("id", ID), Column("예산", FIGURE, right=True),
                                   Column("보고서 표기", FIGURE, right=True), Column("", DECORATION),
                                   Column("출처", ID)), rows,
                 total=(Styled("합계", "bold"), "", Styled(labels.won(summary.total_krw), "bold"), "", "", ""))


def bar(value: int, largest: int, width: int = BAR_WIDTH) -> str:
    """A bar proportional to value; any positive value gets at least one cell."""
    if largest <= 0 or value <= 0:
        return ""
    return "█" * max(1, round(width * value / largest))
