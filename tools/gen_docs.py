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


OUTPUT_NOTES = """## 출력 형식 (every command)

| `--format` | 어디에 | 모양 |
|---|---|---|
| `table` | 터미널의 기본 | 표. 폭이 좁으면 장식(막대·연도 목록)부터 빼고, id와 수치는 자르지 않으며, 글은 낱말 단위로 줄바꿈. 그래도 안 되면 기록마다 카드로 |
| `plain` | 파이프의 기본 | 한 줄에 한 기록, 탭으로 나눈 칸, 여백·줄바꿈·선 없음. 여러 부분으로 된 출력은 줄마다 부분 이름(`fact`, `budget`, `target`, `milestone`, `plan`, `title`, `note` …)이 첫 칸. 참고 문장은 stderr |
| `json`, `ndjson`, `csv` | 스크립트 | docs/json.md의 계약. `--fields`로 키를 고르고, 값 없이 쓰면 고를 수 있는 키를 보여 줍니다 |
| `md`, `html`, `text` | `brief`만 | 회의용 브리프 |

터미널에서 화면보다 긴 출력은 페이저(`$SEOUL_ECON_PAGER`, `$PAGER`, `less -FRX` 순)로 보여 주며, `--no-pager`나
`SEOUL_ECON_PAGER=cat`이면 끕니다. 파이프에서는 페이저를 쓰지 않습니다. `--catalog`는 명령 앞뒤 어디에나 쓸 수 있습니다."""


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
             "", OUTPUT_NOTES, "", "## seoul-econ", "", "```text", help_text().rstrip(), "```"]
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
