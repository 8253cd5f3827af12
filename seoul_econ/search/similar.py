"""Jamo similarity as rapidfuzz scores it (fuzz.ratio and fuzz.partial_ratio, with a cutoff),
for a typed query against a catalogue's few hundred name keys, without importing rapidfuzz:
its import is 8–11 ms, most of a typo search on the shipped catalogue.

Both scores come from the length of the longest common subsequence (LCS) of two strings,
found by the bit-parallel method (Allison and Dix 1986; Hyyrö 2004) with a Python integer as
the bit vector: one pass over a key, four integer operations per character. Characters the
query lacks can never be matched, so keys are first stripped of them by one str.translate over
the whole column, which also bounds each key's score before any pass is made. The numbers are
rapidfuzz's own (tests/test_similar.py holds them equal over random and real strings). Beyond
FEW_KEYS keys rapidfuzz's C loop pays for its import, and a Needle hands the work to it.

partial_ratio here is rapidfuzz's for a needle of at most 64 characters (NEEDLE_MAX), whose
alignment it guarantees optimal: the best ratio of the needle against a key's prefixes shorter
than the needle, its windows of the needle's length, and its suffixes shorter than the needle
(a prefix or suffix counts only when it ends or starts with one of the needle's characters).
"""

from __future__ import annotations

from ..frozen import cached

NEEDLE_MAX = 64
# Our loop costs about 4 µs a key, rapidfuzz's 8–11 ms to import and under 1 µs a key: below
# this many keys ours answers first (the shipped catalogue has 651, the 10× one 6,510).
FEW_KEYS = 2500


class Needle:
    """A query to score against a list of keys (fuzz.ratio, fuzz.partial_ratio with a cutoff):
    by the loops below for up to FEW_KEYS keys, by rapidfuzz for more."""

    def __init__(self, query: str, keys: list[str]):
        self.query, self.keys = query, keys
        self.own = len(keys) <= FEW_KEYS

    @cached
    def block(self) -> dict[str, int]:
        return _block(self.query)

    @cached
    def kept(self) -> list[str]:
        return _kept(self.query, self.keys)

    def ratios(self, cutoff: float, limit: int | None = None) -> list[tuple[int, float]]:
        """(row, fuzz.ratio) of each key scoring at least cutoff, best first (ties by row), at
        most limit of them."""
        if not self.own:
            return _rapidfuzz(self.query, self.keys, "ratio", cutoff, limit)
        m, block, kept = len(self.query), self.block, self.kept
        need = cutoff / 100
        found = []
        for row, key in enumerate(self.keys):
            lensum = m + len(key)
            # The LCS is at most the shorter length and the key's characters the query has.
            if 2 * min(m, len(key), len(kept[row])) < need * lensum:
                continue
            score = _ratio(_lcs(block, m, kept[row]), lensum)
            if score >= need:
                found.append((row, score * 100))
        found.sort(key=_best_first)
        return found[:limit]

    def partial_ratios(self, cutoff: float) -> list[tuple[int, float]]:
        """(row, fuzz.partial_ratio) of each key longer than the query scoring at least cutoff,
        best first (ties by row). Shorter keys are not scored: a key "inside" a query is no
        match of the kind a partial ratio finds (search/index.py)."""
        needle, m = self.query, len(self.query)
        if not any(len(key) > m for key in self.keys):
            return []
        if not self.own or not 0 < m <= NEEDLE_MAX:   # beyond NEEDLE_MAX rapidfuzz aligns otherwise
            return [(row, score) for row, score in _rapidfuzz(needle, self.keys, "partial_ratio", cutoff, None)
                    if len(self.keys[row]) > m]
        block, kept = self.block, self.kept
        need = cutoff / 100
        found = []
        for row, key in enumerate(self.keys):
            if len(key) <= m:
                continue
            # No window holds more of the needle than the whole key: 2L/(m+L) bounds every window.
            common = min(m, len(kept[row]))
            if 2 * common < need * (m + common):
                continue
            common = min(m, _lcs(block, m, kept[row]))
            if 2 * common < need * (m + common):
                continue
            score = _best_window(needle, block, key)
            if score >= need:
                found.append((row, score * 100))
        found.sort(key=_best_first)
        return found


def _best_window(needle: str, block: dict[str, int], key: str) -> float:
    """The best normalised ratio of needle against the key's windows (the module's docstring).
    Prefixes and suffixes are exact from one pass each way; a full
    window is bounded by the LCS of the prefix it ends and the suffix it starts, and measured
    only while that bound can beat the best so far."""
    m, n = len(needle), len(key)
    chars = set(needle)
    ending = _lcs_of_prefixes(block, m, key)                          # ending[j]: LCS(needle, key[:j])
    starting = _lcs_of_prefixes(_block(needle[::-1]), m, key[::-1])[::-1]   # starting[i]: LCS(needle, key[i:])
    best = 0.0
    for length in range(1, m):
        if key[length - 1] in chars:
            best = max(best, _ratio(ending[length], m + length))
        if key[n - length] in chars:
            best = max(best, _ratio(starting[n - length], m + length))
    bounds = sorted(((min(ending[i + m], starting[i]), i) for i in range(n - m + 1)), reverse=True)
    for bound, start in bounds:
        if _ratio(bound, 2 * m) <= best:
            break
        best = max(best, _ratio(_lcs(block, m, key[start:start + m]), 2 * m))
    return best


def _ratio(lcs: int, lensum: int) -> float:
    """Normalised Indel similarity, computed as rapidfuzz computes it (the same float)."""
    return 1.0 - (lensum - 2 * lcs) / lensum if lensum else 1.0


def _rapidfuzz(query: str, keys: list[str], scorer: str, cutoff: float, limit: int | None) -> list[tuple[int, float]]:
    from rapidfuzz import fuzz, process

    found = process.extract(query, keys, scorer=getattr(fuzz, scorer), score_cutoff=cutoff, limit=limit)
    return [(row, score) for _, score, row in found]


def _block(text: str) -> dict[str, int]:
    """Each character's positions in text, as bits."""
    block: dict[str, int] = {}
    bit = 1
    for char in text:
        block[char] = block.get(char, 0) | bit
        bit <<= 1
    return block


def _lcs(block: dict[str, int], m: int, text: str) -> int:
    """The LCS length of the m-character string of block and text."""
    vector = (1 << m) - 1
    get = block.get
    for char in text:
        matched = vector & get(char, 0)
        vector = (vector + matched) | (vector - matched)
    return m - (vector & ((1 << m) - 1)).bit_count()


def _lcs_of_prefixes(block: dict[str, int], m: int, text: str) -> list[int]:
    """The LCS length of the block's string and each prefix of text, text[:0] to text[:len]."""
    mask = (1 << m) - 1
    vector, lengths = mask, [0]
    get = block.get
    for char in text:
        matched = vector & get(char, 0)
        vector = (vector + matched) | (vector - matched)
        lengths.append(m - (vector & mask).bit_count())
    return lengths


def _kept(query: str, keys: list[str]) -> list[str]:
    """Each key with only the characters the query has, in order, by one translate of them all.
    The table is a list (faster than a dict) covering the jamo and below; a character above it
    is kept, which only loosens a bound, since a character the query lacks matches nothing."""
    from .scores import SEP

    table: list[str | None] = [None] * max(TABLE_SIZE, *(ord(char) + 1 for char in query + SEP))
    for char in {*query, SEP}:
        table[ord(char)] = char
    return SEP.join(keys).translate(table).split(SEP) if keys else []


TABLE_SIZE = 0x3190   # past the Hangul compatibility jamo, the letters hangul.decompose writes


def _best_first(found: tuple[int, float]) -> tuple[float, int]:
    return (-found[1], found[0])
