"""Coverage: every heading a report prints and every named row of its programme tables, with the
record that covers it (`seoul-econ validate --coverage`).

Headings are found in the report text itself, not taken from the catalogue, so that a heading the
catalogue lacks shows up as not covered. Three places print them:

- lines that start with a heading marker (Ⅰ. I 1. 1 ① ❶ 가. □ ■), after an optional `- ` list
  bullet (the OCR's way of printing a contents list); a marker alone on its line heads the next line;
- the bookmark list after a line `책갈피` at the end of a file (001_*.txt has one).

Each heading is then looked up, by its text with the marker dropped and compared after
hangul.normalize, in the report's `toc` and `sections` (see docs/catalogue.md). Named rows of
programme tables cannot be told from other rows by a program; they are listed in the report's
`tables` and each is proven to be in the text by `validate`.

Two classes of heading are decided by a rule here instead of one catalogue line each:

- STRUCTURE: a heading made only of section-structure words (사업개요, '24년 추진현황, 향후계획,
  추진대상: … ) names a part of the section it is in, never a subject; see `_STRUCTURE`.
- FINDING: a numbered item `N. …` that begins a council audit finding in findings.yaml (the same
  number, and the finding's quoted first line printed there) is covered by that finding.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NamedTuple

from . import models as m
from .proofs import read_report_text
from .hangul import normalize

# A heading marker at the start of a line. A number must be followed by a dot or a space, so a
# line that begins "1인 미디어", "3월" or "1,006팀" is not a heading; `1)` (the reports' footnotes)
# is not a marker either.
_MARKER = re.compile(
    r"(?:[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]\.?"                       # Ⅰ Ⅱ. (Unicode Roman numerals)
    r"|(?:I{1,3}|IV|VI{0,3}|IX|X)(?:\.|(?=\s|$))"    # I. II IV (ASCII Roman numerals)
    r"|\d{1,2}(?:\.(?!\d)|(?=\s|$))"                 # 1. 1 (not 8.4 or 88.8)
    r"|[①-⑳❶-❿➊-➓]"                                # circled numbers
    r"|[가나다라마바사아자차카타파하]\."              # 가. 나.
    r"|[□■])\s*")
_SUB_BULLET = re.compile(r"\s+-\s")      # an indented list item: body text, never a heading
_LIST_BULLET = re.compile(r"-\s+")
_HANGUL = re.compile(r"[가-힣]")
_BOOKMARKS = "책갈피"
_CONTINUATION_LINES = 14  # how far a heading broken over lines is followed

# Section-structure words: the label of a heading made only of these (after an optional year
# such as '24년 or 2022년, without a parenthesis or a ": value") names a part of its section.
_STRUCTURE_WORD = ("(?:사업|추진|향후|그간|주요|세부|당초|건립|설립|조성|운영|행사|공급|및|"
                   "개요|현황|상황|경과|경위|배경|계획|일정|내용|내역|사항|방향|성과|실적|목표|대상|목적|근거|필요성|조치)")
_STRUCTURE = re.compile(rf"(?:{_STRUCTURE_WORD}\s*)+")
_YEAR = re.compile(r"^[’'‘]?\d{2,4}년도?\s*")
_PARENTHESIS = re.compile(r"\([^)]*\)?")

COVERED, MARKED, RULE, NOT_COVERED = "covered", "marked", "rule", "not_covered"
STATUSES = (COVERED, MARKED, RULE, NOT_COVERED)
RULE_STRUCTURE = "절 구성 소제목(사업개요·추진현황·향후계획 등)"


class Heading(NamedTuple):
    """A heading found in a report's text."""

    text: str          # as printed, marker dropped
    line: int          # 1-based line of the text
    origin: str        # body | bookmark
    marker: str        # the marker as printed ("" for a bookmark without one)
    window: str        # normalised text from the heading on, to match a heading broken over lines


class Item(NamedTuple):
    """One heading or table row of a report, and what covers it."""

    kind: str                    # heading | row
    text: str
    lines: tuple[int, ...]       # lines of the report text where it is printed (empty: not found by the extractor)
    origin: str                  # body | bookmark | catalogue (a catalogue entry the extractor does not find)
    status: str                  # covered | marked | rule | not_covered
    programs: tuple[str, ...]
    findings: tuple[str, ...]
    reason: str | None
    table: str | None = None     # the table of a row


class ReportCoverage(NamedTuple):
    report: str
    file: str
    items: tuple[Item, ...]

    def count(self, kind: str, status: str | None = None) -> int:
        return sum(1 for i in self.items if i.kind == kind and (status is None or i.status == status))

    def found(self) -> int:
        """Headings the extractor found in the text (the catalogue's own extra entries not counted)."""
        return sum(1 for i in self.items if i.kind == "heading" and i.origin != "catalogue")


class Coverage(NamedTuple):
    reports: tuple[ReportCoverage, ...]

    @property
    def missing(self) -> list[tuple[ReportCoverage, Item]]:
        return [(r, i) for r in self.reports for i in r.items if i.status == NOT_COVERED]

    @property
    def complete(self) -> bool:
        return not self.missing


def heading_key(text: str) -> str:
    """A heading's comparison form: its leading marker dropped, then hangul.normalize."""
    text = text.strip().replace("**", "")
    text = _LIST_BULLET.sub("", text, count=1) if text.startswith("-") else text
    marker = _MARKER.match(text)
    return normalize(text[marker.end():] if marker else text)


def is_structure(text: str) -> bool:
    label = _PARENTHESIS.sub("", text.split(":", 1)[0])
    return bool(_HANGUL.search(label)) and bool(_STRUCTURE.fullmatch(_YEAR.sub("", label.strip())))


def headings(text: str) -> list[Heading]:
    """Every heading the report's text prints, in order (a repeated heading once per line)."""
    lines = text.splitlines()
    found: list[Heading] = []
    bookmarks = next((i for i, line in enumerate(lines) if line.strip() == _BOOKMARKS), None)
    for index, raw in enumerate(lines[:bookmarks]):
        heading = _heading_at(lines, index, raw)
        if heading is not None:
            found.append(heading)
    for index in range(bookmarks + 1 if bookmarks is not None else len(lines), len(lines)):
        line = lines[index].strip()
        if line and _HANGUL.search(line):
            marker = _MARKER.match(line)
            body = line[marker.end():] if marker else line
            found.append(Heading(body.strip(), index + 1, "bookmark", marker.group().strip() if marker else "",
                                 _window(lines, index, body)))
    return found


def _heading_at(lines: list[str], index: int, raw: str) -> Heading | None:
    if "\t" in raw.strip() or _SUB_BULLET.match(raw):
        return None
    line = raw.strip().replace("**", "")
    line = _LIST_BULLET.sub("", line, count=1) if line.startswith("-") else line
    marker = _MARKER.match(line)
    if marker is None:
        return None
    body, at = line[marker.end():].strip(), index
    if not body:   # a marker alone on its line heads the next non-empty line
        at = next((i for i in range(index + 1, min(index + 3, len(lines))) if lines[i].strip()), index)
        body = lines[at].strip() if at != index and "\t" not in lines[at].strip() else ""
        if _MARKER.match(body):
            return None
    if len(_HANGUL.findall(body)) < 2:
        return None
    return Heading(body, at + 1, "body", marker.group().strip(), _window(lines, at, body))


def _window(lines: list[str], index: int, body: str) -> str:
    return normalize(body + "".join(lines[index + 1:index + 1 + _CONTINUATION_LINES]))


def check(catalog: m.Catalog, sources_dir: Path | None = None) -> Coverage:
    """The coverage of every report of the catalogue. Raises OSError if a report text is unreadable
    (validate has checked them before)."""
    sources_dir = sources_dir or Path(catalog.path).parent / "sources"
    return Coverage(tuple(report_coverage(report, read_report_text(sources_dir, report.file),
                                          [f for f in catalog.findings if f.source.report == report.id])
                          for report in catalog.reports))


def report_coverage(report: m.Report, text: str, findings: list[m.Finding] | tuple[m.Finding, ...] = ()) -> ReportCoverage:
    entries = [*report.toc, *report.sections]
    by_key: dict[str, m.TocEntry] = {}
    for entry in entries:
        by_key.setdefault(heading_key(entry.heading), entry)
    used: set[str] = set()
    items: dict[str, Item] = {}   # by heading key: a heading printed twice (contents and body) is one item
    for heading in headings(text):
        key = normalize(heading.text)
        if not key:
            continue
        if key in items:   # printed again: in the contents and the body, or a second finding of that title
            item = items[key]
            more = tuple(f for f in _findings_at(heading, findings) if f not in item.findings)
            if more and item.status in (RULE, NOT_COVERED):
                item = item._replace(status=COVERED, reason=None)
            items[key] = item._replace(lines=(*item.lines, heading.line), findings=(*item.findings, *more))
            continue
        items[key] = _cover(heading, key, by_key, findings, used)
    for entry in entries:   # catalogue entries the extractor does not find: listed, covered by definition
        key = heading_key(entry.heading)
        if key not in used and key not in items:
            items[key] = Item("heading", entry.heading, (), "catalogue", COVERED if entry.programs else MARKED,
                              entry.programs, (), entry.not_program)
            used.add(key)
    normalised_lines = [normalize(line) for line in text.splitlines()]
    rows = [_row(table, row, normalised_lines) for table in report.tables for row in table.rows]
    return ReportCoverage(report.id, report.file, (*items.values(), *rows))


def _cover(heading: Heading, key: str, by_key: dict[str, m.TocEntry], findings: Any, used: set[str]) -> Item:
    entry = by_key.get(key) or _continued(heading, key, by_key)
    if entry is not None:
        used.add(heading_key(entry.heading))
        return Item("heading", heading.text, (heading.line,), heading.origin, COVERED if entry.programs else MARKED,
                    entry.programs, (), entry.not_program)
    finding_ids = _findings_at(heading, findings)
    if finding_ids:
        return Item("heading", heading.text, (heading.line,), heading.origin, COVERED, (), finding_ids, None)
    if is_structure(heading.text):
        return Item("heading", heading.text, (heading.line,), heading.origin, RULE, (), (), RULE_STRUCTURE)
    return Item("heading", heading.text, (heading.line,), heading.origin, NOT_COVERED, (), (), None)


def _continued(heading: Heading, key: str, by_key: dict[str, m.TocEntry]) -> m.TocEntry | None:
    """The entry of a heading the report breaks over lines: the entry's text starts with this
    line's and goes on in the lines below it."""
    for entry_key, entry in by_key.items():
        if len(entry_key) > len(key) and entry_key.startswith(key) and heading.window.startswith(entry_key):
            return entry
    return None


def _findings_at(heading: Heading, findings: Any) -> tuple[str, ...]:
    """Ids of the audit findings this numbered heading begins: the same number, and the finding's
    text begins with the heading or its quote is printed in the lines from the heading on."""
    number = heading.marker.rstrip(".")
    if not (number.isascii() and number.isdigit()):   # "①".isdigit() is true too
        return ()
    key = normalize(heading.text)
    return tuple(f.id for f in findings if f.number == int(number) and (
        normalize(f.finding).startswith(key) or heading_key(f.source.quote) in heading.window))


def _row(table: m.Table, row: m.TableRow, normalised_lines: list[str]) -> Item:
    key = normalize(row.row)
    lines = tuple(i + 1 for i, line in enumerate(normalised_lines) if key in line)
    return Item("row", row.row, lines, "catalogue", COVERED if row.programs else MARKED,
                row.programs, (), row.not_program, table.title)


def problems(coverage: Coverage) -> list[str]:
    """One `file:line: coverage: message` per heading no record covers."""
    return [f"{r.file}:{item.lines[0] if item.lines else 0}: coverage[{r.report}]: "
            f"카탈로그가 다루지 않는 제목입니다: {item.text!r} (sections에 사업 id나 not_program 사유를 적으세요)"
            for r, item in coverage.missing]


# The --json document (stable English keys, docs/json.md); the listing for a reader is commands/meta's.

def as_json(coverage: Coverage) -> dict[str, Any]:
    return {"complete": coverage.complete, "reports": [_report_json(r) for r in coverage.reports]}


def _report_json(report: ReportCoverage) -> dict[str, Any]:
    return {
        "report": report.report,
        "headings": {"found": report.found(), "listed": report.count("heading"),
                     **{status: report.count("heading", status) for status in STATUSES}},
        "rows": {"listed": report.count("row"), **{status: report.count("row", status) for status in (COVERED, MARKED)}},
        "items": [{"kind": i.kind, "text": i.text, "lines": list(i.lines), "origin": i.origin, "status": i.status,
                   "programs": list(i.programs), "findings": list(i.findings), "reason": i.reason, "table": i.table}
                  for i in report.items],
    }
