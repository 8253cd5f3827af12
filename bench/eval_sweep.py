"""In-process search time for every query of the search eval, by kind: the typical and the worst.

    SEOUL_ECON_CATALOG=… python bench/eval_sweep.py

The whole-process cases of run.py time one query of each kind; this times all of the eval's
(eval/search_queries.yaml and the held-out set), as a user types them, with the CLI's default
limit of 20. Each query runs twice and the faster run counts (the first may load a module the
kind needs); the index is loaded once, so the figures are the search alone, without the
interpreter's start (run.py's floor) or the loading of the index.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import yaml

from seoul_econ.library import Library

EVAL = Path(__file__).resolve().parent.parent / "eval"
LIMIT = 20   # the CLI's default --limit
SLOWEST = 5


def queries() -> list[tuple[str, str]]:
    found = []
    for name in ("search_queries.yaml", "search_holdout.yaml"):
        found += [(q["kind"], q["query"]) for q in yaml.safe_load((EVAL / name).read_text(encoding="utf-8"))["queries"]]
    return found


def main() -> int:
    index = Library().search_index()
    timed: list[tuple[float, str, str]] = []
    for kind, text in queries():
        runs = []
        for _ in range(2):
            started = time.perf_counter()
            index.search(text, LIMIT)
            runs.append(time.perf_counter() - started)
        timed.append((min(runs) * 1000, kind, text))
    by_kind: dict[str, list[float]] = {}
    for ms, kind, _ in timed:
        by_kind.setdefault(kind, []).append(ms)
    every = [ms for ms, _, _ in timed]
    print("| kind | queries | median | 90th percentile | max |\n|---|---|---|---|---|")
    for kind, times in [*sorted(by_kind.items()), ("all", every)]:
        ninetieth = statistics.quantiles(times, n=10)[-1] if len(times) >= 10 else max(times)
        print(f"| {kind} | {len(times)} | {statistics.median(times):.1f} ms | {ninetieth:.1f} ms | {max(times):.1f} ms |")
    print("\nslowest: " + "; ".join(f"{text} ({kind}, {ms:.0f} ms)" for ms, kind, text in sorted(timed, reverse=True)[:SLOWEST]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
