"""Korean for what click and typer print: the words of --help, and usage errors.

click translates through gettext, which reads only compiled .mo files, so its module-level
`_` is rebound to this table instead (unknown strings pass through unchanged). Usage errors are
worded from the error objects themselves (`usage_message`), so no English fragment of click
reaches the user.
"""

from __future__ import annotations

from typing import Any

WORDS = {
    "Show this message and exit.": "도움말을 보여 줍니다.",
    "Usage:": "사용법:",
    "Options": "옵션",
    "Commands": "명령",
    "Positional arguments": "인자",
    "Arguments": "인자",
    "default: {default}": "기본값: {default}",
    "env var: {var}": "환경 변수: {var}",
    "required": "필수",
    "deprecated": "사용 중단",
}
COMPLETION_HELP = {
    "install_completion": "현재 셸에 자동 완성을 설치합니다.",
    "show_completion": "현재 셸의 자동 완성 스크립트를 보여 줍니다 (복사하거나 고쳐 쓰도록).",
}


def _translate(message: str) -> str:
    return WORDS.get(message, message)


def install() -> None:
    import click.core
    import click.decorators
    import click.formatting
    import typer.core

    for module in (click.core, click.decorators, click.formatting, typer.core):
        module._ = _translate  # type: ignore[attr-defined]


def translate_params(params: list[Any]) -> None:
    """typer's own --install-completion / --show-completion options, in Korean (their help, and
    what installing says)."""
    for param in params:
        if getattr(param, "name", None) in COMPLETION_HELP:
            param.help = COMPLETION_HELP[param.name]
        if getattr(param, "name", None) == "install_completion":
            param.callback = install_completion


def install_completion(ctx: Any, param: Any, value: Any) -> Any:
    """typer's install, with its English lines replaced by Korean ones."""
    import contextlib
    import io
    import sys

    import click
    from typer._completion_shared import install

    if not value or ctx.resilient_parsing:
        return value
    with contextlib.redirect_stdout(io.StringIO()):   # typer's own English lines
        try:
            shell, path = install(shell=value if isinstance(value, str) else None)
        except click.exceptions.Exit:
            click.echo("seoul-econ: 이 셸에는 자동 완성을 설치할 수 없습니다 (bash, zsh, fish, powershell만 됩니다)",
                       err=True)
            sys.exit(2)
    click.echo(f"{shell} 자동 완성을 설치했습니다: {path}")
    click.echo("터미널을 다시 열면 적용됩니다")
    sys.exit(0)


def usage_message(error: Any) -> str:
    """A click.UsageError in Korean, with where to find help."""
    import click

    if isinstance(error, click.NoSuchOption):
        message = f"없는 옵션입니다: {error.option_name}"
        if error.possibilities:
            message += f" (혹시: {', '.join(sorted(error.possibilities))})"
    elif isinstance(error, click.MissingParameter) and error.param is not None:
        message = f"필요한 인자가 없습니다: {error.param.human_readable_name}"
    elif isinstance(error, click.BadParameter):
        hint = error.param_hint or _param_name(error.param)
        if isinstance(hint, (list, tuple)):
            hint = " / ".join(hint)
        message = f"{hint}: {_choice_message(error)}"
    elif error.message.startswith("No such command"):
        name = error.message.split("'")[1] if "'" in error.message else error.message
        message = f"없는 명령입니다: {name}"
        if "Did you mean" in error.message:
            message += f" (혹시: {error.message.rsplit(' ', 1)[-1].strip(chr(39) + '?.')})"
    elif error.message.startswith("Got unexpected extra argument"):
        extra = error.message.split("(", 1)[-1].rstrip(")")
        message = f"인자가 너무 많습니다: {extra}"
    else:
        message = error.format_message()
    if error.ctx is not None:
        message += f" ('{error.ctx.command_path} --help' 참고)"
    return message


def _choice_message(error: Any) -> str:
    """click's "'xml' is not one of 'table', 'json'." in Korean; other messages are ours already."""
    import click

    param = error.param
    if param is not None and isinstance(param.type, click.Choice) and " is not one of " in error.message:
        given = error.message.split("'")[1] if "'" in error.message else error.message
        return f"{given} (가능: {', '.join(map(str, param.type.choices))})"
    return error.message


def _param_name(param: Any) -> str:
    import click

    if param is None:
        return ""
    return param.opts[0] if isinstance(param, click.Option) else param.human_readable_name
