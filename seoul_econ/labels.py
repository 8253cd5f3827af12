"""The Korean words and small formats every output shares: one place for each, so the terminal,
the plain lines, the brief and the error messages say a thing the same way.

Pure functions of plain values and records; nothing here prints or queries a catalogue.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .models import Lineage, PartialDate

AGENCY_NAMES = {"seoul": "서울시 경제정책실", "sba": "서울산업진흥원(SBA)"}
BUDGET_KIND_NAMES = {"budget": "예산", "supplementary": "추경", "spent": "집행", "total_cost": "총사업비",
                     "fund": "기금·펀드", "other": "기타"}
TARGET_KIND_NAMES = {"target": "목표", "result": "실적"}
STATUS_NAMES = {"done": "완료", "ongoing": "진행 중", "planned": "계획"}
STATUS_MARKS = {"done": "●", "ongoing": "◐", "planned": "○"}
PLAN_STATES = {"reported": "결과 보고됨", "rescheduled": "일정 변경 보고", "unreported": "보고 없음",
               "upcoming": "예정"}
LINEAGE_KINDS = {"rename": "명칭 변경", "split": "분리", "merge": "통합", "duty_transfer": "업무 이관",
                 "transfer": "이관"}
MATCHED_NAMES = {"name": "이름", "alias": "별칭", "name_en": "영문명", "id": "id", "heading": "보고서 목차",
                 "part": "하위 사업", "parent": "상위 사업", "tag": "태그", "division": "부서", "summary": "요약",
                 "detail": "세부 내용", "quote": "인용문"}
FINDING_STATUS_CODES = ("done", "ongoing", "reviewing", "rejected")
COVERAGE_STATUS_NAMES = {"covered": "해당 사업", "marked": "사업 아님", "rule": "규칙", "not_covered": "누락"}


# --- money ------------------------------------------------------------------------------------

_WON_UNITS = ((10**12, "조"), (10**8, "억"), (10**4, "만"))


def won(amount: int) -> str:
    """Exact Korean grouping of an amount in won: 16,091,929,000 → 160억 9,192만 9,000원 (never rounded)."""
    if amount == 0:
        return "0원"
    sign, rest = ("-", -amount) if amount < 0 else ("", amount)
    parts = []
    for size, name in _WON_UNITS:
        count, rest = divmod(rest, size)
        if count:
            parts.append(f"{count:,}{name}")
    if rest:
        parts.append(f"{rest:,}")
    return sign + " ".join(parts) + "원"


def printed_amount(amount: int | float, unit: str) -> str:
    """The amount as the report prints it, with thousands separators: 11,209백만원."""
    number = f"{amount:,}" if isinstance(amount, int) else f"{amount:,.10g}"
    return f"{number}{unit}"


def signed_won(amount: int) -> str:
    """A change of money: +12억원, -3,000만원, 0원."""
    return ("+" if amount > 0 else "") + won(amount)


def percent_change(percent: float | None) -> str:
    return "" if percent is None else f"{percent:+.1f}%"


def value(number: int | float | None, unit: str | None) -> str:
    """A counted value with its unit: 1,500명; empty when the report gives no number."""
    return "" if number is None else f"{number:,}{unit or ''}"


# --- dates and years --------------------------------------------------------------------------

def short_year(year: int) -> str:
    """'24 for 2024, as the reports write it."""
    return f"'{year % 100:02d}"


def span(start: PartialDate | str, end: PartialDate | str | None) -> str:
    """A date or a range: 2024-06, 2024-01~2024-06."""
    return f"{start}~{end}" if end else str(start)


def year_runs(years: tuple[int, ...] | list[int]) -> str:
    """Consecutive years as ranges: (2018, 2019, 2020, 2022) → '18–'20, '22."""
    runs: list[list[int]] = []
    for year in years:
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(short_year(r[0]) + (f"–{short_year(r[-1])}" if len(r) > 1 else "") for r in runs)


# --- names ------------------------------------------------------------------------------------

def name_and_id(name: str, program_id: str) -> str:
    """How a programme is named in running text: 캠퍼스타운 (campus-town)."""
    return f"{name} ({program_id})"


def lineage_link(link: Lineage) -> str:
    """One division becoming another: 캠퍼스타운활성화과 → 대학창업과 (2021-06→2022-01, 명칭 변경)."""
    return (f"{link.from_name} → {link.to_name} "
            f"({link.from_report}→{link.to_report}, {LINEAGE_KINDS.get(link.kind, link.kind)})")


# --- particles --------------------------------------------------------------------------------

# Whether the Korean reading of a final digit or Latin letter ends in a consonant (받침):
# 0 영, 1 일, 3 삼, 6 육, 7 칠, 8 팔; L 엘, M 엠, N 엔, R 알. (csv를, html을, 2024년은 …)
_FINAL_CONSONANT = set("013678lmnr")
_PARTICLES = {"은/는": ("은", "는"), "이/가": ("이", "가"), "을/를": ("을", "를"), "과/와": ("과", "와"),
              "으로/로": ("으로", "로"), "이에요/예요": ("이에요", "예요")}


def particle(word: str, pair: str) -> str:
    """word followed by the particle of `pair` its final sound takes: 상태는, 연도는, csv를, 부서를."""
    with_final, without = _PARTICLES[pair]
    last = _last_sound(word)
    if last is None:
        return f"{word}{with_final}({without})"   # nothing to read it by (a symbol): both, as print does
    final = (ord(last) - 0xAC00) % 28 if "가" <= last <= "힣" else (1 if last.lower() in _FINAL_CONSONANT else 0)
    if pair == "으로/로" and final == 8:   # ㄹ takes 로: 서울로
        return word + without
    return word + (with_final if final else without)


def _last_sound(word: str) -> str | None:
    for char in reversed(word.strip()):
        if "가" <= char <= "힣" or char.isascii() and char.isalnum():
            return char
    return None


def shown(query: str) -> str:
    """A user's input as an error message can echo it: one line, printable, not overlong."""
    text = "".join(c if c.isprintable() and not 0xD800 <= ord(c) <= 0xDFFF else "?" for c in query.strip())
    return text if len(text) <= 40 else text[:40] + "…"


def has_letters(text: str) -> bool:
    """Whether the text holds a letter or a digit: spaces and punctuation alone select nothing."""
    from .hangul import normalize

    return bool(normalize(text))


def clean(text: Any) -> str:
    """Catalogue text as it may go to a terminal or a line of plain output: control characters
    (escape sequences, bells, tabs, line breaks) become spaces, so a hostile name can neither clear
    the screen nor split a record."""
    text = str(text)
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else " " for char in text)
