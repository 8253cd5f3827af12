"""Who runs each programme, in each report: stated, inherited from the parent, or explicitly not stated.

The catalogue promises an answer for every (programme, report) pair, so that `--division`
does not silently leave out a programme whose report was never read for it.
"""

from __future__ import annotations

import threading

import pytest

from seoul_econ import divisions, query
from seoul_econ.catalog import load_catalog
from seoul_econ.errors import CatalogError
from seoul_econ.models import DivisionNotStated, DivisionRef, Source
from seoul_econ.quotes import squeeze

# Names a division quote prints differently from the organisation table (OCR misreadings).
OCR_SPELLINGS = {"애니타운팀": "에니타운팀", "뷰티산업본부": "부티산업본부"}


def uncovered(catalog, programs) -> list[tuple[str, str]]:
    """(programme, report) pairs no entry speaks for, with inheritance through `programs`."""
    return [(p.id, report) for p in catalog.programs for report in p.sources
            if not divisions.division_entries(p, report, programs)[1]]


def test_every_programme_says_who_runs_it_in_every_report_it_appears_in(catalog):
    assert uncovered(catalog, catalog.program_by_id) == []


def test_the_coverage_depends_on_inheritance(catalog):
    # Without the parent chain the parts are uncovered: the test above relies on inheritance.
    missing = uncovered(catalog, None)
    assert ("seoul-companion-jobs", "2024-04") in missing
    assert len(missing) > 100


def test_every_named_division_is_a_unit_of_that_reports_organisation(catalog):
    """Names as the report's organisation table spells them, so that --division and lineage find
    them. A unit the tables do not list (a 반 they omit, like 2019-09's 도시제조업거점반, or a body
    outside the 실 that a report names as 주관부서) cannot be checked against them: its name must
    then be printed in its own quote."""
    units = {o.report: {u.name for u in o.units} for o in catalog.organisations}
    unknown = [(p.id, d.source.report, d.name) for p in catalog.programs for d in p.divisions
               if d.name not in units.get(d.source.report, set())
               and squeeze(d.name) not in squeeze(d.source.quote)]
    assert unknown == []


def test_every_division_quote_names_the_division_or_is_one_of_its_duties(catalog):
    duties = {(o.report, u.name): [squeeze(d.source.quote) for d in u.duties]
              for o in catalog.organisations for u in o.units}
    unproven = []
    for p in catalog.programs:
        for d in p.divisions:
            quote = squeeze(d.source.quote)
            printed = {squeeze(d.name), squeeze(OCR_SPELLINGS.get(d.name, d.name))}
            own_duties = duties.get((d.source.report, d.name), [])
            if not any(name in quote for name in printed) and not any(
                    quote in duty or duty in quote for duty in own_duties):
                unproven.append((p.id, d.source.report, d.name, d.source.quote))
    assert unproven == []


def test_a_part_inherits_its_parents_division(catalog):
    companion = catalog.program_by_id["seoul-companion-jobs"]   # 서울 동행일자리, part of 공공일자리 약자동행
    assert companion.divisions == () and companion.divisions_not_stated == ()
    assert divisions.division_entries(companion, "2024-04", catalog.program_by_id)[0] == "public-jobs-companionship"
    assert divisions.divisions_for(companion, 2024, catalog.program_by_id) == (("일자리정책과",), 2024)
    assert divisions.divisions_for(companion, 2024) == ((), None)   # no map, no inheritance
    chosen = divisions.division_filter(catalog, "일자리정책과")
    assert companion in query.filter_programs(catalog.programs, year=2024, division=chosen)


def test_inheritance_climbs_the_whole_chain(catalog):
    lab = catalog.program_by_id["seoul-bio-hub-lab"]   # → 서울바이오허브 (no 2019 entry) → 홍릉 바이오
    assert lab.part_of == "seoul-bio-hub"
    assert divisions.division_entries(lab, "2019-09", catalog.program_by_id)[0] == "hongneung-bio"
    assert divisions.divisions_for(lab, 2019, catalog.program_by_id)[0] == ("거점성장추진단",)


def test_a_part_whose_report_names_another_unit_keeps_its_own(catalog):
    complex_ = catalog.program_by_id["seoul-beauty-complex"]   # part of SBA's 뷰티산업 활성화 지원
    parent = catalog.program_by_id[complex_.part_of]
    assert [d.name for d in parent.divisions] == ["뷰티산업전략팀"]
    names = [d.name for d in divisions.division_entries(complex_, "2022-11", catalog.program_by_id)[1]]
    assert names == ["뷰티기업육성팀"]


def test_not_stated_is_recorded_and_never_matched(catalog, run):
    hub = catalog.program_by_id["seoul-job-startup-talent-hub"]   # its parent 서울창업허브 names two teams
    holder, entries = divisions.division_entries(hub, "2022-11", catalog.program_by_id)
    assert holder == hub.id and all(isinstance(e, DivisionNotStated) for e in entries)
    assert divisions.divisions_for(hub, 2022, catalog.program_by_id) == ((), None)
    for name in divisions.known_divisions(catalog):
        assert hub not in query.filter_programs(catalog.programs, division=divisions.division_filter(catalog, name))
    shown = run.json("show", "dmc-data-center", "--json")
    assert shown["divisions"] == []
    assert shown["divisions_not_stated"][0]["source"]["report"] == "2019-09"
    assert shown["divisions_not_stated"][0]["reason"]


def test_the_largest_2024_jobs_budgets_are_found_by_their_division(run):
    data = run.json("budget", "--year", "2024", "--division", "일자리정책과", "--json")
    ids = [p["id"] for p in data["programs"]]
    assert {"seoul-companion-jobs", "seoul-new-deal-jobs", "youth-job-academy"} <= set(ids)
    assert ids[0] == "seoul-companion-jobs"   # 87,905백만원, the largest


def test_a_named_division_stands_until_a_later_report_names_another(catalog):
    # 서울형 뉴딜일자리: 2022-01 and 2024-04 name 일자리정책과; asked for 2023, the 2022 statement stands.
    new_deal = catalog.program_by_id["seoul-new-deal-jobs"]
    assert divisions.divisions_for(new_deal, 2023, catalog.program_by_id) == (("일자리정책과",), 2022)


# --- validation of the entries ---------------------------------------------------------------

DUTY = "창조산업 육성 및 거점 조성, 서울 XR 산업 생태계 조성 및 지원"


def _with_divisions(small_catalog, *entries: str):
    text = small_catalog.read_text(encoding="utf-8")
    block = "    divisions:\n" + "".join(f"      - {entry}\n" for entry in entries)
    small_catalog.write_text(text.replace("    budgets:\n", block + "    budgets:\n", 1), encoding="utf-8")
    return small_catalog


def test_a_not_stated_entry_loads_into_its_own_field(small_catalog):
    path = _with_divisions(small_catalog, '{year: 2024, not_stated: 보고서에 부서 표시가 없음, '
                                          'source: {report: 2024-04, quote: "서울영화센터 건립"}}')
    program = load_catalog(path, check_quotes=True).programs[0]
    assert program.divisions == ()
    assert program.divisions_not_stated == (DivisionNotStated(2024, "보고서에 부서 표시가 없음",
                                                              Source("2024-04", "서울영화센터 건립")),)
    assert "2024-04" in program.sources


@pytest.mark.parametrize("entry, words", [
    (f'{{year: 2024, name: 창조산업과, not_stated: 모름, source: {{report: 2024-04, quote: "{DUTY}"}}}}', "하나만"),
    (f'{{year: 2024, source: {{report: 2024-04, quote: "{DUTY}"}}}}', "하나만"),
    (f'{{year: 2022, name: 창조산업과, source: {{report: 2024-04, quote: "{DUTY}"}}}}', "연도 2022"),
    (f'{{year: 2024, name: 창조산업과, reason: x, source: {{report: 2024-04, quote: "{DUTY}"}}}}', "알 수 없는 키"),
])
def test_a_malformed_division_entry_is_reported(small_catalog, entry, words):
    with pytest.raises(CatalogError) as caught:
        load_catalog(_with_divisions(small_catalog, entry))
    assert any(words in problem and "divisions" in problem for problem in caught.value.problems)


def test_a_report_cannot_both_name_and_not_state_the_division(small_catalog):
    path = _with_divisions(small_catalog, f'{{year: 2024, name: 창조산업과, source: {{report: 2024-04, quote: "{DUTY}"}}}}',
                           '{year: 2024, not_stated: 없음, source: {report: 2024-04, quote: "서울영화센터 건립"}}')
    with pytest.raises(CatalogError) as caught:
        load_catalog(path)
    assert any("not_stated도" in problem for problem in caught.value.problems)


def test_a_part_of_cycle_ends_instead_of_looping(small_catalog):
    text = small_catalog.read_text(encoding="utf-8")
    program = text[text.index("  - id: seoul-film-center"):]
    twin = program.replace("id: seoul-film-center", "id: twin").replace("name: 서울영화센터", "name: 쌍둥이").replace(
        "    agency: seoul\n", "    agency: seoul\n    part_of: seoul-film-center\n", 1)
    text = text.replace("    agency: seoul\n    summary", "    agency: seoul\n    part_of: twin\n    summary", 1)
    small_catalog.write_text(text + twin, encoding="utf-8")
    catalog = load_catalog(small_catalog)
    answers = []
    worker = threading.Thread(target=lambda: answers.extend(
        (divisions.division_entries(p, "2024-04", catalog.program_by_id), divisions.divisions_for(p, None, catalog.program_by_id))
        for p in catalog.programs), daemon=True)   # a loop that never ends must fail the test, not hang it
    worker.start()
    worker.join(timeout=10)
    assert answers == [((None, ()), ((), None))] * 2


def test_named_entries_keep_their_record(catalog):
    assert all(isinstance(d, DivisionRef) and d.name for p in catalog.programs for d in p.divisions)
    assert all(d.reason for p in catalog.programs for d in p.divisions_not_stated)
