"""The search evaluation set (eval/search_queries.yaml) must keep its quality."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import yaml

EVAL = Path(__file__).resolve().parent.parent / "eval"


def _evaluate_module():
    spec = importlib.util.spec_from_file_location("evaluate", EVAL / "evaluate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_evaluation_set_covers_every_kind_and_enough_programmes(catalog):
    queries = yaml.safe_load((EVAL / "search_queries.yaml").read_text(encoding="utf-8"))["queries"]
    ids = {q["expect"] for q in queries} - {"ambiguous", "no_match"}
    assert len(queries) >= 150 and len(ids) >= 60
    assert ids <= {p.id for p in catalog.programs}


def test_hit_at_1_stays_above_the_floor(catalog):
    queries = yaml.safe_load((EVAL / "search_queries.yaml").read_text(encoding="utf-8"))["queries"]
    results = _evaluate_module().evaluate(catalog, queries)
    assert results["overall"]["hit@1"] >= 0.97
    weak = {kind: r["hit@1"] for kind, r in results.items() if r["hit@1"] < 0.85}
    assert not weak
