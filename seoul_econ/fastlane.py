"""The console-script entry point, and a fast lane for the calls scripts make in loops.

Importing click and typer costs about 65 ms on the development machine, more than half of
the 100 ms a warm `search --json` may take (issue 8). So the argument lists that `--version`,
`search`, `show` and `list` are called with most are parsed here, by a small table of their
options, and answered by the same code the typer CLI runs (commands.py), with the same error
boundary (outcome.py). Anything the table does not describe exactly (help, completion, other
commands, a short option with its value attached, a value that looks like an option, a value
click would reject) goes to the typer CLI untouched, so click remains the reference for every
usage error. tests/test_fastlane.py runs both front doors on the same arguments and compares.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from . import commands, query
from .commands import Format
from .outcome import exit_code_for, utf8_streams


class Call(NamedTuple):
    """A parsed command line: the work to do and its keyword arguments."""

    run: Callable[..., None]
    arguments: dict[str, Any]


def _format(value: str) -> Format:
    return Format(value.casefold())   # click compares choices case-insensitively; ValueError if unknown


def _year(value: str) -> int:
    try:
        return query.parse_year(value)
    except query.QueryError:
        raise ValueError(value) from None   # click words this one (usage error)


def _sort(value: str) -> str:
    if value not in ("name", "budget"):
        raise ValueError(value)
    return value


# option → (parameter of the commands.py function, converter; None for a flag). The parameter
# names are the typer CLI's, and a test holds both tables to the same options.
_OUTPUT = {"--format": ("fmt", _format), "-f": ("fmt", _format), "--json": ("as_json", None),
           "--fields": ("fields", str)}
_FILTERS = {"--year": ("year", _year), "-y": ("year", _year), "--division": ("division", str),
            "-d": ("division", str), "--agency": ("agency", str), "-a": ("agency", str),
            "--tag": ("tag", str), "-t": ("tag", str)}
COMMANDS: dict[str, tuple[Callable[..., None], tuple[str, ...], dict[str, tuple[str, Any]]]] = {
    "search": (commands.search, ("text",), {**_OUTPUT, **_FILTERS, "--limit": ("limit", int), "-n": ("limit", int)}),
    "show": (commands.show, ("program",), _OUTPUT),
    "list": (commands.list_programs, (), {**_OUTPUT, **_FILTERS, "--sort": ("sort", _sort), "-s": ("sort", _sort)}),
}
VERSION = ["--version"]
COMPLETION_ENV = "_SEOUL_ECON_COMPLETE"


def parse(argv: list[str]) -> Call | None:
    """The call, when argv is one the fast lane understands exactly; else None."""
    if argv == VERSION:
        return Call(_print_version, {})
    catalog, rest = _catalog_option(argv)
    if not rest or rest[0] not in COMMANDS:
        return None
    run, positional_names, options = COMMANDS[rest[0]]
    arguments: dict[str, Any] = {"path": catalog}
    positionals: list[str] = []
    tokens = iter(rest[1:])
    try:
        for token in tokens:
            if not token.startswith("-"):
                positionals.append(token)
                continue
            name, has_value, value = token.partition("=")
            if name not in options or (has_value and not name.startswith("--")):
                return None
            parameter, convert = options[name]
            if convert is None:
                if has_value:
                    return None
                arguments[parameter] = True
                continue
            if not has_value:
                value = next(tokens)
            if value.startswith("-"):
                return None   # click's reading of `--tag -x` is its own business
            arguments[parameter] = convert(value)
    except (StopIteration, ValueError):
        return None
    if len(positionals) != len(positional_names):
        return None
    arguments.update(zip(positional_names, positionals, strict=True))
    return Call(run, arguments)


def _catalog_option(argv: list[str]) -> tuple[Path | None, list[str]]:
    """The group's --catalog PATH (typer turns it into a Path) and the arguments after it."""
    if argv[:1] == ["--catalog"] and len(argv) > 1 and not argv[1].startswith("-"):
        return Path(argv[1]), argv[2:]
    if argv and argv[0].startswith("--catalog=") and len(argv[0]) > len("--catalog="):
        return Path(argv[0].split("=", 1)[1]), argv[1:]
    return None, argv


def _print_version() -> None:
    from . import __version__
    from .outcome import out

    out(f"seoul-econ {__version__}\n")


def answer(argv: list[str], call: Call) -> int:
    """Run a parsed call; the exit code, after any error was reported as the typer CLI would."""
    utf8_streams()
    try:
        call.run(**call.arguments)
    except (Exception, KeyboardInterrupt) as error:
        return exit_code_for(argv, error)
    return 0


def run() -> None:
    """Console-script entry point (`seoul-econ`, `python -m seoul_econ`)."""
    # A run is short and makes many small objects and no cycles worth collecting; the
    # collector's passes cost half the time of building a large catalogue (the 100x one:
    # 8.2 s with them, 4.1 s without, 2026-11-22).
    gc.disable()
    argv = sys.argv[1:]
    # Shell completion runs the program with this variable set: it is click's to answer.
    call = None if COMPLETION_ENV in os.environ else parse(argv)
    if call is None:
        from .cli import run as typer_cli

        typer_cli()
    else:
        sys.exit(answer(argv, call))
