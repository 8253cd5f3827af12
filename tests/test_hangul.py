from __future__ import annotations

import unicodedata

import pytest

from seoul_econ import hangul


@pytest.mark.parametrize("typed, expected", [
    ("「서울형 R & D」", "서울형rd"),
    ("서울형R&D", "서울형rd"),
    ("ＳｅＳＡＣ", "sesac"),
    ("뷰티·패션‧산업・과", "뷰티패션산업과"),
    ("‘제로페이’", "제로페이"),
    (unicodedata.normalize("NFD", "제로페이"), "제로페이"),   # macOS file names arrive decomposed
])
def test_normalize_ignores_spacing_punctuation_width_and_case(typed, expected):
    assert hangul.normalize(typed) == expected


def test_normalize_keeps_initial_consonants_for_choseong_queries():
    assert hangul.normalize("ㅈㄹ ㅍㅇ") == "ㅈㄹㅍㅇ"


def test_decompose_splits_syllables_into_jamo():
    assert hangul.decompose("취업") == "ㅊㅟㅇㅓㅂ"
    assert hangul.decompose("R&D") == "R&D"


def test_initials():
    assert hangul.initials("청년취업사관학교") == "ㅊㄴㅊㅇㅅㄱㅎㄱ"
    assert hangul.is_initials_query("ㅈㄹㅍㅇ")
    assert not hangul.is_initials_query("제로ㅍㅇ")


@pytest.mark.parametrize("query, target, expected", [
    ("청년ㅊㅇ", "청년취업사관학교", True),
    ("ㅊㅇ사관", "청년취업사관학교", True),
    ("청년ㅈㅇ", "청년취업사관학교", False),
])
def test_mixed_queries_match_syllables_and_initials(query, target, expected):
    assert hangul.matches_mixed(query, target) is expected


@pytest.mark.parametrize("keys, expected", [
    ("wpfhvpdl", "제로페이"),
    ("cjdsuscnldjqtkrhksgkrry", "청년취업사관학교"),
    ("zoavjtmxkdns", "캠퍼스타운"),
    ("dkssud", "안녕"),
])
def test_keyboard_mode_typos_are_read_as_hangul(keys, expected):
    assert hangul.from_keyboard(keys) == expected


@pytest.mark.parametrize("english", ["zero pay", "SeSAC", "campus town", "123"])
def test_real_latin_words_are_not_read_as_hangul(english):
    assert hangul.from_keyboard(english) is None
