"""The catalogue cache is never stale and never in the way."""

from __future__ import annotations

import json
import marshal
import os
import pickle
import subprocess
import time

import pytest

from seoul_econ import cache
from seoul_econ import query
from seoul_econ.catalog import load_catalog, read_source
from test_reliability import EXE



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
    assert [p.suffix for p in sorted(cache_dir.iterdir()) if p.name != cache.SIGNATURES] == [".index", ".pickle"]


def test_search_reads_only_the_index_from_a_warm_cache(small_catalog, cache_dir, monkeypatch):
    from seoul_econ import catalog as catalog_module
    load_catalog(small_catalog)
    assert not list(cache_dir.glob("*.index")), "the catalogue alone does not build the search keys"
    catalog_module.load_search_index(small_catalog)
    assert len(list(cache_dir.glob("*.index"))) == 1
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


# --- damaged entries of every kind are checked and rebuilt (docs/reliability.md, Cache) ----------

def warm(run, small_catalog) -> list[str]:
    args = ("--catalog", str(small_catalog), "show", "seoul-film-center", "--json")
    assert run(*args).exit_code == 0   # writes the index, the rows and the texts
    assert run("--catalog", str(small_catalog), "list").exit_code == 0   # and the catalogue (pickle)
    return list(args)


def replace_bytes(path, old: str, new: str) -> None:
    data = path.read_bytes()
    assert old.encode() in data
    path.write_bytes(data.replace(old.encode(), new.encode()))


@pytest.mark.parametrize("damage", [
    lambda path: path.write_bytes(marshal.dumps({"format": 4})),              # the old layout, unsealed
    lambda path: path.write_bytes(cache._seal(marshal.dumps({"format": 4}))),  # sealed, but no columns
    lambda path: replace_bytes(path, "영화센터", "영화센타"),                   # right keys, wrong content
    lambda path: path.write_bytes(path.read_bytes()[:-100]),                  # truncated
    lambda path: path.write_bytes(path.read_bytes()[:20] + b"\xff" + path.read_bytes()[21:]),   # a header byte
], ids=["old-layout", "no-columns", "wrong-content", "truncated", "header"])
@pytest.mark.parametrize("kind, command, names", [
    ("index", ("search", "영화센터", "--json"), lambda found: found[:1]),   # the search index
    ("texts", ("list", "--json"), lambda found: found),                    # the JSON records, written as they lie
])
def test_a_damaged_mapped_entry_is_rebuilt(run, small_catalog, cache_dir, damage, kind, command, names):
    args = warm(run, small_catalog)
    damage(next(cache_dir.glob(f"*.{kind}")))
    result = run(*args[:2], *command)
    assert result.exit_code == 0 and "서울영화센터" in [item["name"] for item in names(json.loads(result.stdout))]
    assert result.stderr.startswith("seoul-econ: 참고: 캐시를 읽지 못해")
    result = run(*args)   # `show --json` reads the index too: rebuilt by the first read, it is sound
    assert result.exit_code == 0 and result.stderr == ""


def test_an_entry_is_checked_in_full_once_per_stat_signature(small_catalog, cache_dir, monkeypatch):
    """A mapped index is read where a search needs it; its CRC-32 is checked the first time a
    file of this signature is read, and again after any change to the file."""
    from seoul_econ import catalog as catalog_module

    monkeypatch.setattr(cache, "CLOCK_TICK_NS", 0)   # no racy-clock wait in a test
    catalog_module.load_search_index(small_catalog)
    checked = []
    crc32 = cache.zlib.crc32
    monkeypatch.setattr(cache.zlib, "crc32", lambda data, *start: checked.append(len(data)) or crc32(data, *start))
    entry = next(cache_dir.glob("*.index"))
    header = 8 + int.from_bytes(entry.read_bytes()[:8], "big")
    body = entry.stat().st_size - header - -header % cache.ALIGN   # the columns, after the header
    for expected in (True, False):
        checked.clear()
        assert catalog_module.load_search_index(small_catalog).search("영화센터")[0].name == "서울영화센터"
        assert (body in checked) is expected
    os.utime(entry, ns=(entry.stat().st_atime_ns, entry.stat().st_mtime_ns + 1))
    checked.clear()
    catalog_module.load_search_index(small_catalog)
    assert body in checked


def test_an_index_that_cannot_be_mapped_is_read_instead(small_catalog, cache_dir, monkeypatch):
    import mmap

    from seoul_econ import catalog as catalog_module

    catalog_module.load_search_index(small_catalog)
    monkeypatch.setattr(mmap, "mmap", lambda *args, **kwargs: (_ for _ in ()).throw(OSError(19, "No such device")))
    notes = []
    assert catalog_module.load_search_index(small_catalog, notify=notes.append).search("영화센터")[0].name == "서울영화센터"
    assert notes == [] and len(list(cache_dir.glob("*.index"))) == 1   # read, not discarded


def test_a_damaged_row_is_rebuilt_not_shown(run, small_catalog, cache_dir):
    args = warm(run, small_catalog)
    replace_bytes(next(cache_dir.glob("*.rows")), "서울영화센터", "서울영화센타")
    result = run(*args)
    assert result.exit_code == 0 and json.loads(result.stdout)["name"] == "서울영화센터"
    assert "캐시를 읽지 못해" in result.stderr


@pytest.mark.parametrize("damage", [
    lambda path: path.write_bytes(cache._seal(pickle.dumps({"not": "a catalogue"}))),
    lambda path: replace_bytes(path, "서울영화센터", "서울영화센타"),
], ids=["not-a-catalogue", "wrong-content"])
def test_a_damaged_catalogue_entry_is_rebuilt(small_catalog, cache_dir, damage):
    load_catalog(small_catalog)
    damage(next(cache_dir.glob("*.pickle")))
    notes = []
    assert load_catalog(small_catalog, notify=notes.append).programs[0].name == "서울영화센터"
    assert len(notes) == 1 and "캐시를 읽지 못해" in notes[0]


@pytest.mark.parametrize("kind, replace", [("index", "fifo"), ("pickle", "link to /dev/zero"),
                                           ("index", "link to /dev/zero")])
def test_an_entry_replaced_by_a_fifo_or_a_device_link_cannot_hang_a_run(run, small_catalog, cache_dir, kind, replace):
    warm(run, small_catalog)
    entry = next(cache_dir.glob(f"*.{kind}"))
    entry.unlink()
    if replace == "fifo":
        os.mkfifo(entry)
    else:
        entry.symlink_to("/dev/zero")
    # A process, with a timeout: a regression hangs.
    result = subprocess.run([EXE, "--catalog", str(small_catalog), "search", "영화센터", "--json"], capture_output=True,
                            timeout=20, env={**os.environ, "SEOUL_ECON_CACHE_DIR": str(cache_dir)})
    assert result.returncode == 0, result.stderr
    assert b"seoul-film-center" in result.stdout


def test_the_cache_keeps_only_the_most_recent_catalogues(run, small_catalog, cache_dir, tmp_path):
    for number in range(cache.MAX_CATALOGUES + 2):
        folder = tmp_path / f"copy{number}"
        folder.mkdir()
        (folder / "programs.yaml").write_bytes(small_catalog.read_bytes())
        load_catalog(folder / "programs.yaml")
        time.sleep(0.01)   # distinct modification times
    slots = {path.name.partition("-")[0] for path in cache_dir.iterdir() if path.name != cache.SIGNATURES}
    assert len(slots) == cache.MAX_CATALOGUES
    newest = cache_dir / f"{read_source(tmp_path / f'copy{cache.MAX_CATALOGUES + 1}' / 'programs.yaml').key}.pickle"
    assert newest.exists()


def test_stale_temporaries_of_killed_runs_are_removed_and_nothing_else(small_catalog, cache_dir):
    load_catalog(small_catalog)
    old = time.time() - 2 * cache.STALE_SECONDS
    names = {".tmp-abcd1234.pickle": True, ".tmp-efgh5678.pickle": False, "notes.txt": False}   # name: stale
    for name, stale in names.items():
        (cache_dir / name).write_bytes(b"x")
        os.utime(cache_dir / name, (old, old) if stale or name == "notes.txt" else None)
    small_catalog.write_text(small_catalog.read_text(encoding="utf-8").replace("영상문화 복합공간.", "새로."),
                             encoding="utf-8")
    load_catalog(small_catalog)   # a write tidies
    assert {".tmp-efgh5678.pickle", "notes.txt"} <= {p.name for p in cache_dir.iterdir()}
    assert not (cache_dir / ".tmp-abcd1234.pickle").exists()


def test_a_relative_xdg_cache_home_is_ignored(small_catalog, tmp_path, monkeypatch):
    monkeypatch.delenv("SEOUL_ECON_CACHE_DIR")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    load_catalog(small_catalog)
    assert not (tmp_path / "relative").exists()
    assert list((tmp_path / "home" / ".cache" / "seoul-econ").glob("*.pickle"))


def test_a_home_that_does_not_exist_is_not_created(run, small_catalog, tmp_path):
    home = tmp_path / "nonexistent"
    result = run("--catalog", str(small_catalog), "show", "seoul-film-center", "--json",
                 env={"SEOUL_ECON_CACHE_DIR": None, "XDG_CACHE_HOME": None, "HOME": str(home)})
    assert result.exit_code == 0 and result.stderr == ""
    assert not home.exists()


def test_a_cache_that_cannot_be_written_is_said_once(run, small_catalog, tmp_path):
    blocked = tmp_path / "file-not-dir"
    blocked.write_text("x")
    result = run("--catalog", str(small_catalog), "search", "영화센터", "--year", "2024", "--json",
                 env={"SEOUL_ECON_CACHE_DIR": str(blocked / "cache")})
    assert result.exit_code == 0
    assert len(result.stderr.splitlines()) == 1


def test_unchanged_files_are_not_hashed_again(small_catalog, cache_dir, monkeypatch):
    from seoul_econ import yamlio

    monkeypatch.setattr(cache, "CLOCK_TICK_NS", 0)   # the files were written a moment ago (see below)
    first = read_source(small_catalog).key   # hashed, and the key remembered against the files' signature
    monkeypatch.setattr(yamlio, "read_or_digest", lambda *a, **k: pytest.fail("hashed again"))
    assert read_source(small_catalog).key == first


def test_a_signature_recorded_within_a_clock_tick_of_an_edit_is_not_trusted(cache_dir, monkeypatch):
    """git's racy-clean rule: a file written just before its signature was recorded could be
    written again within the same tick of the file system's clock without changing its times, so
    it is hashed again until its times are a tick older than the record."""
    now = time.time_ns()
    fresh = ("4", "stamp", ("/x/programs.yaml", 1, 2, 785, now - 10**9, now - 10**9))   # written 1 s ago
    aged = ("4", "stamp", ("/x/programs.yaml", 1, 2, 785, now - 10**10, now - 10**10))   # 10 s ago
    cache.remember_key(fresh, "slot-fresh")
    cache.remember_key(aged, "slot-aged")
    assert cache.known_key(fresh) is None
    assert cache.known_key(aged) == "slot-aged"
    assert cache.known_key(("4", "other code", *aged[2:])) is None


def test_an_edit_keeping_size_and_times_is_seen(small_catalog, cache_dir, monkeypatch):
    monkeypatch.setattr(cache, "CLOCK_TICK_NS", 0)
    assert load_catalog(small_catalog).programs[0].summary == "영상문화 복합공간."
    info = small_catalog.stat()
    small_catalog.write_text(small_catalog.read_text(encoding="utf-8").replace("영상문화 복합공간.", "영상문화 복합공간!"),
                             encoding="utf-8")
    os.utime(small_catalog, ns=(info.st_atime_ns, info.st_mtime_ns))   # same size, same times; the change time moves
    assert load_catalog(small_catalog).programs[0].summary == "영상문화 복합공간!"


def test_a_damaged_signature_file_is_ignored(small_catalog, cache_dir):
    load_catalog(small_catalog)
    (cache_dir / cache.SIGNATURES).write_bytes(b"\x00garbage")
    assert load_catalog(small_catalog).programs[0].id == "seoul-film-center"
