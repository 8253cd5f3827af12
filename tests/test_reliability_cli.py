"""The command layer's share of issue 20: closed or full standard streams, Ctrl-C while modules
load, warnings turned into errors, and filters that mean nothing. Rows of docs/reliability.md."""

from __future__ import annotations

import builtins
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from seoul_econ import fastlane

EXE = str(Path(sys.executable).parent / "seoul-econ")


def run_process(*args: str, env: dict[str, str] | None = None, **streams):
    return subprocess.run([EXE, *args], env={**os.environ, "NO_COLOR": "1", **(env or {})}, timeout=60, **streams)


def close_stdout() -> None:
    os.close(1)


@pytest.mark.parametrize("args", [["list", "--json"], ["export"], ["--version"], ["show", "zero-pay", "--json"],
                                  ["schema"], ["search", "청년"]])
def test_a_closed_stdout_is_one_line_and_141_not_a_crash(args):
    result = run_process(*args, stdout=None, stderr=subprocess.PIPE, preexec_fn=close_stdout)
    assert result.returncode == 141
    said = result.stderr.decode()
    if "--json" in args:
        assert json.loads(said)["error"]["code"] == "io"   # machine formats hear errors as one JSON object
    else:
        assert said.count("\n") == 1 and said.startswith("seoul-econ: ")


def test_a_closed_stderr_keeps_the_exit_code():
    result = run_process("search", "", stdout=subprocess.PIPE, preexec_fn=lambda: os.close(2))
    assert result.returncode == 2


def test_a_full_stderr_keeps_the_exit_code_and_the_answer():
    with open("/dev/full", "w") as full:
        bad = run_process("search", "", stdout=subprocess.PIPE, stderr=full)
        good = run_process("show", "campus-twn", "--json", stdout=subprocess.PIPE, stderr=full)   # a remark goes to stderr
    assert bad.returncode == 2
    assert good.returncode == 0 and json.loads(good.stdout)["id"] == "campus-town"


def test_ctrl_c_before_any_command_runs_is_one_line(monkeypatch, capsys):
    def interrupted(argv):
        raise KeyboardInterrupt

    monkeypatch.setattr(fastlane, "parse", interrupted)
    monkeypatch.setattr(sys, "argv", ["seoul-econ", "list"])
    with pytest.raises(SystemExit) as stopped:
        fastlane.run()
    assert stopped.value.code == 130
    assert capsys.readouterr().err == "seoul-econ: 중단되었습니다\n"


def test_ctrl_c_while_the_typer_cli_is_imported_is_one_line(monkeypatch, capsys):
    real_import = builtins.__import__

    def slow_import(name, *args, **kwargs):
        if name == "cli" or name.endswith(".cli"):
            raise KeyboardInterrupt
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", slow_import)
    monkeypatch.setattr(sys, "argv", ["seoul-econ", "--help"])
    with pytest.raises(SystemExit) as stopped:
        fastlane.run()
    assert stopped.value.code == 130 and capsys.readouterr().err == "seoul-econ: 중단되었습니다\n"


@pytest.mark.parametrize("args", [["findings"], ["--help"], ["list", "--bogus"], ["show", "zero-pay"]])
def test_warnings_as_errors_do_not_break_the_program(args):
    result = run_process(*args, env={"PYTHONWARNINGS": "error"}, capture_output=True)
    assert result.returncode in (0, 2) and b"Traceback" not in result.stderr


@pytest.mark.parametrize("args", [["list", "--division", ""], ["list", "--division", "!!!"], ["findings", ""],
                                  ["list", "--tag", "  "], ["budget", "--year", "2024", "--division", "·"],
                                  ["findings", "--division", "-"], ["division", "..."]])
def test_a_filter_that_means_nothing_is_a_usage_error(run, args):
    result = run(*args)
    assert result.exit_code == 2 and result.stderr.startswith("seoul-econ: ") and result.stdout == ""
