"""The typer CLI, built from the option spec (spec.py): help, completion and every usage error.

Each command of the spec becomes a typer command whose parameters are the spec's options; its
body hands the parsed values to runner.run, as the fast lane (fastlane.py) does for the calls it
parses itself. Errors are worded in Korean here (click's own messages are English).
"""

from __future__ import annotations

import inspect
import sys
from pathlib import Path
from typing import Any, Optional

import click
import typer
from typer.core import TyperGroup

from . import __version__, complete, korean_help, runner, spec
from .outcome import EXIT_USAGE, exit_code_for, fail, utf8_streams
from .render.emit import LIST_FIELDS

FIELDS_FLAG = "--fields"


class App(TyperGroup):
    """The command group, with the one error boundary of the program."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        korean_help.install()

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        params = super().get_params(ctx)
        korean_help.translate_params(params)   # typer adds its completion options late
        return params

    def main(self, args: Any = None, prog_name: Any = None, complete_var: Any = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        utf8_streams()
        argv = bare_fields(list(sys.argv[1:] if args is None else args))
        try:
            code = super().main(argv, prog_name, complete_var, standalone_mode=False, obj={"argv": argv}, **extra)
        except click.UsageError as error:
            code = fail(argv, "usage", korean_help.usage_message(error), EXIT_USAGE)
        except click.Abort:
            code = exit_code_for(argv, KeyboardInterrupt())
        except (Exception, KeyboardInterrupt) as error:
            code = exit_code_for(argv, error)
        if not standalone_mode:
            return code
        sys.exit(code or 0)


def bare_fields(argv: list[str]) -> list[str]:
    """`--fields` with no value means "list the fields" (as `gh --json` does). click has no
    optional option values through typer, so the bare flag is given the value "?" here."""
    return [f"{FIELDS_FLAG}={LIST_FIELDS}" if arg == FIELDS_FLAG and (i + 1 == len(argv) or argv[i + 1].startswith("-"))
            else arg for i, arg in enumerate(argv)]


app = typer.Typer(
    cls=App,
    help="서울시 경제정책실·서울산업진흥원(SBA) 사업을 출처가 검증된 카탈로그에서 찾아봅니다.",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    # No "[default: …]" extras: typer escapes their bracket for rich even with markup off,
    # which prints a stray backslash; defaults are said in the help texts instead.
    context_settings={"help_option_names": ["-h", "--help"], "show_default": False},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"seoul-econ {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    catalog: Optional[Path] = typer.Option(None, "--catalog", envvar=spec.CATALOG_ENV, show_envvar=False, metavar="PATH",
                                           help=spec.CATALOG.help),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="버전을 보여 줍니다"),
) -> None:
    """서울시 경제정책 사업 카탈로그."""
    ctx.obj = {**(ctx.obj or {}), "catalog": catalog}


# --- commands from the spec ------------------------------------------------------------------

class SpecType(click.ParamType):
    """A value read by the same converter the fast lane uses (spec.convert), so that both
    front doors accept and refuse the same values with the same Korean message."""

    def __init__(self, option: spec.Option | spec.Argument):
        self.option = option
        self.name = option.kind

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        from .errors import QueryError

        if not isinstance(value, str):
            return value
        try:
            return spec.convert(self.option, value)
        except QueryError as error:
            self.fail(error.message, param, ctx)


COMPLETIONS = {"programs": complete.programs, "reports": complete.reports, "divisions": complete.divisions}


METAVARS = {"text": "TEXT", "filter": "TEXT", "int": "N", "year": "YYYY", "path": "PATH"}


def _metavar(item: spec.Option | spec.Argument) -> str:
    if item.metavar:
        return item.metavar
    if item.kind == "choice":
        return "[" + "|".join(item.choices) + "]"   # type: ignore[union-attr]
    return METAVARS[item.kind]


def _parameter(item: spec.Option | spec.Argument) -> inspect.Parameter:
    completion = COMPLETIONS.get(item.complete) if item.complete else None
    if isinstance(item, spec.Argument):
        default = typer.Argument(... if item.required else item.default, metavar=item.metavar, help=item.help,
                                 click_type=SpecType(item), autocompletion=completion, show_default=False)
        annotation: Any = str if item.required else Optional[str]
    elif item.kind == "flag":
        default = typer.Option(False, *item.flags, help=item.help)
        annotation = bool
    else:
        default = typer.Option(item.default, *item.flags, metavar=_metavar(item), help=item.help, click_type=SpecType(item),
                               autocompletion=completion, show_default=False)
        annotation = Optional[str]
    return inspect.Parameter(item.dest, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)


def _callback(command: spec.Command) -> Any:
    def callback(ctx: typer.Context, **values: Any) -> int:
        root = ctx.find_root().obj or {}
        if values.get("catalog") is None:
            values["catalog"] = root.get("catalog")   # the group's --catalog, unless given after the command
        return runner.run(command, values, root.get("argv", sys.argv[1:]))

    parameters = [inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context),
                  *(_parameter(item) for item in (*command.arguments, *command.all_options))]
    callback.__signature__ = inspect.Signature(parameters)   # type: ignore[attr-defined]
    callback.__annotations__ = {p.name: p.annotation for p in parameters}
    callback.__name__ = command.name
    return callback


def _epilog(command: spec.Command) -> str | None:
    """Examples, kept line by line (\\b stops click from rewrapping them)."""
    if not command.examples:
        return None
    from .render.layout import pad, width

    widest = max(width(line) for line, _ in command.examples)
    lines = "\n".join(f"  {pad(line, widest)}   # {what}" for line, what in command.examples)
    return f"\b\n예:\n{lines}"


for _command in spec.COMMANDS:
    app.command(_command.name, help=_command.help, epilog=_epilog(_command))(_callback(_command))


def run() -> None:
    """Console-script entry point of the typer CLI (fastlane.run tries the fast path first)."""
    typer.main.get_command(app).main(prog_name="seoul-econ")
