"""Properties that must hold for any input (hypothesis)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings, strategies as st

from seoul_econ import divisions, query
from seoul_econ.models import UNIT_WON, amount_in_won

YEARS = st.one_of(st.none(), st.integers(2015, 2026))
WORDS = st.one_of(st.none(), st.sampled_from(["창업", "일자리정책과", "대학창업과", "산업", "과", "첨단산업과"]))


@settings(max_examples=150, deadline=None)
@given(year=YEARS, division=WORDS, agency=st.sampled_from([None, "seoul", "sba"]),
       tag=st.one_of(st.none(), st.sampled_from(["청년", "창업", "바이오", "없는태그"])))
def test_every_filter_returns_a_subset_and_filters_compose(catalog, year, division, agency, tag):
    try:
        chosen = divisions.division_filter(catalog, division)
    except divisions.NotFound:
        return
    everything = query.filter_programs(catalog.programs)
    both = query.filter_programs(catalog.programs, year=year, division=chosen, agency=agency, tag=tag)
    assert set(both) <= set(everything)
    assert set(both) <= set(query.filter_programs(catalog.programs, year=year))
    assert set(both) <= set(query.filter_programs(catalog.programs, agency=agency, tag=tag))
    if year is not None:
        assert all(year in p.years for p in both)


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
