"""A programme's or a report's story across the reports: plans against outcomes, many
programmes on one time axis, and what changed between two reports. Returns data only.

Plans are paired with outcomes by the wording of their events (the reports use no shared
ids), so the pairing is a reading aid: every line keeps its own source, and a plan with no
later report about it is said to be unreported, which is a fact about the reports.
"""

from __future__ import annotations

from . import hangul
from .frozen import Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .models import Budget, Catalog, Lineage, Milestone, Program, Report

# How alike two events must read (rapidfuzz partial_ratio on normalised text) to be paired.
SAME_EVENT = 75.0
PLAN_STATES = {"reported": "결과 보고됨", "rescheduled": "일정 변경 보고", "unreported": "보고 없음",
               "upcoming": "예정"}


class PlanOutcome(Record):
    plan: Milestone
    plan_report: str
    outcome: Milestone | None      # the later report's line about it, if any
    state: str                     # a key of PLAN_STATES


def plan_outcomes(catalog: Catalog, program: Program, pairs: list[int] | None = None) -> list[PlanOutcome]:
    """Each planned milestone with what a later report says of it; pairs: pair_plans's answer,
    when the caller has it cached."""
    dates = catalog.report_order
    latest = max(dates.values())
    results = []
    for plan, paired in zip(_plans(program), pair_plans(catalog, program) if pairs is None else pairs, strict=True):
        outcome = program.milestones[paired] if paired >= 0 else None
        if outcome is not None:
            state = "reported" if outcome.status in ("done", "ongoing") else "rescheduled"
        else:
            # The plan's whole period had passed by the newest report, and no later report says more.
            state = "unreported" if (plan.date.year, plan.date.last_month) < latest[:2] else "upcoming"
        results.append(PlanOutcome(plan, plan.source.report, outcome, state))
    return results


def pair_plans(catalog: Catalog, program: Program) -> list[int]:
    """For each planned milestone (earliest first), the position in program.milestones of the
    later report's line about it, or -1: the line that reads most alike (ties: the newest)."""
    from rapidfuzz import fuzz

    dates = catalog.report_order
    pairs = []
    for plan in _plans(program):
        written = dates[plan.source.report]
        wording = hangul.normalize(plan.event)
        scored = [(fuzz.partial_ratio(wording, hangul.normalize(m.event)), dates[m.source.report], at)
                  for at, m in enumerate(program.milestones) if dates[m.source.report] > written]
        scored = [entry for entry in scored if entry[0] >= SAME_EVENT]
        pairs.append(max(scored, key=lambda entry: entry[:2])[2] if scored else -1)
    return pairs


def plan_pairings(catalog: Catalog) -> list[list[int]]:
    """pair_plans for every programme, in catalogue order: what Library caches as "plans"."""
    return [pair_plans(catalog, program) for program in catalog.programs]


def _plans(program: Program) -> list[Milestone]:
    return sorted((m for m in program.milestones if m.status == "planned"), key=lambda m: m.date.sort_key)


class TimelineRow(Record):
    program: Program
    milestones: list[Milestone]


def timeline_rows(programs: list[Program], first: int, last: int) -> list[TimelineRow]:
    """Programmes with milestones between first and last (years, inclusive), earliest first."""
    rows = []
    for program in programs:
        inside = sorted((m for m in program.milestones if first <= m.date.year <= last), key=lambda m: m.date.sort_key)
        if inside:
            rows.append(TimelineRow(program, inside))
    rows.sort(key=lambda row: (row.milestones[0].date.sort_key, row.program.name))
    return rows


class BudgetChange(Record):
    program: Program
    before: Budget
    after: Budget

    @property
    def change_krw(self) -> int:
        return self.after.amount_krw - self.before.amount_krw

    @property
    def percent(self) -> float | None:
        return self.change_krw / self.before.amount_krw * 100 if self.before.amount_krw else None


class Comparison(Record):
    before: Report
    after: Report
    new: list[Program]             # described in the later report only
    continuing: list[Program]      # in both
    dropped: list[Program]         # in the earlier report only
    budget_changes: list[BudgetChange]
    lineage: list[Lineage]         # division renames, splits and merges between the two


def stated_budget(program: Program, report: str) -> Budget | None:
    """The latest annual budget the report states for the programme."""
    budgets = [b for b in program.budgets if b.kind == "budget" and b.year and b.source.report == report]
    return max(budgets, key=lambda b: (b.year, b.amount_krw)) if budgets else None


def compare_reports(catalog: Catalog, before: Report, after: Report) -> Comparison:
    in_before = [p for p in catalog.programs if before.id in p.sources]
    in_after = [p for p in catalog.programs if after.id in p.sources]
    after_ids = {p.id for p in in_after}
    before_ids = {p.id for p in in_before}
    continuing = [p for p in in_after if p.id in before_ids]
    changes = []
    for program in continuing:
        old, new = stated_budget(program, before.id), stated_budget(program, after.id)
        if old and new:
            changes.append(BudgetChange(program, old, new))
    changes.sort(key=lambda change: -abs(change.change_krw))
    dates = catalog.report_order
    window = (dates[before.id], dates[after.id])
    lineage = [link for link in catalog.lineage
               if window[0] <= dates.get(link.from_report, window[0]) and dates.get(link.to_report, window[1]) <= window[1]
               and link.from_report != link.to_report]
    by_name = lambda programs: sorted(programs, key=lambda p: p.name)  # noqa: E731
    return Comparison(before, after, by_name(p for p in in_after if p.id not in before_ids), by_name(continuing),
                      by_name(p for p in in_before if p.id not in after_ids), changes, lineage)
