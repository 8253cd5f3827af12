"""The code passes the linter configured in pyproject.toml (pyflakes, bugbear)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff is installed with the test extras")
def test_ruff_finds_nothing():
    result = subprocess.run(["ruff", "check", "seoul_econ", "tests", "tools", "bench", "eval"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
