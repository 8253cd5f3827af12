"""The view in a pipe: one record a line, fields split by tabs; no padding, wrapping or rules
(as gh prints when piped), so that grep, cut and sort work on it.

A view of one table prints just its rows. A view of several blocks (show: facts, budgets,
targets …) starts each line with the block's English name (`fact`, `budget`, `target`,
`milestone`; `title` and `note` for its lines), so `seoul-econ show 캠퍼스타운 | grep ^budget | cut -f2,4`
works. Decorations (bars) are left out; notes under a table go to stderr.
"""

from __future__ import annotations

from ..commands.answer import DECORATION, Facts, Line, Styled, Table
from .layout import text_of

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from typing import Any


def render(blocks: Sequence[Any]) -> str:
    tables = sum(1 for block in blocks if isinstance(block, (Table, Facts)))
    tagged = tables > 1 or (tables == 1 and len(blocks) > 1)
    return "".join("\t".join(fields) + "\n" for fields in _records(blocks, tagged))


def _records(blocks: Sequence[Any], tagged: bool) -> Iterator[list[str]]:
    for block in blocks:
        if isinstance(block, Table):
            kept = [i for i, column in enumerate(block.columns) if column.role != DECORATION]
            for row in [*block.rows, *([block.total] if block.total else [])]:
                fields = [_field(row[i]) for i in kept]
                yield [block.name, *fields] if tagged else fields
        elif isinstance(block, Facts):
            for label, value in block.rows:
                yield [block.name, label, _field(value)] if tagged else [label, _field(value)]
        else:
            fields = [_field(block.text), *([block.aside] if block.aside else [])]
            yield [_line_name(block), *fields] if tagged else fields


def _line_name(line: Line) -> str:
    """A heading is a `title` line, any other line a `note`."""
    return "title" if isinstance(line.text, Styled) and line.text.style == "bold" else "note"


def _field(cell: Any) -> str:
    """A cell as one field: no tabs or line breaks inside (they would split the record)."""
    return " ".join(text_of(cell).split())
