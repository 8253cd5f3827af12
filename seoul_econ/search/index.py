"""The search index as loaded: the ladder over names, and the words' inverted index, read in place."""

from __future__ import annotations

import zlib
from itertools import chain, islice

from .. import hangul
from ..frozen import cached
from .columns import STRING_COLUMNS, Column, _view
from .hit import Hit
from .scores import (CONFIDENT, EXACT, FIELDS, FIELD_ORDER, FUZZY_FLOOR, FUZZY_TOP, INITIALS_EXACT, INITIALS_PART,
                     KEYBOARD_PENALTY, MIN_FUZZY_RATIO, MIN_SCORE, NAME_FIELDS, PART, PREFIX, READING_PENALTY,
                     SUBSTRING, WORD_TOP)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .reading import Reading

EMPTY = memoryview(b"").cast("I")   # a term no field holds


class SearchIndex:
    """A catalogue's programmes as search columns.

    The ladder's keys: one row per name, id, alias and English name (key_*), with its programme
    and field. The words' index: every text of every programme, in a zlib block per programme
    (unit_blocks, program_blocks), with the field of each (unit_field, program_units: where each
    programme's fields start), and an inverted index from each term to the programmes holding it
    in each field (terms sorted; term_postings, for each term and field, where its programmes
    start in postings, ascending). Then each programme's parent and depth below its parents, and
    the years it has facts in (years, program_years, year_count).
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

    @cached
    def position_of(self) -> dict[str, int]:
        """Each programme id's position: the same in the catalogue, the index and its cached records."""
        return {program_id: position for position, program_id in enumerate(self.ids.items)}

    def search(self, query: str, limit: int | None = None) -> list[Hit]:
        """Programmes matching query, best first; an empty list when nothing fits.

        With a limit, a pass is skipped when `limit` programmes already score above anything it
        can give, and words are ranked exactly only as far as needed: the first `limit` hits are
        the same as without it.
        """
        read = self._read(query)
        if read is None:
            return []
        reading, variants, best = read
        passage = None
        if not _enough_above(best, WORD_TOP, limit):   # a name found, with a limit, needs no words pass
            from .words import _Words

            passage = _Words(self, reading)
        words = passage.ranked() if passage else iter(())
        # A typo reading unless the words as typed are all in one programme (not when one of them
        # is in none, nor when the best word hit lacks one).
        first = next(words, None) if passage and passage.all_found else None
        if (first is None or first[1].weak) and not _enough_above(best, FUZZY_TOP, limit):
            for variant, penalty, fuzzy in variants:
                if fuzzy and not hangul.has_initials(variant):
                    self._offer_all(best, self._fuzzy_scores(variant), penalty)
        hits = self._ladder_hits(best, reading)
        below = (hit for program, hit in chain([first] if first else [], words) if program not in best)
        hits += islice(below, None if limit is None else max(0, limit - len(hits)))
        return hits[:limit] if limit else hits

    def literal_hits(self, query: str) -> list[Hit]:
        """The ladder's literal matches alone (exact, prefix, substring, 초성; no words, no typo
        reading), best first: search() gives the same hits above FUZZY_TOP, in the same order,
        and every other hit it gives scores at most FUZZY_TOP."""
        read = self._read(query)
        return [] if read is None else self._ladder_hits(read[2], read[0])

    def _read(self, query: str) -> tuple[Reading, list[tuple[str, float, bool]], dict[int, tuple[float, str, str]]] | None:
        """The query read, its spellings, and each programme's best literal ladder match."""
        from .reading import read_query, strip_numbering   # here: show by id and loading the index need neither

        text, _ = strip_numbering(query)
        norm = hangul.normalize(text)
        if not norm:
            return None
        reading = read_query(text)
        variants = self._variants(text, norm, reading)
        best: dict[int, tuple[float, str, str]] = {}   # programme → (score, field, text)
        for variant, penalty, _ in variants:
            self._offer_all(best, self._literal_name_scores(variant), penalty)
        return reading, variants, best

    def _ladder_hits(self, best: dict[int, tuple[float, str, str]], reading: Reading) -> list[Hit]:
        hits = [self._ladder_hit(i, score, field, matched, reading) for i, (score, field, matched) in best.items()]
        # Equal scores: a match on the programme's own name before one on an alias.
        hits.sort(key=lambda hit: (-hit.score, FIELD_ORDER.index(hit.matched), hit.name, hit.id))
        return hits

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
        from .similar import Needle

        query = hangul.decompose(norm)
        if len(query) < 3:
            return []
        needle = Needle(query, self.key_jamo.items)
        found = [(row, ratio, 1.0) for row, ratio in needle.ratios(MIN_FUZZY_RATIO)]
        if len(query) >= 6:   # a short query matches part of almost anything
            # Only keys longer than the query: a short name "inside" a longer query (서울R&D in
            # 서울 마라톤…) is no match.
            found += [(row, ratio, 0.92) for row, ratio in needle.partial_ratios(MIN_FUZZY_RATIO)]
        results = []
        for row, ratio, weight in found:
            scaled = FUZZY_FLOOR + (FUZZY_TOP - FUZZY_FLOOR) * (ratio - MIN_FUZZY_RATIO) / (100 - MIN_FUZZY_RATIO)
            results.append((row, scaled * weight))
        return results

    # --- the words' index, read -----------------------------------------------------------------

    def postings_of(self, term: str, prefix: bool = False) -> list[Any]:
        """For each field (FIELDS' order), the programmes holding a term there, ascending
        (memoryviews); with prefix, of every Latin word starting with it (sets)."""
        key = term.encode()
        row = self.terms.first_at_least(key)
        if not prefix:
            found = row < len(self.terms) and self.terms.raw(row) == key
            return self._postings(row) if found else [EMPTY] * len(FIELDS)
        by_field: list[Any] = [set() for _ in FIELDS]
        while row < len(self.terms) and self.terms.raw(row).startswith(key):
            for programmes, more in zip(by_field, self._postings(row), strict=True):
                programmes.update(more)
            row += 1
        return by_field

    def _postings(self, row: int) -> list[memoryview]:
        first = row * len(FIELDS)
        starts = self.term_postings[first:first + len(FIELDS) + 1]
        return [self.postings[start:end] for start, end in zip(starts, starts[1:], strict=False)]

    def texts_of(self, program: int) -> tuple[list[str], list[str], list[str]]:
        """The fields of a programme's texts, the texts, and each one's words (folded, its runs
        of letters and digits joined by single spaces), as the index was built with them."""
        block = self.unit_blocks[self.program_blocks[program]:self.program_blocks[program + 1]]
        parts = zlib.decompress(block).decode().split(PART)
        first = self.program_units[program]
        count = self.program_units[program + 1] - first
        return [FIELDS[self.unit_field[first + i]] for i in range(count)], parts[:count], parts[count:2 * count]


def _enough_above(best: dict[int, tuple[float, str, str]], floor: float, limit: int | None) -> bool:
    """Whether `limit` programmes already score above floor (never, without a limit)."""
    return limit is not None and sum(1 for score, _, _ in best.values() if score > floor) >= limit


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
