"""The JSON contract of docs/json.md. A failure here means scripts would break: update the docs
and the changelog on purpose, never just this test."""

from __future__ import annotations

import json

PROGRAM_KEYS = {"id", "name", "name_en", "aliases", "agency", "part_of", "successor_of", "divisions",
                "divisions_not_stated", "tags", "summary", "years", "budgets", "targets", "milestones", "mentions",
                "sources"}
SOURCE_KEYS = {"report", "quote"}
BUDGET_KEYS = {"year", "kind", "amount", "unit", "amount_krw", "period", "note", "year_printed", "includes_parts",
               "source"}
TARGET_KEYS = {"year", "kind", "text", "value", "unit", "note", "source"}
MILESTONE_KEYS = {"date", "end", "status", "event", "note", "source"}
DIVISION_KEYS = {"year", "name", "source"}
DIVISION_NOT_STATED_KEYS = {"year", "reason", "source"}
HIT_KEYS = {"id", "name", "score", "matched", "matched_text", "matched_words", "missing_words", "query_year",
            "year_matched", "weak"}
REPORT_KEYS = {"id", "title", "organization", "agency", "date", "as_of", "occasion", "file", "programs"}


def _check_program(program):
    assert set(program) == PROGRAM_KEYS
    assert all(set(a) == {"name", "report"} for a in program["aliases"])
    for key, keys in (("budgets", BUDGET_KEYS), ("targets", TARGET_KEYS), ("milestones", MILESTONE_KEYS),
                      ("divisions", DIVISION_KEYS), ("divisions_not_stated", DIVISION_NOT_STATED_KEYS)):
        for item in program[key]:
            assert set(item) == keys
            assert set(item["source"]) == SOURCE_KEYS
    assert all(set(m) == SOURCE_KEYS for m in program["mentions"])
    assert all(isinstance(b["amount_krw"], int) for b in program["budgets"])


def test_every_programme_object_has_exactly_the_contract_keys(run):
    for program in run.json("list", "--json"):
        _check_program(program)


def test_show_returns_the_list_object_and_what_it_was_resolved_from(run):
    listed = {p["id"]: p for p in run.json("list", "--json")}
    shown = run.json("show", "campus-town", "--json")
    assert shown == {**listed["campus-town"], "resolved_from": None}
    assert run.json("show", "캠퍼스 타운", "--json")["resolved_from"] is None   # the name, spaced: not a guess
    guessed = run("show", "campus-twn", "--json")
    assert json.loads(guessed.stdout)["resolved_from"] == "campus-twn"
    assert guessed.stderr == "seoul-econ: campus-twn → campus-town\n"


def test_search_hit_keys(run):
    hits = run.json("search", "캠퍼스타운", "--json")
    assert hits and all(set(h) == HIT_KEYS for h in hits)


def test_timeline_and_budget_keys(run):
    assert set(run.json("timeline", "zero-pay", "--json")) == {"id", "name", "milestones", "plans"}
    assert set(run.json("timeline", "--year", "2024", "--json")) == {"from", "to", "programs"}
    assert set(run.json("compare", "2022-01", "2024-04", "--json")) == {
        "before", "after", "new", "continuing", "dropped", "budget_changes", "lineage"}
    assert set(run.json("budget", "zero-pay", "--json")) == {"id", "name", "budgets"}
    summary = run.json("budget", "--year", "2024", "--json")
    assert set(summary) == {"year", "total_krw", "programs"}
    assert all(set(p) == BUDGET_KEYS | {"id", "name", "counted_in_total"} for p in summary["programs"])


def test_report_keys(run):
    assert all(set(r) == REPORT_KEYS for r in run.json("reports", "--json"))
    assert set(run.json("reports", "2024-04", "--json")) == REPORT_KEYS | {"toc"}


def test_validate_keys(run):
    assert set(run.json("validate", "--json")) == {"ok", "path", "reports", "programs", "findings", "quotes", "problems"}


def test_error_object_keys(run):
    import json
    result = run("show", "컴퍼수타워", "--json")
    assert set(json.loads(result.stderr)) == {"error"}
    assert set(json.loads(result.stderr)["error"]) == {"code", "message", "candidates"}


# --- the machine-readable contract: seoul-econ schema --------------------------------------

import jsonschema  # noqa: E402
import pytest  # noqa: E402

from seoul_econ import records  # noqa: E402
from seoul_econ.schema import DEFS  # noqa: E402

SCHEMA_CASES = [
    ("show", ("show", "campus-town", "--json")),
    ("budget_summary", ("budget", "--year", "2024", "--json")),
    ("validate", ("validate", "--json")),
    ("list", ("list", "--json")),
    ("search", ("search", "청년", "--json")),
    ("timeline", ("timeline", "seoul-film-center", "--json")),
    ("timelines", ("timeline", "--from", "2021", "--to", "2022", "--json")),
    ("compare", ("compare", "2019", "2024", "--json")),
    ("divisions", ("divisions", "--year", "2022", "--json")),
    ("division", ("division", "대학창업과", "--json")),
    ("budget", ("budget", "youth-job-academy", "--json")),
    ("reports", ("reports", "--json")),
    ("report", ("reports", "2022-01", "--json")),
    ("findings", ("findings", "--json")),
    ("finding", ("finding", "proposal-2", "--json")),
]


@pytest.mark.parametrize("name, args", SCHEMA_CASES, ids=[name for name, _ in SCHEMA_CASES])
def test_real_output_validates_against_the_printed_schema(run, name, args):
    schema = run.json("schema", name)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(run.json(*args), schema)


def test_errors_validate_against_the_error_schema(run):
    import json
    result = run("show", "청년", "--json")
    jsonschema.validate(json.loads(result.stderr), run.json("schema", "error"))


def test_schema_and_fields_describe_the_same_keys():
    assert tuple(DEFS["program"]["properties"]) == records.PROGRAM_FIELDS == tuple(PROGRAM_KEYS_ORDER)
    assert tuple(DEFS["hit"]["properties"]) == records.HIT_FIELDS
    assert tuple(DEFS["finding"]["properties"]) == records.FINDING_FIELDS


PROGRAM_KEYS_ORDER = ("id", "name", "name_en", "aliases", "agency", "part_of", "successor_of", "divisions",
                      "divisions_not_stated", "tags", "summary", "years", "budgets", "targets", "milestones",
                      "mentions", "sources")


def test_fields_selects_keys_and_lists_them(run):
    listed = run("list", "--fields")
    assert listed.stdout.split() == list(records.PROGRAM_FIELDS)
    picked = run.json("list", "--year", "2024", "--fields", "id,name")
    assert picked and all(set(p) == {"id", "name"} for p in picked)
    result = run("list", "--fields", "id,nope")
    assert result.exit_code == 2 and "nope" in result.stderr and "budgets" in result.stderr
