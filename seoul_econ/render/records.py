"""The JSON contract: plain dicts with stable English keys (documented in docs/json.md).

Changing a key here is a breaking change for scripts; tests/test_json_contract.py pins them.
"""

from __future__ import annotations

from typing import Any

from ..models import (FINDING_CATEGORIES, Budget, Catalog, DivisionRef, Finding, Milestone, Program, Report,
                      Source, Target)
from ..query import BudgetSummary
from ..search import Hit


def source(src: Source) -> dict[str, str]:
    return {"report": src.report, "quote": src.quote}


def division(ref: DivisionRef) -> dict[str, Any]:
    return {"year": ref.year, "name": ref.name, "source": source(ref.source)}


def budget(item: Budget) -> dict[str, Any]:
    period = f"{item.period[0]}/{item.period[1]}" if item.period else None
    return {"year": item.year, "kind": item.kind, "amount": item.amount, "unit": item.unit,
            "amount_krw": item.amount_krw, "period": period, "note": item.note, "source": source(item.source)}


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
        "divisions": [division(d) for d in item.divisions], "tags": list(item.tags), "summary": item.summary,
        "years": list(item.years),
        "budgets": [budget(b) for b in item.budgets],
        "targets": [target(t) for t in item.targets],
        "milestones": [milestone(m) for m in item.milestones],
        "mentions": [source(m) for m in item.mentions],
        "sources": list(item.sources),
    }


def hit(item: Hit) -> dict[str, Any]:
    return {"id": item.program.id, "name": item.program.name, "score": item.score,
            "matched": item.matched, "matched_text": item.matched_text}


def report(item: Report, catalog: Catalog, with_toc: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": item.id, "title": item.title, "organization": item.organization, "agency": item.agency,
        "date": str(item.date), "as_of": str(item.as_of) if item.as_of else None, "occasion": item.occasion,
        "file": item.file, "programs": sum(1 for p in catalog.programs if item.id in p.sources),
    }
    if with_toc:
        data["toc"] = [{"heading": e.heading, "programs": list(e.programs), "not_program": e.not_program}
                       for e in item.toc]
    return data


def budget_summary(summary: BudgetSummary) -> dict[str, Any]:
    return {
        "year": summary.year,
        "total_krw": summary.total_krw,
        "programs": [{"id": line.program.id, "name": line.program.name, "counted_in_total": line.counted,
                      **budget(line.budget)} for line in summary.lines],
    }


def finding(item: Finding) -> dict[str, Any]:
    return {
        "id": item.id, "category": FINDING_CATEGORIES[item.category], "category_label": item.category,
        "number": item.number, "division": item.division, "status": item.status_code, "status_label": item.status,
        "finding": item.finding, "actions": item.actions,
        "plans": [{"date": str(p.date), "end": str(p.end) if p.end else None, "event": p.event,
                   "source": source(p.source)} for p in item.plans],
        "programs": list(item.programs), "source": source(item.source),
    }
