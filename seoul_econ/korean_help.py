"""Korean for the words click and typer print in --help.

click translates through gettext, which reads only compiled .mo files, so its module-level
`_` is rebound to this table instead. Only help wording is covered: errors are written by
the CLI itself (cli._usage_message). Unknown strings pass through unchanged.
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
    """typer's own --install-completion / --show-completion options, in Korean."""
    for param in params:
        if getattr(param, "name", None) in COMPLETION_HELP:
            param.help = COMPLETION_HELP[param.name]
