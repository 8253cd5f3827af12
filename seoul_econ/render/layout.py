"""Laying a view out on a terminal of a given width: which columns fit, how wide each is, how text
wraps. Pure text arithmetic (no rich): terminal.py adds the colour.

The rules (issue: output at every width): ids and figures are never wrapped or cut; names and
free text wrap at word boundaries and never lose a word (a column is never narrower than its
longest word; only a stacked record's value wider than the whole terminal is folded, and folding
keeps every character); decorations (bars, year lists) go first when space runs out; a table
whose essential columns cannot fit is stacked, one field a line per record, as gh and kubectl do.
"""

from __future__ import annotations

import unicodedata

from ..commands.answer import DECORATION, FIGURE, ID, LABEL, NAME, TEXT, Column, Facts, Line, Styled, Table
from ..frozen import Record
from ..labels import clean

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from ..commands.answer import Cell

GAP = 2   # spaces between columns
# The narrowest a wrapping column may become before the table is stacked instead.
MIN_WIDTH = {NAME: 10, TEXT: 12, LABEL: 6}
Segment = tuple[str, str]   # (text, style); style "" is plain


_WIDTHS: dict[str, int] = {}


def char_width(char: str) -> int:
    """Terminal cells a character takes: 2 for Hangul and other wide characters, 0 for combining marks."""
    known = _WIDTHS.get(char)
    if known is None:
        known = _WIDTHS[char] = (0 if unicodedata.combining(char)
                                 else 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1)
    return known


def width(text: str) -> int:
    if text.isascii():
        return len(text)
    return sum(char_width(char) for char in text)


def segments(cell: Cell) -> list[Segment]:
    """A cell's parts, each with its style, control characters made spaces (labels.clean): this
    is where every catalogue string passes on its way to a terminal or a pipe."""
    if isinstance(cell, Styled):
        return [(clean(cell.text), cell.style)]
    if isinstance(cell, tuple):
        return [(clean(part.text), part.style) for part in cell]
    return [(clean(cell), "")]


def text_of(cell: Cell) -> str:
    return "".join(text for text, _ in segments(cell))


def wrap(text: str, size: int) -> list[str]:
    """Lines of at most `size` cells, broken between words; a longer word is folded across lines."""
    lines: list[str] = []
    current, used = "", 0
    for word in text.split():
        wide = width(word)
        if current and used + 1 + wide <= size:
            current, used = f"{current} {word}", used + 1 + wide
            continue
        if current:
            lines.append(current)
        current, used = "", 0
        while wide > size:                      # fold: every character kept, none cut
            head, rest = _split_at(word, size)
            lines.append(head)
            word, wide = rest, width(rest)
        current, used = word, wide
    if current or not lines:
        lines.append(current)
    return lines


def _split_at(word: str, size: int) -> tuple[str, str]:
    used = 0
    for index, char in enumerate(word):
        used += char_width(char)
        if used > size:
            return word[:max(index, 1)], word[max(index, 1):]
    return word, ""


def pad(text: str, size: int, right: bool = False) -> str:
    space = " " * max(0, size - width(text))
    return space + text if right else text + space


class Plan(Record):
    """How a table is drawn: the columns kept (indexes) and their widths, or stacked (None)."""

    keep: list[int]
    widths: list[int]


def plan(table: Table, total: int) -> Plan | None:
    """The columns that fit in `total` cells and their widths; None when the essential columns
    (everything but decorations) cannot fit even at their narrowest: then the table is stacked."""
    columns = table.columns
    rows = [*table.rows, *([table.total] if table.total else [])]
    natural = [max([width(c.header) if table.header else 0, *(width(text_of(row[i])) for row in rows)])
               for i, c in enumerate(columns)]
    # A wrapping column is never narrower than its longest word: text breaks between words only.
    longest = [max([0, *(width(word) for row in rows for word in text_of(row[i]).split())]) for i in range(len(columns))]
    floor = [natural[i] if c.role in (ID, FIGURE) else min(natural[i], max(longest[i], MIN_WIDTH.get(c.role, 0)))
             for i, c in enumerate(columns)]
    keep = [i for i, c in enumerate(columns) if c.role != DECORATION and natural[i] > 0]
    if _span(floor, keep) > total:
        return None
    for i, column in enumerate(columns):     # decorations, at their full width, while they fit
        if column.role == DECORATION and natural[i]:
            floor[i] = natural[i]
            if _span(floor, sorted(keep + [i])) <= total:
                keep = sorted(keep + [i])
    widths = {i: floor[i] for i in keep}
    spare = total - _span(floor, keep)
    growing = [i for i in keep if natural[i] > widths[i]]
    while spare > 0 and growing:              # share what is left among the columns that wrap
        share = max(1, spare // len(growing))
        for i in list(growing):
            step = min(share, natural[i] - widths[i], spare)
            widths[i] += step
            spare -= step
            if widths[i] >= natural[i]:
                growing.remove(i)
            if spare <= 0:
                break
    return Plan(keep, [widths[i] for i in keep])


def _span(widths: Sequence[int], keep: list[int]) -> int:
    return sum(widths[i] for i in keep) + GAP * max(0, len(keep) - 1)


def table_lines(table: Table, total: int) -> Iterator[list[Segment]]:
    """The table as lines of segments that fit in `total` cells."""
    if table.title:
        yield from ([(line, "bold")] for line in wrap(clean(table.title), total))
    layout = plan(table, total)
    if layout is None:
        yield from _stacked(table, total)
        return
    columns = [table.columns[i] for i in layout.keep]
    if table.header:
        yield from _row_lines([Styled(c.header, "header") for c in columns], columns, layout.widths)
        yield [("─" * _span(layout.widths, list(range(len(columns)))), "dim")]
    for row in table.rows:
        yield from _row_lines([row[i] for i in layout.keep], columns, layout.widths)
    if table.total:
        yield [("─" * _span(layout.widths, list(range(len(columns)))), "dim")]
        yield from _row_lines([table.total[i] for i in layout.keep], columns, layout.widths)


def _row_lines(cells: list[Cell], columns: list[Column], widths: list[int]) -> Iterator[list[Segment]]:
    """One row, its wrapping cells spread over as many lines as the longest needs."""
    stacks: list[list[list[Segment]]] = []
    for cell, column, size in zip(cells, columns, widths, strict=True):
        parts = segments(cell)
        if column.role in (ID, FIGURE, DECORATION) or width(text_of(cell)) <= size:
            stacks.append([parts])
        else:
            style = parts[0][1] if parts else ""
            stacks.append([[(line, style)] for line in wrap(text_of(cell), size)])
    for depth in range(max(len(stack) for stack in stacks)):
        line: list[Segment] = []
        for index, (stack, column, size) in enumerate(zip(stacks, columns, widths, strict=True)):
            parts = stack[depth] if depth < len(stack) else [("", "")]
            used = sum(width(text) for text, _ in parts)
            filler = " " * max(0, size - used)
            if column.right:
                line.append((filler, ""))
            line += parts
            if not column.right and index < len(columns) - 1:
                line.append((filler, ""))
            if index < len(columns) - 1:
                line.append((" " * GAP, ""))
        yield _trim(line)


def _trim(line: list[Segment]) -> list[Segment]:
    """No trailing spaces: a copied line must not carry padding."""
    while line and not line[-1][0].strip():
        line.pop()
    if line:
        text, style = line[-1]
        line[-1] = (text.rstrip(), style)
    return line


def _stacked(table: Table, total: int) -> Iterator[list[Segment]]:
    """Each record as a card: its name and id first (as gh does when narrow), then every other
    field as `header  value`, indented; a blank line between records."""
    lead = [i for i, c in enumerate(table.columns) if c.role in (NAME, ID)][:2]
    rest = [i for i, c in enumerate(table.columns) if i not in lead and c.role != DECORATION]
    label_width = max((width(table.columns[i].header) for i in rest), default=0)
    for number, row in enumerate([*table.rows, *([table.total] if table.total else [])]):
        if number:
            yield []
        if lead:
            yield from _lead_lines([text_of(row[i]) for i in lead if text_of(row[i]).strip()], total)
        for i in rest:
            if text_of(row[i]).strip():
                for line in _labelled(table.columns[i].header, label_width, row[i], total - GAP):
                    yield [(" " * GAP, ""), *line]


def _lead_lines(texts: list[str], total: int) -> Iterator[list[Segment]]:
    """`name  id` on one line when they fit, else the name wrapped and the id on a line of its own."""
    if len(texts) == 2 and width(texts[0]) + GAP + width(texts[1]) <= total:
        yield [(texts[0], "bold"), (" " * GAP, ""), (texts[1], "dim")]
        return
    for index, text in enumerate(texts):
        style = "bold" if index == 0 else "dim"
        yield from ([(line, style)] for line in (wrap(text, total) if index == 0 else [text]))


def _labelled(label: str, label_width: int, cell: Cell, total: int) -> Iterator[list[Segment]]:
    """`label  value`, the value wrapped beside the label or, when that leaves too little room, under it."""
    parts = segments(cell)
    style = parts[0][1] if len(parts) == 1 else ""
    room = total - label_width - GAP
    if room < MIN_WIDTH[TEXT]:
        yield [(label, "header")]
        for line in wrap(text_of(cell), max(1, total - GAP)):
            yield [(" " * GAP, ""), (line, style)]
        return
    for depth, line in enumerate(wrap(text_of(cell), room)):
        head = pad(label, label_width) if depth == 0 else " " * label_width
        yield [(head, "header" if depth == 0 else ""), (" " * GAP, ""), (line, style)]


def facts_lines(facts: Facts, total: int) -> Iterator[list[Segment]]:
    label_width = max((width(label) for label, _ in facts.rows), default=0)
    for label, value in facts.rows:
        yield from _labelled(label, label_width, value, total)


def line_lines(line: Line, total: int) -> Iterator[list[Segment]]:
    parts = segments(line.text)
    text = text_of(line.text) + (f"  {line.aside}" if line.aside else "")
    if width(text) <= total:
        yield parts + ([("  " + line.aside, "dim")] if line.aside else [])
        return
    style = parts[0][1] if parts else ""
    yield from ([(part, style)] for part in wrap(text, total))


def view_lines(blocks: Sequence[Table | Facts | Line], total: int) -> Iterator[list[Segment]]:
    """Every block of a view, a blank line between tables."""
    for index, block in enumerate(blocks):
        if isinstance(block, Table):
            if index:
                yield []
            yield from table_lines(block, total)
        elif isinstance(block, Facts):
            yield from facts_lines(block, total)
        else:
            yield from line_lines(block, total)


