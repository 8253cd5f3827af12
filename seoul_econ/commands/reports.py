"""reports and compare: the source reports, one report's contents, and what changed between two."""

from __future__ import annotations

from .. import labels, records, story
from ..errors import QueryError
from .answer import FIGURE, ID, LABEL, NAME, TEXT, Answer, Column, Facts, Line, Styled, Table
from .common import program_label, report_named

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ..library import Library
    from ..models import Catalog, Report

REPORT_FIELDS = (*records.REPORT_FIELDS, "toc")
TOC_FIELDS = ("report", "heading", "programs", "not_program")
COMPARE_FIELDS = ("before", "after", "new", "continuing", "dropped", "budget_changes", "lineage")
COMPARE_ROW_FIELDS = ("id", "name", "status", "before_krw", "after_krw", "change_krw", "change_percent")


def reports(lib: Library, report: str | None = None) -> Answer:
    catalog = lib.catalog()
    if report is not None:
        return _one(catalog, report_named(catalog, report))
    ordered = sorted(catalog.reports, key=lambda r: r.date.sort_key)
    rows = [(r.id, str(r.date), r.organization, r.title, str(catalog.programs_citing(r.id)), r.file) for r in ordered]
    table = Table("report", f"출처 보고서 {len(ordered)}건",
                  (Column("id", ID), Column("날짜", FIGURE), Column("기관", LABEL), Column("제목", TEXT),
                   Column("프로그램", FIGURE, right=True), Column("파일", ID)), rows)
    return Answer("reports", lambda: [records.report(r, catalog.programs_citing(r.id)) for r in ordered], [table],
                  document_fields=records.REPORT_FIELDS)


def _one(catalog: Catalog, report: Report) -> Answer:
    document = records.report(report, catalog.programs_citing(report.id), with_toc=True)
    toc = [{"report": report.id, **entry} for entry in document["toc"]]
    rows = [(e.heading, ", ".join(program_label(catalog, p) for p in e.programs) if e.programs
             else Styled(f"(프로그램 아님: {e.not_program})", "dim")) for e in report.toc]
    about = f"{report.organization} · {report.date}" + (f" ({report.as_of} 기준)" if report.as_of else "")
    view = [Line(Styled(f"{report.id}  {report.title}", "bold")), Line(about),
            *([Line(report.occasion)] if report.occasion else []),
            Table("toc", f"목차와 프로그램 대응 ({len(report.toc)}개 항목)",
                  (Column("목차", TEXT), Column("프로그램", TEXT)), rows)]
    return Answer("report", document, view, items=toc, document_fields=REPORT_FIELDS, item_fields=TOC_FIELDS)


def compare(lib: Library, before: str, after: str) -> Answer:
    catalog = lib.catalog()
    first, second = report_named(catalog, before), report_named(catalog, after)
    if first.id == second.id:
        raise QueryError("서로 다른 두 보고서를 주세요")
    comparison = story.compare_reports(catalog, first, second)
    return Answer("compare", lambda: records.comparison(comparison), lambda: _comparison_view(comparison),
                  items=lambda: _rows(comparison), document_fields=COMPARE_FIELDS, item_fields=COMPARE_ROW_FIELDS)


def _rows(item: story.Comparison) -> list[dict[str, Any]]:
    """One row per programme of either report: new, continuing or dropped, with the budget change."""
    changes = {change.program.id: change for change in item.budget_changes}
    rows = []
    for status, programs in (("new", item.new), ("continuing", item.continuing), ("dropped", item.dropped)):
        for program in programs:
            change = changes.get(program.id)
            rows.append({"id": program.id, "name": program.name, "status": status,
                         "before_krw": change.before.amount_krw if change else None,
                         "after_krw": change.after.amount_krw if change else None,
                         "change_krw": change.change_krw if change else None,
                         "change_percent": None if change is None or change.percent is None else round(change.percent, 1)})
    return rows


def _comparison_view(item: story.Comparison) -> list[Any]:
    before, after = item.before, item.after
    blocks: list[Any] = [Line(Styled(f"{before.id} {before.title} → {after.id} {after.title}", "bold"))]
    if before.agency != after.agency:
        blocks.append(Line(Styled("※ 두 보고서의 기관이 다릅니다 (경제정책실/SBA): '더 보고되지 않음'은 그 보고서가 "
                                  "다루지 않았다는 뜻입니다.", "dim")))
    groups = (("새로 보고됨", item.new), ("계속", item.continuing), ("더 보고되지 않음", item.dropped))
    blocks.append(Facts("count", [(label, str(len(programs))) for label, programs in groups]))
    for name, label, programs in (("new", "새로 보고된 사업", item.new), ("dropped", "더 보고되지 않은 사업", item.dropped)):
        if programs:
            blocks.append(Table(name, label, (Column("이름", NAME), Column("id", ID)),
                                [(p.name, p.id) for p in programs]))
    if item.budget_changes:
        rows = [(c.program.name, c.program.id,
                 f"{labels.won(c.before.amount_krw)} ({labels.short_year(c.before.year)})",
                 f"{labels.won(c.after.amount_krw)} ({labels.short_year(c.after.year)})",
                 labels.signed_won(c.change_krw), labels.percent_change(c.percent)) for c in item.budget_changes]
        blocks.append(Table("change", "예산 변화 (각 보고서가 밝힌 최근 연도 예산)",
                            (Column("사업", NAME), Column("id", ID), Column(before.id, FIGURE, right=True),
                             Column(after.id, FIGURE, right=True), Column("증감", FIGURE, right=True),
                             Column("증감률", FIGURE, right=True)), rows))
    if item.lineage:
        blocks.append(Table("lineage", "부서 계보", (Column("계보", TEXT),),
                            [(labels.lineage_link(link),) for link in item.lineage], header=False))
    return blocks
