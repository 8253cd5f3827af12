"""A search result: the programme, its score, and what of the query it matched."""

from __future__ import annotations

from ..frozen import Record


class Hit(Record):
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
