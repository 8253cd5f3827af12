"""Search finds the flagships however they are typed, and says when it cannot tell."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from seoul_econ import query

FLAGSHIPS = {
    # id: (exact name, spacing changed, one-syllable typo, alias)
    "youth-job-academy": ("청년취업사관학교", "청년 취업 사관 학교", "청년취엽사관학교", "SeSAC"),
    "campus-town": ("캠퍼스타운", "캠퍼스 타운", "캠퍼스타온", "campus town"),
    "seoul-rnd": ("서울형 R&D", "서울형R & D", "서울헝 R&D", "서울형 알앤디"),
    "zero-pay": ("제로페이", "제로 페이", "제로패이", "Zero Pay"),
}
CASES = [(pid, kind, text) for pid, texts in FLAGSHIPS.items()
         for kind, text in zip(("exact", "spacing", "typo", "alias"), texts, strict=True)]


@pytest.mark.parametrize("program_id, kind, text", CASES, ids=[f"{p}-{k}" for p, k, _ in CASES])
def test_flagships_come_first(catalog, program_id, kind, text):
    hits = query.search(catalog, text)
    assert hits and hits[0].id == program_id


@pytest.mark.parametrize("program_id, kind, text", CASES, ids=[f"{p}-{k}" for p, k, _ in CASES])
def test_flagships_resolve_for_show(catalog, program_id, kind, text):
    assert query.resolve_program(catalog, text).id == program_id


def test_exact_name_scores_above_alias_above_prefix(catalog):
    exact = query.search(catalog, "캠퍼스타운")[0]
    alias = query.search(catalog, "서울시네마테크")[0]
    prefix = query.search(catalog, "캠퍼스타운 종")[0]
    assert exact.score > alias.score > prefix.score
    assert (exact.matched, alias.matched) == ("name", "alias")


@pytest.mark.parametrize("query_text, program_id", [
    ("ㅊㄴㅊㅇㅅㄱㅎㄱ", "youth-job-academy"),
    ("ㅈㄹㅍㅇ", "zero-pay"),
    ("청년ㅊㅇㅅㄱ", "youth-job-academy"),
    ("wpfhvpdl", "zero-pay"),
    ("사관학교", "youth-job-academy"),
    ("영화센터", "seoul-film-center"),
    ("youth-job-academy", "youth-job-academy"),
])
def test_initials_keyboard_and_partial_queries(catalog, query_text, program_id):
    assert query.search(catalog, query_text)[0].id == program_id


def test_details_match_below_names(catalog):
    hits = query.search(catalog, "AWE")
    assert hits and hits[0].matched == "summary"
    assert hits[0].score < query.search(catalog, "제로페이")[0].score


@pytest.mark.parametrize("generic", ["청년", "창업"])
def test_generic_queries_are_ambiguous_not_a_false_winner(catalog, generic):
    assert len(query.search(catalog, generic)) >= 5
    with pytest.raises(query.Ambiguous) as caught:
        query.resolve_program(catalog, generic)
    assert len(caught.value.candidates) >= 2


def test_miss_suggests_nearest_names(catalog):
    with pytest.raises(query.NotFound) as caught:
        query.resolve_program(catalog, "컴퍼수타워")
    assert caught.value.candidates[0] == "캠퍼스타운 (campus-town)"
    assert len(caught.value.candidates) == len(set(caught.value.candidates))


@pytest.mark.parametrize("unrelated", ["없는사업", "abc", "우주항공 양자"])
def test_no_suggestions_for_unrelated_words(catalog, unrelated):
    assert query.suggest(query.search_index(catalog), unrelated) == []


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_search_never_raises_and_is_sorted(catalog, text):
    hits = query.search(catalog, text)
    scores = [hit.score for hit in hits]
    assert scores == sorted(scores, reverse=True)
    assert len({hit.id for hit in hits}) == len(hits)


def test_a_limit_never_changes_the_first_hits(catalog):
    import yaml
    from pathlib import Path
    queries = yaml.safe_load((Path(__file__).resolve().parent.parent / "eval" / "search_queries.yaml")
                             .read_text(encoding="utf-8"))["queries"]
    index = query.search_index(catalog)
    # Every fourth query of the set (all its kinds), and the words that match most programmes.
    for text in [q["query"] for q in queries][::4] + ["청년", "창업", "서울", "센터", "ㅅ"]:
        every = index.search(text)
        for limit in (1, 3, 20):
            assert index.search(text, limit) == every[:limit], (text, limit)


def test_a_name_decided_by_the_name_matches_alone_is_what_the_full_search_decides(catalog, monkeypatch):
    """query._clearly_named skips the words and typo passes when the literal name matches decide
    the programme: wherever it decides (for the eval and holdout queries and every name and
    alias), the full search must choose the same programme. Elsewhere the full search runs."""
    import yaml

    from conftest import REPO

    index = query.search_index(catalog)
    texts = [case["query"] for name in ("search_queries.yaml", "search_holdout.yaml")
             for case in yaml.safe_load((REPO / "eval" / name).read_text(encoding="utf-8"))["queries"]]
    texts += [p.name for p in catalog.programs] + [a.name for p in catalog.programs for a in p.aliases]
    decided = {text: position for text in texts if (position := query._clearly_named(index, text)) is not None}
    assert len(decided) > len(texts) / 2   # the shortcut is taken, for most of them
    monkeypatch.setattr(query, "_clearly_named", lambda index, text: None)
    assert {text: query.resolve_position(index, text) for text in decided} == decided
