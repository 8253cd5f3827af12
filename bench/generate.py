"""Make a larger catalogue for benchmarks: N copies of every real programme under new names.

    python bench/generate.py 100 /tmp/catalog-100x

Names are recombined from the parts of real names (서울 + 청년 + 창업 + 센터 …), ids get a
suffix, and every fact keeps its real quote, so the result validates against the real report
texts (copied beside it) exactly like the shipped catalogue.
"""

from __future__ import annotations

import json
import random
import shutil
import sys
from pathlib import Path

import yaml

from seoul_econ.hangul import normalize

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


def name_parts(programs: list[dict]) -> list[str]:
    parts = sorted({word for p in programs for word in p["name"].split() if len(word) >= 2})
    return parts


def unique_name(rng: random.Random, parts: list[str], taken: set[str]) -> str:
    while True:
        name = " ".join(rng.sample(parts, 3))
        if normalize(name) not in taken:
            taken.add(normalize(name))
            return name


def scaled(document: dict, copies: int, seed: int = 2024) -> dict:
    rng = random.Random(seed)
    originals = document["programs"]
    parts = name_parts(originals)
    programs = list(originals)
    taken = {normalize(n) for p in originals for n in (p["name"], *(a["name"] for a in p.get("aliases", [])))}
    for copy in range(1, copies):
        for program in originals:
            clone = json.loads(json.dumps(program))
            clone["id"] = f"{program['id']}-x{copy}"
            clone["name"] = unique_name(rng, parts, taken)
            for alias in clone.get("aliases", []):   # validate refuses a name two programmes share
                alias["name"] = f"{alias['name']} {copy}"
            for link in ("part_of", "successor_of"):
                if clone.get(link):
                    clone[link] = f"{clone[link]}-x{copy}"
            programs.append(clone)
    return {"reports": document["reports"], "programs": programs}


def write(copies: int, target: Path) -> Path:
    """The scaled catalogue as target/programs.yaml (block YAML), report texts beside it."""
    document = yaml.load((DATA / "programs.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(DATA / "sources", target / "sources", dirs_exist_ok=True)
    path = target / "programs.yaml"
    text = yaml.dump(scaled(document, copies), Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=200)
    path.write_text(text, encoding="utf-8")
    return path


if __name__ == "__main__":
    print(write(int(sys.argv[1]), Path(sys.argv[2])))
