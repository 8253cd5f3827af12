from __future__ import annotations

import pytest

from seoul_econ.models import PartialDate, DateError, amount_in_won
from seoul_econ.quotes import numbers_in
from seoul_econ.labels import printed_amount as format_printed, won as format_krw


@pytest.mark.parametrize("amount, unit, won", [
    (11209, "백만원", 11_209_000_000),
    (16091929, "천원", 16_091_929_000),
    (1.5, "억원", 150_000_000),
    (2000, "억원", 200_000_000_000),
    (1.2, "조원", 1_200_000_000_000),
    (5000, "만원", 50_000_000),
    (7, "원", 7),
])
def test_amounts_normalise_exactly_to_won(amount, unit, won):
    assert amount_in_won(amount, unit) == won


def test_fraction_of_a_won_is_refused():
    with pytest.raises(ValueError):
        amount_in_won(0.5, "원")


@pytest.mark.parametrize("won, text", [
    (11_209_000_000, "112억 900만원"),
    (16_091_929_000, "160억 9,192만 9,000원"),
    (660_000_000, "6억 6,000만원"),
    (1_200_000_000_000, "1조 2,000억원"), (10**12, "1조원"),
    (0, "0원"),
])
def test_format_krw_is_exact_korean_grouping(won, text):
    assert format_krw(won) == text


def test_format_printed_keeps_the_reports_unit():
    assert format_printed(11209, "백만원") == "11,209백만원"
    assert format_printed(1.5, "억원") == "1.5억원"


@pytest.mark.parametrize("quote, number", [
    ("'24년 예산 : 11,209백만원", 11209),
    ("1.617백만원", 1617),                # the OCR's thousands dot
    ("2천억원", 2000),
    ("1조 2,310억원", 12310),
    ("128,830  72,998", 72998),          # table cells stay apart
])
def test_numbers_in_reads_every_printed_form(quote, number):
    assert float(number) in numbers_in(quote)


def test_numbers_in_does_not_join_neighbouring_cells():
    assert 12883072998.0 not in numbers_in("128,830  72,998")


@pytest.mark.parametrize("text, year, first, last", [
    ("2024", 2024, 1, 12), ("2024-06", 2024, 6, 6), ("2024-06-18", 2024, 6, 6),
    ("2024-H2", 2024, 7, 12), ("2024-Q3", 2024, 7, 9),
])
def test_partial_dates(text, year, first, last):
    date = PartialDate.parse(text)
    assert (date.year, date.first_month, date.last_month, str(date)) == (year, first, last, text)


@pytest.mark.parametrize("bad", ["2024-13", "24-06", "2024-H3", "2024-06-31x", "June"])
def test_bad_dates_are_refused(bad):
    with pytest.raises(DateError):
        PartialDate.parse(bad)


def test_partial_dates_sort_year_then_month_then_precision():
    texts = ["2025-07", "2024", "2024-06-18", "2024-06", "2024-H2"]
    ordered = sorted((PartialDate.parse(t) for t in texts), key=lambda d: d.sort_key)
    assert [str(d) for d in ordered] == ["2024", "2024-06", "2024-06-18", "2024-H2", "2025-07"]
