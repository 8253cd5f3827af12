"""The whole catalogue for other tools: its own source shape (JSON/NDJSON, loadable again with
--catalog) and normalised tables (CSV files, a SQLite database for datasette)."""

from __future__ import annotations

import errno
import os
import re
import sqlite3
from pathlib import Path
from typing import Any

from . import models as m
from . import records

Table = tuple[tuple[str, ...], list[tuple[Any, ...]]]
_HANGUL_RUNS = re.compile("[^a-z0-9]{2,}")   # runs of normalised text between Latin letters and digits


# --- source shape ---------------------------------------------------------------------------

def _source(src: m.Source) -> dict[str, str]:
    return {"report": src.report, "quote": src.quote}


def _drop_none(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value is not None and value != []}


def report_document(report: m.Report) -> dict[str, Any]:
    return _drop_none({
        "id": report.id, "title": report.title, "organization": report.organization, "agency": report.agency,
        "date": str(report.date), "as_of": str(report.as_of) if report.as_of else None, "occasion": report.occasion or None,
        "file": report.file,
        "toc": [_heading(e) for e in report.toc],
        "sections": [_heading(e) for e in report.sections],
        "tables": [_drop_none({"table": t.title, "program": t.program,
                               "rows": [_drop_none({"row": r.row, "programs": list(r.programs), "not_program": r.not_program})
                                        for r in t.rows]}) for t in report.tables],
    })


def _heading(entry: m.TocEntry) -> dict[str, Any]:
    return _drop_none({"heading": entry.heading, "programs": list(entry.programs), "not_program": entry.not_program})


def program_document(program: m.Program) -> dict[str, Any]:
    """The programme as programs.yaml holds it (printed amounts, no derived fields)."""
    budgets = [_drop_none({**{k: v for k, v in records.budget(b).items() if k != "amount_krw"},
                           "year_printed": None if b.year_printed else False,   # the default is not written
                           "includes_parts": None if b.includes_parts else False,
                           "source": _source(b.source)}) for b in program.budgets]
    return _drop_none({
        "id": program.id, "name": program.name, "name_en": program.name_en, "agency": program.agency,
        "part_of": program.part_of, "successor_of": program.successor_of, "summary": program.summary,
        "tags": list(program.tags), "aliases": [_drop_none({"name": a.name, "report": a.report}) for a in program.aliases],
        "divisions": [records.division(d) for d in program.divisions]
                     + [{"year": d.year, "not_stated": d.reason, "source": _source(d.source)} for d in program.divisions_not_stated],
        "budgets": budgets,
        "targets": [_drop_none(records.target(t)) for t in program.targets],
        "milestones": [_drop_none(records.milestone(ms)) for ms in program.milestones],
        "mentions": [_source(src) for src in program.mentions],
        "shared_names": [{"name": n.name, "reason": n.reason} for n in program.shared_names],
    })


def catalog_document(catalog: m.Catalog) -> dict[str, Any]:
    return {"reports": [report_document(r) for r in catalog.reports],
            "programs": [program_document(p) for p in catalog.programs]}


# --- tables ---------------------------------------------------------------------------------

def tables(catalog: m.Catalog) -> dict[str, Table]:
    """Every table of the CSV and SQLite exports, with English column names."""
    out: dict[str, Table] = {
        "reports": (("id", "title", "organization", "agency", "date", "as_of", "occasion", "file"),
                    [(r.id, r.title, r.organization, r.agency, str(r.date), r.as_of and str(r.as_of), r.occasion, r.file)
                     for r in catalog.reports]),
        "toc": (("report_id", "position", "heading", "not_program"),
                [(r.id, i, e.heading, e.not_program) for r in catalog.reports for i, e in enumerate(r.toc, 1)]),
        "toc_programs": (("report_id", "position", "program_id"),
                         [(r.id, i, pid) for r in catalog.reports for i, e in enumerate(r.toc, 1) for pid in e.programs]),
        "programs": (("id", "name", "name_en", "agency", "part_of", "successor_of", "summary", "tags", "years"),
                     [(p.id, p.name, p.name_en, p.agency, p.part_of, p.successor_of, p.summary, ";".join(p.tags),
                       ";".join(map(str, p.years))) for p in catalog.programs]),
        "aliases": (("program_id", "name", "report_id"),
                    [(p.id, a.name, a.report) for p in catalog.programs for a in p.aliases]),
        "divisions": (("program_id", "year", "name", "report_id", "quote"),
                      [(p.id, d.year, d.name, d.source.report, d.source.quote) for p in catalog.programs for d in p.divisions]),
        "budgets": (("program_id", "year", "kind", "amount", "unit", "amount_krw", "period", "note", "report_id", "quote"),
                    [(p.id, b.year, b.kind, b.amount, b.unit, b.amount_krw, records.budget(b)["period"], b.note,
                      b.source.report, b.source.quote) for p in catalog.programs for b in p.budgets]),
        "targets": (("program_id", "year", "kind", "text", "value", "unit", "note", "report_id", "quote"),
                    [(p.id, t.year, t.kind, t.text, t.value, t.unit, t.note, t.source.report, t.source.quote)
                     for p in catalog.programs for t in p.targets]),
        "milestones": (("program_id", "date", "end_date", "status", "event", "note", "report_id", "quote"),
                       [(p.id, str(ms.date), ms.end and str(ms.end), ms.status, ms.event, ms.note, ms.source.report,
                         ms.source.quote) for p in catalog.programs for ms in p.milestones]),
        "mentions": (("program_id", "report_id", "quote"),
                     [(p.id, src.report, src.quote) for p in catalog.programs for src in p.mentions]),
        "findings": (("id", "category", "category_label", "number", "division", "status", "status_label", "finding",
                      "actions", "report_id", "quote"),
                     [(f.id, m.FINDING_CATEGORIES[f.category], f.category, f.number, f.division, f.status_code, f.status,
                       f.finding, f.actions, f.source.report, f.source.quote) for f in catalog.findings]),
        "finding_programs": (("finding_id", "program_id"),
                             [(f.id, pid) for f in catalog.findings for pid in f.programs]),
        "finding_plans": (("finding_id", "date", "end_date", "event", "report_id", "quote"),
                          [(f.id, str(pl.date), pl.end and str(pl.end), pl.event, pl.source.report, pl.source.quote)
                           for f in catalog.findings for pl in f.plans]),
        "units": (("report_id", "name", "kind", "parent", "quota", "current"),
                  [(o.report, u.name, u.kind, u.parent, u.quota, u.current) for o in catalog.organisations for u in o.units]),
        "execution": (("report_id", "division", "unit", "budget", "committed", "spent", "committed_rate", "spent_rate", "quote"),
                      [(o.report, row.division, o.execution.unit, row.budget, row.committed, row.spent, row.committed_rate,
                        row.spent_rate, row.source.quote)
                       for o in catalog.organisations if o.execution for row in (*o.execution.rows, o.execution.total)]),
        "lineage": (("from_name", "to_name", "kind", "from_report", "to_report", "confidence", "evidence"),
                    [(k.from_name, k.to_name, k.kind, k.from_report, k.to_report, k.confidence, k.evidence)
                     for k in catalog.lineage]),
    }
    return out


# Keys and references of the SQLite export (table → column definitions beyond plain columns).
SQL_KEYS = {
    "reports": "PRIMARY KEY (id)",
    "toc": "PRIMARY KEY (report_id, position), FOREIGN KEY (report_id) REFERENCES reports(id)",
    "toc_programs": "FOREIGN KEY (report_id, position) REFERENCES toc(report_id, position), "
                    "FOREIGN KEY (program_id) REFERENCES programs(id)",
    "programs": "PRIMARY KEY (id), FOREIGN KEY (part_of) REFERENCES programs(id), "
                "FOREIGN KEY (successor_of) REFERENCES programs(id)",
    "aliases": "FOREIGN KEY (program_id) REFERENCES programs(id), FOREIGN KEY (report_id) REFERENCES reports(id)",
    "divisions": "FOREIGN KEY (program_id) REFERENCES programs(id), FOREIGN KEY (report_id) REFERENCES reports(id)",
    "budgets": "FOREIGN KEY (program_id) REFERENCES programs(id), FOREIGN KEY (report_id) REFERENCES reports(id)",
    "targets": "FOREIGN KEY (program_id) REFERENCES programs(id), FOREIGN KEY (report_id) REFERENCES reports(id)",
    "milestones": "FOREIGN KEY (program_id) REFERENCES programs(id), FOREIGN KEY (report_id) REFERENCES reports(id)",
    "mentions": "FOREIGN KEY (program_id) REFERENCES programs(id), FOREIGN KEY (report_id) REFERENCES reports(id)",
    "findings": "PRIMARY KEY (id), FOREIGN KEY (report_id) REFERENCES reports(id)",
    "finding_programs": "FOREIGN KEY (finding_id) REFERENCES findings(id), FOREIGN KEY (program_id) REFERENCES programs(id)",
    "finding_plans": "FOREIGN KEY (finding_id) REFERENCES findings(id)",
    "units": "FOREIGN KEY (report_id) REFERENCES reports(id)",
    "execution": "FOREIGN KEY (report_id) REFERENCES reports(id)",
    "lineage": "",
}
INTEGER_COLUMNS = {"position", "year", "amount_krw", "number", "quota", "current", "budget", "committed", "spent"}
VIEWS = {
    "budget_by_program_year": """
        SELECT b.program_id, p.name AS program_name, b.year, b.kind, SUM(b.amount_krw) AS amount_krw,
               GROUP_CONCAT(DISTINCT b.report_id) AS reports, COUNT(*) AS figures
        FROM budgets b JOIN programs p ON p.id = b.program_id
        GROUP BY b.program_id, b.year, b.kind""",
    "programs_by_division": """
        SELECT d.name AS division, d.year, p.id AS program_id, p.name AS program_name, d.report_id
        FROM divisions d JOIN programs p ON p.id = d.program_id""",
    "open_plans": """
        SELECT m.program_id, p.name AS program_name, m.date, m.end_date, m.event, m.report_id
        FROM milestones m JOIN programs p ON p.id = m.program_id WHERE m.status = 'planned'""",
}


def write_sqlite(catalog: m.Catalog, path: Path) -> None:
    """A fresh SQLite database at path (the caller makes the write atomic). Raises OSError for
    what SQLite cannot write (a full disk), so it is reported as the user's file's I/O error."""
    connection = sqlite3.connect(path)
    try:
        # A fresh file that is discarded on failure needs no rollback journal (which a kill would
        # leave behind) and no syncs: the caller syncs the finished file once.
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        with connection:
            for name, (columns, rows) in tables(catalog).items():
                typed = ", ".join(f"{c} {'INTEGER' if c in INTEGER_COLUMNS else ''}".strip() for c in columns)
                keys = SQL_KEYS[name]
                connection.execute(f"CREATE TABLE {name} ({typed}{', ' + keys if keys else ''})")
                marks = ", ".join("?" * len(columns))
                connection.executemany(f"INSERT INTO {name} VALUES ({marks})", rows)
            for name, sql in VIEWS.items():
                connection.execute(f"CREATE VIEW {name} AS {sql}")
            write_full_text(connection, catalog)
    except sqlite3.Error as error:
        raise _as_os_error(error) from None
    finally:
        connection.close()


def _as_os_error(error: sqlite3.Error) -> OSError:
    if getattr(error, "sqlite_errorname", "") == "SQLITE_FULL":
        return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    return OSError(errno.EIO, f"SQLite: {error}")


# The full-text columns, from the fields search reads (search.FIELDS): every text of a programme.
FTS_COLUMNS = {"name": ("name",), "aliases": ("alias",), "name_en": ("name_en",), "summary": ("summary",),
               "headings": ("heading", "section"), "related": ("parent", "part", "tag", "division"),
               "details": ("detail",), "quotes": ("quote",)}


def write_full_text(connection: sqlite3.Connection, catalog: m.Catalog) -> None:
    """programs_fts: every text of each programme by column, with the trigram tokenizer, so
    MATCH finds any part of a word of three characters or more (사관학교 in 청년취업사관학교,
    제로페이 가맹점 as two words anywhere). Trigrams cannot hold shorter words: programs_fts_short
    holds each programme's texts as words and as Hangul bigrams (unicode61), for MATCH '창업'
    or '창*'. Texts are joined by line breaks, which no query spans."""
    from . import search

    texts = search.program_texts(catalog)
    columns = ", ".join(FTS_COLUMNS)
    connection.execute(f"CREATE VIRTUAL TABLE programs_fts USING fts5(id UNINDEXED, {columns}, tokenize='trigram')")
    connection.executemany(f"INSERT INTO programs_fts VALUES (?{', ?' * len(FTS_COLUMNS)})",
                           [(p.id, *("\n".join(text for field, text in units if field in fields)
                                     for fields in FTS_COLUMNS.values()))
                            for p, units in zip(catalog.programs, texts, strict=True)])
    connection.execute("CREATE VIRTUAL TABLE programs_fts_short USING fts5(id UNINDEXED, name UNINDEXED, text)")
    connection.executemany("INSERT INTO programs_fts_short VALUES (?, ?, ?)",
                           [(p.id, p.name, _words_and_bigrams([text for _, text in units]))
                            for p, units in zip(catalog.programs, texts, strict=True)])


def _words_and_bigrams(texts: list[str]) -> str:
    from .hangul import normalize

    bigrams = dict.fromkeys(run[i:i + 2] for text in texts for run in _HANGUL_RUNS.findall(normalize(text))
                            for i in range(len(run) - 1))
    return "\n".join([*texts, " ".join(bigrams)])
