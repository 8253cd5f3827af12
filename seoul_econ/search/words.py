"""The words pass: candidates from the inverted index, bounded, then checked against their texts."""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left, bisect_right
from itertools import accumulate

from .. import hangul
from ..frozen import Record
from .hit import Hit
from .reading import Word, _form_terms, _hangul_pair
from .scores import (FIELD_BOUND, FIELDS, GENERIC_SHARE, INSIDE_WORD, LISTED_PARENT_WEIGHT, MIN_COVERAGE, NAME_FIELDS,
                     NEAR_CREDIT, NEAR_LENGTH, OPTIONAL_BONUS, PART, PARTIAL_CREDIT, PARTIAL_MIN,
                     PARTIAL_TERMS, READING_CREDIT, SHORT_QUERY, SHOWN_AS, WEIGHT, WORD_ALL, WORD_FLOOR,
                     WORD_START, WORD_TOP)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any

    from .index import SearchIndex
    from .reading import Reading


class _Texts:
    """One programme's texts as a check reads them: normalised and joined, so a spelling is found
    with one str.find over all of them, and each text's Latin words."""

    def __init__(self, fields: list[str], texts: list[str], words: list[str]):
        """words: each text's words as SearchIndex.texts_of gives them (made when it was built)."""
        self.fields, self.texts, self.spaced = fields, texts, words
        self.norms = [text.replace(" ", "") for text in words]   # hangul.letters_and_digits(hangul.fold(text))
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
                    words = self.latin_of[i] = hangul.latin_words(hangul.fold(self.texts[i]))
                if any(w == word or (prefix and w.startswith(word)) for w in words):
                    found.add(i)
        return found

    def _word_starts(self, text: int) -> set[int]:
        """Where in `joined` the words of one text start (청년 in 청년 일자리, not 기업 in 중소기업)."""
        words = self.spaced[text].split(" ")
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
        return self._where(form).intersection(*(self._latin(word, False) for word in hangul.latin_runs(form)))

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
        for i in sorted(set().union(*map(self._where, set(bigrams)))):   # only the texts holding a bigram of it
            norm = self.norms[i]
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


class _Look(Record):
    """What the index says of one word of a query."""

    held: list[set[int]]                 # for each field (FIELDS' order), the programmes where it may stand
    credit: float                        # the highest credit a text there may give
    spellings: tuple[tuple[str, float], ...]   # what a check looks for, with its credit
    by_bigrams: str | None               # the word, when it is found nowhere whole and is looked for in part
    whole_holders: int = 0               # (programme, field) pairs holding its first spelling (before a particle came off)
    stem_holders: int = 0                # … holding its stem
    inside: list[set[int]] = []          # for each field, the programmes where it can only stand inside a longer word

    @property
    def found(self) -> bool:
        return any(self.held)


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
        self.by_programme: dict[int, dict[int, tuple[float, float]]] = {}   # by word, when needed (_held_by)
        self.telling: list[tuple[float, dict[int, tuple[float, float]]]] = []   # … with their idf
        self.assumed = self.most = 0.0   # what a first bound assumes of the other words (_candidates)
        # How many programmes hold each word; none for a word found nowhere whole, whatever holds it in part.
        self.holding = [0 if look.by_bigrams else len(set().union(*look.held)) for look in self.looks]
        self.idf = [self._idf(holding) for holding in self.holding]
        year = reading.year
        self.year_idf = self._idf(index.year_count[year]) if year is not None and index.year_count.get(year) else None
        required = [i for i, word in enumerate(parts) if word.required]
        self.total = sum(self.idf[i] for i in required) + (self.year_idf or 0.0)
        # A short query whose word is in no programme asks for what the catalogue does not hold
        # (반려동물 등록): half of it must be found. A longer one (a heading, a sentence) says more
        # than the catalogue's wording: any programme holding a telling word of it answers.
        unknown = any(self.looks[i].by_bigrams is not None or not self.looks[i].found for i in required)
        self.floor = MIN_COVERAGE if unknown and len(required) <= SHORT_QUERY else 0.0
        # 와/과 joins two names (클러스터와 서울바이오펀드) when the word without it is clearly the word.
        self.listing = reading.listing or any(
            word.joins and look.stem_holders >= 2 * look.whole_holders and look.stem_holders
            for word, look in zip(parts, self.looks, strict=True))

    @property
    def all_found(self) -> bool:
        """Whether every word that counts is found whole somewhere (else no hit can hold them all)."""
        return all(look.found and look.by_bigrams is None
                   for word, look in zip(self.parts, self.looks, strict=True) if word.required)

    def _idf(self, holding: int) -> float:
        return math.log(1 + (self.count - holding + 0.5) / (holding + 0.5))

    def ranked(self) -> Iterator[tuple[int, Hit]]:
        """(programme, hit) for word hits, best first: by score, then depth below parents, then
        position in the catalogue; exactly that order.

        Each candidate waits in one heap under a first bound (from the telling words only), then
        under a closer one (every word's postings), then under its checked score; whatever comes
        out on top checked is ahead of everything still waiting, whose scores can only fall.
        Candidates join in batches (_candidates): the heap holds, under the highest first bound
        a candidate still to join may have, a mark that draws the next batch when it comes out
        on top, before anything waiting under an equal bound."""
        if not self.total:
            return
        batches = self._candidates()
        waiting: list[tuple[float, int, int, int, Hit | None]] = [(-math.inf, -1, -1, MORE, None)]
        while waiting:
            bound, depth, program, stage, hit = heapq.heappop(waiting)
            if stage == MORE:
                batch, ceiling = next(batches, ((), None))
                for joining, first in batch:
                    heapq.heappush(waiting, (-first, self.index.depth[joining], joining, BOUNDED, None))
                if ceiling is not None:
                    heapq.heappush(waiting, (-ceiling, -1, -1, MORE, None))
            elif stage == BOUNDED:
                closer = self._bound(program)
                if closer is not None:
                    heapq.heappush(waiting, (-closer, depth, program, CLOSER, None))
            elif stage == CLOSER:
                hit = self._check(program)
                if hit is not None:
                    heapq.heappush(waiting, (-hit.score, depth, program, CHECKED, hit))
            else:
                yield program, hit

    # --- candidates and their upper bounds, from the postings ---------------------------------------

    def _look(self, word: Word) -> _Look:
        """Where a word may be: a spelling is held where all its terms are. Letter readings are
        tried when no spelling is found; a word found nowhere whole (an OCR slip, a typo) is looked
        for by its bigrams, held in part wherever one of them is."""
        held = [self._holding(form) for form in word.forms]
        spellings = tuple((form, 1.0) for form in word.forms)
        if not any(map(any, held)) and word.readings:
            held = [self._holding(form) for form in word.readings]
            spellings = tuple((form, READING_CREDIT) for form in word.readings)
        by_field = [set().union(*in_field) for in_field in zip(*held, strict=True)]
        # Where no spelling may begin a word, it weighs as inside one (INSIDE_WORD).
        beginnings = [self._beginning(form, found) for (form, _), found in zip(spellings, held, strict=True)]
        inside = [programmes.difference(*begin) for programmes, *begin in zip(by_field, *beginnings, strict=True)]
        form = word.forms[0]
        if any(by_field) or form.isascii() or len(form) < NEAR_LENGTH:
            whole = sum(map(len, held[0])) if spellings[0][1] == 1.0 else 0
            stem = sum(map(len, held[-1])) if len(word.forms) > 1 and spellings[0][1] == 1.0 else 0
            return _Look(by_field, spellings[0][1], spellings, None, whole, stem, inside)
        bigrams = [term for term, _ in _form_terms(form)]
        counts: list[dict[int, int]] = [{} for _ in FIELDS]
        for bigram in bigrams:
            for in_field, programmes in zip(counts, self.index.postings_of(bigram), strict=True):
                for program in programmes:
                    in_field[program] = in_field.get(program, 0) + 1
        # Each slipped syllable breaks at most two bigrams: the rest stand in the text (or, for a
        # word held in part, PARTIAL_MIN of them).
        intact = max(1, min(len(bigrams) - 2 * _slips(form), math.ceil(PARTIAL_MIN * len(set(bigrams)))))
        near = [{program for program, n in in_field.items() if n >= intact} for in_field in counts]
        return _Look(near, NEAR_CREDIT, spellings, form, inside=[set() for _ in FIELDS])

    def _holding(self, form: str) -> list[set[int]]:
        """For each field, the programmes where a spelling may stand: where all its terms are."""
        postings = [self.index.postings_of(term, prefix) for term, prefix in _form_terms(form)]
        return [_intersection(list(in_field)) for in_field in zip(*postings, strict=True)]

    def _beginning(self, form: str, held: list[set[int]]) -> list[set[int]]:
        """For each field, the programmes of held where the spelling may begin a word (all,
        unless it starts with Hangul)."""
        if not _hangul_pair(form):
            return held
        starts = self.index.postings_of(WORD_START + form[:2])
        return [_intersection([programmes, begin]) for programmes, begin in zip(held, starts, strict=True)]

    def _first_bounds(self) -> dict[int, float]:
        """Every candidate with its first bound: what _candidates gives in batches."""
        return {program: bound for batch, _ in self._candidates() for program, bound in batch}

    def _candidates(self) -> Iterator[tuple[list[tuple[int, float]], float | None]]:
        """The candidates in batches, each with a first bound from the telling words' postings
        alone (the others as if held in a name), and after each batch the highest first bound
        a candidate still to come may have (None: none is to come). The candidates are the
        programmes holding a telling word, or, for a year alone, those with facts in the year.

        A batch is one telling word's programmes in one field (inside a longer word or not),
        heaviest first: a programme not yet given weighs at most the next field's weight for
        every word, so the words pass bounds only as many as the answer reaches."""
        required = sorted((i for i, word in enumerate(self.parts) if word.required), key=lambda i: self.idf[i])
        cut = self._commonest(required)
        telling = required[cut:]
        self.by_programme = {i: _by_programme(self.looks[i]) for i in telling}
        if not telling:
            yield [(p, WORD_TOP) for p in range(self.count) if self.reading.year in self.index.years_of(p)], None
            return
        self.telling = [(self.idf[i], self.by_programme[i]) for i in telling]
        self.assumed = sum(self.idf[i] for i in required[:cut]) + (self.year_idf or 0.0)
        self.most = OPTIONAL_BONUS * sum(1 for word in self.parts if not word.required)
        credits = [self.looks[i].credit for i in telling]
        tiers = [[tier for tier in reversed(_tiers(self.looks[i])) if tier[1]] for i in telling]
        at, given = [0] * len(tiers), set()
        while True:
            left = [k for k, word_tiers in enumerate(tiers) if at[k] < len(word_tiers)]
            if not left:
                return
            k = max(left, key=lambda k: self.telling[k][0] * tiers[k][at[k]][0])
            batch = tiers[k][at[k]][1].difference(given)
            at[k] += 1
            given |= batch
            bounded = [(p, bound) for p in batch if (bound := self._first_bound(p)) is not None]
            ceiling = self._first_score([(credit, word_tiers[next_at][0]) if next_at < len(word_tiers) else NOTHING
                                         for credit, word_tiers, next_at in zip(credits, tiers, at, strict=True)])
            yield bounded, ceiling
            if ceiling is None:
                return

    def _first_bound(self, program: int) -> float | None:
        return self._first_score([found.get(program, NOTHING) for _, found in self.telling])

    def _first_score(self, found: list[tuple[float, float]]) -> float | None:
        """A first bound from each telling word's (credit, weighted credit); None below the floor."""
        held = quality = self.assumed
        complete = True
        for (idf, _), (credit, weight) in zip(self.telling, found, strict=True):
            held += idf * credit
            quality += idf * weight
            complete = complete and credit >= READING_CREDIT
        if held < self.floor * self.total:
            return None
        return self._scaled(held / self.total, (quality / self.total + self.most) / (1.0 + self.most), complete)

    def _bound(self, program: int) -> float | None:
        """A closer bound, from every word's postings and whether the programme has facts in the
        year asked for."""
        marks = [(word.required, idf, *self._held_by(i).get(program, NOTHING))
                 for i, (word, idf) in enumerate(zip(self.parts, self.idf, strict=True))]
        return self._score(marks, self._year_held(program))

    def _held_by(self, word: int) -> dict[int, tuple[float, float]]:
        """A word's programmes with their best (credit, weighted credit), made when first needed."""
        found = self.by_programme.get(word)
        if found is None:
            found = self.by_programme[word] = _by_programme(self.looks[word])
        return found

    def _year_held(self, program: int) -> float | None:
        """The year's idf when the query has a year and the programme has facts in it, else None."""
        if self.year_idf is None or self.reading.year not in self.index.years_of(program):
            return None
        return self.year_idf

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
        texts = _Texts(*self.index.texts_of(program))
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
        score = self._score(marks, self._year_held(program))
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
BOUNDED, CLOSER, CHECKED, MORE = range(4)   # what a programme waiting in ranked()'s heap has (MORE: the next batch)


def _tiers(look: _Look) -> list[tuple[float, set[int]]]:
    """A word's programmes by the weight a field gives them (inside a longer word or not), lightest first."""
    tiers = []
    for field, (programmes, inside) in enumerate(zip(look.held, look.inside, strict=True)):
        tiers.append((_weighted(look, field, True), inside))
        tiers.append((_weighted(look, field, False), programmes.difference(inside)))
    return sorted(tiers, key=lambda tier: tier[0])


def _by_programme(look: _Look) -> dict[int, tuple[float, float]]:
    """A word's programmes, each with the best credit and weighted credit its fields allow;
    made a field at a time in C (dict.fromkeys), lightest first, so a heavier field's weight stays."""
    held: dict[int, tuple[float, float]] = {}
    for weight, programmes in _tiers(look):
        held.update(dict.fromkeys(programmes, (look.credit, weight)))
    return held


def _weighted(look: _Look, field: int, inside: bool) -> float:
    return FIELD_BOUND[field] * look.credit * (INSIDE_WORD if inside else 1.0)


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
