"""search/similar.py must score exactly as rapidfuzz does: the same keys, the same floats, the
same order, at any cutoff. Random strings over a few letters (so that scores land near every
cutoff) and the shipped catalogue's own keys against the eval's queries."""

from __future__ import annotations

import random

import pytest
from rapidfuzz import fuzz, process

from seoul_econ import hangul
from seoul_econ.search import similar


def rapidfuzz_ratios(query, keys, cutoff):
    return [(row, score) for _, score, row in process.extract(query, keys, scorer=fuzz.ratio, score_cutoff=cutoff,
                                                              limit=None)]


def rapidfuzz_partial_ratios(query, keys, cutoff):
    found = process.extract(query, keys, scorer=fuzz.partial_ratio, score_cutoff=cutoff, limit=None)
    return [(row, score) for _, score, row in found if len(keys[row]) > len(query)]


def random_strings(seed, count, longest, alphabet="ㅈㅔㄹㅗㅍㅐㅇㅣab"):
    chance = random.Random(seed)
    return ["".join(chance.choice(alphabet) for _ in range(chance.randint(1, longest))) for _ in range(count)]


@pytest.mark.parametrize("cutoff", [0, 50, 72, 87.5, 100])
@pytest.mark.parametrize("seed", range(4))
def test_ratios_are_rapidfuzz_ratios(seed, cutoff):
    keys = random_strings(seed, 300, 40)
    for query in random_strings(seed + 100, 12, 30):
        assert similar.Needle(query, keys).ratios(cutoff) == rapidfuzz_ratios(query, keys, cutoff), query


@pytest.mark.parametrize("cutoff", [0, 50, 72, 87.5, 100])
@pytest.mark.parametrize("seed", range(4))
def test_partial_ratios_are_rapidfuzz_partial_ratios(seed, cutoff):
    keys = random_strings(seed, 200, 70)
    for query in random_strings(seed + 200, 12, similar.NEEDLE_MAX):
        assert similar.Needle(query, keys).partial_ratios(cutoff) == rapidfuzz_partial_ratios(query, keys, cutoff), query


def test_the_catalogue_keys_score_as_rapidfuzz_scores_them(shipped_path):
    import yaml

    from seoul_econ.library import Library

    from conftest import REPO

    keys = Library(shipped_path).search_index().key_jamo.items
    eval_set = yaml.safe_load((REPO / "eval" / "search_queries.yaml").read_text(encoding="utf-8"))
    queries = [case["query"] for case in eval_set["queries"]]
    assert len(queries) > 700
    for text in queries:
        query = hangul.decompose(hangul.normalize(text))
        if len(query) < 3:
            continue
        assert similar.Needle(query, keys).ratios(72) == rapidfuzz_ratios(query, keys, 72), text
        if len(query) <= similar.NEEDLE_MAX:
            assert similar.Needle(query, keys).partial_ratios(72) == rapidfuzz_partial_ratios(query, keys, 72), text


@pytest.mark.parametrize("keys, query", [
    (random_strings(7, similar.FEW_KEYS + 1, 30), "ㅈㅔㄹㅗㅍㅐㅇㅣ"),                  # many keys
    (random_strings(8, 50, 2 * similar.NEEDLE_MAX) + ["ab" + "ㅈㅔㄹㅗ" * 17 + "ㅍ"], "ㅈㅔㄹㅗ" * 17),  # a long needle
], ids=["many-keys", "long-needle"])
def test_what_the_loops_do_not_score_rapidfuzz_does(keys, query):
    needle = similar.Needle(query, keys)
    assert needle.ratios(50) == rapidfuzz_ratios(query, keys, 50)
    assert needle.partial_ratios(50) == rapidfuzz_partial_ratios(query, keys, 50)
    assert needle.partial_ratios(50), "the case scores something"


def test_the_loops_answer_for_the_shipped_catalogue(shipped_path):
    """Without importing rapidfuzz: the point of the module."""
    import subprocess
    import sys

    code = ("import sys; from seoul_econ.library import Library; from seoul_econ.search.similar import Needle;"
            "keys = Library(sys.argv[1]).search_index().key_jamo.items;"
            "n = Needle('ㅈㅔㄹㅗㅍㅐㅇㅣ', keys); assert n.ratios(72) and n.partial_ratios(72);"
            "print('rapidfuzz' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code, str(shipped_path)], capture_output=True, text=True,
                          check=True, timeout=60).stdout == "False\n"
