"""The work of `search`, `show` and `list`, and the output helpers every command shares.

These three are what scripts call in loops, so their bodies live here, free of click and
typer: the typer CLI (cli.py) and the fast lane (fastlane.py) both call them with parsed
values, and the answer is the same whichever one parsed the arguments.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Any, NoReturn

from . import query
from .catalog import PathOrSource, load_catalog, load_program_row, load_search_index, read_source
from .outcome import ClosedPipe, Done, NoResults, note, out
from .render import machine, records

if TYPE_CHECKING:
    import os

    from .models import Catalog

    PathArg = str | os.PathLike[str] | None   # a catalogue path; None: the default one

AGENCIES = ("seoul", "sba")   # as models.AGENCIES, repeated so --help need not import the models
LIST_FIELDS = "?"   # the value of a bare --fields: list the available keys
LINK_NAMES = {"rename": "명칭 변경", "split": "분리", "merge": "통합", "duty_transfer": "업무 이관", "transfer": "이관"}
LIST_COLUMNS = ("id", "name", "name_en", "agency", "part_of", "divisions", "tags", "years",
                "budget_year", "budget_krw")


class Format(str, Enum):
    table = "table"
    json = "json"
    ndjson = "ndjson"
    csv = "csv"


def output_format(fmt: Format, as_json: bool, allowed: tuple[Format, ...] = tuple(Format)) -> Format:
    chosen = Format.json if as_json else fmt
    if chosen not in allowed:
        names = "|".join(f.value for f in allowed)
        raise query.QueryError(f"이 명령은 --format {chosen.value}을(를) 지원하지 않습니다 (가능: {names})")
    return chosen


def catalog(path: PathOrSource, check_quotes: bool = False) -> Catalog:
    return load_catalog(path, check_quotes=check_quotes, notify=note)


def console() -> Any:
    from .render.terminal import make_console

    return make_console(on_closed_pipe=ClosedPipe)


def check_agency(agency: str | None) -> None:
    if agency is not None and agency not in AGENCIES:
        raise query.QueryError(f"기관은 {', '.join(AGENCIES)} 중 하나여야 합니다: {agency}")


def filtered(catalog: Catalog, year: int | None, division: str | None, agency: str | None,
             tag: str | None) -> tuple[list[Any], str]:
    """The programmes passing the filters, and a line saying which division lineage was followed."""
    check_agency(agency)
    chosen = query.division_filter(catalog, division)
    programs = query.filter_programs(catalog.programs, year=year, division=chosen, agency=agency, tag=tag)
    links = chosen.links_used(programs, year) if chosen else []
    lineage = "; ".join(f"{link.to_name} ← {link.from_name} ({link.from_report}→{link.to_report} {LINK_NAMES[link.kind]})"
                        for link in links)
    return programs, (f"부서 계보 반영: {lineage}" if lineage else "")


def choose_fields(wanted: str | None, available: tuple[str, ...], fmt: Format) -> tuple[tuple[str, ...] | None, Format]:
    """The chosen keys (None: all) and the format: choosing fields asks for JSON unless a
    machine format was given. Bare --fields prints the available keys and stops."""
    if wanted is None:
        return None, fmt
    if wanted == LIST_FIELDS:
        out("\n".join(available) + "\n")
        raise Done()
    chosen = tuple(f.strip() for f in wanted.split(",") if f.strip())
    unknown = [f for f in chosen if f not in available]
    if unknown or not chosen:
        raise query.QueryError(f"없는 필드입니다: {', '.join(unknown) or wanted!r} (가능: {', '.join(available)})")
    return chosen, (Format.json if fmt is Format.table else fmt)


def pick(items: list[dict[str, Any]], chosen: tuple[str, ...]) -> list[dict[str, Any]]:
    return [{key: item[key] for key in chosen} for item in items]


def emit_records(fmt: Format, items: list[dict[str, Any]], columns: tuple[str, ...], rows: list[tuple[Any, ...]],
                 chosen: tuple[str, ...] | None = None) -> None:
    if chosen is not None:
        items = pick(items, chosen)
        columns = chosen
        rows = [tuple(_csv_value(item[key]) for key in chosen) for item in items]
    if fmt is Format.json:
        out(machine.to_json(items))
    elif fmt is Format.ndjson:
        out(machine.to_ndjson(items))
    else:
        out(machine.to_csv(columns, rows))


def _csv_value(value: Any) -> Any:
    """Nested values (budgets, sources …) go into a CSV cell as JSON; lists of plain values joined."""
    if isinstance(value, dict) or (isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value)):
        return machine.to_json(value).strip().replace("\n", "")
    return value


def no_results(fmt: Format, message: str) -> NoReturn:
    if fmt is Format.json:
        out("[]\n")
    raise NoResults(message if fmt is Format.table else "")


# --- the commands scripts call most ------------------------------------------------------------

def search(path: PathArg, text: str, year: int | None = None, division: str | None = None,
           agency: str | None = None, tag: str | None = None, limit: int = 20, fmt: Format = Format.table,
           as_json: bool = False, fields: str | None = None) -> None:
    chosen, fmt = choose_fields(fields, records.HIT_FIELDS, output_format(fmt, as_json))
    if limit < 1:
        raise query.QueryError(f"--limit은 1 이상이어야 합니다: {limit}")
    source = read_source(path)   # read and hashed once for both loads below
    allowed: set[str] | None = None
    if any(value is not None for value in (year, division, agency, tag)):   # filters need the programmes
        allowed = {p.id for p in filtered(catalog(source), year, division, agency, tag)[0]}
    index = load_search_index(source, notify=note)   # cached: cheaper than building it from the programmes
    query.check_query(text)
    # With filters the hits are filtered afterwards, so the index may not stop early.
    hits = [hit for hit in index.search(text, None if allowed else limit) if allowed is None or hit.id in allowed][:limit]
    if not hits:
        suggestions = query.suggest(index, text)
        hint = f" (혹시: {', '.join(suggestions)})" if suggestions else ""
        no_results(fmt, f"'{query.shown(text)}'에 맞는 프로그램이 없습니다{hint}")
    if fmt is Format.table:
        from .render import terminal

        terminal.search_results(console(), hits, text)
        return
    emit_records(fmt, [records.hit(h) for h in hits], records.HIT_FIELDS,
                 [(h.id, h.name, h.score, h.matched, h.matched_text) for h in hits], chosen)


def show(path: PathArg, program: str, fmt: Format = Format.table, as_json: bool = False,
         fields: str | None = None) -> None:
    chosen, fmt = choose_fields(fields, records.PROGRAM_FIELDS,
                         output_format(fmt, as_json, (Format.table, Format.json, Format.ndjson)))
    if fmt is Format.table:
        from .render import terminal

        loaded = catalog(path)
        terminal.show_program(console(), loaded, query.resolve_program(loaded, program))
        return
    # JSON needs no programme objects: the search keys find it, its cached record is printed.
    source = read_source(path)
    position = query.resolve_position(load_search_index(source, notify=note), program)
    data = load_program_row(source, position, _program_rows, notify=note)
    if chosen is not None:
        data = pick([data], chosen)[0]
    out(machine.to_json(data) if fmt is Format.json else machine.to_ndjson([data]))


def _program_rows(catalog: Catalog) -> list[dict[str, Any]]:
    return [records.program(p) for p in catalog.programs]


def list_programs(path: PathArg, year: int | None = None, division: str | None = None, agency: str | None = None,
                  tag: str | None = None, sort: str = "name", fmt: Format = Format.table, as_json: bool = False,
                  fields: str | None = None) -> None:
    chosen, fmt = choose_fields(fields, records.PROGRAM_FIELDS, output_format(fmt, as_json))
    loaded = catalog(path)
    programs, lineage_note = filtered(loaded, year, division, agency, tag)
    programs = query.sort_programs(loaded, programs, sort, year)
    if not programs:
        no_results(fmt, "조건에 맞는 프로그램이 없습니다")
    if fmt is Format.table:
        from .render import terminal

        terminal.program_list(console(), loaded, programs, year, lineage_note)
        return
    rows = []
    for p in programs:
        budget = query.annual_budget(loaded, p, year) if year else query.latest_annual_budget(loaded, p)
        rows.append((p.id, p.name, p.name_en, p.agency, p.part_of, p.division_names, p.tags, p.years,
                     budget.year if budget else None, budget.amount_krw if budget else None))
    emit_records(fmt, [records.program(p) for p in programs], LIST_COLUMNS, rows, chosen)
