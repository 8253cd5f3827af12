"""The console-script entry point, and a fast parser for the argument lists people and scripts type.

Importing click and typer costs 40–90 ms here, more than a warm answer takes. So argv is first
read by a small parser of the option spec (spec.py): an argument list it understands exactly is
answered at once by the same runner the typer CLI uses. Anything else — help, completion, a
value the spec refuses, a short option with its value attached, `--` — goes to the typer CLI
(cli.py) untouched, so click words every usage error and typer remains the reference.
tests/test_fastlane.py runs both front doors on the same arguments and compares.
"""

from __future__ import annotations

import gc
import os
import sys

from .frozen import Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from . import spec

COMPLETION_ENV = "_SEOUL_ECON_COMPLETE"


class Call(Record):
    """A command line understood: the command and every parameter's value (defaults filled in)."""

    command: spec.Command | None   # None: --version
    values: dict[str, Any]


def parse(argv: list[str]) -> Call | None:
    """The call, when argv is one the fast parser understands exactly; else None."""
    from . import spec
    from .errors import QueryError

    if argv == ["--version"]:
        return Call(None, {})
    catalog, rest = _group_catalog(argv)
    if not rest or rest[0] not in spec.BY_NAME:
        return None
    command = spec.BY_NAME[rest[0]]
    try:
        values = _read(command, rest[1:])
    except (QueryError, StopIteration, ValueError):
        return None
    if values is None:
        return None
    if values.get("catalog") is None:
        values["catalog"] = catalog
    return Call(command, values)


def _read(command: spec.Command, tokens: list[str]) -> dict[str, Any] | None:
    from . import spec

    options = {flag: option for option in command.all_options for flag in option.flags}
    values: dict[str, Any] = {option.dest: option.default for option in command.all_options}
    values.update({option.dest: False for option in command.all_options if option.kind == "flag"})
    positionals: list[str] = []
    stream = iter(range(len(tokens)))
    for index in stream:
        token = tokens[index]
        if not token.startswith("-") or token == "-":
            positionals.append(token)
            continue
        name, has_value, value = token.partition("=")
        option = options.get(name)
        if option is None or (has_value and not name.startswith("--")):
            return None   # unknown, help, `--`, or `-n5`: click's to word
        if option.kind == "flag":
            if has_value:
                return None
            values[option.dest] = True
            continue
        if not has_value:
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            if option is spec.FIELDS and (following is None or following.startswith("-")):
                values["fields"] = "?"   # bare --fields: list the keys (render.emit.LIST_FIELDS)
                continue
            if following is None or (following.startswith("-") and following != "-"):
                return None   # a missing value, or click's reading of `--tag -x`
            value = following
            next(stream)
        values[option.dest] = spec.convert(option, value)
    if not sum(1 for a in command.arguments if a.required) <= len(positionals) <= len(command.arguments):
        return None
    for argument, given in zip(command.arguments, positionals + [None] * len(command.arguments), strict=False):
        values[argument.dest] = argument.default if given is None else spec.convert(argument, given)
    return values


def _group_catalog(argv: list[str]) -> tuple[Any, list[str]]:
    """The group's --catalog PATH, given before the command, and the arguments after it."""
    if argv[:1] == ["--catalog"] and len(argv) > 1 and not argv[1].startswith("-"):
        return argv[1], argv[2:]
    if argv and argv[0].startswith("--catalog=") and len(argv[0]) > len("--catalog="):
        return argv[0].split("=", 1)[1], argv[1:]
    return None, argv


def answer(argv: list[str], call: Call) -> int:
    """Run a parsed call; the exit code, after any error was reported as the typer CLI would."""
    from .outcome import utf8_streams

    utf8_streams()
    if call.command is None:
        from . import __version__
        from .outcome import exit_code_for, out

        try:
            out(f"seoul-econ {__version__}\n")
        except Exception as error:  # noqa: BLE001 - a closed stdout, said as every command says it
            return exit_code_for(argv, error)
        return 0
    from .runner import run

    return run(call.command, call.values, argv)


def run() -> None:
    """Entry point for callers in this process (tests, `seoul_econ.fastlane.run`): ends in SystemExit."""
    sys.exit(_answer_argv())


def main() -> None:
    """The program's entry (bin/seoul-econ, `python -m seoul_econ`): like run(), then the process
    ends at once. Every answer is written and flushed before _answer_argv returns (outcome.out,
    atomic file writes, a pager waited for) and nothing is registered to run at exit; what the
    interpreter's teardown would still do is free each object of the loaded catalogue and
    modules one by one (1.5 ms of a 30 ms `timeline`, more as the catalogue grows)."""
    code = _answer_argv()   # the typer CLI's path raises SystemExit and leaves the ordinary way
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, OSError, ValueError):   # closed, None or a pipe gone: said already
            pass
    os._exit(code)


def _answer_argv() -> int:
    """The exit code of answering sys.argv. Everything is imported inside the try, so that
    Ctrl-C while modules load is one line, not a traceback."""
    try:
        # A run is short and makes many small objects and no cycles worth collecting; the
        # collector's passes cost half the time of building a large catalogue (the 100x one:
        # 8.2 s with them, 4.1 s without, 2026-11-22).
        gc.disable()
        argv = sys.argv[1:]
        # Shell completion runs the program with this variable set: it is click's to answer.
        call = None if COMPLETION_ENV in os.environ else parse(argv)
        if call is not None:
            return answer(argv, call)
        _quiet_library_warnings()
        from .cli import run as typer_cli

        return typer_cli()   # exits by itself
    except KeyboardInterrupt:
        return _interrupted()


def _quiet_library_warnings() -> None:
    """typer 0.20 imports helpers that click 8.2+ deprecates: with PYTHONWARNINGS=error that
    import would fail. Not ours to fix, and not the user's concern."""
    import warnings

    warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"(typer|click)(\.|$)")
    warnings.filterwarnings("ignore", message=r".*click\.utils\.get_(binary|text)_stream.*", category=DeprecationWarning)


def _interrupted() -> int:
    try:
        sys.stderr.write("seoul-econ: 중단되었습니다\n")
    except (AttributeError, OSError, ValueError):
        pass
    return 130
