"""Validating the organisation in each report (data/organisation.yaml) into records: units,
staff, duties, budget execution, SBA finance and division lineage. The questions asked of them
are in divisions.py."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

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
