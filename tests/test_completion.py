"""Shell completion offers programme ids and names, report ids and division names."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from seoul_econ.cli import app


def complete(words: str) -> list[str]:
    parts = words.split(" ")
    env = {"_SEOUL_ECON_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(len(parts) - 1)}
    result = CliRunner().invoke(app, [], env=env, prog_name="seoul-econ")
    return result.stdout.split()


@pytest.mark.parametrize("words, expected", [
    ("seoul-econ show campus-t", "campus-town"),
    ("seoul-econ timeline youth-job", "youth-job-academy"),
    ("seoul-econ show 캠퍼스", "캠퍼스타운"),
    ("seoul-econ reports 2022", "2022-11"),
    ("seoul-econ list --division 대학", "대학창업과"),
    ("seoul-econ findings --program zero", "zero-pay"),
])
def test_tab_completes_catalogue_values(words, expected):
    assert expected in complete(words)


def test_completion_of_nothing_matching_is_empty():
    assert complete("seoul-econ show qqqq") == []


def test_the_installed_command_completes_through_the_typer_cli():
    """The console script starts in the fast lane, which must leave completion to click."""
    import os
    import subprocess
    import sys

    words = "seoul-econ show campus-t"
    env = {**os.environ, "_SEOUL_ECON_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": "2"}
    result = subprocess.run([sys.executable, "-m", "seoul_econ", "show", "campus-t"], env=env, capture_output=True,
                            text=True, timeout=60)
    assert "campus-town" in result.stdout.split()


def test_installing_completion_speaks_korean(run, tmp_path):
    result = run("--install-completion", "bash", env={"HOME": str(tmp_path)})
    assert result.exit_code == 0
    assert "자동 완성을 설치했습니다" in result.stdout and "completion installed" not in result.stdout
    assert list((tmp_path / ".bash_completions").glob("*.sh"))   # named after the program the runner calls
