"""How a run ends: answers on stdout; problems as one stderr line and an exit code (docs/cli.md).

Both front doors use this module, the typer CLI (cli.py) and the fast lane (fastlane.py), so
an error reads the same whichever one parsed the arguments. It imports neither click nor rich.
"""

from __future__ import annotations

import os
import sys

from . import machine
from .errors import CatalogError, QueryError

EXIT_OK, EXIT_NO_MATCH, EXIT_USAGE, EXIT_CATALOG = 0, 1, 2, 3
EXIT_BROKEN_PIPE, EXIT_INTERRUPTED, EXIT_INTERNAL = 141, 130, 70
DEBUG_ENV = "SEOUL_ECON_DEBUG"
MACHINE_FORMATS = ("json", "ndjson", "csv")


class ClosedPipe(Exception):
    """The reader of stdout went away. Not an OSError, so click does not swallow it as EPIPE."""


class NoStdout(Exception):
    """stdout was closed before the program started (`>&-`): the answer has nowhere to go."""


def out(text: str | bytes) -> None:
    """The answer on stdout; bytes (UTF-8 already) straight to its buffer when it has one."""
    if sys.stdout is None:
        raise NoStdout()
    try:
        buffer = getattr(sys.stdout, "buffer", None) if isinstance(text, bytes) else None
        if buffer is not None:
            sys.stdout.flush()
            buffer.write(text)
            buffer.flush()
        else:
            sys.stdout.write(text if isinstance(text, str) else text.decode())   # a text-only stream (tests)
            sys.stdout.flush()
    except BrokenPipeError:
        raise ClosedPipe() from None


def tell(message: str) -> None:
    """One line on stderr for the user; a closed or full stderr is no reason to fail."""
    _to_stderr(f"seoul-econ: {message}\n")


def _to_stderr(text: str) -> None:
    try:
        sys.stderr.write(text)
        sys.stderr.flush()
    except (AttributeError, OSError, ValueError):   # None (closed), EPIPE, ENOSPC (/dev/full), closed file
        pass


def note(message: str) -> None:
    """A remark that does not change the answer (e.g. the cache could not be written)."""
    tell(f"참고: {message}")


def utf8_streams() -> None:
    """Korean must print under LANG=C too; unencodable text (lone surrogates) becomes '?'."""
    for stream in (sys.stdout, sys.stderr):
        try:
            if (stream.encoding or "").lower().replace("-", "") != "utf8":
                stream.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]
            else:
                stream.reconfigure(errors="replace")  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            pass  # not a reconfigurable text stream (some test runners); leave it


def exit_code_for(argv: list[str], error: BaseException) -> int:
    """The exit code for an error raised while answering, after saying what went wrong.
    Errors of argument parsing are click's and handled in cli.py."""
    if isinstance(error, CatalogError):
        return fail(argv, "invalid_catalog", error.problems, EXIT_CATALOG)
    if isinstance(error, QueryError):
        exit_code = EXIT_USAGE if error.code == "usage" else EXIT_NO_MATCH
        return fail(argv, error.code, error.message, exit_code, error.candidates)
    if isinstance(error, KeyboardInterrupt):
        return fail(argv, "interrupted", "중단되었습니다", EXIT_INTERRUPTED)
    if isinstance(error, (ClosedPipe, BrokenPipeError)):
        return closed_pipe()
    if isinstance(error, NoStdout):
        return fail(argv, "io", "표준출력이 닫혀 있어 답을 쓸 수 없습니다", EXIT_BROKEN_PIPE)
    if isinstance(error, OSError):   # an output file that cannot be written (-o)
        return fail(argv, "io", _os_error_message(error), EXIT_USAGE)
    if os.environ.get(DEBUG_ENV) or not isinstance(error, Exception):
        raise error
    # The last line of defence: one line, never a traceback.
    return fail(argv, "internal", f"내부 오류입니다 ({type(error).__name__}: {error}). "
                                  f"{DEBUG_ENV}=1 로 다시 실행하면 자세한 내용이 나옵니다", EXIT_INTERNAL)


def wants_json(argv: list[str]) -> bool:
    """Whether the user asked for a machine format, read from the raw arguments so that even
    errors found while parsing them are reported in JSON."""
    for position, arg in enumerate(argv):
        if arg == "--json":
            return True
        for flag in ("--format", "-f"):
            if arg.startswith(flag + "=") and arg.split("=", 1)[1].lower() in MACHINE_FORMATS:
                return True
            if arg == flag and position + 1 < len(argv) and argv[position + 1].lower() in MACHINE_FORMATS:
                return True
    return False


def fail(argv: list[str], code: str, message: str | list[str], exit_code: int,
         candidates: list[str] | None = None) -> int:
    """Report an error on stderr: JSON when the user asked for a machine format, else Korean lines."""
    lines = [message] if isinstance(message, str) else message
    if wants_json(argv):
        _to_stderr(machine.to_json({"error": {"code": code, "message": "\n".join(lines), "candidates": candidates or []}}))
    else:
        text = "".join(f"seoul-econ: {line}\n" for line in lines)
        if candidates:
            label = "혹시 이것을 찾으셨나요" if code == "not_found" else "후보"
            text += f"  {label}: " + ", ".join(candidates) + "\n"
        _to_stderr(text)
    return exit_code


def _os_error_message(error: OSError) -> str:
    where = f": {error.filename}" if error.filename else ""
    return f"파일을 쓸 수 없습니다 ({error.strerror or error}){where}"


def closed_pipe() -> int:
    """The reader went away (`| head -1`): stop quietly, without Python's 'Exception ignored'."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass  # stdout is not a real file (tests); nothing will be flushed to it
    return EXIT_BROKEN_PIPE
