"""The view on a terminal: laid out for its width (layout.py), in colour when it is one.

rich is imported only to colour a terminal's output; without colour (NO_COLOR, a pipe asked for
`--format table`, TERM=dumb) the laid-out lines are joined as they are.
"""

from __future__ import annotations

from .layout import Segment, view_lines

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from typing import Any

# Semantic styles of the view (commands/answer.Styled) and how a colour terminal shows them.
STYLES = {"done": "green", "ongoing": "yellow", "planned": "cyan", "reviewing": "cyan", "rejected": "red",
          "reported": "green", "rescheduled": "yellow", "unreported": "red", "upcoming": "cyan",
          "dim": "dim", "bold": "bold", "header": "bold", "bar": "blue"}


def render(blocks: Sequence[Any], notes: Iterable[str], width: int, colour: bool) -> str:
    """The view's text for a terminal `width` cells wide, its notes (dim) under it."""
    lines = list(view_lines(blocks, width))
    for note in notes:
        lines += [[(text, "dim")] for text in _wrapped(note, width)]
    if not colour:
        return "".join("".join(text for text, _ in line) + "\n" for line in lines)
    return _coloured(lines, width)


def _wrapped(note: str, width: int) -> list[str]:
    from .layout import wrap

    return wrap(note, width)


def _coloured(lines: list[list[Segment]], width: int) -> str:
    import io

    from rich.console import Console
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=True, color_system="standard", highlight=False,
                      emoji=False, markup=False, soft_wrap=True)
    for line in lines:
        text = Text()
        for part, style in line:
            text.append(part, style=STYLES.get(style, ""))
        console.print(text)
    return buffer.getvalue()
