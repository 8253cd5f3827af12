"""Korean-aware ranked search over programmes.

Scores follow one ladder so that the kind of match decides the order:
exact name > exact alias/English name/id > 초성 > prefix > substring > fuzzy (jamo) > details.

The index is plain columns (lists of strings and ints), computed once per catalogue. Plain
columns, not objects, because they are cached with `marshal` beside the catalogue: a search
loads only them, which keeps a search in a catalogue 100 times today's size interactive.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any, NamedTuple

from . import hangul

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
NAME_FIELDS = ("name", "alias", "name_en", "id")
DETAIL_FIELDS = ("tag", "division", "detail")
SEPARATOR = "\x00"   # joins a programme's detail texts; normalised text never contains it
FORMAT = 1           # bump when the columns change


class Hit(NamedTuple):
    id: str
    name: str
    score: float
    matched: str        # the field that matched: name, alias, name_en, id, tag, division, detail
    matched_text: str   # the text of that field


class SearchIndex:
    """Search keys of a catalogue's programmes, as columns.

    Name keys (name, id, aliases, English name) are one row each; a programme's details (tags,
    divisions, summary, events, targets) are joined into one string per programme, searched
    with a single `in`, and split only for the programmes that match.
    """

    def __init__(self, columns: dict[str, Any]):
        self.columns = columns
        self.ids: list[str] = columns["ids"]
        self.names: list[str] = columns["names"]
        self.key_program: list[int] = columns["key_program"]
        self.key_field: list[int] = columns["key_field"]
        self.key_text: list[str] = columns["key_text"]
        self.key_norm: list[str] = columns["key_norm"]
        self.detail_fields: list[str] = columns["detail_fields"]   # one digit per part: index into DETAIL_FIELDS
        self.detail_text: list[str] = columns["detail_text"]
        self.detail_norm: list[str] = columns["detail_norm"]

    @classmethod
    def from_programs(cls, programs: Any) -> SearchIndex:
        columns: dict[str, Any] = {name: [] for name in (
            "ids", "names", "key_program", "key_field", "key_text", "key_norm", "detail_fields", "detail_text",
            "detail_norm")}
        columns["format"] = FORMAT
        for index, program in enumerate(programs):
            columns["ids"].append(program.id)
            columns["names"].append(program.name)
            for field, text in _name_fields(program):
                norm = hangul.normalize(text)
                if norm:
                    columns["key_program"].append(index)
                    columns["key_field"].append(NAME_FIELDS.index(field))
                    columns["key_text"].append(text)
                    columns["key_norm"].append(norm)
            details = [(field, text, hangul.normalize(text)) for field, text in _detail_fields(program)]
            details = [d for d in details if d[2]]
            columns["detail_fields"].append("".join(str(DETAIL_FIELDS.index(f)) for f, _, _ in details))
            columns["detail_text"].append(SEPARATOR.join(text for _, text, _ in details))
            columns["detail_norm"].append(SEPARATOR.join(norm for _, _, norm in details))
        return cls(columns)

    def prepare(self) -> None:
        """Compute the lazy keys now, so they are cached with the columns."""
        self.columns["key_jamo"] = self.key_jamo
        self.columns["key_initials"] = self.key_initials

    @cached_property
    def key_jamo(self) -> list[str]:
        return self.columns.get("key_jamo") or [hangul.decompose(norm) for norm in self.key_norm]

    @cached_property
    def key_initials(self) -> list[str]:
        return self.columns.get("key_initials") or [hangul.initials(norm) for norm in self.key_norm]

    def search(self, query: str, limit: int | None = None) -> list[Hit]:
        """Programmes matching query, best first; an empty list when nothing fits."""
        norm = hangul.normalize(query)
        if not norm:
            return []
        best: dict[int, tuple[float, str, str]] = {}   # programme → (score, field, text)
        self._score_into(best, norm, penalty=0.0)
        typed = hangul.from_keyboard(query.strip())
        if typed:
            self._score_into(best, hangul.normalize(typed), penalty=KEYBOARD_PENALTY)
        hits = [Hit(self.ids[i], self.names[i], round(score, 1), field, text) for i, (score, field, text) in best.items()]
        # Equal scores: a match on the programme's own name before one on an alias or detail.
        hits.sort(key=lambda hit: (-hit.score, FIELD_ORDER.index(hit.matched), hit.name, hit.id))
        return hits[:limit] if limit else hits

    def _score_into(self, best: dict[int, tuple[float, str, str]], norm: str, penalty: float) -> None:
        def offer(program: int, score: float, field: str, text: str) -> None:
            score -= penalty
            if score >= MIN_SCORE and score > best.get(program, (0.0, "", ""))[0]:
                best[program] = (score, field, text)

        for row, score in self._name_scores(norm):
            offer(self.key_program[row], score, NAME_FIELDS[self.key_field[row]], self.key_text[row])
        if len(norm) >= 2:
            for program, (field, text, part) in self._detail_matches(norm):
                offer(program, DETAIL[field] + _coverage_bonus(norm, part), field, text)

    def _name_scores(self, norm: str) -> list[tuple[int, float]]:
        scored: list[tuple[int, float]] = []
        initials_query = hangul.is_initials_query(norm)
        mixed_query = not initials_query and hangul.has_initials(norm)
        keys = self.key_norm
        # Only rows that contain the query can score literally: one C-speed `in` per row.
        for row in (row for row, key in enumerate(keys) if norm in key):
            score = _literal_score(norm, keys[row], NAME_FIELDS[self.key_field[row]])
            if score:
                scored.append((row, score))
        if initials_query:
            scored += [(row, _initials_score(norm, key)) for row, key in enumerate(self.key_initials)
                       if norm in key and len(norm) >= 2 or norm == key]
        elif mixed_query:
            wanted = hangul.initials(norm)   # a necessary condition, cheap to test first
            scored += [(row, INITIALS_PART + _coverage_bonus(norm, keys[row]))
                       for row, key in enumerate(self.key_initials)
                       if wanted in key and hangul.matches_mixed(norm, keys[row])]
        else:
            scored += self._fuzzy_scores(norm)
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
            for _, ratio, row in process.extract(query, self.key_jamo, scorer=scorer,
                                                 score_cutoff=MIN_FUZZY_RATIO, limit=None):
                if scorer is fuzz.partial_ratio and len(self.key_jamo[row]) <= len(query):
                    continue  # a short name "inside" a longer query (서울R&D in 서울 마라톤…) is no match
                scaled = FUZZY_FLOOR + (FUZZY_TOP - FUZZY_FLOOR) * (ratio - MIN_FUZZY_RATIO) / (100 - MIN_FUZZY_RATIO)
                results.append((row, scaled * weight))
        return results

    def _detail_matches(self, norm: str) -> list[tuple[int, tuple[str, str, str]]]:
        """(programme, (field, text, normalised part)) for the best detail part containing norm."""
        matches = []
        for program in (p for p, joined in enumerate(self.detail_norm) if norm in joined):
            parts = self.detail_norm[program].split(SEPARATOR)
            texts = self.detail_text[program].split(SEPARATOR)
            fields = self.detail_fields[program]
            found = [(DETAIL[DETAIL_FIELDS[int(fields[i])]], i) for i, part in enumerate(parts) if norm in part]
            _, i = max(found)
            matches.append((program, (DETAIL_FIELDS[int(fields[i])], texts[i], parts[i])))
        return matches


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


def _detail_fields(program: Any) -> list[tuple[str, str]]:
    fields = [("tag", tag) for tag in program.tags]
    fields += [("division", name) for name in program.division_names]
    fields.append(("detail", program.summary))
    fields += [("detail", milestone.event) for milestone in program.milestones]
    fields += [("detail", target.text) for target in program.targets]
    return fields
