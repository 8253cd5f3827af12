"""The loader's checks: every way of breaking a catalogue gives `file:line: field: message` and exit 3."""

from __future__ import annotations

import json

import pytest

from seoul_econ.catalog import CatalogError, load_catalog



def test_shipped_catalogue_is_valid_including_every_quote(run):
    result = run("validate")
    assert result.exit_code == 0, result.stderr
    assert "카탈로그 정상" in result.stdout


def test_validate_json_reports_counts(run, catalog):
    data = run.json("validate", "--json")
    assert data["ok"] is True
    assert data["programs"] == len(catalog.programs)
    assert data["reports"] == 5


def test_small_catalogue_loads(small_catalog):
    catalog = load_catalog(small_catalog, check_quotes=True)
    assert [p.id for p in catalog.programs] == ["seoul-film-center"]
    assert catalog.programs[0].budgets[0].amount_krw == 660_000_000


# Each case: (text to replace, replacement, line the problem is on, expected field, words of the message)
BREAKAGES = {
    "unknown key": ("    agency: seoul\n    summary", "    agency: seoul\n    colour: red\n    summary", 14,
                    "programs[seoul-film-center].colour", "알 수 없는 키"),
    "wrong type": ("year: 2024, kind: budget", "year: [2024], kind: budget", 16,
                   "programs[seoul-film-center].budgets[0].year", "정수이어야"),
    "bad date": ("date: 2025-07,", "date: 2025-13,", 18,
                 "programs[seoul-film-center].milestones[0].date", "날짜 형식"),
    "bad unit": ("unit: 백만원", "unit: 백만달러", 16, "programs[seoul-film-center].budgets[0].unit", "허용되지 않습니다"),
    "unknown report": ("source: {report: 2024-04, quote: \"개관", "source: {report: 2030-01, quote: \"개관", 18,
                       "programs[seoul-film-center]", "없는 보고서"),
    "quote not in report": ("quote: \"개관: '25. 7월\"", "quote: \"개관: '26. 7월\"", 18,
                            "programs[seoul-film-center]", "본문에 없습니다"),
    "figure not in its quote": ("amount: 660,", "amount: 670,", 16,
                                "programs[seoul-film-center].budgets[0].amount", "출처 인용에 없습니다"),
    "toc names unknown programme": ("programs: [seoul-film-center]}", "programs: [seoul-cinema]}", 9,
                                    "reports[2024-04].toc", "없는 프로그램"),
}


@pytest.mark.parametrize("case", list(BREAKAGES))
def test_each_breakage_is_reported_with_location_and_exit_3(run, small_catalog, case):
    old, new, line, field, words = BREAKAGES[case]
    text = small_catalog.read_text(encoding="utf-8")
    assert old in text
    small_catalog.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = run("--catalog", str(small_catalog), "validate")
    assert result.exit_code == 3
    assert result.stdout == ""
    assert f"{small_catalog}:{line}: {field}: " in result.stderr
    assert words in result.stderr
    assert "Traceback" not in result.stderr


def test_duplicate_ids_are_reported(run, small_catalog):
    text = small_catalog.read_text(encoding="utf-8")
    program = text[text.index("  - id: seoul-film-center"):]
    small_catalog.write_text(text + program, encoding="utf-8")
    result = run("--catalog", str(small_catalog), "validate")
    assert result.exit_code == 3
    assert "programs[seoul-film-center].id: id가 중복됩니다" in result.stderr


def test_duplicate_keys_are_reported_with_line(run, small_catalog):
    text = small_catalog.read_text(encoding="utf-8").replace("    agency: seoul\n    summary",
                                                              "    agency: seoul\n    agency: sba\n    summary")
    small_catalog.write_text(text, encoding="utf-8")
    result = run("--catalog", str(small_catalog), "list")
    assert result.exit_code == 3
    assert f"{small_catalog}:14: YAML: 키가 중복됩니다: agency" in result.stderr


def test_all_problems_are_reported_at_once(small_catalog):
    text = small_catalog.read_text(encoding="utf-8").replace("unit: 백만원", "unit: 달러").replace(
        "status: planned", "status: maybe")
    small_catalog.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_catalog(small_catalog)
    assert len(caught.value.problems) == 2


@pytest.mark.parametrize("content, words", [
    (b"", "매핑"),
    (b"- just\n- a list\n", "매핑"),
    (b"reports: [\n", "YAML"),
    (b"\xff\xfe\x00\x01binary", "텍스트가 아닌"),
    ("programs: 한글".encode("euc-kr"), "UTF-8"),
    (b"a: &x [1]\nb: *x\n", "별칭"),
    (b"a: !!python/object:os.system {}\n", "YAML"),
])
def test_broken_files_give_one_clear_error(run, tmp_path, content, words):
    path = tmp_path / "programs.yaml"
    path.write_bytes(content)
    result = run("--catalog", str(path), "list", "--json")
    assert result.exit_code == 3
    error = json.loads(result.stderr)["error"]
    assert error["code"] == "invalid_catalog"
    assert words in error["message"]
    assert str(path) in error["message"]


def test_missing_file_and_directory(run, tmp_path):
    missing = run("--catalog", str(tmp_path / "nope.yaml"), "list")
    assert missing.exit_code == 3 and "카탈로그 파일이 없습니다" in missing.stderr
    directory = run("--catalog", str(tmp_path), "list")
    assert directory.exit_code == 3 and "디렉터리" in directory.stderr


def test_catalogue_from_environment_variable(run, small_catalog):
    result = run("list", "--json", env={"SEOUL_ECON_CATALOG": str(small_catalog)})
    assert [p["id"] for p in json.loads(result.stdout)] == ["seoul-film-center"]


def test_toc_heading_that_maps_to_nothing_fails(run, small_catalog):
    text = small_catalog.read_text(encoding="utf-8").replace(
        'programs: [seoul-film-center]}', 'programs: [seoul-film-center]}\n      - {heading: "경제상황"}', 1)
    small_catalog.write_text(text, encoding="utf-8")
    result = run("--catalog", str(small_catalog), "validate")
    assert result.exit_code == 3
    assert f"{small_catalog}:10: reports[2024-04].toc[1]: programs 또는 not_program(사유)이 있어야 합니다" in result.stderr


def test_toc_heading_must_be_in_the_report_text(run, small_catalog):
    text = small_catalog.read_text(encoding="utf-8").replace("영상문화복합공간 서울영화센터 건립", "서울영화센터 이야기", 1)
    small_catalog.write_text(text, encoding="utf-8")
    result = run("--catalog", str(small_catalog), "validate")
    assert result.exit_code == 3 and "목차 제목이 보고서 본문에 없습니다" in result.stderr


def test_every_report_maps_its_whole_table_of_contents(catalog):
    ids = {p.id for p in catalog.programs}
    for report in catalog.reports:
        assert len(report.toc) >= 10, report.id
        for entry in report.toc:
            assert entry.not_program or (entry.programs and set(entry.programs) <= ids), (report.id, entry.heading)


def test_every_programme_is_mentioned_by_a_report_and_every_report_has_programmes(catalog):
    for program in catalog.programs:
        assert program.mentions, program.id
    cited = {r for p in catalog.programs for r in p.sources}
    assert cited == {r.id for r in catalog.reports}


@pytest.mark.parametrize("name", ["programs.yaml", "findings.yaml", "organisation.yaml"])
def test_fast_and_strict_readers_agree_on_the_shipped_files(shipped_path, name):
    from seoul_econ.yamlio import read_bytes, read_fast, read_yaml
    path = shipped_path.parent / name
    data = read_bytes(path)
    fast = read_fast(path, data)
    assert fast is not None, "the fast reader refused a shipped file: quote the value it names"
    assert fast == read_yaml(path, data)


def test_a_tag_sends_the_file_to_the_strict_reader(tmp_path):
    from seoul_econ.yamlio import read_fast
    path = tmp_path / "x.yaml"
    assert read_fast(path, b"a: !!python/object:os.system {}\n") is None
    assert read_fast(path, b"a: 1\n") == {"a": 1}


SECOND_PROGRAMME = """
  - id: seoul-cinema
    name: 서울시네마테크
    agency: seoul
    summary: 다른 이름.
    aliases:
      - {name: 서울 영화센터}
    mentions:
      - {report: 2024-04, quote: "영상문화 복합공간 서울영화센터 건립"}
"""


def test_a_name_shared_by_two_programmes_is_refused(run, small_catalog):
    small_catalog.write_text(small_catalog.read_text(encoding="utf-8") + SECOND_PROGRAMME, encoding="utf-8")
    result = run("--catalog", str(small_catalog), "validate")
    assert result.exit_code == 3
    assert ("programs[seoul-cinema]: 이름 '서울 영화센터'를 여러 프로그램이 씁니다(seoul-film-center, seoul-cinema)"
            in result.stderr)


def test_a_shared_name_is_accepted_with_its_reason_and_refused_without(run, small_catalog):
    with_reason = SECOND_PROGRAMME + "    shared_names:\n      - {name: 서울 영화센터, reason: 두 사업이 같은 이름을 씀}\n"
    small_catalog.write_text(small_catalog.read_text(encoding="utf-8") + with_reason, encoding="utf-8")
    assert run("--catalog", str(small_catalog), "validate").exit_code == 0
    small_catalog.write_text(small_catalog.read_text(encoding="utf-8").replace(", reason: 두 사업이 같은 이름을 씀", ""),
                             encoding="utf-8")
    result = run("--catalog", str(small_catalog), "validate")
    assert result.exit_code == 3 and "shared_names[0].reason: 필수 항목이 없습니다" in result.stderr


def test_a_shared_names_entry_must_name_a_shared_name(run, small_catalog):
    text = small_catalog.read_text(encoding="utf-8").replace(
        "    summary: 영상문화 복합공간.\n", "    summary: 영상문화 복합공간.\n    shared_names:\n      - {name: 서울영화센터, reason: 없음}\n")
    small_catalog.write_text(text, encoding="utf-8")
    result = run("--catalog", str(small_catalog), "validate")
    assert result.exit_code == 3
    assert "programs[seoul-film-center].shared_names: '서울영화센터'는 이 프로그램이 다른 프로그램과 함께 쓰는 이름이 아닙니다" in result.stderr


def test_year_printed_is_read_and_needs_a_year(run, small_catalog, catalog):
    text = small_catalog.read_text(encoding="utf-8")
    small_catalog.write_text(text.replace("{year: 2024, kind: budget", "{year: 2024, year_printed: false, kind: budget"),
                             encoding="utf-8")
    budget = run.json("--catalog", str(small_catalog), "show", "seoul-film-center", "--json")["budgets"][0]
    assert budget["year_printed"] is False
    small_catalog.write_text(text.replace("{year: 2024, kind: budget", "{year_printed: false, kind: budget"), encoding="utf-8")
    result = run("--catalog", str(small_catalog), "validate")
    assert result.exit_code == 3 and "year_printed: false는 연도(year)를 적은 항목에만 씁니다" in result.stderr
    cafe = catalog.program_by_id["youth-job-cafe"].budgets[0]
    assert (cafe.year, cafe.amount, cafe.year_printed) == (2019, 1219, False)   # '소요예산 : 1,219백만원'


TABLE = """    tables:
      - table: 서울영화센터 표
        program: seoul-film-center
        rows:
          - {row: 상영관 3개소, programs: [PROGRAM]}
"""


def test_a_table_row_maps_to_its_programme_or_a_part_of_it(run, small_catalog):
    text = small_catalog.read_text(encoding="utf-8").replace("programs:\n  - id:", TABLE.replace("PROGRAM", "seoul-cinema")
                                                             + "programs:\n  - id:", 1)
    small_catalog.write_text(text + SECOND_PROGRAMME.replace("서울 영화센터", "서울 시네마"), encoding="utf-8")
    result = run("--catalog", str(small_catalog), "validate")
    assert result.exit_code == 3
    assert "표의 행 '상영관 3개소'는 'seoul-film-center' 자신이나 그 하위 사업" in result.stderr
    small_catalog.write_text(small_catalog.read_text(encoding="utf-8").replace(
        "    summary: 다른 이름.\n", "    part_of: seoul-film-center\n    summary: 다른 이름.\n"), encoding="utf-8")
    assert run("--catalog", str(small_catalog), "validate").exit_code == 0


def test_a_section_naming_an_unknown_programme_fails(run, small_catalog):
    text = small_catalog.read_text(encoding="utf-8").replace(
        "programs:\n  - id:", "    sections:\n      - {heading: 건립개요, programs: [no-such]}\nprograms:\n  - id:", 1)
    small_catalog.write_text(text, encoding="utf-8")
    result = run("--catalog", str(small_catalog), "validate")
    assert result.exit_code == 3 and "reports[2024-04].sections" in result.stderr and "no-such" in result.stderr
