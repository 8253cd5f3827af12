"""Reading quotes from the OCR'd reports: whitespace-blind matching and the numbers a quote prints."""

from __future__ import annotations

import re

_SPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"\d[\d,.]*")
# Korean multipliers written after digits: 2천억원 = 2,000억원, 1조 2,310억원 = 12,310억원.
_THOUSANDS = re.compile(r"(\d+(?:\.\d+)?)\s*천")
_HUNDREDS = re.compile(r"(\d+(?:\.\d+)?)\s*백")
_TEN_THOUSANDS = re.compile(r"(\d+(?:\.\d+)?)\s*만")
_TRILLION_PLUS = re.compile(r"(\d+)\s*조\s*([\d,]+)\s*억")


def squeeze(text: str) -> str:
    """Text with all whitespace removed: OCR spacing ("경 제 정 책 과") must not decide a match."""
    return _SPACE.sub("", text)


_DIGITS = re.compile(r"\d+")


def printed_in(value: int | float, quote: str) -> bool:
    """Whether the quote prints value in any reading numbers_in allows.

    Whole numbers are first looked for directly: the value's digits as a whole digit run of
    the quote with its separators removed. That is exactly numbers_in's "separators removed"
    reading of a token, so the shortcut accepts nothing the full reading would refuse; every
    other case (decimals, 2천억, 1조 2,310억) takes the full reading.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        if str(value) in _DIGITS.findall(quote.replace("**", "").replace(",", "").replace(".", "")):
            return True
    return float(value) in numbers_in(quote)


def numbers_in(quote: str) -> set[float]:
    """Every number a quote prints, in each reading the OCR allows.

    `1,234` and `1.234` (the OCR's thousands dot) both give 1234; `1.5` also gives 1.5;
    `2천` gives 2000; `1조 2,310억` gives 12310 (in 억).
    """
    # Not squeezed: whitespace separates the cells of a flattened table ("128,830  72,998").
    # Markdown bold from the OCR can split a number ("**75**,4**51백만원**"): drop the markers.
    text = quote.replace("**", "")
    found: set[float] = set()
    for match in _NUMBER.finditer(text):
        token = match.group().rstrip(".,").replace(",", "")
        for reading in {token, token.replace(".", "")}:
            try:
                found.add(float(reading))
            except ValueError:
                pass  # "1.2.3": not a number in this reading
    for pattern, factor in ((_THOUSANDS, 1000), (_HUNDREDS, 100), (_TEN_THOUSANDS, 10000)):
        found.update(float(match.group(1)) * factor for match in pattern.finditer(text))
    for match in _TRILLION_PLUS.finditer(text):
        found.add(float(match.group(1)) * 10000 + float(match.group(2).replace(",", "")))
    return found
