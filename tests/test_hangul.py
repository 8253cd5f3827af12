from __future__ import annotations

import unicodedata

import pytest

from seoul_econ import hangul


@pytest.mark.parametrize("typed, expected", [
    ("「서울형 R & D」", "서울형rd"),
    ("서울형R&D", "서울형rd"),
    ("ＳｅＳＡＣ", "sesac"),
    ("뷰티·패션‧산업・과", "뷰티패션산업과"),
    ("게임ㆍe스포츠", "게임e스포츠"),   # ㆍ typed as a middle dot
    ("‘제로페이’", "제로페이"),
    (unicodedata.normalize("NFD", "제로페이"), "제로페이"),   # macOS file names arrive decomposed
])
def test_normalize_ignores_spacing_punctuation_width_and_case(typed, expected):
    assert hangul.normalize(typed) == expected


def test_a_middle_dot_typed_as_araea_parts_words_as_a_middle_dot_does():
    from seoul_econ.search import read_query

    assert read_query("게임ㆍe스포츠 기업").words == read_query("게임·e스포츠 기업").words
    assert "게임" in read_query("게임ㆍe스포츠 기업").words


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


@pytest.mark.parametrize("word, stem", [
    ("제로페이의", "제로페이"), ("청년은", "청년"), ("서울시는", "서울시"), ("판로를", "판로"), ("플랫폼으로", "플랫폼"),
    ("서울로", "서울"), ("시장에서", "시장"), ("성공적", "성공"), ("적극적으로", "적극"), ("얼마인가", "얼마"),
    ("개관하나", "개관"), ("확대되나요", "확대"), ("지원했는지", "지원"),   # questions a sentence asks
])
def test_a_particle_or_ending_comes_off(word, stem):
    assert hangul.stem(word) == stem


@pytest.mark.parametrize("word", [
    "제로페이",   # 이 follows a final consonant; 페 has none
    "전문가",     # 가 follows a vowel; 문 ends in ㄴ
    "회의",       # a stem keeps two syllables
    "여의도", "캠퍼스타운", "청년",
])
def test_a_word_that_only_looks_like_it_ends_in_a_particle_stays_whole(word):
    assert hangul.stem(word) is None


@pytest.mark.parametrize("word, letters", [
    ("에스비에이", "sba"), ("씨이에스", "ces"), ("디엠씨", "dmc"), ("아이피", "ip"), ("알앤디", "r&d"), ("브이", "v"),
    ("아이오티", "iot"), ("엠플러스", "m+"), ("지밸리", "g밸리"), ("지캠프", "g캠프"),
])
def test_korean_readings_spell_latin_letters(word, letters):
    assert hangul.latin_readings(word)[0] == letters


@pytest.mark.parametrize("word", ["지원", "서울", "제", "sba"])
def test_words_that_are_not_letter_names_have_no_reading(word):
    assert hangul.latin_readings(word) == []


@pytest.mark.parametrize("letters, reading", [("dmc", "디엠씨"), ("IP", "아이피"), ("R&D", "알앤디"), ("sba", "에스비에이"),
                                              ("V", "브이")])
def test_latin_letters_are_read_in_korean(letters, reading):
    assert hangul.hangul_readings(letters)[0] == reading


@pytest.mark.parametrize("typed, printed, slips, expected", [
    ("대웅제약", "대웅재약", 1, True),          # ㅔ for ㅐ: one jamo
    ("미스매칭", "미스메칭", 1, True),
    ("영화창작공간", "영화항짝공간", 2, True),  # two syllables, one jamo each
    ("영화창작공간", "영화항짝공간", 1, False),
    ("제로페이", "제로패스", 1, False),         # 스 for 이: more than one jamo
    ("서울", "서울시", 1, False),               # lengths differ
])
def test_near_allows_one_jamo_slips_per_syllable(typed, printed, slips, expected):
    assert hangul.near(typed, printed, slips) is expected


# The str-method forms of normalisation, held to the regular expressions they replace.
import re  # noqa: E402

from hypothesis import given, settings, strategies as st  # noqa: E402

TEXTS = st.text(alphabet=st.sampled_from(list("abcxyz019 &·-_()[]「」ＳＡ＆ａ청년취업사관학교é\t\nßİㆍ’…※²")), max_size=40)


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_normalising_without_regular_expressions_reads_as_they_did(text):
    folded = hangul.fold(text)
    assert hangul.letters_and_digits(folded) == re.sub(r"[\W_]+", "", folded)
    assert hangul.latin_words(folded) == re.findall("[a-z0-9]+", re.sub(r"(?<=[a-z0-9])\s*&\s*(?=[a-z0-9])", "", folded))
    assert hangul.alnum_runs(text) == re.findall(r"[^\W_]+", text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3) | st.sampled_from("ab1 ㄱ"), max_size=300))
def test_jamo_by_arithmetic_and_by_table_agree(text):
    assert hangul.decompose(text) == text.translate(hangul._table("jamo", hangul._syllable_jamo))
    assert hangul.initials(text) == text.translate(hangul._table("initials", hangul._syllable_initial))
