"""timeline: one programme's milestones and plans, or many programmes on one time axis."""

from __future__ import annotations


from .. import labels, query, records, story
from ..errors import QueryError
from .answer import FIGURE, ID, LABEL, NAME, TEXT, Answer, Column, Line, Styled, Table, nothing
from .common import filtered, named_program

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any

    from ..library import Library
    from ..models import Milestone

GRID_YEARS = 6   # year columns a many-programme grid shows at most: the busiest run of years
LEGEND = "● 완료  ◐ 진행 중  ○ 계획 (보고서 시점 기준)"
PROGRAM_FIELDS = ("id", "name", "milestones", "plans")
GRID_FIELDS = ("from", "to", "programs")
ROW_FIELDS = ("id", *records.MILESTONE_FIELDS)


def timeline(lib: Library, program: str | None = None, division: str | None = None, year: int | None = None,
             start: int | None = None, end: int | None = None) -> Answer:
    first, last = (year, year) if year else (start, end)
    if first is not None and last is not None and first > last:
        raise QueryError(f"--from({first})이 --to({last})보다 늦습니다")
    if program is None:
        return _many(lib, division, first, last, narrowed=any(v is not None for v in (division, year, start, end)))
    return _one(lib, program, first, last)


def _one(lib: Library, wanted: str, first: int | None, last: int | None) -> Answer:
    named = named_program(lib, wanted)
    catalog, program = lib.catalog(), named.program
    milestones = [m for m in query.sorted_milestones(program)
                  if (first is None or m.date.year >= first) and (last is None or m.date.year <= last)]
    plans = story.plan_outcomes(catalog, program, lib.programme_row("plans", program.id, story.plan_pairings))

    def view() -> list[Any]:
        blocks: list[Any] = [Line(Styled(f"{program.name} 연혁", "bold"), program.id)]
        if not milestones:
            return [*blocks, Line("기록된 일정이 없습니다.")]
        blocks += [milestones_table(milestones, None), Line(Styled(LEGEND, "dim"))]
        if plans:
            blocks += [_plans_table(plans), Line(Styled(
                "상태는 보고서들이 말한 것에 대한 사실입니다: '보고 없음'은 계획 시기가 최신 보고서보다 앞서는데 "
                "이후 보고서에 해당 내용이 없다는 뜻입니다 (사업 평가가 아님).", "dim"))]
        return blocks

    document = {"id": program.id, "name": program.name, "milestones": [records.milestone(m) for m in milestones],
                "plans": [records.plan_outcome(p) for p in plans]}
    return Answer("timeline", document, view, items=[{"id": program.id, **records.milestone(m)} for m in milestones],
                  remarks=(named.remark,) if named.remark else (), document_fields=PROGRAM_FIELDS,
                  item_fields=ROW_FIELDS)


def milestones_table(milestones: Iterable[Milestone], title: str | None) -> Table:
    rows = [(labels.span(m.date, m.end), Styled(f"{labels.STATUS_MARKS[m.status]} {labels.STATUS_NAMES[m.status]}",
                                                m.status), m.event, m.source.report)
            for m in milestones]
    return Table("milestone", title, (Column("날짜", FIGURE), Column("상태", LABEL), Column("내용", TEXT),
                                      Column("출처", ID)), rows)


def _plans_table(plans: list[story.PlanOutcome]) -> Table:
    rows = []
    for item in plans:
        plan, later = item.plan, item.outcome
        outcome = (f"{later.date} {labels.STATUS_NAMES[later.status]}: {later.event} [{later.source.report}]"
                   if later else "")
        rows.append((labels.span(plan.date, plan.end), plan.event, plan.source.report,
                     Styled(labels.PLAN_STATES[item.state], item.state), outcome))
    return Table("plan", "계획과 결과 (보고서 기준)", (Column("계획 시기", FIGURE), Column("계획", TEXT),
                                                 Column("보고", ID), Column("상태", LABEL),
                                                 Column("이후 보고", TEXT)), rows)


def _many(lib: Library, division: str | None, first: int | None, last: int | None, narrowed: bool) -> Answer:
    catalog = lib.catalog()
    selection = filtered(catalog, None, division, None, None)
    years = [m.date.year for p in selection.programs for m in p.milestones
             if (first is None or m.date.year >= first) and (last is None or m.date.year <= last)]
    if not years:
        span = f"{first or ''}–{last or ''}년에 " if first or last else ""
        return nothing("timelines", f"{span}일정이 기록된 사업이 없습니다", fields=GRID_FIELDS)
    first, last = first or min(years), last or max(years)
    rows = story.timeline_rows(selection.programs, first, last)

    def document() -> dict[str, Any]:   # the records only for a format that prints them
        return {"from": first, "to": last, "programs": [
            {"id": row.program.id, "name": row.program.name, "milestones": [records.milestone(m) for m in row.milestones]}
            for row in rows]}

    def items() -> list[dict[str, Any]]:
        return [{"id": row.program.id, **records.milestone(m)} for row in rows for m in row.milestones]

    shown_first, shown_last = _busiest_years(years, first, last)
    notes = list(selection.notes)
    if (shown_first, shown_last) != (first, last):
        notes.append(f"{first}–{last}년 가운데 일정이 가장 많은 {shown_first}–{shown_last}년을 보였습니다. "
                     "좁히려면 --year 2024, --from/--to, --division 부서, 또는 timeline 사업이름")
    elif not narrowed:
        notes.append("좁히려면 --year 2024, --division 부서, 또는 timeline 사업이름")
    return Answer("timelines", document, lambda: _grid(story.timeline_rows(selection.programs, shown_first, shown_last),
                                                       shown_first, shown_last),
                  items=items, notes=tuple(notes), document_fields=GRID_FIELDS, item_fields=ROW_FIELDS)


def _busiest_years(years: list[int], first: int, last: int) -> tuple[int, int]:
    """The run of at most GRID_YEARS years with the most milestones (the latest such run)."""
    if last - first + 1 <= GRID_YEARS:
        return first, last
    counts = _count(years)
    starts = range(first, last - GRID_YEARS + 2)
    best = max(starts, key=lambda s: (sum(counts.get(y, 0) for y in range(s, s + GRID_YEARS)), s))
    return best, best + GRID_YEARS - 1


def _marks(statuses: list[str]) -> tuple[Styled, ...]:
    """A mark per milestone (●●○); past three, one mark per status with its count (●12◐6○4)."""
    if len(statuses) <= 3:
        return tuple(Styled(labels.STATUS_MARKS[s], s) for s in statuses)
    counts = _count(statuses)
    return tuple(Styled(f"{labels.STATUS_MARKS[s]}{counts[s]}", s) for s in labels.STATUS_MARKS if counts.get(s))


def _count(values: Iterable[Any]) -> dict[Any, int]:
    counts: dict[Any, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return counts


def _grid(rows: list[story.TimelineRow], first: int, last: int) -> list[Any]:
    """One row per programme, one column per year (per month for a single year), a mark per milestone."""
    by_month = first == last
    slots = list(range(1, 13)) if by_month else list(range(first, last + 1))
    table_rows = []
    for row in rows:
        statuses: dict[int, list[str]] = {slot: [] for slot in slots}
        for item in row.milestones:
            statuses[item.date.first_month if by_month else item.date.year].append(item.status)
        table_rows.append((row.program.name, row.program.id, *(_marks(statuses[s]) for s in slots)))
    title = f"{first}년 월별 일정" if by_month else f"{first}–{last} 연도별 일정"
    columns = (Column("사업", NAME), Column("id", ID),
               *(Column(f"{s}월" if by_month else labels.short_year(s), FIGURE) for s in slots))
    return [Table("timeline", f"{title} · 사업 {len(rows)}개", columns, table_rows),
            Line(Styled(LEGEND + "; 연·반기·분기만 적힌 일정은 그 첫 달에 표시", "dim"))]
