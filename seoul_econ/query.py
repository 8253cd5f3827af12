"""Questions asked of a catalogue: find one programme, filter many, budgets and milestones.

Everything here returns data; nothing prints.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, NamedTuple

from . import hangul
from .errors import Ambiguous, NotFound, QueryError

if TYPE_CHECKING:
    from .models import Budget, Catalog, DivisionNotStated, DivisionRef, Lineage, Milestone, Program
    from .search import Hit, SearchIndex

    DivisionEntry = DivisionRef | DivisionNotStated   # a named division, or a report's silence

# A winner must lead the next candidate by more than this many points to be chosen alone.
CLEAR_LEAD = 3.0
CONFIDENT = 70.0   # below this a lone hit is a guess; fuzzy name matches score 55–82
YEAR_RANGE = range(1900, 2101)
# Whole-string jamo similarity below this is noise, not a near miss. (WRatio scored any name
# containing 사업 at 66 for '없는사업'; ratio gives it 57 and 컴퍼수타워 → 캠퍼스타운 70.)
SUGGEST_CUTOFF = 60.0


def check_year(year: int | None) -> int | None:
    if year is not None and year not in YEAR_RANGE:
        raise QueryError(f"연도는 {YEAR_RANGE.start}–{YEAR_RANGE.stop - 1} 사이여야 합니다: {year}")
    return year


def parse_year(text: str) -> int:
    """A year written on the command line: ASCII digits in YEAR_RANGE. Raises QueryError."""
    text = text.strip()
    if not text.isdigit() or not text.isascii():
        raise QueryError(f"연도는 숫자로 쓰세요 (예: 2024): {shown(text)!r}")
    return check_year(int(text))  # type: ignore[return-value]


def search(catalog: Catalog, query: str, limit: int | None = None) -> list[Hit]:
    return catalog.search_index.search(query, limit)


def check_query(text: str) -> None:
    """A query must hold a letter or a digit: punctuation, emoji or spaces alone match nothing."""
    if not text.strip():
        raise QueryError("검색어가 비어 있습니다")
    if not hangul.normalize(text):
        raise QueryError(f"검색어에 글자나 숫자가 없습니다: '{shown(text)}'")


def resolve_program(catalog: Catalog, query: str) -> Program:
    """The one programme a user means by an id or a name; raises NotFound or Ambiguous."""
    check_query(query)
    exact = catalog.program_by_id.get(query.strip().lower())
    return exact or catalog.programs[resolve_position(catalog.search_index, query)]


def resolve_position(index: SearchIndex, query: str) -> int:
    """resolve_program with the search keys alone: the programme's position in the catalogue."""
    check_query(query)
    exact = index.position_of.get(query.strip().lower())
    if exact is not None:
        return exact
    hits = index.search(query)
    if not hits:
        raise NotFound(f"'{shown(query)}'에 맞는 프로그램이 없습니다", suggest(index, query))
    top = hits[0]
    rivals = [hit for hit in hits[1:] if hit.score >= top.score - CLEAR_LEAD]
    if len(hits) == 1 or (not rivals and top.score >= CONFIDENT):
        return index.position_of[top.id]
    close = [top, *rivals] if rivals else hits[:8]
    raise Ambiguous(f"'{shown(query)}'에 맞는 프로그램이 여럿입니다. 하나를 골라 다시 입력하세요",
                    [f"{hit.id} ({hit.name})" for hit in close[:8]])


def suggest(index: SearchIndex, query: str, limit: int = 3) -> list[str]:
    """Nearest programmes for a miss ("did you mean"), compared by jamo, one line per programme."""
    from rapidfuzz import fuzz, process

    norm = hangul.decompose(hangul.normalize(query))
    if not norm:
        return []
    found = process.extract(norm, index.key_jamo.items, scorer=fuzz.ratio, score_cutoff=SUGGEST_CUTOFF, limit=limit * 8)
    programs = dict.fromkeys(index.key_program[row] for _, _, row in found)
    return [f"{index.names[p]} ({index.ids[p]})" for p in list(programs)[:limit]]


def shown(query: str) -> str:
    """A query as it can be echoed: one line, printable, not overlong."""
    text = "".join(c if c.isprintable() and not 0xD800 <= ord(c) <= 0xDFFF else "?" for c in query.strip())
    return text if len(text) <= 40 else text[:40] + "…"


def division_matches(name: str, wanted: str) -> bool:
    """--division matches exactly or by part of the name, ignoring spacing: 창업 finds 창업정책과."""
    return hangul.normalize(wanted) in hangul.normalize(name)


class DivisionFilter(NamedTuple):
    """What --division D selects: names matching D, and the names linked to them by lineage
    (대학창업과 also selects 캠퍼스타운활성화과, which it was renamed from). `programs` (id →
    programme) lets a part inherit its parent's division."""

    wanted: str
    direct: frozenset[str]
    linked: dict[str, Lineage]
    programs: Mapping[str, Program]

    def matches(self, name: str) -> bool:
        return name in self.direct or name in self.linked

    def selects(self, program: Program, year: int | None) -> bool:
        return any(self.matches(name) for name in divisions_for(program, year, self.programs)[0])

    def links_used(self, programs: Iterable[Program], year: int | None) -> list[Lineage]:
        """The lineage links through which some of programs were selected."""
        used = {name for p in programs for name in divisions_for(p, year, self.programs)[0] if name not in self.direct}
        return list(dict.fromkeys(self.linked[name] for name in used if name in self.linked))


def division_filter(catalog: Catalog, wanted: str | None) -> DivisionFilter | None:
    """The filter for --division; NotFound when no division of any report matches."""
    if wanted is None:
        return None
    from .organisation import related_names

    known = set(known_divisions(catalog))
    direct = frozenset(name for name in known if division_matches(name, wanted))
    if not direct:
        raise NotFound(f"'{shown(wanted)}'에 해당하는 부서가 없습니다", sorted(known)[:10])
    linked: dict[str, Lineage] = {}
    for name in direct:
        for other, link in related_names(catalog, name).items():
            if other not in direct:
                linked.setdefault(other, link)
    return DivisionFilter(wanted, direct, linked, catalog.program_by_id)


def division_entries(program: Program, report: str,
                     programs: Mapping[str, Program] | None = None) -> tuple[str | None, tuple[DivisionEntry, ...]]:
    """Who ran program in one report, and the id of the programme whose entries say so.

    The programme's own entries for that report (names, or an explicit not-stated); else, for
    a part, its parent's for that report, up the part_of chain (`programs` maps ids to
    programmes; without it nothing is inherited). (None, ()) when no entry says anything.
    """
    seen: set[str] = set()
    current: Program | None = program
    while current is not None and current.id not in seen:
        seen.add(current.id)   # a part_of cycle ends here instead of looping
        own = tuple(d for d in (*current.divisions, *current.divisions_not_stated) if d.source.report == report)
        if own:
            return current.id, own
        current = programs.get(current.part_of) if programs is not None and current.part_of else None
    return None, ()


def divisions_for(program: Program, year: int | None,
                  programs: Mapping[str, Program] | None = None) -> tuple[tuple[str, ...], int | None]:
    """The divisions responsible in year, and the year of the report that says so.

    Each report the programme appears in says who ran it (division_entries: its own entries,
    else its parent's). A report does not always restate it, so the latest named statement up
    to `year` stands until a later report names another; a not-stated entry names nobody and
    so never matches --division. Without a year: the latest named statement.
    """
    from .models import DivisionRef

    named: dict[int, list[str]] = {}
    for report in program.sources:
        for entry in division_entries(program, report, programs)[1]:
            if isinstance(entry, DivisionRef) and (year is None or entry.year <= year):
                named.setdefault(entry.year, []).append(entry.name)
    if not named:
        return (), None
    stated = max(named)
    return tuple(dict.fromkeys(named[stated])), stated


def filter_programs(programs: Iterable[Program], *, year: int | None = None, division: DivisionFilter | None = None,
                    agency: str | None = None, tag: str | None = None) -> list[Program]:
    """Programmes passing every filter given; filters left as None do not filter."""
    result = []
    for program in programs:
        if year is not None and year not in program.years:
            continue
        if division and not division.selects(program, year):
            continue
        if agency and program.agency != agency:
            continue
        if tag and not any(hangul.normalize(tag) == hangul.normalize(t) for t in program.tags):
            continue
        result.append(program)
    return result


def suggest_divisions(catalog: Catalog, wanted: str, limit: int = 5) -> list[str]:
    from rapidfuzz import fuzz, process

    names = known_divisions(catalog)
    found = process.extract(hangul.decompose(hangul.normalize(wanted)),
                            [hangul.decompose(hangul.normalize(n)) for n in names],
                            scorer=fuzz.ratio, score_cutoff=SUGGEST_CUTOFF, limit=limit)
    return [names[position] for _, _, position in found]


def known_divisions(catalog: Catalog) -> list[str]:
    """Every division name a programme record or an organisation table uses."""
    names = {d.name for p in catalog.programs for d in p.divisions}
    names.update(u.name for o in catalog.organisations for u in o.units)
    return sorted(names)


def sorted_budgets(program: Program) -> list[Budget]:
    return sorted(program.budgets, key=lambda b: (b.year or 0, b.kind, b.source.report))


def annual_budget(catalog: Catalog, program: Program, year: int) -> Budget | None:
    """The programme's annual budget for year, as the latest report that states it says.

    Several reports may state a year's budget (a plan, then the adopted figure); the
    newest report wins, and within one report the first figure recorded.
    """
    candidates = [b for b in program.budgets if b.kind == "budget" and b.year == year]
    if not candidates:
        return None
    order = catalog.report_order
    return max(candidates, key=lambda b: (order.get(b.source.report, ()), -program.budgets.index(b)))


def latest_annual_budget(catalog: Catalog, program: Program) -> Budget | None:
    years = sorted({b.year for b in program.budgets if b.kind == "budget" and b.year is not None})
    return annual_budget(catalog, program, years[-1]) if years else None


class Change(NamedTuple):
    previous_year: int
    percent: float


def annual_changes(catalog: Catalog, program: Program) -> dict[int, Change]:
    """Change of each year's annual budget from the previous year that has one, keyed by id(budget).

    Only the figure `annual_budget` chooses for a year gets a change, so two figures for
    the same year (a plan and an adopted budget) are never compared with each other.
    """
    years = sorted({b.year for b in program.budgets if b.kind == "budget" and b.year is not None})
    chosen = [(year, annual_budget(catalog, program, year)) for year in years]
    changes = {}
    for (before, old), (_, new) in zip(chosen, chosen[1:], strict=False):   # consecutive pairs
        if old and new and old.amount_krw:
            changes[id(new)] = Change(before, (new.amount_krw - old.amount_krw) / old.amount_krw * 100)
    return changes


class BudgetLine(NamedTuple):
    program: Program
    budget: Budget
    counted: bool   # False when the programme's parent is listed too (its figure is inside the parent's)


class BudgetSummary(NamedTuple):
    year: int
    lines: tuple[BudgetLine, ...]

    @property
    def total_krw(self) -> int:
        return sum(line.budget.amount_krw for line in self.lines if line.counted)


def budget_summary(catalog: Catalog, programs: list[Program], year: int) -> BudgetSummary:
    """Each programme's annual budget for year, largest first, with a total that counts each won once."""
    listed = {p.id for p in programs}
    lines = []
    for program in programs:
        budget = annual_budget(catalog, program, year)
        if budget is not None:
            lines.append(BudgetLine(program, budget, counted=not _inside_listed_parent(catalog, program, listed, year)))
    lines.sort(key=lambda line: (-line.budget.amount_krw, line.program.name))
    return BudgetSummary(year, tuple(lines))


def _inside_listed_parent(catalog: Catalog, program: Program, listed: set[str], year: int) -> bool:
    """Whether an ancestor that is also listed states a budget for year (which includes this one)."""
    seen: set[str] = set()
    parent_id = program.part_of
    while parent_id and parent_id not in seen:
        seen.add(parent_id)
        parent = catalog.program_by_id.get(parent_id)
        if parent is None:
            return False
        if parent_id in listed and annual_budget(catalog, parent, year):
            return True
        parent_id = parent.part_of
    return False


def latest_year(catalog: Catalog) -> int:
    return max(report.year for report in catalog.reports)


def sorted_milestones(program: Program) -> list[Milestone]:
    return sorted(program.milestones, key=lambda ms: ms.date.sort_key)


def sort_programs(catalog: Catalog, programs: list[Program], by: str, year: int | None) -> list[Program]:
    if by == "budget":
        def amount(program: Program) -> int:
            budget = (annual_budget(catalog, program, year) if year else latest_annual_budget(catalog, program))
            return budget.amount_krw if budget else -1
        return sorted(programs, key=lambda p: (-amount(p), p.name))
    return sorted(programs, key=lambda p: p.name)
