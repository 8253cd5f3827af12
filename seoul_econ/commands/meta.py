"""schema and validate: the JSON contract, and the catalogue's own check."""

from __future__ import annotations


from ..errors import QueryError
from ..labels import COVERAGE_STATUS_NAMES, shown
from ..library import Library
from .answer import FIGURE, LABEL, TEXT, Answer, Column, Line, Styled, Table

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ..models import Catalog

VALIDATE_FIELDS = ("ok", "path", "reports", "programs", "findings", "quotes", "problems")


def schema(lib: Library, name: str = "program") -> Answer:
    from ..schema import OUTPUTS, schema_for

    if name not in OUTPUTS:
        raise QueryError(f"없는 스키마입니다: {shown(name)} (가능: {', '.join(OUTPUTS)})")
    return Answer("schema", schema_for(name))


def validate(lib: Library, path: str | None = None, coverage: bool = False) -> Answer:
    from ..proofs import count_quotes

    catalog = (Library(path, lib.notify) if path is not None else lib).checked_catalog()
    if coverage:
        return _coverage(catalog)
    quotes = count_quotes(catalog)
    document = {"ok": True, "path": catalog.path, "reports": len(catalog.reports), "programs": len(catalog.programs),
                "findings": len(catalog.findings), "quotes": quotes, "problems": []}
    view = [Line(f"카탈로그 정상: {catalog.path}"),
            Line(f"보고서 {len(catalog.reports)}건, 프로그램 {len(catalog.programs)}개, "
                 f"행정사무감사 지적 {len(catalog.findings)}건, 출처 인용 {quotes:,}건 확인")]
    return Answer("validate", document, view, document_fields=VALIDATE_FIELDS)


def _coverage(catalog: Catalog) -> Answer:
    """Every heading and named table row of every report, with what covers it (coverage.py
    decides). A heading no record covers fails the check like a quote not in its report: the
    listing is still printed, the problems are said on stderr, and the exit status is 3."""
    from .. import coverage as cov

    result = cov.check(catalog)
    view: list[Any] = []
    for report in result.reports:
        counts = ", ".join(f"{COVERAGE_STATUS_NAMES[s]} {report.count('heading', s)}" for s in cov.STATUSES)
        view.append(Line(Styled(f"{report.report} {report.file}: 제목 {report.count('heading')}개 "
                                f"(본문에서 찾은 {report.found()}개) — {counts}; 표의 행 {report.count('row')}개", "bold")))
        rows = [(str(item.lines[0]) if item.lines else "-", "행" if item.kind == "row" else "제목",
                 f"{item.table} › {item.text}" if item.table else item.text,
                 Styled(COVERAGE_STATUS_NAMES[item.status], "rejected" if item.status == cov.NOT_COVERED else "dim"),
                 _covering(item)) for item in report.items]
        view.append(Table("coverage", None, (Column("줄", FIGURE, right=True), Column("종류", LABEL),
                                            Column("제목·표의 행", TEXT), Column("상태", LABEL),
                                            Column("다루는 기록·사유", TEXT)), rows))
    total = sum(r.count("heading") + r.count("row") for r in result.reports)
    view.append(Line(f"전체 {total}개 중 누락 {len(result.missing)}개" if result.missing
                     else f"전체 {total}개 모두 사업에 연결되었거나 사유가 있습니다"))
    return Answer("coverage", cov.as_json(result), view, problems=tuple(cov.problems(result)))


def _covering(item: Any) -> str:
    if item.programs or item.findings:
        return ", ".join((*item.programs, *(f"finding:{f}" for f in item.findings)))
    return item.reason or ""
