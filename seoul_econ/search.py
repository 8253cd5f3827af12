"""Korean-aware ranked search over programmes.

Scores follow one ladder so that the kind of match decides the order:
exact name > exact alias/English name/id > 초성 > prefix > substring > fuzzy (jamo) > details.

The index is plain columns (lists of strings and ints), computed once per catalogue. Plain
columns, not objects, because they are cached with `marshal` beside the catalogue: a search
loads only them, which keeps a search in a catalogue 100 times today's size interactive.
"""

from __future__ import annotations

from bisect import bisect_right
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
DETAIL_TOP = max(DETAIL.values()) + 2.0   # with the largest coverage bonus
MIN_SCORE = 55.0
KEYBOARD_PENALTY = 2.0   # a query read through the keyboard layout ranks just below the same query typed right
MIN_FUZZY_RATIO = 72.0   # below this the jamo similarity is noise
FIELD_ORDER = ("name", "alias", "name_en", "id", "tag", "division", "detail")
NAME_FIELDS = ("name", "alias", "name_en", "id")
DETAIL_FIELDS = ("tag", "division", "detail")
PART, SEP = "\x00", "\x01"   # separate a programme's detail texts, and rows; normalised text has neither
FORMAT = 4                   # bump when the columns change


class Hit(NamedTuple):
    id: str
    name: str
    score: float
    matched: str        # the field that matched: name, alias, name_en, id, tag, division, detail
    matched_text: str   # the text of that field


class Column:
    """A column of strings kept as one UTF-8 blob joined by SEP, with the byte offset of each row.

    Loading it from the cache copies memory instead of building thousands of strings or
    decoding text; a query finds its rows with bytes.find (UTF-8 cannot match in the middle of
    a character), and only the rows it needs are decoded.
    """

    def __init__(self, joined: bytes, starts: list[int]):
        self.joined, self.starts = joined, starts

    @classmethod
    def of(cls, items: list[str]) -> Column:
        encoded = [item.encode() for item in items]
        starts, position = [], 0
        for piece in encoded:
            starts.append(position)
            position += len(piece) + 1
        return cls(SEP.encode().join(encoded), starts)

    def dump(self) -> tuple[bytes, list[int]]:
        return self.joined, self.starts

    @cached_property
    def items(self) -> list[str]:
        """Every row as a string (for rapidfuzz, which needs a list)."""
        return self.joined.decode().split(SEP) if self.starts else []

    def _end(self, row: int) -> int:
        return self.starts[row + 1] - 1 if row + 1 < len(self.starts) else len(self.joined)

    def __getitem__(self, row: int) -> str:
        return self.joined[self.starts[row]:self._end(row)].decode()

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


STRING_COLUMNS = ("ids", "names", "key_text", "key_norm", "key_jamo", "key_initials", "detail_norm", "detail_text")
INT_COLUMNS = ("key_program", "key_field")


class SearchIndex:
    """Search keys of a catalogue's programmes, as columns.

    Name keys (name, id, aliases, English name) are one row each; a programme's details (tags,
    divisions, summary, events, targets) are one row per programme, parts joined by PART.
    String columns are Columns, so loading from the cache builds a handful of objects and a
    query finds its rows with str.find.
    """

    def __init__(self, columns: dict[str, Any]):
        self.columns = columns
        self.ids, self.names = Column(*columns["ids"]), Column(*columns["names"])
        self.key_text, self.key_norm = Column(*columns["key_text"]), Column(*columns["key_norm"])
        self.key_jamo, self.key_initials = Column(*columns["key_jamo"]), Column(*columns["key_initials"])
        self.detail_norm, self.detail_text = Column(*columns["detail_norm"]), Column(*columns["detail_text"])
        self.key_program: list[int] = columns["key_program"]
        self.key_field: list[int] = columns["key_field"]
        self.detail_fields: list[str] = columns["detail_fields"]   # one digit per part: index into DETAIL_FIELDS

    @cached_property
    def position_of(self) -> dict[str, int]:
        """Each programme id's position: the same in the catalogue, the index and its cached records."""
        return {program_id: position for position, program_id in enumerate(self.ids.items)}

    @classmethod
    def from_programs(cls, programs: Any) -> SearchIndex:
        lists: dict[str, list[Any]] = {name: [] for name in (*STRING_COLUMNS, *INT_COLUMNS, "detail_fields")}
        for index, program in enumerate(programs):
            lists["ids"].append(program.id)
            lists["names"].append(program.name)
            for field, text in _name_fields(program):
                norm = hangul.normalize(text)
                if norm:
                    lists["key_program"].append(index)
                    lists["key_field"].append(NAME_FIELDS.index(field))
                    lists["key_text"].append(_clean(text))
                    lists["key_norm"].append(norm)
                    lists["key_jamo"].append(hangul.decompose(norm))
                    lists["key_initials"].append(hangul.initials(norm))
            details = [(field, text, hangul.normalize(text)) for field, text in _detail_fields(program)]
            details = [d for d in details if d[2]]
            lists["detail_fields"].append("".join(str(DETAIL_FIELDS.index(f)) for f, _, _ in details))
            lists["detail_text"].append(PART.join(_clean(text) for _, text, _ in details))
            lists["detail_norm"].append(PART.join(norm for _, _, norm in details))
        columns: dict[str, Any] = {name: Column.of(lists[name]).dump() for name in STRING_COLUMNS}
        columns.update({name: lists[name] for name in (*INT_COLUMNS, "detail_fields")}, format=FORMAT)
        return cls(columns)

    def search(self, query: str, limit: int | None = None) -> list[Hit]:
        """Programmes matching query, best first; an empty list when nothing fits.

        With a limit, the fuzzy and detail passes are skipped when `limit` programmes already
        score above anything those passes can give: the first `limit` hits are the same.
        """
        norm = hangul.normalize(query)
        if not norm:
            return []
        best: dict[int, tuple[float, str, str]] = {}   # programme → (score, field, text)
        typed = hangul.from_keyboard(query.strip())
        variants = [(norm, 0.0)] + ([(hangul.normalize(typed), KEYBOARD_PENALTY)] if typed else [])
        for text, penalty in variants:
            for row, score in self._literal_name_scores(text):
                self._offer(best, self.key_program[row], score - penalty, NAME_FIELDS[self.key_field[row]], self.key_text[row])
        for text, penalty in variants:
            if not _enough_above(best, FUZZY_TOP, limit) and not hangul.has_initials(text):
                for row, score in self._fuzzy_scores(text):
                    self._offer(best, self.key_program[row], score - penalty, NAME_FIELDS[self.key_field[row]],
                                self.key_text[row])
            if len(text) >= 2 and not _enough_above(best, DETAIL_TOP, limit):
                # A detail scores at most DETAIL_TOP: programmes already above it need no decoding.
                done = {program for program, (score, _, _) in best.items() if score >= DETAIL_TOP}
                for program, (field, detail, part) in self._detail_matches(text, done):
                    self._offer(best, program, DETAIL[field] + _coverage_bonus(text, part) - penalty, field, detail)
        hits = [Hit(self.ids[i], self.names[i], round(score, 1), field, text) for i, (score, field, text) in best.items()]
        # Equal scores: a match on the programme's own name before one on an alias or detail.
        hits.sort(key=lambda hit: (-hit.score, FIELD_ORDER.index(hit.matched), hit.name, hit.id))
        return hits[:limit] if limit else hits

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

    def _detail_matches(self, norm: str, skip: set[int]) -> list[tuple[int, tuple[str, str, str]]]:
        """(programme, (field, text, normalised part)) for the best detail part containing norm."""
        matches = []
        for program in self.detail_norm.rows_containing(norm):
            if program in skip:
                continue
            parts = self.detail_norm[program].split(PART)
            texts = self.detail_text[program].split(PART)
            fields = self.detail_fields[program]
            found = [(DETAIL[DETAIL_FIELDS[int(fields[i])]], i) for i, part in enumerate(parts) if norm in part]
            _, i = max(found)
            matches.append((program, (DETAIL_FIELDS[int(fields[i])], texts[i], parts[i])))
        return matches


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


def _detail_fields(program: Any) -> list[tuple[str, str]]:
    fields = [("tag", tag) for tag in program.tags]
    fields += [("division", name) for name in program.division_names]
    fields.append(("detail", program.summary))
    fields += [("detail", milestone.event) for milestone in program.milestones]
    fields += [("detail", target.text) for target in program.targets]
    return fields
