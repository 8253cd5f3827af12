"""Validate a parsed catalogue into records, and prove its quotes against the report texts.

Every problem is reported as `file:line: field: message`, all of them at once, in one
`CatalogError`. Only a cache miss or `validate` comes here (catalog.py loads and caches).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from . import build_findings as findings, build_organisation as organisation, hangul
from . import models as m
from .checker import MAX_NUMBER, Checker, check_number, parse_date, shared, source as _source
from .errors import CatalogError
from .proofs import program_sources
from .labels import particle
from .yamlio import line_of, read_fast, read_yaml

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _report(c: Checker, node: Any, where: str, line: int) -> m.Report | None:
    node = c.fields(node, where, ("id", "title", "organization", "agency", "date", "file"),
                    ("as_of", "occasion", "toc", "sections", "tables"), line)
    if node is None:
        return None
    toc, sections = _headings(c, node, "toc", where), _headings(c, node, "sections", where)
    tables = []
    for item_where, item, item_line in c.items(node, "tables", where):
        table = c.fields(item, item_where, ("table", "rows"), ("program",), item_line)
        if table is not None:
            rows = tuple(_covered(c, row, row_where, row_line, "row", m.TableRow)
                         for row_where, row, row_line in c.items(table, "rows", item_where))
            tables.append(m.Table(c.text(table, "table", item_where) or "", c.text(table, "program", item_where),
                                  tuple(r for r in rows if r is not None), line_of(table)))
    values = (c.text(node, "id", where), c.text(node, "title", where), c.text(node, "organization", where),
              c.choice(node, "agency", where, m.AGENCIES), c.date(node, "date", where), c.text(node, "file", where))
    if values[-1] is not None and not _inside_sources(values[-1]):
        c.problem(line_of(node, "file"), f"{where}.file", f"sources 폴더 안의 상대 경로여야 합니다: {values[-1]!r}")
        return None
    if any(v is None for v in values):
        return None
    report_id, title, organization, agency, date, file = values
    return m.Report(report_id, title, organization, agency, date, c.date(node, "as_of", where),  # type: ignore[arg-type]
                    c.text(node, "occasion", where) or "", file, toc, sections, tuple(tables))  # type: ignore[arg-type]


def _headings(c: Checker, node: dict[str, Any], key: str, where: str) -> tuple[m.TocEntry, ...]:
    """A report's `toc` or `sections`: headings, each mapped to programmes or marked with a reason."""
    entries = (_covered(c, item, item_where, item_line, "heading", m.TocEntry)
               for item_where, item, item_line in c.items(node, key, where))
    return tuple(e for e in entries if e is not None)


def _covered(c: Checker, item: Any, where: str, line: int, text_key: str, record: type[Any]) -> Any:
    """A heading or table row: its printed text, and the programmes covering it or why none does."""
    entry = c.fields(item, where, (text_key,), ("programs", "not_program"), line)
    if entry is None:
        return None
    programs = tuple(str(p) for p in c.typed(entry, "programs", where, (list,), []))
    not_program = c.text(entry, "not_program", where)
    if not programs and not not_program:
        c.problem(line_of(entry), where, "programs 또는 not_program(사유)이 있어야 합니다")
    return record(c.text(entry, text_key, where) or "", programs, not_program, line_of(entry))


def _inside_sources(file: str) -> bool:
    """A report's file names a file in the sources folder: no absolute path, no `..`."""
    path = PurePosixPath(file)
    return not path.is_absolute() and ".." not in path.parts


def _division(c: Checker, node: dict[str, Any], where: str) -> m.DivisionRef | m.DivisionNotStated | None:
    """`{year, name, source}`, or `{year, not_stated: reason, source}` where the report does not say."""
    if ("name" in node) == ("not_stated" in node):
        c.problem(line_of(node), where, "name(부서명)과 not_stated(보고서에 없는 사유) 중 하나만 써야 합니다")
        return None
    year, source = c.year(node, "year", where), _source(c, node, where)
    if "not_stated" in node:
        reason = c.text(node, "not_stated", where)
        return m.DivisionNotStated(year, reason, source) if year and reason and source else None
    name = c.label(node, "name", where)
    return m.DivisionRef(year, name, source) if year and name and source else None


def _check_divisions(c: Checker, entries: tuple[Any, ...], where: str, year_of: dict[str, int]) -> None:
    """A division entry belongs to its source's report: the same year, and one kind per report
    (a report cannot both name the division and not state it)."""
    named = {d.source.report for d in entries if isinstance(d, m.DivisionRef)}
    for entry in entries:
        report = entry.source.report
        if report in year_of and entry.year != year_of[report]:
            c.problem(entry.source.line, f"{where}.divisions",
                      f"연도 {entry.year}가 출처 보고서 {report}의 연도 {year_of[report]}와 다릅니다")
        if isinstance(entry, m.DivisionNotStated) and report in named:
            c.problem(entry.source.line, f"{where}.divisions",
                      f"보고서 {report}에 부서명이 있는데 not_stated도 있습니다")


def _budget(c: Checker, node: dict[str, Any], where: str) -> m.Budget | None:
    kind = c.choice(node, "kind", where, m.BUDGET_KINDS)
    unit = c.choice(node, "unit", where, m.UNIT_WON)
    amount = c.typed(node, "amount", where, (int, float))
    year, source = c.year(node, "year", where), _source(c, node, where)
    period = _period(c, node, where)
    if kind in ("budget", "supplementary", "spent") and node.get("year") is None:
        c.problem(line_of(node), f"{where}.year", f"{kind} 항목에는 연도가 필요합니다")
    if amount is not None and amount < 0:
        c.problem(line_of(node, "amount"), f"{where}.amount", "금액은 0 이상이어야 합니다")
        return None
    check_number(c, node, "amount", where, amount, source)
    year_printed = c.typed(node, "year_printed", where, (bool,), True)
    if not year_printed and node.get("year") is None:
        c.problem(line_of(node, "year_printed"), f"{where}.year_printed",
                  "year_printed: false는 연도(year)를 적은 항목에만 씁니다")
    includes_parts = c.typed(node, "includes_parts", where, (bool,), True)
    if not includes_parts and kind != "budget":
        c.problem(line_of(node, "includes_parts"), f"{where}.includes_parts",
                  "includes_parts: false는 연간 예산(kind: budget)에만 씁니다")
    if kind is None or unit is None or amount is None or source is None:
        return None
    try:
        won = m.amount_in_won(amount, unit)
    except ValueError as error:
        c.problem(line_of(node, "amount"), f"{where}.amount", str(error))
        return None
    if won > MAX_NUMBER:   # amount_krw must fit the exports as the printed amount does
        c.problem(line_of(node, "amount"), f"{where}.amount", f"원으로 환산하면 {won:,}원으로 2^53({MAX_NUMBER:,})을 넘습니다")
        return None
    return m.Budget(year, kind, amount, unit, won, period, c.text(node, "note", where), source, year_printed,
                    includes_parts)


def _period(c: Checker, node: dict[str, Any], where: str) -> tuple[m.PartialDate, m.PartialDate] | None:
    text = c.text(node, "period", where)
    if text is None:
        return None
    parts = text.split("/")
    try:
        if len(parts) != 2:
            raise m.DateError(f"기간은 '시작/끝' 형식이어야 합니다: {text!r}")
        start, end = (parse_date(p.strip()) for p in parts)
    except m.DateError as error:
        c.problem(line_of(node, "period"), f"{where}.period", str(error))
        return None
    return start, end


def _target(c: Checker, node: dict[str, Any], where: str) -> m.Target | None:
    kind, text = c.choice(node, "kind", where, m.TARGET_KINDS), c.text(node, "text", where)
    value = c.typed(node, "value", where, (int, float))
    source = _source(c, node, where)
    check_number(c, node, "value", where, value, source)
    if kind is None or text is None or source is None:
        return None
    return m.Target(c.year(node, "year", where), kind, text, value, c.label(node, "unit", where),
                    c.text(node, "note", where), source)


def _milestone(c: Checker, node: dict[str, Any], where: str) -> m.Milestone | None:
    date, end = c.date(node, "date", where), c.date(node, "end", where)
    status, event = c.choice(node, "status", where, m.MILESTONE_STATUSES), c.text(node, "event", where)
    source = _source(c, node, where)
    if date and end and end.sort_key < date.sort_key:
        c.problem(line_of(node, "end"), f"{where}.end", f"끝({end})이 시작({date})보다 앞섭니다")
    if date is None or status is None or event is None or source is None:
        return None
    return m.Milestone(date, end, status, event, c.text(node, "note", where), source)


def _mention(c: Checker, node: dict[str, Any], where: str) -> m.Source | None:
    report, quote = c.text(node, "report", where), c.text(node, "quote", where)
    return m.Source(report, quote, line_of(node)) if report and quote else None


# field → (required keys, optional keys, builder)
_FACTS: dict[str, tuple[tuple[str, ...], tuple[str, ...], Callable[[Checker, dict[str, Any], str], Any]]] = {
    "divisions": (("year", "source"), ("name", "not_stated"), _division),
    "budgets": (("kind", "amount", "unit", "source"), ("year", "period", "note", "year_printed", "includes_parts"),
                _budget),
    "targets": (("kind", "text", "source"), ("year", "value", "unit", "note"), _target),
    "milestones": (("date", "status", "event", "source"), ("end", "note"), _milestone),
    "mentions": (("report", "quote"), (), _mention),
}
_PROGRAM_REQUIRED = ("id", "name", "agency", "summary", "mentions")
_PROGRAM_OPTIONAL = ("name_en", "aliases", "part_of", "successor_of", "tags", "divisions", "budgets",
                     "targets", "milestones", "shared_names")


def _program(c: Checker, node: Any, where: str, line: int, year_of: dict[str, int]) -> m.Program | None:
    node = c.fields(node, where, _PROGRAM_REQUIRED, _PROGRAM_OPTIONAL, line)
    if node is None:
        return None
    facts: dict[str, tuple[Any, ...]] = {}
    for key, (required, optional, build) in _FACTS.items():
        built = []
        for item_where, item, item_line in c.items(node, key, where):
            fact = c.fields(item, item_where, required, optional, item_line)
            if fact is not None and (record := build(c, fact, item_where)) is not None:
                built.append(record)
        facts[key] = tuple(built)
    program_id = c.text(node, "id", where)
    if program_id is not None and not SLUG.fullmatch(program_id):
        c.problem(line_of(node, "id"), f"{where}.id", f"id는 영문 소문자·숫자·하이픈이어야 합니다: {program_id!r}")
        program_id = None
    values = (program_id, c.text(node, "name", where), c.choice(node, "agency", where, m.AGENCIES),
              c.text(node, "summary", where))
    aliases = tuple(_aliases(c, node, where))
    tags = tuple(shared(str(t)) for t in c.typed(node, "tags", where, (list,), []))
    if any(v is None for v in values):
        return None
    program_id, name, agency, summary = values
    _check_divisions(c, facts["divisions"], where, year_of)
    named = tuple(d for d in facts["divisions"] if isinstance(d, m.DivisionRef))
    not_stated = tuple(d for d in facts["divisions"] if isinstance(d, m.DivisionNotStated))
    return m.Program(program_id, name, c.text(node, "name_en", where), aliases, agency,  # type: ignore[arg-type]
                     c.text(node, "part_of", where), c.text(node, "successor_of", where), tags, summary,  # type: ignore[arg-type]
                     named, facts["budgets"], facts["targets"], facts["milestones"], facts["mentions"],
                     tuple(sorted({year_of[s.report] for s in facts["mentions"] if s.report in year_of})), not_stated,
                     tuple(_shared_names(c, node, where)))


def _aliases(c: Checker, node: dict[str, Any], where: str) -> Iterator[m.Alias]:
    for item_where, item, item_line in c.items(node, "aliases", where):
        alias = c.fields(item, item_where, ("name",), ("report",), item_line)
        if alias is not None and (name := c.text(alias, "name", item_where)):
            yield m.Alias(name, c.text(alias, "report", item_where))


def _shared_names(c: Checker, node: dict[str, Any], where: str) -> Iterator[m.SharedName]:
    for item_where, item, item_line in c.items(node, "shared_names", where):
        entry = c.fields(item, item_where, ("name", "reason"), (), item_line)
        if entry is not None and (name := c.text(entry, "name", item_where)) and (reason := c.text(entry, "reason", item_where)):
            yield m.SharedName(name, reason)


def _cross_check(c: Checker, reports: list[m.Report], programs: list[m.Program],
                 lines: dict[str, int]) -> None:
    """Links between records: unique ids, known reports, known programmes."""
    report_ids = {r.id for r in reports}
    program_ids = {p.id for p in programs}
    _duplicates(c, [r.id for r in reports], "reports", lines)
    _duplicates(c, [p.id for p in programs], "programs", lines)
    for report in reports:
        for key, entries in (("toc", report.toc), ("sections", report.sections)):
            for entry in entries:
                for program_id in entry.programs:
                    if program_id not in program_ids:
                        c.problem(entry.line, f"reports[{report.id}].{key}",
                                  f"목차 {particle(repr(entry.heading), '이/가')} 없는 프로그램 {particle(repr(program_id), '을/를')} 가리킵니다")
        _check_tables(c, report, {p.id: p for p in programs})
    _check_shared_names(c, programs, lines)
    for program in programs:
        where = f"programs[{program.id}]"
        for link in ("part_of", "successor_of"):
            target = getattr(program, link)
            if target is not None and target not in program_ids:
                c.problem(lines.get(program.id, 0), f"{where}.{link}", f"없는 프로그램입니다: {target!r}")
        for alias in program.aliases:
            if alias.report and alias.report not in report_ids:
                c.problem(lines.get(program.id, 0), f"{where}.aliases", f"없는 보고서입니다: {alias.report!r}")
        for source in program_sources(program):
            if source.report not in report_ids:
                c.problem(source.line, f"{where}", f"출처가 없는 보고서를 가리킵니다: {source.report!r}")


def _check_tables(c: Checker, report: m.Report, by_id: dict[str, m.Program]) -> None:
    """A table's rows name known programmes; in a programme's own table, that programme or its parts."""
    for table in report.tables:
        where = f"reports[{report.id}].tables"
        if table.program is not None and table.program not in by_id:
            c.problem(table.line, where, f"표 {table.title!r}의 program이 없는 프로그램입니다: {table.program!r}")
            continue
        for row in table.rows:
            for program_id in row.programs:
                program = by_id.get(program_id)
                if program is None:
                    c.problem(row.line, where, f"표의 행 {particle(repr(row.row), '이/가')} 없는 프로그램 {particle(repr(program_id), '을/를')} 가리킵니다")
                elif table.program is not None and table.program not in _lineage(program, by_id):
                    c.problem(row.line, where, f"표의 행 {particle(repr(row.row), '은/는')} {table.program!r} 자신이나 그 하위 사업"
                                               f"(part_of로 이어지는 사업)이어야 합니다: {program_id!r}")


def _lineage(program: m.Program, by_id: dict[str, m.Program]) -> list[str]:
    """The programme's id and its ancestors' through part_of (a cycle ends the walk)."""
    ids, parent = [program.id], program.part_of
    while parent is not None and parent not in ids:
        ids.append(parent)
        parent = by_id[parent].part_of if parent in by_id else None
    return ids


def _check_shared_names(c: Checker, programs: list[m.Program], lines: dict[str, int]) -> None:
    """No name or alias (compared after hangul.normalize) belongs to two programmes, unless one of
    them lists it in `shared_names` with the reason; a `shared_names` entry must name a shared name."""
    owners: dict[str, list[m.Program]] = {}
    for program in programs:
        for key in {hangul.normalize(n) for n in (program.name, *(a.name for a in program.aliases))}:
            owners.setdefault(key, []).append(program)
    for key, sharing in owners.items():
        if len(sharing) > 1 and not any(hangul.normalize(s.name) == key for p in sharing for s in p.shared_names):
            last = sharing[-1]
            printed = next(n for n in (last.name, *(a.name for a in last.aliases)) if hangul.normalize(n) == key)
            c.problem(lines.get(last.id, 0), f"programs[{last.id}]",
                      f"이름 {particle(repr(printed), '을/를')} 여러 프로그램이 씁니다({', '.join(p.id for p in sharing)}): "
                      "한쪽을 고치거나 shared_names에 사유를 적으세요")
    for program in programs:
        for shared_name in program.shared_names:
            key = hangul.normalize(shared_name.name)
            if program not in owners.get(key, []) or len(owners[key]) < 2:
                c.problem(lines.get(program.id, 0), f"programs[{program.id}].shared_names",
                          f"{particle(repr(shared_name.name), '은/는')} 이 프로그램이 다른 프로그램과 함께 쓰는 이름이 아닙니다")


def _duplicates(c: Checker, ids: list[str], what: str, lines: dict[str, int]) -> None:
    seen: set[str] = set()
    for item_id in ids:
        if item_id in seen:
            c.problem(lines.get(item_id, 0), f"{what}[{item_id}].id", f"id가 중복됩니다: {item_id!r}")
        seen.add(item_id)


def read_and_build(path: Path, files: dict[Path, bytes]) -> m.Catalog:
    """Build from the fast reader; on any problem, again from the strict one, whose messages
    carry line numbers (and which is the reference when the two readers disagree)."""
    fast = {p: read_fast(p, data) for p, data in files.items()}
    if all(document is not None for document in fast.values()):
        try:
            return build_catalog(path, fast.pop(path), fast)
        except CatalogError:
            pass
    strict = {p: read_yaml(p, data) for p, data in files.items()}
    return build_catalog(path, strict.pop(path), strict)


def build_catalog(path: Path, document: Any, beside: dict[Path, Any] | None = None) -> m.Catalog:
    """Validate parsed YAML into a Catalog; raises CatalogError with every problem of every file.

    `beside` holds the parsed reference files found next to programs.yaml (catalog.BESIDE).
    Paths may be given as strings (the loader's) or Paths.
    """
    path = Path(path)
    beside = {Path(name): parsed for name, parsed in (beside or {}).items()}
    c = Checker(path)
    root = c.fields(document, "catalog", ("reports", "programs"), (), 1)
    if root is None:
        raise CatalogError(c.problems)
    reports = [r for where, node, line in c.items(root, "reports", "")
               if (r := _report(c, node, where, line)) is not None]
    year_of = {r.id: r.year for r in reports}
    programs = [p for where, node, line in c.items(root, "programs", "")
                if (p := _program(c, node, where, line, year_of)) is not None]
    _cross_check(c, reports, programs, _id_lines(root))
    problems = c.problems
    parts: dict[str, Any] = {}
    report_ids = {r.id for r in reports}
    for beside_path, beside_document in (beside or {}).items():
        checker = Checker(beside_path)
        if beside_path.name == "findings.yaml":
            parts["findings"], parts["finding_summary"] = findings.build(checker, beside_document, {p.id for p in programs})
            _known_reports(checker, findings.sources(parts["findings"], parts["finding_summary"]), report_ids)
        else:
            parts["organisations"], parts["lineage"] = organisation.build(checker, beside_document)
            _known_reports(checker, organisation.sources(parts["organisations"], parts["lineage"]), report_ids)
        problems = problems + checker.problems
    if problems:
        raise CatalogError(problems)
    return m.Catalog(str(path), tuple(reports), tuple(programs), **parts)


def _known_reports(c: Checker, sources: list[tuple[str, m.Source]], report_ids: set[str]) -> None:
    for where, source in sources:
        if source.report not in report_ids:
            c.problem(source.line, where, f"출처가 없는 보고서를 가리킵니다: {source.report!r}")


def _id_lines(root: dict[str, Any]) -> dict[str, int]:
    lines: dict[str, int] = {}
    for key in ("reports", "programs"):
        items = root.get(key)
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                lines.setdefault(item["id"], line_of(item))
    return lines
