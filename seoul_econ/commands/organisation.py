"""divisions and division: each report's organisation, and one division across the reports."""

from __future__ import annotations

from .. import divisions as org_questions
from .. import hangul, labels, records
from ..errors import Ambiguous, NotFound
from .answer import DECORATION, FIGURE, LABEL, NAME, TEXT, Answer, Column, Facts, Line, Styled, Table
from .budget import bar
from .common import check_agency

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ..library import Library
    from ..models import Catalog, Organisation, Program, Unit

DIVISION_FIELDS = ("name", "names", "lineage", "reports")
UNIT_ROW_FIELDS = ("report", "name", "kind", "parent", "quota", "current", "budget", "spent_rate", "programs")


def divisions(lib: Library, year: int | None = None, agency: str | None = None) -> Answer:
    check_agency(agency)
    catalog = lib.catalog()
    chosen = org_questions.organisations_for(catalog, year, agency)
    if not chosen:
        raise NotFound(f"{year}년 조직 자료가 없습니다",
                       sorted({str(catalog.report_by_id[o.report].year) for o in catalog.organisations}))
    by_division = _programs_by_report(catalog, chosen)
    documents = [records.organisation(org, [_unit(org, u, by_division[org.report]) for u in org.units]) for org in chosen]
    return Answer("divisions", documents,
                  lambda: [b for org in chosen for b in _organisation_view(org, by_division[org.report])],
                  csv=lambda: _unit_rows(documents), document_fields=records.ORGANISATION_FIELDS)


def _programs_by_report(catalog: Catalog, orgs: list[Organisation]) -> dict[str, dict[str, list[Program]]]:
    """For each organisation's report, the programmes of its year by division (one pass for all)."""
    years = {org.report: org_questions.report_year(catalog, org.report) for org in orgs}
    by_year = org_questions.programs_by_division_in(catalog, set(years.values()))
    return {report: by_year[year] for report, year in years.items()}


def _unit(org: Organisation, unit: Unit, by_division: dict[str, list[Program]]) -> dict[str, Any]:
    """One unit's record; by_division: programs_by_division for the organisation's year."""
    return records.unit(unit, org_questions.execution_row(org, unit.name), [p.id for p in by_division.get(unit.name, [])])


def _unit_rows(documents: list[dict[str, Any]]) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
    rows = [(org["report"], u["name"], u["kind"], u["parent"], u["quota"], u["current"],
             u["execution"]["budget"] if u["execution"] else None,
             u["execution"]["spent_rate"] if u["execution"] else None, u["programs"])
            for org in documents for u in org["units"]]
    return UNIT_ROW_FIELDS, rows


def _organisation_view(org: Organisation, by_division: dict[str, list[Program]]) -> list[Any]:
    rows = []
    for depth, unit in org_questions.tree_order(org.units):
        row = org_questions.execution_row(org, unit.name)
        rate = ("" if row is None or row.spent_rate is None
                else (Styled(f"{row.spent_rate:.1f}%", "bold"), Styled(" " + bar(int(row.spent_rate * 10), 1000, 10), "bar")))
        count = len(by_division.get(unit.name, []))
        name = ("  " * (depth - 1) + "└ " if depth else "") + f"{unit.name} ({unit.kind})"
        rows.append((name, f"{unit.quota}/{unit.current}" if unit.quota is not None else "",
                     f"{row.budget:,}" if row else "", rate, str(count) if count else ""))
    total = None
    if org.execution:
        spent = org.execution.total.spent_rate
        total = (Styled("계", "bold"), f"{org.quota}/{org.current}", f"{org.execution.total.budget:,}",
                 f"{spent:.1f}%" if spent is not None else "", "")
    title = f"{org.name} 조직 ({org.report}, {org.as_of} 기준) · {org.summary} · 정원 {org.quota} / 현원 {org.current}"
    unit_label = f"예산현액({org.execution.unit})" if org.execution else "예산현액"
    blocks: list[Any] = [Table("unit", title, (Column("부서", NAME), Column("정원/현원", FIGURE, right=True),
                                               Column(unit_label, FIGURE, right=True),
                                               Column("집행률(지출)", DECORATION), Column("사업", FIGURE, right=True)),
                               rows, total=total)]
    if org.execution and org.execution.note:
        blocks.append(Line(Styled(f"※ 집행 표: {org.execution.note}", "dim")))
    if org.finance:
        finance_rows = [("세입" if r.side == "revenue" else "세출", ("  " if r.parent else "") + r.item, str(r.year),
                         f"{r.amount:,}") for r in org.finance.rows]
        blocks.append(Table("finance", f"{org.finance.title or '예산'} ({org.finance.unit})",
                            (Column("구분", LABEL), Column("항목", TEXT), Column("연도", FIGURE),
                             Column("금액", FIGURE, right=True)), finance_rows))
    return blocks


def division(lib: Library, name: str) -> Answer:
    catalog = lib.catalog()
    matches = org_questions.units_named(catalog, name)
    if len(matches) > 1 and not any(hangul.normalize(m) == hangul.normalize(name) for m in matches):
        raise Ambiguous(f"'{labels.shown(name)}'에 맞는 부서가 여럿입니다", matches[:10])
    names, links, entries = org_questions.division_history(catalog, name)
    if not entries:
        raise NotFound(f"'{labels.shown(name)}' 부서가 조직표에 없습니다", org_questions.suggest_divisions(catalog, name))
    by_division = _programs_by_report(catalog, [org for org, _ in entries])   # the records and the view both ask

    def reports() -> list[dict[str, Any]]:
        return [{"report": org.report, "agency": org.agency, **_unit(org, unit, by_division[org.report])}
                for org, unit in entries]

    return Answer("division", lambda: records.division_history(names, links, reports()),
                  lambda: _history_view(names, links, entries, by_division), items=reports,
                  document_fields=DIVISION_FIELDS, item_fields=("report", "agency", *records.UNIT_FIELDS))


def _history_view(names: list[str], links: list[Any], entries: list[tuple[Any, Any]],
                  by_division: dict[str, dict[str, list[Program]]]) -> list[Any]:
    blocks: list[Any] = [Line(Styled(" → ".join(dict.fromkeys(u.name for _, u in entries)) or names[0], "bold"))]
    blocks += [Line(Styled(f"{labels.lineage_link(link)}: {link.evidence}", "dim")) for link in links]
    for org, unit in entries:
        facts: list[tuple[str, Any]] = []
        if unit.quota is not None:
            facts.append(("정원/현원", f"{unit.quota}/{unit.current}"))
        facts += [("주요기능", duty.text) for duty in unit.duties]
        row = org_questions.execution_row(org, unit.name)
        if row:
            spent = f", 지출 {row.spent:,} ({row.spent_rate}%)" if row.spent is not None else ""
            facts.append(("예산 집행", f"예산현액 {row.budget:,}{org.execution.unit if org.execution else ''}{spent}"))
        programs = by_division[org.report].get(unit.name, [])
        if programs:
            facts.append(("사업", ", ".join(labels.name_and_id(p.name, p.id) for p in programs)))
        blocks += [Line(Styled(f"{org.report} · {unit.name} ({unit.kind})", "bold")), Facts(org.report, facts)]
    return blocks
