"""Search evaluation: hit@1, hit@3, mean reciprocal rank and empty answers per query kind.

    python eval/evaluate.py [--catalog PATH] [--queries eval/search_queries.yaml] [--misses]

A query expecting a programme id hits at rank k when that id is the k-th result. "ambiguous"
hits when `show` would list candidates instead of guessing; "no_match" when nothing is found.
An empty answer is a query whose search returns nothing at all (right only for "no_match").
The held-out set is scored with --queries eval/search_holdout.yaml.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import yaml

from seoul_econ import query
from seoul_econ.catalog import load_catalog

HERE = Path(__file__).resolve().parent


def _rank(catalog, text: str, expect: str, ids: list[str]) -> int | None:
    """The rank of `expect` given the search result `ids`; 1 for a hit at the top, None for a miss."""
    if expect == "ambiguous":
        try:
            query.resolve_program(catalog, text)
        except query.Ambiguous:
            return 1
        except query.QueryError:
            return None
        return None
    if expect == "no_match":
        return 1 if not ids else None
    return ids.index(expect) + 1 if expect in ids else None


def _outcome(catalog, text: str, expect: str) -> tuple[int | None, bool]:
    """(rank as in rank_of, whether the search answered nothing)."""
    ids = [hit.id for hit in query.search(catalog, text)]
    return _rank(catalog, text, expect, ids), not ids


def rank_of(catalog, text: str, expect: str) -> int | None:
    """1 for a hit at the top; None for a miss."""
    return _outcome(catalog, text, expect)[0]


def evaluate(catalog, queries: list[dict]) -> dict[str, dict[str, float]]:
    ranks: dict[str, list[int | None]] = defaultdict(list)
    empty: dict[str, int] = defaultdict(int)
    for item in queries:
        rank, answered_nothing = _outcome(catalog, item["query"], item["expect"])
        for kind in (item["kind"], "overall"):
            ranks[kind].append(rank)
            empty[kind] += answered_nothing
    return {kind: {"n": len(r), "hit@1": sum(1 for x in r if x == 1) / len(r),
                   "hit@3": sum(1 for x in r if x and x <= 3) / len(r),
                   "mrr": sum(1 / x for x in r if x) / len(r),
                   "empty": empty[kind]} for kind, r in ranks.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--catalog")
    parser.add_argument("--queries", default=str(HERE / "search_queries.yaml"))
    parser.add_argument("--misses", action="store_true", help="list the queries not answered at rank 1")
    args = parser.parse_args()
    catalog = load_catalog(args.catalog)
    queries = yaml.safe_load(Path(args.queries).read_text(encoding="utf-8"))["queries"]
    results = evaluate(catalog, queries)
    print(f"{'kind':<16}{'n':>5}{'hit@1':>8}{'hit@3':>8}{'MRR':>8}{'empty':>7}")
    for kind in sorted(results, key=lambda k: (k == "overall", k)):
        r = results[kind]
        print(f"{kind:<16}{r['n']:>5}{r['hit@1']:>8.3f}{r['hit@3']:>8.3f}{r['mrr']:>8.3f}{r['empty']:>7}")
    if args.misses:
        for item in queries:
            rank = rank_of(catalog, item["query"], item["expect"])
            if rank != 1:
                top = [h.id for h in query.search(catalog, item["query"], 3)]
                print(f"MISS {item['kind']:<14} {item['query']!r} expect={item['expect']} rank={rank} top={top}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
