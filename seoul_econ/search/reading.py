"""Reading a query: numbering, years, particles, connectives and question words, letter readings."""

from __future__ import annotations

from itertools import groupby

from .. import hangul
from ..frozen import Record
from .scores import WORD_START

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# Words of a query that are no subject: connectives and question words are read past; field words
# (what is asked about a programme, not which one) count only where they are found.
LISTING = frozenset("및 등 또는 그리고".split())
READ_PAST = LISTING | frozenset("위한 위해 위하여 통한 통해 대한 관한 따른 관련 중 얼마 언제 어디 무엇 누구 어떻게 왜 몇 "
                                "어느 무슨".split())
FIELD_WORDS = frozenset("예산 예산액 사업비 목표 실적 성과 일정 현황 계획 추진 결과 예정 규모 금액".split())
MAX_READ_LETTERS = 4     # Latin words read aloud as letters: acronyms (DMC, R&D), not words (seoul)

# Numbering in front of a pasted heading: 1. ① 가. (1) Ⅱ. □ ○ - … (compiled when first needed: 2 ms)
NUMBERING = (r"\s*(?:[(\[]?\s*(?:\d{1,2}|[가나다라마바사아자차카타파하]|[ivx]{1,4})\s*[.)\]]"
             r"|\d{1,2}(?=\s)|[①-⑳⑴-⒇㉠-㉻ⅰ-ⅻ]\.?|[□■○●◦▪▫▶▷►•◎◇◆※❍*\-–—·ㅇ](?=\s))\s*")
# Regular expressions only where a query may need them (import and compiling cost 7 ms): the
# rest is read with str methods, which tests/test_search_words.py holds to the expressions.
APOSTROPHES = "'‘’`´"
_DIGITS = frozenset("0123456789")
_NOT_BEFORE_YEAR = frozenset("0123456789abcdefghijklmnopqrstuvwxyz.")   # 2024 in v2024 or 1.2024 is no year
_LATIN_AND_AMPERSAND = frozenset("abcdefghijklmnopqrstuvwxyz0123456789&")
# A word's first character and the next letter or digit (spacing skipped), neither Latin nor a
# digit; overlapping (소 요 예). Building the index only.
WORD_START_PAIR = r"(?<![^\W_])(?=([^\W_a-z0-9])[\W_]*([^\W_a-z0-9]))"


class Word(Record):
    text: str                  # as read: 제로페이의 → 제로페이
    forms: tuple[str, ...]     # normalised spellings, any of which matches: the word and its stem
    readings: tuple[str, ...]  # its letter readings (에스비에이 → sba, DMC → 디엠씨): tried when no spelling is found
    required: bool             # False: counts only where found (field words, numbers, one Latin letter)
    joins: bool = False        # it ends in 와/과, which may join it to the next word (A와 B)


class Reading(Record):
    """What `read_query` made of a query."""

    words: tuple[str, ...]      # the words that count
    ignored: tuple[str, ...]    # read past: numbering, connectives (및, 위한 …), question words, one syllable
    year: int | None            # 2024, '24, 24년 …
    optional: tuple[str, ...] = ()   # count only where found: field words (예산, 목표 …), numbers, one Latin letter
    parts: tuple[Word, ...] = ()     # every word with its spellings, in query order
    listing: bool = False            # the query lists things: 및, 등, 또는, 그리고 or a comma


def strip_numbering(text: str) -> tuple[str, list[str]]:
    """Text without the numbering a pasted heading starts with, and the numbering taken off."""
    taken = []
    while _may_be_numbered(text) and (match := _numbering().match(text)):
        if not match.group().strip():
            break
        taken.append(match.group().strip())
        text = text[match.end():]
    return text, taken


_NUMBERING_SYLLABLES = "가나다라마바사아자차카타파하"


def _may_be_numbered(text: str) -> bool:
    """False where NUMBERING cannot match, so that most queries need no regular expression;
    True is only a maybe."""
    text = text.lstrip()
    first = text[:1]
    if not first or first.isascii() and not (first.isdecimal() or first in "([ivx*-"):
        return False
    if first.isdecimal():   # one or two digits, then spacing or . ) ]: 1. and 2 but not 2024
        digits = len(text) - len(text.lstrip("0123456789"))
        return digits <= 2
    if first in _NUMBERING_SYLLABLES or first in "ivx":   # 가. (a syllable alone is a word)
        return text.lstrip("ivx" if first in "ivx" else first).lstrip()[:1] in (".", ")", "]")
    return not ("가" <= first <= "힣")   # a bracket, a circled number or a bullet


_COMPILED: dict[str, Any] = {}


def _numbering() -> Any:
    """NUMBERING, compiled on first use: most queries are read without it."""
    if NUMBERING not in _COMPILED:
        import re

        _COMPILED[NUMBERING] = re.compile(NUMBERING)
    return _COMPILED[NUMBERING]


def read_query(text: str) -> Reading:
    """The words of a query, what was read past, the year it names, and whether it lists things."""
    folded, ignored = strip_numbering(hangul.fold(text))
    year = None
    found = find_year(folded)
    if found:
        year, start, end = found
        folded = folded[:start] + " " + folded[end:]
    parts: list[Word] = []
    chunks = _chunks(hangul.join_ampersands(folded, "&") if "&" in folded else folded)
    for piece in (piece for chunk in chunks for piece in _pieces(chunk)):
        word = _word(piece)
        if word is None:
            ignored.append(piece)
        elif word.text not in {p.text for p in parts}:
            parts.append(word)
    listing = _lists_by_comma(folded) or any(chunk in LISTING for chunk in chunks)
    return Reading(tuple(p.text for p in parts if p.required), tuple(ignored), year,
                   tuple(p.text for p in parts if not p.required), tuple(parts), listing)


def find_year(text: str) -> tuple[int, int, int] | None:
    """The year a query names, with where it is written: 2024, 2024년(도), '24, ’ 24년, 24년(도).
    A four-digit year wins over the short forms wherever they stand."""
    for at in range(len(text) - 3):
        if text[at:at + 2] in ("19", "20") and _digits(text, at + 2, 2) and (at == 0 or text[at - 1] not in _NOT_BEFORE_YEAR):
            end = _year_end(text, at + 4, "")
            if end is not None:
                return int(text[at:at + 4]), at, end
    for at, char in enumerate(text):
        if char in APOSTROPHES:
            digits = at + 2 if text[at + 1:at + 2].isspace() else at + 1
            end = _year_end(text, digits + 2, "") if _digits(text, digits, 2) else None
            if end is not None:
                return 2000 + int(text[digits:digits + 2]), at, end
    for at in range(len(text) - 2):
        if (_digits(text, at, 2) and text[at + 2] == "년"
                and (at == 0 or text[at - 1] not in _DIGITS and text[at - 1] not in "." + APOSTROPHES)):
            end = _year_end(text, at + 2, "년")
            if end is not None:
                return 2000 + int(text[at:at + 2]), at, end
    return None


def _digits(text: str, at: int, count: int) -> bool:
    """Whether text holds count ASCII digits from at."""
    return len(text[at:at + count]) == count and all(char in _DIGITS for char in text[at:at + count])


def _year_end(text: str, at: int, required: str) -> int | None:
    """Where a year written up to at ends: after 년도, 년 or nothing (required: at least 년), the
    longest that no digit follows."""
    for suffix in ("년도", "년", ""):
        if suffix.startswith(required) and text.startswith(suffix, at) and text[at + len(suffix):][:1] not in _DIGITS:
            return at + len(suffix)
    return None


def _chunks(text: str) -> list[str]:
    """Runs of letters and digits, & between two of them kept inside (r&d)."""
    chunks, current = [], ""
    for at, char in enumerate(text):
        if char.isalnum() or char == "&" and current and text[at + 1:at + 2].isalnum():
            current += char
        elif current:
            chunks.append(current)
            current = ""
    return chunks + [current] if current else chunks


def _lists_by_comma(text: str) -> bool:
    """Whether a comma lists things (A, B); 1,000 does not."""
    at = text.find(",")
    while at != -1:
        if not text[at + 1:at + 2].isdecimal():
            return True
        at = text.find(",", at + 1)
    return False


def _pieces(chunk: str) -> list[str]:
    """A chunk split where Latin letters meet Hangul (서울로봇AI과학관 → 서울로봇, ai, 과학관), each
    part a word; a lone syllable stays with the part before it (2랩, 4차)."""
    pieces: list[str] = []
    for run in _script_runs(chunk):
        if pieces and len(run) == 1 and not run.isascii():
            pieces[-1] += run
        else:
            pieces.append(run)
    if len(pieces) > 1 and len(pieces[0]) == 1 and not pieces[0].isascii():
        pieces[:2] = [pieces[0] + pieces[1]]
    return pieces


def _script_runs(chunk: str) -> list[str]:
    """The runs of Latin letters, digits and & and the runs of anything else, in order."""
    return ["".join(run) for _, run in groupby(chunk, _LATIN_AND_AMPERSAND.__contains__)]


def _word(chunk: str) -> Word | None:
    """One piece of a query as a word with its spellings, or None for one that is read past: a
    connective, a question word, a particle standing alone, or one syllable, which the index
    cannot look up."""
    bare = chunk.replace("&", "")
    if not bare or chunk in READ_PAST or chunk in hangul.ENDINGS:
        return None
    root = hangul.stem(bare) or bare
    if root in READ_PAST:
        return None
    # Only spellings the index can look up: one Hangul syllable has no bigram (E read as 이).
    forms = [f for f in dict.fromkeys([bare, root]) if _form_terms(f)]
    if not forms:
        return None
    readings = [hangul.normalize(r) for r in hangul.latin_readings(root)]
    if chunk.isascii() and len(bare) <= MAX_READ_LETTERS:
        readings += hangul.hangul_readings(chunk)
    readings = [r for r in dict.fromkeys(readings) if r not in forms and _form_terms(r)]
    required = len(root) > 1 and root not in FIELD_WORDS and not root.isdigit()
    joins = root != bare and bare[len(root):] in ("와", "과")
    return Word(root, tuple(forms), tuple(readings), required, joins)


def _form_terms(form: str) -> list[tuple[str, bool]]:
    """The index terms a spelling must all have, each with whether a Latin word may be a prefix
    (fintech finds fintechs). Bigrams of its Hangul runs, and its Latin words."""
    terms = [(run[i:i + 2], False) for run in hangul.non_latin_runs(form) for i in range(len(run) - 1)]
    latin = hangul.latin_runs(form)
    terms += [(word, form.isascii() and len(word) >= 3) for word in latin]
    return terms


def _text_terms(text: str) -> set[str]:
    """The index terms of a text: bigrams of the Hangul runs of its normalised form (spacing
    gone, so 청년 일자리 and 청년일자리 share them), its Latin words and numbers, and the first
    bigram of each word marked with WORD_START (기업 begins 기업 R&D, not 중소기업)."""
    folded = hangul.fold(text)
    norm = hangul.letters_and_digits(folded)
    terms = {run[i:i + 2] for run in hangul.non_latin_runs(norm) for i in range(len(run) - 1)}
    terms.update(hangul.latin_words(folded))
    # The bigram at each word's start, read across spacing as everything else is (소 요 예 산).
    import re   # building the index only; re caches the compiled pattern

    terms.update(WORD_START + first + second for first, second in re.findall(WORD_START_PAIR, folded))
    return terms


def _hangul_pair(word: str) -> bool:
    """Whether a word starts with two characters that are not Latin letters or digits."""
    return len(word) >= 2 and not (word[0].isascii() or word[1].isascii())
