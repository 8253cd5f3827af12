"""The `seoul-econ` command line: declares commands and options, and hands parsed values to the
work (commands.py for search/show/list, the core modules for the rest) and the renderers.

Errors are raised as exceptions by the core and turned into one stderr line and an exit
code in one place, `App.main` via outcome.py (see docs/cli.md for the codes). The commonest
calls may never reach this module: see fastlane.py.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

import click
import typer
from typer.core import TyperGroup

from . import __version__, commands, complete, korean_help, query
from .catalog import CATALOG_ENV
from .commands import AGENCIES, LIST_FIELDS, Format, emit_records, no_results, output_format
from .outcome import (DEBUG_ENV, EXIT_BROKEN_PIPE, EXIT_CATALOG, EXIT_INTERNAL, EXIT_INTERRUPTED,  # noqa: F401 - documented codes
                      EXIT_NO_MATCH, EXIT_OK, EXIT_USAGE, NoResults, exit_code_for, fail, out, tell,
                      utf8_streams)
from .render import machine, records

if TYPE_CHECKING:
    from .models import Catalog

FIELDS_FLAG = "--fields"


class App(TyperGroup):
    """The command group, with the one error boundary of the program."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        korean_help.install()

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        params = super().get_params(ctx)
        korean_help.translate_params(params)   # typer adds its completion options late
        return params

    def main(self, args: Any = None, prog_name: Any = None, complete_var: Any = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        utf8_streams()
        argv = bare_fields(list(sys.argv[1:] if args is None else args))
        try:
            code = super().main(argv, prog_name, complete_var, standalone_mode=False, **extra)
            if code == EXIT_INTERRUPTED:  # typer turns Ctrl-C into a silent Exit(130)
                code = fail(argv, "interrupted", "중단되었습니다", EXIT_INTERRUPTED)
        except click.UsageError as error:
            code = fail(argv, "usage", _usage_message(error), EXIT_USAGE)
        except click.Abort:
            code = exit_code_for(argv, KeyboardInterrupt())
        except (Exception, KeyboardInterrupt) as error:
            code = exit_code_for(argv, error)
        if not standalone_mode:
            return code
        sys.exit(code or 0)


def bare_fields(argv: list[str]) -> list[str]:
    """`--fields` with no value means "list the fields" (as `gh --json` does). click has no
    optional option values through typer, so the bare flag is given the value "?" here."""
    return [f"{FIELDS_FLAG}={LIST_FIELDS}" if arg == FIELDS_FLAG and (i + 1 == len(argv) or argv[i + 1].startswith("-"))
            else arg for i, arg in enumerate(argv)]


def _usage_message(error: click.UsageError) -> str:
    """click's message, in Korean for the common cases."""
    if isinstance(error, click.NoSuchOption):
        message = f"없는 옵션입니다: {error.option_name}"
        if error.possibilities:
            message += f" (혹시: {', '.join(sorted(error.possibilities))})"
    elif isinstance(error, click.MissingParameter) and error.param is not None:
        message = f"필요한 인자가 없습니다: {error.param.human_readable_name}"
    elif isinstance(error, click.BadParameter):
        hint = error.param_hint or _param_name(error.param)
        if isinstance(hint, (list, tuple)):
            hint = " / ".join(hint)
        message = f"{hint} 값이 잘못되었습니다: {error.message}"
    elif error.message.startswith("No such command"):
        message = f"없는 명령입니다: {error.message.split(' ', 3)[-1].strip('.')}"
    else:
        message = error.format_message()
    if error.ctx is not None:
        message += f" ('{error.ctx.command_path} --help' 참고)"
    return message


def _param_name(param: click.Parameter | None) -> str:
    if param is None:
        return ""
    return param.opts[0] if isinstance(param, click.Option) else param.human_readable_name


app = typer.Typer(
    cls=App,
    help="서울시 경제정책실·서울산업진흥원(SBA) 사업을 출처가 검증된 카탈로그에서 찾아봅니다.",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    # No "[default: …]" extras: typer escapes their bracket for rich even with markup off,
    # which prints a stray backslash; defaults are said in the help texts instead.
    context_settings={"help_option_names": ["-h", "--help"], "show_default": False},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"seoul-econ {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    catalog: Optional[Path] = typer.Option(None, "--catalog", envvar=CATALOG_ENV, show_envvar=False, metavar="PATH",
                                           help=f"카탈로그 YAML 경로 (환경 변수 {CATALOG_ENV}; 기본: 패키지에 포함된 카탈로그)"),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="버전을 보여 줍니다"),
) -> None:
    """서울시 경제정책 사업 카탈로그."""
    ctx.obj = {"catalog": catalog}


# --- shared option declarations -----------------------------------------------------------------

FormatOption = typer.Option(Format.table, "--format", "-f", case_sensitive=False, show_default=False,
                            help="출력 형식 (기본: table)")
JsonOption = typer.Option(False, "--json", help="--format json 과 같습니다")


class YearType(click.ParamType):
    """A year as a whole number in the range the catalogue can hold, with a Korean message."""

    name = "year"

    def convert(self, value: Any, param: Any, ctx: Any) -> int:
        if isinstance(value, int):
            return value
        try:
            return query.parse_year(str(value))
        except query.QueryError as error:
            self.fail(error.message, param, ctx)


YearOption = typer.Option(None, "--year", "-y", metavar="YYYY", click_type=YearType(),
                          help="이 연도에 예산·목표·일정·보고서 언급이 있는 것만")
DivisionOption = typer.Option(None, "--division", "-d", help="담당 부서 (일부만 써도 됨: 창업 → 창업정책과)",
                              autocompletion=complete.divisions)
AgencyOption = typer.Option(None, "--agency", "-a", help=f"기관: {', '.join(AGENCIES)}")
TagOption = typer.Option(None, "--tag", "-t", help="태그 (예: 청년, 창업)")
FieldsOption = typer.Option(None, FIELDS_FLAG, metavar="F1,F2",
                            help="JSON에 넣을 키만 고릅니다 (예: id,name,budgets). 값 없이 쓰면 가능한 키를 보여 줍니다")


def _path(ctx: typer.Context) -> Path | None:
    """The --catalog given to the group (None: $SEOUL_ECON_CATALOG or the shipped one)."""
    return ctx.obj["catalog"] if ctx.obj else None


def _catalog(ctx: typer.Context, check_quotes: bool = False, path: Path | None = None) -> Any:
    return commands.catalog(path or _path(ctx), check_quotes=check_quotes)


# --- commands -----------------------------------------------------------------------------------

@app.command()
def search(
    ctx: typer.Context,
    text: str = typer.Argument(..., metavar="QUERY", help="이름, 별칭, 초성, 영문명, 부서, 세부 내용 등"),
    year: Optional[int] = YearOption, division: Optional[str] = DivisionOption,
    agency: Optional[str] = AgencyOption, tag: Optional[str] = TagOption,
    limit: int = typer.Option(20, "--limit", "-n", show_default=False, help="최대 결과 수 (1 이상, 기본: 20)"),
    fmt: Format = FormatOption, as_json: bool = JsonOption, fields: Optional[str] = FieldsOption,
) -> None:
    """이름·별칭·초성·오타를 고려해 프로그램을 찾습니다 (점수 순)."""
    commands.search(_path(ctx), text, year, division, agency, tag, limit, fmt, as_json, fields)


@app.command()
def show(
    ctx: typer.Context,
    program: str = typer.Argument(..., metavar="PROGRAM", help="프로그램 id 또는 이름",
                                 autocompletion=complete.programs),
    fmt: Format = FormatOption, as_json: bool = JsonOption, fields: Optional[str] = FieldsOption,
) -> None:
    """프로그램 하나의 전체 기록: 요약, 부서, 연도별 예산, 목표·실적, 일정, 출처."""
    commands.show(_path(ctx), program, fmt, as_json, fields)


@app.command("list")
def list_programs(
    ctx: typer.Context,
    year: Optional[int] = YearOption, division: Optional[str] = DivisionOption,
    agency: Optional[str] = AgencyOption, tag: Optional[str] = TagOption,
    sort: str = typer.Option("name", "--sort", "-s", show_default=False, click_type=click.Choice(["name", "budget"]),
                             help="정렬: name(이름, 기본) | budget(예산 큰 순)"),
    fmt: Format = FormatOption, as_json: bool = JsonOption, fields: Optional[str] = FieldsOption,
) -> None:
    """프로그램 목록 (연도·부서·기관·태그로 거르기)."""
    commands.list_programs(_path(ctx), year, division, agency, tag, sort, fmt, as_json, fields)


@app.command()
def timeline(
    ctx: typer.Context,
    program: Optional[str] = typer.Argument(None, metavar="[PROGRAM]", help="프로그램 id 또는 이름 (없으면 여러 사업을 한 표에)",
                                            autocompletion=complete.programs),
    division: Optional[str] = DivisionOption, year: Optional[int] = YearOption,
    start: Optional[int] = typer.Option(None, "--from", metavar="YYYY", click_type=YearType(), help="이 연도부터"),
    end: Optional[int] = typer.Option(None, "--to", metavar="YYYY", click_type=YearType(), help="이 연도까지"),
    fmt: Format = FormatOption, as_json: bool = JsonOption,
) -> None:
    """일정을 날짜순으로: 완료·진행·계획과 출처 보고서, 계획 대비 결과. PROGRAM 없이 쓰면 여러 사업의 연도별 표."""
    from . import story

    fmt = output_format(fmt, as_json)
    catalog = _catalog(ctx)
    first, last = (year, year) if year else (start, end)
    if program is None:
        programs, lineage_note = commands.filtered(catalog, None, division, None, None)
        years = [m.date.year for p in programs for m in p.milestones]
        first, last = first or min(years, default=query.latest_year(catalog)), last or max(years, default=first)
        if first > last:
            raise query.QueryError(f"--from({first})이 --to({last})보다 늦습니다")
        rows = story.timeline_rows(programs, first, last)
        if not rows:
            no_results(fmt, f"{first}–{last}년에 일정이 기록된 사업이 없습니다")
        _print_timeline_rows(fmt, rows, first, last, lineage_note)
        return
    found = query.resolve_program(catalog, program)
    milestones = [m for m in query.sorted_milestones(found)
                  if (first is None or m.date.year >= first) and (last is None or m.date.year <= last)]
    plans = story.plan_outcomes(catalog, found)
    if fmt is Format.table:
        from .render import terminal

        terminal.timeline(commands.console(), found, milestones)
        terminal.plans_table(commands.console(), plans)
    elif fmt is Format.json:
        out(machine.to_json({"id": found.id, "name": found.name,
                              "milestones": [records.milestone(m) for m in milestones],
                              "plans": [records.plan_outcome(p) for p in plans]}))
    else:
        items = [{"id": found.id, **records.milestone(m)} for m in milestones]
        emit_records(fmt, items, ("id", "date", "end", "status", "event", "report", "quote"),
                      [(found.id, str(m.date), m.end and str(m.end), m.status, m.event, m.source.report,
                        m.source.quote) for m in milestones])


def _print_timeline_rows(fmt: Format, rows: list[Any], first: int, last: int, lineage_note: str) -> None:
    if fmt is Format.table:
        from .render import terminal

        terminal.timeline_chart(commands.console(), rows, first, last, lineage_note)
        return
    items = [{"id": row.program.id, "name": row.program.name, "milestones": [records.milestone(m) for m in row.milestones]}
             for row in rows]
    if fmt is Format.json:
        out(machine.to_json({"from": first, "to": last, "programs": items}))
        return
    flat = [{"id": row.program.id, **records.milestone(m)} for row in rows for m in row.milestones]
    emit_records(fmt, flat, ("id", "date", "end", "status", "event", "report", "quote"),
                  [(row.program.id, str(m.date), m.end and str(m.end), m.status, m.event, m.source.report, m.source.quote)
                   for row in rows for m in row.milestones])


BUDGET_COLUMNS = ("id", "name", "year", "kind", "amount", "unit", "amount_krw", "period", "report", "quote")


@app.command()
def budget(
    ctx: typer.Context,
    program: Optional[str] = typer.Argument(None, metavar="[PROGRAM]", help="프로그램 id 또는 이름 (없으면 전체)",
                                             autocompletion=complete.programs),
    year: Optional[int] = YearOption, division: Optional[str] = DivisionOption,
    agency: Optional[str] = AgencyOption, tag: Optional[str] = TagOption,
    fmt: Format = FormatOption, as_json: bool = JsonOption,
) -> None:
    """프로그램의 연도별 예산, 또는 조건에 맞는 모든 프로그램의 한 해 예산과 합계."""
    fmt = output_format(fmt, as_json)
    catalog = _catalog(ctx)
    if program is not None:
        found = query.resolve_program(catalog, program)
        _program_budget(catalog, found, fmt)
        return
    chosen_year = year or query.latest_year(catalog)
    programs, lineage_note = commands.filtered(catalog, chosen_year, division, agency, tag)
    summary = query.budget_summary(catalog, programs, chosen_year)
    if not summary.lines:
        if fmt is Format.json:
            out(machine.to_json(records.budget_summary(summary)))
            raise NoResults("")
        no_results(fmt, f"{chosen_year}년 예산이 기록된 프로그램이 없습니다")
    if fmt is Format.table:
        from .render import terminal

        filters = "".join(f" · {label} {value}" for label, value in (("부서", division), ("기관", agency), ("태그", tag)) if value)
        terminal.budget_summary(commands.console(), summary, filters, lineage_note)
    elif fmt is Format.json:
        out(machine.to_json(records.budget_summary(summary)))
    else:
        lines = [{"id": line.program.id, "name": line.program.name, "counted_in_total": line.counted,
                  **records.budget(line.budget)} for line in summary.lines]
        emit_records(fmt, lines, BUDGET_COLUMNS + ("counted_in_total",),
                      [_budget_row(line.program, line.budget) + (line.counted,) for line in summary.lines])


def _program_budget(catalog: Catalog, program: Any, fmt: Format) -> None:
    budgets = query.sorted_budgets(program)
    if fmt is Format.table:
        from .render import terminal

        terminal.program_budget(commands.console(), catalog, program)
    elif fmt is Format.json:
        out(machine.to_json({"id": program.id, "name": program.name, "budgets": [records.budget(b) for b in budgets]}))
    else:
        emit_records(fmt, [{"id": program.id, "name": program.name, **records.budget(b)} for b in budgets],
                      BUDGET_COLUMNS, [_budget_row(program, b) for b in budgets])


def _budget_row(program: Any, item: Any) -> tuple[Any, ...]:
    data = records.budget(item)
    return (program.id, program.name, data["year"], data["kind"], data["amount"], data["unit"],
            data["amount_krw"], data["period"], item.source.report, item.source.quote)


@app.command()
def reports(
    ctx: typer.Context,
    report: Optional[str] = typer.Argument(None, metavar="[REPORT]", help="보고서 id (예: 2024-04) 또는 연도",
                                           autocompletion=complete.reports),
    fmt: Format = FormatOption, as_json: bool = JsonOption,
) -> None:
    """출처 보고서 목록, 또는 보고서 하나의 목차와 프로그램 대응표."""
    fmt = output_format(fmt, as_json)
    catalog = _catalog(ctx)
    if report is not None:
        found = _resolve_report(catalog, report)
        if fmt is Format.table:
            from .render import terminal

            terminal.report_detail(commands.console(), catalog, found)
            return
        data = records.report(found, catalog, with_toc=True)
        if fmt is Format.csv:
            out(machine.to_csv(("report", "heading", "programs", "not_program"),
                                [(found.id, e["heading"], e["programs"], e["not_program"]) for e in data["toc"]]))
        else:
            out(machine.to_json(data) if fmt is Format.json else machine.to_ndjson([data]))
        return
    ordered = sorted(catalog.reports, key=lambda r: r.date.sort_key)
    if fmt is Format.table:
        from .render import terminal

        terminal.reports_table(commands.console(), catalog)
        return
    items = [records.report(r, catalog) for r in ordered]
    emit_records(fmt, items, tuple(items[0]) if items else ("id",), [tuple(i.values()) for i in items])


def _resolve_report(catalog: Catalog, wanted: str) -> Any:
    if wanted in catalog.report_by_id:
        return catalog.report_by_id[wanted]
    same_year = [r for r in catalog.reports if str(r.year) == wanted.strip()]
    if len(same_year) == 1:
        return same_year[0]
    ids = [r.id for r in (same_year or catalog.reports)]
    if same_year:
        raise query.Ambiguous(f"{wanted}년 보고서가 여럿입니다", ids)
    raise query.NotFound(f"'{query.shown(wanted)}' 보고서가 없습니다", ids)


FINDING_COLUMNS = ("id", "category", "number", "division", "status", "finding", "actions", "programs", "report", "quote")


@app.command()
def findings(
    ctx: typer.Context,
    text: Optional[str] = typer.Argument(None, metavar="[QUERY]", help="지적·조치 내용에 들어 있는 낱말 (모두 포함)"),
    division: Optional[str] = DivisionOption,
    status: Optional[str] = typer.Option(None, "--status", help="추진완료|추진중|검토중|미반영 (또는 done|ongoing|reviewing|rejected)"),
    category: Optional[str] = typer.Option(None, "--category", "-c", help="시정·처리요구사항|건의사항|기타(자료제출) (또는 correction|proposal|data-request)"),
    program: Optional[str] = typer.Option(None, "--program", "-p", help="관련 프로그램 id 또는 이름 (하위 사업 포함)",
                                          autocompletion=complete.programs),
    fmt: Format = FormatOption, as_json: bool = JsonOption, fields: Optional[str] = FieldsOption,
) -> None:
    """2021년 행정사무감사 지적사항과 조치 결과 (2022-01 보고)."""
    from . import findings as audit

    chosen, fmt = commands.choose_fields(fields, records.FINDING_FIELDS, output_format(fmt, as_json))
    catalog = _catalog(ctx)
    status_code = _code(status, audit.status_code, "상태", "추진완료, 추진중, 검토중, 미반영")
    category_code = _code(category, audit.category_code, "구분", "시정·처리요구사항, 건의사항, 기타(자료제출)")
    program_ids = None
    if program is not None:
        found = query.resolve_program(catalog, program)
        program_ids = {found.id, *(child.id for child in catalog.children(found.id))}
    selected = audit.select(catalog, text, division=division, status=status_code, category=category_code,
                            program_ids=program_ids)
    if not selected:
        no_results(fmt, "조건에 맞는 지적사항이 없습니다")
    if fmt is Format.table:
        from .render import terminal

        commands.console().print(terminal.findings_table(selected, f"행정사무감사 지적 {len(selected)}건"))
        return
    items = [records.finding(f) for f in selected]
    emit_records(fmt, items, FINDING_COLUMNS,
                  [(i["id"], i["category"], i["number"], i["division"], i["status"], i["finding"], i["actions"],
                    i["programs"], i["source"]["report"], i["source"]["quote"]) for i in items], chosen)


def _code(value: str | None, read: Any, label: str, allowed: str) -> str | None:
    if value is None:
        return None
    code = read(value)
    if code is None:
        raise query.QueryError(f"{label}은(는) {allowed} 중 하나여야 합니다: {query.shown(value)}")
    return code


@app.command()
def finding(
    ctx: typer.Context,
    wanted: str = typer.Argument(..., metavar="ID", help="지적 id (proposal-3), 구분-번호 (건의-3) 또는 번호"),
    fmt: Format = FormatOption, as_json: bool = JsonOption,
) -> None:
    """행정사무감사 지적사항 하나의 전체 내용: 지적, 조치, 향후 계획, 출처."""
    from . import findings as audit

    fmt = output_format(fmt, as_json, (Format.table, Format.json, Format.ndjson))
    catalog = _catalog(ctx)
    found = audit.find_one(catalog, wanted)
    if isinstance(found, list):
        if found:
            raise query.Ambiguous(f"'{query.shown(wanted)}' 번호의 지적이 여러 구분에 있습니다", [f.id for f in found])
        raise query.NotFound(f"'{query.shown(wanted)}' 지적사항이 없습니다 (예: correction-12, 건의-3)")
    if fmt is Format.table:
        from .render import terminal

        terminal.finding_detail(commands.console(), catalog, found)
    elif fmt is Format.json:
        out(machine.to_json(records.finding(found)))
    else:
        out(machine.to_ndjson([records.finding(found)]))


@app.command()
def divisions(
    ctx: typer.Context,
    year: Optional[int] = YearOption, agency: Optional[str] = AgencyOption,
    fmt: Format = FormatOption, as_json: bool = JsonOption,
) -> None:
    """한 해 보고서의 조직: 부서별 정원·현원, 예산 집행률, 담당 사업 수 (기본: 최신 보고서)."""
    from . import organisation

    fmt = output_format(fmt, as_json, (Format.table, Format.json, Format.ndjson))
    catalog = _catalog(ctx)
    commands.check_agency(agency)
    chosen = organisation.organisations_for(catalog, year, agency)
    if not chosen:
        raise query.NotFound(f"{year}년 조직 자료가 없습니다",
                             sorted({str(catalog.report_by_id[o.report].year) for o in catalog.organisations}))
    if fmt is Format.table:
        from .render import terminal

        for org in chosen:
            terminal.organisation_table(commands.console(), catalog, org)
        return
    items = [records.organisation(org, catalog) for org in chosen]
    out(machine.to_json(items) if fmt is Format.json else machine.to_ndjson(items))


@app.command()
def division(
    ctx: typer.Context,
    name: str = typer.Argument(..., metavar="NAME", help="부서 이름 (일부만 써도 됨)", autocompletion=complete.divisions),
    fmt: Format = FormatOption, as_json: bool = JsonOption,
) -> None:
    """부서 하나의 연혁: 보고서마다의 이름(계보), 주요기능, 정원·현원, 예산 집행, 담당 사업."""
    from . import organisation

    fmt = output_format(fmt, as_json, (Format.table, Format.json))
    catalog = _catalog(ctx)
    matches = organisation.units_named(catalog, name)
    if len(matches) > 1 and not any(query.hangul.normalize(m) == query.hangul.normalize(name) for m in matches):
        raise query.Ambiguous(f"'{query.shown(name)}'에 맞는 부서가 여럿입니다", matches[:10])
    names, links, entries = organisation.division_history(catalog, name)
    if not entries:
        raise query.NotFound(f"'{query.shown(name)}' 부서가 조직표에 없습니다", query.suggest_divisions(catalog, name))
    if fmt is Format.table:
        from .render import terminal

        terminal.division_history(commands.console(), catalog, names, links, entries)
        return
    out(machine.to_json(records.division_history(names, links, entries, catalog)))


class ExportFormat(str, Enum):
    json = "json"
    ndjson = "ndjson"
    csv = "csv"
    sqlite = "sqlite"


@app.command()
def export(
    ctx: typer.Context,
    fmt: ExportFormat = typer.Option(ExportFormat.json, "--format", "-f", case_sensitive=False, show_default=False,
                                     help="json·ndjson(카탈로그 원형) | csv·sqlite(정규화된 표). 기본: json"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="PATH",
                                          help="출력 파일 (csv는 --table 없이 쓰면 폴더). 없으면 표준출력"),
    table: Optional[str] = typer.Option(None, "--table", help="csv: 표 하나만 (예: budgets)"),
    excel: bool = typer.Option(False, "--excel", help="csv: Excel용 UTF-8 BOM을 붙입니다"),
) -> None:
    """카탈로그 전체를 내보냅니다: JSON/NDJSON(다시 읽을 수 있는 원형), CSV 표들, SQLite(datasette용)."""
    from . import export as exporter
    from .files import write_atomic

    catalog = _catalog(ctx)
    if fmt in (ExportFormat.json, ExportFormat.ndjson):
        document = exporter.catalog_document(catalog)
        text = machine.to_json(document) if fmt is ExportFormat.json else machine.to_ndjson(
            [{"type": "report", **r} for r in document["reports"]] + [{"type": "program", **p} for p in document["programs"]])
        _write_or_print(output, text)
    elif fmt is ExportFormat.sqlite:
        if output is None:
            raise query.QueryError("sqlite 내보내기에는 -o 파일 경로가 필요합니다 (예: -o seoul-econ.db)")
        write_atomic(output, lambda temporary: exporter.write_sqlite(catalog, temporary))
        _note_written(output)
    else:
        _export_csv(exporter.tables(catalog), output, table, excel)


def _export_csv(tables: dict[str, Any], output: Path | None, table: str | None, excel: bool) -> None:
    from .files import write_atomic

    bom = "\ufeff" if excel else ""
    if table is not None:
        if table not in tables:
            raise query.QueryError(f"없는 표입니다: {table} (가능: {', '.join(tables)})")
        _write_or_print(output, bom + machine.to_csv(*tables[table]))
        return
    if output is None or (output.exists() and not output.is_dir()):
        raise query.QueryError("csv 내보내기는 -o 폴더가 필요합니다 (표 하나만이면 --table)")
    contents = {name: bom + machine.to_csv(columns, rows) for name, (columns, rows) in tables.items()}
    output.mkdir(parents=True, exist_ok=True)
    for name, text in contents.items():   # all built before the first write
        write_atomic(output / f"{name}.csv", text)
    _note_written(output)


def _write_or_print(output: Path | None, text: str) -> None:
    from .files import write_atomic

    if output is None:
        out(text)
    else:
        write_atomic(output, text)
        _note_written(output)


def _note_written(path: Path) -> None:
    tell(f"{path}에 썼습니다")


class BriefFormat(str, Enum):
    md = "md"
    html = "html"
    text = "text"
    json = "json"


@app.command()
def brief(
    ctx: typer.Context,
    program: Optional[str] = typer.Argument(None, metavar="[PROGRAM]", help="프로그램 id 또는 이름",
                                            autocompletion=complete.programs),
    division: Optional[str] = typer.Option(None, "--division", "-d", help="프로그램 대신 부서의 브리프",
                                           autocompletion=complete.divisions),
    fmt: BriefFormat = typer.Option(BriefFormat.md, "--format", "-f", case_sensitive=False, show_default=False,
                                    help="md(기본, 붙여넣기 좋음) | html(A4 인쇄용 한 파일) | text | json"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE", help="파일로 씁니다 (실패해도 기존 파일은 그대로)"),
) -> None:
    """회의용 한두 쪽 브리프: 요약, 예산 추이, 목표·실적, 경과와 계획, 부서, 감사 지적, 번호 붙은 출처."""
    from . import brief as briefs
    from .render.brief import RENDERERS

    if (program is None) == (division is None):
        raise query.QueryError("PROGRAM 또는 --division 중 하나를 주세요")
    catalog = _catalog(ctx)
    if program is not None:
        data = briefs.program_brief(catalog, query.resolve_program(catalog, program))
    else:
        data = briefs.division_brief(catalog, division)
        if data is None:
            raise query.NotFound(f"'{query.shown(division)}' 부서가 조직표에 없습니다", query.suggest_divisions(catalog, division))
    text = machine.to_json(data) if fmt is BriefFormat.json else RENDERERS[fmt.value](data)
    _write_or_print(output, text)


@app.command()
def compare(
    ctx: typer.Context,
    before: str = typer.Argument(..., metavar="REPORT_A", help="앞 보고서 id 또는 연도", autocompletion=complete.reports),
    after: str = typer.Argument(..., metavar="REPORT_B", help="뒤 보고서 id 또는 연도", autocompletion=complete.reports),
    fmt: Format = FormatOption, as_json: bool = JsonOption,
) -> None:
    """두 보고서 비교: 새로 보고된 사업, 계속 사업, 더 보고되지 않은 사업, 예산 변화, 부서 계보."""
    from . import story

    fmt = output_format(fmt, as_json, (Format.table, Format.json))
    catalog = _catalog(ctx)
    first, second = _resolve_report(catalog, before), _resolve_report(catalog, after)
    if first.id == second.id:
        raise query.QueryError("서로 다른 두 보고서를 주세요")
    comparison = story.compare_reports(catalog, first, second)
    if fmt is Format.table:
        from .render import terminal

        terminal.comparison(commands.console(), comparison)
    else:
        out(machine.to_json(records.comparison(comparison)))


@app.command()
def schema(
    name: str = typer.Argument("program", metavar="[NAME]", show_default=False,
                               help="program(기본) | list | search | timeline | timelines | compare | budget | reports | report | findings | finding | "
                                    "divisions | division | error"),
) -> None:
    """JSON 출력의 JSON Schema를 보여 줍니다 (기본: 프로그램 객체)."""
    from .schema import OUTPUTS, schema_for

    if name not in OUTPUTS:
        raise query.QueryError(f"없는 스키마입니다: {query.shown(name)} (가능: {', '.join(OUTPUTS)})")
    out(machine.to_json(schema_for(name)))


@app.command()
def validate(
    ctx: typer.Context,
    path: Optional[Path] = typer.Argument(None, metavar="[PATH]", help="검사할 카탈로그 (기본: 사용 중인 카탈로그)"),
    fmt: Format = FormatOption, as_json: bool = JsonOption,
) -> None:
    """카탈로그를 검사합니다: 형식, id, 날짜·단위, 그리고 모든 인용이 보고서 본문에 있는지."""
    fmt = output_format(fmt, as_json, (Format.table, Format.json))
    catalog = _catalog(ctx, check_quotes=True, path=path)
    from .build import count_quotes

    quotes = count_quotes(catalog)
    if fmt is Format.json:
        out(machine.to_json({"ok": True, "path": catalog.path, "reports": len(catalog.reports),
                              "programs": len(catalog.programs), "findings": len(catalog.findings),
                              "quotes": quotes, "problems": []}))
        return
    from .render import terminal

    terminal.validation_ok(commands.console(), catalog, quotes)


def run() -> None:
    """Console-script entry point."""
    typer.main.get_command(app).main(prog_name="seoul-econ")
