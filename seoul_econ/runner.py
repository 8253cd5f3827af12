"""Running one parsed command: the same path whichever front door parsed it (fastlane.py or the
typer CLI in cli.py). Parsed values in; the command's Answer emitted; stdout, a pager or a file
written; the exit code out. Every error ends in outcome.exit_code_for.
"""

from __future__ import annotations

import os
import sys

from . import outcome
from .errors import QueryError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

    from .commands.answer import Answer
    from .spec import Command

PAGER_ENV = "SEOUL_ECON_PAGER"
DEFAULT_PAGER = "less"


def run(command: Command, values: dict[str, Any], argv: list[str]) -> int:
    """Answer the command and say the outcome; the exit code."""
    try:
        return _run(command, dict(values))
    except (Exception, KeyboardInterrupt) as error:
        return outcome.exit_code_for(argv, error)


def _run(command: Command, values: dict[str, Any]) -> int:
    from .library import Library

    catalog, no_pager = values.pop("catalog", None), values.pop("no_pager", False)
    chooses_format = bool(command.formats)   # export reads its --format itself
    fmt = choose_format(command, values.pop("format", None), values.pop("as_json", False)) if chooses_format else None
    fields = values.pop("fields", None)
    output = values.pop("output", None) if command.output else values.get("output")
    module, name = command.function.split(":")
    # __import__ rather than importlib.import_module: importlib imports warnings (0.3 ms of every run)
    family = getattr(__import__(f"{__package__}.commands.{module}").commands, module)
    answer = getattr(family, name)(Library(catalog, outcome.note), **values)
    if answer.files is not None:
        return _write_files(answer, output)
    from .render.emit import HUMAN, emit

    emitted = emit(answer, fmt, fields, screen() if fmt == "table" else None)   # type: ignore[arg-type]
    for line in emitted.err:
        outcome.tell(line)
    if output is not None and str(output) != "-":
        _write(output, emitted.out)
    else:
        show(emitted.out, paged=fmt in HUMAN and not no_pager)
    return emitted.status


def choose_format(command: Command, fmt: str | None, as_json: bool) -> str:
    """The format asked for; without one, the command's default, or a table on a terminal and
    plain lines in a pipe (as gh does)."""
    if as_json:
        if fmt not in (None, "json"):
            raise QueryError(f"--json과 --format {fmt}은 함께 쓸 수 없습니다 (하나만 쓰세요)")
        return "json"
    if fmt is not None:
        return fmt
    if command.default_format:
        return command.default_format
    return "table" if _is_terminal(sys.stdout) else "plain"


def screen() -> Any:
    """The terminal's width (COLUMNS first) and whether to colour (NO_COLOR, FORCE_COLOR, TERM=dumb)."""
    from .render.emit import Screen

    width = _terminal_size("COLUMNS", "columns", 80)
    forced = bool(os.environ.get("FORCE_COLOR"))
    plain_terminal = os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb"
    return Screen(width, forced or (_is_terminal(sys.stdout) and not plain_terminal))


def _terminal_size(variable: str, field: str, fallback: int) -> int:
    """The terminal's width or height: the environment first (COLUMNS, LINES), then the terminal."""
    try:
        size = int(os.environ.get(variable, ""))
    except ValueError:
        size = 0
    if size > 0:
        return size
    try:
        return getattr(os.get_terminal_size(sys.stdout.fileno()), field)
    except (OSError, ValueError, AttributeError):
        return fallback


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream) and stream.isatty()
    except (ValueError, AttributeError):
        return False


def show(text: str, paged: bool) -> None:
    """text on stdout; through a pager when it is taller than the terminal (never in a pipe)."""
    if paged and _is_terminal(sys.stdout) and text.count("\n") >= _terminal_size("LINES", "lines", 24) and _page(text):
        return
    outcome.out(text)


def pager_command() -> str | None:
    """SEOUL_ECON_PAGER, else PAGER, else less; empty or `cat` turns paging off."""
    chosen = os.environ.get(PAGER_ENV, os.environ.get("PAGER", DEFAULT_PAGER)).strip()
    return None if chosen in ("", "cat") else chosen


def _page(text: str) -> bool:
    """Show text through the pager; False when there is none (the caller prints instead)."""
    import shlex
    import subprocess

    command = pager_command()
    if command is None:
        return False
    env = {**os.environ, "LESS": os.environ.get("LESS", "FRX")}   # quit if one screen, keep colour and the screen
    try:
        pager = subprocess.Popen(shlex.split(command), stdin=subprocess.PIPE, env=env)
    except (OSError, ValueError):   # no such program, or a PAGER that cannot be read as words
        return False
    try:
        assert pager.stdin is not None
        pager.stdin.write(text.encode("utf-8"))
        pager.stdin.close()
    except BrokenPipeError:
        pass   # the reader quit the pager before the end: nothing is wrong
    pager.wait()
    return True


def _write(path: Path, content: Any) -> None:
    from .files import write_output

    write_output(path, content)
    outcome.tell(f"{path}에 썼습니다")


def _write_files(answer: Answer, output: Path | None) -> int:
    """export: one output (to -o or stdout), or a folder of files."""
    files = answer.files
    if set(files) == {""}:
        content = files[""]
        if output is None or str(output) == "-":
            if callable(content):
                raise QueryError("이 형식은 표준출력으로 쓸 수 없습니다: -o 파일 경로를 주세요")
            outcome.out(content)
        else:
            _write(output, content)
        return 0
    folder = output
    from .files import write_directory

    write_directory(folder, files)   # all or nothing
    outcome.tell(f"{folder}에 썼습니다")
    return 0
