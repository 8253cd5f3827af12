"""Whole-process benchmark of seoul-econ, with jq and plain PyYAML side by side.

    python bench/run.py                 # shipped, 10x and 100x catalogues, 7 runs each
    python bench/run.py --sizes 1 --runs 5

For each catalogue size it times, as separate processes: --version; search 청년 --json;
show <id> --json; list --year 2024 (table); validate — each warm (cache primed) and cold (empty
cache). Beside them: jq filtering the same catalogue exported as JSON, and
`python -c "import yaml; yaml.safe_load(...)"` on the same YAML. Also the peak RSS of search,
and `python -c pass` as a gauge of how fast the (shared) machine is at the time. Runs are
interleaved, a round of every case at a time. Prints a Markdown table (medians, with the
interquartile range), the ratios, and issue 8's targets as met or MISSED.
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
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import generate  # noqa: E402

EXE = shutil.which("seoul-econ") or str(Path(sys.executable).parent / "seoul-econ")


def time_once(command: list[str], env: dict[str, str]) -> float:
    """Wall-clock seconds of one run. A run that fails stops the benchmark: a quick error is
    not a quick answer."""
    started = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def timed_rounds(commands: dict[str, list[str]], env: dict[str, str], rounds: int,
                 before: Callable[[], None] | None = None) -> dict[str, list[float]]:
    """Seconds of each run of each command, one run of every command per round. Interleaved, so
    a slow spell of a shared machine slows every case alike, not whichever case ran during it."""
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
    """Peak resident memory of one run. A fresh wrapper process, because the kernel's figure for
    children is the largest of all children so far (earlier cold runs would count)."""
    out = subprocess.run([sys.executable, "-c", PEAK_RSS, *command], env=env, capture_output=True, text=True)
    return int(out.stdout.strip()) / 1024   # KiB on Linux


def summary(times: list[float]) -> str:
    median = statistics.median(times) * 1000
    q = statistics.quantiles(times, n=4) if len(times) >= 4 else [min(times), median / 1000, max(times)]
    return f"{median:7.0f} ms (IQR {q[0] * 1000:.0f}–{q[2] * 1000:.0f})"


def bench_size(copies: int, runs: int, workdir: Path) -> list[tuple[str, str, float]]:
    catalog = generate.write(copies, workdir / f"x{copies}") if copies > 1 else HERE.parent / "data" / "programs.yaml"
    cache = workdir / f"cache{copies}"
    env = {**os.environ, "SEOUL_ECON_CATALOG": str(catalog), "SEOUL_ECON_CACHE_DIR": str(cache), "NO_COLOR": "1",
           "COLUMNS": "120"}
    # As installed: bytecode compiled once (pip does it at install; a source checkout on first run).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    show_id = "youth-job-academy"
    exported = workdir / f"x{copies}.json"
    with exported.open("w") as out:
        subprocess.run([EXE, "list", "--json"], env=env, stdout=out, check=True)

    def clear_cache() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    cases = {"--version": [EXE, "--version"], "search 청년 --json": [EXE, "search", "청년", "--json"],
             "show --json": [EXE, "show", show_id, "--json"], "list --year 2024 (table)": [EXE, "list", "--year", "2024"],
             "validate": [EXE, "validate"]}
    for command in cases.values():
        time_once(command, env)   # prime the cache
    others = {BASELINE: [sys.executable, "-c", "pass"]}
    if shutil.which("jq"):
        others[JQ] = ["jq", '[.[] | select(.name | contains("청년")) | {id, name}]', str(exported)]
    warm = timed_rounds({**cases, **others}, env, runs)
    cold_cases = {label: command for label, command in cases.items() if label != "--version"}
    cold = timed_rounds(cold_cases, env, max(3, runs // 2) if copies < 100 else 2, before=clear_cache)
    rows: list[tuple[str, str, float]] = [(BASELINE, summary(warm[BASELINE]), statistics.median(warm[BASELINE]))]
    for label in cases:
        rows.append((f"{label} · warm", summary(warm[label]), statistics.median(warm[label])))
        if label in cold:
            rows.append((f"{label} · cold", summary(cold[label]), statistics.median(cold[label])))
    if JQ in warm:
        rows.append((JQ, summary(warm[JQ]), statistics.median(warm[JQ])))
    pyyaml = [time_once([sys.executable, "-c", f"import yaml; yaml.safe_load(open({str(catalog)!r}, encoding='utf-8'))"],
                        env) for _ in range(max(3, runs // 2) if copies < 100 else 1)]
    rows.append(("python -c 'yaml.safe_load(...)'", summary(pyyaml), statistics.median(pyyaml)))
    subprocess.run([EXE, "search", "청년", "--json"], env=env, stdout=subprocess.DEVNULL)
    rss = peak_rss_mb([EXE, "search", "청년", "--json"], env)
    rows.append((RSS, f"{rss:7.0f} MB", rss))
    return rows


RSS = "peak RSS of search (MB)"
# How fast the machine is right now: a shared machine's spells of slowness show here first.
BASELINE = "python -c pass (interpreter start-up)"
JQ = "jq: names containing 청년 (exported JSON)"
# Issue 8's targets, by catalogue size: (what, case, limit). Times in seconds, medians of warm
# runs unless the case says cold; "/ jq" is the ratio of the two medians; RSS in MB.
TARGETS = {
    1: [("search --json ≤ 100 ms", "search 청년 --json · warm", 0.100),
        ("show --json ≤ 100 ms", "show --json · warm", 0.100),
        ("table ≤ 150 ms", "list --year 2024 (table) · warm", 0.150),
        ("search --json within 3× of jq", "search 청년 --json · warm / jq", 3.0),
        ("show --json within 3× of jq", "show --json · warm / jq", 3.0)],
    100: [("search --json ≤ 250 ms", "search 청년 --json · warm", 0.250),
          ("search --json no slower than jq", "search 청년 --json · warm / jq", 1.0),
          ("validate ≤ 10 s (warm)", "validate · warm", 10.0),
          ("validate ≤ 10 s (cold)", "validate · cold", 10.0),
          ("peak RSS of search ≤ 150 MB", RSS, 150.0)],
}


def target_lines(copies: int, medians: dict[str, float]) -> list[str]:
    lines = []
    for what, case, limit in TARGETS.get(copies, []):
        base, over_jq, _ = case.partition(" / jq")
        value = medians[base] / medians[JQ] if over_jq else medians[base]
        shown = f"{value:.2f}×" if over_jq else f"{value:.0f} MB" if base == RSS else f"{value * 1000:.0f} ms"
        lines.append(f"- {'met' if value <= limit else 'MISSED'}: {what} (measured {shown})")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description="seoul-econ whole-process benchmark")
    parser.add_argument("--sizes", default="1,10,100", help="catalogue sizes as multiples of the shipped one")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    print(f"seoul-econ benchmark · {os.cpu_count()} cores · Python {sys.version.split()[0]}\n")
    import compileall
    import seoul_econ

    compileall.compile_dir(Path(seoul_econ.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory(prefix="seoul-econ-bench-") as tmp:
        for copies in (int(s) for s in args.sizes.split(",")):
            rows = bench_size(copies, args.runs, Path(tmp))
            print(f"### catalogue × {copies}\n\n| case | median (IQR) |\n|---|---|")
            for label, text, _ in rows:
                print(f"| {label} | {text} |")
            medians = {label: value for label, _, value in rows}
            jq = medians.get(JQ)
            if jq:
                print(f"\nsearch --json (warm) / jq: {medians['search 청년 --json · warm'] / jq:.2f}×; "
                      f"show --json (warm) / jq: {medians['show --json · warm'] / jq:.2f}×")
                print("", *target_lines(copies, medians), sep="\n")
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
