"""Machine formats: JSON (one document), NDJSON (one object a line), CSV (one row a record).

JSON is written here rather than by the json module: importing json imports its decoder, and
the decoder re, some 5 ms of a 20 ms command, to write what json.dumps(ensure_ascii=False,
indent=2) writes byte for byte (a property test compares the two). The text of a string is
escaped with one str.translate, as json's own encoder does in C.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from typing import Any

# What json.dumps(ensure_ascii=False) escapes: the quote, the backslash and control characters.
_ESCAPES = {0x22: '\\"', 0x5C: "\\\\", 0x08: "\\b", 0x0C: "\\f", 0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t"}
_ESCAPES.update({code: f"\\u{code:04x}" for code in range(0x20) if code not in _ESCAPES})
_NEEDS_ESCAPE = frozenset(chr(code) for code in _ESCAPES)


def _string(text: str) -> str:
    if _NEEDS_ESCAPE.isdisjoint(text):
        return f'"{text}"'
    return '"' + text.translate(_ESCAPES) + '"'


def _scalar(value: Any) -> str:
    if isinstance(value, str):
        return _string(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"JSON cannot hold {value!r}")   # the catalogue check refuses them first
        return float.__repr__(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _key(key: Any) -> str:
    """A dict key as json.dumps writes it: strings as they are, numbers and constants as text."""
    return _string(key if isinstance(key, str) else _scalar(key).strip('"'))


def _indented(value: Any, depth: int, out: list[str]) -> None:
    if isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = "\n" + "  " * (depth + 1)
        out.append("{")
        first = True
        for key, item in value.items():
            out.append(inner if first else "," + inner)
            first = False
            out.append(_key(key) + ": ")
            _indented(item, depth + 1, out)
        out.append("\n" + "  " * depth + "}")
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner = "\n" + "  " * (depth + 1)
        out.append("[")
        first = True
        for item in value:
            out.append(inner if first else "," + inner)
            first = False
            _indented(item, depth + 1, out)
        out.append("\n" + "  " * depth + "]")
    else:
        out.append(_scalar(value))


def _compact(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(_key(key) + ": " + _compact(item) for key, item in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_compact(item) for item in value) + "]"
    return _scalar(value)


def to_json(data: Any) -> str:
    """As json.dumps(data, ensure_ascii=False, indent=2), and a newline."""
    out: list[str] = []
    _indented(data, 0, out)
    out.append("\n")
    return "".join(out)


def to_ndjson(items: Iterable[Any]) -> str:
    """One object a line, as json.dumps(item, ensure_ascii=False) writes it."""
    return "".join(_compact(item) + "\n" for item in items)


def to_json_line(value: Any) -> str:
    """One value on one line (a nested value in a CSV cell), as json.dumps writes it."""
    return _compact(value)


# A text cell starting with one of these is a formula to a spreadsheet (CSV injection). OWASP's
# rule: such a cell gets a leading apostrophe, which the spreadsheet shows as text and hides.
# Numbers stay numbers; a reader that wants exact text takes the JSON or SQLite export.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def to_csv(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """RFC 4180 CSV with a header; lists are joined with ';', None is an empty cell, and text
    that a spreadsheet would run as a formula is neutralised (FORMULA_STARTS)."""
    import csv
    import io

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
