"""Validating the council's audit findings (data/findings.yaml) into records.

The file is optional: a catalogue without it simply has no findings. The questions asked of
them are in findings.py.
"""

from __future__ import annotations

from typing import Any

from . import models as m
from .checker import Checker, check_number, source
from .yamlio import line_of

STATUS_COLUMNS = ("done", "ongoing", "reviewing", "rejected")
FINDING_KEYS = ("category", "number", "division", "status", "finding", "actions", "source")


def build(c: Checker, document: Any, program_ids: set[str]) -> tuple[tuple[m.Finding, ...], m.FindingSummary | None]:
    root = c.fields(document, "findings.yaml", ("findings",), ("summary",), 1)
    if root is None:
        return (), None
    findings = []
    for where, node, line in c.items(root, "findings", ""):
        finding = _finding(c, node, where, line, program_ids)
        if finding is not None:
            findings.append(finding)
    _unique(c, findings)
    summary = _summary(c, root.get("summary"), line_of(root, "summary")) if "summary" in root else None
    return tuple(findings), summary


def _finding(c: Checker, node: Any, where: str, line: int, program_ids: set[str]) -> m.Finding | None:
    node = c.fields(node, where, FINDING_KEYS, ("plans", "programs"), line)
    if node is None:
        return None
    category = c.choice(node, "category", where, m.FINDING_CATEGORIES)
    status = c.choice(node, "status", where, m.FINDING_STATUSES)
    number = c.typed(node, "number", where, (int,))
    texts = [c.text(node, key, where) for key in ("division", "finding", "actions")]
    programs = tuple(str(p) for p in c.typed(node, "programs", where, (list,), []))
    for program_id in programs:
        if program_id not in program_ids:
            c.problem(line_of(node, "programs"), f"{where}.programs", f"없는 프로그램입니다: {program_id!r}")
    plans = tuple(p for item_where, item, item_line in c.items(node, "plans", where)
                  if (p := _plan(c, item, item_where, item_line)) is not None)
    src = source(c, node, where)
    if category is None or status is None or number is None or None in texts or src is None:
        return None
    division, finding, actions = texts
    return m.Finding(category, number, division, status, finding, actions, plans, programs, src)  # type: ignore[arg-type]


def _plan(c: Checker, node: Any, where: str, line: int) -> m.FindingPlan | None:
    node = c.fields(node, where, ("date", "event", "source"), ("end",), line)
    if node is None:
        return None
    date, end, event, src = c.date(node, "date", where), c.date(node, "end", where), c.text(node, "event", where), source(c, node, where)
    return m.FindingPlan(date, end, event, src) if date and event and src else None


def _unique(c: Checker, findings: list[m.Finding]) -> None:
    seen: set[str] = set()
    for finding in findings:
        if finding.id in seen:
            c.problem(finding.source.line, f"findings[{finding.id}]", f"번호가 중복됩니다: {finding.category} {finding.number}")
        seen.add(finding.id)


def _summary(c: Checker, node: Any, line: int) -> m.FindingSummary | None:
    node = c.fields(node, "summary", ("report", "as_of", "rows", "note"), ("inconsistency",), line)
    if node is None:
        return None
    rows = []
    for where, item, item_line in c.items(node, "rows", "summary"):
        row = c.fields(item, where, ("category", "total", "source"), STATUS_COLUMNS, item_line)
        if row is None:
            continue
        counts = {key: c.typed(row, key, where, (int,)) for key in STATUS_COLUMNS}
        category, total, src = c.text(row, "category", where), c.typed(row, "total", where, (int,)), source(c, row, where)
        for key, value in (("total", total), *counts.items()):
            check_number(c, row, key, where, value, src)
        if category and total is not None and src:
            rows.append(m.FindingCount(category, total, counts, src))
    note = c.fields(node.get("note"), "summary.note", ("text", "source"), (), line_of(node, "note"))
    note_text = c.text(note, "text", "summary.note") if note is not None else None
    note_source = source(c, note, "summary.note") if note is not None else None
    report, as_of = c.text(node, "report", "summary"), c.date(node, "as_of", "summary")
    if not (report and as_of and note_text and note_source):
        return None
    return m.FindingSummary(report, as_of, tuple(rows), note_text, note_source, c.text(node, "inconsistency", "summary"))


def sources(records: tuple[m.Finding, ...], summary: m.FindingSummary | None) -> list[tuple[str, m.Source]]:
    """(where, source) of every quote in the findings, for the quote check."""
    found: list[tuple[str, m.Source]] = []
    for finding in records:
        found.append((f"findings[{finding.id}]", finding.source))
        found.extend((f"findings[{finding.id}].plans", plan.source) for plan in finding.plans)
    if summary is not None:
        found.extend(("findings.summary", row.source) for row in summary.rows)
        found.append(("findings.summary.note", summary.note_source))
    return found
