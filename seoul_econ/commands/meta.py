"""schema and validate: the JSON contract, and the catalogue's own check."""

from __future__ import annotations

from pathlib import Path

from ..errors import QueryError
from ..labels import shown
from ..library import Library
from .answer import Answer, Line

VALIDATE_FIELDS = ("ok", "path", "reports", "programs", "findings", "quotes", "problems")


def schema(lib: Library, name: str = "program") -> Answer:
    from ..schema import OUTPUTS, schema_for

    if name not in OUTPUTS:
        raise QueryError(f"없는 스키마입니다: {shown(name)} (가능: {', '.join(OUTPUTS)})")
    return Answer("schema", schema_for(name))


def validate(lib: Library, path: Path | None = None, coverage: bool = False) -> Answer:
    from ..build import count_quotes

    catalog = (Library(path, lib.notify) if path is not None else lib).checked_catalog()
    if coverage:   # coverage.py decides; a heading no record covers fails like a quote not in its report
        from .. import coverage as cov
        from ..errors import CatalogError

        result = cov.check(catalog)
        if not result.complete:
            raise CatalogError(cov.problems(result))
        return Answer("coverage", cov.as_json(result), [Line(text) for text in cov.text_lines(result)])
    quotes = count_quotes(catalog)
    document = {"ok": True, "path": catalog.path, "reports": len(catalog.reports), "programs": len(catalog.programs),
                "findings": len(catalog.findings), "quotes": quotes, "problems": []}
    view = [Line(f"카탈로그 정상: {catalog.path}"),
            Line(f"보고서 {len(catalog.reports)}건, 프로그램 {len(catalog.programs)}개, "
                 f"행정사무감사 지적 {len(catalog.findings)}건, 출처 인용 {quotes:,}건 확인")]
    return Answer("validate", document, view, document_fields=VALIDATE_FIELDS)
