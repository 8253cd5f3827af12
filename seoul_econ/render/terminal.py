"""Human output: rich tables and timelines, in Korean. The only module that imports rich."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from .. import query
from ..models import (AGENCY_NAMES, BUDGET_KIND_NAMES, STATUS_NAMES, Budget, Catalog, Finding, Lineage, Milestone,
                      Organisation, Program, Report, Unit)
from ..search import Hit
from .money import format_krw, format_printed

BAR_WIDTH = 12
MATCHED_NAMES = {"name": "이름", "alias": "별칭", "name_en": "영문명", "id": "id", "tag": "태그",
                 "division": "부서", "detail": "세부 내용"}
STATUS_STYLES = {"done": "green", "ongoing": "yellow", "planned": "cyan"}


def make_console(on_closed_pipe: type[Exception] = BrokenPipeError) -> Console:
    """A console on stdout. rich already honours NO_COLOR, FORCE_COLOR, TERM=dumb and COLUMNS,
    and drops colour when stdout is not a terminal."""

    class PipeAwareConsole(Console):
        def on_broken_pipe(self) -> None:
            # rich would exit(1) on its own; the CLI's one error boundary decides instead.
            raise on_closed_pipe()

    # No :emoji: codes: a name with colons stays as written (and rich's emoji table is not loaded).
    return PipeAwareConsole(highlight=False, soft_wrap=False, emoji=False)


def _table(title: str | None = None, **options: object) -> Table:
    options.setdefault("box", box.SIMPLE_HEAD)
    return Table(title=title, title_justify="left", title_style="bold", **options)  # type: ignore[arg-type]


def _add_columns(table: Table, *columns: tuple[str, str]) -> None:
    """Columns as (header, flags): "right" aligns right, "keep" never wraps (amounts, dates),
    "fold" breaks anywhere rather than cut with an ellipsis (ids must stay whole to be copied)."""
    for header, flags in columns:
        table.add_column(header, justify="right" if "right" in flags else "left", no_wrap="keep" in flags,
                         overflow="fold" if "fold" in flags else "ellipsis")


def bar(value: int, largest: int, width: int = BAR_WIDTH) -> str:
    """A bar proportional to value; any positive value gets at least one cell."""
    if largest <= 0 or value <= 0:
        return ""
    return "█" * max(1, round(width * value / largest))


# --- show --------------------------------------------------------------------------------------

def show_program(console: Console, catalog: Catalog, program: Program) -> None:
    console.print(Text(f"{program.name}", style="bold"), Text(f"  {program.id}", style="dim"))
    facts = _table(show_header=False, box=None, padding=(0, 1))
    facts.add_column(style="bold")
    facts.add_column()
    if program.name_en:
        facts.add_row("영문명", program.name_en)
    if program.aliases:
        facts.add_row("별칭", ", ".join(f"{a.name}" + (f" ({a.report})" if a.report else "") for a in program.aliases))
    facts.add_row("기관", AGENCY_NAMES.get(program.agency, program.agency))
    if program.part_of:
        facts.add_row("상위 사업", _program_label(catalog, program.part_of))
    if program.successor_of:
        facts.add_row("이전 사업", _program_label(catalog, program.successor_of))
    children = catalog.children(program.id)
    if children:
        facts.add_row("하위 사업", ", ".join(f"{c.name} ({c.id})" for c in children))
    if program.divisions:
        facts.add_row("담당 부서", divisions_by_year(program))
    if program.tags:
        facts.add_row("태그", ", ".join(program.tags))
    facts.add_row("연도", ", ".join(str(y) for y in program.years))
    facts.add_row("요약", program.summary)
    console.print(facts)
    if program.budgets:
        console.print(budget_table(catalog, program))
    if program.targets:
        console.print(targets_table(program))
    if program.milestones:
        console.print(milestones_table(query.sorted_milestones(program), "주요 일정"))
    related = catalog.findings_about(program.id)
    if related:
        console.print(findings_table(related, f"행정사무감사 지적 {len(related)}건 (2022-01 보고 기준)"))
    console.print(sources_line(catalog, program))


def divisions_by_year(program: Program) -> str:
    """2019 캠퍼스타운활성화과 · 2024 대학창업과: each year once, its divisions in report order."""
    years: dict[int, list[str]] = {}
    for ref in sorted(program.divisions, key=lambda d: d.year):
        names = years.setdefault(ref.year, [])
        if ref.name not in names:
            names.append(ref.name)
    return " · ".join(f"{year} {', '.join(names)}" for year, names in years.items())


def _program_label(catalog: Catalog, program_id: str) -> str:
    other = catalog.program_by_id.get(program_id)
    return f"{other.name} ({program_id})" if other else program_id


def sources_line(catalog: Catalog, program: Program) -> Text:
    reports = [catalog.report_by_id[r] for r in program.sources if r in catalog.report_by_id]
    names = ", ".join(f"{r.id} {r.title}" for r in reports)
    return Text(f"출처: {names}", style="dim")


def budget_table(catalog: Catalog, program: Program) -> Table:
    """Every budget figure by year; the change is between each year's chosen annual budget."""
    budgets = query.sorted_budgets(program)
    changes = query.annual_changes(catalog, program)
    largest = max((b.amount_krw for b in budgets if b.kind == "budget"), default=0)
    table = _table("예산")
    _add_columns(table, ("연도", "keep"), ("구분", "keep"), ("금액", "right keep"), ("보고서 표기", "right keep"),
                 ("증감", "right keep"), ("", "keep"), ("출처", "keep"), ("비고", ""))
    for item in budgets:
        change = changes.get(id(item))
        change_text = f"'{change.previous_year % 100:02d} 대비 {change.percent:+.1f}%" if change else ""
        table.add_row(_budget_when(item), BUDGET_KIND_NAMES[item.kind], format_krw(item.amount_krw),
                      format_printed(item.amount, item.unit), change_text,
                      Text(bar(item.amount_krw, largest), style="blue") if item.kind == "budget" else "",
                      item.source.report, item.note or "")
    return table


def _budget_when(item: Budget) -> str:
    if item.period:
        return f"{item.period[0]}~{item.period[1]}"
    return str(item.year) if item.year else "-"


def targets_table(program: Program) -> Table:
    table = _table("목표와 실적")
    _add_columns(table, ("연도", "keep"), ("구분", "keep"), ("항목", ""), ("값", "right keep"), ("출처", "keep"),
                 ("비고", ""))
    for item in sorted(program.targets, key=lambda t: (t.year or 0, t.kind)):
        value = "" if item.value is None else f"{item.value:,}{item.unit or ''}"
        table.add_row(str(item.year or "-"), "목표" if item.kind == "target" else "실적", item.text, value,
                      item.source.report, item.note or "")
    return table


def milestones_table(milestones: Iterable[Milestone], title: str) -> Table:
    table = _table(title)
    _add_columns(table, ("날짜", "keep"), ("상태", "keep"), ("내용", ""), ("출처", "keep"))
    for item in milestones:
        when = f"{item.date}~{item.end}" if item.end else str(item.date)
        table.add_row(when, Text(STATUS_NAMES[item.status], style=STATUS_STYLES[item.status]), item.event,
                      item.source.report)
    return table


# --- timeline ----------------------------------------------------------------------------------

MARKS = {"done": "●", "ongoing": "◐", "planned": "○"}


def timeline(console: Console, program: Program, milestones: list[Milestone]) -> None:
    """Milestones grouped by year, done ● / ongoing ◐ / planned ○, with the source report."""
    marks = MARKS
    console.print(Text(f"{program.name} 연혁", style="bold"), Text(f"  {program.id}", style="dim"))
    if not milestones:
        console.print("기록된 일정이 없습니다.")
        return
    year = None
    for item in milestones:
        if item.date.year != year:
            year = item.date.year
            console.print(Text(f"\n{year}", style="bold"))
        when = _within_year(item)
        line = Text("  ")
        line.append(marks[item.status], style=STATUS_STYLES[item.status])
        line.append(f" {when:<10} {item.event}  ")
        line.append(f"[{STATUS_NAMES[item.status]} · {item.source.report}]", style="dim")
        console.print(line)
    console.print(Text("\n● 완료  ◐ 진행 중  ○ 계획 (보고서 시점 기준)", style="dim"))


def plans_table(console: Console, plans: list[Any]) -> None:
    """Each plan beside what a later report says of it; plans past their date with no later word."""
    if not plans:
        return
    table = _table("계획과 결과 (보고서 기준)")
    _add_columns(table, ("계획 시기", "keep"), ("계획", ""), ("보고", "keep"), ("상태", "keep"), ("이후 보고", ""))
    styles = {"reported": "green", "rescheduled": "yellow", "unreported": "red", "upcoming": "cyan"}
    from ..story import PLAN_STATES

    for item in plans:
        plan, later = item.plan, item.outcome
        when = f"{plan.date}~{plan.end}" if plan.end else str(plan.date)
        outcome = f"{later.date} {STATUS_NAMES[later.status]}: {later.event} [{later.source.report}]" if later else ""
        table.add_row(when, plan.event, plan.source.report, Text(PLAN_STATES[item.state], style=styles[item.state]), outcome)
    console.print(table)
    console.print(Text("상태는 보고서들이 말한 것에 대한 사실입니다: '보고 없음'은 계획 시기가 최신 보고서보다 앞서는데 "
                       "이후 보고서에 해당 내용이 없다는 뜻입니다 (사업 평가가 아님).", style="dim"))


def timeline_chart(console: Console, rows: list[Any], first: int, last: int, lineage_note: str = "") -> None:
    """One row per programme, one column per year (per month for a single year), marks per milestone."""
    by_month = first == last
    columns = list(range(1, 13)) if by_month else list(range(first, last + 1))
    title = f"{first}년 월별 일정" if by_month else f"{first}–{last} 연도별 일정"
    table = _table(f"{title} · 사업 {len(rows)}개", pad_edge=False)
    _add_columns(table, ("사업", ""), *((f"{c}월" if by_month else f"'{c % 100:02d}", "keep") for c in columns))
    for row in rows:
        cells = {c: Text() for c in columns}
        for item in row.milestones:
            slot = item.date.first_month if by_month else item.date.year
            cells[slot].append(MARKS[item.status], style=STATUS_STYLES[item.status])
        table.add_row(_name_and_id(row.program), *(cells[c] for c in columns))
    console.print(table)
    console.print(Text("● 완료  ◐ 진행 중  ○ 계획 (보고서 시점 기준; 연·반기·분기만 적힌 일정은 그 첫 달에 표시)", style="dim"))
    if lineage_note:
        console.print(Text(lineage_note, style="dim"))


def comparison(console: Console, item: Any) -> None:
    before, after = item.before, item.after
    console.print(Text(f"{before.id} {before.title} → {after.id} {after.title}", style="bold"))
    if before.agency != after.agency:
        console.print(Text("※ 두 보고서의 기관이 다릅니다 (경제정책실/SBA): '더 보고되지 않음'은 그 보고서가 다루지 않았다는 뜻입니다.",
                           style="dim"))
    counts = _table("사업 수", show_header=False, box=None)
    counts.add_column(style="bold")
    counts.add_column(justify="right")
    for label, programs in (("새로 보고됨", item.new), ("계속", item.continuing), ("더 보고되지 않음", item.dropped)):
        counts.add_row(label, str(len(programs)))
    console.print(counts)
    for label, programs in (("새로 보고된 사업", item.new), ("더 보고되지 않은 사업", item.dropped)):
        if programs:
            console.print(Text(label, style="bold"))
            console.print("  " + ", ".join(f"{p.name} ({p.id})" for p in programs))
    if item.budget_changes:
        table = _table("예산 변화 (각 보고서가 밝힌 최근 연도 예산)")
        _add_columns(table, ("사업", ""), (before.id, "right keep"), (after.id, "right keep"), ("증감", "right keep"),
                     ("증감률", "right keep"))
        for change in item.budget_changes:
            percent = "" if change.percent is None else f"{change.percent:+.1f}%"
            table.add_row(_name_and_id(change.program),
                          f"{format_krw(change.before.amount_krw)} ('{change.before.year % 100:02d})",
                          f"{format_krw(change.after.amount_krw)} ('{change.after.year % 100:02d})",
                          ("+" if change.change_krw > 0 else "-" if change.change_krw < 0 else "") + format_krw(abs(change.change_krw)),
                          percent)
        console.print(table)
    if item.lineage:
        console.print(Text("부서 계보", style="bold"))
        for link in item.lineage:
            console.print(f"  {link.from_name} → {link.to_name} ({link.from_report}→{link.to_report}, {link.kind})")


def _within_year(item: Milestone) -> str:
    """The date without its year (shown as the group heading): 07, 01~06, 연중, 12~2025-03."""
    when = item.date.text[5:] or "연중"
    if item.end:
        end = item.end.text[5:] if item.end.year == item.date.year else item.end.text
        when += f"~{end or item.end.year}"
    return when


# --- list, search, budget, reports -------------------------------------------------------------

def program_list(console: Console, catalog: Catalog, programs: list[Program], year: int | None,
                 lineage_note: str = "") -> None:
    budget_header = f"{year}년 예산" if year else "최근 예산"
    table = _table(f"프로그램 {len(programs)}개" + (f" ({year}년)" if year else ""))
    _add_columns(table, ("이름 / id", ""), ("담당 부서", ""), (budget_header, "right keep"), ("연도", "keep"))
    for program in programs:
        budget = (query.annual_budget(catalog, program, year) if year
                  else query.latest_annual_budget(catalog, program))
        amount = "" if budget is None else format_krw(budget.amount_krw) + ("" if year else f" ({budget.year})")
        # Text, not str: plain cells need no markup parsing (a tenth of the table's time).
        table.add_row(_name_and_id(program), Text(_division_cell(catalog, program, year)), Text(amount), Text(year_span(program.years)))
    console.print(table)
    if lineage_note:
        console.print(Text(lineage_note, style="dim"))


def _name_and_id(program: Program | Hit) -> Text:
    cell = Text(program.name)
    cell.append(f"\n{program.id}", style="dim")
    return cell


def _division_cell(catalog: Catalog, program: Program, year: int | None) -> str:
    """The division, with the year of the report that states it when that is not the year asked."""
    names, stated = query.divisions_for(program, year, catalog.program_by_id)
    if not names:
        return ""
    return ", ".join(names) + (f" ('{stated % 100:02d})" if stated != year else "")


def year_span(years: tuple[int, ...]) -> str:
    """Consecutive years as ranges: (2018, 2019, 2020, 2022) → '18–'20, '22."""
    runs: list[list[int]] = []
    for year in years:
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(f"'{r[0] % 100:02d}" + (f"–'{r[-1] % 100:02d}" if len(r) > 1 else "") for r in runs)


def search_results(console: Console, hits: list[Hit], query_text: str) -> None:
    table = _table(f"'{escape(query_text)}' 검색 결과 {len(hits)}건")
    _add_columns(table, ("순위", "right keep"), ("이름 / id", ""), ("점수", "right keep"), ("일치", ""))
    for rank, item in enumerate(hits, 1):
        matched = Text(MATCHED_NAMES.get(item.matched, item.matched), style="dim")
        if item.matched_text != item.name:
            matched.append(": ")
            matched.append(_clip(item.matched_text), style="bold yellow")
        table.add_row(str(rank), _name_and_id(item), f"{item.score:.1f}", matched)
    console.print(table)


def _clip(text: str, size: int = 40) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def program_budget(console: Console, catalog: Catalog, program: Program) -> None:
    console.print(Text(program.name, style="bold"), Text(f"  {program.id}", style="dim"))
    if not program.budgets:
        console.print("기록된 예산이 없습니다.")
        return
    console.print(budget_table(catalog, program))


def budget_summary(console: Console, summary: query.BudgetSummary, filters: str, lineage_note: str = "") -> None:
    table = _table(f"{summary.year}년 예산{filters}")
    _add_columns(table, ("이름 / id", ""), ("예산", "right keep"), ("보고서 표기", "right keep"), ("", "keep"),
                 ("출처", "keep"))
    largest = max((line.budget.amount_krw for line in summary.lines), default=0)
    for line in summary.lines:
        name = _name_and_id(line.program)
        if not line.counted:
            name = Text("└ ") + name
        table.add_row(name, format_krw(line.budget.amount_krw),
                      format_printed(line.budget.amount, line.budget.unit),
                      Text(bar(line.budget.amount_krw, largest), style="blue"), line.budget.source.report)
    table.add_section()
    table.add_row(Text("합계", style="bold"), Text(format_krw(summary.total_krw), style="bold"), "", "", "")
    console.print(table)
    if any(not line.counted for line in summary.lines):
        console.print(Text("└ 표시 사업은 상위 사업 예산에 포함되어 합계에서 뺐습니다.", style="dim"))
    if lineage_note:
        console.print(Text(lineage_note, style="dim"))


def reports_table(console: Console, catalog: Catalog) -> None:
    table = _table(f"출처 보고서 {len(catalog.reports)}건")
    _add_columns(table, ("id", "keep"), ("날짜", "keep"), ("기관", ""), ("제목", "fold"), ("프로그램", "right keep"),
                 ("파일", "fold"))
    for report in sorted(catalog.reports, key=lambda r: r.date.sort_key):
        count = catalog.programs_citing(report.id)
        table.add_row(report.id, str(report.date), report.organization, report.title, str(count), report.file)
    console.print(table)


def report_detail(console: Console, catalog: Catalog, report: Report) -> None:
    console.print(Text(f"{report.id}  {report.title}", style="bold"))
    console.print(f"{report.organization} · {report.date}" + (f" ({report.as_of} 기준)" if report.as_of else ""))
    if report.occasion:
        console.print(report.occasion)
    table = _table(f"목차와 프로그램 대응 ({len(report.toc)}개 항목)")
    table.add_column("목차")
    table.add_column("프로그램")
    for entry in report.toc:
        if entry.programs:
            target = ", ".join(_program_label(catalog, p) for p in entry.programs)
        else:
            target = Text(f"(프로그램 아님: {entry.not_program})", style="dim")  # type: ignore[assignment]
        table.add_row(entry.heading, target)
    console.print(table)


FINDING_STATUS_STYLES = {"done": "green", "ongoing": "yellow", "reviewing": "cyan", "rejected": "red"}


def findings_table(findings: Iterable[Finding], title: str) -> Table:
    table = _table(title)
    _add_columns(table, ("id", "keep"), ("부서", ""), ("상태", "keep"), ("지적 요지", ""))
    for item in findings:
        table.add_row(item.id, item.division, Text(item.status, style=FINDING_STATUS_STYLES[item.status_code]),
                      _clip(item.finding, 80))
    return table


def finding_detail(console: Console, catalog: Catalog, item: Finding) -> None:
    console.print(Text(f"{item.id}  {item.category} {item.number}번", style="bold"))
    facts = _table(show_header=False, box=None, padding=(0, 1))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column()
    facts.add_row("부서", item.division)
    facts.add_row("상태", Text(item.status, style=FINDING_STATUS_STYLES[item.status_code]))
    facts.add_row("지적", item.finding)
    facts.add_row("조치", item.actions)
    if item.programs:
        facts.add_row("관련 사업", ", ".join(_program_label(catalog, p) for p in item.programs))
    facts.add_row("출처", f"{item.source.report} \u201c{item.source.quote}\u201d")
    console.print(facts)
    if item.plans:
        table = _table("향후 계획")
        _add_columns(table, ("날짜", "keep"), ("내용", ""))
        for plan in item.plans:
            table.add_row(f"{plan.date}~{plan.end}" if plan.end else str(plan.date), plan.event)
        console.print(table)


def organisation_table(console: Console, catalog: Catalog, org: Organisation) -> None:
    from ..organisation import execution_row, report_year, tree_order, unit_programs

    year = report_year(catalog, org.report)
    title = f"{org.name} 조직 ({org.report}, {org.as_of} 기준) · {org.summary} · 정원 {org.quota} / 현원 {org.current}"
    table = _table(title)
    unit_label = f"예산현액({org.execution.unit})" if org.execution else "예산현액"
    _add_columns(table, ("부서", ""), ("정원/현원", "right keep"), (unit_label, "right keep"), ("집행률(지출)", "keep"),
                 ("사업", "right keep"))
    for depth, item in tree_order(org.units):
        row = execution_row(org, item.name)
        staff = f"{item.quota}/{item.current}" if item.quota is not None else ""
        budget = f"{row.budget:,}" if row else ""
        rate = Text(f"{row.spent_rate:5.1f}% ", style="bold").append(bar(int(row.spent_rate * 10), 1000, 10), style="blue") \
            if row and row.spent_rate is not None else ""
        count = len(unit_programs(catalog, item.name, year))
        name = ("  " * (depth - 1) + "└ " if depth else "") + item.name
        table.add_row(f"{name} ({item.kind})", staff, budget, rate, str(count) if count else "")
    if org.execution:
        total = org.execution.total
        table.add_section()
        rate = Text(f"{total.spent_rate:5.1f}% ") if total.spent_rate is not None else ""
        table.add_row(Text("계", style="bold"), f"{org.quota}/{org.current}", f"{total.budget:,}", rate, "")
    console.print(table)
    if org.execution and org.execution.note:
        console.print(Text(f"※ 집행 표: {org.execution.note}", style="dim"))
    if org.finance:
        finance = _table(f"{org.finance.title or '예산'} ({org.finance.unit})")
        _add_columns(finance, ("구분", "keep"), ("항목", ""), ("연도", "keep"), ("금액", "right keep"))
        for item in org.finance.rows:
            finance.add_row("세입" if item.side == "revenue" else "세출", ("  " if item.parent else "") + item.item,
                            str(item.year), f"{item.amount:,}")
        console.print(finance)


def division_history(console: Console, catalog: Catalog, names: list[str], links: list[Lineage],
                     entries: list[tuple[Organisation, Unit]]) -> None:
    from ..organisation import execution_row, report_year, unit_programs

    console.print(Text(" → ".join(dict.fromkeys(u.name for _, u in entries)) or names[0], style="bold"))
    for link in links:
        console.print(Text(f"  {link.from_name} → {link.to_name} ({link.from_report}→{link.to_report}, {link.kind}): "
                           f"{link.evidence}", style="dim"))
    for org, item in entries:
        year = report_year(catalog, org.report)
        table = _table(f"{org.report} · {item.name} ({item.kind})", show_header=False, box=None, padding=(0, 1))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        if item.quota is not None:
            table.add_row("정원/현원", f"{item.quota}/{item.current}")
        for duty in item.duties:
            table.add_row("주요기능", duty.text)
        row = execution_row(org, item.name)
        if row:
            rate = f", 지출 {row.spent:,} ({row.spent_rate}%)" if row.spent is not None else ""
            table.add_row("예산 집행", f"예산현액 {row.budget:,}{org.execution.unit if org.execution else ''}{rate}")
        programs = unit_programs(catalog, item.name, year)
        if programs:
            table.add_row("사업", ", ".join(f"{p.name} ({p.id})" for p in programs))
        console.print(table)


def validation_ok(console: Console, catalog: Catalog, quotes: int) -> None:
    console.print(f"카탈로그 정상: {catalog.path}")
    console.print(f"보고서 {len(catalog.reports)}건, 프로그램 {len(catalog.programs)}개, "
                  f"행정사무감사 지적 {len(catalog.findings)}건, 출처 인용 {quotes:,}건 확인")


