"""Every command and option of the CLI, declared once.

The typer app (cli.py), the fast parser (fastlane.py) and the command reference (tools/gen_docs.py)
are all read from this table. Adding an option is one edit here plus its use in the command's
function (a parameter of the same name); adding a command is one entry here plus its function.
Reading it costs nearly nothing: it imports only what reading a value needs, when it needs it.
"""

from __future__ import annotations

from .errors import QueryError
from .frozen import Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

CATALOG_ENV = "SEOUL_ECON_CATALOG"
YEARS = (1900, 2100)
RECORDS = ("table", "plain", "json", "ndjson", "csv")   # the formats of every command whose answer has records


class Option(Record):
    flags: tuple[str, ...]         # ("--year", "-y"); the first is the long name
    dest: str                      # the command function's parameter
    kind: str                      # flag | text | filter | int | year | choice | path
    help: str
    metavar: str | None = None
    choices: tuple[str, ...] = ()
    default: Any = None
    complete: str | None = None    # completion values: programs | reports | divisions
    minimum: int | None = None     # for int


class Argument(Record):
    dest: str
    metavar: str
    help: str
    required: bool = True
    kind: str = "text"             # text | path | filter (must hold a letter or digit)
    complete: str | None = None
    default: Any = None


class Command(Record):
    name: str
    function: str                  # "module:function" in seoul_econ.commands
    help: str                      # the first sentence is the summary in the command table
    arguments: tuple[Argument, ...] = ()
    options: tuple[Option, ...] = ()
    formats: tuple[str, ...] = RECORDS
    default_format: str | None = None   # None: table on a terminal, plain lines in a pipe
    examples: tuple[tuple[str, str], ...] = ()   # (command line, what it shows)
    output: bool = False           # takes -o FILE

    @property
    def all_options(self) -> tuple[Option, ...]:
        """The command's own options, then those every command of its kind has."""
        shared: list[Option] = []
        if self.formats == RECORDS:
            shared.append(FORMAT)
        elif len(self.formats) > 1:
            shared.append(FORMAT._replace(choices=self.formats, help=_format_help(self.formats, self.default_format)))
        if "json" in self.formats and len(self.formats) > 1:
            shared += [JSON, FIELDS]
        if self.output:
            shared.append(OUTPUT)
        if any(f in ("table", "plain") for f in self.formats):
            shared.append(NO_PAGER)
        return (*self.options, *shared, CATALOG)


def _format_help(formats: tuple[str, ...], default: str | None) -> str:
    return f"출력 형식: {' | '.join(formats)} (기본: {default or '터미널이면 table, 파이프면 plain'})"


# --- options several commands share --------------------------------------------------------------

FORMAT = Option(("--format", "-f"), "format", "choice",
                "출력 형식: table | plain | json | ndjson | csv (기본: 터미널이면 table, 파이프면 plain)",
                metavar="FORMAT", choices=RECORDS)
JSON = Option(("--json",), "as_json", "flag", "--format json 과 같습니다")
FIELDS = Option(("--fields",), "fields", "text",
                "JSON에 넣을 키만 고릅니다 (예: id,name,budgets). 값 없이 쓰면 가능한 키를 보여 줍니다", metavar="F1,F2")
CATALOG = Option(("--catalog",), "catalog", "path",
                 f"카탈로그 YAML 경로 (환경 변수 {CATALOG_ENV}; 기본: 패키지에 포함된 카탈로그). 명령 앞뒤 어디에나 쓸 수 있습니다",
                 metavar="PATH")
NO_PAGER = Option(("--no-pager",), "no_pager", "flag", "화면보다 긴 출력도 페이저(less) 없이 바로 보여 줍니다")
OUTPUT = Option(("--output", "-o"), "output", "path", "파일로 씁니다 (실패해도 기존 파일은 그대로). -는 표준출력",
                metavar="FILE")
YEAR = Option(("--year", "-y"), "year", "year", "이 연도에 예산·목표·일정·보고서 언급이 있는 것만", metavar="YYYY")
DIVISION = Option(("--division", "-d"), "division", "filter", "담당 부서 (일부만 써도 됨: 창업 → 창업정책과)",
                  complete="divisions")
AGENCY = Option(("--agency", "-a"), "agency", "choice", "기관: seoul, sba", choices=("seoul", "sba"))
TAG = Option(("--tag", "-t"), "tag", "filter", "태그 (예: 청년, 창업)")
FILTERS = (YEAR, DIVISION, AGENCY, TAG)
PROGRAM = Argument("program", "PROGRAM", "프로그램 id 또는 이름", complete="programs")
SOME_PROGRAM = PROGRAM._replace(required=False, metavar="[PROGRAM]")


COMMANDS: tuple[Command, ...] = (
    Command("search", "programmes:search", "이름·별칭·초성·오타는 물론 여러 낱말, 문장, 붙여 넣은 보고서 제목으로도 프로그램을 찾습니다 (점수 순).",
            (Argument("text", "QUERY", "이름, 별칭, 초성, 영문명, 부서, 세부 내용 등"),),
            (*FILTERS, Option(("--limit", "-n"), "limit", "int", "최대 결과 수 (1 이상, 기본: 20)", default=20, minimum=1)),
            examples=(("seoul-econ search 청년취업사관학교", "이름으로"),
                      ("seoul-econ search 'ㅊㄴㅊㅇ' -n 5", "초성으로, 다섯 개까지"),
                      ("seoul-econ search '2024년 청년 일자리 예산'", "여러 낱말로: 연도는 연도로 읽습니다"),
                      ("seoul-econ search 창업 --year 2024 --json | jq '.[].id'", "2024년 사업만, 스크립트용"))),
    Command("show", "programmes:show", "프로그램 하나의 전체 기록: 요약, 부서, 연도별 예산, 목표·실적, 일정, 출처.",
            (PROGRAM,),
            examples=(("seoul-econ show 캠퍼스타운", "한 사업의 모든 기록"),
                      ("seoul-econ show zero-pay --json", "스크립트용 JSON"),
                      ("seoul-econ show youth-job-academy | grep ^budget", "파이프에서는 한 줄에 한 기록"))),
    Command("list", "programmes:list_programs", "프로그램 목록 (연도·부서·기관·태그로 거르기).", (),
            (*FILTERS, Option(("--sort", "-s"), "sort", "choice", "정렬: name(이름, 기본) | budget(예산 큰 순)",
                              choices=("name", "budget"), default="name")),
            examples=(("seoul-econ list --year 2024 --sort budget", "2024년 사업, 예산 큰 순"),
                      ("seoul-econ list --division 창업 --json", "부서 이름 일부로"),
                      ("seoul-econ list --fields id,name --format csv", "고른 키만 CSV로"))),
    Command("timeline", "timeline:timeline",
            "일정을 날짜순으로: 완료·진행·계획과 출처 보고서, 계획 대비 결과. PROGRAM 없이 쓰면 여러 사업의 연도별 표.",
            (SOME_PROGRAM._replace(help="프로그램 id 또는 이름 (없으면 여러 사업을 한 표에)"),),
            (DIVISION, YEAR, Option(("--from",), "start", "year", "이 연도부터", metavar="YYYY"),
             Option(("--to",), "end", "year", "이 연도까지", metavar="YYYY")),
            examples=(("seoul-econ timeline 서울영화센터", "한 사업의 연혁과 계획 대비 결과"),
                      ("seoul-econ timeline --year 2024 --division 첨단산업과", "한 해, 한 부서의 월별 일정표"),
                      ("seoul-econ timeline --from 2021 --to 2024", "여러 사업의 연도별 일정표"))),
    Command("budget", "budget:budget", "프로그램의 연도별 예산, 또는 조건에 맞는 모든 프로그램의 한 해 예산과 합계.",
            (SOME_PROGRAM._replace(help="프로그램 id 또는 이름 (없으면 전체)"),), FILTERS,
            examples=(("seoul-econ budget 캠퍼스타운", "연도별 예산과 전년 대비 증감"),
                      ("seoul-econ budget --year 2024 --division 일자리", "한 해 부서 사업들의 예산과 합계"),
                      ("seoul-econ budget zero-pay --format csv", "스프레드시트용"))),
    Command("reports", "reports:reports", "출처 보고서 목록, 또는 보고서 하나의 목차와 프로그램 대응표.",
            (Argument("report", "[REPORT]", "보고서 id (예: 2024-04) 또는 연도", required=False, complete="reports"),),
            examples=(("seoul-econ reports", "다섯 보고서"), ("seoul-econ reports 2024-04", "목차와 사업 대응표"),
                      ("seoul-econ reports 2022 --json", "한 해의 보고서 (하나일 때)"))),
    Command("findings", "audit:findings", "2021년 행정사무감사 지적사항과 조치 결과 (2022-01 보고).",
            (Argument("text", "[QUERY]", "지적·조치 내용에 들어 있는 낱말 (모두 포함)", required=False, kind="filter"),),
            (DIVISION, Option(("--status",), "status", "text",
                              "추진완료|추진중|검토중|미반영 (또는 done|ongoing|reviewing|rejected)"),
             Option(("--category", "-c"), "category", "text",
                    "시정·처리요구사항|건의사항|기타(자료제출) (또는 correction|proposal|data-request)"),
             Option(("--program", "-p"), "program", "text", "관련 프로그램 id 또는 이름 (하위 사업 포함)",
                    complete="programs")),
            examples=(("seoul-econ findings 기술교육원", "낱말로"),
                      ("seoul-econ findings --status 미반영 --division 일자리", "반영되지 않은 지적"),
                      ("seoul-econ findings --program 캠퍼스타운 --json", "한 사업(하위 사업 포함)의 지적"))),
    Command("finding", "audit:finding", "행정사무감사 지적사항 하나의 전체 내용: 지적, 조치, 향후 계획, 출처.",
            (Argument("wanted", "ID", "지적 id (proposal-3), 구분-번호 (건의-3) 또는 번호"),),
            examples=(("seoul-econ finding proposal-3", "id로"), ("seoul-econ finding 건의-3", "구분과 번호로"),
                      ("seoul-econ finding correction-12 --json", "스크립트용"))),
    Command("divisions", "organisation:divisions", "한 해 보고서의 조직: 부서별 정원·현원, 예산 집행률, 담당 사업 수 (기본: 최신 보고서).",
            (), (YEAR, AGENCY),
            examples=(("seoul-econ divisions", "최신 보고서의 조직"), ("seoul-econ divisions --year 2022 --agency sba", "SBA 2022"),
                      ("seoul-econ divisions --format csv", "부서마다 한 줄"))),
    Command("division", "organisation:division", "부서 하나의 연혁: 보고서마다의 이름(계보), 주요기능, 정원·현원, 예산 집행, 담당 사업.",
            (Argument("name", "NAME", "부서 이름 (일부만 써도 됨)", kind="filter", complete="divisions"),),
            examples=(("seoul-econ division 대학창업과", "이름이 바뀐 부서의 연혁"),
                      ("seoul-econ division 일자리정책과 --json", "스크립트용"),
                      ("seoul-econ division 첨단 --format csv", "보고서마다 한 줄"))),
    Command("export", "export:export", "카탈로그 전체를 내보냅니다: JSON/NDJSON(다시 읽을 수 있는 원형), CSV 표들, SQLite(datasette용).",
            (), (Option(("--format", "-f"), "format", "choice", "json·ndjson(카탈로그 원형) | csv·sqlite(정규화된 표). 기본: json",
                        choices=("json", "ndjson", "csv", "sqlite"), default="json", metavar="FORMAT"),
                 Option(("--output", "-o"), "output", "path", "출력 파일 (csv는 --table 없이 쓰면 폴더). 없거나 -면 표준출력",
                        metavar="PATH"),
                 Option(("--table",), "table", "text", "csv: 표 하나만 (예: budgets)"),
                 Option(("--excel",), "excel", "flag", "csv: Excel용 UTF-8 BOM을 붙입니다")),
            formats=(), examples=(("seoul-econ export --format sqlite -o seoul-econ.db", "datasette용 SQLite"),
                                  ("seoul-econ export --format csv -o tables/", "표마다 CSV 하나"),
                                  ("seoul-econ export -o catalogue.json", "다시 읽을 수 있는 원형"))),
    Command("brief", "brief:brief", "회의용 한두 쪽 브리프: 요약, 예산 추이, 목표·실적, 경과와 계획, 부서, 감사 지적, 번호 붙은 출처.",
            (SOME_PROGRAM,), (Option(("--division", "-d"), "division", "filter", "프로그램 대신 부서의 브리프",
                                     complete="divisions"),),
            formats=("md", "html", "text", "json"), default_format="md", output=True,
            examples=(("seoul-econ brief 청년취업사관학교", "Markdown (붙여넣기 좋음)"),
                      ("seoul-econ brief 캠퍼스타운 -f html -o brief.html", "A4 인쇄용 HTML 한 파일"),
                      ("seoul-econ brief --division 대학창업과 -f text", "부서 브리프"))),
    Command("compare", "reports:compare", "두 보고서 비교: 새로 보고된 사업, 계속 사업, 더 보고되지 않은 사업, 예산 변화, 부서 계보.",
            (Argument("before", "REPORT_A", "앞 보고서 id 또는 연도", complete="reports"),
             Argument("after", "REPORT_B", "뒤 보고서 id 또는 연도", complete="reports")),
            examples=(("seoul-econ compare 2022-01 2024-04", "두 보고서 사이의 변화"),
                      ("seoul-econ compare 2019 2024 --json", "연도로"),
                      ("seoul-econ compare 2021 2024 --format csv", "사업마다 한 줄 (상태·예산 증감)"))),
    Command("schema", "meta:schema", "JSON 출력의 JSON Schema를 보여 줍니다 (기본: 프로그램 객체).",
            (Argument("name", "[NAME]", "program(기본) | show | list | search | timeline | timelines | compare | budget | "
                      "budget_summary | reports | report | findings | finding | divisions | division | validate | coverage | error",
                      required=False, default="program"),),
            formats=("json",), default_format="json",
            examples=(("seoul-econ schema", "프로그램 객체"), ("seoul-econ schema search", "search --json의 형식"),
                      ("seoul-econ schema list > list.schema.json", "파일로"))),
    Command("validate", "meta:validate", "카탈로그를 검사합니다: 형식, id, 날짜·단위, 그리고 모든 인용이 보고서 본문에 있는지.",
            (Argument("path", "[PATH]", "검사할 카탈로그 (기본: 사용 중인 카탈로그)", required=False, kind="path"),),
            (Option(("--coverage",), "coverage", "flag", "보고서마다 모든 제목과 표의 행을 다루는 사업을 보입니다"),),
            formats=("table", "plain", "json"),
            examples=(("seoul-econ validate", "정상이면 종료 코드 0"),
                      ("seoul-econ validate my/programs.yaml", "다른 카탈로그"),
                      ("seoul-econ validate --json", "스크립트용"),
                      ("seoul-econ validate --coverage", "모든 제목·표의 행과 그것을 다루는 사업"))),
)
BY_NAME = {command.name: command for command in COMMANDS}


# --- reading values: one converter per kind, for both front doors ----------------------------------

def convert(item: Option | Argument, text: str) -> Any:
    """The value of an option or argument given as text; QueryError (a usage error) if it is not
    one. The message does not name the option: the typer CLI puts it in front."""
    kind = item.kind
    if kind == "year":
        return parse_year(text)
    if kind == "int":
        number = text.strip()
        if not (number.lstrip("-").isdigit() and number.isascii()):
            raise QueryError(f"정수를 쓰세요: {_shown(text)!r}")
        if isinstance(item, Option) and item.minimum is not None and int(number) < item.minimum:
            raise QueryError(f"{item.minimum} 이상이어야 합니다: {number}")
        return int(number)
    if kind == "choice":
        for choice in item.choices:   # type: ignore[union-attr]
            if text.casefold() == choice.casefold():
                return choice
        raise QueryError(f"{', '.join(item.choices)} 중 하나여야 합니다: {_shown(text)}")   # type: ignore[union-attr]
    if kind == "path":
        return text   # a path as the user wrote it; pathlib (4 ms to import) only where files are written
    if kind == "filter":
        from .labels import has_letters

        if not has_letters(text):
            raise QueryError(f"글자나 숫자가 있어야 합니다: '{_shown(text)}'")
    return text


def parse_year(text: str) -> int:
    """A year written on the command line: ASCII digits within 1900–2100."""
    text = text.strip()
    if not text.isdigit() or not text.isascii():
        raise QueryError(f"연도는 숫자로 쓰세요 (예: 2024): {_shown(text)!r}")
    if not YEARS[0] <= int(text) <= YEARS[1]:
        raise QueryError(f"연도는 {YEARS[0]}–{YEARS[1]} 사이여야 합니다: {int(text)}")
    return int(text)


def _shown(text: str) -> str:
    from .labels import shown

    return shown(text)

