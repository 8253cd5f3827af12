"""The scores and weights of search: the ladder's bands, the words pass's, and each field's weight."""

from __future__ import annotations

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
# tells about the programme. The postings keep, for each term and field, the programmes holding
# the term there, and FIELD_BOUND is the most a word in that field may weigh: the words pass's
# upper bounds. (Fields once shared eight classes; a class's bound was its heaviest field's, and
# in a large catalogue bounds that loose, a copy's alias bounded as its name, let through 4× the
# checks: bench, issue 21.)
FIELDS = ("name", "alias", "name_en", "id", "heading", "section", "part", "parent", "tag", "division",
          "summary", "detail", "quote")
NAME_FIELDS = FIELDS[:4]
WEIGHT = dict(zip(FIELDS, (1.0, 0.95, 0.95, 0.9, 0.85, 0.75, 0.6, 0.95, 0.6, 0.5, 0.6, 0.45, 0.35), strict=True))
LISTED_PARENT_WEIGHT = 0.5   # a parent's name for its part when the query lists things (see _Words._weights)
FIELD_INDEX = {field: i for i, field in enumerate(FIELDS)}
HIGHEST = {**WEIGHT, "part": 1.0}   # a part's name weighs up to 1 for the parent of a family (_Words._weights)
FIELD_BOUND = tuple(HIGHEST[field] for field in FIELDS)
FIELD_SHIFT = 24   # the builder's entries are field << FIELD_SHIFT | programme (search/build.py)
# `matched` names one kind of heading: of a section it leads (or its label in a report: a mention), or one it is listed in
SHOWN_AS = {"section": "heading"}
FIELD_ORDER = FIELDS   # equal ladder scores: a match on the programme's own name before an alias …

PART, SEP = "\x00", "\x01"   # separators that normalised text never holds
WORD_START = "\x02"          # marks a term as the first bigram of a word
NO_PARENT = 0xFFFFFFFF
FORMAT = 10                  # bump when the columns change

