"""Korean text helpers for search: normalisation, jamo, 초성, the 2-set keyboard, the particles
that end a word, and Latin letters as Korean reads them (SBA = 에스비에이).

Everything here is pure standard library: Hangul syllables are arithmetic
(U+AC00 + (initial * 21 + medial) * 28 + final), so no dependency is needed.
"""

from __future__ import annotations

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
FULLWIDTH_FIRST = "\uff01"
# ㆍ (U+318D, the archaic vowel araea) is how a Korean keyboard types a middle dot (게임ㆍe스포츠 in
# the reports): punctuation, not a letter that glues 게임 to the next word.
ARAEA = "\u318d"
# Latin letters and digits stay, every other byte of an ASCII-encoded text becomes a space.
_LATIN_ONLY = bytes(c if chr(c) in "abcdefghijklmnopqrstuvwxyz0123456789" else 0x20 for c in range(256))
# These are written with str methods, not regular expressions: a warm command then need not
# import re (some 3 ms with what it imports). tests/test_hangul.py holds them to the regular
# expressions they replace.


def is_syllable(char: str) -> bool:
    return SYLLABLE_FIRST <= ord(char) <= SYLLABLE_LAST


def fold(text: str) -> str:
    """NFC, full-width folded and case-folded, ㆍ read as a middle dot, punctuation and spacing kept."""
    text = unicodedata.normalize("NFC", text)
    if text and max(text) >= FULLWIDTH_FIRST:   # translate() is slow; most text has none (Hangul is below)
        text = text.translate(_FULLWIDTH)
    if ARAEA in text:
        text = text.replace(ARAEA, "·")
    return text.casefold()


def normalize(text: str) -> str:
    """The comparison form: NFC, full-width folded, case-folded, only letters and digits kept.

    Spacing, punctuation, middle dots, quotes and brackets all disappear, so
    `서울형 R & D`, `「서울형R&D」` and `서울형r·d` compare equal.
    """
    return letters_and_digits(fold(text))


def letters_and_digits(folded: str) -> str:
    """normalize for text already folded: what str.isalnum() calls a letter or digit is kept."""
    return "".join(filter(str.isalnum, folded))


def latin_words(folded: str) -> list[str]:
    """The Latin words and numbers of folded text, & inside a word dropped: 서울형 R&D 2030 → [rd, 2030]."""
    return latin_runs(join_ampersands(folded) if "&" in folded else folded)


def latin_runs(text: str) -> list[str]:
    """The runs of ASCII lowercase letters and digits in text ([a-z0-9]+)."""
    return text.encode("ascii", "replace").translate(_LATIN_ONLY).decode("ascii").split()


def non_latin_runs(text: str) -> list[str]:
    """The runs between ASCII lowercase letters and digits ([^a-z0-9]+) of text that is letters and
    digits only (normalize's output), so no spacing can split a run."""
    return text.translate(_LATIN_TO_SPACE).split()


def alnum_runs(text: str) -> list[str]:
    """The words of text: its runs of what str.isalnum() calls letters and digits ([^\\W_]+).
    Split at spacing first (in C): most pieces are then whole words already."""
    runs: list[str] = []
    for piece in text.split():
        if piece.isalnum():
            runs.append(piece)
        else:
            runs += "".join(char if char.isalnum() else " " for char in piece).split()
    return runs


def join_ampersands(text: str, joiner: str = "") -> str:
    """Text with each & (and the spaces around it) that stands between Latin letters or digits
    replaced by joiner: R & D → rd, or with joiner "&", r&d."""
    out, at = "", 0
    while (found := text.find("&", at)) != -1:
        before = text[at:found].rstrip()
        after = found + 1
        while after < len(text) and text[after].isspace():
            after += 1
        previous, following = (out + before)[-1:], text[after:after + 1]
        if previous and following and previous in _LATIN and following in _LATIN:
            out, at = out + before + joiner, after
        else:
            out, at = out + text[at:found + 1], found + 1
    return out + text[at:]


_LATIN = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_LATIN_TO_SPACE = {ord(char): " " for char in _LATIN}


def decompose(text: str) -> str:
    """Split syllables into compatibility jamo: 취업 → ㅊㅟㅇㅓㅂ, so a typo costs one jamo.
    A query's few syllables by arithmetic; a whole index's keys through a table of all 11,172
    syllables, built once (5 ms), which translate() then reads five times faster than a loop."""
    if len(text) < LONG_TEXT:
        return "".join(_syllable_jamo(char) if is_syllable(char) else char for char in text)
    return text.translate(_table("jamo", _syllable_jamo))


LONG_TEXT = 200   # characters, from which a table pays for building


def _syllable_jamo(char: str) -> str:
    index = ord(char) - SYLLABLE_FIRST
    return INITIALS[index // (21 * 28)] + MEDIALS[index % (21 * 28) // 28] + FINALS[index % 28]


_TABLES: dict[str, dict[int, str]] = {}


def _table(name: str, of: object) -> dict[int, str]:
    """A translate() table of every syllable, built on first use."""
    if name not in _TABLES:
        _TABLES[name] = {code: of(chr(code)) for code in range(SYLLABLE_FIRST, SYLLABLE_LAST + 1)}  # type: ignore[operator]
    return _TABLES[name]


def initials(text: str) -> str:
    """초성: 청년취업 → ㅊㄴㅊㅇ. Characters that are not syllables are kept as they are."""
    if len(text) < LONG_TEXT:
        return "".join(_syllable_initial(char) if is_syllable(char) else char for char in text)
    return text.translate(_table("initials", _syllable_initial))


def _syllable_initial(char: str) -> str:
    return INITIALS[(ord(char) - SYLLABLE_FIRST) // (21 * 28)]


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


# Particles and endings that may follow a noun in a query (제로페이의, 플랫폼으로, 성공적), with the
# syllable they follow: "C" one with a final consonant (청년은), "V" one without (서울시는; 로 also after
# ㄹ: 서울로), "*" any. The rule keeps 제로페이 whole: 이 follows a final consonant, and 페 has none.
# 도 and 만 are left out: too many names end in them (여의도, 제주도).
ENDINGS = {
    "은": "C", "이": "C", "을": "C", "과": "C", "으로": "C", "이나": "C", "이며": "C", "이고": "C", "이란": "C",
    "이라는": "C", "으로서": "C", "으로써": "C", "과의": "C", "과는": "C",
    "는": "V", "가": "V", "를": "V", "와": "V", "로": "V", "로서": "V", "로써": "V", "와의": "V", "와는": "V",
    "라는": "V",
    "의": "*", "에": "*", "에서": "*", "에게": "*", "께서": "*", "까지": "*", "부터": "*",
    "들": "*", "에는": "*", "에도": "*", "에의": "*", "하는": "*", "하기": "*", "하여": "*", "해서": "*",
    "하고": "*", "되는": "*", "된": "*", "한": "*", "할": "*", "적": "*", "적인": "*", "적으로": "*",
    "인가": "*", "인지": "*", "일까": "*", "입니까": "*", "나요": "*",   # questions: 얼마인가
    # questions about what a programme does: 언제 개관하나, 확대되나요, 지원했는지
    "하나": "*", "하나요": "*", "하는지": "*", "했나": "*", "했나요": "*", "했는지": "*", "할까": "*", "합니까": "*",
    "되나": "*", "되나요": "*", "되는지": "*", "됐나": "*", "됐나요": "*", "됩니까": "*", "인가요": "*",
}
MIN_STEM = 2   # syllables a word keeps: 회의 is not 회 + 의


def stem(word: str) -> str | None:
    """The word without the particle or ending it closes with, or None: 플랫폼으로 → 플랫폼,
    적극적으로 → 적극, 제로페이 → None."""
    for size in (3, 2, 1):
        rest, ending = word[:-size], word[-size:]
        if len(rest) >= MIN_STEM and is_syllable(rest[-1]) and _may_follow(ENDINGS.get(ending), rest[-1], ending):
            return rest
    return None


def _may_follow(condition: str | None, syllable: str, ending: str) -> bool:
    final = (ord(syllable) - SYLLABLE_FIRST) % 28
    if condition == "*":
        return True
    if condition == "C":
        return final != 0
    if condition == "V":
        return final == 0 or (ending.startswith("로") and FINALS[final] == "ㄹ")
    return False


# Latin letters read aloud in Korean, the usual reading first. A general table, not a list of
# acronyms: it reads 에스비에이 as SBA and DMC as 디엠씨 alike.
LETTER_READINGS = {
    "a": ("에이",), "b": ("비",), "c": ("씨", "시"), "d": ("디",), "e": ("이",), "f": ("에프",),
    "g": ("지", "쥐"), "h": ("에이치", "에치"), "i": ("아이",), "j": ("제이",), "k": ("케이",), "l": ("엘",),
    "m": ("엠",), "n": ("엔",), "o": ("오",), "p": ("피",), "q": ("큐",), "r": ("알",), "s": ("에스",),
    "t": ("티",), "u": ("유",), "v": ("브이", "비"), "w": ("더블유",), "x": ("엑스",), "y": ("와이",),
    "z": ("지", "제트", "젯"), "&": ("앤", "앤드", "엔"), "+": ("플러스",),
}
MAX_READINGS = 4   # ambiguous letters (씨/시, 비 = B or V) multiply; a few readings are enough


_BY_READING: dict[str, tuple[str, ...]] = {}


def _letters_by_reading() -> dict[str, tuple[str, ...]]:
    """Each Korean reading and the letters it may stand for, usual letters first (비: b, then v)."""
    if _BY_READING:
        return _BY_READING
    table: dict[str, list[str]] = {}
    for rank in range(3):
        for letter, readings in LETTER_READINGS.items():
            if rank < len(readings):
                table.setdefault(readings[rank], []).append(letter)
    _BY_READING.update({reading: tuple(letters) for reading, letters in table.items()})
    return _BY_READING


def latin_readings(word: str) -> list[str]:
    """The Latin letters a Hangul word spells when read letter by letter: 에스비에이 → [sba, sva],
    알앤디 → [r&d, …], 브이 → [v], 엠플러스 → [m+]; or that its first syllables spell before a
    Hangul rest: 지밸리 → [g밸리]. Empty unless the word has two or more syllables."""
    if len(word) < 2 or not all(map(is_syllable, word)):
        return []
    whole = _spell(word)
    if whole:
        return whole
    return [letters + word[size:] for size in (1, 2) if len(word) - size >= 2 for letters in _spell(word[:size])]


def _spell(syllables: str) -> list[str]:
    """Every way syllables are letter names, usual letters first; empty when they are not."""
    table = _letters_by_reading()
    if not syllables:
        return [""]
    out: list[str] = []
    for size in range(min(3, len(syllables)), 0, -1):   # 에이치 is the longest reading
        for letter in table.get(syllables[:size], ()):
            out += [letter + rest for rest in _spell(syllables[size:])]
    return out[:MAX_READINGS]


def hangul_readings(word: str) -> list[str]:
    """A Latin acronym read aloud: DMC → [디엠씨, 디엠시], R&D → [알앤디, …], V → [브이, 비]. Empty
    unless every character is a letter (or &) and there are at most eight."""
    letters = word.casefold()
    if not 1 <= len(letters) <= 8 or not all(char in LETTER_READINGS for char in letters):
        return []
    readings = [""]
    for char in letters:
        readings = [done + reading for done in readings for reading in LETTER_READINGS[char]][:MAX_READINGS]
    return readings


def near(typed: str, printed: str, slips: int) -> bool:
    """Whether two Hangul strings of the same length differ in at most `slips` syllables, each by
    one jamo (an OCR slip or a typo: 대웅제약 and 대웅재약, 미스매칭 and 미스메칭)."""
    if len(typed) != len(printed):
        return False
    differing = 0
    for a, b in zip(typed, printed, strict=True):
        if a != b:
            differing += 1
            if differing > slips or not (is_syllable(a) and is_syllable(b)) or not _one_jamo_apart(a, b):
                return False
    return True


def _one_jamo_apart(a: str, b: str) -> bool:
    x, y = ord(a) - SYLLABLE_FIRST, ord(b) - SYLLABLE_FIRST
    parts = ((x // 588, y // 588), (x % 588 // 28, y % 588 // 28), (x % 28, y % 28))   # initial, medial, final
    return sum(1 for p, q in parts if p != q) == 1
