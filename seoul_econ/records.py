"""The JSON contract: each record as a plain dict with stable English keys (docs/json.md).

Pure shapes of the models: nothing here queries a catalogue; what a record needs from other
records (a unit's programmes, a report's count of citing programmes) is passed in. Changing a
key here is a breaking change for scripts; tests/test_json_contract.py pins them.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


if TYPE_CHECKING:   # types only: a search's JSON must not pay for importing the models
    from .models import (
        Budget,
        DivisionNotStated,
        DivisionRef,
        ExecutionRow,
        Finding,
        Lineage,
        Milestone,
        Organisation,
        Program,
        Report,
        Source,
        Target,
        Unit,
    )


# The keys of each object, in order: what --fields offers and the schema lists.
PROGRAM_FIELDS = ("id", "name", "name_en", "aliases", "agency", "part_of", "successor_of", "divisions",
                  "divisions_not_stated", "tags", "summary", "years", "budgets", "targets", "milestones", "mentions",
                  "sources")
HIT_FIELDS = ("id", "name", "score", "matched", "matched_text", "matched_words", "missing_words", "query_year",
              "year_matched", "weak")
FINDING_FIELDS = ("id", "category", "category_label", "number", "division", "status", "status_label", "finding",
                  "actions", "plans", "programs", "source")
BUDGET_FIELDS = ("year", "kind", "amount", "unit", "amount_krw", "period", "note", "year_printed", "includes_parts",
                 "source")
MILESTONE_FIELDS = ("date", "end", "status", "event", "note", "source")
REPORT_FIELDS = ("id", "title", "organization", "agency", "date", "as_of", "occasion", "file", "programs")
UNIT_FIELDS = ("name", "kind", "parent", "quota", "current", "duties", "execution", "programs")
ORGANISATION_FIELDS = ("report", "agency", "name", "as_of", "summary", "staff", "units", "execution", "finance")


def source(src: Source) -> dict[str, str]:
    return {"report": src.report, "quote": src.quote}


def division(ref: DivisionRef) -> dict[str, Any]:
    return {"year": ref.year, "name": ref.name, "source": source(ref.source)}


def division_not_stated(gap: DivisionNotStated) -> dict[str, Any]:
    return {"year": gap.year, "reason": gap.reason, "source": source(gap.source)}


def budget(item: Budget) -> dict[str, Any]:
    period = f"{item.period[0]}/{item.period[1]}" if item.period else None
    return {"year": item.year, "kind": item.kind, "amount": item.amount, "unit": item.unit,
            "amount_krw": item.amount_krw, "period": period, "note": item.note, "year_printed": item.year_printed,
            "includes_parts": item.includes_parts,
            "source": source(item.source)}


def target(item: Target) -> dict[str, Any]:
    return {"year": item.year, "kind": item.kind, "text": item.text, "value": item.value, "unit": item.unit,
            "note": item.note, "source": source(item.source)}


def milestone(item: Milestone) -> dict[str, Any]:
    return {"date": str(item.date), "end": str(item.end) if item.end else None, "status": item.status,
            "event": item.event, "note": item.note, "source": source(item.source)}


def program(item: Program) -> dict[str, Any]:
    return {
        "id": item.id, "name": item.name, "name_en": item.name_en,
        "aliases": [{"name": a.name, "report": a.report} for a in item.aliases],
        "agency": item.agency, "part_of": item.part_of, "successor_of": item.successor_of,
        "divisions": [division(d) for d in item.divisions],
        "divisions_not_stated": [division_not_stated(d) for d in item.divisions_not_stated],
        "tags": list(item.tags), "summary": item.summary,
        "years": list(item.years),
        "budgets": [budget(b) for b in item.budgets],
        "targets": [target(t) for t in item.targets],
        "milestones": [milestone(m) for m in item.milestones],
        "mentions": [source(m) for m in item.mentions],
        "sources": list(item.sources),
    }


def hit(item: Any) -> dict[str, Any]:
    """A search hit (search.Hit)."""
    return {"id": item.id, "name": item.name, "score": item.score,
            "matched": item.matched, "matched_text": item.matched_text,
            "matched_words": list(item.matched_words), "missing_words": list(item.missing_words),
            "query_year": item.query_year, "year_matched": item.year_matched, "weak": item.weak}


def report(item: Report, programs: int, with_toc: bool = False) -> dict[str, Any]:
    """A report; `programs` is how many programmes cite it."""
    data: dict[str, Any] = {
        "id": item.id, "title": item.title, "organization": item.organization, "agency": item.agency,
        "date": str(item.date), "as_of": str(item.as_of) if item.as_of else None, "occasion": item.occasion,
        "file": item.file, "programs": programs,
    }
    if with_toc:
        data["toc"] = [{"heading": e.heading, "programs": list(e.programs), "not_program": e.not_program}
                       for e in item.toc]
    return data


def budget_summary(summary: Any) -> dict[str, Any]:
    """A year's budgets of many programmes (query.BudgetSummary)."""
    return {
        "year": summary.year,
        "total_krw": summary.total_krw,
        "programs": [{"id": line.program.id, "name": line.program.name, "counted_in_total": line.counted,
                      **budget(line.budget)} for line in summary.lines],
    }


def finding(item: Finding) -> dict[str, Any]:
    from .models import FINDING_CATEGORIES

    return {
        "id": item.id, "category": FINDING_CATEGORIES[item.category], "category_label": item.category,
        "number": item.number, "division": item.division, "status": item.status_code, "status_label": item.status,
        "finding": item.finding, "actions": item.actions,
        "plans": [{"date": str(p.date), "end": str(p.end) if p.end else None, "event": p.event,
                   "source": source(p.source)} for p in item.plans],
        "programs": list(item.programs), "source": source(item.source),
    }


def execution(row: ExecutionRow | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {"budget": row.budget, "committed": row.committed, "spent": row.spent,
            "committed_rate": row.committed_rate, "spent_rate": row.spent_rate, "source": source(row.source)}


def unit(item: Unit, row: ExecutionRow | None, programs: list[str]) -> dict[str, Any]:
    """A unit of one report's organisation, with its execution row and the ids of its programmes."""
    return {"name": item.name, "kind": item.kind, "parent": item.parent, "quota": item.quota, "current": item.current,
            "duties": [duty.text for duty in item.duties], "execution": execution(row), "programs": programs}


def organisation(org: Organisation, units: list[dict[str, Any]]) -> dict[str, Any]:
    """One report's organisation; `units` are its units as `unit` gives them."""
    data: dict[str, Any] = {
        "report": org.report, "agency": org.agency, "name": org.name, "as_of": org.as_of, "summary": org.summary,
        "staff": {"quota": org.quota, "current": org.current},
        "units": units,
        "execution": None, "finance": None,
    }
    if org.execution:
        data["execution"] = {"unit": org.execution.unit, "as_of": org.execution.as_of,
                             "total": execution(org.execution.total), "note": org.execution.note}
    if org.finance:
        data["finance"] = {"unit": org.finance.unit, "title": org.finance.title, "note": org.finance.note,
                           "rows": [{"side": r.side, "item": r.item, "year": r.year, "amount": r.amount,
                                     "parent": r.parent, "source": source(r.source)} for r in org.finance.rows]}
    return data


def lineage(link: Lineage) -> dict[str, Any]:
    return {"from": link.from_name, "to": link.to_name, "kind": link.kind, "from_report": link.from_report,
            "to_report": link.to_report, "confidence": link.confidence, "evidence": link.evidence,
            "source": source(link.source)}


def division_history(names: list[str], links: list[Lineage], reports: list[dict[str, Any]]) -> dict[str, Any]:
    """A division across the reports; `reports` are its units as `unit` gives them, each with its report."""
    return {"name": names[0], "names": names, "lineage": [lineage(link) for link in links], "reports": reports}


def plan_outcome(item: Any) -> dict[str, Any]:
    """A plan and what a later report says of it (story.PlanOutcome)."""
    from .labels import PLAN_STATES

    return {"plan": milestone(item.plan), "report": item.plan_report, "state": item.state,
            "state_label": PLAN_STATES[item.state], "outcome": milestone(item.outcome) if item.outcome else None}


def comparison(item: Any) -> dict[str, Any]:
    """What changed between two reports (story.Comparison)."""
    def short(programs: Any) -> list[dict[str, str]]:
        return [{"id": p.id, "name": p.name} for p in programs]

    return {
        "before": item.before.id, "after": item.after.id,
        "new": short(item.new), "continuing": short(item.continuing), "dropped": short(item.dropped),
        "budget_changes": [{"id": c.program.id, "name": c.program.name, "before": budget(c.before), "after": budget(c.after),
                            "change_krw": c.change_krw, "change_percent": None if c.percent is None else round(c.percent, 1)}
                           for c in item.budget_changes],
        "lineage": [lineage(link) for link in item.lineage],
    }
