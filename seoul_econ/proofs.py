"""Proving a catalogue against its reports: every quote it cites, and every heading and table
row its report entries copy, must stand in the report's text (whitespace ignored, as OCR
spacing is no evidence). `validate` runs this; loading a catalogue for an answer does not.
"""

from __future__ import annotations

import errno
from collections.abc import Iterator
from pathlib import Path

from . import build_findings as findings, build_organisation as organisation
from . import models as m
from .quotes import squeeze
from .yamlio import read_limited


def program_sources(program: m.Program) -> Iterator[m.Source]:
    """Every source a programme cites: its mentions, then those of each of its facts."""
    yield from program.mentions
    for facts in (program.divisions, program.divisions_not_stated, program.budgets, program.targets, program.milestones):
        for fact in facts:
            yield fact.source


def quoted_sources(catalog: m.Catalog) -> list[tuple[Path, str, m.Source]]:
    """(file, field, source) of every quote the catalogue cites, outside the tables of contents."""
    path = Path(catalog.path)
    quoted = [(path, f"programs[{p.id}]", s) for p in catalog.programs for s in program_sources(p)]
    quoted += [(path.parent / "findings.yaml", where, s)
               for where, s in findings.sources(catalog.findings, catalog.finding_summary)]
    quoted += [(path.parent / "organisation.yaml", where, s)
               for where, s in organisation.sources(catalog.organisations, catalog.lineage)]
    return quoted


def report_texts(report: m.Report) -> Iterator[tuple[str, int, str]]:
    """(field, YAML line, text) of every heading and table row a report's entry copies from its text."""
    for key, entries in (("toc", report.toc), ("sections", report.sections)):
        for entry in entries:
            yield key, entry.line, entry.heading
    for table in report.tables:
        for row in table.rows:
            yield "tables", row.line, row.row


def count_quotes(catalog: m.Catalog) -> int:
    return len(quoted_sources(catalog)) + sum(1 for r in catalog.reports for _ in report_texts(r))


def verify_quotes(catalog: m.Catalog, sources_dir: Path | None = None) -> list[str]:
    """Problems for every quote that is not in its report's text (whitespace ignored)."""
    path = Path(catalog.path)
    sources_dir = sources_dir or path.parent / "sources"
    problems: list[str] = []
    texts: dict[str, str] = {}
    for report in catalog.reports:
        try:
            texts[report.id] = squeeze(read_report_text(sources_dir, report.file))
        except (OSError, UnicodeDecodeError) as error:
            problems.append(f"{path}:0: reports[{report.id}].file: 보고서 본문을 읽을 수 없습니다: "
                            f"{sources_dir / report.file} ({getattr(error, 'strerror', None) or error})")
    for report in catalog.reports:
        # Headings are copied without the markdown bold (**) the OCR puts inside some of them.
        plain = texts[report.id].replace("**", "") if report.id in texts else None
        for key, line, text in report_texts(report):
            if plain is not None and squeeze(text) not in plain:
                problems.append(f"{path}:{line}: reports[{report.id}].{key}: 목차 제목이 보고서 본문에 없습니다: {text!r}")
    checked: dict[tuple[str, str], bool] = {}   # each distinct quote is looked for once
    for file, where, source in quoted_sources(catalog):
        text = texts.get(source.report)
        if text is None:
            continue
        pair = (source.report, source.quote)
        if pair not in checked:
            checked[pair] = squeeze(source.quote) in text
        if not checked[pair]:
            problems.append(f"{file}:{source.line}: {where}: 인용이 보고서 {source.report} 본문에 없습니다: {source.quote!r}")
    return problems


def read_report_text(sources_dir: Path, file: str) -> str:
    """A report's text, from a file that must be in sources_dir once every link is followed
    (a link out of it is refused as `..` is), read with the catalogue's size limit."""
    path = (sources_dir / file).resolve()
    if not path.is_relative_to(sources_dir.resolve()):
        raise OSError(errno.EACCES, "sources 폴더 밖의 파일입니다")
    return read_limited(path).decode("utf-8")
