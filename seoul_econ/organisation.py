"""The organisation in each report (data/organisation.yaml): units, staff, duties, budget
execution, SBA finance and division lineage; validation and the questions asked of it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from . import hangul
from . import models as m
from .checker import Checker, check_number
from .yamlio import line_of

UNIT_SPEC = {"name": ("text", True), "kind": ("text", True), "parent": ("text", False), "quota": ("int", False),
             "current": ("int", False), "staff_source": ("source", False), "source": ("source", False),
             "duties": ("list", False), "note": ("text", False)}
ROW_SPEC = {"division": ("text", True), "budget": ("int", True), "committed": ("int", False), "spent": ("int", False),
            "committed_rate": ("number", False), "spent_rate": ("number", False), "note": ("text", False),
            "source": ("source", True)}
TOTAL_SPEC = {**ROW_SPEC, "division": ("text", False)}   # the 계 row has no division name
SUMMARY_SPEC = {"text": ("text", True), "source": ("source", True)}
STAFF_SPEC = {"quota": ("int", True), "current": ("int", True), "source": ("source", True)}
LINEAGE_SPEC = {"from": ("text", True), "to": ("text", True), "kind": ("text", True), "from_report": ("text", True),
                "to_report": ("text", True), "confidence": ("text", True), "evidence": ("text", True),
                "source": ("source", True), "evidence_sources": ("list", False)}
# Lineage that carries a division's programmes to its successor: renames, splits and merges the
# reports show clearly. A single duty moving (duty_transfer) does not make two divisions one.
FOLLOWED_KINDS = ("rename", "split", "merge")


def build(c: Checker, document: Any) -> tuple[tuple[m.Organisation, ...], tuple[m.Lineage, ...]]:
    root = c.fields(document, "organisation.yaml", ("organisations",), ("lineage",), 1)
    if root is None:
        return (), ()
    organisations = tuple(o for where, node, line in c.items(root, "organisations", "")
                          if (o := _organisation(c, node, f"organisations[{_report_of(node)}]", line)))
    lineage = tuple(item for where, node, line in c.items(root, "lineage", "") if (item := _lineage(c, node, where, line)))
    return organisations, lineage


def _report_of(node: Any) -> Any:
    return node.get("report", "?") if isinstance(node, dict) else "?"


def _organisation(c: Checker, node: Any, where: str, line: int) -> m.Organisation | None:
    node = c.fields(node, where, ("report", "agency", "name", "as_of", "summary", "staff_total", "units"),
                    ("execution", "finance"), line)
    if node is None:
        return None
    report, name, as_of = (c.text(node, key, where) for key in ("report", "name", "as_of"))
    agency = c.choice(node, "agency", where, m.AGENCIES)
    summary = c.record(node.get("summary"), f"{where}.summary", line_of(node, "summary"), SUMMARY_SPEC)
    staff = c.record(node.get("staff_total"), f"{where}.staff_total", line_of(node, "staff_total"), STAFF_SPEC)
    if staff:
        for key in ("quota", "current"):
            check_number(c, node["staff_total"], key, f"{where}.staff_total", staff[key], staff["source"])
    units = tuple(u for item_where, item, item_line in c.items(node, "units", where)
                  if (u := _unit(c, item, item_where, item_line)))
    execution = _execution(c, node["execution"], f"{where}.execution", line_of(node, "execution")) if "execution" in node else None
    finance = _finance(c, node["finance"], f"{where}.finance", line_of(node, "finance")) if "finance" in node else None
    if not (report and agency and name and as_of and summary and staff):
        return None
    return m.Organisation(report, agency, name, as_of, summary["text"], summary["source"], staff["quota"],
                          staff["current"], staff["source"], units, execution, finance)


def _unit(c: Checker, node: Any, where: str, line: int) -> m.Unit | None:
    values = c.record(node, where, line, UNIT_SPEC)
    if values is None:
        return None
    for key in ("quota", "current"):
        if values[key] is not None:
            if values["staff_source"] is None:
                c.problem(line_of(node, key), f"{where}.{key}", "정원·현원에는 staff_source가 필요합니다")
            check_number(c, node, key, where, values[key], values["staff_source"])
    duties = tuple(m.Duty(d["text"], d["source"]) for item_where, item, item_line in c.items(node, "duties", where)
                   if (d := c.record(item, item_where, item_line, {"text": ("text", True), "source": ("source", True)})))
    return m.Unit(values["name"], values["kind"], values["parent"], values["quota"], values["current"],
                  values["staff_source"], duties, values["note"])


def _row(c: Checker, node: Any, where: str, line: int, spec: dict[str, tuple[str, bool]] = ROW_SPEC) -> m.ExecutionRow | None:
    values = c.record(node, where, line, spec)
    if values is None:
        return None
    for key in m.EXECUTION_COLUMNS:
        check_number(c, node, key, where, values[key], values["source"])
    return m.ExecutionRow(values["division"] or "계", values["budget"], values["committed"], values["spent"],
                          values["committed_rate"], values["spent_rate"], values["source"])


def _execution(c: Checker, node: Any, where: str, line: int) -> m.Execution | None:
    values = c.record(node, where, line, {"unit": ("text", True), "as_of": ("text", False), "columns_note": ("text", False),
                                          "rows": ("list", True), "total": ("mapping", True), "note": ("text", False)})
    if values is None:
        return None
    rows = tuple(r for item_where, item, item_line in c.items(node, "rows", where) if (r := _row(c, item, item_where, item_line)))
    total = _row(c, node.get("total"), f"{where}.total", line_of(node, "total"), TOTAL_SPEC)
    if total is None:
        return None
    return m.Execution(values["unit"], values["as_of"], values["columns_note"], rows, total, values["note"])


def _finance(c: Checker, node: Any, where: str, line: int) -> m.Finance | None:
    values = c.record(node, where, line, {"unit": ("text", True), "title": ("text", False), "rows": ("list", True),
                                          "note": ("text", False)})
    if values is None:
        return None
    rows = []
    spec = {"side": ("text", True), "item": ("text", True), "year": ("int", True), "amount": ("int", True),
            "parent": ("text", False), "source": ("source", True)}
    for item_where, item, item_line in c.items(node, "rows", where):
        row = c.record(item, item_where, item_line, spec)
        if row:
            check_number(c, item, "amount", item_where, row["amount"], row["source"])
            rows.append(m.FinanceRow(row["side"], row["item"], row["year"], row["amount"], row["parent"], row["source"]))
    return m.Finance(values["unit"], values["title"], tuple(rows), values["note"])


def _lineage(c: Checker, node: Any, where: str, line: int) -> m.Lineage | None:
    values = c.record(node, where, line, LINEAGE_SPEC)
    if values is None:
        return None
    if values["kind"] not in m.LINEAGE_KINDS:
        c.problem(line_of(node, "kind"), f"{where}.kind", f"허용되지 않습니다: {values['kind']!r} (가능: {', '.join(m.LINEAGE_KINDS)})")
        return None
    evidence = tuple(m.Source(found["report"], found["quote"], item_line)
                     for item_where, item, item_line in c.items(node, "evidence_sources", where)
                     if (found := c.record(item, item_where, item_line, {"report": ("text", True), "quote": ("text", True)})))
    return m.Lineage(values["from"], values["to"], values["kind"], values["from_report"], values["to_report"],
                     values["confidence"], values["evidence"], values["source"], evidence)


def sources(organisations: tuple[m.Organisation, ...], lineage: tuple[m.Lineage, ...]) -> Iterator[tuple[str, m.Source]]:
    """(where, source) of every quote, for the quote check."""
    for org in organisations:
        where = f"organisations[{org.report}]"
        yield where, org.summary_source
        yield where, org.staff_source
        for unit in org.units:
            if unit.staff_source:
                yield f"{where}.units[{unit.name}]", unit.staff_source
            yield from ((f"{where}.units[{unit.name}].duties", duty.source) for duty in unit.duties)
        if org.execution:
            for row in (*org.execution.rows, org.execution.total):
                yield f"{where}.execution[{row.division}]", row.source
        if org.finance:
            yield from ((f"{where}.finance[{row.item}]", row.source) for row in org.finance.rows)
    for link in lineage:
        where = f"lineage[{link.from_name}→{link.to_name}]"
        yield where, link.source
        yield from ((where, src) for src in link.evidence_sources)


# --- questions ------------------------------------------------------------------------------

def related_names(catalog: m.Catalog, name: str) -> dict[str, m.Lineage]:
    """Divisions linked to `name` by followed lineage, predecessors and successors (never the
    siblings of a split), each with the link that reached it."""
    links = [link for link in catalog.lineage if link.kind in FOLLOWED_KINDS and link.confidence == "high"]
    found: dict[str, m.Lineage] = {}
    for forward in (True, False):
        frontier = [name]
        while frontier:
            current = frontier.pop()
            for link in links:
                start, end = (link.from_name, link.to_name) if forward else (link.to_name, link.from_name)
                if start == current and end != name and end not in found:
                    found[end] = link
                    frontier.append(end)
    return found


def organisation_for(catalog: m.Catalog, report: str) -> m.Organisation | None:
    return next((o for o in catalog.organisations if o.report == report), None)


def units_named(catalog: m.Catalog, wanted: str) -> list[str]:
    """Every unit name in any report that matches wanted exactly or by part of the name."""
    norm = hangul.normalize(wanted)
    names = {u.name for o in catalog.organisations for u in o.units}
    exact = [n for n in names if hangul.normalize(n) == norm]
    return exact or sorted(n for n in names if norm and norm in hangul.normalize(n))


def organisations_for(catalog: m.Catalog, year: int | None, agency: str | None) -> list[m.Organisation]:
    """The organisation tables of year's reports, oldest first (default: the latest report)."""
    year_of = {r.id: r.year for r in catalog.reports}
    chosen = sorted((o for o in catalog.organisations if agency is None or o.agency == agency), key=lambda o: o.report)
    if year is not None:
        return [o for o in chosen if year_of.get(o.report) == year]
    return chosen[-1:]


def tree_order(units: tuple[m.Unit, ...]) -> list[tuple[int, m.Unit]]:
    """Units with their depth, each parent followed by its children, in the report's order."""
    names = {u.name for u in units}
    ordered: list[tuple[int, m.Unit]] = []

    def visit(parent: str | None, depth: int) -> None:
        for unit in units:
            if (unit.parent if unit.parent in names else None) == parent and unit.name != parent:
                ordered.append((depth, unit))
                visit(unit.name, depth + 1)

    visit(None, 0)
    return ordered


def execution_row(org: m.Organisation, unit_name: str) -> m.ExecutionRow | None:
    if org.execution is None:
        return None
    norm = hangul.normalize(unit_name)
    return next((row for row in org.execution.rows if hangul.normalize(row.division) == norm), None)


def unit_programs(catalog: m.Catalog, unit_name: str, year: int) -> list[m.Program]:
    """Programmes the reports put under unit_name in year (the latest statement up to year)."""
    from .query import divisions_for

    return [p for p in catalog.programs if unit_name in divisions_for(p, year, catalog.program_by_id)[0]]


def report_year(catalog: m.Catalog, report_id: str) -> int:
    return catalog.report_by_id[report_id].year


def division_history(catalog: m.Catalog, wanted: str) -> tuple[list[str], list[m.Lineage], list[tuple[m.Organisation, m.Unit]]]:
    """A division across the reports: the names it went by (lineage followed), the links, and
    (organisation, unit) for every report that lists one of those names, oldest first."""
    names = units_named(catalog, wanted)
    if not names:
        return [], [], []
    first = names[0]
    related = related_names(catalog, first)
    all_names = [first, *related]
    links = [link for link in catalog.lineage if link.from_name in all_names and link.to_name in all_names]
    entries = [(org, unit) for org in sorted(catalog.organisations, key=lambda o: o.report)
               for unit in org.units if unit.name in all_names]
    return all_names, links, entries
