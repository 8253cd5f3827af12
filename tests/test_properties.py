"""Properties that must hold for any input (hypothesis)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings, strategies as st

from seoul_econ import divisions, query
from seoul_econ.models import UNIT_WON, amount_in_won

YEARS = st.one_of(st.none(), st.integers(2015, 2026))
DIVISION_WORDS = st.one_of(st.none(), st.sampled_from(["창업", "일자리정책과", "대학창업과", "산업", "첨단산업과"]))
TAGS = st.one_of(st.none(), st.sampled_from(["청년", "창업", "바이오", "없는태그"]))


def alone(catalog, year=None, division=None, agency=None, tag=None) -> set[str]:
    """What one filter selects, read off the records directly rather than through filter_programs."""
    chosen = divisions.division_filter(catalog, division)
    return {p.id for p in catalog.programs
            if (year is None or year in p.years)
            and (chosen is None or any(chosen.matches(n) for n in divisions.divisions_for(p, year, catalog.program_by_id)[0]))
            and (agency is None or p.agency == agency)
            and (tag is None or tag in p.tags)}


@settings(max_examples=60, deadline=None)
@given(year=YEARS, division=DIVISION_WORDS, agency=st.sampled_from([None, "seoul", "sba"]), tag=TAGS)
def test_filters_compose_as_the_intersection_of_each_filter_alone(catalog, year, division, agency, tag):
    chosen = divisions.division_filter(catalog, division)
    both = {p.id for p in query.filter_programs(catalog.programs, year=year, division=chosen, agency=agency, tag=tag)}
    # the division filter depends on the year (who ran it then), so it is taken with the year
    assert both == alone(catalog, year=year, division=division) & alone(catalog, agency=agency) & alone(catalog, tag=tag)
    if year is not None:
        assert all(year in catalog.program_by_id[i].years for i in both)


@given(whole=st.integers(0, 10**7), unit=st.sampled_from(sorted(UNIT_WON)))
def test_whole_amounts_normalise_exactly_for_every_unit(whole, unit):
    assert amount_in_won(whole, unit) == whole * UNIT_WON[unit]


@given(tenths=st.integers(0, 10**6), unit=st.sampled_from(["만원", "백만원", "억원", "조원"]))
def test_decimal_amounts_normalise_exactly(tenths, unit):
    printed = tenths / 10   # 1.5억원 and the like, as YAML gives them: floats
    assert amount_in_won(printed, unit) == int(Decimal(str(printed)) * UNIT_WON[unit])
    assert amount_in_won(printed, unit) * 10 == tenths * UNIT_WON[unit]


QUOTE_CHARS = st.sampled_from(list("0123456789,. 억원백만천조명개사*'~:()-") + ["  ", "\t"])


@settings(max_examples=400, deadline=None)
@given(value=st.one_of(st.integers(0, 10**7), st.sampled_from([0, 1, 12, 123, 1617, 11209, 12310, 2000])),
       quote=st.lists(QUOTE_CHARS, max_size=30).map("".join))
def test_the_quick_figure_check_agrees_with_the_full_reading(value, quote):
    from seoul_econ.quotes import numbers_in, printed_in
    assert printed_in(value, quote) == (float(value) in numbers_in(quote))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-10**20, 10**20) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=25)


@settings(max_examples=300, deadline=None)
@given(value=JSON_VALUES)
def test_our_json_writer_writes_what_json_dumps_writes(value):
    import json

    from seoul_econ import machine
    assert machine.to_json(value) == json.dumps(value, ensure_ascii=False, indent=2) + "\n"
    assert machine.to_ndjson([value]) == json.dumps(value, ensure_ascii=False) + "\n"
    assert json.loads(machine.to_json(value)) == value


@settings(max_examples=300)
@given(text=st.text(alphabet=st.sampled_from(list("&<>\"'a가;#x \n\x00\x7f"))) | st.text())
def test_the_html_brief_escapes_as_html_escape_does(text):
    import html

    from seoul_econ.labels import clean
    from seoul_econ.render.brief import escape

    assert escape(text) == html.escape(clean(text))
