"""The fast lane (fastlane.py) must answer exactly as the typer CLI does, and only for the
argument lists it understands; everything else must reach click untouched. Both are read from
one option spec (spec.py)."""

from __future__ import annotations

import os
import subprocess
import sys

import click
import pytest
import typer

from seoul_econ import fastlane, spec
from seoul_econ.cli import app

from conftest import TERMINAL_ENV

ANSWERED = [
    ["--version"],
    ["search", "청년", "--json"],
    ["search", "청년"],
    ["search", "ㅊㄴ", "-n", "3", "--format", "csv"],
    ["search", "청년", "--limit=2", "-f", "NDJSON"],
    ["search", "청년", "--year", "2024", "--json"],
    ["search", "창업", "-d", "창업", "-a", "seoul", "--json"],
    ["search", "청년", "--fields", "id,score"],
    ["search", "청년", "--tag", "청년", "--fields=id", "-f", "csv"],
    ["search", "없는사업xyz", "--json"],
    ["search", "없는사업xyz"],
    ["search", "!!!"],
    ["search", "청년", "--fields", "nope"],
    ["search", "청년", "--catalog", "x.yaml"],       # --catalog after the command (a missing file: exit 3)
    ["search", "청년", "--json", "--format", "csv"],  # a conflict, said by both alike
    ["show", "zero-pay", "--json"],
    ["show", "제로페이"],
    ["show", "--json", "제로페이", "-f", "ndjson"],
    ["show", "zero-pay", "--format", "csv"],
    ["show", "청년", "--json"],
    ["show", "zero-pay", "--fields", "id,name"],
    ["show", "campus-twn", "--json"],
    ["show", "없는사업xyz"],
    ["list", "--year", "2024"],
    ["list", "--year", "2024", "--json"],
    ["list", "-s", "budget", "--agency", "sba", "-f", "csv"],
    ["list", "--division", "창업정책과", "--json"],
    ["list", "--tag", "없는태그"],
    ["list", "--tag", "없는태그", "--json"],
    ["list", "-y", "2019", "--sort=budget", "--fields", "id,budgets"],
    ["list", "--fields"],
    ["list", "--fields", "--json"],
    ["list", "--year", "2024", "--format", "table"],
    ["timeline", "zero-pay"],
    ["timeline", "--division", "R&D사업팀"],
    ["timeline", "--year", "2024", "--json"],
    ["budget", "캠퍼스타운", "-f", "csv"],
    ["budget", "--year", "2024", "--division", "일자리", "--fields", "total_krw"],
    ["reports", "2024-04", "--format", "ndjson"],
    ["findings", "기술교육원", "--json"],
    ["finding", "proposal-3"],
    ["divisions", "--year", "2022", "--format", "csv"],
    ["division", "대학창업과", "--fields"],
    ["compare", "2022-01", "2024-04", "--format", "csv"],
    ["brief", "zero-pay", "-f", "text"],
    ["schema", "search"],
]

DECLINED = [
    [], ["--help"], ["-h"], ["search"], ["search", "--help"], ["search", "-n5", "청년"], ["search", "청년", "-n", "-1"],
    ["search", "청년", "--year", "20x4"], ["search", "청년", "--year", "1800"], ["search", "청년", "-f", "xml"],
    ["search", "청년", "--json=1"], ["search", "청년", "-f=json"], ["search", "--", "-x"], ["search", "청년", "-n", "0"],
    ["search", "청년", "--agency", "nasa", "--json"], ["search", "청년", "--limit", "many"], ["show", "a", "b"], ["show"],
    ["list", "x"], ["list", "--sort", "size"], ["list", "--division", ""], ["findings", "!!!"], ["--catalog"],
    ["--catalog="], ["--version", "search", "x"], ["--install-completion"], ["nonsense"], ["brief", "x", "-f", "csv"],
]
@pytest.fixture
def terminal(monkeypatch):
    for name, value in TERMINAL_ENV.items():
        monkeypatch.setenv(name, value)


def through_typer(argv: list[str]) -> int:
    return typer.main.get_command(app).main(args=argv, prog_name="seoul-econ", standalone_mode=False) or 0


def through_fast_lane(argv: list[str]) -> int:
    call = fastlane.parse(argv)
    assert call is not None, f"the fast lane should answer {argv}"
    return fastlane.answer(argv, call)


@pytest.mark.parametrize("argv", ANSWERED, ids=" ".join)
def test_fast_lane_answers_as_the_typer_cli_does(argv, terminal, capsys):
    fast_code = through_fast_lane(argv)
    fast = capsys.readouterr()
    typer_code = through_typer(argv)
    reference = capsys.readouterr()
    assert (fast_code, fast.out, fast.err) == (typer_code, reference.out, reference.err)


def test_fast_lane_reads_the_catalogue_option(small_catalog, terminal, capsys):
    for argv in (["--catalog", str(small_catalog), "show", "서울영화센터", "--json"],
                 [f"--catalog={small_catalog}", "list"],
                 ["--catalog", str(small_catalog.parent / "missing.yaml"), "list", "--json"]):
        fast_code = through_fast_lane(argv)
        fast = capsys.readouterr()
        assert (fast_code, fast.out, fast.err) == (through_typer(argv), *capsys.readouterr())


@pytest.mark.parametrize("argv", DECLINED, ids=lambda argv: " ".join(argv) or "(none)")
def test_fast_lane_leaves_everything_else_to_click(argv):
    assert fastlane.parse(argv) is None


def test_the_typer_cli_is_built_from_the_spec():
    """Every command and option of the spec exists in the typer CLI under the same parameter name,
    taking a value exactly when the spec's does, and no typer command has an option the spec lacks."""
    group = typer.main.get_command(app)
    assert list(group.commands) == [command.name for command in spec.COMMANDS]
    for command in spec.COMMANDS:
        params = group.commands[command.name].params
        by_flag = {flag: param for param in params for flag in param.opts}
        for option in command.all_options:
            for flag in option.flags:
                param = by_flag.get(flag)
                assert isinstance(param, click.Option), f"{command.name} {flag}"
                assert param.name == option.dest and param.is_flag == (option.kind == "flag"), f"{command.name} {flag}"
        arguments = [param.name for param in params if isinstance(param, click.Argument)]
        assert arguments == [argument.dest for argument in command.arguments]
        declared = {option.dest for option in command.all_options} | set(arguments)
        assert {param.name for param in params} == declared, command.name


def test_every_command_offers_every_format_its_answer_has():
    """A command with records offers table, plain, json, ndjson and csv; none offers a format it refuses."""
    for command in spec.COMMANDS:
        if command.formats == spec.RECORDS:
            assert [o for o in command.all_options if o.dest == "format"][0].choices == spec.RECORDS


def imported_modules(*args: str) -> str:
    env = {**os.environ, **TERMINAL_ENV}
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "seoul_econ", *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env, timeout=120)
    return result.stderr


def test_a_search_does_not_import_click_but_help_does():
    assert " click\n" not in imported_modules("search", "청년", "--json")
    assert " click\n" in imported_modules("--help")


SCRIPT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bin", "seoul-econ")
# What a warm read need not import (docs/architecture.md, "Speed"): each is milliseconds of every run.
NOT_ON_THE_WARM_PATH = ("re", "typing", "pathlib", "json", "hashlib", "pickle", "rapidfuzz", "rich", "click")


@pytest.mark.parametrize("args", [("search", "제로페이", "--json"), ("search", "제로패이", "--json"),
                                  ("search", "청년 일자리 예산", "--json"),
                                  ("search", "청년일자리 미스매칭 해소를 위한 청년취업사관학교 조성·운영", "--json"),
                                  ("show", "zero-pay", "--json"), ("list", "--json"), ("list", "--year", "2024")])
def test_a_warm_read_imports_nothing_it_does_not_need(args):
    command = [sys.executable, "-X", "importtime", SCRIPT, *args]
    subprocess.run(command, capture_output=True, timeout=120, check=True)   # fills the cache
    imports = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=120).stderr
    loaded = {line.rsplit("|", 1)[-1].strip() for line in imports.splitlines() if line.startswith("import time:")}
    assert not loaded & set(NOT_ON_THE_WARM_PATH)


@pytest.mark.parametrize("args", [("timeline",), ("findings", "--json")])
def test_a_command_that_unpickles_the_catalogue_does_not_import_functools(args):
    """_pickle imports functools (and collections, 2 ms) for one name; cache._c_loads lends it."""
    command = [sys.executable, "-X", "importtime", SCRIPT, *args]
    subprocess.run(command, capture_output=True, timeout=120, check=True)   # fills the cache
    imports = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=120).stderr
    loaded = {line.rsplit("|", 1)[-1].strip() for line in imports.splitlines() if line.startswith("import time:")}
    assert "_pickle" in loaded and not loaded & {"functools", "collections", *NOT_ON_THE_WARM_PATH}


def test_the_stand_in_for_functools_is_gone_once_the_unpickler_is_loaded():
    code = ("import sys; from seoul_econ import cache; loads = cache._c_loads(); "
            "assert 'functools' not in sys.modules; import functools, pickle; "
            "assert functools.lru_cache and functools.reduce(int.__add__, [1, 2]) == 3; "
            "p = functools.partial(int, base=2); assert loads(pickle.dumps(p))('11') == 3; print('ok')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout == "ok\n", done.stderr


def test_the_first_read_a_clock_tick_after_a_write_imports_nothing_more(tmp_path):
    """That read records the entries as checked (cache._record), which must not import tempfile
    (shutil, fnmatch, re): it made the test above fail whenever its second run came 2 s late."""
    import time

    from seoul_econ import cache

    env = {**os.environ, "SEOUL_ECON_CACHE_DIR": str(tmp_path)}
    command = [sys.executable, "-X", "importtime", SCRIPT, "search", "제로페이", "--json"]
    subprocess.run(command, capture_output=True, timeout=120, check=True, env=env)   # writes the entries
    time.sleep(cache.CLOCK_TICK_NS / 1e9 + 0.1)
    imports = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=120,
                             env=env).stderr
    loaded = {line.rsplit("|", 1)[-1].strip() for line in imports.splitlines() if line.startswith("import time:")}
    assert not loaded & {*NOT_ON_THE_WARM_PATH, "tempfile", "shutil"}
    assert (tmp_path / cache.SIGNATURES).is_file()   # the entries were recorded as checked


def test_the_program_ends_at_once_with_its_whole_answer_written(tmp_path):
    """main() ends the process without the interpreter's teardown (os._exit): that is only safe
    while every answer and message is out before it, whatever its size."""
    answer = tmp_path / "list.json"
    with open(answer, "wb") as sink:
        done = subprocess.run([sys.executable, SCRIPT, "list", "--json"], stdout=sink, stderr=subprocess.PIPE,
                              timeout=120)
    assert done.returncode == 0, done.stderr
    in_process = subprocess.run([sys.executable, "-c", "from seoul_econ.fastlane import run; run()", "list", "--json"],
                                capture_output=True, timeout=120)
    assert answer.read_bytes() == in_process.stdout and len(in_process.stdout) > 100_000
    failed = subprocess.run([sys.executable, SCRIPT, "show", "없는사업xyz"], capture_output=True, text=True, timeout=120)
    assert failed.returncode == 1 and failed.stdout == ""
    assert failed.stderr.startswith("seoul-econ: ") and failed.stderr.count("\n") == 1
