"""The validated catalogue as immutable records. Built only by `catalog.load_catalog`."""

from __future__ import annotations

from .frozen import NotCompared, Record, cached

AGENCIES = ("seoul", "sba")
BUDGET_KINDS = ("budget", "supplementary", "spent", "total_cost", "fund", "other")
TARGET_KINDS = ("target", "result")
MILESTONE_STATUSES = ("done", "ongoing", "planned")
# Won per printed unit. Decimal keeps 1.5억원 exact.
UNIT_WON = {"원": 1, "천원": 1_000, "만원": 10_000, "백만원": 1_000_000, "억원": 100_000_000,
            "조원": 1_000_000_000_000}

_DATE = (r"(?P<year>\d{4})(?:-(?:(?P<month>0[1-9]|1[0-2])(?:-(?P<day>0[1-9]|[12]\d|3[01]))?"
         r"|H(?P<half>[12])|Q(?P<quarter>[1-4])))?")   # compiled by the first parse: only building reads dates


class DateError(ValueError):
    pass


_PARSED: dict[str, PartialDate] = {}


class PartialDate(Record):
    """A date as precise as the report: 2024, 2024-06, 2024-06-18, 2024-H1, 2024-Q3."""

    text: str
    year: int
    first_month: int   # the first month the date can mean, for ordering
    last_month: int

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """The date a text names. One object per distinct text (dates are immutable): the 839
        milestones use 238 dates, and the cache stores and rebuilds each once."""
        known = _PARSED.get(text)
        if known is None:
            known = _PARSED[text] = cls._read(text)
        return known

    @classmethod
    def _read(cls, text: str) -> PartialDate:
        import re   # here: a warm run loads dates from the cache and never parses one

        match = re.fullmatch(_DATE, text)
        if not match:
            raise DateError(f"날짜 형식이 아닙니다: {text!r} (예: 2024, 2024-06, 2024-06-18, 2024-H1, 2024-Q3)")
        year = int(match["year"])
        if match["month"]:
            first = last = int(match["month"])
        elif match["half"]:
            first = 1 + 6 * (int(match["half"]) - 1)
            last = first + 5
        elif match["quarter"]:
            first = 1 + 3 * (int(match["quarter"]) - 1)
            last = first + 2
        else:
            first, last = 1, 12
        return cls(text, year, first, last)

    @property
    def sort_key(self) -> tuple[int, int, int, str]:
        # Within a month a precise day sorts after the bare month; a whole year sorts first.
        return (self.year, self.first_month, self.last_month - self.first_month, self.text)

    def __str__(self) -> str:
        return self.text


def amount_in_won(amount: int | float, unit: str) -> int:
    """The printed amount in won, exactly; raises ValueError when it is not a whole number of won."""
    from decimal import Decimal   # building only

    won = Decimal(str(amount)) * UNIT_WON[unit]
    if won != won.to_integral_value():
        raise ValueError(f"{amount}{unit}은 원 단위 정수가 아닙니다")
    return int(won)


class Source(Record):
    report: str
    quote: str
    line: int = NotCompared(0)   # line of the citing YAML record, for messages


class TocEntry(Record):
    """A heading of a report (its table of contents, or a section the body prints) and what covers it."""

    heading: str
    programs: tuple[str, ...]
    not_program: str | None
    line: int = NotCompared(0)   # line in the YAML, for error messages


class TableRow(Record):
    """A named row of a programme table, as printed, and the programme(s) it is or belongs to."""

    row: str
    programs: tuple[str, ...]
    not_program: str | None
    line: int = NotCompared(0)


class Table(Record):
    """A programme table of a report: what it is, whose table it is, and its named rows."""

    title: str                 # what the table is, in Korean (a description, not a quote)
    program: str | None        # the programme whose table it is; its rows are it or its parts
    rows: tuple[TableRow, ...]
    line: int = NotCompared(0)


class Report(Record):
    id: str
    title: str
    organization: str
    agency: str
    date: PartialDate
    as_of: PartialDate | None
    occasion: str
    file: str
    toc: tuple[TocEntry, ...]
    sections: tuple[TocEntry, ...] = ()   # headings the body prints beyond its own table of contents
    tables: tuple[Table, ...] = ()        # programme tables with their named rows

    @property
    def year(self) -> int:
        return self.date.year


class Alias(Record):
    name: str
    report: str | None


class SharedName(Record):
    """A name or alias a programme knowingly shares with another programme, and why."""

    name: str
    reason: str


class DivisionRef(Record):
    """Who ran a programme, as one report names it (a 과, 담당관, 반, or an SBA 본부/실/팀)."""

    year: int                  # the year of the source's report (two reports share 2022)
    name: str                  # as that report's organisation table spells it
    source: Source


class DivisionNotStated(Record):
    """A report that describes a programme without saying who runs it: recorded, with the
    reason, so that a gap is a finding and not an omission. It names no division."""

    year: int
    reason: str
    source: Source             # the programme in that report (its heading or a line about it)


class Budget(Record):
    year: int | None
    kind: str
    amount: int | float
    unit: str
    amount_krw: int
    period: tuple[PartialDate, PartialDate] | None
    note: str | None
    source: Source
    year_printed: bool = True   # False: the report prints the figure without its year (`소요예산 : …`)
    # False: the figure is this programme's own line of a table whose parts have lines of their
    # own (2022-11's 사업구성체계), so it does not contain the parts' money.
    includes_parts: bool = True


class Target(Record):
    year: int | None
    kind: str
    text: str
    value: int | float | None
    unit: str | None
    note: str | None
    source: Source


class Milestone(Record):
    date: PartialDate
    end: PartialDate | None
    status: str
    event: str
    note: str | None
    source: Source


class Program(Record):
    id: str
    name: str
    name_en: str | None
    aliases: tuple[Alias, ...]
    agency: str
    part_of: str | None
    successor_of: str | None
    tags: tuple[str, ...]
    summary: str
    divisions: tuple[DivisionRef, ...]
    budgets: tuple[Budget, ...]
    targets: tuple[Target, ...]
    milestones: tuple[Milestone, ...]
    mentions: tuple[Source, ...]
    # Years of the reports that mention it; filled in by the loader, which knows the reports.
    report_years: tuple[int, ...] = ()
    divisions_not_stated: tuple[DivisionNotStated, ...] = ()
    shared_names: tuple[SharedName, ...] = ()

    @cached
    def years(self) -> tuple[int, ...]:
        """Every year the programme has a fact in or a report mentions it."""
        years = set(self.report_years)
        years.update(d.year for d in self.divisions)
        years.update(b.year for b in self.budgets if b.year is not None)
        years.update(t.year for t in self.targets if t.year is not None)
        for milestone in self.milestones:
            years.add(milestone.date.year)
            if milestone.end:
                years.add(milestone.end.year)
        return tuple(sorted(years))

    @cached
    def sources(self) -> tuple[str, ...]:
        """Ids of every report the programme's facts cite, in first-cited order."""
        cited = [m.report for m in self.mentions]
        for facts in (self.divisions, self.divisions_not_stated, self.budgets, self.targets, self.milestones):
            cited.extend(f.source.report for f in facts)
        return tuple(dict.fromkeys(cited))

    @property
    def division_names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(d.name for d in self.divisions))



# The council audit (행정사무감사) findings: category and status as printed, with stable codes.
FINDING_CATEGORIES = {"시정·처리요구사항": "correction", "건의사항": "proposal", "기타(자료제출)": "data-request"}
FINDING_STATUSES = {"추진완료": "done", "추진중": "ongoing", "검토중": "reviewing", "미반영": "rejected"}


class FindingPlan(Record):
    date: PartialDate
    end: PartialDate | None
    event: str
    source: Source


class Finding(Record):
    category: str        # as printed: 시정·처리요구사항 | 건의사항 | 기타(자료제출)
    number: int
    division: str
    status: str          # as printed: 추진완료 | 추진중 | 검토중 | 미반영
    finding: str
    actions: str
    plans: tuple[FindingPlan, ...]
    programs: tuple[str, ...]
    source: Source

    @property
    def id(self) -> str:
        """Stable id for scripts: correction-12, proposal-3, data-request-40."""
        return f"{FINDING_CATEGORIES[self.category]}-{self.number}"

    @property
    def status_code(self) -> str:
        return FINDING_STATUSES[self.status]


class FindingCount(Record):
    category: str        # as printed in the summary table (전체 for its 계 row)
    total: int
    by_status: dict[str, int | None]   # status code → count; None where the table prints "-"
    source: Source


class FindingSummary(Record):
    report: str
    as_of: PartialDate
    rows: tuple[FindingCount, ...]
    note: str
    note_source: Source
    inconsistency: str | None


class Duty(Record):
    text: str
    source: Source


class Unit(Record):
    """A division (과), office (실), team (팀) … as one report lists it."""

    name: str
    kind: str
    parent: str | None
    quota: int | None          # 정원
    current: int | None        # 현원
    staff_source: Source | None
    duties: tuple[Duty, ...]
    note: str | None


EXECUTION_COLUMNS = ("budget", "committed", "spent", "committed_rate", "spent_rate")


class ExecutionRow(Record):
    division: str
    budget: int                # 예산현액
    committed: int | None      # 원인행위액
    spent: int | None          # 지출액
    committed_rate: float | None
    spent_rate: float | None   # 집행률(지출액 기준), %
    source: Source


class Execution(Record):
    unit: str
    as_of: str | None
    columns_note: str | None
    rows: tuple[ExecutionRow, ...]
    total: ExecutionRow
    note: str | None           # where the printed rows and 계 disagree


class FinanceRow(Record):
    side: str                  # revenue (세입) | expenditure (세출)
    item: str
    year: int
    amount: int
    parent: str | None
    source: Source


class Finance(Record):
    unit: str
    title: str | None
    rows: tuple[FinanceRow, ...]
    note: str | None


class Organisation(Record):
    report: str
    agency: str
    name: str
    as_of: str
    summary: str
    summary_source: Source
    quota: int
    current: int
    staff_source: Source
    units: tuple[Unit, ...]
    execution: Execution | None
    finance: Finance | None


LINEAGE_KINDS = ("rename", "split", "merge", "duty_transfer", "transfer")


class Lineage(Record):
    """One division becoming (part of) another between two reports, as the reports show it."""

    from_name: str
    to_name: str
    kind: str
    from_report: str
    to_report: str
    confidence: str            # high | medium
    evidence: str
    source: Source
    evidence_sources: tuple[Source, ...]


class Catalog(Record):
    path: str
    reports: tuple[Report, ...]
    programs: tuple[Program, ...]
    findings: tuple[Finding, ...] = ()
    finding_summary: FindingSummary | None = None
    organisations: tuple[Organisation, ...] = ()
    lineage: tuple[Lineage, ...] = ()

    @cached
    def report_by_id(self) -> dict[str, Report]:
        return {r.id: r for r in self.reports}

    @cached
    def program_by_id(self) -> dict[str, Program]:
        return {p.id: p for p in self.programs}

    @cached
    def report_order(self) -> dict[str, tuple[int, int, int, str]]:
        """Each report's date as a sort key: which report is newer decides between figures."""
        return {r.id: r.date.sort_key for r in self.reports}

    def programs_citing(self, report_id: str) -> int:
        return sum(1 for p in self.programs if report_id in p.sources)

    def children(self, program_id: str) -> tuple[Program, ...]:
        return tuple(p for p in self.programs if p.part_of == program_id)

    def findings_about(self, program_id: str) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if program_id in f.programs)
