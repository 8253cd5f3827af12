"""Output that reads well at every width and in every pipe (issue 18): what a reader needs is
asserted at 60, 80, 100, 120 and 200 columns, not only that lines fit."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from seoul_econ import labels, spec
from seoul_econ.commands import audit, budget, organisation, programmes, reports, timeline
from seoul_econ.commands.answer import DECORATION, FIGURE, ID, NAME, Facts, Line, Table, resolved
from seoul_econ.library import Library
from seoul_econ.render.emit import Screen, emit
from seoul_econ.render.layout import plan, text_of, width

WIDTHS = [60, 80, 100, 120, 200]
VIEWS = {
    "list": (programmes.list_programs, {}),
    "list --year 2024": (programmes.list_programs, {"year": 2024}),
    "search 청년": (programmes.search, {"text": "청년"}),
    "show 캠퍼스타운": (programmes.show, {"program": "캠퍼스타운"}),
    "show 청년취업사관학교": (programmes.show, {"program": "청년취업사관학교"}),
    "timeline": (timeline.timeline, {}),
    "timeline 서울영화센터": (timeline.timeline, {"program": "서울영화센터"}),
    "timeline --year 2024": (timeline.timeline, {"year": 2024}),
    "budget 캠퍼스타운": (budget.budget, {"program": "캠퍼스타운"}),
    "budget --year 2024": (budget.budget, {"year": 2024}),
    "compare 2022-01 2024-04": (reports.compare, {"before": "2022-01", "after": "2024-04"}),
    "reports": (reports.reports, {}),
    "reports 2022-11": (reports.reports, {"report": "2022-11"}),
    "findings 기술교육원": (audit.findings, {"text": "기술교육원"}),
    "finding correction-1": (audit.finding, {"wanted": "correction-1"}),
    "divisions --year 2022": (organisation.divisions, {"year": 2022}),
    "division 대학창업과": (organisation.division, {"name": "대학창업과"}),
}


@pytest.fixture(scope="module")
def lib() -> Library:
    return Library()


@pytest.fixture(scope="module")
def answers(lib):
    return {name: function(lib, **arguments) for name, (function, arguments) in VIEWS.items()}


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("name", VIEWS)
def test_every_table_keeps_ids_figures_and_words_at_every_width(answers, name, columns):
    answer = answers[name]
    out = emit(answer, "table", screen=Screen(columns)).out
    lines = out.splitlines()
    assert max(width(line) for line in lines) <= columns, "a line is wider than the terminal"
    whole = set(lines)
    flat = squeezed(out)
    for block in resolved(answer.view):
        if not isinstance(block, Table):
            continue
        for row in block.rows:
            for column, cell in zip(block.columns, row, strict=True):
                text = text_of(cell).strip()
                if not text or column.role == DECORATION:
                    continue
                if column.role in (ID, FIGURE):
                    # whole, on one line: never cut, never wrapped
                    assert any(text in line for line in whole), f"{column.header}: {text!r} is not whole"
                else:
                    missing = [word for word in text.split() if squeezed(labels.clean(word)) not in flat]
                    assert not missing, f"{column.header}: words lost {missing}"
        stacked = plan(block, columns) is None   # a card per record: name and id lead it, unlabelled
        for column in block.columns:   # every other field that has a value is named, as a header or a label
            has_value = any(text_of(row[block.columns.index(column)]).strip() for row in block.rows)
            if (column.header and column.role != DECORATION and has_value and block.header
                    and not (stacked and column.role in (ID, NAME))):
                assert column.header in out, f"{name}: column {column.header!r} missing at {columns}"


def test_the_first_commands_a_new_user_runs_show_names_and_ids_at_80_columns(run):
    listing = run.table("list", env={"COLUMNS": "80"}).stdout
    assert "campus-town" in listing and "캠퍼스타운" in listing and "seoul-innovation-growth-fund-culture-content" in listing
    year = run.table("list", "--year", "2024", env={"COLUMNS": "80"}).stdout
    assert "campus-town-ai-startup-with-seoul" in year   # the id people type next, never cut with …
    amounts = run.table("budget", "캠퍼스타운", env={"COLUMNS": "80"}).stdout
    assert "388억 4,600만원" in amounts and "…" not in amounts


def test_a_table_that_cannot_fit_is_stacked_per_record_not_cut(answers):
    narrow = emit(answers["list"], "table", screen=Screen(60)).out
    assert "seoul-innovation-growth-fund-culture-content" in narrow
    lines = narrow.splitlines()
    card = next(i for i, line in enumerate(lines) if "one-person-media-support" in line)
    fields = lines[card + 1:lines.index("", card)]
    assert fields and all(line.startswith("  ") for line in fields)   # the record's fields under its name and id
    assert any("최근 예산" in line and "14억 600만원" in line for line in fields)


def test_a_bare_timeline_names_its_programmes_and_says_how_to_narrow_it(run):
    result = run.table("timeline", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "캠퍼스타운" in result.stdout and "campus-town" in result.stdout
    years = re.findall(r"'(\d\d)", result.stdout.splitlines()[1])
    assert 1 <= len(years) <= timeline.GRID_YEARS
    assert "좁히려면" in result.stdout and "--year" in result.stdout


def test_wrapped_korean_text_loses_no_word(answers):
    finding = next(block for block in resolved(answers["findings 기술교육원"].view) if isinstance(block, Table))
    text = text_of(finding.rows[0][3])
    out = emit(answers["findings 기술교육원"], "table", screen=Screen(80)).out
    assert [w for w in text.split() if w not in out.split()] == []   # every word whole, at a line's word boundary


# --- pipes ------------------------------------------------------------------------------------

@pytest.mark.parametrize("args, rows", [(("list",), 231), (("list", "--year", "2024"), None), (("search", "청년"), 20)])
def test_piped_output_is_one_record_a_line_split_by_tabs(run, catalog, args, rows):
    result = run(*args)
    lines = result.stdout.splitlines()
    if rows == 231:
        assert len(lines) == len(catalog.programs)
    elif rows is not None:
        assert len(lines) == rows
    fields = {len(line.split("\t")) for line in lines}
    assert len(fields) == 1 and fields.pop() >= 3
    assert all(not line.endswith(" ") and "─" not in line for line in lines)   # no padding, no rules
    ids = [line.split("\t")[1 if args[0] == "list" else 2] for line in lines]
    assert all(re.fullmatch(r"[a-z0-9-]+", program_id) for program_id in ids)


def test_piped_output_cuts_like_a_table_file(run):
    """`seoul-econ list | cut -f2` gives the ids, as a script expects."""
    listed = subprocess.run(f"{_exe()} list --year 2024 | cut -f2", shell=True, capture_output=True, text=True,
                            env={**os.environ, "NO_COLOR": "1"}, timeout=60)
    ids = listed.stdout.split()
    assert "campus-town" in ids and all(re.fullmatch(r"[a-z0-9-]+", i) for i in ids)


def test_a_show_in_a_pipe_tags_each_line_with_its_block(run):
    lines = run("show", "캠퍼스타운").stdout.splitlines()
    kinds = {line.split("\t")[0] for line in lines}
    assert {"title", "fact", "budget", "target", "milestone"} <= kinds
    budgets = [line.split("\t") for line in lines if line.startswith("budget\t")]
    assert any(fields[1] == "2024" and "350억 3,700만원" in fields for fields in budgets)


def test_format_table_still_forces_the_table_in_a_pipe(run):
    result = run("list", "--year", "2024", "--format", "table")
    assert "프로그램" in result.stdout and "─" in result.stdout


def test_notes_go_to_stderr_in_a_pipe_and_under_the_table_on_a_terminal(run):
    piped = run("budget", "--year", "2024")
    assert "합계에서 뺐습니다" in piped.stderr and "합계에서 뺐습니다" not in piped.stdout
    table = run.table("budget", "--year", "2024")
    assert "합계에서 뺐습니다" in table.stdout


# --- pager ------------------------------------------------------------------------------------

def _exe() -> str:
    return str(Path(sys.executable).parent / "seoul-econ")


FAKE_PAGER = "import sys, pathlib; pathlib.Path(sys.argv[1]).write_bytes(sys.stdin.buffer.read())"


def on_a_terminal(args: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Run seoul-econ with its stdout on a pseudo-terminal; its exit code and what reached the terminal."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([_exe(), *args], stdout=follower, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                               env={**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "LINES": "20", **env})
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    return process.wait(timeout=60), shown.decode("utf-8", "replace")


@pytest.fixture
def pager(tmp_path):
    """A fake pager that writes what it is given to a file, and that file."""
    seen = tmp_path / "paged.txt"
    return f"{sys.executable} -c '{FAKE_PAGER}' {seen}", seen


def test_long_output_on_a_terminal_goes_through_the_pager(pager):
    command, seen = pager
    code, shown = on_a_terminal(["show", "캠퍼스타운"], {"SEOUL_ECON_PAGER": command})
    assert code == 0 and seen.exists()
    assert "campus-town" in seen.read_text(encoding="utf-8") and "campus-town" not in shown


@pytest.mark.parametrize("args, env", [(["show", "캠퍼스타운", "--no-pager"], {}), (["show", "캠퍼스타운"], {"LINES": "1000"}),
                                       (["show", "zero-pay", "--json"], {})])
def test_no_pager_when_asked_not_to_or_when_it_fits_or_for_machines(pager, args, env):
    command, seen = pager
    code, shown = on_a_terminal(args, {"SEOUL_ECON_PAGER": command, **env})
    assert code == 0 and not seen.exists() and ("캠퍼스타운" in shown or "zero-pay" in shown)


def test_pager_can_be_turned_off_by_the_environment(pager):
    command, seen = pager
    code, shown = on_a_terminal(["show", "캠퍼스타운"], {"SEOUL_ECON_PAGER": "cat", "PAGER": command})
    assert code == 0 and not seen.exists() and "campus-town" in shown


def test_never_a_pager_in_a_pipe(pager):
    command, seen = pager
    result = subprocess.run([_exe(), "show", "캠퍼스타운"], capture_output=True, timeout=60,
                            env={**os.environ, "SEOUL_ECON_PAGER": command, "LINES": "5"})
    assert result.returncode == 0 and not seen.exists() and b"campus-town" in result.stdout


def test_a_terminal_gets_a_table_without_asking(pager):
    code, shown = on_a_terminal(["list", "--year", "2024", "--no-pager"], {})
    assert code == 0 and "─" in shown and "\t" not in shown


# --- help, Korean, options anywhere, --fields ----------------------------------------------------

@pytest.mark.parametrize("command", [c.name for c in spec.COMMANDS])
def test_every_command_help_has_real_examples(run, command):
    out = run(command, "--help").stdout
    examples = [line for line in out.splitlines() if line.strip().startswith(f"seoul-econ {command}")]
    assert "예:" in out and len(examples) >= 2


ENGLISH = re.compile(r"is not one of|Did you mean|No such|Usage|Error|Invalid|Missing|unexpected", re.I)


@pytest.mark.parametrize("args", [["sho", "zero-pay"], ["list", "--format", "xml"], ["list", "--sort", "size"],
                                  ["list", "--bogus"], ["show"], ["show", "a", "b"], ["search", "청년", "-n", "x"],
                                  ["list", "--year", "20x4"], ["list", "--agency", "nasa"]])
def test_usage_errors_are_korean(run, args):
    result = run(*args)
    assert result.exit_code == 2 and result.stderr.startswith("seoul-econ: ")
    assert not ENGLISH.search(result.stderr), result.stderr


def test_did_you_mean_a_command_is_said_in_korean(run):
    assert "혹시: show" in run("sho", "zero-pay").stderr


@pytest.mark.parametrize("word, pair, expected", [("상태", "은/는", "상태는"), ("구분", "은/는", "구분은"),
                                                  ("csv", "을/를", "csv를"), ("html", "을/를", "html을"),
                                                  ("2024", "은/는", "2024는"), ("서울", "으로/로", "서울로"),
                                                  ("SBA", "을/를", "SBA를"), ("값", "이/가", "값이")])
def test_particles_follow_the_final_sound(word, pair, expected):
    assert labels.particle(word, pair) == expected


def test_lineage_is_worded_in_korean(run):
    data = run.table("compare", "2021-06", "2022-01").stdout
    assert "분리" in data and "split" not in data


def test_a_global_option_works_after_the_command(run, small_catalog):
    before = run("--catalog", str(small_catalog), "show", "서울영화센터", "--json")
    after = run("show", "서울영화센터", "--json", "--catalog", str(small_catalog))
    assert before.exit_code == after.exit_code == 0 and before.stdout == after.stdout
    assert json.loads(after.stdout)["id"] == "seoul-film-center"


JSON_COMMANDS = [("timeline", "zero-pay"), ("timeline", "--year", "2024"), ("budget", "zero-pay"),
                 ("budget", "--year", "2024"), ("compare", "2022-01", "2024-04"), ("divisions",),
                 ("division", "대학창업과"), ("finding", "proposal-3"), ("findings",), ("reports",), ("list",),
                 ("search", "청년"), ("show", "zero-pay"), ("validate",)]


@pytest.mark.parametrize("args", JSON_COMMANDS, ids=" ".join)
def test_fields_lists_and_chooses_keys_on_every_command_with_json(run, args):
    listed = run(*args, "--fields")
    assert listed.exit_code == 0
    keys = listed.stdout.split()
    assert keys
    chosen = run.json(*args, "--fields", keys[0])
    items = chosen if isinstance(chosen, list) else [chosen]
    assert items and all(set(item) == {keys[0]} for item in items)
    wrong = run(*args, "--fields", "nope")
    assert wrong.exit_code == 2 and keys[0] in wrong.stderr


def test_json_and_another_format_together_are_refused(run):
    result = run("list", "--json", "--format", "csv")
    assert result.exit_code == 2 and "함께" in result.stderr


HOSTILE = "\x1b[2J\x1b]0;pwned\x07서울\r영화센터"


def test_catalogue_text_cannot_drive_the_terminal(run, small_catalog):
    text = small_catalog.read_text(encoding="utf-8").replace("name: 서울영화센터",
                                                             f"name: \"{HOSTILE.encode('unicode_escape').decode()}\"")
    small_catalog.write_text(text, encoding="utf-8")
    for args in (["show", "seoul-film-center"], ["list"], ["search", "영화"], ["brief", "seoul-film-center", "-f", "text"],
                 ["brief", "seoul-film-center"], ["show", "seoul-film-center", "-f", "table"]):
        result = run("--catalog", str(small_catalog), *args)
        assert result.exit_code == 0, (args, result.stderr)
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", result.stdout.replace("\t", "")), args
        assert "영화센터" in result.stdout


def test_facts_and_lines_are_blocks_of_the_view(answers):
    view = resolved(answers["show 캠퍼스타운"].view)
    assert isinstance(view[0], Line) and isinstance(view[1], Facts)
