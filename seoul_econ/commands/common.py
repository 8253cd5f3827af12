"""What several commands share: reading a programme or report the user names, the common filters,
and the remarks those produce."""

from __future__ import annotations

from .. import divisions, hangul, query
from ..errors import Ambiguous, NotFound, QueryError
from ..frozen import Record
from ..labels import lineage_link, name_and_id, shown

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ..library import Library
    from ..models import Catalog, Program, Report

AGENCIES = ("seoul", "sba")   # as models.AGENCIES; repeated so that option checks need not import the models


class Named(Record):
    """A programme the user named, and the remark to make when the name was a guess."""

    program: Program
    remark: str | None
    resolved_from: str | None   # the input, when it was not an exact id, name or alias


def named_program(lib: Library, wanted: str) -> Named:
    """The programme meant by `wanted` (id or name); NotFound or Ambiguous otherwise."""
    catalog = lib.catalog()
    position = query.resolve_position(lib.search_index(), wanted)
    program = catalog.programs[position]
    guess = guessed(wanted, program.id, [program.name, program.name_en or "", *(a.name for a in program.aliases)])
    return Named(program, guess, wanted if guess else None)


def guessed(wanted: str, program_id: str, names: list[str]) -> str | None:
    """`campus-twn → campus-town` when wanted is neither the id nor one of the names (spacing and
    punctuation aside), i.e. when the programme was chosen by a fuzzy match a script should hear of."""
    norm = hangul.normalize(wanted)
    if wanted.strip().lower() == program_id or any(norm == hangul.normalize(name) for name in names if name):
        return None
    return f"{shown(wanted)} → {program_id}"


def check_agency(agency: str | None) -> None:
    if agency is not None and agency not in AGENCIES:
        raise QueryError(f"기관은 {', '.join(AGENCIES)} 중 하나여야 합니다: {shown(agency)}")


class Selection(Record):
    programs: list[Program]
    notes: tuple[str, ...]   # which lineage was followed; how many programmes have no division


def filtered(catalog: Catalog, year: int | None, division: str | None, agency: str | None,
             tag: str | None) -> Selection:
    """The programmes passing the filters, with notes on how --division was read."""
    check_agency(agency)
    chosen = divisions.division_filter(catalog, division)
    programs = query.filter_programs(catalog.programs, year=year, division=chosen, agency=agency, tag=tag)
    notes: list[str] = []
    if chosen:
        links = chosen.links_used(programs, year)
        if links:
            notes.append("부서 계보 반영: " + "; ".join(lineage_link(link) for link in links))
        unassigned = [p for p in query.filter_programs(catalog.programs, year=year, agency=agency, tag=tag)
                      if not divisions.divisions_for(p, year, catalog.program_by_id)[0]]
        if unassigned:
            notes.append(f"담당 부서가 기록되지 않은 사업 {len(unassigned)}개는 --division으로 고를 수 없어 빠졌습니다")
    return Selection(programs, tuple(notes))


def report_named(catalog: Catalog, wanted: str) -> Report:
    """A report by id (2024-04) or by year when that year has one report."""
    if wanted in catalog.report_by_id:
        return catalog.report_by_id[wanted]
    same_year = [r for r in catalog.reports if str(r.year) == wanted.strip()]
    if len(same_year) == 1:
        return same_year[0]
    if same_year:
        raise Ambiguous(f"{shown(wanted)}년 보고서가 여럿입니다", [r.id for r in same_year])
    raise NotFound(f"'{shown(wanted)}' 보고서가 없습니다", [r.id for r in catalog.reports])


def program_label(catalog: Catalog, program_id: str) -> str:
    """캠퍼스타운 (campus-town) for an id; the bare id when the catalogue does not have it."""
    other = catalog.program_by_id.get(program_id)
    return name_and_id(other.name, program_id) if other else program_id


def with_id(program: Program, data: dict[str, Any]) -> dict[str, Any]:
    """A row of a programme's facts for ndjson and csv, led by the programme's id and name."""
    return {"id": program.id, "name": program.name, **data}
