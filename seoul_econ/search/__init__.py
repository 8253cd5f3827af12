"""Korean-aware ranked search over programmes (a package: scores, reading, columns, index, words, build).

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
from .hit import Hit
from .index import SearchIndex
from .scores import EXACT, FORMAT, INITIALS_EXACT, MIN_SCORE, SUBSTRING

__all__ = ["EXACT", "FORMAT", "INITIALS_EXACT", "MIN_SCORE", "SUBSTRING", "Hit", "SearchIndex", "program_texts",
           "read_query", "strip_numbering"]


def read_query(text: str):  # type: ignore[no-untyped-def]
    """What a query reads as (search.reading.read_query)."""
    from .reading import read_query as read

    return read(text)


def strip_numbering(text: str):  # type: ignore[no-untyped-def]
    from .reading import strip_numbering as strip

    return strip(text)


def program_texts(catalog):  # type: ignore[no-untyped-def]
    """Every text of each programme with its field, as search reads them (search.build)."""
    from .build import program_texts as texts

    return texts(catalog)
