"""The one emitter: an Answer in the format asked for, with --fields applied.

Formats: `table` (a terminal's layout), `plain` (tab-separated lines, the default in a pipe),
`json`, `ndjson`, `csv`, and for briefs `md`, `html`, `text`. Every command whose answer has
records offers all of table, plain, json, ndjson and csv (spec.py). The emitter returns text
and the lines for stderr; the CLI writes them (runner.py).
"""

from __future__ import annotations

from .. import machine
from ..commands.answer import Answer, resolved
from ..errors import QueryError
from ..frozen import Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

HUMAN = ("table", "plain")
MACHINE = ("json", "ndjson", "csv")
DOCUMENTS = ("md", "html", "text")
LIST_FIELDS = "?"   # the value of a bare --fields: list the keys it may choose


class Screen(Record):
    """What the table format needs to know of the terminal."""

    width: int = 80
    colour: bool = False


class Emitted(Record):
    out: str | bytes         # for stdout (or the -o file); bytes: JSON already encoded (list --json)
    err: tuple[str, ...]     # one line each for stderr (without the program's name)
    status: int              # the exit status the answer implies: 0, or 1 when nothing matched


def emit(answer: Answer, fmt: str, fields: str | None = None, screen: Screen = Screen()) -> Emitted:
    emitted = _emit(answer, fmt, fields, screen)
    if answer.problems:   # the answer is printed whole, and what fails is said after it
        return Emitted(emitted.out, (*emitted.err, *answer.problems), answer.status)
    return emitted


def _emit(answer: Answer, fmt: str, fields: str | None, screen: Screen) -> Emitted:
    remarks = answer.remarks
    if fields is not None:
        if fmt in HUMAN:
            fmt = "json"   # choosing keys asks for JSON unless another machine format was named
        keys = _available(answer, fmt)
        if fields == LIST_FIELDS:
            return Emitted("\n".join(keys) + "\n", remarks, 0)
        fields_chosen = _chosen(fields, keys)
    else:
        fields_chosen = None
    if answer.empty is not None:
        said = (*remarks, answer.empty) if fmt in HUMAN or fmt in DOCUMENTS else remarks
        return Emitted(machine.to_json(resolved(answer.document)) if fmt == "json" else "", said, 1)
    if fmt == "table":
        from .terminal import render

        return Emitted(render(resolved(answer.view), answer.notes, screen.width, screen.colour), remarks, 0)
    if fmt == "plain":
        from .plain import render as plain

        return Emitted(plain(resolved(answer.view)), (*remarks, *answer.notes), 0)
    if fmt in DOCUMENTS:
        from .brief import RENDERERS

        return Emitted(RENDERERS[fmt](resolved(answer.document)), remarks, 0)
    return Emitted(_machine(answer, fmt, fields_chosen), remarks, 0)


def _machine(answer: Answer, fmt: str, fields: tuple[str, ...] | None) -> str | bytes:
    if fmt == "json" and fields is None and answer.json_text is not None:
        return resolved(answer.json_text)
    if fmt == "json":
        document = resolved(answer.document)
        return machine.to_json(document if fields is None else _pick(document, fields))
    if fmt == "csv" and fields is None and answer.csv is not None:
        return machine.to_csv(*resolved(answer.csv))
    items = _items(answer)
    if fields is not None:
        items = [_pick(item, fields) for item in items]
    if fmt == "ndjson":
        return machine.to_ndjson(items)
    columns = fields or _csv_columns(items, answer)
    return machine.to_csv(*_flat(items, columns))


def _items(answer: Answer) -> list[Any]:
    """The records ndjson and csv print: the answer's own, or the document's items."""
    if answer.items is not None:
        return list(resolved(answer.items))
    document = resolved(answer.document)
    return list(document) if isinstance(document, list) else [document]


def _available(answer: Answer, fmt: str) -> tuple[str, ...]:
    """The keys --fields may choose for this format."""
    separate = answer.items is not None and fmt in ("ndjson", "csv")
    declared = answer.item_fields if separate else answer.document_fields
    if declared is not None:
        return declared
    sample = _items(answer) if separate else resolved(answer.document)
    if isinstance(sample, list):
        sample = sample[0] if sample else {}
    return tuple(sample) if isinstance(sample, dict) else ()


def _chosen(wanted: str, available: tuple[str, ...]) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(f.strip() for f in wanted.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in available]
    if unknown or not chosen:
        raise QueryError(f"없는 필드입니다: {', '.join(unknown) or repr(wanted)} (가능: {', '.join(available)})")
    return chosen


def _pick(document: Any, fields: tuple[str, ...]) -> Any:
    if isinstance(document, list):
        return [_pick(item, fields) for item in document]
    return {key: document.get(key) for key in fields}


def _csv_columns(items: list[dict[str, Any]], answer: Answer) -> tuple[str, ...]:
    if items:
        return tuple(items[0])
    return answer.item_fields or answer.document_fields or ()


def _flat(items: list[dict[str, Any]], columns: tuple[str, ...]) -> tuple[list[str], list[list[Any]]]:
    """Records as CSV rows: a `source` becomes its `report` and `quote` columns; other nested
    values are written as JSON in their cell; lists of plain values are joined with ';'."""
    header = [part for key in columns for part in (("report", "quote") if key == "source" else (key,))]
    rows = []
    for item in items:
        row: list[Any] = []
        for key in columns:
            value = item.get(key)
            if key == "source":
                row += [value.get("report"), value.get("quote")] if isinstance(value, dict) else [None, None]
            else:
                row.append(_cell(value))
        rows.append(row)
    return header, rows


def _cell(value: Any) -> Any:
    if isinstance(value, dict) or (isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value)):
        return machine.to_json_line(value)
    return value
