"""Building an index's columns from programme records (a cache miss; `validate` never needs it)."""

from __future__ import annotations

import sys
import zlib
from array import array
from bisect import bisect_left
from collections import defaultdict, deque
from itertools import accumulate, repeat

from .. import hangul
from .columns import BLOB_COLUMNS, STRING_COLUMNS, Column, _clean, _ints
from .index import SearchIndex
from .reading import _text_terms, strip_numbering
from .scores import FIELD_INDEX, FIELD_SHIFT, FIELDS, FORMAT, NO_PARENT, PART

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def index_of(catalog: Any) -> SearchIndex:
    """The index of a catalogue's programmes, with the report headings each was curated from."""
    return build_index(catalog.programs, _headings(catalog))


def build_index(programs: Any, headings: dict[str, tuple[list[str], list[str]]] | None = None) -> SearchIndex:
    """The index of programmes; headings: for each id, the headings of the sections it leads
    and of those it is listed in after another programme."""
    return SearchIndex(_Builder(list(programs), headings or {}).columns())


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
        self.words_of: dict[str, str] = {}

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
            texts = [_clean(text) for _, text in units]
            # Each text as shown, then as the words pass reads it (SearchIndex.texts_of).
            blocks.append(zlib.compress(PART.join([*texts, *map(self._words, texts)]).encode(), 1))   # fast, 2.2× smaller
            for entry, terms in self._terms_by_field(position, units).items():
                # One C-level loop per field, not one bytecode loop per posting (6 million at 100×).
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

    def _terms_by_field(self, position: int, units: list[tuple[str, str]]) -> dict[int, set[str]]:
        """Each posting entry of a programme (field << FIELD_SHIFT | position) with the terms it has."""
        by_field: dict[int, set[str]] = {}
        for field, text in units:
            terms = self.terms_of.get(text)
            if terms is None:
                terms = self.terms_of[text] = _text_terms(text)
            by_field.setdefault(FIELD_INDEX[field] << FIELD_SHIFT | position, set()).update(terms)
        return by_field

    def _words(self, text: str) -> str:
        """The words of a text as the words pass reads them: folded, its runs of letters and
        digits, joined by single spaces (search/words.py, _Texts)."""
        words = self.words_of.get(text)
        if words is None:
            words = self.words_of[text] = " ".join(hangul.alnum_runs(hangul.fold(text)))
        return words

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
    """The terms sorted (by UTF-8 bytes, as Column.first_at_least compares); for each term and
    field in turn, where its programmes start (term_postings[term * len(FIELDS) + field]); and
    the programmes, ascending within each term and field.

    The builder's entries are field << FIELD_SHIFT | programme, so that sorting them (in C) puts
    each field's run together; the field is then cut off every entry at once, as bytes."""
    terms = sorted(postings, key=str.encode)
    flat, starts = array("I"), array("I")
    bounds = [field << FIELD_SHIFT for field in range(len(FIELDS))]
    for term in terms:
        entries = sorted(postings[term])
        starts.extend(len(flat) + bisect_left(entries, bound) for bound in bounds)
        flat.extend(entries)
    starts.append(len(flat))
    raw = bytearray(flat.tobytes())
    top = 3 if sys.byteorder == "little" else 0   # the byte of each 32-bit entry that holds its field
    raw[top::4] = bytes(len(flat))
    return {"terms": Column.of(terms).dump(), "term_postings": starts.tobytes(), "postings": bytes(raw)}


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


def _name_fields(program: Any) -> list[tuple[str, str]]:
    fields = [("name", program.name), ("id", program.id)]
    fields += [("alias", alias.name) for alias in program.aliases]
    if program.name_en:
        fields.append(("name_en", program.name_en))
    return fields
