"""Korean-aware ranked search over programmes.

Scores follow one ladder so that the kind of match decides the order:
exact name > exact alias/English name/id > 초성 > prefix > substring > fuzzy (jamo) > details.
Keys (normalised text, jamo, 초성) are computed once per catalogue in `SearchIndex`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from . import hangul
from .models import Catalog, Program

# The score ladder. Fuzzy scores are scaled into the band between FUZZY_FLOOR and FUZZY_TOP.
EXACT = {"name": 100.0, "alias": 97.0, "name_en": 96.0, "id": 96.0}
INITIALS_EXACT = 94.0
PREFIX = {"name": 92.0, "alias": 90.0, "name_en": 89.0, "id": 89.0}
INITIALS_PART = 86.0
SUBSTRING = {"name": 86.0, "alias": 84.0, "name_en": 83.0, "id": 83.0}
FUZZY_TOP, FUZZY_FLOOR = 82.0, 55.0
DETAIL = {"tag": 70.0, "division": 68.0, "detail": 62.0}
MIN_SCORE = 55.0
KEYBOARD_PENALTY = 2.0   # a query read through the keyboard layout ranks just below the same query typed right
MIN_FUZZY_RATIO = 72.0   # below this the jamo similarity is noise
FIELD_ORDER = ("name", "alias", "name_en", "id", "tag", "division", "detail")


@dataclass(frozen=True)
class Hit:
    program: Program
    score: float
    matched: str        # the field that matched: name, alias, name_en, id, tag, division, detail
    matched_text: str   # the text of that field


@dataclass(frozen=True)
class _Key:
    program_index: int
    field: str          # a key of EXACT, or tag/division/detail
    text: str           # the original text, shown to the user
    norm: str           # hangul.normalize(text)


class SearchIndex:
    """Precomputed search keys for a catalogue's programmes."""

    def __init__(self, programs: tuple[Program, ...]):
        self.programs = programs
        self.names: list[_Key] = []      # name, aliases, English name, id
        self.details: list[_Key] = []    # tags, divisions, summary, events, targets
        for index, program in enumerate(programs):
            for field, text in _name_fields(program):
                self._add(self.names, index, field, text)
            for field, text in _detail_fields(program):
                self._add(self.details, index, field, text)

    @staticmethod
    def _add(keys: list[_Key], index: int, field: str, text: str) -> None:
        norm = hangul.normalize(text)
        if norm:
            keys.append(_Key(index, field, text, norm))

    @cached_property
    def name_jamo(self) -> list[str]:
        return [hangul.decompose(key.norm) for key in self.names]

    @cached_property
    def name_initials(self) -> list[str]:
        return [hangul.initials(key.norm) for key in self.names]

    def prepare(self) -> None:
        """Compute every lazy key now (before the index is cached with its catalogue)."""
        _ = self.name_jamo, self.name_initials

    def search(self, query: str, limit: int | None = None) -> list[Hit]:
        """Programmes matching query, best first; an empty list when nothing fits."""
        norm = hangul.normalize(query)
        if not norm:
            return []
        best: dict[int, tuple[float, _Key]] = {}
        self._score_into(best, norm, penalty=0.0)
        typed = hangul.from_keyboard(query.strip())
        if typed:
            self._score_into(best, hangul.normalize(typed), penalty=KEYBOARD_PENALTY)
        hits = [Hit(self.programs[i], round(score, 1), key.field, key.text) for i, (score, key) in best.items()]
        # Equal scores: a match on the programme's own name before one on an alias or detail.
        hits.sort(key=lambda hit: (-hit.score, FIELD_ORDER.index(hit.matched), hit.program.name, hit.program.id))
        return hits[:limit] if limit else hits

    def _score_into(self, best: dict[int, tuple[float, _Key]], norm: str, penalty: float) -> None:
        def offer(key: _Key, score: float) -> None:
            score -= penalty
            if score >= MIN_SCORE and score > best.get(key.program_index, (0.0, key))[0]:
                best[key.program_index] = (score, key)

        for key, score in self._name_scores(norm):
            offer(key, score)
        if len(norm) >= 2:
            for key in self.details:
                if norm in key.norm:
                    offer(key, DETAIL[key.field] + _coverage_bonus(norm, key.norm))

    def _name_scores(self, norm: str) -> list[tuple[_Key, float]]:
        scored: list[tuple[_Key, float]] = []
        initials_query = hangul.is_initials_query(norm)
        mixed_query = not initials_query and hangul.has_initials(norm)
        for position, key in enumerate(self.names):
            score = _literal_score(norm, key)
            if initials_query:
                score = max(score, _initials_score(norm, self.name_initials[position]))
            elif mixed_query and hangul.matches_mixed(norm, key.norm):
                score = max(score, INITIALS_PART + _coverage_bonus(norm, key.norm))
            if score:
                scored.append((key, score))
        if not initials_query and not mixed_query:
            scored.extend(self._fuzzy_scores(norm))
        return scored

    def _fuzzy_scores(self, norm: str) -> list[tuple[_Key, float]]:
        """Jamo-level similarity, so 취엽 is one jamo from 취업 rather than a wrong syllable."""
        from rapidfuzz import fuzz, process

        query = hangul.decompose(norm)
        if len(query) < 3:
            return []
        results = []
        for scorer, weight in ((fuzz.ratio, 1.0), (fuzz.partial_ratio, 0.92)):
            if scorer is fuzz.partial_ratio and len(query) < 6:
                continue  # a short query matches part of almost anything
            for _, ratio, position in process.extract(query, self.name_jamo, scorer=scorer,
                                                      score_cutoff=MIN_FUZZY_RATIO, limit=None):
                if scorer is fuzz.partial_ratio and len(self.name_jamo[position]) <= len(query):
                    continue  # a short name "inside" a longer query (서울R&D in 서울 마라톤…) is no match
                scaled = FUZZY_FLOOR + (FUZZY_TOP - FUZZY_FLOOR) * (ratio - MIN_FUZZY_RATIO) / (100 - MIN_FUZZY_RATIO)
                results.append((self.names[position], scaled * weight))
        return results


def _literal_score(norm: str, key: _Key) -> float:
    if norm == key.norm:
        return EXACT[key.field]
    if key.norm.startswith(norm) and len(norm) >= 2:
        return PREFIX[key.field] + _coverage_bonus(norm, key.norm)
    if norm in key.norm and len(norm) >= 2:
        return SUBSTRING[key.field] + _coverage_bonus(norm, key.norm)
    return 0.0


def _initials_score(norm: str, initials: str) -> float:
    if norm == initials:
        return INITIALS_EXACT
    if norm in initials and len(norm) >= 2:
        return INITIALS_PART + _coverage_bonus(norm, initials)
    return 0.0


def _coverage_bonus(part: str, whole: str) -> float:
    """Up to 2 points for covering more of the field: 사관학교 fits 청년취업사관학교 better than a long title."""
    return round(2.0 * len(part) / len(whole), 2)


def _name_fields(program: Program) -> list[tuple[str, str]]:
    fields = [("name", program.name), ("id", program.id)]
    fields += [("alias", alias.name) for alias in program.aliases]
    if program.name_en:
        fields.append(("name_en", program.name_en))
    return fields


def _detail_fields(program: Program) -> list[tuple[str, str]]:
    fields = [("tag", tag) for tag in program.tags]
    fields += [("division", name) for name in program.division_names]
    fields.append(("detail", program.summary))
    fields += [("detail", milestone.event) for milestone in program.milestones]
    fields += [("detail", target.text) for target in program.targets]
    return fields
