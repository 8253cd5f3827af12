"""Load and validate a catalogue: YAML (with line numbers) → checked, immutable records.

Every problem is reported as `file:line: field: message`, all of them at once, in one
`CatalogError`. The CLI turns it into exit code 3.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from . import models as m
from .quotes import numbers_in, squeeze

CATALOG_ENV = "SEOUL_ECON_CATALOG"
NO_CACHE_ENV = "SEOUL_ECON_NO_CACHE"
# A real catalogue is well under a megabyte; the limit keeps a hostile file from eating memory.
MAX_CATALOG_BYTES = 20 * 1024 * 1024
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class CatalogError(Exception):
    """The catalogue cannot be used; `problems` holds one `file:line: field: message` each."""

    def __init__(self, problems: list[str]):
        super().__init__(problems[0] if len(problems) == 1 else f"{len(problems)}개 문제")
        self.problems = problems


def default_catalog_path() -> Path:
    """The catalogue shipped with the package (wheel) or beside it (source checkout)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "data" / "programs.yaml", here.parent / "data" / "programs.yaml"):
        if candidate.is_file():
            return candidate
    return here.parent / "data" / "programs.yaml"


def catalog_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    chosen = explicit or os.environ.get(CATALOG_ENV)
    return Path(chosen) if chosen else default_catalog_path()


# --- YAML with line numbers ------------------------------------------------------------------

class Node(dict):  # type: ignore[type-arg]
    """A YAML mapping that remembers the line of itself and of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


def _loader_class() -> type:
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser where available

    class LineLoader(base):  # type: ignore[misc, valid-type]
        def construct_object(self, node, deep=False):  # type: ignore[no-untyped-def]
            # An alias re-uses a node already built. The catalogue never needs one, and
            # refusing them stops "billion laughs" expansion before it starts.
            if node in self.constructed_objects:
                raise yaml.constructor.ConstructorError(
                    None, None, "YAML 별칭(*alias)은 쓸 수 없습니다", node.start_mark)
            return super().construct_object(node, deep=deep)

        def construct_mapping(self, node, deep=False):  # type: ignore[no-untyped-def]
            mapping = Node()
            mapping.line = node.start_mark.line + 1
            mapping.key_lines = {}
            for key_node, value_node in node.value:
                key = self.construct_object(key_node, deep=True)
                if not isinstance(key, str):
                    key = str(key)
                if key in mapping:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"키가 중복됩니다: {key}", key_node.start_mark)
                mapping[key] = self.construct_object(value_node, deep=True)
                mapping.key_lines[key] = key_node.start_mark.line + 1
            return mapping

    LineLoader.add_constructor("tag:yaml.org,2002:map", LineLoader.construct_mapping)
    # Dates stay strings: the catalogue's partial dates (2024-06) are parsed by PartialDate,
    # and a full 2024-06-18 must not turn into a datetime.date.
    LineLoader.add_constructor("tag:yaml.org,2002:timestamp", LineLoader.construct_yaml_str)
    return LineLoader


def read_yaml(path: Path, data: bytes | None = None) -> Any:
    import yaml

    text = _decode(path, _read_bytes(path) if data is None else data)
    try:
        return yaml.load(text, Loader=_loader_class())  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        raise CatalogError([f"{path}:{line}: YAML: {error.problem or error.context}"]) from None
    except yaml.YAMLError as error:
        raise CatalogError([f"{path}: YAML: {error}"]) from None


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise CatalogError([f"{path}: 파일이 아니라 디렉터리입니다"])
        if size > MAX_CATALOG_BYTES:
            raise CatalogError([f"{path}: 파일이 너무 큽니다 ({size:,}바이트, 최대 {MAX_CATALOG_BYTES:,}바이트)"])
        return path.read_bytes()
    except FileNotFoundError:
        raise CatalogError([f"{path}: 카탈로그 파일이 없습니다"]) from None
    except OSError as error:
        raise CatalogError([f"{path}: 읽을 수 없습니다 ({error.strerror})"]) from None


def _decode(path: Path, data: bytes) -> str:
    if b"\x00" in data:
        raise CatalogError([f"{path}: 텍스트가 아닌 파일입니다 (NUL 바이트)"])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CatalogError([f"{path}:{line}: UTF-8이 아닌 바이트가 있습니다"]) from None


# --- validation ------------------------------------------------------------------------------

class Checker:
    """Collects problems with their location while records are built."""

    def __init__(self, path: Path):
        self.path = path
        self.problems: list[str] = []

    def problem(self, line: int, where: str, message: str) -> None:
        self.problems.append(f"{self.path}:{line}: {where}: {message}")

    def fields(self, node: Any, where: str, required: tuple[str, ...], optional: tuple[str, ...],
               line: int = 0) -> Node | None:
        """The mapping, after reporting a non-mapping, unknown keys and missing required keys."""
        if not isinstance(node, Node):
            self.problem(line, where, f"매핑(키: 값)이어야 합니다, {_type_name(node)}입니다")
            return None
        for key in node:
            if key not in required and key not in optional:
                allowed = ", ".join(required + optional)
                self.problem(node.line_of(key), f"{where}.{key}", f"알 수 없는 키입니다 (가능한 키: {allowed})")
        for key in required:
            if node.get(key) is None:
                self.problem(node.line, f"{where}.{key}", "필수 항목이 없습니다")
        return node

    def typed(self, node: Node, key: str, where: str, kinds: tuple[type, ...], default: Any = None) -> Any:
        value = node.get(key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, kinds):
            wanted = "/".join(_TYPE_NAMES.get(k, k.__name__) for k in kinds)
            self.problem(node.line_of(key), f"{where}.{key}", f"{wanted}이어야 합니다, {_type_name(value)}입니다")
            return default
        return value

    def text(self, node: Node, key: str, where: str) -> str | None:
        value = self.typed(node, key, where, (str,))
        if value is not None and not value.strip():
            self.problem(node.line_of(key), f"{where}.{key}", "빈 문자열입니다")
            return None
        return value

    def choice(self, node: Node, key: str, where: str, allowed: tuple[str, ...] | dict[str, Any]) -> str | None:
        value = self.text(node, key, where)
        if value is not None and value not in allowed:
            self.problem(node.line_of(key), f"{where}.{key}", f"{value!r}은(는) 허용되지 않습니다 (가능: {', '.join(allowed)})")
            return None
        return value

    def date(self, node: Node, key: str, where: str) -> m.PartialDate | None:
        value = node.get(key)
        if value is None:
            return None
        try:
            return m.PartialDate.parse(str(value))
        except m.DateError as error:
            self.problem(node.line_of(key), f"{where}.{key}", str(error))
            return None

    def year(self, node: Node, key: str, where: str) -> int | None:
        value = self.typed(node, key, where, (int,))
        if value is not None and not 1900 <= value <= 2100:
            self.problem(node.line_of(key), f"{where}.{key}", f"연도가 범위(1900–2100)를 벗어났습니다: {value}")
            return None
        return value

    def items(self, node: Node, key: str, where: str) -> Iterator[tuple[str, Any, int]]:
        """(where, item, line) for each element of a list field; reports a non-list."""
        value = node.get(key)
        if value is None:
            return
        if not isinstance(value, list):
            self.problem(node.line_of(key), f"{where}.{key}", f"목록이어야 합니다, {_type_name(value)}입니다")
            return
        for index, item in enumerate(value):
            line = item.line if isinstance(item, Node) else node.line_of(key)
            yield f"{where}.{key}[{index}]", item, line


_TYPE_NAMES = {str: "문자열", int: "정수", float: "실수", list: "목록", dict: "매핑"}


def _type_name(value: Any) -> str:
    if value is None:
        return "빈 값"
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _source(c: Checker, node: Node, where: str) -> m.Source | None:
    src = c.fields(node.get("source"), f"{where}.source", ("report", "quote"), (), node.line_of("source"))
    if src is None:
        return None
    report, quote = c.text(src, "report", f"{where}.source"), c.text(src, "quote", f"{where}.source")
    if report is None or quote is None:
        return None
    return m.Source(str(report), quote, src.line)


def _check_number(c: Checker, node: Node, key: str, where: str, value: Any, source: m.Source | None) -> None:
    """A figure must be printed in its own quote: the quote is the proof of the number."""
    if source is None or value is None:
        return
    if float(value) not in numbers_in(source.quote):
        c.problem(node.line_of(key), f"{where}.{key}", f"{value}이(가) 출처 인용에 없습니다: {source.quote!r}")


def _report(c: Checker, node: Any, where: str, line: int) -> m.Report | None:
    node = c.fields(node, where, ("id", "title", "organization", "agency", "date", "file"),
                    ("as_of", "occasion", "toc"), line)
    if node is None:
        return None
    toc = []
    for item_where, item, item_line in c.items(node, "toc", where):
        entry = c.fields(item, item_where, ("heading",), ("programs", "not_program"), item_line)
        if entry is None:
            continue
        programs = tuple(str(p) for p in c.typed(entry, "programs", item_where, (list,), []))
        not_program = c.text(entry, "not_program", item_where)
        if not programs and not not_program:
            c.problem(entry.line, item_where, "programs 또는 not_program(사유)이 있어야 합니다")
        toc.append(m.TocEntry(c.text(entry, "heading", item_where) or "", programs, not_program, entry.line))
    values = (c.text(node, "id", where), c.text(node, "title", where), c.text(node, "organization", where),
              c.choice(node, "agency", where, m.AGENCIES), c.date(node, "date", where), c.text(node, "file", where))
    if any(v is None for v in values):
        return None
    report_id, title, organization, agency, date, file = values
    return m.Report(report_id, title, organization, agency, date, c.date(node, "as_of", where),  # type: ignore[arg-type]
                    c.text(node, "occasion", where) or "", file, tuple(toc))  # type: ignore[arg-type]


def _division(c: Checker, node: Node, where: str) -> m.DivisionRef | None:
    year, name, source = c.year(node, "year", where), c.text(node, "name", where), _source(c, node, where)
    return m.DivisionRef(year, name, source) if year and name and source else None


def _budget(c: Checker, node: Node, where: str) -> m.Budget | None:
    kind = c.choice(node, "kind", where, m.BUDGET_KINDS)
    unit = c.choice(node, "unit", where, m.UNIT_WON)
    amount = c.typed(node, "amount", where, (int, float))
    year, source = c.year(node, "year", where), _source(c, node, where)
    period = _period(c, node, where)
    if kind in ("budget", "supplementary", "spent") and node.get("year") is None:
        c.problem(node.line, f"{where}.year", f"{kind} 항목에는 연도가 필요합니다")
    if amount is not None and amount < 0:
        c.problem(node.line_of("amount"), f"{where}.amount", "금액은 0 이상이어야 합니다")
        return None
    _check_number(c, node, "amount", where, amount, source)
    if kind is None or unit is None or amount is None or source is None:
        return None
    try:
        won = m.amount_in_won(amount, unit)
    except ValueError as error:
        c.problem(node.line_of("amount"), f"{where}.amount", str(error))
        return None
    return m.Budget(year, kind, amount, unit, won, period, c.text(node, "note", where), source)


def _period(c: Checker, node: Node, where: str) -> tuple[m.PartialDate, m.PartialDate] | None:
    text = c.text(node, "period", where)
    if text is None:
        return None
    parts = text.split("/")
    try:
        if len(parts) != 2:
            raise m.DateError(f"기간은 '시작/끝' 형식이어야 합니다: {text!r}")
        start, end = (m.PartialDate.parse(p.strip()) for p in parts)
    except m.DateError as error:
        c.problem(node.line_of("period"), f"{where}.period", str(error))
        return None
    return start, end


def _target(c: Checker, node: Node, where: str) -> m.Target | None:
    kind, text = c.choice(node, "kind", where, m.TARGET_KINDS), c.text(node, "text", where)
    value = c.typed(node, "value", where, (int, float))
    source = _source(c, node, where)
    _check_number(c, node, "value", where, value, source)
    if kind is None or text is None or source is None:
        return None
    return m.Target(c.year(node, "year", where), kind, text, value, c.text(node, "unit", where),
                    c.text(node, "note", where), source)


def _milestone(c: Checker, node: Node, where: str) -> m.Milestone | None:
    date, end = c.date(node, "date", where), c.date(node, "end", where)
    status, event = c.choice(node, "status", where, m.MILESTONE_STATUSES), c.text(node, "event", where)
    source = _source(c, node, where)
    if date and end and end.sort_key < date.sort_key:
        c.problem(node.line_of("end"), f"{where}.end", f"끝({end})이 시작({date})보다 앞섭니다")
    if date is None or status is None or event is None or source is None:
        return None
    return m.Milestone(date, end, status, event, c.text(node, "note", where), source)


def _mention(c: Checker, node: Node, where: str) -> m.Source | None:
    report, quote = c.text(node, "report", where), c.text(node, "quote", where)
    return m.Source(report, quote, node.line) if report and quote else None


# field → (required keys, optional keys, builder)
_FACTS: dict[str, tuple[tuple[str, ...], tuple[str, ...], Callable[[Checker, Node, str], Any]]] = {
    "divisions": (("year", "name", "source"), (), _division),
    "budgets": (("kind", "amount", "unit", "source"), ("year", "period", "note"), _budget),
    "targets": (("kind", "text", "source"), ("year", "value", "unit", "note"), _target),
    "milestones": (("date", "status", "event", "source"), ("end", "note"), _milestone),
    "mentions": (("report", "quote"), (), _mention),
}
_PROGRAM_REQUIRED = ("id", "name", "agency", "summary", "mentions")
_PROGRAM_OPTIONAL = ("name_en", "aliases", "part_of", "successor_of", "tags", "divisions", "budgets",
                     "targets", "milestones")


def _program(c: Checker, node: Any, where: str, line: int) -> m.Program | None:
    if isinstance(node, Node) and isinstance(node.get("id"), str):
        where = f"programs[{node['id']}]"  # the id says more than a position
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
        c.problem(node.line_of("id"), f"{where}.id", f"id는 영문 소문자·숫자·하이픈이어야 합니다: {program_id!r}")
        program_id = None
    values = (program_id, c.text(node, "name", where), c.choice(node, "agency", where, m.AGENCIES),
              c.text(node, "summary", where))
    aliases = tuple(_aliases(c, node, where))
    tags = tuple(str(t) for t in c.typed(node, "tags", where, (list,), []))
    if any(v is None for v in values):
        return None
    program_id, name, agency, summary = values
    return m.Program(program_id, name, c.text(node, "name_en", where), aliases, agency,  # type: ignore[arg-type]
                     c.text(node, "part_of", where), c.text(node, "successor_of", where), tags, summary,  # type: ignore[arg-type]
                     facts["divisions"], facts["budgets"], facts["targets"], facts["milestones"], facts["mentions"])


def _aliases(c: Checker, node: Node, where: str) -> Iterator[m.Alias]:
    for item_where, item, item_line in c.items(node, "aliases", where):
        alias = c.fields(item, item_where, ("name",), ("report",), item_line)
        if alias is not None and (name := c.text(alias, "name", item_where)):
            yield m.Alias(name, c.text(alias, "report", item_where))


def _cross_check(c: Checker, reports: list[m.Report], programs: list[m.Program],
                 lines: dict[str, int]) -> None:
    """Links between records: unique ids, known reports, known programmes."""
    report_ids = {r.id for r in reports}
    program_ids = {p.id for p in programs}
    _duplicates(c, [r.id for r in reports], "reports", lines)
    _duplicates(c, [p.id for p in programs], "programs", lines)
    for report in reports:
        for entry in report.toc:
            for program_id in entry.programs:
                if program_id not in program_ids:
                    c.problem(entry.line, f"reports[{report.id}].toc",
                              f"목차 {entry.heading!r}이(가) 없는 프로그램 {program_id!r}을(를) 가리킵니다")
    for program in programs:
        where = f"programs[{program.id}]"
        for link in ("part_of", "successor_of"):
            target = getattr(program, link)
            if target is not None and target not in program_ids:
                c.problem(lines.get(program.id, 0), f"{where}.{link}", f"없는 프로그램입니다: {target!r}")
        for alias in program.aliases:
            if alias.report and alias.report not in report_ids:
                c.problem(lines.get(program.id, 0), f"{where}.aliases", f"없는 보고서입니다: {alias.report!r}")
        for source in _program_sources(program):
            if source.report not in report_ids:
                c.problem(source.line, f"{where}", f"출처가 없는 보고서를 가리킵니다: {source.report!r}")


def _duplicates(c: Checker, ids: list[str], what: str, lines: dict[str, int]) -> None:
    seen: set[str] = set()
    for item_id in ids:
        if item_id in seen:
            c.problem(lines.get(item_id, 0), f"{what}[{item_id}].id", f"id가 중복됩니다: {item_id!r}")
        seen.add(item_id)


def _program_sources(program: m.Program) -> Iterator[m.Source]:
    yield from program.mentions
    for facts in (program.divisions, program.budgets, program.targets, program.milestones):
        for fact in facts:
            yield fact.source


def verify_quotes(catalog: m.Catalog, sources_dir: Path | None = None) -> list[str]:
    """Problems for every quote that is not in its report's text (whitespace ignored)."""
    path = Path(catalog.path)
    sources_dir = sources_dir or path.parent / "sources"
    problems: list[str] = []
    texts: dict[str, str] = {}
    for report in catalog.reports:
        try:
            texts[report.id] = squeeze((sources_dir / report.file).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as error:
            problems.append(f"{path}:0: reports[{report.id}].file: 보고서 본문을 읽을 수 없습니다: "
                            f"{sources_dir / report.file} ({getattr(error, 'strerror', None) or error})")
    for report in catalog.reports:
        for entry in report.toc:
            if report.id in texts and squeeze(entry.heading) not in texts[report.id]:
                problems.append(f"{path}:{entry.line}: reports[{report.id}].toc: 목차 제목이 보고서 본문에 없습니다: {entry.heading!r}")
    for program in catalog.programs:
        for source in _program_sources(program):
            text = texts.get(source.report)
            if text is not None and squeeze(source.quote) not in text:
                problems.append(f"{path}:{source.line}: programs[{program.id}]: "
                                f"인용이 보고서 {source.report} 본문에 없습니다: {source.quote!r}")
    return problems


def load_catalog(path: str | os.PathLike[str] | None = None, *, check_quotes: bool = False,
                 use_cache: bool = True, notify: Callable[[str], None] | None = None) -> m.Catalog:
    """The validated catalogue at path (default: the shipped one). Raises CatalogError.

    A catalogue validated before is taken from the cache (see cache.py); `notify` hears about
    cache problems, which never change the answer. `check_quotes` also proves every quote
    against the report texts, which the cache does not cover (the texts may change).
    """
    resolved = catalog_path(path)
    data = _read_bytes(resolved)
    key = _cache_key(resolved, data) if use_cache else None
    catalog = _cached(key, notify) if key else None
    if catalog is None:
        catalog = build_catalog(resolved, read_yaml(resolved, data))
        if key:
            from . import cache

            catalog.search_index.prepare()  # the search keys travel with the cached catalogue
            cache.write(key, catalog, notify or _ignore)
    if check_quotes and (problems := verify_quotes(catalog)):
        raise CatalogError(problems)
    return catalog


def _ignore(message: str) -> None:
    pass


def _cache_key(path: Path, data: bytes) -> str | None:
    if os.environ.get(NO_CACHE_ENV):
        return None
    from . import cache

    # The program version, read off the installed code itself: any reinstall or edit of the
    # modules whose objects are cached changes a stamp. (Package metadata would cost 20 ms.)
    here = Path(__file__).resolve().parent
    stamps = ",".join(f"{name}:{(here / name).stat().st_mtime_ns}" for name in ("models.py", "catalog.py", "search.py"))
    return cache.cache_key(data, path.resolve(), stamps)


def _cached(key: str, notify: Callable[[str], None] | None) -> m.Catalog | None:
    from . import cache

    value = cache.read(key, notify or _ignore)
    return value if isinstance(value, m.Catalog) else None


def build_catalog(path: Path, document: Any) -> m.Catalog:
    """Validate a parsed YAML document into a Catalog; raises CatalogError with every problem."""
    c = Checker(path)
    root = c.fields(document, "catalog", ("reports", "programs"), (), 1)
    if root is None:
        raise CatalogError(c.problems)
    reports = [r for where, node, line in c.items(root, "reports", "reports")
               if (r := _report(c, node, where, line)) is not None]
    programs = [p for where, node, line in c.items(root, "programs", "programs")
                if (p := _program(c, node, where, line)) is not None]
    _cross_check(c, reports, programs, _id_lines(root))
    if c.problems:
        raise CatalogError(c.problems)
    year_of = {r.id: r.year for r in reports}
    programs = [replace(p, report_years=tuple(sorted({year_of[s.report] for s in p.mentions})))
                for p in programs]
    return m.Catalog(str(path), tuple(reports), tuple(programs))


def _id_lines(root: Node) -> dict[str, int]:
    lines: dict[str, int] = {}
    for key in ("reports", "programs"):
        for item in root.get(key) or []:
            if isinstance(item, Node) and isinstance(item.get("id"), str):
                lines.setdefault(item["id"], item.line)
    return lines
