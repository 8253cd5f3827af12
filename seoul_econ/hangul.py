"""Korean text helpers for search: normalisation, jamo, 초성, and the 2-set keyboard.

Everything here is pure standard library: Hangul syllables are arithmetic
(U+AC00 + (initial * 21 + medial) * 28 + final), so no dependency is needed.
"""

from __future__ import annotations

import functools
import re
import unicodedata

SYLLABLE_FIRST, SYLLABLE_LAST = 0xAC00, 0xD7A3
# Hangul Compatibility Jamo, the characters a keyboard types alone.
INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
MEDIALS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
FINALS = ("", "ㄱ", "ㄲ", "ㄳ", "ㄴ", "ㄵ", "ㄶ", "ㄷ", "ㄹ", "ㄺ", "ㄻ", "ㄼ", "ㄽ", "ㄾ", "ㄿ", "ㅀ",
          "ㅁ", "ㅂ", "ㅄ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ")
INITIAL_SET = frozenset(INITIALS)
# Whole-string jamo similarity below this is noise, not a near miss ("did you mean"). (WRatio
# scored any name containing 사업 at 66 for '없는사업'; ratio gives it 57 and 컴퍼수타워 → 캠퍼스타운 70.)
SUGGEST_CUTOFF = 60.0

# 2-set (두벌식) layout: what each Latin key types when the keyboard is in Korean mode.
KEYBOARD = dict(zip("qwertyuiopasdfghjklzxcvbnmQWERTOP",
                    "ㅂㅈㄷㄱㅅㅛㅕㅑㅐㅔㅁㄴㅇㄹㅎㅗㅓㅏㅣㅋㅌㅊㅍㅠㅜㅡㅃㅉㄸㄲㅆㅒㅖ", strict=True))
COMPOUND_MEDIALS = {"ㅗㅏ": "ㅘ", "ㅗㅐ": "ㅙ", "ㅗㅣ": "ㅚ", "ㅜㅓ": "ㅝ", "ㅜㅔ": "ㅞ", "ㅜㅣ": "ㅟ", "ㅡㅣ": "ㅢ"}
COMPOUND_FINALS = {"ㄱㅅ": "ㄳ", "ㄴㅈ": "ㄵ", "ㄴㅎ": "ㄶ", "ㄹㄱ": "ㄺ", "ㄹㅁ": "ㄻ", "ㄹㅂ": "ㄼ", "ㄹㅅ": "ㄽ",
                   "ㄹㅌ": "ㄾ", "ㄹㅍ": "ㄿ", "ㄹㅎ": "ㅀ", "ㅂㅅ": "ㅄ"}
FINAL_INDEX = {final: i for i, final in enumerate(FINALS) if final}

# Full-width ASCII (ＳｅＳＡＣ) to ASCII. NFKC would do this too, but NFKC also turns the
# compatibility jamo of a 초성 query (ㅈㄹㅍㅇ) into conjoining jamo, so it is done by hand.
_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_HAS_FULLWIDTH = re.compile("[\uff01-\uff5e]")   # translate() is slow; most text has none
# In Python's re, \w is exactly str.isalnum() plus "_": so this drops what is not alphanumeric.
_NOT_ALNUM = re.compile(r"[\W_]+")


def is_syllable(char: str) -> bool:
    return SYLLABLE_FIRST <= ord(char) <= SYLLABLE_LAST


def normalize(text: str) -> str:
    """The comparison form: NFC, full-width folded, case-folded, only letters and digits kept.

    Spacing, punctuation, middle dots, quotes and brackets all disappear, so
    `서울형 R & D`, `「서울형R&D」` and `서울형r·d` compare equal.
    """
    text = unicodedata.normalize("NFC", text)
    if _HAS_FULLWIDTH.search(text):
        text = text.translate(_FULLWIDTH)
    return _NOT_ALNUM.sub("", text.casefold())


def decompose(text: str) -> str:
    """Split syllables into compatibility jamo: 취업 → ㅊㅟㅇㅓㅂ, so a typo costs one jamo."""
    return text.translate(_jamo_table())


@functools.cache
def _jamo_table() -> dict[int, str]:
    """Every syllable's jamo (built once, ~5 ms: translate() is five times faster than a loop)."""
    return {SYLLABLE_FIRST + index: INITIALS[index // (21 * 28)] + MEDIALS[index % (21 * 28) // 28] + FINALS[index % 28]
            for index in range(SYLLABLE_LAST - SYLLABLE_FIRST + 1)}


def initials(text: str) -> str:
    """초성: 청년취업 → ㅊㄴㅊㅇ. Characters that are not syllables are kept as they are."""
    return "".join(INITIALS[(ord(c) - SYLLABLE_FIRST) // (21 * 28)] if is_syllable(c) else c for c in text)


def is_initials_query(text: str) -> bool:
    """True for a query made only of initial consonants (ㅈㄹㅍㅇ)."""
    return bool(text) and all(char in INITIAL_SET for char in text)


def has_initials(text: str) -> bool:
    return any(char in INITIAL_SET for char in text)


def matches_mixed(query: str, target: str) -> bool:
    """Whether a mixed query such as 청년ㅊㅇ matches somewhere in target.

    A syllable in the query must equal the target's syllable; a lone consonant
    matches any syllable that starts with it.
    """
    size = len(query)
    for start in range(len(target) - size + 1):
        window = target[start:start + size]
        if all(q == t or (q in INITIAL_SET and is_syllable(t) and initials(t) == q)
               for q, t in zip(query, window, strict=True)):
            return True
    return False


def _syllable(initial: str, medial: str, final: str = "") -> str:
    code = SYLLABLE_FIRST + (INITIALS.index(initial) * 21 + MEDIALS.index(medial)) * 28
    return chr(code + FINAL_INDEX.get(final, 0))


def compose(jamo: str) -> str:
    """Assemble typed jamo into syllables the way a 2-set IME does: ㅈㅔㄹㅗ → 제로."""
    out, i, n = [], 0, len(jamo)
    while i < n:
        char = jamo[i]
        if char in INITIAL_SET and i + 1 < n and jamo[i + 1] in MEDIALS:
            medial, i = jamo[i + 1], i + 2
            if i < n and medial + jamo[i] in COMPOUND_MEDIALS:
                medial, i = COMPOUND_MEDIALS[medial + jamo[i]], i + 1
            final, i = _take_final(jamo, i)
            out.append(_syllable(char, medial, final))
        else:
            out.append(char)
            i += 1
    return "".join(out)


def _take_final(jamo: str, i: int) -> tuple[str, int]:
    """The final consonant at i, unless it begins the next syllable (a medial follows it)."""
    def starts_syllable(at: int) -> bool:
        return at + 1 < len(jamo) and jamo[at + 1] in MEDIALS

    if i >= len(jamo) or jamo[i] not in FINAL_INDEX or starts_syllable(i):
        return "", i
    final = jamo[i]
    if i + 1 < len(jamo) and final + jamo[i + 1] in COMPOUND_FINALS and not starts_syllable(i + 1):
        return COMPOUND_FINALS[final + jamo[i + 1]], i + 2
    return final, i + 1


def from_keyboard(text: str) -> str | None:
    """Hangul for Latin text typed with the keyboard in the wrong mode (wpfhvpdl → 제로페이).

    Returns None unless every key maps and the result is whole syllables, which
    keeps real English words (zero pay) from being read as Korean.
    """
    letters = [char for char in text if not char.isspace()]
    if not letters or not all(char in KEYBOARD or char.lower() in KEYBOARD for char in letters):
        return None
    typed = "".join(KEYBOARD.get(char) or KEYBOARD[char.lower()] for char in letters)
    hangul = compose(typed)
    return hangul if all(is_syllable(char) for char in hangul) else None
