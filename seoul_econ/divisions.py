"""Questions about divisions: who runs a programme in a year, what `--division` selects (with
lineage followed across renames), and each report's organisation (units, staff, execution).

Returns data only; nothing prints.
"""

from __future__ import annotations

from . import hangul
from .errors import NotFound
from .frozen import Record
from .labels import shown

TYPE_CHECKING = False
if TYPE_CHECKING:
    from . import models as m
    from collections.abc import Iterable, Mapping

def division_matches(name: str, wanted: str) -> bool:
    """--division matches exactly or by part of the name, ignoring spacing: 창업 finds 창업정책과."""
    return hangul.normalize(wanted) in hangul.normalize(name)


class DivisionFilter(Record):
    """What --division D selects: names matching D, and the names linked to them by lineage
    (대학창업과 also selects 캠퍼스타운활성화과, which it was renamed from). `programs` (id →
    programme) lets a part inherit its parent's division."""

    wanted: str
    direct: frozenset[str]
    linked: dict[str, m.Lineage]
    programs: Mapping[str, m.Program]

    def matches(self, name: str) -> bool:
        return name in self.direct or name in self.linked

    def selects(self, program: m.Program, year: int | None) -> bool:
        return any(self.matches(name) for name in divisions_for(program, year, self.programs)[0])

    def links_used(self, programs: Iterable[m.Program], year: int | None) -> list[m.Lineage]:
        """The lineage links through which some of programs were selected."""
        used = {name for p in programs for name in divisions_for(p, year, self.programs)[0] if name not in self.direct}
        return list(dict.fromkeys(self.linked[name] for name in used if name in self.linked))


def division_filter(catalog: m.Catalog, wanted: str | None) -> DivisionFilter | None:
    """The filter for --division; NotFound when no division of any report matches."""
    if wanted is None:
        return None
    known = set(known_divisions(catalog))
    direct = frozenset(name for name in known if division_matches(name, wanted))
    if not direct:
        raise NotFound(f"'{shown(wanted)}'에 해당하는 부서가 없습니다", sorted(known)[:10])
    linked: dict[str, m.Lineage] = {}
    for name in direct:
        for other, link in related_names(catalog, name).items():
            if other not in direct:
                linked.setdefault(other, link)
    return DivisionFilter(wanted, direct, linked, catalog.program_by_id)


def division_entries(program: m.Program, report: str,
                     programs: Mapping[str, m.Program] | None = None) -> tuple[str | None, tuple[m.DivisionRef | m.DivisionNotStated, ...]]:
    """Who ran program in one report, and the id of the programme whose entries say so.

    The programme's own entries for that report (names, or an explicit not-stated); else, for
    a part, its parent's for that report, up the part_of chain (`programs` maps ids to
    programmes; without it nothing is inherited). (None, ()) when no entry says anything.
    """
    seen: set[str] = set()
    current: m.Program | None = program
    while current is not None and current.id not in seen:
        seen.add(current.id)   # a part_of cycle ends here instead of looping
        own = tuple(d for d in (*current.divisions, *current.divisions_not_stated) if d.source.report == report)
        if own:
            return current.id, own
        current = programs.get(current.part_of) if programs is not None and current.part_of else None
    return None, ()


def divisions_for(program: m.Program, year: int | None,
                  programs: Mapping[str, m.Program] | None = None) -> tuple[tuple[str, ...], int | None]:
    """The divisions responsible in year, and the year of the report that says so.

    Each report the programme appears in says who ran it (division_entries: its own entries,
    else its parent's). A report does not always restate it, so the latest named statement up
    to `year` stands until a later report names another; a not-stated entry names nobody and
    so never matches --division. Without a year: the latest named statement.
    """
    return _stated_in(_named_by_year(program, programs), year)


def _named_by_year(program: m.Program, programs: Mapping[str, m.Program] | None) -> dict[int, list[str]]:
    """The divisions each report names for program (its own entries, else its parent's), by the
    report's year."""
    named: dict[int, list[str]] = {}
    for report in program.sources:
        for entry in division_entries(program, report, programs)[1]:
            if hasattr(entry, "name"):   # DivisionRef, not DivisionNotStated
                named.setdefault(entry.year, []).append(entry.name)
    return named


def _stated_in(named: dict[int, list[str]], year: int | None) -> tuple[tuple[str, ...], int | None]:
    stated = max((said for said in named if year is None or said <= year), default=None)
    return ((), None) if stated is None else (tuple(dict.fromkeys(named[stated])), stated)


def suggest_divisions(catalog: m.Catalog, wanted: str, limit: int = 5) -> list[str]:
    from .search.similar import Needle

    names = known_divisions(catalog)
    needle = Needle(hangul.decompose(hangul.normalize(wanted)), [hangul.decompose(hangul.normalize(n)) for n in names])
    return [names[position] for position, _ in needle.ratios(hangul.SUGGEST_CUTOFF, limit=limit)]


def known_divisions(catalog: m.Catalog) -> list[str]:
    """Every division name a programme record or an organisation table uses."""
    names = {d.name for p in catalog.programs for d in p.divisions}
    names.update(u.name for o in catalog.organisations for u in o.units)
    return sorted(names)


# Lineage that carries a division's programmes to its successor: renames, splits and merges the
# reports show clearly. A single duty moving (duty_transfer) does not make two divisions one.
FOLLOWED_KINDS = ("rename", "split", "merge")



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
    return programs_by_division(catalog, year).get(unit_name, [])


def programs_by_division(catalog: m.Catalog, year: int) -> dict[str, list[m.Program]]:
    """Every division's programmes in year, in catalogue order."""
    return programs_by_division_in(catalog, [year])[year]


def programs_by_division_in(catalog: m.Catalog, years: Iterable[int]) -> dict[int, dict[str, list[m.Program]]]:
    """programs_by_division for each of years, in one pass over the programmes (the
    organisation charts of several reports: `division`, `divisions`)."""
    found: dict[int, dict[str, list[m.Program]]] = {year: {} for year in years}
    for program in catalog.programs:
        named = _named_by_year(program, catalog.program_by_id)
        for year, by_name in found.items():
            for name in _stated_in(named, year)[0]:
                by_name.setdefault(name, []).append(program)
    return found


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
