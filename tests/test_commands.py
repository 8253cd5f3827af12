"""Every command body called as a plain function, without typer or the fast lane: parsed
arguments and a Library in, an Answer out (commands/answer.py)."""

from __future__ import annotations

import pytest

from seoul_econ import spec
from seoul_econ.commands import audit, brief, budget, export, meta, organisation, programmes, reports, timeline
from seoul_econ.commands.answer import Answer, Facts, Line, Table, resolved
from seoul_econ.errors import Ambiguous, NotFound, QueryError
from seoul_econ.library import Library


@pytest.fixture(scope="module")
def lib() -> Library:
    return Library()


def keys_of(answer: Answer) -> set[str]:
    document = resolved(answer.document)
    items = document if isinstance(document, list) else [document]
    return {key for item in items for key in item}


def blocks(answer: Answer) -> list:
    view = resolved(answer.view)
    assert view and all(isinstance(block, (Table, Facts, Line)) for block in view)
    return view


CALLS = [
    (programmes.search, {"text": "청년취업사관학교"}, "youth-job-academy"),
    (programmes.show, {"program": "campus-town"}, "campus-town"),
    (programmes.list_programs, {"year": 2024, "division": "대학창업"}, "campus-town"),
    (timeline.timeline, {"program": "서울영화센터"}, "seoul-film-center"),
    (timeline.timeline, {"division": "첨단산업과", "year": 2024}, "yangjae-ai"),
    (budget.budget, {"program": "캠퍼스타운"}, "campus-town"),
    (budget.budget, {"year": 2024, "division": "일자리"}, "youth-job-academy"),
    (reports.reports, {}, "2024-04"),
    (reports.reports, {"report": "2024-04"}, "seoul-film-center"),
    (reports.compare, {"before": "2022-01", "after": "2024-04"}, "campus-town"),
    (audit.findings, {"text": "기술교육원"}, "seoul-tech-education-institute"),
    (audit.finding, {"wanted": "proposal-3"}, "proposal-3"),
    (organisation.divisions, {"year": 2022}, "2022-01"),
    (organisation.division, {"name": "대학창업과"}, "캠퍼스타운활성화과"),
    (brief.brief, {"program": "zero-pay"}, "zero-pay"),
    (meta.validate, {}, "programs"),
]


@pytest.mark.parametrize("function, arguments, expected", CALLS,
                         ids=[f"{f.__module__.rsplit('.', 1)[-1]}.{f.__name__}({a})" for f, a, _ in CALLS])
def test_each_command_returns_an_answer_holding_what_was_asked(lib, function, arguments, expected):
    answer = function(lib, **arguments)
    assert isinstance(answer, Answer) and answer.status == 0 and answer.empty is None
    assert expected in repr(resolved(answer.document))
    declared = answer.document_fields
    if declared is not None:
        assert keys_of(answer) <= set(declared)
    if function is not brief.brief:   # a brief's view is its document, rendered as md/html/text
        blocks(answer)


def test_every_command_of_the_spec_names_a_function_that_exists():
    from importlib import import_module

    for command in spec.COMMANDS:
        module, name = command.function.split(":")
        function = getattr(import_module(f"seoul_econ.commands.{module}"), name)
        parameters = set(function.__code__.co_varnames[1:function.__code__.co_argcount])
        passed = {a.dest for a in command.arguments} | {o.dest for o in command.all_options} - {
            "format", "as_json", "fields", "no_pager", "catalog"} - ({"output"} if command.output else set())
        if command.name == "export":
            passed |= {"format"}
        assert passed == parameters, command.name


@pytest.mark.parametrize("function, arguments", [
    (programmes.search, {"text": "없는사업명칭아무것도"}),
    (programmes.list_programs, {"tag": "없는태그"}),
    (timeline.timeline, {"division": "R&D사업팀"}),   # a division whose programmes have no milestones
    (audit.findings, {"text": "우주정거장"}),
])
def test_nothing_found_is_an_empty_answer_not_an_error(lib, function, arguments):
    answer = function(lib, **arguments)
    assert answer.status == 1 and answer.empty
    assert resolved(answer.document) == []


@pytest.mark.parametrize("function, arguments, error", [
    (programmes.show, {"program": "청년"}, Ambiguous),
    (programmes.show, {"program": "컴퍼수타워xyz"}, NotFound),
    (programmes.search, {"text": "!!!"}, QueryError),
    (programmes.search, {"text": "청년", "limit": 0}, QueryError),
    (timeline.timeline, {"start": 2024, "end": 2019}, QueryError),
    (reports.compare, {"before": "2024-04", "after": "2024"}, QueryError),
    (audit.findings, {"status": "끝남"}, QueryError),
    (brief.brief, {}, QueryError),
    (export.export, {"format": "sqlite"}, QueryError),
    (meta.schema, {"name": "nope"}, QueryError),
])
def test_bad_questions_raise_the_documented_errors(lib, function, arguments, error):
    with pytest.raises(error):
        function(lib, **arguments)


def test_a_guessed_name_is_remarked_on_and_an_exact_one_is_not(lib):
    guessed = programmes.show(lib, "campus-twn")
    assert guessed.remarks == ("campus-twn → campus-town",)
    assert resolved(guessed.document)["resolved_from"] == "campus-twn"
    for exact in ("campus-town", "캠퍼스타운", "캠퍼스 타운"):
        answer = programmes.show(lib, exact)
        assert answer.remarks == () and resolved(answer.document)["resolved_from"] is None


def test_export_answers_with_files_not_a_view(lib, tmp_path):
    folder = export.export(lib, format="csv", output=tmp_path)
    assert "budgets.csv" in resolved(folder.files) and folder.view == ()
    single = export.export(lib, format="csv", table="budgets")
    assert set(single.files) == {""} and single.files[""].startswith("program_id,")


@pytest.mark.parametrize("function, arguments", [
    (programmes.list_programs, {}), (programmes.list_programs, {"year": 2024, "sort": "budget"}),
    (programmes.show, {"program": "campus-town"}), (programmes.show, {"program": "campus-twn"}),
])
def test_the_cached_json_text_is_what_the_document_writes(lib, function, arguments):
    from seoul_econ import machine

    answer = function(lib, **arguments)
    text = resolved(answer.json_text)
    assert (text.decode() if isinstance(text, bytes) else text) == machine.to_json(resolved(answer.document))
