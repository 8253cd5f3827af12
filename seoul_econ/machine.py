"""Machine formats: JSON (one document), NDJSON (one object a line), CSV (one row a record)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_ndjson(items: Iterable[Any]) -> str:
    return "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items)


# A text cell starting with one of these is a formula to a spreadsheet (CSV injection). OWASP's
# rule: such a cell gets a leading apostrophe, which the spreadsheet shows as text and hides.
# Numbers stay numbers; a reader that wants exact text takes the JSON or SQLite export.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def to_csv(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """RFC 4180 CSV with a header; lists are joined with ';', None is an empty cell, and text
    that a spreadsheet would run as a formula is neutralised (FORMULA_STARTS)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = ";".join(str(v) for v in value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
