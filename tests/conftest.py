"""Shared fixtures: the shipped catalogue, a CLI runner with a fixed terminal, a small catalogue to break."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from seoul_econ.catalog import default_catalog_path, load_catalog
from seoul_econ.cli import app

REPO = Path(__file__).resolve().parent.parent
SOURCES = REPO / "data" / "sources"

# The tests' own cache, so they neither depend on nor disturb the user's (~/.cache/seoul-econ).
os.environ["SEOUL_ECON_CACHE_DIR"] = tempfile.mkdtemp(prefix="seoul-econ-test-cache-")

# Human output is tested as a user on a plain 100-column terminal without colour would see it.
TERMINAL_ENV = {"NO_COLOR": "1", "COLUMNS": "100", "SEOUL_ECON_CATALOG": "", "SEOUL_ECON_DEBUG": ""}

SMALL_CATALOG = """\
reports:
  - id: 2024-04
    title: 현안 업무보고
    organization: 서울특별시 경제정책실
    agency: seoul
    date: 2024-04
    file: 000_5a41cbda3da2502d.txt
    toc:
      - {heading: "영상문화복합공간 서울영화센터 건립", programs: [seoul-film-center]}
programs:
  - id: seoul-film-center
    name: 서울영화센터
    agency: seoul
    summary: 영상문화 복합공간.
    budgets:
      - {year: 2024, kind: budget, amount: 660, unit: 백만원, source: {report: 2024-04, quote: "'24년 예산 : 660백만원"}}
    milestones:
      - {date: 2025-07, status: planned, event: 개관, source: {report: 2024-04, quote: "개관: '25. 7월"}}
    mentions:
      - {report: 2024-04, quote: "영상문화 복합공간 서울영화센터 건립"}
"""


class Run:
    """Invoke the CLI as a user would, keeping stdout and stderr apart."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, env: dict[str, str] | None = None, input: str | None = None):
        return self.runner.invoke(app, list(args), env={**TERMINAL_ENV, **(env or {})}, input=input)

    def table(self, *args: str, env: dict[str, str] | None = None):
        """The command's table, as a terminal of TERMINAL_ENV's width shows it (a test's stdout is
        not a terminal, so without --format the CLI would print plain lines)."""
        return self(*args, "--format", "table", env=env)

    def json(self, *args: str, env: dict[str, str] | None = None):
        result = self(*args, env=env)
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)


@pytest.fixture(scope="session")
def catalog():
    return load_catalog()


@pytest.fixture
def run() -> Run:
    return Run()


@pytest.fixture
def small_catalog(tmp_path: Path) -> Path:
    """A one-programme catalogue in a temporary folder, with the report texts beside it."""
    shutil.copytree(SOURCES, tmp_path / "sources")
    path = tmp_path / "programs.yaml"
    path.write_text(SMALL_CATALOG, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def shipped_path() -> Path:
    return Path(default_catalog_path())
