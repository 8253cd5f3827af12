"""search, show and list: finding programmes and reading one."""

from __future__ import annotations

from .. import divisions, labels, query, records
from ..errors import QueryError
from .answer import DECORATION, FIGURE, ID, LABEL, NAME, TEXT, Answer, Column, Facts, Line, Styled, Table, nothing
from .common import filtered, guessed, program_label

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ..library import Library
    from ..models import Catalog, Program

LIST_COLUMNS = ("id", "name", "name_en", "agency", "part_of", "divisions", "tags", "years", "budget_year", "budget_krw")


# --- search -----------------------------------------------------------------------------------

def search(lib: Library, text: str, year: int | None = None, division: str | None = None, agency: str | None = None,
           tag: str | None = None, limit: int = 20) -> Answer:
    if limit < 1:
        raise QueryError(f"--limit은 1 이상이어야 합니다: {limit}")
    query.check_query(text)
    allowed: set[str] | None = None
    if any(value is not None for value in (year, division, agency, tag)):   # filters need the programmes
        allowed = {p.id for p in filtered(lib.catalog(), year, division, agency, tag).programs}
    index = lib.search_index()
    # With filters the hits are filtered afterwards, so the index may not stop early.
    hits = [hit for hit in index.search(text, None if allowed is not None else limit)
            if allowed is None or hit.id in allowed][:limit]
    if not hits:
        suggestions = query.suggest(index, text)
        hint = f" (혹시: {', '.join(suggestions)})" if suggestions else ""
        return nothing("search", f"'{labels.shown(text)}'에 맞는 프로그램이 없습니다{hint}", fields=records.HIT_FIELDS)
    return Answer("search", lambda: [records.hit(h) for h in hits], lambda: [_hits_table(hits, text)],
                  document_fields=records.HIT_FIELDS)


def _hits_table(hits: list[Any], text: str) -> Table:
    rows = []
    for rank, hit in enumerate(hits, 1):
        matched = labels.MATCHED_NAMES.get(hit.matched, hit.matched)
        if hit.matched_text != hit.name:
            matched += f": {hit.matched_text}"
        rows.append((str(rank), hit.name, hit.id, f"{hit.score:.1f}", Styled(matched, "dim")))
    return Table("hit", f"'{labels.shown(text)}' 검색 결과 {len(hits)}건",
                 (Column("순위", FIGURE, right=True), Column("이름", NAME), Column("id", ID),
                  Column("점수", FIGURE, right=True), Column("일치", TEXT)), rows)


# --- show -------------------------------------------------------------------------------------

SHOW_FIELDS = (*records.PROGRAM_FIELDS, "resolved_from")


def show(lib: Library, program: str) -> Answer:
    position = query.resolve_position(lib.search_index(), program)
    # No programme objects for --json: the cached record of this one programme is read.
    record = lib.program_record(position)
    remark = guessed(program, record["id"], [record["name"], record["name_en"] or "",
                                             *(alias["name"] for alias in record["aliases"])])
    resolved_from = program if remark else None

    def json_text() -> str:
        # The record's cached JSON text, with resolved_from added as its last key.
        from ..machine import to_json

        text = lib.program_json()[position][2:].replace("\n  ", "\n")   # the list's item, as a document
        return f'{text[:-2]},\n  "resolved_from": {to_json(resolved_from)[:-1]}\n}}\n'

    return Answer("program", {**record, "resolved_from": resolved_from},
                  lambda: show_view(lib.catalog(), lib.catalog().programs[position]),
                  remarks=(remark,) if remark else (), document_fields=SHOW_FIELDS, json_text=json_text)


def show_view(catalog: Catalog, program: Program) -> list[Any]:
    # The views show shares with other commands: imported here, so that show --json, search and
    # list, which never draw them, do not load those modules.
    from .audit import findings_table
    from .budget import budget_table, unprinted_lines
    from .timeline import milestones_table

    blocks: list[Any] = [Line(Styled(program.name, "bold"), program.id), _facts(catalog, program)]
    if program.budgets:
        blocks += [budget_table(catalog, program), *unprinted_lines(program)]
    if program.targets:
        blocks.append(targets_table(program))
    if program.milestones:
        blocks.append(milestones_table(query.sorted_milestones(program), "주요 일정"))
    related = catalog.findings_about(program.id)
    if related:
        blocks.append(findings_table(related, f"행정사무감사 지적 {len(related)}건 (2022-01 보고 기준)"))
    cited = [catalog.report_by_id[r] for r in program.sources if r in catalog.report_by_id]
    blocks.append(Line(Styled("출처: " + ", ".join(f"{r.id} {r.title}" for r in cited), "dim")))
    return blocks


def _facts(catalog: Catalog, program: Program) -> Facts:
    rows: list[tuple[str, Any]] = []
    if program.name_en:
        rows.append(("영문명", program.name_en))
    if program.aliases:
        rows.append(("별칭", ", ".join(a.name + (f" ({a.report})" if a.report else "") for a in program.aliases)))
    rows.append(("기관", labels.AGENCY_NAMES.get(program.agency, program.agency)))
    for label, other in (("상위 사업", program.part_of), ("이전 사업", program.successor_of)):
        if other:
            rows.append((label, program_label(catalog, other)))
    children = catalog.children(program.id)
    if children:
        rows.append(("하위 사업", ", ".join(labels.name_and_id(c.name, c.id) for c in children)))
    responsible = divisions_by_report(catalog, program)
    if responsible:
        rows.append(("담당 부서", responsible))
    if program.tags:
        rows.append(("태그", ", ".join(program.tags)))
    rows.append(("연도", ", ".join(str(y) for y in program.years)))
    rows.append(("요약", program.summary))
    return Facts("fact", [(label, value) for label, value in rows])


def divisions_by_report(catalog: Catalog, program: Program) -> str:
    """2019-09 캠퍼스타운활성화과 · 2024-04 대학창업과: each report's own statement, the parent's when
    the report says nothing of the part itself, or that the report names no division."""
    from ..models import DivisionRef

    said = []
    for report in sorted(program.sources, key=lambda r: catalog.report_order.get(r, ())):
        holder, entries = divisions.division_entries(program, report, catalog.program_by_id)
        if not entries:
            continue
        names = list(dict.fromkeys(e.name for e in entries if isinstance(e, DivisionRef)))
        text = ", ".join(names) if names else "보고서에 담당 부서 없음"
        said.append(f"{report} {text}" + (" (상위 사업 기준)" if holder != program.id else ""))
    return " · ".join(said)


def targets_table(program: Program) -> Table:
    rows = [(str(t.year or "-"), labels.TARGET_KIND_NAMES[t.kind], t.text, labels.value(t.value, t.unit),
             t.source.report, t.note or "")
            for t in sorted(program.targets, key=lambda t: (t.year or 0, t.kind))]
    return Table("target", "목표와 실적", (Column("연도", FIGURE), Column("구분", LABEL), Column("항목", TEXT),
                                       Column("값", FIGURE, right=True), Column("출처", ID), Column("비고", TEXT)), rows)


# --- list -------------------------------------------------------------------------------------

def list_programs(lib: Library, year: int | None = None, division: str | None = None, agency: str | None = None,
                  tag: str | None = None, sort: str = "name") -> Answer:
    if all(value is None for value in (year, division, agency, tag)) and sort == "name":
        return _everything(lib)
    catalog = lib.catalog()
    chosen = filtered(catalog, year, division, agency, tag)
    programs = query.sort_programs(catalog, chosen.programs, sort, year)
    if not programs:
        return nothing("list", "조건에 맞는 프로그램이 없습니다", fields=records.PROGRAM_FIELDS)
    from .budget import unprinted_note

    position = {p.id: at for at, p in enumerate(catalog.programs)}
    notes = (*(unprinted_note(programs, year) if year else ()), *chosen.notes)
    return _listing(lib, lambda: catalog, lambda: programs, [position[p.id] for p in programs], year, notes)


def _everything(lib: Library) -> Answer:
    """Every programme by name: the search keys give the order, the cached JSON text the records,
    so `list --json` neither loads the catalogue nor writes JSON (the catalogue is loaded only to
    draw a table)."""
    index = lib.search_index()
    positions = sorted(range(len(index.ids)), key=index.names.__getitem__)   # as sort_programs orders by name
    return _listing(lib, lib.catalog, lambda: [lib.catalog().programs[at] for at in positions], positions, None, ())


def _listing(lib: Library, catalog_of: Any, programs_of: Any, positions: list[int], year: int | None,
             notes: tuple[str, ...]) -> Answer:
    """The answer of list for these programmes (given lazily: the JSON text needs only positions)."""
    def json_text() -> bytes:
        # The cached items' bytes as they lie, joined: no record is decoded or encoded.
        return b"[\n" + lib.program_json().joined(positions) + b"\n]\n" if positions else b"[]\n"

    def document() -> list[dict[str, Any]]:
        return [records.program(p) for p in programs_of()]

    def view() -> list[Any]:
        catalog, programs = catalog_of(), programs_of()
        return [_list_table(catalog, programs, {p.id: query.budget_for(catalog, p, year) for p in programs}, year)]

    def csv() -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
        catalog = catalog_of()
        rows = []
        for p in programs_of():
            budget = query.budget_for(catalog, p, year)
            rows.append((p.id, p.name, p.name_en, p.agency, p.part_of, p.division_names, p.tags, p.years,
                         budget.year if budget else None, budget.amount_krw if budget else None))
        return LIST_COLUMNS, rows

    return Answer("list", document, view, csv=csv, notes=notes, document_fields=records.PROGRAM_FIELDS,
                  json_text=json_text)


def _list_table(catalog: Catalog, programs: list[Program], budgets: dict[str, Any], year: int | None) -> Table:
    rows = []
    for program in programs:
        budget = budgets[program.id]
        amount = "" if budget is None else labels.won(budget.amount_krw) + ("" if year else f" ({budget.year})")
        rows.append((program.name, program.id, _division_cell(catalog, program, year), amount,
                     labels.year_runs(program.years)))
    return Table("program", f"프로그램 {len(programs)}개" + (f" ({year}년)" if year else ""),
                 (Column("이름", NAME), Column("id", ID), Column("담당 부서", LABEL),
                  Column(f"{year}년 예산" if year else "최근 예산", FIGURE, right=True), Column("연도", DECORATION)), rows)


def _division_cell(catalog: Catalog, program: Program, year: int | None) -> str:
    """The division, with the year of the report that states it when that is not the year asked."""
    names, stated = divisions.divisions_for(program, year, catalog.program_by_id)
    if not names:
        return ""
    return ", ".join(names) + (f" ({labels.short_year(stated)})" if stated != year else "")
