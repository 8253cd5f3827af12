"""The words pass of search: how a query is read, and the ranking rules for several words."""

from __future__ import annotations

import pytest

from seoul_econ import models as m
from seoul_econ import query
from seoul_econ.search import SearchIndex, read_query
from seoul_econ.search import scores
from seoul_econ.search import words as words_pass
from seoul_econ.search.build import build_index


def program(program_id: str, name: str, summary: str = "", *, part_of: str | None = None, aliases: tuple[str, ...] = (),
            tags: tuple[str, ...] = (), events: tuple[str, ...] = (), quotes: tuple[str, ...] = (),
            years: tuple[int, ...] = ()) -> m.Program:
    source = m.Source("r", "인용")
    milestones = tuple(m.Milestone(m.PartialDate.parse("2024"), None, "done", event, None, source) for event in events)
    mentions = tuple(m.Source("r", quote) for quote in quotes)
    return m.Program(program_id, name, None, tuple(m.Alias(a, None) for a in aliases), "seoul", part_of, None, tags,
                     summary, (), (), (), milestones, mentions, years)


def index(*programs: m.Program, headings: dict[str, tuple[list[str], list[str]]] | None = None) -> SearchIndex:
    """An index of programmes among twenty others about something else, so that no word of a
    test is common (in more than scores.GENERIC_SHARE of the programmes) unless it says so."""
    others = [program(f"other-{i}", f"도시농업 텃밭 {i}", "도시 농업 체험") for i in range(20)]
    return build_index([*programs, *others], headings)


def ids(found: SearchIndex, text: str) -> list[str]:
    return [hit.id for hit in found.search(text)]


# --- reading a query --------------------------------------------------------------------------

@pytest.mark.parametrize("text, words", [
    ("제로페이의 성공적 안착", ("제로페이", "성공", "안착")),
    ("플랫폼으로 판로를 넓히는", ("플랫폼", "판로", "넓히")),
    ("청년은 서울시는 홍보가", ("청년", "서울시", "홍보")),
])
def test_particles_and_endings_come_off(text, words):
    assert read_query(text).words == words


@pytest.mark.parametrize("word", ["제로페이", "전문가", "회의", "여의도", "판로"])
def test_words_that_only_look_like_they_end_in_a_particle_stay_whole(word):
    assert read_query(word).words == (word,)


def test_connectives_question_words_and_numbering_are_read_past():
    reading = read_query("① 청년 일자리 및 창업 지원을 위한 예산은 얼마인가")
    assert reading.words == ("청년", "일자리", "창업", "지원")
    assert set(reading.ignored) >= {"①", "및", "위한", "얼마인가"}
    assert reading.optional == ("예산",)


@pytest.mark.parametrize("heading", ["1. 제로페이 확산", "① 제로페이 확산", "가. 제로페이 확산", "(1) 제로페이 확산",
                                     "Ⅱ. 제로페이 확산", "□ 제로페이 확산", "①① 제로페이 확산"])
def test_heading_numbering_is_not_a_word(heading):
    assert read_query(heading).words == ("제로페이", "확산")


@pytest.mark.parametrize("text, year", [("캠퍼스타운 2024 예산", 2024), ("'24년 청년취업사관학교 목표", 2024),
                                        ("24년 목표", 2024), ("’22년도 실적", 2022), ("2019년 캠퍼스타운", 2019),
                                        ("캠퍼스타운 2.0", None), ("청년 일자리", None)])
def test_the_year_is_read_and_is_not_a_word(text, year):
    reading = read_query(text)
    assert reading.year == year
    assert not any(word.isdigit() for word in reading.words)


def test_latin_and_hangul_parts_of_one_word_are_words_of_their_own():
    assert read_query("서울로봇AI과학관").words == ("서울로봇", "ai", "과학관")
    assert read_query("마포 핀테크 2랩").words == ("마포", "핀테크", "2랩")   # a lone syllable stays with its number


@pytest.mark.parametrize("text, reading", [("에스비에이", "sba"), ("씨이에스", "ces"), ("디엠씨", "dmc"),
                                           ("아이피", "ip"), ("알앤디", "rd"), ("브이", "v"), ("지밸리", "g밸리")])
def test_korean_readings_of_latin_letters_are_spellings(text, reading):
    assert reading in read_query(text).parts[0].readings


@pytest.mark.parametrize("text, reading", [("DMC", "디엠씨"), ("IP", "아이피"), ("R&D", "알앤디"), ("SBA", "에스비에이"),
                                           ("V", "브이")])
def test_latin_letters_are_read_in_korean(text, reading):
    assert reading in read_query(text).parts[0].readings


def test_listing_is_read_from_connectives_and_commas():
    assert read_query("상생상회 및 농부의 시장").listing
    assert read_query("시네마테크, 서울애니메이션센터").listing
    assert not read_query("서울핀테크랩 마포").listing


# --- ranking ------------------------------------------------------------------------------------

def test_every_word_counts_in_any_order():
    found = index(program("a", "제로페이", "소상공인 결제 수수료를 낮추는 간편결제"),
                  program("b", "소상공인 경영 지원", "소상공인 상담"))
    assert ids(found, "수수료 제로페이")[0] == "a"
    assert ids(found, "제로페이 수수료")[0] == "a"


def test_programmes_with_all_words_come_before_those_with_some():
    found = index(program("some", "양재 AI 허브 양재 캠퍼스"),          # two of the three words, in its name
                  program("all", "혁신지구", "양재 일대의 AI 기업 집적 혁신지구 조성"))   # all three, one in its name
    hits = found.search("양재 AI 기업")
    assert [hit.id for hit in hits] == ["all", "some"]
    assert not hits[0].weak and hits[1].weak
    assert hits[1].missing_words == ("기업",)


def test_a_rare_word_outweighs_a_common_one():
    common = [program(f"c{i}", f"지원 사업 {i}", "서울시 지원") for i in range(6)]
    found = index(*common, program("rare", "무신사 협업", "패션 판로"))
    assert ids(found, "무신사 지원")[0] == "rare"


def test_name_fields_outrank_details():
    found = index(program("detail", "패션 판로", events=("무신사 입점",)), program("summary", "판로 컨설팅", "무신사 입점 상담"),
                  program("name", "무신사 입점 지원"))
    hits = found.search("입점 무신사")
    assert [(hit.id, hit.matched) for hit in hits] == [("name", "name"), ("summary", "summary"), ("detail", "detail")]


def test_the_ladder_stays_above_word_matches():
    found = index(program("named", "청년취업사관학교"),
                  program("worded", "청년 교육", "청년취업사관학교 수료생 교육"))
    exact, words = found.search("청년취업사관학교")[:2]
    assert exact.id == "named" and exact.score >= scores.MIN_SCORE > scores.WORD_TOP >= words.score


def test_a_query_that_fits_a_parent_and_its_parts_alike_ranks_the_parent_first():
    found = index(program("mapo", "청년취업사관학교 마포 캠퍼스", "청년 디지털 직업교육", part_of="academy"),
                  program("academy", "청년취업사관학교", "청년 디지털 직업교육"))
    hits = found.search("청년취업사관학교 직업교육")
    assert [hit.id for hit in hits] == ["academy", "mapo"] and hits[0].score == hits[1].score


def test_a_parts_own_words_rank_that_part_first():
    found = index(program("lab", "서울핀테크랩", "핀테크 기업 보육"),
                  program("yeouido", "여의도 핀테크 1랩", "성장 기업", part_of="lab"),
                  program("mapo", "마포 핀테크 2랩", "초기 기업", part_of="lab"))
    assert ids(found, "서울핀테크랩 마포")[0] == "mapo"
    assert ids(found, "핀테크 여의도")[0] == "yeouido"


def test_a_query_naming_two_parts_or_listing_them_means_the_family():
    # Each part's texts also mention the other, so each holds every word: only the family rule
    # puts the parent, which holds both in its parts' names, first.
    found = index(program("whole", "캠퍼스타운 종합형", "단위형과 함께 대학 주변 활성화", part_of="town"),
                  program("unit", "캠퍼스타운 단위형", "종합형과 함께 대학 창업 공간", part_of="town"),
                  program("town", "캠퍼스타운", "대학 연계 창업"))
    assert ids(found, "캠퍼스타운 종합형 단위형")[0] == "town"
    assert ids(found, "종합형 및 단위형")[0] == "town"


def test_a_listing_of_a_programme_and_its_part_means_the_programme():
    found = index(program("fund", "서울바이오펀드", "바이오 기업 투자", part_of="cluster"),
                  program("cluster", "홍릉 바이오 클러스터", "바이오 의료 거점"))
    assert ids(found, "홍릉 바이오 클러스터와 서울바이오펀드")[0] == "cluster"   # A와 B: both
    assert ids(found, "홍릉 서울바이오펀드")[0] == "fund"                         # A's B


def test_a_pasted_heading_that_is_a_name_is_an_exact_match():
    hit = index(program("hub", "서울창업허브")).search("② 서울창업허브")[0]
    assert (hit.id, hit.score, hit.matched) == ("hub", scores.EXACT["name"], "name")


def test_a_year_ranks_first_the_programmes_with_facts_in_it():
    found = index(program("old", "캠퍼스타운 창업", years=(2019,)), program("new", "캠퍼스타운 성장", years=(2024,)))
    hits = found.search("캠퍼스타운 2024 예산")
    assert hits[0].id == "new" and hits[0].query_year == 2024 and hits[0].year_matched
    assert hits[1].id == "old" and hits[1].year_matched is False and hits[1].weak


def test_a_heading_pasted_with_numbering_finds_its_section():
    found = index(program("zero", "제로페이", "간편결제"), program("other", "소상공인 결제 지원", "결제 확산"),
                  headings={"zero": (["⑤ 제로페이의 성공적 안착 및 이용 확산"], [])})
    hit = found.search("⑤ 제로페이의 성공적 안착 및 이용 확산")[0]
    assert hit.id == "zero" and hit.matched_words == ("제로페이", "성공", "안착", "이용", "확산") and not hit.weak


def test_a_word_with_an_ocr_slip_is_still_found():
    found = index(program("magok", "마곡 산업단지", quotes=("11개사 착공[㈜ 대웅재약 등)]",)), program("other", "바이오 허브"))
    hit = found.search("대웅제약")[0]
    assert hit.id == "magok" and hit.matched == "heading" and hit.weak


def test_a_short_query_whose_subject_is_nowhere_finds_nothing():
    found = index(program("a", "서울시 창업 지원", "기업 등록 지원"), program("b", "청년 지원", "청년 등록"))
    assert found.search("반려동물 등록") == []
    assert ids(found, "기업 등록")


def test_a_long_query_is_never_empty_when_a_telling_word_of_it_is_found():
    found = index(program("a", "서울시 창업 지원", "기업 등록 지원"), program("b", "청년 교육", "청년 상담"))
    hits = found.search("반려동물 등록 절차와 수수료 안내 방법")
    assert [hit.id for hit in hits] == ["a"] and hits[0].weak


def test_word_hits_carry_what_was_read():
    found = index(program("a", "제로페이", "가맹점 확대", years=(2024,)))
    hit = found.search("제로페이 가맹점 2024")[0]
    assert (hit.matched_words, hit.missing_words, hit.query_year, hit.year_matched, hit.weak) == (
        ("제로페이", "가맹점"), (), 2024, True, False)


def test_the_first_hits_are_exact_whatever_the_limit():
    programs = [program(f"p{i}", f"서울 {'청년 ' * (i % 3)}지원 {i}", "청년 창업 지원" if i % 2 else "기업 지원")
                for i in range(40)]
    found = index(*programs)
    for text in ("청년 지원", "서울 창업", "기업 청년 서울"):
        everything = found.search(text)
        assert [hit.score for hit in everything] == sorted((hit.score for hit in everything), reverse=True)
        for limit in (1, 5, 17):
            assert found.search(text, limit) == everything[:limit]


def test_a_bound_is_never_below_the_checked_score(catalog):
    """The exact order of word hits rests on it: a programme waits under a bound, and is passed
    over once a checked programme scores above it."""
    from pathlib import Path

    import yaml

    queries = yaml.safe_load((Path(__file__).resolve().parent.parent / "eval" / "search_queries.yaml")
                             .read_text(encoding="utf-8"))["queries"]
    found = query.search_index(catalog)
    for text in [q["query"] for q in queries] + ["1", "E", "소요예산", "서울 2024", "대웅제약 마곡"]:
        words = words_pass._Words(found, read_query(text))
        if not words.total:
            continue
        for position, first in words._first_bounds().items():
            closer, hit = words._bound(position), words._check(position)
            assert closer is None or closer <= first, text
            assert hit is None or (closer is not None and hit.score <= closer), (text, hit)


def test_a_bound_weighs_a_word_by_its_own_field():
    """A word in an alias only, or in a parent's name only, is bounded at what that field gives,
    not at the heaviest field it once shared a class with (a name's 1, a part's 1): a bound at
    the checked score lets the words pass stop checking sooner in a large catalogue."""
    found = index(program("parent", "해오름 물류 플랫폼"),
                  program("child", "새벽 배송 센터", aliases=("가락 배송센터",), part_of="parent"))
    child = found.ids.row_of("child")
    for text in ("가락", "해오름"):
        words = words_pass._Words(found, read_query(text))
        words._first_bounds()
        assert words._bound(child) == words._check(child).score, text


def test_candidates_join_a_field_at_a_time_as_far_as_the_answer_reaches():
    """The programmes holding a word only in a quote are not bounded while a name's holder
    answers: in a large catalogue a common word has thousands of them."""
    quoted = [program(f"quoted-{i}", f"물류 거점 {i}", quotes=("해오름 관련 인용",)) for i in range(40)]
    found = index(program("named", "해오름 센터"), *quoted)
    words = words_pass._Words(found, read_query("해오름"))
    batches = words._candidates()
    first, ceiling = next(batches)
    assert [found.ids[p] for p, _ in first] == ["named"]
    assert ceiling < first[0][1]            # the quoted ones may score less: they wait
    assert sum(len(batch) for batch, _ in batches) == 40
    assert next(iter(words_pass._Words(found, read_query("해오름")).ranked()))[1].id == "named"


# --- the shipped catalogue: the issue's examples -------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("제로페이의 성공적 안착", "zero-pay"),
    ("제로페이 가맹점", "zero-pay"),
    ("청년일자리 미스매칭 해소를 위한 청년취업사관학교 조성·운영", "youth-job-academy"),
    ("제로페이의 성공적 안착 및 이용 확산", "zero-pay"),
    ("양재 일대 글로벌 AI 플랫폼 거점 도약", "yangjae-ai"),
    ("(이커머스 판로) 비대면 국내·외 유통플랫폼 활용 판로확대·매출증진", "fashion-online-sales-ecommerce"),
    ("캠퍼스타운 2024 예산", "campus-town"),
    ("'24년 청년취업사관학교 목표", "youth-job-academy"),
    ("청년취업사관학교 영등포", "youth-job-academy-yeongdeungpo"),
])
def test_the_issues_examples(catalog, text, expected):
    assert query.search(catalog, text)[0].id == expected


@pytest.mark.parametrize("reading, latin", [("에스비에이", "SBA"), ("씨이에스", "CES"), ("디엠씨", "DMC")])
def test_a_reading_finds_what_the_letters_find(catalog, reading, latin):
    assert query.search(catalog, reading)[0].id == query.search(catalog, latin)[0].id


def test_several_words_find_more_than_one_does_not(catalog):
    one, two = query.search(catalog, "소상공인"), query.search(catalog, "소상공인 지원")
    assert two and {hit.id for hit in one} & {hit.id for hit in two[:5]}


def test_show_picks_a_word_match_that_holds_every_word_and_leads(catalog):
    assert query.resolve_program(catalog, "제로페이의 성공적 안착").id == "zero-pay"
    assert query.resolve_program(catalog, "청년취업사관학교 예산").id == "youth-job-academy"   # its parts tie: the parent
    with pytest.raises(query.Ambiguous):
        query.resolve_program(catalog, "서울 지원")


# Reading a query without regular expressions, held to the expressions it replaces.
import re  # noqa: E402

from hypothesis import given, settings, strategies as st  # noqa: E402

from seoul_econ import hangul  # noqa: E402
from seoul_econ.search import reading  # noqa: E402

YEAR_PATTERNS = ((re.compile(r"(?<![0-9a-z.])((?:19|20)[0-9]{2})(?:년도?)?(?![0-9])"), 0),
                 (re.compile(r"['‘’`´]\s?([0-9]{2})(?:년도?)?(?![0-9])"), 2000),
                 (re.compile(r"(?<![0-9.'‘’`´])([0-9]{2})년도?(?![0-9])"), 2000))
# Pieces that meet at the edges the expressions test: years beside letters, dots, apostrophes,
# 년/년도 and more digits; & between letters; commas before digits; numbering and bullets.
QUERY_PIECES = ["2024", "1999", "24", "3", "19", "20", "년", "년도", "'", "’", "`", ".", ",", "a", "v", "i", "x", "&", "r",
                " ", "\t", "청년", "가", "마", "(", ")", "]", "①", "□", "-", "·", "１", "ㆍ", "_", "…", "²"]
QUERY_TEXT = st.lists(st.sampled_from(QUERY_PIECES), max_size=10).map("".join)


def year_by_regex(text):
    for pattern, century in YEAR_PATTERNS:
        match = pattern.search(text)
        if match:
            return century + int(match.group(1)), match.start(), match.end()
    return None


@settings(max_examples=1500, deadline=None)
@given(QUERY_TEXT)
def test_query_reading_without_regular_expressions_reads_as_they_did(text):
    assert reading.find_year(text) == year_by_regex(text)
    joined = re.sub(r"(?<=[a-z0-9])\s*&\s*(?=[a-z0-9])", "&", text)
    assert hangul.join_ampersands(text, "&") == joined
    assert reading._chunks(joined) == re.findall(r"[^\W_]+(?:&[^\W_]+)*", joined)
    assert reading._lists_by_comma(text) == bool(re.search(r",(?!\d)", text))
    if re.match(reading.NUMBERING, text) and re.match(reading.NUMBERING, text).group().strip():
        assert reading._may_be_numbered(text)   # the cheap test never skips numbering the expression finds
    norm = hangul.normalize(text)
    assert hangul.non_latin_runs(norm) == re.findall("[^a-z0-9]+", norm)
    assert hangul.alnum_runs(text) == re.findall(r"[^\W_]+", text)
    for chunk in reading._chunks(joined):
        assert reading._script_runs(chunk) == re.findall("[a-z0-9&]+|[^a-z0-9&]+", chunk)


@pytest.mark.parametrize("query, year", [("2024년 청년취업사관학교", 2024), ("'24 캠퍼스타운", 2024), ("’ 23년도 예산", 2023),
                                         ("24년도 예산", 2024), ("제로페이 2019", 2019), ("v2024 플랫폼", None),
                                         ("1,000억 예산", None), ("2024년5월", 2024)])
def test_a_year_beside_a_name_is_read_as_the_year(query, year):
    assert reading.read_query(query).year == year


def test_a_question_about_a_programme_finds_it(run):
    """The verb ending of a question (개관하나) is read off like a particle, so the programme's
    name is not outweighed by a word found nowhere."""
    data = run.json("search", "서울영화센터는 언제 개관하나", "--json")
    assert data[0]["id"] == "seoul-film-center"
