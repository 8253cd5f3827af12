"""brief: a one-page brief for a meeting, with a numbered source note for every figure.

The answer's document is a plain dict (also the --format json output); render/brief.py turns it
into Markdown, text or HTML. Long lists are cut to the most recent items so that a brief prints
on at most two A4 pages; what was cut is counted, never hidden.
"""

from __future__ import annotations

from .. import divisions, query, story
from ..errors import NotFound, QueryError
from ..labels import PLAN_STATES, STATUS_NAMES, lineage_link, printed_amount, shown, span, value, won
from .answer import Answer
from .common import named_program, program_label

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ..library import Library
    from ..models import Catalog, Program, Source

MAX_FACTS = 6        # targets, results, milestones, plans, findings, programmes: each list at most


def brief(lib: Library, program: str | None = None, division: str | None = None) -> Answer:
    if (program is None) == (division is None):
        raise QueryError("PROGRAM 또는 --division 중 하나를 주세요")
    catalog = lib.catalog()
    if program is not None:
        named = named_program(lib, program)
        return Answer("brief", program_brief(catalog, named.program, lib.programme_row("plans", named.program.id, story.plan_pairings)), remarks=(named.remark,) if named.remark else ())
    data = division_brief(catalog, division)
    if data is None:
        raise NotFound(f"'{shown(division)}' 부서가 조직표에 없습니다", divisions.suggest_divisions(catalog, division))
    return Answer("brief", data)


class Notes:
    """Numbered source notes; the same quote from the same report gets one number."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.numbers: dict[tuple[str, str], int] = {}

    def cite(self, source: Source) -> int:
        key = (source.report, source.quote)
        if key not in self.numbers:
            self.numbers[key] = len(self.numbers) + 1
        return self.numbers[key]

    def listing(self) -> list[dict[str, Any]]:
        titles = {r.id: f"{r.organization} 「{r.title}」({r.date})" for r in self.catalog.reports}
        return [{"number": number, "report": report, "title": titles.get(report, report), "quote": quote}
                for (report, quote), number in self.numbers.items()]


def _recent(items: list[Any], key: Any) -> tuple[list[Any], int]:
    """The MAX_FACTS most recent items (in date order) and how many were left out."""
    ordered = sorted(items, key=key)
    return ordered[-MAX_FACTS:], max(0, len(ordered) - MAX_FACTS)


def program_brief(catalog: Catalog, program: Program, plan_pairs: list[int]) -> dict[str, Any]:
    notes = Notes(catalog)
    changes = query.annual_changes(catalog, program)
    years = sorted({b.year for b in program.budgets if b.kind == "budget" and b.year})
    trend = []
    for year in years:
        chosen = query.annual_budget(catalog, program, year)
        change = changes.get(id(chosen))
        trend.append({"year": year, "amount_krw": chosen.amount_krw, "readable": won(chosen.amount_krw),
                      "printed": printed_amount(chosen.amount, chosen.unit),
                      "change_percent": round(change.percent, 1) if change else None, "note": notes.cite(chosen.source)})
    others = [{"kind": b.kind, "year": b.year, "period": f"{b.period[0]}/{b.period[1]}" if b.period else None,
               "readable": won(b.amount_krw), "printed": printed_amount(b.amount, b.unit), "remark": b.note,
               "note": notes.cite(b.source)}
              for b in sorted(program.budgets, key=lambda b: (b.year or 0, b.kind)) if b.kind in ("total_cost", "fund")]
    facts = {}
    for kind in ("target", "result"):
        chosen, cut = _recent([t for t in program.targets if t.kind == kind], key=lambda t: t.year or 0)
        facts[kind] = {"items": [{"year": t.year, "text": t.text, "value": value(t.value, t.unit),
                                  "note": notes.cite(t.source)} for t in chosen], "more": cut}
    done, done_cut = _recent([m for m in program.milestones if m.status != "planned"], key=lambda m: m.date.sort_key)
    plans, plans_cut = _recent(story.plan_outcomes(catalog, program, plan_pairs), key=lambda p: p.plan.date.sort_key)
    findings = catalog.findings_about(program.id)
    return {
        "kind": "program", "id": program.id, "name": program.name, "name_en": program.name_en,
        "aliases": [a.name for a in program.aliases], "summary": program.summary,
        "parent": _label(catalog, program.part_of), "predecessor": _label(catalog, program.successor_of),
        "parts": [c.name for c in catalog.children(program.id)],
        "divisions": [{"year": d.year, "name": d.name, "note": notes.cite(d.source)}
                      for d in sorted(program.divisions, key=lambda d: d.year)],
        "budget_trend": trend, "other_budgets": others,
        "targets": facts["target"], "results": facts["result"],
        "milestones": {"items": [_milestone(m, notes) for m in done], "more": done_cut},
        "plans": {"items": [{**_milestone(p.plan, notes), "state": PLAN_STATES[p.state],
                             "outcome": _milestone(p.outcome, notes) if p.outcome else None} for p in plans],
                  "more": plans_cut},
        "findings": {"items": [{"id": f.id, "status": f.status, "division": f.division, "finding": f.finding,
                                "note": notes.cite(f.source)} for f in findings[:MAX_FACTS]],
                     "more": max(0, len(findings) - MAX_FACTS)},
        "notes": notes.listing(),
    }


def division_brief(catalog: Catalog, wanted: str) -> dict[str, Any] | None:
    """The division's story: its names, staff and execution per report, programmes, findings."""
    names, links, entries = divisions.division_history(catalog, wanted)
    if not entries:
        return None
    notes = Notes(catalog)
    reports = []
    for org, unit in entries:
        row = divisions.execution_row(org, unit.name)
        reports.append({"report": org.report, "name": unit.name, "quota": unit.quota, "current": unit.current,
                        "staff_note": notes.cite(unit.staff_source) if unit.staff_source else None,
                        "duties": [duty.text for duty in unit.duties],
                        "budget": f"{row.budget:,}{org.execution.unit}" if row and org.execution else None,
                        "spent_rate": row.spent_rate if row else None,
                        "execution_note": notes.cite(row.source) if row else None})
    last_org, last_unit = entries[-1]
    year = divisions.report_year(catalog, last_org.report)
    programs = divisions.unit_programs(catalog, last_unit.name, year)
    lines = []
    for program in programs[:MAX_FACTS * 2]:
        budget = query.latest_annual_budget(catalog, program)
        lines.append({"id": program.id, "name": program.name,
                      "budget": f"{won(budget.amount_krw)} ({budget.year})" if budget else None,
                      "note": notes.cite(budget.source) if budget else None})
    findings = [f for f in catalog.findings if f.division in names]
    return {
        "kind": "division", "name": last_unit.name, "names": names,
        "lineage": [lineage_link(k) for k in links],
        "reports": reports, "year": year,
        "programs": {"items": lines, "more": max(0, len(programs) - MAX_FACTS * 2)},
        "findings": {"items": [{"id": f.id, "status": f.status, "division": f.division, "finding": f.finding,
                                "note": notes.cite(f.source)} for f in findings[:MAX_FACTS]],
                     "more": max(0, len(findings) - MAX_FACTS)},
        "notes": notes.listing(),
    }


def _milestone(item: Any, notes: Notes) -> dict[str, Any]:
    return {"date": span(item.date, item.end), "status": STATUS_NAMES[item.status], "event": item.event,
            "note": notes.cite(item.source)}


def _label(catalog: Catalog, program_id: str | None) -> str | None:
    return None if program_id is None else program_label(catalog, program_id)
