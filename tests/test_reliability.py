"""Bad input, hostile catalogues and shell pipelines: one clear line on stderr, a documented exit
code, never a traceback. Each test is a row of docs/reliability.md."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from rich.cells import cell_len

from seoul_econ.search import SearchIndex

EXE = shutil.which("seoul-econ") or os.path.join(os.path.dirname(sys.executable), "seoul-econ")


def run_process(*args: str, env: dict[str, str] | None = None, stdout=subprocess.PIPE):
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run([EXE, *args], stdout=stdout, stderr=subprocess.PIPE, env=full_env, timeout=60)


# --- shell and terminal ---------------------------------------------------------------------

@pytest.mark.parametrize("args", [["list"], ["list", "--json"], ["show", "zero-pay"], ["timeline", "campus-town"],
                                  ["search", "청년", "--format", "csv"]])
def test_closed_pipe_exits_141_quietly(args):
    read_end, write_end = os.pipe()
    os.close(read_end)   # the reader is gone before the first write, as after `| head -1`
    result = run_process(*args, stdout=write_end)
    os.close(write_end)
    assert result.returncode == 141
    assert result.stderr == b""


def test_ctrl_c_exits_130_with_one_line(run, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(SearchIndex, "search", interrupted)
    result = run("search", "청년")
    assert result.exit_code == 130
    assert result.stderr.strip() == "seoul-econ: 중단되었습니다"


def test_korean_prints_under_lang_c_and_ascii_encoding():
    result = run_process("show", "zero-pay", env={"LANG": "C", "LC_ALL": "C", "PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0
    assert "제로페이" in result.stdout.decode("utf-8")


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"TERM": "dumb"}, {"COLUMNS": "40"}, {"COLUMNS": "300"},
                                 {"FORCE_COLOR": "1", "NO_COLOR": ""}])
@pytest.mark.parametrize("command", [["show", "청년취업사관학교"], ["list", "--year", "2024"], ["divisions"],
                                     ["search", "캠퍼스"], ["budget", "--year", "2024"]])
def test_any_terminal_gets_readable_output(run, env, command):
    result = run.table(*command, env=env)
    assert result.exit_code == 0, result.stderr
    assert ("\x1b[" in result.stdout) == ("FORCE_COLOR" in env)


@pytest.mark.parametrize("width", [40, 80, 100])
def test_tables_fit_the_terminal_with_hangul_counted_double(run, width):
    result = run.table("list", "--year", "2024", env={"COLUMNS": str(width)})
    widths = {cell_len(line) for line in result.stdout.splitlines() if line.strip()}
    assert max(widths) <= width


# --- queries and options --------------------------------------------------------------------

@pytest.mark.parametrize("text, code", [
    ("", 2), ("   ", 2), ("\t\n", 2),
    ("가" * 10_000, 1),
    ("\x01\x02\x1b[31m", 1),
    ("😀🎉", 2),
    ("שלום עולם", 1),
    ("'; DROP TABLE programs; --", 1),
    (".*[(?", 2),
    ("$(rm -rf /) `ls` | && ;", 1),
])
def test_odd_queries_get_a_clear_answer(run, text, code):
    result = run("show", text)
    assert result.exit_code == code
    assert result.stdout == ""
    line = result.stderr.splitlines()[0]
    assert line.startswith("seoul-econ: ") and len(line) < 400
    assert "\x1b" not in result.stderr and "\x01" not in result.stderr


def test_undecodable_argument_bytes_are_handled():
    result = subprocess.run([EXE.encode(), b"show", b"\xff\xfe\xed"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "NO_COLOR": "1"}, timeout=60)
    assert result.returncode == 2   # lone surrogates hold no letter or digit
    assert b"Traceback" not in result.stderr
    assert result.stderr.decode("utf-8").startswith("seoul-econ: ")


@pytest.mark.parametrize("args, code", [
    (("list", "--year", "abc"), 2), (("list", "--year", "0"), 2), (("list", "--year", "99999"), 2),
    (("list", "--year", "2024.5"), 2), (("list", "--year", "-1"), 2), (("list", "--division", "우주항공과"), 1),
    (("reports", "2030-01"), 1), (("list", "--sort", "price"), 2), (("list", "--format", "xml"), 2),
])
def test_bad_option_values(run, args, code):
    result = run(*args)
    assert result.exit_code == code
    assert result.stderr.startswith("seoul-econ: ") and "Traceback" not in result.stderr


# --- hostile catalogues ---------------------------------------------------------------------

ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(8))


@pytest.mark.parametrize("content, words", [
    (ALIAS_BOMB.encode(), "별칭"),
    (b"reports: !!python/object/apply:os.system [echo hacked]\n", "YAML"),
    (b"reports: [\n  {id: 1\n", "YAML"),
    (b"reports: 5\nprograms: []\n", "목록이어야"),
    (b"\x00\x01\x02\x03" * 100, "텍스트가 아닌"),
])
def test_hostile_catalogues_are_refused_without_running_anything(tmp_path, content, words):
    path = tmp_path / "programs.yaml"
    path.write_bytes(content)
    # A process with a timeout: an alias bomb that were expanded would hang, not merely be slow.
    result = run_process("--catalog", str(path), "list", "--json", env={"SEOUL_ECON_CACHE_DIR": str(tmp_path / "c")})
    assert result.returncode == 3
    assert words in json.loads(result.stderr)["error"]["message"]
    assert b"hacked" not in result.stdout   # the os.system tag was never run


def test_a_200_megabyte_catalogue_is_refused_before_reading(run, tmp_path):
    path = tmp_path / "programs.yaml"
    with path.open("wb") as handle:   # sparse: no disk or memory used
        handle.truncate(200 * 1024 * 1024)
    result = run("--catalog", str(path), "list")
    # Read, its NUL bytes would be the complaint: "too big" says it was refused from its size.
    assert result.exit_code == 3 and "너무 큽니다" in result.stderr and "NUL" not in result.stderr
