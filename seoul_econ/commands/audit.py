"""findings and finding: the council's 2021 audit findings and what was done about them."""

from __future__ import annotations

from .. import findings as audit
from .. import labels, records
from ..errors import Ambiguous, NotFound, QueryError
from .answer import FIGURE, ID, LABEL, TEXT, Answer, Column, Facts, Line, Styled, Table, nothing
from .common import named_program, program_label

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from typing import Any

    from ..library import Library
    from ..models import Catalog, Finding

STATUSES = "추진완료, 추진중, 검토중, 미반영"
CATEGORIES = "시정·처리요구사항, 건의사항, 기타(자료제출)"


def findings(lib: Library, text: str | None = None, division: str | None = None, status: str | None = None,
             category: str | None = None, program: str | None = None) -> Answer:
    for given, label in ((text, "검색어"), (division, "--division")):
        _meaningful(given, label)
    status_code = _code(status, audit.status_code, "상태", STATUSES)
    category_code = _code(category, audit.category_code, "구분", CATEGORIES)
    catalog = lib.catalog()
    program_ids, remarks = None, ()
    if program is not None:
        named = named_program(lib, program)
        program_ids = {named.program.id, *(part.id for part in _parts(catalog, named.program.id))}
        remarks = (named.remark,) if named.remark else ()
    selected = audit.select(catalog, text, division=division, status=status_code, category=category_code,
                            program_ids=program_ids)
    if not selected:
        return nothing("findings", "조건에 맞는 지적사항이 없습니다", fields=records.FINDING_FIELDS)
    return Answer("findings", lambda: [records.finding(f) for f in selected],
                  lambda: [findings_table(selected, f"행정사무감사 지적 {len(selected)}건")], remarks=remarks,
                  document_fields=records.FINDING_FIELDS)


def _parts(catalog: Catalog, program_id: str) -> list[Any]:
    """Every programme below program_id: its parts, their parts, and so on."""
    found, frontier = [], [program_id]
    while frontier:
        children = [c for parent in frontier for c in catalog.children(parent) if c not in found]
        found += children
        frontier = [c.id for c in children]
    return found


def _meaningful(value: str | None, label: str) -> None:
    """A filter of only spaces or punctuation would select everything: say so instead."""
    if value is not None and not labels.has_letters(value):
        raise QueryError(f"{labels.particle(label, '은/는')} 글자나 숫자를 포함해야 합니다: '{labels.shown(value)}'")


def _code(value: str | None, read: Callable[[str], str | None], label: str, allowed: str) -> str | None:
    if value is None:
        return None
    code = read(value)
    if code is None:
        raise QueryError(f"{labels.particle(label, '은/는')} {allowed} 중 하나여야 합니다: {labels.shown(value)}")
    return code


def finding(lib: Library, wanted: str) -> Answer:
    catalog = lib.catalog()
    found = audit.find_one(catalog, wanted)
    if isinstance(found, list):
        if found:
            raise Ambiguous(f"'{labels.shown(wanted)}' 번호의 지적이 여러 구분에 있습니다", [f.id for f in found])
        raise NotFound(f"'{labels.shown(wanted)}' 지적사항이 없습니다 (예: correction-12, 건의-3)")
    return Answer("finding", lambda: records.finding(found), lambda: _finding_view(catalog, found),
                  document_fields=records.FINDING_FIELDS)


def findings_table(items: Iterable[Finding], title: str) -> Table:
    rows = [(f.id, f.division, Styled(f.status, f.status_code), f.finding) for f in items]
    return Table("finding", title, (Column("id", ID), Column("부서", LABEL), Column("상태", LABEL),
                                    Column("지적 요지", TEXT)), rows)


def _finding_view(catalog: Catalog, item: Finding) -> list[Any]:
    facts: list[tuple[str, Any]] = [("부서", item.division), ("상태", Styled(item.status, item.status_code)),
                                    ("지적", item.finding), ("조치", item.actions)]
    if item.programs:
        facts.append(("관련 사업", ", ".join(program_label(catalog, p) for p in item.programs)))
    facts.append(("출처", f"{item.source.report} \u201c{item.source.quote}\u201d"))
    blocks: list[Any] = [Line(Styled(f"{item.id}  {item.category} {item.number}번", "bold")), Facts("fact", facts)]
    if item.plans:
        blocks.append(Table("plan", "향후 계획", (Column("날짜", FIGURE), Column("내용", TEXT)),
                            [(labels.span(p.date, p.end), p.event) for p in item.plans]))
    return blocks
