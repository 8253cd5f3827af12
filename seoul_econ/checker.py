"""Field-by-field validation that collects every problem with its location."""

from __future__ import annotations

import datetime
import functools
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from . import models as m
from .labels import particle
from .quotes import printed_in
from .yamlio import line_of

# Every number must fit the exports exactly: finite, and within ±2^53, the integers a double holds
# exactly (JSON readers such as JavaScript, SQLite's REAL; SQLite's INTEGER holds more). That is
# about 9,007조 원, far beyond any budget, so only a typo or a hostile file comes near it.
MAX_NUMBER = 2 ** 53
# The years the tool knows, as --year checks them.
FIRST_YEAR, LAST_YEAR = 1900, 2100


class Checker:
    """Collects problems with their location while records are built."""

    def __init__(self, path: Path):
        self.path = path
        self.problems: list[str] = []

    def problem(self, line: int, where: str, message: str) -> None:
        self.problems.append(f"{self.path}:{line}: {where}: {message}")

    def fields(self, node: Any, where: str, required: tuple[str, ...], optional: tuple[str, ...],
               line: int = 0) -> dict[str, Any] | None:
        """The mapping, after reporting a non-mapping, unknown keys and missing required keys."""
        if not isinstance(node, dict):
            self.problem(line, where, f"매핑(키: 값)이어야 합니다, {_type_name(node)}입니다")
            return None
        if node.keys() <= _allowed(required, optional) and None not in map(node.get, required):
            return node   # the common case, checked in C; the loops below word each problem
        for key in node:
            if key not in required and key not in optional:
                allowed = ", ".join(required + optional)
                self.problem(line_of(node, key), f"{where}.{key}", f"알 수 없는 키입니다 (가능한 키: {allowed})")
        for key in required:
            if node.get(key) is None:
                self.problem(line_of(node), f"{where}.{key}", "필수 항목이 없습니다")
        return node

    def typed(self, node: dict[str, Any], key: str, where: str, kinds: tuple[type, ...], default: Any = None) -> Any:
        value = node.get(key)
        if value is None:
            return default
        # Exactly the type wanted, or a subclass of it; but a bool is not an int here.
        if type(value) not in kinds and (isinstance(value, bool) or not isinstance(value, kinds)):
            wanted = "/".join(_TYPE_NAMES.get(k, k.__name__) for k in kinds)
            self.problem(line_of(node, key), f"{where}.{key}", f"{wanted}이어야 합니다, {_type_name(value)}입니다")
            return default
        if isinstance(value, (int, float)) and not self.fits(line_of(node, key), f"{where}.{key}", value):
            return default
        return value

    def fits(self, line: int, where: str, value: int | float) -> bool:
        """Whether the number is one the exports hold exactly (see MAX_NUMBER); reports it if not."""
        if -MAX_NUMBER <= value <= MAX_NUMBER:   # False for inf and nan too
            return True
        self.problem(line, where, f"수는 유한하고 절댓값이 2^53({MAX_NUMBER:,}) 이하여야 합니다: {value}")
        return False

    def text(self, node: dict[str, Any], key: str, where: str) -> str | None:
        value = node.get(key)
        if type(value) is str and value.strip():
            return value   # the common case, without the calls below
        value = self.typed(node, key, where, (str,))
        if value is not None and not value.strip():
            self.problem(line_of(node, key), f"{where}.{key}", "빈 문자열입니다")
            return None
        return value

    def choice(self, node: dict[str, Any], key: str, where: str, allowed: tuple[str, ...] | dict[str, Any]) -> str | None:
        value = self.text(node, key, where)
        if value is not None and value not in allowed:
            self.problem(line_of(node, key), f"{where}.{key}", f"{particle(repr(value), '은/는')} 허용되지 않습니다 (가능: {', '.join(allowed)})")
            return None
        return shared(value)

    def label(self, node: dict[str, Any], key: str, where: str) -> str | None:
        """Text drawn from a small set that repeats across records (units, division names)."""
        return shared(self.text(node, key, where))

    def date(self, node: dict[str, Any], key: str, where: str) -> m.PartialDate | None:
        value = node.get(key)
        if value is None:
            return None
        try:
            return parse_date(str(value))
        except m.DateError as error:
            self.problem(line_of(node, key), f"{where}.{key}", str(error))
            return None

    def year(self, node: dict[str, Any], key: str, where: str) -> int | None:
        value = self.typed(node, key, where, (int,))
        if value is not None and not FIRST_YEAR <= value <= LAST_YEAR:
            self.problem(line_of(node, key), f"{where}.{key}", f"연도가 범위({FIRST_YEAR}–{LAST_YEAR})를 벗어났습니다: {value}")
            return None
        return value

    def record(self, node: Any, where: str, line: int, spec: dict[str, tuple[str, bool]]) -> dict[str, Any] | None:
        """Check a mapping against spec (key → (kind, required)); the values, or None if any
        required one is missing or wrong. Kinds: text, int, number, date, source, list, mapping."""
        required = tuple(k for k, (_, needed) in spec.items() if needed)
        node = self.fields(node, where, required, tuple(k for k in spec if k not in required), line)
        if node is None:
            return None
        values = {key: self._value(node, key, where, kind) for key, (kind, _) in spec.items()}
        if any(values[key] is None for key in required):
            return None
        return values

    def _value(self, node: dict[str, Any], key: str, where: str, kind: str) -> Any:
        if kind == "text":
            return self.text(node, key, where)
        if kind == "int":
            return self.typed(node, key, where, (int,))
        if kind == "number":
            return self.typed(node, key, where, (int, float))
        if kind == "date":
            return self.date(node, key, where)
        if kind == "source":
            return source(self, node, where, key) if key in node else None
        if kind == "list":
            return self.typed(node, key, where, (list,))
        if kind == "mapping":
            return self.typed(node, key, where, (dict,))
        raise ValueError(kind)

    def items(self, node: dict[str, Any], key: str, where: str) -> Iterator[tuple[str, Any, int]]:
        """(where, item, line) for each element of a list field; reports a non-list."""
        value = node.get(key)
        if value is None:
            return
        if not isinstance(value, list):
            self.problem(line_of(node, key), f"{where}.{key}", f"목록이어야 합니다, {_type_name(value)}입니다")
            return
        prefix = f"{where}.{key}" if where else key
        for index, item in enumerate(value):
            line = line_of(item) if isinstance(item, dict) else line_of(node, key)
            item_id = item.get("id") if isinstance(item, dict) else None
            # A record with an id is named by it: programs[campus-town] says more than programs[41].
            yield f"{prefix}[{item_id if isinstance(item_id, str) else index}]", item, line


def parse_date(text: str) -> m.PartialDate:
    """A catalogue date: its form (PartialDate.parse), a year the tool knows, and a day that the
    calendar has (no 2024-02-30)."""
    date = m.PartialDate.parse(text)
    if not FIRST_YEAR <= date.year <= LAST_YEAR:
        raise m.DateError(f"연도가 범위({FIRST_YEAR}–{LAST_YEAR})를 벗어났습니다: {text!r}")
    if len(text) == len("2024-06-18"):
        try:
            datetime.date(date.year, date.first_month, int(text[-2:]))
        except ValueError:
            raise m.DateError(f"달력에 없는 날짜입니다: {text!r}") from None
    return date


def shared(value: str | None) -> str | None:
    """One string object for all equal values of a repeating field: the cache then stores it
    once (pickle writes a reference for a repeat of the same object) and loads it once."""
    return None if value is None else sys.intern(value)


@functools.cache
def _allowed(required: tuple[str, ...], optional: tuple[str, ...]) -> frozenset[str]:
    return frozenset(required + optional)


_TYPE_NAMES = {str: "문자열", int: "정수", float: "실수", list: "목록", dict: "매핑"}


def _type_name(value: Any) -> str:
    if value is None:
        return "빈 값"
    if isinstance(value, dict):
        return "매핑"
    return _TYPE_NAMES.get(type(value), type(value).__name__)


_SOURCE_KEYS = {"report", "quote"}


def source(c: Checker, node: dict[str, Any], where: str, key: str = "source") -> m.Source | None:
    src = node.get(key)
    if type(src) is dict and src.keys() == _SOURCE_KEYS:   # the common case, without building messages
        report, quote = src["report"], src["quote"]
        if type(report) is str and type(quote) is str and report.strip() and quote.strip():
            return m.Source(shared(report), quote, line_of(src))
    src = c.fields(node.get(key), f"{where}.{key}", ("report", "quote"), (), line_of(node, key))
    if src is None:
        return None
    report, quote = c.text(src, "report", f"{where}.{key}"), c.text(src, "quote", f"{where}.{key}")
    if report is None or quote is None:
        return None
    return m.Source(shared(str(report)), quote, line_of(src))


def check_number(c: Checker, node: dict[str, Any], key: str, where: str, value: Any, source: m.Source | None) -> None:
    """A figure must be printed in its own quote: the quote is the proof of the number."""
    if source is None or value is None:
        return
    if not printed_in(value, source.quote):
        c.problem(line_of(node, key), f"{where}.{key}", f"{particle(str(value), '이/가')} 출처 인용에 없습니다: {source.quote!r}")


