"""Regenerate the command reference from the real --help texts.

    python tools/gen_docs.py          # rewrite README.md's command table and docs/cli.md
    python tools/gen_docs.py --check  # exit 1 if either has drifted (tests run this)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from typer.testing import CliRunner

from seoul_econ.cli import app

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- commands:start -->", "<!-- commands:end -->"
ENV = {"NO_COLOR": "1", "COLUMNS": "100", "TERM": "dumb"}


def commands() -> list[str]:
    import typer.main

    return list(typer.main.get_command(app).commands)   # in the order they are declared


def help_text(*args: str) -> str:
    result = CliRunner().invoke(app, [*args, "--help"], env=ENV, prog_name="seoul-econ")
    return result.stdout.rstrip() + "\n"


def first_line(text: str) -> str:
    body = text.split("\n\n", 2)[1] if "\n\n" in text else text
    return " ".join(body.split())


def _cell(text: str) -> str:
    return text.replace("|", "\\|")   # a pipe inside a Markdown table cell


def readme_table() -> str:
    rows = ["| 명령 | 하는 일 |", "|---|---|"]
    for name in commands():
        usage = help_text(name).splitlines()[0].replace("사용법: seoul-econ ", "").replace(" [OPTIONS]", "")
        rows.append(f"| `{_cell(usage)}` | {_cell(first_line(help_text(name)).rstrip('.'))} |")
    return "\n".join(rows)


def cli_doc() -> str:
    parts = ["# 명령 설명서 (command reference)", "",
             "이 파일은 `python tools/gen_docs.py`가 실제 `--help`에서 만듭니다. 손으로 고치지 마세요.",
             "", "## seoul-econ", "", "```text", help_text().rstrip(), "```"]
    for name in commands():
        parts += ["", f"## seoul-econ {name}", "", "```text", help_text(name).rstrip(), "```"]
    return "\n".join(parts) + "\n"


def updated_readme(text: str) -> str:
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
    return pattern.sub(lambda _: f"{START}\n{readme_table()}\n{END}", text)


def main() -> int:
    readme_path, cli_path = ROOT / "README.md", ROOT / "docs" / "cli.md"
    wanted_readme = updated_readme(readme_path.read_text(encoding="utf-8"))
    wanted_cli = cli_doc()
    if "--check" in sys.argv:
        stale = [p.name for p, want in ((readme_path, wanted_readme), (cli_path, wanted_cli))
                 if not p.exists() or p.read_text(encoding="utf-8") != want]
        if stale:
            print(f"out of date: {', '.join(stale)} (run python tools/gen_docs.py)", file=sys.stderr)
            return 1
        return 0
    readme_path.write_text(wanted_readme, encoding="utf-8")
    cli_path.write_text(wanted_cli, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
