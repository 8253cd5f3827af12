"""Records behave as frozen dataclasses did: immutable, compared by value (line numbers aside),
hashable, picklable, and strict about their arguments."""

from __future__ import annotations

import pickle

import pytest

from seoul_econ.frozen import FrozenRecordError
from seoul_econ.models import Alias, PartialDate, Program, Source


def test_records_compare_and_hash_by_value_but_not_by_yaml_line():
    first, second = Source("2024-04", "'24년 예산 : 660백만원", line=10), Source("2024-04", "'24년 예산 : 660백만원", 99)
    assert first == second and hash(first) == hash(second)
    assert first != Source("2024-04", "다른 인용") and first != ("2024-04", "'24년 예산 : 660백만원")
    assert first.line == 10 and Source("2024-04", "q").line == 0


def test_records_are_immutable():
    alias = Alias("SeSAC", "2024-04")
    with pytest.raises(FrozenRecordError):
        alias.name = "새싹"   # type: ignore[misc]
    with pytest.raises(AttributeError):
        del alias.report


def test_records_refuse_missing_unknown_or_repeated_arguments():
    with pytest.raises(TypeError, match="missing"):
        Alias("SeSAC")
    with pytest.raises(TypeError, match="unexpected or repeated"):
        Alias("SeSAC", None, nickname="x")
    with pytest.raises(TypeError, match="unexpected or repeated"):
        Alias("SeSAC", None, name="x")
    with pytest.raises(TypeError, match="arguments"):
        Alias("a", "b", "c")


def test_records_survive_pickling_with_their_cached_properties(catalog):
    program = next(p for p in catalog.programs if p.budgets and p.milestones)
    assert program.years   # a cached property, stored on the instance
    copy = pickle.loads(pickle.dumps(program, protocol=pickle.HIGHEST_PROTOCOL))
    assert copy == program and copy.years == program.years and isinstance(copy, Program)
    assert repr(PartialDate.parse("2024-H1")) == "PartialDate(text='2024-H1', year=2024, first_month=1, last_month=6)"
