"""What a command returns: its answer as data, for the one emitter (render/emit.py) to print.

An Answer holds the JSON document (the contract of docs/json.md), the flat records that
ndjson and csv print when they differ from the document's items, and the view a reader sees on
a terminal or in a pipe: blocks of tables, key–value facts and lines, with Korean labels already
chosen. Expensive parts may be given as functions of no arguments: a `--json` answer then never
builds its view, and a table never builds the JSON.
"""

from __future__ import annotations

from ..frozen import Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import Any, Union

    Cell = Union[str, "Styled", tuple["Styled", ...]]   # a tuple: segments of different styles in one cell
    Block = Union["Table", "Facts", "Line"]
    Lazy = Union[Any, Callable[[], Any]]

# How a column behaves when the terminal is narrow (render/layout.py):
ID = "id"                   # an id or code the user types next: never wrapped, never cut
NAME = "name"               # a programme's name: wraps at word boundaries, never dropped
FIGURE = "figure"           # amounts, years, dates, rates, counts: never wrapped, never cut
LABEL = "label"             # short words (a division, a status): wraps
TEXT = "text"               # free text: wraps at word boundaries, takes the space left
DECORATION = "decoration"   # bars, marks, year lists: shrinks, then goes first
ROLES = (ID, NAME, FIGURE, LABEL, TEXT, DECORATION)


class Styled(Record):
    """Text with a meaning for colour: done/ongoing/planned/reviewing/rejected/reported/
    rescheduled/unreported/upcoming, or dim/bold/bar. Plain output drops the style."""

    text: str
    style: str




class Column(Record):
    header: str
    role: str
    right: bool = False   # aligned right (amounts, counts)


class Table(Record):
    name: str                          # an English key: the first field of each piped line in a many-block view
    title: str | None
    columns: tuple[Column, ...]
    rows: Sequence[tuple[Cell, ...]]
    total: tuple[Cell, ...] | None = None   # a 합계 row under a rule
    header: bool = True


class Facts(Record):
    """Label–value lines (a programme's 영문명, 별칭, 담당 부서 …)."""

    name: str
    rows: Sequence[tuple[str, Cell]]


class Line(Record):
    """A line of the view: a heading (title and a dim id beside it) or a remark."""

    text: Cell
    aside: str = ""          # shown dim after the text (an id)


class Answer(Record):
    kind: str                                   # what the document is: a name of `seoul-econ schema`
    document: Lazy                              # the JSON value (a dict, or a list of dicts)
    view: Lazy = ()                             # list of Blocks for table and plain output
    items: Lazy = None                          # ndjson/csv records, when not the document's items
    csv: Lazy = None                            # (columns, rows) for csv, when not made from the records
    notes: tuple[str, ...] = ()                 # remarks for a reader, printed under the view
    remarks: tuple[str, ...] = ()               # said on stderr whatever the format (a name resolved by a guess)
    problems: tuple[str, ...] = ()              # what makes the catalogue fail a check: said on stderr, exit 3
    empty: str | None = None                    # set when nothing matched: the line said to a reader (exit 1)
    files: Lazy = None                          # {file name: text, bytes or writer(path)} for export -o
    document_fields: tuple[str, ...] | None = None   # what --fields may choose from the document
    item_fields: tuple[str, ...] | None = None       # … and from the items, when those differ
    json_text: Lazy = None                      # the document already written as JSON (str, or UTF-8 bytes), if at hand

    @property
    def status(self) -> int:
        """The exit status the answer implies: 3 when it found problems, 1 when nothing matched."""
        return 3 if self.problems else 1 if self.empty is not None else 0


def resolved(value: Lazy) -> Any:
    """A lazy part of an answer, computed."""
    return value() if callable(value) else value


def nothing(kind: str, message: str, document: Any = (), fields: tuple[str, ...] | None = None) -> Answer:
    """The answer when nothing matched: an empty document (`[]` unless given) and a line for a reader."""
    return Answer(kind, list(document) if isinstance(document, tuple) else document, empty=message,
                  document_fields=fields)
