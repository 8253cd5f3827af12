"""The SQLite export searches every text of a programme, as the CLI does, and the README's SQL holds."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"


@pytest.fixture(scope="module")
def database(tmp_path_factory, catalog):
    from seoul_econ import export

    path = tmp_path_factory.mktemp("export") / "seoul.db"
    export.write_sqlite(catalog, path)
    connection = sqlite3.connect(path)
    yield connection
    connection.close()


def matching(database, table: str, text: str) -> list[str]:
    return [row[0] for row in database.execute(f"SELECT id FROM {table} WHERE {table} MATCH ?", (text,))]


@pytest.mark.parametrize("text, program_id", [
    ("사관학교", "youth-job-academy"),             # part of a word (the unicode61 tokenizer found nothing)
    ("제로페이 가맹점", "zero-pay"),               # several words, anywhere in the programme
    ("미스매칭", "youth-job-academy"),             # in a report heading
    ("대웅재약", "magok"),                         # in a quote only
    ("SeSAC", "youth-job-academy"),
])
def test_full_text_finds_words_of_three_characters_or_more_inside_any_text(database, text, program_id):
    assert program_id in matching(database, "programs_fts", text)


def test_short_words_are_found_in_the_short_table(database):
    assert matching(database, "programs_fts", "창업") == []   # trigrams hold no two-character word
    found = matching(database, "programs_fts_short", "청년 창업")
    assert "campus-town" in found and found == matching(database, "programs_fts_short", "창업 청년")
    assert "zero-pay" in matching(database, "programs_fts_short", "제*")


def test_texts_do_not_run_into_each_other(database):
    # Two texts of a programme are joined by a line break, which no query holds.
    row = database.execute("SELECT quotes FROM programs_fts WHERE id = 'zero-pay'").fetchone()[0]
    assert "\n" in row


def test_the_readmes_sql_examples_run_and_find_something(database):
    sql = re.search(r"```sql\n(.*?)```", README.read_text(encoding="utf-8"), re.S).group(1)
    statements = [statement for statement in sql.split(";") if "SELECT" in statement]
    assert len(statements) >= 4
    for statement in statements:
        assert database.execute(statement).fetchall(), statement
