"""export: the whole catalogue for other tools, as files (or stdout)."""

from __future__ import annotations

from .. import export as tables
from .. import machine
from ..errors import QueryError
from .answer import Answer

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ..library import Library

BOM = "\ufeff"   # Excel reads a CSV as UTF-8 only after this mark


def export(lib: Library, format: str = "json", output: str | None = None, table: str | None = None,
           excel: bool = False) -> Answer:
    """The files to write: {"": content} for one output (the -o file, or stdout), else one
    content per file name of the -o folder. Content is text, or a function that writes a path."""
    from pathlib import Path

    catalog = lib.catalog()
    output = None if output is None else Path(output)
    if format in ("json", "ndjson"):
        document = tables.catalog_document(catalog)
        text = machine.to_json(document) if format == "json" else machine.to_ndjson(
            [{"type": "report", **r} for r in document["reports"]] + [{"type": "program", **p} for p in document["programs"]])
        return _files({"": text})
    if format == "sqlite":
        if output is None:
            raise QueryError("sqlite 내보내기에는 -o 파일 경로가 필요합니다 (예: -o seoul-econ.db)")
        return _files({"": lambda path: tables.write_sqlite(catalog, path)})
    every = tables.tables(catalog)
    bom = BOM if excel else ""
    if table is not None:
        if table not in every:
            raise QueryError(f"없는 표입니다: {table} (가능: {', '.join(every)})")
        return _files({"": bom + machine.to_csv(*every[table])})
    if output is None or (output.exists() and not output.is_dir()):
        raise QueryError("csv 내보내기는 -o 폴더가 필요합니다 (표 하나만이면 --table)")
    return _files({f"{name}.csv": bom + machine.to_csv(columns, rows) for name, (columns, rows) in every.items()})


def _files(contents: dict[str, Any]) -> Answer:
    return Answer("export", None, files=contents)
