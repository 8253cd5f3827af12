"""Questions asked of a catalogue: find one programme, filter many, budgets and milestones.

Everything here returns data; nothing prints.
"""

from __future__ import annotations

from . import hangul
from .divisions import DivisionFilter
from .errors import Ambiguous, NotFound, QueryError
from .frozen import Record
from .labels import shown

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

    from .models import Budget, Catalog, Milestone, Program
    from .search import Hit, SearchIndex

# A winner must lead the next candidate by more than this many points to be chosen alone.
CLEAR_LEAD = 3.0
CONFIDENT = 70.0   # below this a lone hit is a guess; fuzzy name matches score 55–82
SUGGEST_CUTOFF = hangul.SUGGEST_CUTOFF
SHOWN_CANDIDATES = 8
SHARED_BY = 2      # other families whose names hold the query, for it to be a shared word


_INDEXES: dict[int, tuple[Catalog, SearchIndex]] = {}


def search_index(catalog: Catalog) -> SearchIndex:
    """The search keys of a loaded catalogue, built once per catalogue object. (Commands take
    them from the cache instead: catalog.Library.search_index.) The catalogue is kept with its
    index so that its id cannot be reused by another object during the run."""
    entry = _INDEXES.get(id(catalog))
    if entry is None or entry[0] is not catalog:
        from .search.build import index_of

        entry = _INDEXES[id(catalog)] = (catalog, index_of(catalog))
    return entry[1]


def search(catalog: Catalog, query: str, limit: int | None = None) -> list[Hit]:
    return search_index(catalog).search(query, limit)


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
    return exact or catalog.programs[resolve_position(search_index(catalog), query)]


def resolve_position(index: SearchIndex, query: str) -> int:
    """resolve_program with the search keys alone: the programme's position in the catalogue.

    A name match is chosen when it leads the next by CLEAR_LEAD and is no guess. A match on the
    words of a sentence or heading (below the names' scores) is chosen when it holds every word
    and leads every programme but its own parts: a query that fits a programme and its parts
    alike means the programme."""
    from .search import MIN_SCORE

    check_query(query)
    exact = index.ids.row_of(query.strip().lower())   # found in place: no dict of every id
    if exact is not None:
        return exact
    named = _clearly_named(index, query)
    if named is not None:
        return named
    hits = index.search(query, SHOWN_CANDIDATES + 1)   # the best, and the candidates beside it
    if not hits:
        raise NotFound(f"'{shown(query)}'에 맞는 프로그램이 없습니다", suggest(index, query))
    top = hits[0]
    position = index.position_of[top.id]
    rivals = [hit for hit in hits[1:] if hit.score >= top.score - CLEAR_LEAD]
    if top.score < MIN_SCORE:
        if len(hits) > SHOWN_CANDIDATES and hits[-1].score >= top.score - CLEAR_LEAD:   # parts may hide a rival
            hits = index.search(query)
            rivals = [hit for hit in hits[1:] if hit.score >= top.score - CLEAR_LEAD]
        rivals = [hit for hit in rivals if not index.is_within(index.position_of[hit.id], position)]
        if not top.weak and not rivals:
            return position
    elif len(hits) == 1 or (not rivals and top.score >= CONFIDENT and not _shared_word(index, hits, position)):
        return position
    close = [top, *rivals] if rivals else hits[:SHOWN_CANDIDATES]
    raise Ambiguous(f"'{shown(query)}'에 맞는 프로그램이 여럿입니다. 하나를 골라 다시 입력하세요",
                    [f"{hit.id} ({hit.name})" for hit in close[:SHOWN_CANDIDATES]])


def _clearly_named(index: SearchIndex, query: str) -> int | None:
    """The position resolve_position chooses, when the literal name matches alone decide it: the
    best of them leads by more than CLEAR_LEAD over anything a typo reading or the words can
    score, so no other pass can add a rival, and it leads every other name match by more than
    CLEAR_LEAD too. (1-2 ms less for `timeline 서울영화센터` than the full search: no words pass.)"""
    from .search.scores import FUZZY_TOP

    hits = index.literal_hits(query)
    if not hits or hits[0].score - CLEAR_LEAD <= FUZZY_TOP:
        return None
    top, position = hits[0], index.position_of[hits[0].id]
    if any(hit.score >= top.score - CLEAR_LEAD for hit in hits[1:]) or _shared_word(index, hits, position):
        return None
    return position


def _shared_word(index: SearchIndex, hits: list[Hit], position: int) -> bool:
    """Whether the query is a word many names share (일자리, in 일자리카페 and 서울 동행일자리 …):
    then a name it merely begins or is part of picks no one alone. Names of the top's own
    family (its parts, 청년취업사관학교 … 캠퍼스) are no rivals: the query then means the family's head."""
    from .search import INITIALS_EXACT, SUBSTRING

    top = hits[0]
    if not min(SUBSTRING.values()) <= top.score < INITIALS_EXACT:   # exact names and guesses are judged elsewhere
        return False
    sharing = [hit for hit in hits[1:] if hit.score >= min(SUBSTRING.values())
               and not index.is_within(index.position_of[hit.id], position)
               and not index.is_within(position, index.position_of[hit.id])]
    return len(sharing) >= SHARED_BY


def suggest(index: SearchIndex, query: str, limit: int = 3) -> list[str]:
    """Nearest programmes for a miss ("did you mean"), compared by jamo, one line per programme."""
    from .search.similar import Needle

    norm = hangul.decompose(hangul.normalize(query))
    if not norm:
        return []
    found = Needle(norm, index.key_jamo.items).ratios(SUGGEST_CUTOFF, limit=limit * 8)
    programs = dict.fromkeys(index.key_program[row] for row, _ in found)
    return [f"{index.names[p]} ({index.ids[p]})" for p in list(programs)[:limit]]


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


def sorted_budgets(program: Program) -> list[Budget]:
    return sorted(program.budgets, key=lambda b: (b.year or 0, b.kind, b.source.report))


def annual_budget(catalog: Catalog, program: Program, year: int) -> Budget | None:
    """The programme's annual budget for year, as the latest report that states it says.

    Several reports may state a year's budget (a plan, then the adopted figure); the
    newest report wins, and within one report the first figure recorded. A figure whose year
    the report does not print (year_printed: false) is never a year's budget: it stays on the
    record and in the programme's table, and is left out of per-year totals.
    """
    candidates = [b for b in program.budgets if b.kind == "budget" and b.year == year and b.year_printed]
    if not candidates:
        return None
    order = catalog.report_order
    return max(candidates, key=lambda b: (order.get(b.source.report, ()), -program.budgets.index(b)))


def unprinted_year(programs: Iterable[Program], year: int | None) -> list[Program]:
    """Programmes whose budget for year is known only from a figure the report prints without
    its year: per-year totals leave them out, and a reader is told how many."""
    return [p for p in programs
            if any(b.kind == "budget" and not b.year_printed and (year is None or b.year == year) for b in p.budgets)
            and not any(b.kind == "budget" and b.year_printed and (year is None or b.year == year) for b in p.budgets)]


def latest_annual_budget(catalog: Catalog, program: Program) -> Budget | None:
    years = sorted({b.year for b in program.budgets if b.kind == "budget" and b.year is not None and b.year_printed})
    return annual_budget(catalog, program, years[-1]) if years else None


def budget_for(catalog: Catalog, program: Program, year: int | None) -> Budget | None:
    """The budget a listing shows: the annual budget of `year`, or without a year the latest."""
    return annual_budget(catalog, program, year) if year else latest_annual_budget(catalog, program)


class Change(Record):
    previous_year: int
    percent: float


def annual_changes(catalog: Catalog, program: Program) -> dict[int, Change]:
    """Change of each year's annual budget from the previous year that has one, keyed by id(budget).

    Only the figure `annual_budget` chooses for a year gets a change, so two figures for
    the same year (a plan and an adopted budget) are never compared with each other.
    """
    years = sorted({b.year for b in program.budgets if b.kind == "budget" and b.year is not None and b.year_printed})
    chosen = [(year, annual_budget(catalog, program, year)) for year in years]
    changes = {}
    for (before, old), (_, new) in zip(chosen, chosen[1:], strict=False):   # consecutive pairs
        if old and new and old.amount_krw:
            changes[id(new)] = Change(before, (new.amount_krw - old.amount_krw) / old.amount_krw * 100)
    return changes


class BudgetLine(Record):
    program: Program
    budget: Budget
    counted: bool   # False when a listed parent's figure for the year contains this one's money


class BudgetSummary(Record):
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
        budget = annual_budget(catalog, parent, year) if parent_id in listed else None
        if budget is not None and budget.includes_parts:
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
            budget = budget_for(catalog, program, year)
            return budget.amount_krw if budget else -1
        return sorted(programs, key=lambda p: (-amount(p), p.name))
    return sorted(programs, key=lambda p: p.name)
