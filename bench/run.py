"""Whole-process benchmark of seoul-econ, paired in one run with the interpreter's floor and peers.

    python bench/run.py                      # 1x, 10x and 100x catalogues
    python bench/run.py --sizes 1 --runs 9   # the shipped catalogue only

Every case is a separate process, timed as a user's shell would see it, with the output piped
(no terminal: plain lines, as in a script). Per size: every read command warm (the cache
primed) and, for the growth and cold targets, search, show and list; several kinds of query
(an exact name, a typo, several words, a pasted heading, common words, a name not held); `validate`. Beside them in the same
rounds: `python -c pass` (the floor: the venv's interpreter starting and stopping), jq doing
the name lookup on the catalogue exported as JSON, and sqlite3 doing it with FTS5 on the
SQLite export. Rounds are interleaved (one run of every case a round), so a slow spell of a
shared machine slows every case alike. Prints medians with the interquartile range, ratios to
the floor and to jq, peak RSS, the in-process search time of every eval query by kind
(eval_sweep.py: the typical and the worst), and issue 21's targets as met or MISSED.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import generate  # noqa: E402

BIN = Path(sys.executable).parent
EXE = str(BIN / "seoul-econ") if (BIN / "seoul-econ").exists() else (shutil.which("seoul-econ") or "seoul-econ")
FLOOR = "python -c pass (floor)"
JQ = "jq: name lookup on the JSON export"
FTS = "sqlite3: FTS5 lookup on the SQLite export"
RSS = "peak RSS (MB)"

# Query kinds: what people type (eval/search_queries.yaml has hundreds of each), with two that
# cost the words pass most: words every programme has, and a name the catalogue does not hold
# (looked for by its pieces in every programme holding one).
QUERIES = {"exact": "제로페이", "typo": "제로패이", "words": "청년 일자리 예산",
           "heading": "청년일자리 미스매칭 해소를 위한 청년취업사관학교 조성·운영",
           "common words": "서울 지원 사업 운영", "absent": "기후동행카드"}
SEARCHES = tuple(f"search {kind} --json" for kind in QUERIES)
READ_COMMANDS = {
    "show --json": ["show", "youth-job-academy", "--json"],
    "list --json": ["list", "--json"],
    "list --year 2024": ["list", "--year", "2024"],
    "timeline": ["timeline"],
    "timeline 서울영화센터": ["timeline", "서울영화센터"],
    "budget 캠퍼스타운": ["budget", "캠퍼스타운"],
    "budget --year 2024": ["budget", "--year", "2024"],
    "findings --json": ["findings", "--json"],
    "finding proposal-3": ["finding", "proposal-3"],
    "divisions": ["divisions"],
    "division 대학창업과": ["division", "대학창업과"],
    "compare 2022-01 2024-04": ["compare", "2022-01", "2024-04"],
    "reports": ["reports"],
    "brief 청년취업사관학교": ["brief", "youth-job-academy"],
}
# At 10x and 100x only what the growth, 100x and cold targets name; cold (the build, whatever
# the command) for one search, show and list.
GROWTH = (*SEARCHES, "show --json", "list --json")
COLD = ("search exact --json", "show --json", "list --json")


def search_case(kind: str) -> list[str]:
    return ["search", QUERIES[kind], "--json"]


def cases_for(copies: int) -> dict[str, list[str]]:
    cases = {f"search {kind} --json": [EXE, *search_case(kind)] for kind in QUERIES}
    cases.update({label: [EXE, *args] for label, args in READ_COMMANDS.items()})
    cases["validate"] = [EXE, "validate"]
    if copies > 1:
        cases = {label: command for label, command in cases.items() if label in GROWTH}
    return cases


def time_once(command: list[str], env: dict[str, str]) -> float:
    """Wall-clock seconds of one run. A run that fails stops the benchmark: a quick error is
    not a quick answer (exit 1, nothing found, is an answer, and allowed)."""
    started = time.perf_counter()
    result = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({result.returncode}): {result.stderr.decode()[:300]}")
    return elapsed


def timed_rounds(commands: dict[str, list[str]], env: dict[str, str], rounds: int,
                 before=None) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {label: [] for label in commands}
    for _ in range(rounds):
        for label, command in commands.items():
            if before:
                before()
            times[label].append(time_once(command, env))
    return times


PEAK_RSS = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def peak_rss_mb(command: list[str], env: dict[str, str]) -> float:
    """Peak resident memory of one run, from a fresh wrapper process (the kernel reports the
    largest of all children so far)."""
    out = subprocess.run([sys.executable, "-c", PEAK_RSS, *command], env=env, capture_output=True, text=True)
    return int(out.stdout.strip()) / 1024   # KiB on Linux


def median_ms(times: list[float]) -> float:
    return statistics.median(times) * 1000


def summary(times: list[float]) -> str:
    q = statistics.quantiles(times, n=4) if len(times) >= 4 else [min(times), statistics.median(times), max(times)]
    return f"{median_ms(times):7.1f} ms (IQR {q[0] * 1000:.1f}–{q[2] * 1000:.1f})"


def peers(catalog: Path, workdir: Path, env: dict[str, str]) -> dict[str, list[str]]:
    """The floor and the peers, each doing the name lookup search does, on the same catalogue."""
    found = {FLOOR: [sys.executable, "-c", "pass"]}
    exported = workdir / "export.json"
    with exported.open("w") as out:
        subprocess.run([EXE, "list", "--json"], env=env, stdout=out, check=True)
    if shutil.which("jq"):
        found[JQ] = ["jq", f'[.[] | select(.name | contains("{QUERIES["exact"]}")) | {{id, name}}]', str(exported)]
    if shutil.which("sqlite3"):
        database = workdir / "export.db"
        subprocess.run([EXE, "export", "--format", "sqlite", "-o", str(database)], env=env, check=True,
                       stderr=subprocess.DEVNULL)
        found[FTS] = ["sqlite3", str(database),
                      f"SELECT id, name FROM programs_fts WHERE programs_fts MATCH '\"{QUERIES['exact']}\"' LIMIT 20"]
    return found


def bench_size(copies: int, runs: int, workdir: Path) -> dict[str, float]:
    """Medians (ms; RSS in MB) of every case at one catalogue size, printed as a table."""
    folder = workdir / f"x{copies}"
    catalog = generate.write(copies, folder) if copies > 1 else HERE.parent / "data" / "programs.yaml"
    cache = workdir / f"cache{copies}"
    env = {**os.environ, "SEOUL_ECON_CATALOG": str(catalog), "SEOUL_ECON_CACHE_DIR": str(cache), "NO_COLOR": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)   # as installed: pip compiles the bytecode
    env.pop("COLUMNS", None)
    cases = cases_for(copies)
    folder.mkdir(parents=True, exist_ok=True)
    others = peers(catalog, folder, env)

    def clear_cache() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    for command in cases.values():
        time_once(command, env)   # prime the cache
    time.sleep(2.1)               # data files a clock tick older than their remembered signatures
    for command in cases.values():
        time_once(command, env)
    warm = timed_rounds({**others, **cases}, env, runs)
    cold_cases = {label: command for label, command in cases.items() if label in COLD}
    cold = timed_rounds(cold_cases, env, 2 if copies >= 100 else 3, before=clear_cache)
    for command in cases.values():
        time_once(command, env)
    medians = {label: median_ms(times) for label, times in warm.items()}
    medians.update({f"{label} · cold": median_ms(times) for label, times in cold.items()})
    for label in ("search exact --json", "show --json"):
        medians[f"{RSS} {label}"] = peak_rss_mb(cases[label], env)
    clear_cache()
    medians[f"{RSS} search exact --json · cold"] = peak_rss_mb(cases["search exact --json"], env)
    floor = medians[FLOOR]
    print(f"### catalogue × {copies}\n\n| case | warm median (IQR) | × floor | cold median |\n|---|---|---|---|")
    for label, times in warm.items():
        cold_text = f"{medians[label + ' · cold']:.0f} ms" if label + " · cold" in medians else ""
        print(f"| {label} | {summary(times)} | {medians[label] / floor:.2f}× | {cold_text} |")
    for label, value in medians.items():
        if label.startswith(RSS):
            print(f"| {label} | {value:.0f} MB | | |")
    print(f"\nIn-process search over the eval's queries (bench/eval_sweep.py, × {copies}):\n")
    sweep = subprocess.run([sys.executable, str(HERE / "eval_sweep.py")], env=env, capture_output=True, text=True, check=True)
    print(sweep.stdout)
    return medians


def targets(results: dict[int, dict[str, float]]) -> list[tuple[str, float, float, str]]:
    """(target, measured, limit, unit) for issue 21's targets the run measured."""
    found: list[tuple[str, float, float, str]] = []
    one = results.get(1)
    if one:
        floor = one[FLOOR]
        reads = [label for label in one if label.startswith(("search ", *READ_COMMANDS)) and "·" not in label
                 and not label.startswith(RSS)]
        for label in reads:
            found.append((f"1×: {label} ≤ 2.5× floor", one[label] / floor, 2.5, "×"))
        if JQ in one and "search exact --json" in one:
            found.append(("1×: search exact --json ≤ 1.0× jq", one["search exact --json"] / one[JQ], 1.0, "×"))
        if "validate" in one:
            found.append(("1×: validate ≤ 150 ms warm", one["validate"], 150.0, "ms"))
    for small, large in ((1, 10), (10, 100)):
        if small in results and large in results:
            for label in (c for c in (*SEARCHES, "show --json") if c in results[small] and c in results[large]):
                # growth net of the interpreter's start: the floor does not grow with the catalogue
                grown = (results[large][label] - results[large][FLOOR]) / (results[small][label] - results[small][FLOOR])
                found.append((f"{small}×→{large}×: {label} work grows ≤ 1.3×", grown, 1.3, "×"))
    hundred = results.get(100)
    if hundred:
        found += [(f"100×: {label} ≤ 100 ms", hundred[label], 100.0, "ms") for label in SEARCHES if label in hundred]
        found += [("100×: show --json ≤ 100 ms", hundred["show --json"], 100.0, "ms"),
                  ("100×: list --json ≤ 1 s", hundred["list --json"], 1000.0, "ms"),
                  ("100×: cold search ≤ 3 s", hundred["search exact --json · cold"], 3000.0, "ms"),
                  ("100×: cold search peak RSS ≤ 300 MB", hundred[f"{RSS} search exact --json · cold"], 300.0, "MB"),
                  ("100×: warm search peak RSS ≤ 40 MB", hundred[f"{RSS} search exact --json"], 40.0, "MB"),
                  ("100×: warm show peak RSS ≤ 40 MB", hundred[f"{RSS} show --json"], 40.0, "MB")]
    return found


def target_lines(found: list[tuple[str, float, float, str]]) -> list[str]:
    return [f"- {'met' if value <= limit else 'MISSED'}: {what} (measured {value:.2f}{unit})"
            if unit == "×" else f"- {'met' if value <= limit else 'MISSED'}: {what} (measured {value:.0f} {unit})"
            for what, value, limit, unit in found]


def main() -> int:
    parser = argparse.ArgumentParser(description="seoul-econ whole-process benchmark")
    parser.add_argument("--sizes", default="1,10,100", help="catalogue sizes as multiples of the shipped one")
    parser.add_argument("--runs", type=int, default=9, help="warm rounds per size (fewer at 100×)")
    args = parser.parse_args()
    print(f"seoul-econ benchmark · {time.strftime('%Y-%m-%d')} · {os.cpu_count()} cores · "
          f"Python {sys.version.split()[0]} · {os.uname().machine}\n")
    import compileall

    import seoul_econ

    compileall.compile_dir(Path(seoul_econ.__file__).parent, quiet=1)
    results: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="seoul-econ-bench-") as tmp:
        for copies in (int(s) for s in args.sizes.split(",")):
            results[copies] = bench_size(copies, args.runs if copies < 100 else max(3, args.runs // 2), Path(tmp))
    print("### Issue 21's targets\n")
    print("\n".join(target_lines(targets(results))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
