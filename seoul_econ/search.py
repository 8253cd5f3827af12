"""Korean-aware ranked search over programmes.

Two passes, one order of scores:

1. The ladder: the whole query against names, aliases, English names and ids. Exact name >
   exact alias/English name/id > 초성 > prefix > substring > fuzzy (jamo typos, keyboard slips).
   Scores 55–100.
2. Words: for a query that is several words or a pasted heading ("제로페이의 성공적 안착"), each
   word is looked up in every text of every programme through an inverted index of Hangul
   character bigrams and Latin words. A programme scores by how much of the query it holds,
   each word weighted by how telling it is (BM25's idf: a rare place name outweighs 지원) and
   by where it stands (a name tells more than a quote). Every word found: 42–54; some: 30–42,
   and the hit says it is weak. Below the ladder, always.

The index is flat columns (UTF-8 blobs and arrays of 32-bit integers kept as bytes), computed
once per catalogue and cached with marshal beside it: a search loads a handful of objects, not
one per row. docs/architecture.md ("Search") says why and what it costs.
"""

from __future__ import annotations

import heapq
import math
import re
import zlib
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict, deque
from collections.abc import Iterator
from functools import cache, cached_property
from itertools import accumulate, chain, islice, repeat
from typing import Any, NamedTuple

from . import hangul

# The ladder. Fuzzy scores are scaled into the band between FUZZY_FLOOR and FUZZY_TOP.
EXACT = {"name": 100.0, "alias": 97.0, "name_en": 96.0, "id": 96.0}
INITIALS_EXACT = 94.0
PREFIX = {"name": 92.0, "alias": 90.0, "name_en": 89.0, "id": 89.0}
INITIALS_PART = 86.0
SUBSTRING = {"name": 86.0, "alias": 84.0, "name_en": 83.0, "id": 83.0}
FUZZY_TOP, FUZZY_FLOOR = 82.0, 55.0
MIN_SCORE = 55.0
CONFIDENT = 70.0         # a ladder hit below this is a far typo reading: weak
KEYBOARD_PENALTY = 2.0   # a query read through the keyboard layout ranks just below the same query typed right
READING_PENALTY = 2.0    # so does a query read letter by letter (에스비에이 → SBA)
MIN_FUZZY_RATIO = 72.0   # below this the jamo similarity is noise

# Words. Every word found: WORD_ALL up to WORD_TOP; some words: WORD_FLOOR up to WORD_ALL.
WORD_TOP, WORD_ALL, WORD_FLOOR = 54.0, 42.0, 30.0
MIN_COVERAGE = 0.5       # a short query with a word found nowhere: a hit holds half of it (idf-weighted)
SHORT_QUERY = 3          # … short: this many words that count, or fewer
GENERIC_SHARE = 0.2      # a word in more of the programmes than this cannot make a hit alone (지원, 서울, 운영)
READING_CREDIT = 0.95    # a word found only as its letter reading (SBA for 에스비에이)
NEAR_CREDIT, NEAR_LENGTH = 0.8, 3   # a word of three syllables or more found with a one-jamo slip (대웅재약)
PARTIAL_CREDIT, PARTIAL_MIN = 0.6, 0.6   # … or most of its bigrams in one text
PARTIAL_TERMS = 3        # … for words of four syllables or more (three bigrams)
INSIDE_WORD = 0.75       # a word found inside a longer one weighs this much (기업 in 중소기업)
OPTIONAL_BONUS = 0.02    # per optional word found (예산, 목표 …)

# Every text of a programme is a unit with a field. Its weight says how much a word found there
# tells about the programme; postings keep a coarser class of it in three bits.
FIELDS = ("name", "alias", "name_en", "id", "heading", "section", "part", "parent", "tag", "division",
          "summary", "detail", "quote")
NAME_FIELDS = FIELDS[:4]
WEIGHT = dict(zip(FIELDS, (1.0, 0.95, 0.95, 0.9, 0.85, 0.75, 0.6, 0.95, 0.6, 0.5, 0.6, 0.45, 0.35), strict=True))
LISTED_PARENT_WEIGHT = 0.5   # a parent's name for its part when the query lists things (see _Words._weights)
CLASS = dict(zip(FIELDS, (0, 0, 0, 0, 1, 2, 3, 3, 4, 4, 5, 6, 7), strict=True))
HIGHEST = {**WEIGHT, "part": 1.0}   # a part's name weighs up to 1 for the parent of a family (_Words._weights)
CLASS_WEIGHT = tuple(max(HIGHEST[f] for f in FIELDS if CLASS[f] == c) for c in range(8))
CLASS_BITS = 3
FIELD_INDEX = {field: i for i, field in enumerate(FIELDS)}
# `matched` names one kind of heading: of a section it leads (or its label in a report: a mention), or one it is listed in
SHOWN_AS = {"section": "heading"}
FIELD_ORDER = FIELDS   # equal ladder scores: a match on the programme's own name before an alias …

# Words of a query that are no subject: connectives and question words are read past; field words
# (what is asked about a programme, not which one) count only where they are found.
LISTING = frozenset("및 등 또는 그리고".split())
READ_PAST = LISTING | frozenset("위한 위해 위하여 통한 통해 대한 관한 따른 관련 중 얼마 언제 어디 무엇 누구 어떻게 왜 몇 "
                                "어느 무슨".split())
FIELD_WORDS = frozenset("예산 예산액 사업비 목표 실적 성과 일정 현황 계획 추진 결과 예정 규모 금액".split())
MAX_READ_LETTERS = 4     # Latin words read aloud as letters: acronyms (DMC, R&D), not words (seoul)

PART, SEP = "\x00", "\x01"   # separators that normalised text never holds
WORD_START = "\x02"          # marks a term as the first bigram of a word
NO_PARENT = 0xFFFFFFFF
FORMAT = 7                   # bump when the columns change

# Numbering in front of a pasted heading: 1. ① 가. (1) Ⅱ. □ ○ - … (compiled when first needed: 2 ms)
NUMBERING = (r"\s*(?:[(\[]?\s*(?:\d{1,2}|[가나다라마바사아자차카타파하]|[ivx]{1,4})\s*[.)\]]"
             r"|\d{1,2}(?=\s)|[①-⑳⑴-⒇㉠-㉻ⅰ-ⅻ]\.?|[□■○●◦▪▫▶▷►•◎◇◆※❍*\-–—·ㅇ](?=\s))\s*")
_YEARS = ((re.compile(r"(?<![0-9a-z.])((?:19|20)[0-9]{2})(?:년도?)?(?![0-9])"), 0),
          (re.compile(r"['‘’`´]\s?([0-9]{2})(?:년도?)?(?![0-9])"), 2000),
          (re.compile(r"(?<![0-9.'‘’`´])([0-9]{2})년도?(?![0-9])"), 2000))
_CHUNK = re.compile(r"[^\W_]+(?:&[^\W_]+)*")
_LATIN_AMPERSAND = re.compile(r"(?<=[a-z0-9])\s*&\s*(?=[a-z0-9])")
_HANGUL_RUN = re.compile("[^a-z0-9]{2,}")   # in normalised text: runs between Latin letters and digits
_SCRIPT_RUN = re.compile("[a-z0-9&]+|[^a-z0-9&]+")
_WORD = re.compile(r"[^\W_]+")
# A word's first character and the next letter or digit (spacing skipped), neither Latin nor a digit.
_WORD_START_PAIR = re.compile(r"(?<![^\W_])(?=([^\W_a-z0-9])[\W_]*([^\W_a-z0-9]))")   # overlapping: 소 요 예
_LATIN_RUN = re.compile("[a-z0-9]+")
_LISTING_COMMA = re.compile(r",(?!\d)")   # A, B lists; 1,000 does not


class Hit(NamedTuple):
    id: str
    name: str
    score: float
    matched: str        # the field that matched: name, alias, name_en, id, heading, part, parent, tag, division, summary, detail, quote
    matched_text: str   # the text of that field
    matched_words: tuple[str, ...] = ()   # the query's words this programme holds (all, for a match on a name)
    missing_words: tuple[str, ...] = ()   # the query's words that count and that it does not hold
    query_year: int | None = None         # the year read from the query ('24년, 2024 …), which ranks first the programmes with facts in it
    year_matched: bool | None = None      # whether this programme has facts in that year (None: no year read)
    weak: bool = False                    # a partial answer: words missing, the year missing, or a far typo reading


class Word(NamedTuple):
    text: str                  # as read: 제로페이의 → 제로페이
    forms: tuple[str, ...]     # normalised spellings, any of which matches: the word and its stem
    readings: tuple[str, ...]  # its letter readings (에스비에이 → sba, DMC → 디엠씨): tried when no spelling is found
    required: bool             # False: counts only where found (field words, numbers, one Latin letter)
    joins: bool = False        # it ends in 와/과, which may join it to the next word (A와 B)


class Reading(NamedTuple):
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
    numbering = _numbering()
    while match := numbering.match(text):
        if not match.group().strip():
            break
        taken.append(match.group().strip())
        text = text[match.end():]
    return text, taken


@cache
def _numbering() -> re.Pattern[str]:
    return re.compile(NUMBERING)


def read_query(text: str) -> Reading:
    """The words of a query, what was read past, the year it names, and whether it lists things."""
    folded, ignored = strip_numbering(hangul.fold(text))
    year = None
    for pattern, century in _YEARS:
        match = pattern.search(folded)
        if match:
            year = century + int(match.group(1))
            folded = folded[:match.start()] + " " + folded[match.end():]
            break
    parts: list[Word] = []
    chunks = _CHUNK.findall(_LATIN_AMPERSAND.sub("&", folded))
    for piece in (piece for chunk in chunks for piece in _pieces(chunk)):
        word = _word(piece)
        if word is None:
            ignored.append(piece)
        elif word.text not in {p.text for p in parts}:
            parts.append(word)
    listing = bool(_LISTING_COMMA.search(folded)) or any(chunk in LISTING for chunk in chunks)
    return Reading(tuple(p.text for p in parts if p.required), tuple(ignored), year,
                   tuple(p.text for p in parts if not p.required), tuple(parts), listing)


def _pieces(chunk: str) -> list[str]:
    """A chunk split where Latin letters meet Hangul (서울로봇AI과학관 → 서울로봇, ai, 과학관), each
    part a word; a lone syllable stays with the part before it (2랩, 4차)."""
    pieces: list[str] = []
    for run in _SCRIPT_RUN.findall(chunk):
        if pieces and len(run) == 1 and not run.isascii():
            pieces[-1] += run
        else:
            pieces.append(run)
    if len(pieces) > 1 and len(pieces[0]) == 1 and not pieces[0].isascii():
        pieces[:2] = [pieces[0] + pieces[1]]
    return pieces


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
    terms = [(run[i:i + 2], False) for run in _HANGUL_RUN.findall(form) for i in range(len(run) - 1)]
    latin = _LATIN_RUN.findall(form)
    terms += [(word, form.isascii() and len(word) >= 3) for word in latin]
    return terms


def _text_terms(text: str) -> set[str]:
    """The index terms of a text: bigrams of the Hangul runs of its normalised form (spacing
    gone, so 청년 일자리 and 청년일자리 share them), its Latin words and numbers, and the first
    bigram of each word marked with WORD_START (기업 begins 기업 R&D, not 중소기업)."""
    folded = hangul.fold(text)
    norm = hangul.letters_and_digits(folded)
    terms = {run[i:i + 2] for run in _HANGUL_RUN.findall(norm) for i in range(len(run) - 1)}
    terms.update(hangul.latin_words(folded))
    # The bigram at each word's start, read across spacing as everything else is (소 요 예 산).
    terms.update(WORD_START + first + second for first, second in _WORD_START_PAIR.findall(folded))
    return terms


def _hangul_pair(word: str) -> bool:
    """Whether a word starts with two characters that are not Latin letters or digits."""
    return len(word) >= 2 and not (word[0].isascii() or word[1].isascii())


def _ints(values: Any) -> bytes:
    return array("I", values).tobytes()


def _view(blob: bytes) -> memoryview:
    """32-bit integers kept as bytes, read in place (what mmap-ing the file would give)."""
    return memoryview(blob).cast("I")


class Column:
    """A column of strings kept as one UTF-8 blob joined by SEP, with the byte offset of each row.

    Loading it from the cache copies memory instead of building thousands of strings or
    decoding text; a query finds its rows with bytes.find (UTF-8 cannot match in the middle of
    a character), or by binary search when the rows are sorted, and decodes only those.
    """

    def __init__(self, joined: bytes, starts: bytes):
        self.joined, self.starts = joined, _view(starts)

    @classmethod
    def of(cls, items: list[str]) -> Column:
        encoded = [item.encode() for item in items]
        starts, position = [], 0
        for piece in encoded:
            starts.append(position)
            position += len(piece) + 1
        return cls(SEP.encode().join(encoded), _ints(starts))

    def dump(self) -> tuple[bytes, bytes]:
        return self.joined, self.starts.tobytes()

    @cached_property
    def items(self) -> list[str]:
        """Every row as a string (for rapidfuzz, which needs a list)."""
        return self.joined.decode().split(SEP) if len(self.starts) else []

    def _end(self, row: int) -> int:
        return self.starts[row + 1] - 1 if row + 1 < len(self.starts) else len(self.joined)

    def raw(self, row: int) -> bytes:
        return self.joined[self.starts[row]:self._end(row)]

    def __getitem__(self, row: int) -> str:
        return self.raw(row).decode()

    def __len__(self) -> int:
        return len(self.starts)

    def rows_containing(self, needle: str) -> list[int]:
        """Rows whose string contains needle, in order, each once."""
        wanted = needle.encode()
        rows: list[int] = []
        position = self.joined.find(wanted)
        while position != -1:
            row = bisect_right(self.starts, position) - 1
            rows.append(row)
            position = self.joined.find(wanted, self._end(row) + 1)
        return rows

    def first_at_least(self, key: bytes) -> int:
        """In a column sorted by UTF-8 bytes: the first row not below key."""
        low, high = 0, len(self.starts)
        while low < high:
            middle = (low + high) // 2
            if self.raw(middle) < key:
                low = middle + 1
            else:
                high = middle
        return low


STRING_COLUMNS = ("ids", "names", "key_text", "key_norm", "key_jamo", "key_initials", "terms")
BLOB_COLUMNS = ("key_program", "key_field", "unit_field", "program_units", "depth", "parent", "years", "program_years")


class SearchIndex:
    """A catalogue's programmes as search columns.

    The ladder's keys: one row per name, id, alias and English name (key_*), with its programme
    and field. The words' index: every text of every programme, in a zlib block per programme
    (unit_blocks, program_blocks), with the field of each (unit_field, program_units: where each
    programme's fields start), and an inverted index from each term to the programmes and field
    classes holding it (terms sorted, term_postings, postings: entries programme << 3 | class,
    ascending). Then each programme's parent and depth below its parents, and the years it has
    facts in (years, program_years, year_count).
    """

    def __init__(self, columns: dict[str, Any]):
        self.columns = columns
        for name in STRING_COLUMNS:
            setattr(self, name, Column(*columns[name]))
        self.key_program = _view(columns["key_program"])
        self.key_field: bytes = columns["key_field"]          # one byte per key: index into FIELDS
        self.unit_field: bytes = columns["unit_field"]        # one byte per unit: index into FIELDS
        self.depth: bytes = columns["depth"]                  # one byte per programme
        for name in ("program_units", "term_postings", "postings", "parent", "years", "program_years", "program_blocks"):
            setattr(self, name, _view(columns[name]))
        self.unit_blocks: bytes = columns["unit_blocks"]   # each programme's texts, joined by PART, zlib-compressed
        self.year_count: dict[int, int] = columns["year_count"]   # programmes with facts in each year

    @cached_property
    def position_of(self) -> dict[str, int]:
        """Each programme id's position: the same in the catalogue, the index and its cached records."""
        return {program_id: position for position, program_id in enumerate(self.ids.items)}

    @classmethod
    def from_catalog(cls, catalog: Any) -> SearchIndex:
        """The index of a catalogue's programmes, with the report headings each was curated from."""
        return cls.from_programs(catalog.programs, _headings(catalog))

    @classmethod
    def from_programs(cls, programs: Any, headings: dict[str, tuple[list[str], list[str]]] | None = None) -> SearchIndex:
        """The index of programmes; headings: for each id, the headings of the sections it leads
        and of those it is listed in after another programme."""
        programs = list(programs)
        return cls(_Builder(programs, headings or {}).columns())

    def search(self, query: str, limit: int | None = None) -> list[Hit]:
        """Programmes matching query, best first; an empty list when nothing fits.

        With a limit, a pass is skipped when `limit` programmes already score above anything it
        can give, and words are ranked exactly only as far as needed: the first `limit` hits are
        the same as without it.
        """
        text, _ = strip_numbering(query)
        norm = hangul.normalize(text)
        if not norm:
            return []
        reading = read_query(text)
        variants = self._variants(text, norm, reading)
        best: dict[int, tuple[float, str, str]] = {}   # programme → (score, field, text)
        for variant, penalty, _ in variants:
            self._offer_all(best, self._literal_name_scores(variant), penalty)
        passage = _Words(self, reading) if not _enough_above(best, WORD_TOP, limit) else None
        words = passage.ranked() if passage else iter(())
        # A typo reading unless the words as typed are all in one programme (not when one of them
        # is in none, nor when the best word hit lacks one).
        first = next(words, None) if passage and passage.all_found else None
        if (first is None or first[1].weak) and not _enough_above(best, FUZZY_TOP, limit):
            for variant, penalty, fuzzy in variants:
                if fuzzy and not hangul.has_initials(variant):
                    self._offer_all(best, self._fuzzy_scores(variant), penalty)
        hits = [self._ladder_hit(i, score, field, matched, reading) for i, (score, field, matched) in best.items()]
        # Equal scores: a match on the programme's own name before one on an alias.
        hits.sort(key=lambda hit: (-hit.score, FIELD_ORDER.index(hit.matched), hit.name, hit.id))
        below = (hit for program, hit in chain([first] if first else [], words) if program not in best)
        hits += islice(below, None if limit is None else max(0, limit - len(hits)))
        return hits[:limit] if limit else hits

    def _offer_all(self, best: dict[int, tuple[float, str, str]], scored: list[tuple[int, float]],
                   penalty: float) -> None:
        for row, score in scored:
            self._offer(best, self.key_program[row], score - penalty, NAME_FIELDS[self.key_field[row]],
                        self.key_text[row])

    def _variants(self, text: str, norm: str, reading: Reading) -> list[tuple[str, float, bool]]:
        """The query's spellings for the ladder: (normalised text, penalty, whether typos are tried)."""
        variants = [(norm, 0.0, True)]
        typed = hangul.from_keyboard(text.strip())
        if typed:
            variants.append((hangul.normalize(typed), KEYBOARD_PENALTY, True))
        if any(word.readings for word in reading.parts):
            spelled = "".join((word.readings or word.forms)[0] for word in reading.parts)
            if spelled != norm:
                variants.append((spelled, READING_PENALTY, False))
        return variants

    def _ladder_hit(self, program: int, score: float, field: str, text: str, reading: Reading) -> Hit:
        year_matched = None if reading.year is None else reading.year in self.years_of(program)
        return Hit(self.ids[program], self.names[program], round(score, 1), field, text,
                   reading.words + reading.optional, (), reading.year, year_matched, score < CONFIDENT)

    def is_within(self, program: int, ancestor: int) -> bool:
        """Whether a programme is a part of ancestor, or a part of one of its parts."""
        for _ in range(self.depth[program]):
            program = self.parent[program]
            if program == ancestor:
                return True
        return False

    def years_of(self, program: int) -> memoryview:
        return self.years[self.program_years[program]:self.program_years[program + 1]]

    @staticmethod
    def _offer(best: dict[int, tuple[float, str, str]], program: int, score: float, field: str, text: str) -> None:
        if score >= MIN_SCORE and score > best.get(program, (0.0, "", ""))[0]:
            best[program] = (score, field, text)

    def _literal_name_scores(self, norm: str) -> list[tuple[int, float]]:
        """Exact, prefix, substring and 초성 matches on names, aliases, English names and ids."""
        scored: list[tuple[int, float]] = []
        keys = self.key_norm
        for row in keys.rows_containing(norm):   # only rows that contain the query can score literally
            score = _literal_score(norm, keys[row], NAME_FIELDS[self.key_field[row]])
            if score:
                scored.append((row, score))
        if hangul.is_initials_query(norm):
            scored += [(row, _initials_score(norm, self.key_initials[row])) for row in self.key_initials.rows_containing(norm)
                       if len(norm) >= 2 or norm == self.key_initials[row]]
        elif hangul.has_initials(norm):
            # A key's 초성 containing the query's 초성 is necessary, and found fast.
            scored += [(row, INITIALS_PART + _coverage_bonus(norm, keys[row]))
                       for row in self.key_initials.rows_containing(hangul.initials(norm))
                       if hangul.matches_mixed(norm, keys[row])]
        return scored

    def _fuzzy_scores(self, norm: str) -> list[tuple[int, float]]:
        """Jamo-level similarity, so 취엽 is one jamo from 취업 rather than a wrong syllable."""
        from rapidfuzz import fuzz, process

        query = hangul.decompose(norm)
        if len(query) < 3:
            return []
        results = []
        for scorer, weight in ((fuzz.ratio, 1.0), (fuzz.partial_ratio, 0.92)):
            if scorer is fuzz.partial_ratio and len(query) < 6:
                continue  # a short query matches part of almost anything
            for _, ratio, row in process.extract(query, self.key_jamo.items, scorer=scorer,
                                                 score_cutoff=MIN_FUZZY_RATIO, limit=None):
                if scorer is fuzz.partial_ratio and len(self.key_jamo[row]) <= len(query):
                    continue  # a short name "inside" a longer query (서울R&D in 서울 마라톤…) is no match
                scaled = FUZZY_FLOOR + (FUZZY_TOP - FUZZY_FLOOR) * (ratio - MIN_FUZZY_RATIO) / (100 - MIN_FUZZY_RATIO)
                results.append((row, scaled * weight))
        return results

    # --- the words' index, read -----------------------------------------------------------------

    def postings_of(self, term: str, prefix: bool = False) -> memoryview | set[int]:
        """The (programme << 3 | class) entries of a term, ascending; with prefix, of every Latin
        word starting with it (a set)."""
        key = term.encode()
        row = self.terms.first_at_least(key)
        if not prefix:
            found = row < len(self.terms) and self.terms.raw(row) == key
            return self._postings(row) if found else memoryview(b"").cast("I")
        entries: set[int] = set()
        while row < len(self.terms) and self.terms.raw(row).startswith(key):
            entries.update(self._postings(row))
            row += 1
        return entries

    def _postings(self, row: int) -> memoryview:
        return self.postings[self.term_postings[row]:self.term_postings[row + 1]]

    def units_of(self, program: int) -> list[tuple[str, str]]:
        """(field, text) of every text of a programme."""
        block = self.unit_blocks[self.program_blocks[program]:self.program_blocks[program + 1]]
        texts = zlib.decompress(block).decode().split(PART)
        first = self.program_units[program]
        return [(FIELDS[self.unit_field[first + i]], text) for i, text in enumerate(texts)]


class _Texts:
    """One programme's texts as a check reads them: normalised and joined, so a spelling is found
    with one str.find over all of them, and each text's Latin words."""

    def __init__(self, units: list[tuple[str, str]]):
        self.fields = [field for field, _ in units]
        self.texts = [text for _, text in units]
        self.folded = [hangul.fold(text) for text in self.texts]
        self.norms = [hangul.letters_and_digits(folded) for folded in self.folded]
        self.joined = PART.join(self.norms)
        self.starts = list(accumulate((len(norm) + 1 for norm in self.norms[:-1]), initial=0))
        self.latin_of: dict[int, list[str]] = {}   # each text's Latin words, read when first needed

    def _latin(self, word: str, prefix: bool) -> set[int]:
        """The texts with a Latin word equal to word (or, with prefix, starting with it)."""
        found = set()
        for i, norm in enumerate(self.norms):
            if word in norm:   # necessary, and cheap: read the words of these texts only
                words = self.latin_of.get(i)
                if words is None:
                    words = self.latin_of[i] = hangul.latin_words(self.folded[i])
                if any(w == word or (prefix and w.startswith(word)) for w in words):
                    found.add(i)
        return found

    def _word_starts(self, text: int) -> set[int]:
        """Where in `joined` the words of one text start (청년 in 청년 일자리, not 기업 in 중소기업)."""
        words = _WORD.findall(self.folded[text])
        return set(accumulate((len(word) for word in words[:-1]), initial=self.starts[text]))

    def at_word_start(self, form: str) -> set[int]:
        """The texts where a spelling begins a word."""
        found: dict[int, set[int]] = {}
        for at in _finds(self.joined, form):
            found.setdefault(bisect_right(self.starts, at) - 1, set()).add(at)
        return {text for text, places in found.items() if places & self._word_starts(text)}

    def holding(self, form: str) -> set[int]:
        """The texts that hold a spelling, as the index reads both: a Latin word as one of their
        words (or the start of one, from three letters: CES is not in services); anything else as
        a substring of the normalised text whose Latin words are its words too (19개 is not in
        2019 개최)."""
        if form.isascii():
            return self._latin(form, len(form) >= 3)
        return self._where(form).intersection(*(self._latin(word, False) for word in _LATIN_RUN.findall(form)))

    def _where(self, needle: str) -> set[int]:
        found, at = set(), self.joined.find(needle)
        while at != -1:
            found.add(bisect_right(self.starts, at) - 1)
            at = self.joined.find(needle, at + 1)
        return found

    def partly_holding(self, form: str) -> dict[int, float]:
        """The texts holding a word found nowhere whole, with their credit: NEAR_CREDIT where a
        stretch reads as the word but for one-jamo slips (two from six syllables), else
        PARTIAL_CREDIT times the share of its bigrams, from PARTIAL_MIN of them."""
        bigrams = [form[i:i + 2] for i in range(len(form) - 1)]
        slips = _slips(form)
        credits: dict[int, float] = {}
        for i, norm in enumerate(self.norms):
            # A slip leaves a bigram of the word in place: look only where one stands.
            starts = {at - offset for offset, bigram in enumerate(bigrams) for at in _finds(norm, bigram)}
            if len(form) >= NEAR_LENGTH and any(hangul.near(form, norm[at:at + len(form)], slips) for at in starts if at >= 0):
                credits[i] = NEAR_CREDIT
                continue
            held = sum(1 for bigram in set(bigrams) if bigram in norm)
            if len(bigrams) >= PARTIAL_TERMS and held >= PARTIAL_MIN * len(set(bigrams)):
                credits[i] = PARTIAL_CREDIT * held / len(set(bigrams))
        return credits


def _slips(word: str) -> int:
    """How many syllables of a word may be slipped: one, two from six syllables."""
    return 1 if len(word) < 6 else 2


def _finds(text: str, needle: str) -> Iterator[int]:
    at = text.find(needle)
    while at != -1:
        yield at
        at = text.find(needle, at + 1)


class _Look(NamedTuple):
    """What the index says of one word of a query."""

    entries: dict[int, float]            # (programme << 3 | class) → the highest credit a text there may give
    spellings: tuple[tuple[str, float], ...]   # what a check looks for, with its credit
    by_bigrams: str | None               # the word, when it is found nowhere whole and is looked for in part
    whole_holders: int = 0               # entries holding its first spelling (before a particle came off)
    stem_holders: int = 0                # entries holding its stem
    inside: set[int] = set()             # entries where it can only stand inside a longer word


class _Words:
    """The words pass of one query: candidates from the inverted index, scored by an upper bound,
    then checked against their texts in order of that bound (a threshold algorithm), so hits come
    out best first after checking only as many programmes as are asked for.

    Candidates come from the telling words only (MaxScore): words that cannot make a hit alone
    (the commonest) are looked up for the candidates instead of gathering their long lists."""

    def __init__(self, index: SearchIndex, reading: Reading):
        self.index, self.reading = index, reading
        self.count = len(index.ids)
        parts = list(reading.parts)
        if parts and not any(word.required for word in parts):   # only field words: they are the subject
            parts = [word._replace(required=True) for word in parts]
        self.parts = parts
        self.looks = [self._look(word) for word in parts]
        # How many programmes hold each word; none for a word found nowhere whole, whatever holds it in part.
        self.holding = [0 if look.by_bigrams else len({entry >> CLASS_BITS for entry in look.entries})
                        for look in self.looks]
        self.idf = [self._idf(holding) for holding in self.holding]
        year = reading.year
        self.year_idf = self._idf(index.year_count[year]) if year is not None and index.year_count.get(year) else None
        required = [i for i, word in enumerate(parts) if word.required]
        self.total = sum(self.idf[i] for i in required) + (self.year_idf or 0.0)
        # A short query whose word is in no programme asks for what the catalogue does not hold
        # (반려동물 등록): half of it must be found. A longer one (a heading, a sentence) says more
        # than the catalogue's wording: any programme holding a telling word of it answers.
        unknown = any(self.looks[i].by_bigrams is not None or not self.looks[i].entries for i in required)
        self.floor = MIN_COVERAGE if unknown and len(required) <= SHORT_QUERY else 0.0
        # 와/과 joins two names (클러스터와 서울바이오펀드) when the word without it is clearly the word.
        self.listing = reading.listing or any(
            word.joins and look.stem_holders >= 2 * look.whole_holders and look.stem_holders
            for word, look in zip(parts, self.looks, strict=True))

    @property
    def all_found(self) -> bool:
        """Whether every word that counts is found whole somewhere (else no hit can hold them all)."""
        return all(look.entries and look.by_bigrams is None
                   for word, look in zip(self.parts, self.looks, strict=True) if word.required)

    def _idf(self, holding: int) -> float:
        return math.log(1 + (self.count - holding + 0.5) / (holding + 0.5))

    def ranked(self) -> Iterator[tuple[int, Hit]]:
        """(programme, hit) for word hits, best first: by score, then depth below parents, then
        position in the catalogue; exactly that order.

        Each candidate waits in one heap under a first bound (from the telling words only), then
        under a closer one (every word's postings), then under its checked score; whatever comes
        out on top checked is ahead of everything still waiting, whose scores can only fall."""
        if not self.total:
            return
        waiting = [(-bound, self.index.depth[p], p, 0, None) for p, bound in self._first_bounds().items()]
        heapq.heapify(waiting)
        while waiting:
            bound, depth, program, stage, hit = heapq.heappop(waiting)
            if stage == 0:
                closer = self._bound(program)
                if closer is not None:
                    heapq.heappush(waiting, (-closer, depth, program, 1, None))
            elif stage == 1:
                hit = self._check(program)
                if hit is not None:
                    heapq.heappush(waiting, (-hit.score, depth, program, 2, hit))
            else:
                yield program, hit

    # --- candidates and their upper bounds, from the postings ---------------------------------------

    def _look(self, word: Word) -> _Look:
        """Where a word may be: a spelling is held where all its terms are. Letter readings are
        tried when no spelling is found; a word found nowhere whole (an OCR slip, a typo) is looked
        for by its bigrams, held in part wherever one of them is."""
        held = [self._holding(form) for form in word.forms]
        spellings = tuple((form, 1.0) for form in word.forms)
        if not any(held) and word.readings:
            held = [self._holding(form) for form in word.readings]
            spellings = tuple((form, READING_CREDIT) for form in word.readings)
        entries = dict.fromkeys(set().union(*held), spellings[0][1])
        # Where no spelling may begin a word, it weighs as inside one (INSIDE_WORD).
        inside = set(entries).difference(*(self._beginning(form, found)
                                           for (form, _), found in zip(spellings, held, strict=True)))
        form = word.forms[0]
        if entries or form.isascii() or len(form) < NEAR_LENGTH:
            whole = len(held[0]) if spellings[0][1] == 1.0 else 0
            stem = len(held[-1]) if len(word.forms) > 1 and spellings[0][1] == 1.0 else 0
            return _Look(entries, spellings, None, whole, stem, inside)
        bigrams = [term for term, _ in _form_terms(form)]
        counts: Counter[int] = Counter()
        for bigram in bigrams:
            counts.update(self.index.postings_of(bigram))
        # Each slipped syllable breaks at most two bigrams: the rest stand in the text (or, for a
        # word held in part, PARTIAL_MIN of them).
        intact = max(1, min(len(bigrams) - 2 * _slips(form), math.ceil(PARTIAL_MIN * len(set(bigrams)))))
        return _Look({entry: NEAR_CREDIT for entry, n in counts.items() if n >= intact}, spellings, form)

    def _holding(self, form: str) -> set[int]:
        return _intersection([self.index.postings_of(term, prefix) for term, prefix in _form_terms(form)])

    def _beginning(self, form: str, held: set[int]) -> set[int]:
        """The entries of held where the spelling may begin a word (all, unless it starts with Hangul)."""
        if not _hangul_pair(form):
            return held
        return _intersection([held, self.index.postings_of(WORD_START + form[:2])])

    def _first_bounds(self) -> dict[int, float]:
        """The candidates, with a bound from the telling words' postings alone (the others as if
        held in a name): the programmes holding a telling word, or, for a year alone, the year."""
        required = sorted((i for i, word in enumerate(self.parts) if word.required), key=lambda i: self.idf[i])
        cut = self._commonest(required)
        telling = [(self.idf[i], _by_programme(self.looks[i])) for i in required[cut:]]
        if not telling:
            return {p: WORD_TOP for p in range(self.count) if self.reading.year in self.index.years_of(p)}
        assumed = sum(self.idf[i] for i in required[:cut]) + (self.year_idf or 0.0)
        optional = sum(1 for word in self.parts if not word.required)
        most = OPTIONAL_BONUS * optional
        bounds = {}
        for program in set().union(*(held for _, held in telling)):
            held = quality = assumed
            complete = True
            for idf, found in telling:
                credit, weight = found.get(program, NOTHING)
                held += idf * credit
                quality += idf * weight
                complete = complete and credit >= READING_CREDIT
            if held >= self.floor * self.total:
                bounds[program] = self._scaled(held / self.total, (quality / self.total + most) / (1.0 + most), complete)
        return bounds

    def _bound(self, program: int) -> float | None:
        """A closer bound, from every word's postings."""
        marks = [(word.required, idf, *_best_class(look, program))
                 for word, idf, look in zip(self.parts, self.idf, self.looks, strict=True)]
        return self._score(marks, self.year_idf)

    def _commonest(self, required: list[int]) -> int:
        """How many of the required words (commonest first) cannot make a hit alone: together
        with the year they hold less than the floor (then the year may make the candidates), or,
        without a floor, they are generic (in more than GENERIC_SHARE of the programmes; one
        word at least makes the candidates)."""
        spare, cut = self.year_idf or 0.0, 0
        while cut < len(required) - 1 or (cut < len(required) and self.year_idf and self.floor):
            i = required[cut]
            if self.floor and spare + self.idf[i] >= self.floor * self.total:
                break
            if not self.floor and self.holding[i] <= GENERIC_SHARE * self.count:
                break
            spare += self.idf[i]
            cut += 1
        return cut

    def _score(self, marks: list[tuple[bool, float, float, float]], year_idf: float | None) -> float | None:
        """The score of a programme from, for each word, (required, idf, credit, weighted credit),
        and the year's idf if it holds the year; None when it holds nothing, or less than the floor."""
        held = quality = year_idf or 0.0
        bonus, complete = 0.0, self.year_idf is None or year_idf is not None
        for required, idf, credit, weight in marks:
            if required:
                held += idf * credit
                quality += idf * weight
                complete = complete and credit >= READING_CREDIT
            elif credit:
                bonus += OPTIONAL_BONUS
        coverage = held / self.total
        if not held or coverage < self.floor:
            return None
        most = OPTIONAL_BONUS * sum(1 for required, *_ in marks if not required)
        return self._scaled(coverage, (quality / self.total + bonus) / (1.0 + most), complete)

    @staticmethod
    def _scaled(coverage: float, quality: float, complete: bool) -> float:
        """The score in its band: every word found, WORD_ALL up to WORD_TOP by quality; some, below."""
        if complete:
            return round(WORD_ALL + (WORD_TOP - WORD_ALL) * quality, 1)
        return round(min(WORD_ALL - 0.1, WORD_FLOOR + (WORD_ALL - WORD_FLOOR) * (coverage + quality) / 2), 1)

    # --- checking a candidate against its texts ---------------------------------------------------

    def _check(self, program: int) -> Hit | None:
        texts = _Texts(self.index.units_of(program))
        found = [self._credits(look, texts) for look in self.looks]
        credits = [held for held, _ in found]
        weights, caps = self._weights(texts, credits, [starting for _, starting in found])
        marks, words, missing = [], [], []
        best_gain, best_text = -1.0, 0
        for word, idf, (held, starting), cap in zip(self.parts, self.idf, found, caps, strict=True):
            # A Hangul word counts less inside a longer one (기업 in 중소기업).
            weight, credit, text = max(((min(cap, c * weights[t] * (1.0 if t in starting else INSIDE_WORD)), c, t)
                                        for t, c in held.items()), default=(0.0, 0.0, 0))
            marks.append((word.required, idf, credit, weight))
            if credit >= READING_CREDIT:
                words.append(word.text)
            elif word.required:
                missing.append(word.text)
            if credit and word.required and idf * weight > best_gain:
                best_gain, best_text = idf * weight, text
        year = self.reading.year
        in_year = None if year is None else year in self.index.years_of(program)
        score = self._score(marks, self.year_idf if in_year else None)
        if score is None:
            return None
        field = texts.fields[best_text]
        return Hit(self.index.ids[program], self.index.names[program], score, SHOWN_AS.get(field, field),
                   texts.texts[best_text], tuple(words), tuple(missing), year, in_year, score < WORD_ALL)

    @staticmethod
    def _credits(look: _Look, texts: _Texts) -> tuple[dict[int, float], set[int]]:
        """The texts holding a word, each with its credit, and those where it begins a word."""
        if look.by_bigrams is not None:   # found in part: no word boundary to weigh
            held = texts.partly_holding(look.by_bigrams)
            return held, set(held)
        credits: dict[int, float] = {}
        starting: set[int] = set()
        for form, credit in look.spellings:
            holding = texts.holding(form)
            for text in holding:
                credits[text] = max(credit, credits.get(text, 0.0))
            starting |= texts.at_word_start(form) & holding if _hangul_pair(form) else holding
        return credits, starting

    def _weights(self, texts: _Texts, credits: list[dict[int, float]],
                 starting: list[set[int]]) -> tuple[list[float], list[float]]:
        """Each text's weight for this query, and the most each word may weigh.

        A part's name holds its parent's (마포 핀테크 2랩 is 서울핀테크랩's), unless the query lists
        things (A와 B names both, not B of A). Words its parts' names hold better than its own
        names and headings do (beginning a word there): when the query names the family (it
        lists things, names two parts by telling words, or uses words all parts share: 캠퍼스, IP)
        the parent holds them fully; otherwise they are one part's own words, which point to that part, and weigh
        at most what its own names give or a part's weight."""
        weights = [WEIGHT[field] for field in texts.fields]
        own = [t for t, field in enumerate(texts.fields) if field in NAME_FIELDS or field == "heading"]
        parts = {t for t, field in enumerate(texts.fields) if field == "part"}
        relied: dict[int, set[int]] = {}   # word → the parts' names holding it
        owned: dict[int, float] = {}       # word → the most its own names and headings give it
        for i, (word, held, begins) in enumerate(zip(self.parts, credits, starting, strict=True)):
            owned[i] = max((held[t] * weights[t] for t in own if t in begins), default=0.0)
            in_parts = parts & held.keys()
            if word.required and in_parts and owned[i] < max(held[t] for t in in_parts):
                relied[i] = in_parts
        # Only telling words say which parts are named: 조성 in one part's name names nothing.
        telling = [held for i, held in relied.items() if self.holding[i] <= GENERIC_SHARE * self.count]
        family = self.listing or bool(telling) and (not set.intersection(*telling)
                                                      or all(len(held) > 1 for held in telling))
        for t, field in enumerate(texts.fields):
            if field == "parent":
                weights[t] = LISTED_PARENT_WEIGHT if self.listing else WEIGHT["parent"]
            elif field == "part" and family:
                weights[t] = 1.0
        caps = [1.0 if family or i not in relied else max(owned[i], WEIGHT["part"]) for i in range(len(self.parts))]
        return weights, caps


NOTHING = (0.0, 0.0)


def _best_class(look: _Look, program: int) -> tuple[float, float]:
    """(best credit, best weighted credit) a programme's entries allow for a word."""
    credit = weight = 0.0
    base = program << CLASS_BITS
    for kind in range(len(CLASS_WEIGHT)):
        found = look.entries.get(base | kind)
        if found:
            credit, weight = max(credit, found), max(weight, _weighted(look, base | kind, found))
    return credit, weight


def _by_programme(look: _Look) -> dict[int, tuple[float, float]]:
    """A word's entries by programme: the best credit anywhere, and the best weighted credit."""
    held: dict[int, tuple[float, float]] = {}
    for entry, credit in look.entries.items():
        program, weight = entry >> CLASS_BITS, _weighted(look, entry, credit)
        old = held.get(program)
        held[program] = (credit, weight) if old is None else (max(credit, old[0]), max(weight, old[1]))
    return held


def _weighted(look: _Look, entry: int, credit: float) -> float:
    return CLASS_WEIGHT[entry & 7] * credit * (INSIDE_WORD if entry in look.inside else 1.0)


def _intersection(lists: list[Any]) -> set[int]:
    """The entries in every one of lists (ascending memoryviews or sets), smallest first."""
    if not lists:
        return set()
    lists = sorted(lists, key=len)
    result = set(lists[0])
    for other in lists[1:]:
        if not result:
            break
        if isinstance(other, memoryview) and len(result) * 16 < len(other):   # few left: look each up
            result = {entry for entry in result if _contains(other, entry)}
        else:
            result.intersection_update(other)
    return result


def _contains(ascending: memoryview, entry: int) -> bool:
    at = bisect_left(ascending, entry)
    return at < len(ascending) and ascending[at] == entry


class _Builder:
    """Builds the columns of an index from programme records."""

    def __init__(self, programs: list[Any], headings: dict[str, tuple[list[str], list[str]]]):
        self.programs, self.headings = programs, headings
        self.by_id = {p.id: p for p in programs}
        self.position = {p.id: i for i, p in enumerate(programs)}
        self.children: dict[str, list[Any]] = {}
        for program in programs:
            if program.part_of:
                self.children.setdefault(program.part_of, []).append(program)
        # Texts repeat across programmes (a quote cited twice, a division): each is read once.
        self.norm_of: dict[str, str] = {}
        self.terms_of: dict[str, set[str]] = {}

    def columns(self) -> dict[str, Any]:
        lists: dict[str, list[Any]] = {name: [] for name in (*STRING_COLUMNS, *BLOB_COLUMNS)}
        blocks: list[bytes] = []
        postings: defaultdict[str, list[int]] = defaultdict(list)
        year_count: dict[int, int] = {}
        for position, program in enumerate(self.programs):
            lists["ids"].append(program.id)
            lists["names"].append(program.name)
            for field, text in _name_fields(program):
                norm = self._norm(text)
                if norm:
                    lists["key_program"].append(position)
                    lists["key_field"].append(FIELD_INDEX[field])
                    lists["key_text"].append(_clean(text))
                    lists["key_norm"].append(norm)
                    lists["key_jamo"].append(hangul.decompose(norm))
                    lists["key_initials"].append(hangul.initials(norm))
            units = self.units(program)
            lists["program_units"].append(len(lists["unit_field"]))
            lists["unit_field"].extend(FIELD_INDEX[field] for field, _ in units)
            blocks.append(zlib.compress(PART.join(_clean(text) for _, text in units).encode(), 1))   # fast, and 2.2× smaller
            for entry, terms in self._terms_by_class(position, units).items():
                # One C-level loop per class, not one bytecode loop per posting (6 million at 100×).
                deque(map(list.append, map(postings.__getitem__, terms), repeat(entry)), maxlen=0)
            lists["depth"].append(min(len(self._ancestors(program)), 255))
            lists["parent"].append(self.position.get(program.part_of, NO_PARENT))
            lists["program_years"].append(len(lists["years"]))
            lists["years"].extend(program.years)
            for year in program.years:
                year_count[year] = year_count.get(year, 0) + 1
        lists["program_units"].append(len(lists["unit_field"]))
        lists["program_years"].append(len(lists["years"]))
        columns: dict[str, Any] = {name: Column.of(lists[name]).dump() for name in STRING_COLUMNS if name != "terms"}
        columns.update(_inverted(postings))
        columns["unit_blocks"] = b"".join(blocks)
        columns["program_blocks"] = _ints(accumulate(map(len, blocks), initial=0))
        for name in ("key_field", "unit_field", "depth"):
            columns[name] = bytes(lists[name])
        for name in ("key_program", "program_units", "parent", "years", "program_years"):
            columns[name] = _ints(lists[name])
        columns.update(year_count=year_count, format=FORMAT)
        return columns

    def _terms_by_class(self, position: int, units: list[tuple[str, str]]) -> dict[int, set[str]]:
        """Each posting entry of a programme (position << 3 | class) with the terms it has."""
        by_class: dict[int, set[str]] = {}
        for field, text in units:
            terms = self.terms_of.get(text)
            if terms is None:
                terms = self.terms_of[text] = _text_terms(text)
            by_class.setdefault(position << CLASS_BITS | CLASS[field], set()).update(terms)
        return by_class

    def _norm(self, text: str) -> str:
        norm = self.norm_of.get(text)
        if norm is None:
            norm = self.norm_of[text] = hangul.normalize(text)
        return norm

    def _ancestors(self, program: Any) -> list[Any]:
        """Its parent, the parent's parent …, nearest first."""
        found, seen = [], {program.id}
        while program.part_of in self.by_id and program.part_of not in seen:
            program = self.by_id[program.part_of]
            seen.add(program.id)
            found.append(program)
        return found

    def _descendants(self, program: Any) -> list[tuple[str, ...]]:
        """Its parts, their parts …, breadth first, each as the names from its part down to it."""
        found: list[tuple[str, ...]] = []
        seen, queue = {program.id}, [(program, ())]
        while queue:
            above, path = queue.pop(0)
            for child in self.children.get(above.id, ()):
                if child.id not in seen:
                    seen.add(child.id)
                    found.append((*path, child.name))
                    queue.append((child, (*path, child.name)))
        return found

    def units(self, program: Any) -> list[tuple[str, str]]:
        """Every text of a programme with its field, names first, each normalised text once."""
        first, later = self.headings.get(program.id, ([], []))
        units = _name_fields(program)
        # A heading without its numbering, which is not the programme's: 1 인재양성 holds no "1".
        units += [("heading", strip_numbering(h)[0]) for h in first] + [("heading", m.quote) for m in program.mentions]
        units += [("section", strip_numbering(h)[0]) for h in later]
        units += [("parent", name) for above in self._ancestors(program) for name in (above.name, *(a.name for a in above.aliases))]
        # A part below a part by the names down to it (서울핀테크랩 마포 핀테크 2랩): one part holds them.
        units += [("part", " ".join(path)) for path in self._descendants(program)]
        units += [("tag", tag) for tag in program.tags] + [("division", name) for name in program.division_names]
        units.append(("summary", program.summary))
        for milestone in program.milestones:
            units += [("detail", milestone.event)] + ([("detail", milestone.note)] if milestone.note else [])
        for target in program.targets:
            units += [("detail", target.text)] + ([("detail", target.note)] if target.note else [])
        units += [("detail", budget.note) for budget in program.budgets if budget.note]
        for facts in (program.budgets, program.targets, program.milestones, program.divisions,
                      program.divisions_not_stated):
            units += [("quote", fact.source.quote) for fact in facts]
        seen: set[str] = set()
        kept = []
        for field, text in units:
            norm = self._norm(text)
            if norm and norm not in seen:
                seen.add(norm)
                kept.append((field, text))
        return kept


def program_texts(catalog: Any) -> list[list[tuple[str, str]]]:
    """Every text of each programme with its field (one of FIELDS), as search reads them, in
    catalogue order: for other tools that search (the SQLite export's full-text tables)."""
    builder = _Builder(list(catalog.programs), _headings(catalog))
    return [builder.units(program) for program in catalog.programs]


def _inverted(postings: dict[str, list[int]]) -> dict[str, Any]:
    """The terms sorted (by UTF-8 bytes, as Column.first_at_least compares), where each one's
    entries start, and the entries, ascending within each term."""
    terms = sorted(postings, key=str.encode)
    flat, starts = array("I"), array("I")
    for term in terms:
        starts.append(len(flat))
        flat.extend(sorted(postings[term]))
    starts.append(len(flat))
    return {"terms": Column.of(terms).dump(), "term_postings": starts.tobytes(), "postings": flat.tobytes()}


def _headings(catalog: Any) -> dict[str, tuple[list[str], list[str]]]:
    """For each programme id, the report headings (table of contents, the body's other headings,
    the rows of programme tables) of the sections it leads, and of those it is listed in after
    another, with the titles of its tables. A section of one family is the family's: its heading
    leads their nearest common ancestor, listed or not; without one, its only programme or none."""
    headings: dict[str, tuple[list[str], list[str]]] = {}
    parent_of = {p.id: p.part_of for p in catalog.programs}
    for report in catalog.reports:
        named = [(e.heading, e.programs) for e in (*report.toc, *report.sections)]
        named += [(row.row, row.programs) for table in report.tables for row in table.rows]
        for heading, programs in named:
            leader = _common_ancestor(programs, parent_of)
            for program_id in dict.fromkeys((leader, *programs) if leader else programs):
                headings.setdefault(program_id, ([], []))[program_id != leader].append(heading)
        for table in report.tables:
            if table.program:
                headings.setdefault(table.program, ([], []))[1].append(table.title)
    return headings


def _common_ancestor(ids: tuple[str, ...], parent_of: dict[str, str | None]) -> str | None:
    """The nearest programme that is each of ids or above it, if any (an id alone is its own)."""
    def line(program_id: str) -> list[str]:
        found: list[str] = []
        while program_id and program_id not in found:
            found.append(program_id)
            program_id = parent_of.get(program_id) or ""
        return found

    if not ids:
        return None
    shared = set.intersection(*(set(line(program_id)) for program_id in ids))
    return next((program_id for program_id in line(ids[0]) if program_id in shared), None)


def _enough_above(best: dict[int, tuple[float, str, str]], floor: float, limit: int | None) -> bool:
    """Whether `limit` programmes already score above floor (never, without a limit)."""
    return limit is not None and sum(1 for score, _, _ in best.values() if score > floor) >= limit


def _clean(text: str) -> str:
    """Text as stored in a Column: the separators cannot occur inside it."""
    return text.replace(PART, " ").replace(SEP, " ")


def _literal_score(norm: str, key: str, field: str) -> float:
    if norm == key:
        return EXACT[field]
    if len(norm) < 2:
        return 0.0
    if key.startswith(norm):
        return PREFIX[field] + _coverage_bonus(norm, key)
    return SUBSTRING[field] + _coverage_bonus(norm, key)


def _initials_score(norm: str, initials: str) -> float:
    if norm == initials:
        return INITIALS_EXACT
    return INITIALS_PART + _coverage_bonus(norm, initials)


def _coverage_bonus(part: str, whole: str) -> float:
    """Up to 2 points for covering more of the field: 사관학교 fits 청년취업사관학교 better than a long title."""
    return round(2.0 * len(part) / len(whole), 2)


def _name_fields(program: Any) -> list[tuple[str, str]]:
    fields = [("name", program.name), ("id", program.id)]
    fields += [("alias", alias.name) for alias in program.aliases]
    if program.name_en:
        fields.append(("name_en", program.name_en))
    return fields
