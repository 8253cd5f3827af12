"""The documentation stays true to the program."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _gen_docs():
    spec = importlib.util.spec_from_file_location("gen_docs", ROOT / "tools" / "gen_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_command_reference_matches_the_real_help(monkeypatch):
    monkeypatch.setattr("sys.argv", ["gen_docs.py", "--check"])
    assert _gen_docs().main() == 0, "README.md or docs/cli.md is out of date: run python tools/gen_docs.py"


def test_every_command_is_in_the_readme_and_docs():
    gen = _gen_docs()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    cli_doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for name in gen.commands():
        assert f"| `{name}" in readme
        assert f"## seoul-econ {name}\n" in cli_doc


def test_readme_starts_with_the_two_fresh_machine_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, re.S)
    install, tests = blocks[0].strip(), blocks[1].strip()
    assert install.startswith("pip install .") and "seoul-econ" in install
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert tests in ci


def test_documented_exit_codes_are_the_programs():
    from seoul_econ import outcome as cli
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for code in (cli.EXIT_OK, cli.EXIT_NO_MATCH, cli.EXIT_USAGE, cli.EXIT_CATALOG, cli.EXIT_INTERNAL,
                 cli.EXIT_INTERRUPTED, cli.EXIT_BROKEN_PIPE):
        assert f"| {code} |" in readme
