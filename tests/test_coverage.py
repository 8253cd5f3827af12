"""Coverage: every heading a report prints and every named row of its programme tables is covered
by a record or marked with a reason (`seoul-econ validate --coverage`, issue 19)."""

from __future__ import annotations

import json
import shutil

import pytest

from seoul_econ import coverage
from seoul_econ.catalog import load_catalog

from conftest import REPO


def test_every_heading_and_named_row_of_every_report_is_covered_or_marked(catalog):
    result = coverage.check(catalog)
    missing = [f"{r.report}:{i.lines}: {i.text}" for r, i in result.missing]
    assert not missing, "\n".join(missing)
    assert {r.report for r in result.reports} == {r.id for r in catalog.reports}
    for report in result.reports:
        assert report.found() >= 50, report.report   # the extractor reads the texts, not only the toc
        assert report.count("row") > 0, report.report


def test_no_name_or_alias_is_shared_by_two_programmes(catalog):
    from seoul_econ.hangul import normalize
    owners: dict[str, set[str]] = {}
    for program in catalog.programs:
        for name in (program.name, *(a.name for a in program.aliases)):
            owners.setdefault(normalize(name), set()).add(program.id)
    assert not {key: ids for key, ids in owners.items() if len(ids) > 1}


@pytest.fixture
def data_copy(tmp_path):
    """The shipped catalogue copied, to break one entry of it."""
    shutil.copytree(REPO / "data", tmp_path / "data")
    return tmp_path / "data" / "programs.yaml"


def test_a_heading_missing_from_the_catalogue_is_listed_as_not_covered_and_fails(run, data_copy):
    text = data_copy.read_text(encoding="utf-8")
    entry = "      - {heading: 서울혁신챌린지, programs: [seoul-innovation-challenge]}\n"
    assert entry in text
    data_copy.write_text(text.replace(entry, ""), encoding="utf-8")
    result = run("--catalog", str(data_copy), "validate", "--coverage")
    assert result.exit_code == 3
    missing = next(line for line in result.stdout.splitlines() if "\t서울혁신챌린지\t" in line)
    assert missing.split("\t")[:5] == ["coverage", "769", "제목", "서울혁신챌린지", "누락"]   # listed, said missing
    assert "000_5a41cbda3da2502d.txt:769: coverage[2024-04]: 카탈로그가 다루지 않는 제목입니다: '서울혁신챌린지'" in result.stderr
    assert "Traceback" not in result.stderr


def test_coverage_json_has_stable_keys_and_says_what_covers_each_item(run):
    data = run.json("validate", "--coverage", "--json")
    assert data["complete"] is True
    report = next(r for r in data["reports"] if r["report"] == "2024-04")
    assert set(report) == {"report", "headings", "rows", "items"}
    assert set(report["headings"]) == {"found", "listed", "covered", "marked", "rule", "not_covered"}
    assert set(report["rows"]) == {"listed", "covered", "marked"}
    keys = {"kind", "text", "lines", "origin", "status", "programs", "findings", "reason", "table"}
    assert all(set(item) == keys for r in data["reports"] for item in r["items"])
    oda = [i for i in report["items"] if i["text"] == "개도국 고위공무원 서울도시정책 최고위과정"]
    assert oda == [{"kind": "row", "text": "개도국 고위공무원 서울도시정책 최고위과정", "lines": [386], "origin": "catalogue",
                    "status": "covered", "programs": ["seoul-oda-senior-officials-course"], "findings": [],
                    "reason": None, "table": "서울형 ODA 사업 목록 (대외협력기금 활용 ODA 사업 확대 지원)"}]


def test_coverage_json_validates_against_its_schema(run):
    import jsonschema

    jsonschema.validate(run.json("validate", "--coverage", "--json"), run.json("schema", "coverage"))


def test_coverage_listing_for_a_reader(run):
    result = run.table("validate", "--coverage")
    assert result.exit_code == 0
    assert "2024-04 000_5a41cbda3da2502d.txt: 제목 63개 (본문에서 찾은 63개)" in " ".join(result.stdout.split())
    piped = run("validate", "--coverage").stdout.splitlines()
    assert any(line.endswith("서울형 ODA 사업 목록 (대외협력기금 활용 ODA 사업 확대 지원) › 외국 지방정부 재해구호\t해당 사업\t"
                             "seoul-oda-disaster-relief") for line in piped)
    assert "모두 사업에 연결되었거나 사유가 있습니다" in result.stdout


def test_numbered_audit_items_are_covered_by_their_findings(catalog):
    report = next(r for r in coverage.check(catalog).reports if r.report == "2022-01")
    covered = {f for item in report.items for f in item.findings}
    assert covered == {f.id for f in catalog.findings}   # all 180, each by its own heading
    first = next(i for i in report.items if i.text == "2022년 신규 캠퍼스 조성")
    assert first.findings == ("correction-1",) and first.status == coverage.COVERED


@pytest.mark.parametrize("line, text", [
    ("1 1인 미디어, 영상 등 창조산업 생태계 활성화", "1인 미디어, 영상 등 창조산업 생태계 활성화"),
    ("- ① 양재 일대 글로벌 AI 플랫폼 거점 도약", "양재 일대 글로벌 AI 플랫폼 거점 도약"),
    ("Ⅱ. 경제상황", "경제상황"),
    ("II 주요 추진 사항", "주요 추진 사항"),
    ("□ '24년 추진현황", "'24년 추진현황"),
    ("①①  (이커머스 판로) 비대면 판로확대", "①  (이커머스 판로) 비대면 판로확대"),
    ("5 **공산품 원산지표시 위반 대책 추진**", "공산품 원산지표시 위반 대책 추진"),
])
def test_heading_markers(line, text):
    assert [h.text for h in coverage.headings(line)] == [text]


@pytest.mark.parametrize("line", [
    "1인미디어 창작자 그룹 크리에이티브포스 촬영지원",   # a number run into a word
    "3월 말 기준, 이용자 수 10,077명",
    " - 1랩 : 두바이 핀테크 서밋(5.6~7) 전시관 참가",     # an indented list item
    "1) NDA(Non-disclosure agreement, 기밀유지 협약)",     # a footnote
    "- 8.4대책 포함 개발방향 설정 및 공급조건 변경 추진",  # a date, not a marker
    "2\t신규\t서울 우수 외국인 유학생 유치 프로그램",        # a table row
])
def test_lines_that_are_not_headings(line):
    assert coverage.headings(line) == []


def test_a_marker_alone_heads_the_next_line_and_bookmarks_are_read():
    text = "2\n\n서울형 신성장기업 육성을 위한 펀드 조성\n본문\n\t책갈피\n\t취약계층 공공일자리 강화\n"
    found = coverage.headings(text.replace("\t책갈피", "책갈피"))
    assert [(h.text, h.line, h.origin) for h in found] == [
        ("서울형 신성장기업 육성을 위한 펀드 조성", 3, "body"), ("취약계층 공공일자리 강화", 6, "bookmark")]


@pytest.mark.parametrize("text, structural", [
    ("사업개요", True), ("'24년 추진현황", True), ("추진내용 및 향후 추진계획", True), ("사업개요(당초)", True),
    ("추진상황 : 추진완료", True), ("추진목표: 중소기업 수출 지원 1,500억원", True), ("설립 개요(안)", True),
    ("서울패션허브 운영 개요", False), ("공간 확충 계획", False), ("운영 개선 계획", False), ("서울어워드란?", False),
])
def test_the_structure_rule(text, structural):
    assert coverage.is_structure(text) is structural


def test_a_heading_broken_over_lines_is_matched_by_the_entry_that_continues_it(catalog):
    report = next(r for r in coverage.check(catalog).reports if r.report == "2022-01")
    broken = next(i for i in report.items if i.text == "신산업 전략적 육성으로")
    assert broken.status == coverage.MARKED and broken.reason == "정책 분야 제목"


def test_catalogue_sections_and_rows_are_proven_in_the_report_text(run, data_copy):
    text = data_copy.read_text(encoding="utf-8")
    data_copy.write_text(text.replace("{row: 외국 지방정부 재해구호,", "{row: 외국 지방정부 재난구호,", 1), encoding="utf-8")
    result = run("--catalog", str(data_copy), "validate")
    assert result.exit_code == 3
    assert "reports[2024-04].tables: 목차 제목이 보고서 본문에 없습니다: '외국 지방정부 재난구호'" in result.stderr


def test_coverage_output_is_the_same_from_a_cached_catalogue(shipped_path):
    cold = coverage.as_json(coverage.check(load_catalog(shipped_path, use_cache=False)))
    warm = coverage.as_json(coverage.check(load_catalog(shipped_path)))
    assert json.dumps(cold, ensure_ascii=False) == json.dumps(warm, ensure_ascii=False)
