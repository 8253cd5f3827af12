"""The catalogue cache is never stale and never in the way."""

from __future__ import annotations

import json
import os

import pytest

from seoul_econ import cache
from seoul_econ import query
from seoul_econ.catalog import load_catalog


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    directory = tmp_path / "cache"
    monkeypatch.setenv("SEOUL_ECON_CACHE_DIR", str(directory))
    return directory


def test_second_load_comes_from_the_cache_and_is_equal(small_catalog, cache_dir):
    first = load_catalog(small_catalog)
    assert len(list(cache_dir.glob("*.pickle"))) == 1
    second = load_catalog(small_catalog)
    assert second == first
    assert query.search_index(second).search("영화센터")[0].id == "seoul-film-center"


def test_editing_the_yaml_invalidates_the_cache(small_catalog, cache_dir):
    assert load_catalog(small_catalog).programs[0].name == "서울영화센터"
    small_catalog.write_text(small_catalog.read_text(encoding="utf-8").replace(
        "name: 서울영화센터", "name: 서울영화센터(가칭)"), encoding="utf-8")
    assert load_catalog(small_catalog).programs[0].name == "서울영화센터(가칭)"


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05\x95garbage"])
def test_corrupt_or_truncated_cache_is_ignored_and_replaced(small_catalog, cache_dir, damage):
    load_catalog(small_catalog)
    entry = next(cache_dir.glob("*.pickle"))
    entry.write_bytes(damage)
    notes = []
    catalog = load_catalog(small_catalog, notify=notes.append)
    assert catalog.programs[0].id == "seoul-film-center"
    assert notes and "캐시를 읽지 못해" in notes[0]
    assert load_catalog(small_catalog, notify=notes.append) == catalog and len(notes) == 1


def test_unwritable_cache_directory_still_answers_with_a_note(run, small_catalog, tmp_path):
    blocked = tmp_path / "file-not-dir"
    blocked.write_text("x")
    result = run("--catalog", str(small_catalog), "show", "영화센터", "--json",
                 env={"SEOUL_ECON_CACHE_DIR": str(blocked / "cache")})
    assert result.exit_code == 0
    assert json.loads(result.stdout)["id"] == "seoul-film-center"
    assert result.stderr.startswith("seoul-econ: 참고: 캐시를 쓸 수 없어")


def test_no_cache_variable_turns_it_off(small_catalog, cache_dir, monkeypatch):
    monkeypatch.setenv("SEOUL_ECON_NO_CACHE", "1")
    load_catalog(small_catalog)
    assert not cache_dir.exists()


def test_key_depends_on_content_path_and_code(tmp_path):
    base = cache.cache_key({tmp_path / "x.yaml": b"a: 1"}, "v1")
    assert base == cache.cache_key({tmp_path / "x.yaml": b"a: 1"}, "v1")
    assert base != cache.cache_key({tmp_path / "x.yaml": b"a: 2"}, "v1")
    assert base != cache.cache_key({tmp_path / "y.yaml": b"a: 1"}, "v1")
    assert base != cache.cache_key({tmp_path / "x.yaml": b"a: 1"}, "v2")
    assert base != cache.cache_key({tmp_path / "x.yaml": b"a: 1", tmp_path / "findings.yaml": b""}, "v1")
    # The slot (before the dash) names the files, not their content: edits stay in one slot.
    assert base.split("-")[0] == cache.cache_key({tmp_path / "x.yaml": b"a: 2"}, "v2").split("-")[0]


def test_a_same_size_edit_with_the_old_times_invalidates_the_cache(small_catalog, cache_dir):
    assert load_catalog(small_catalog).programs[0].summary == "영상문화 복합공간."
    before = small_catalog.stat()
    text = small_catalog.read_text(encoding="utf-8")
    small_catalog.write_text(text.replace("영상문화 복합공간.", "영상문화 복합시설."), encoding="utf-8")
    os.utime(small_catalog, ns=(before.st_atime_ns, before.st_mtime_ns))   # as a fast or coarse clock would
    assert small_catalog.stat().st_size == before.st_size
    assert load_catalog(small_catalog).programs[0].summary == "영상문화 복합시설."


def test_touching_the_yaml_keeps_the_cache(small_catalog, cache_dir, monkeypatch):
    from seoul_econ import build

    first = load_catalog(small_catalog)
    os.utime(small_catalog, ns=(1, 1))
    monkeypatch.setattr(build, "read_and_build", lambda *a: pytest.fail("rebuilt an unchanged catalogue"))
    assert load_catalog(small_catalog) == first


def test_each_edit_replaces_the_entry_instead_of_adding_one(small_catalog, cache_dir):
    from seoul_econ import catalog as catalog_module

    text = small_catalog.read_text(encoding="utf-8")
    for summary in ("하나.", "둘.", "셋."):
        small_catalog.write_text(text.replace("영상문화 복합공간.", summary), encoding="utf-8")
        assert load_catalog(small_catalog).programs[0].summary == summary
        catalog_module.load_search_index(small_catalog)
    assert [p.suffix for p in sorted(cache_dir.iterdir())] == [".marshal", ".pickle"]


def test_search_reads_only_the_index_from_a_warm_cache(small_catalog, cache_dir, monkeypatch):
    from seoul_econ import catalog as catalog_module
    load_catalog(small_catalog)
    assert not list(cache_dir.glob("*.marshal")), "the catalogue alone does not build the search keys"
    catalog_module.load_search_index(small_catalog)
    assert len(list(cache_dir.glob("*.marshal"))) == 1
    monkeypatch.setattr(catalog_module, "load_catalog", lambda *a, **k: pytest.fail("loaded the whole catalogue"))
    index = catalog_module.load_search_index(small_catalog)
    assert index.search("영화센터")[0].id == "seoul-film-center"


def test_cache_file_of_another_user_is_not_loaded(small_catalog, cache_dir, monkeypatch):
    load_catalog(small_catalog)
    monkeypatch.setattr(os, "getuid", lambda: os.stat(cache_dir).st_uid + 1)
    notes = []
    assert load_catalog(small_catalog, notify=notes.append).programs
    assert "소유자" in notes[0]


def test_show_json_reads_one_cached_record_and_survives_a_damaged_one(run, small_catalog, cache_dir, monkeypatch):
    from seoul_econ import catalog as catalog_module

    args = ("--catalog", str(small_catalog), "show", "영화센터", "--json")
    first = run(*args)
    assert json.loads(first.stdout)["budgets"][0]["amount_krw"] == 660_000_000
    rows = next(cache_dir.glob("*.rows"))
    real_load = catalog_module.load_catalog
    monkeypatch.setattr(catalog_module, "load_catalog", lambda *a, **k: pytest.fail("loaded the whole catalogue"))
    assert run(*args).stdout == first.stdout
    rows.write_bytes(rows.read_bytes()[:20])   # truncated: the record is rebuilt from the catalogue
    monkeypatch.setattr(catalog_module, "load_catalog", real_load)
    damaged = run(*args)
    assert damaged.stdout == first.stdout and "캐시를 읽지 못해" in damaged.stderr
    small_catalog.write_text(small_catalog.read_text(encoding="utf-8").replace("amount: 660", "amount: 660.5"),
                             encoding="utf-8")
    assert run(*args).exit_code == 3   # an edit is seen at once: 660.5 is not in the quote


def test_an_edit_during_a_command_is_cached_under_its_own_content(small_catalog, cache_dir):
    from seoul_econ.catalog import read_source

    original = small_catalog.read_text(encoding="utf-8")
    source = read_source(small_catalog)   # hashed: the original text
    small_catalog.write_text(original.replace("영상문화 복합공간.", "영상문화 복합시설."), encoding="utf-8")
    assert load_catalog(source).programs[0].summary == "영상문화 복합시설."   # built from what is there now
    small_catalog.write_text(original, encoding="utf-8")
    # Had the build been stored under the key the command started with, this would be stale.
    assert load_catalog(small_catalog).programs[0].summary == "영상문화 복합공간."
