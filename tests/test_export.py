"""export: SQLite for datasette, CSV tables, and JSON that loads back as the same catalogue."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import pytest

from seoul_econ import export as exporter
from seoul_econ.catalog import load_catalog


@pytest.fixture
def database(run, tmp_path, catalog):
    path = tmp_path / "seoul.db"
    result = run("export", "--format", "sqlite", "-o", str(path))
    assert result.exit_code == 0, result.stderr
    connection = sqlite3.connect(path)
    yield connection
    connection.close()


def test_sqlite_row_counts_match_the_catalogue(database, catalog):
    count = lambda table: database.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]   # noqa: E731
    assert count("programs") == len(catalog.programs)
    assert count("budgets") == sum(len(p.budgets) for p in catalog.programs)
    assert count("targets") == sum(len(p.targets) for p in catalog.programs)
    assert count("milestones") == sum(len(p.milestones) for p in catalog.programs)
    assert count("findings") == len(catalog.findings)
    assert count("reports") == 5


def test_sqlite_join_agrees_with_the_yaml(database, catalog):
    rows = database.execute("""
        SELECT p.name, b.year, b.amount_krw, b.report_id FROM budgets b JOIN programs p ON p.id = b.program_id
        WHERE p.id = 'campus-town' AND b.kind = 'budget' ORDER BY b.year""").fetchall()
    expected = sorted((p.name, b.year, b.amount_krw, b.source.report)
                      for p in [catalog.program_by_id["campus-town"]] for b in p.budgets if b.kind == "budget")
    assert rows == expected


def test_sqlite_keys_views_and_full_text_search(database):
    database.execute("PRAGMA foreign_keys = ON")
    assert database.execute("PRAGMA foreign_key_check").fetchall() == []
    view = database.execute("SELECT amount_krw FROM budget_by_program_year WHERE program_id = 'seoul-film-center' "
                            "AND year = 2024 AND kind = 'budget'").fetchone()
    assert view == (660_000_000,)
    found = [row[0] for row in database.execute("SELECT id FROM programs_fts WHERE programs_fts MATCH 'SeSAC'")]
    assert "youth-job-academy" in found


def test_csv_tables_into_a_folder(run, tmp_path, catalog):
    folder = tmp_path / "csv"
    assert run("export", "--format", "csv", "-o", str(folder)).exit_code == 0
    assert {p.name for p in folder.iterdir()} == {f"{name}.csv" for name in exporter.tables(catalog)}
    with (folder / "programs.csv").open(encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == len(catalog.programs)


def test_one_csv_table_for_excel_has_a_bom(run):
    result = run("export", "--format", "csv", "--table", "budgets", "--excel")
    assert result.stdout.startswith("\ufeffprogram_id,year,kind,amount,unit,amount_krw")
    assert next(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))[0] == "program_id"


def test_json_export_loads_back_as_equal_records(run, tmp_path, catalog):
    path = tmp_path / "programs.json"
    assert run("export", "-o", str(path)).exit_code == 0
    again = load_catalog(path, use_cache=False)
    assert again.programs == catalog.programs
    assert again.reports == catalog.reports


def test_ndjson_export_has_one_typed_record_a_line(run, catalog):
    lines = [json.loads(line) for line in run("export", "--format", "ndjson").stdout.splitlines()]
    assert [r["type"] for r in lines].count("program") == len(catalog.programs)
    assert [r["type"] for r in lines].count("report") == len(catalog.reports)


def test_a_failed_export_leaves_the_existing_file_untouched(run, tmp_path, monkeypatch):
    path = tmp_path / "seoul.db"
    path.write_bytes(b"precious")

    def half_then_fail(catalog, temporary):
        temporary.write_bytes(b"half")
        raise RuntimeError("disk full")

    monkeypatch.setattr(exporter, "write_sqlite", half_then_fail)
    result = run("export", "--format", "sqlite", "-o", str(path))
    assert result.exit_code == 70
    assert path.read_bytes() == b"precious"
    assert [p.name for p in tmp_path.iterdir()] == ["seoul.db"]   # no temporary left behind


@pytest.mark.parametrize("args, words", [
    (("export", "--format", "sqlite"), "-o 파일 경로"),
    (("export", "--format", "csv"), "-o 폴더"),
    (("export", "--format", "csv", "--table", "nope"), "없는 표"),
    (("export", "-o", "/nonexistent/dir/x.json"), "파일을 쓸 수 없습니다"),
])
def test_export_usage_errors(run, args, words):
    result = run(*args)
    assert result.exit_code == 2
    assert words in result.stderr
