"""Input that is merely odd gets a documented exit code, never 70 and never a hang: catalogues that
are streams, report files outside the sources folder, numbers no export holds, dates the calendar
lacks, text a spreadsheet would run. Rows of docs/reliability.md."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sqlite3
import subprocess
import threading
from pathlib import Path

import pytest

from conftest import REPO, SMALL_CATALOG
from seoul_econ import yamlio
from seoul_econ import machine
from test_reliability import EXE



def run_process(*args: str, input: bytes | None = None, env: dict[str, str] | None = None):
    # A timeout, not a hang, is what a regression here looks like.
    return subprocess.run([EXE, *args], input=input, capture_output=True, timeout=20,
                          env={**os.environ, "NO_COLOR": "1", **(env or {})})


def error_lines(result) -> list[str]:
    stderr = result.stderr if isinstance(result.stderr, str) else result.stderr.decode()
    assert "Traceback" not in stderr
    return stderr.splitlines()


# --- catalogues that are not regular files --------------------------------------------------

def test_a_catalogue_piped_to_dev_stdin_is_read_once(small_catalog):
    result = run_process("--catalog", "/dev/stdin", "list", "--json", input=small_catalog.read_bytes())
    assert result.returncode == 0, result.stderr
    assert [p["id"] for p in json.loads(result.stdout)] == ["seoul-film-center"]


@pytest.mark.parametrize("path, words", [("/dev/zero", "텍스트가 아닌"), ("/dev/urandom", "텍스트가 아닌"),
                                         ("fifo", "매핑")], ids=["dev-zero", "dev-urandom", "fifo"])
def test_a_device_or_a_fifo_without_writer_is_refused_at_once(tmp_path, path, words):
    if path == "fifo":
        path = str(tmp_path / "fifo")
        os.mkfifo(path)
    result = run_process("--catalog", path, "list")
    assert result.returncode == 3
    [line] = error_lines(result)
    assert line.startswith(f"seoul-econ: {path}") and words in line


def test_a_fifo_with_a_writer_is_read(small_catalog, tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_bytes(small_catalog.read_bytes()), daemon=True)
    writer.start()
    result = run_process("--catalog", str(fifo), "show", "영화센터", "--json")
    writer.join(10)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["id"] == "seoul-film-center"


def test_the_size_limit_is_the_one_the_docs_give():
    doc = (REPO / "docs" / "reliability.md").read_text(encoding="utf-8")
    assert yamlio.MAX_CATALOG_BYTES == 128 * 1024 * 1024
    assert set(re.findall(r"limit (\d+ ?[KMG]i?B)", doc)) == {"128 MiB"}


# --- report files -----------------------------------------------------------------------------

def catalogue_with(small_catalog: Path, old: str, new: str) -> Path:
    small_catalog.write_text(small_catalog.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return small_catalog


FILE_LINE = SMALL_CATALOG.splitlines().index("    file: 000_5a41cbda3da2502d.txt") + 1


@pytest.mark.parametrize("file", ["/etc/passwd", "../sources/000_5a41cbda3da2502d.txt", "sources/../../x.txt"])
def test_a_report_file_outside_the_sources_folder_is_refused(run, small_catalog, file):
    catalogue_with(small_catalog, "file: 000_5a41cbda3da2502d.txt", f"file: {file}")
    result = run("--catalog", str(small_catalog), "validate")
    assert result.exit_code == 3
    assert error_lines(result)[0] == (f"seoul-econ: {small_catalog}:{FILE_LINE}: reports[2024-04].file: "
                                      f"sources 폴더 안의 상대 경로여야 합니다: {file!r}")


def test_dev_zero_as_a_report_file_is_refused_without_reading_it(small_catalog):
    catalogue_with(small_catalog, "file: 000_5a41cbda3da2502d.txt", "file: /dev/zero")
    result = run_process("--catalog", str(small_catalog), "validate")   # in a process: a regression hangs
    assert result.returncode == 3 and "상대 경로여야" in error_lines(result)[0]


@pytest.mark.parametrize("target", ["/etc/passwd", "/dev/zero"])
def test_a_report_file_linking_out_of_the_sources_folder_is_not_read(small_catalog, target):
    link = small_catalog.parent / "sources" / "000_5a41cbda3da2502d.txt"
    link.unlink()
    link.symlink_to(target)
    result = run_process("--catalog", str(small_catalog), "validate")
    assert result.returncode == 3
    assert "sources 폴더 밖의 파일입니다" in error_lines(result)[0]


def test_a_huge_report_file_is_refused_from_its_size(run, small_catalog):
    text = small_catalog.parent / "sources" / "000_5a41cbda3da2502d.txt"
    with text.open("r+b") as handle:   # sparse: no disk used
        handle.truncate(yamlio.MAX_CATALOG_BYTES + 1)
    result = run("--catalog", str(small_catalog), "validate")
    assert result.exit_code == 3 and "너무 큽니다" in error_lines(result)[0]


# --- numbers ---------------------------------------------------------------------------------

BUDGET = "amount: 660, unit: 백만원, source: {report: 2024-04, quote: \"'24년 예산 : 660백만원\"}"


def budget(amount: str, unit: str = "백만원") -> str:
    """The budget with another amount, printed in its quote too (so only its size is wrong)."""
    return f"amount: {amount}, unit: {unit}, source: {{report: 2024-04, quote: \"'24년 예산 : {amount}{unit}\"}}"


@pytest.mark.parametrize("old, new, field", [
    (BUDGET, budget(".inf"), "budgets[0].amount"),
    (BUDGET, budget("-.inf"), "budgets[0].amount"),
    (BUDGET, budget(".nan"), "budgets[0].amount"),
    (BUDGET, budget("1.0e+30"), "budgets[0].amount"),
    (BUDGET, budget("1" + "0" * 30), "budgets[0].amount"),
    (BUDGET, budget("9007199255"), "budgets[0].amount"),   # fits, but is more than 2^53 won
    ("milestones:", "targets:\n      - {kind: target, text: x, value: .inf, source: {report: 2024-04, quote: x}}\n"
                    "    milestones:", "targets[0].value"),
], ids=["inf", "-inf", "nan", "1e30-float", "10^30-int", "over-2^53-won", "target-inf"])
@pytest.mark.parametrize("command", [("validate",), ("list",), ("export", "--format", "sqlite", "-o")],
                         ids=["validate", "list", "export-sqlite"])
def test_a_number_no_export_holds_is_a_catalogue_problem(run, small_catalog, tmp_path, old, new, field, command):
    catalogue_with(small_catalog, old, new)
    if command[-1] == "-o":
        command = (*command, str(tmp_path / "x.db"))
    result = run("--catalog", str(small_catalog), *command)
    assert result.exit_code == 3, result.stderr
    assert error_lines(result) == [line for line in error_lines(result) if f"].{field}: " in line]
    assert "2^53" in error_lines(result)[0]


def test_the_largest_number_allowed_goes_through_sqlite(run, small_catalog, tmp_path):
    biggest = str(2 ** 53)
    catalogue_with(small_catalog, BUDGET, budget(biggest, "원"))
    database = tmp_path / "x.db"
    result = run("--catalog", str(small_catalog), "export", "--format", "sqlite", "-o", str(database))
    assert result.exit_code == 0, result.stderr
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT amount, amount_krw FROM budgets").fetchone() == (2 ** 53, 2 ** 53)


# --- dates -----------------------------------------------------------------------------------

@pytest.mark.parametrize("old, new, field, words", [
    ("date: 2025-07,", "date: 2024-02-30,", "milestones[0].date", "달력에 없는"),
    ("date: 2025-07,", "date: 2023-02-29,", "milestones[0].date", "달력에 없는"),
    ("date: 2025-07,", "date: 2101-01,", "milestones[0].date", "1900–2100"),
    ("date: 2024-04\n", "date: 0000-01\n", "reports[2024-04].date", "1900–2100"),
    ("{year: 2024, kind: budget,", "{period: 1899-12/2024-01, year: 2024, kind: budget,", "budgets[0].period", "1900–2100"),
], ids=["2024-02-30", "2023-02-29", "2101-01", "0000-01", "period-1899-12"])
def test_a_date_the_calendar_lacks_is_a_catalogue_problem(run, small_catalog, old, new, field, words):
    catalogue_with(small_catalog, old, new)
    result = run("--catalog", str(small_catalog), "validate")
    assert result.exit_code == 3
    [line] = [line for line in error_lines(result) if f"{field}: " in line]
    assert words in line


def test_a_leap_day_is_a_date(run, small_catalog):
    catalogue_with(small_catalog, "date: 2025-07,", "date: 2024-02-29,")
    result = run("--catalog", str(small_catalog), "validate")
    assert result.exit_code == 0, result.stderr


# --- CSV for spreadsheets --------------------------------------------------------------------

@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_text_a_spreadsheet_would_run_is_neutralised(start):
    text = machine.to_csv(("text", "number", "negative"), [(f"{start}HYPERLINK(\"http://x\")", 660, -5)])
    row = next(iter(csv.DictReader(io.StringIO(text))))
    assert row == {"text": f"'{start}HYPERLINK(\"http://x\")", "number": "660", "negative": "-5"}


@pytest.mark.parametrize("args", [("export", "--format", "csv", "--table", "programs", "--excel"),
                                  ("list", "--format", "csv")])
def test_csv_exports_neutralise_formulas(run, small_catalog, args):
    catalogue_with(small_catalog, "name: 서울영화센터", "name: \"=cmd|' /C calc'!A0\"")
    result = run("--catalog", str(small_catalog), *args)
    assert result.exit_code == 0, result.stderr
    row = next(iter(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff")))))
    assert row["name"] == "'=cmd|' /C calc'!A0"
    assert row["id"] == "seoul-film-center"


assert BUDGET in SMALL_CATALOG   # what the cases above edit
