"""`-o` never destroys: devices and FIFOs are written into, links followed, protected files kept,
modes kept, full disks leave every old file as it was. Rows of docs/reliability.md ("Output files").

Device files are made with mknod inside the test's folder (root only), never taken from /dev: a
regression would then replace a copy, not the machine's /dev/null."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import stat
import subprocess
import threading
import time
from pathlib import Path

import pytest

from seoul_econ import export as exporter
from seoul_econ import files
from test_reliability import EXE



def one_error_line(result) -> str:
    """The one error: a line, or one JSON object when a machine format (csv) was asked for."""
    assert "Traceback" not in result.stderr and ".tmp" not in result.stderr
    if result.stderr.startswith("{"):
        error = json.loads(result.stderr)["error"]
        assert error["code"] == "io" and "\n" not in error["message"]
        return "seoul-econ: " + error["message"]
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("seoul-econ: "), result.stderr
    return lines[0]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if ".tmp" in p.name)


@pytest.fixture
def device(tmp_path):
    """make(name, minor): a character device of the memory driver (3 null, 7 full) in tmp_path."""
    def make(name: str, minor: int) -> Path:
        path = tmp_path / name
        try:
            os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
            path.open("wb").close()
        except OSError as error:
            pytest.skip(f"cannot make or open a device node here ({error.strerror}; needs root, no nodev)")
        return path
    return make


@pytest.fixture
def tiny_disk(tmp_path):
    """A 256 KiB tmpfs (root only), so a full disk is real, not simulated."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


# --- what -o names ----------------------------------------------------------------------------

def test_a_device_is_written_into_not_replaced(run, device):
    null = device("null", 3)
    result = run("export", "-o", str(null))
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISCHR(null.lstat().st_mode)


def test_a_full_device_is_an_io_error_naming_it(run, device):
    full = device("full", 7)
    result = run("export", "--format", "sqlite", "-o", str(full))
    assert result.exit_code == 2
    assert one_error_line(result).endswith(f"({os.strerror(errno.ENOSPC)}): {full}")
    assert stat.S_ISCHR(full.lstat().st_mode)


def test_a_fifo_is_written_into_for_its_reader(run, tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run("brief", "seoul-film-center", "-o", str(fifo))
    reader.join(10)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert received and "서울영화센터" in received[0].decode()


@pytest.mark.parametrize("command", [("export",), ("brief", "seoul-film-center", "--format", "json")])
def test_dash_is_stdout(run, command):
    result = run(*command, "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) and result.stderr == ""
    assert not Path("-").exists()


def test_a_descriptor_name_is_written_into_even_when_it_is_a_file(tmp_path):
    # /dev/fd/1 rather than /dev/stdout: a regression would then fail to replace /dev/fd (a
    # directory of /proc), not replace the machine's /dev/stdout link.
    log = tmp_path / "log"
    log.write_text("before\n")
    inode = log.stat().st_ino
    with log.open("a") as stdout:
        result = subprocess.run([EXE, "export", "-o", "/dev/fd/1"], stdout=stdout, stderr=subprocess.PIPE, timeout=60)
    assert result.returncode == 0, result.stderr
    assert log.stat().st_ino == inode   # the same file, appended to as `>>` set it up
    assert log.read_text().startswith("before\n{")


def test_a_symlink_is_followed_and_kept(run, tmp_path):
    target = tmp_path / "real.json"
    target.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to("real.json")
    assert run("export", "-o", str(link)).exit_code == 0
    assert link.is_symlink() and os.readlink(link) == "real.json"
    assert target.read_text().startswith("{")


def test_a_write_protected_file_is_refused_even_for_root(run, tmp_path):
    path = tmp_path / "kept.json"
    path.write_text("precious")
    path.chmod(0o444)
    result = run("export", "-o", str(path))
    assert result.exit_code == 2
    assert "쓰기 금지된 파일" in one_error_line(result) and str(path) in result.stderr
    assert path.read_text() == "precious"
    assert leftovers(tmp_path) == []


def test_mode_and_owner_of_a_replaced_file_are_kept(run, tmp_path):
    path = tmp_path / "private.json"
    path.write_text("old")
    path.chmod(0o600)
    owner = (os.getuid(), os.getgid())
    if os.getuid() == 0:   # root can give the file away: check that the new one is given back
        os.chown(path, 1234, 5678)
        owner = (1234, 5678)
    assert run("export", "-o", str(path)).exit_code == 0
    info = path.stat()
    assert stat.S_IMODE(info.st_mode) == 0o600
    assert (info.st_uid, info.st_gid) == owner
    assert path.read_text().startswith("{")


@pytest.mark.parametrize("command", [("export",), ("brief", "seoul-film-center")])
def test_a_directory_as_the_file_names_the_users_path(run, tmp_path, command):
    result = run(*command, "-o", str(tmp_path))
    assert result.exit_code == 2
    assert one_error_line(result).endswith(f"디렉터리입니다): {tmp_path}")


# --- full disks -----------------------------------------------------------------------------

def test_a_full_disk_keeps_the_old_file(run, tiny_disk):
    path = tiny_disk / "catalogue.json"
    path.write_text("old")
    result = run("export", "-o", str(path))
    assert result.exit_code == 2
    assert one_error_line(result).endswith(f"({os.strerror(errno.ENOSPC)}): {path}")
    assert path.read_text() == "old" and leftovers(tiny_disk) == []


def test_sqlite_on_a_full_disk_is_an_io_error_naming_the_file(run, tiny_disk):
    path = tiny_disk / "seoul.db"
    result = run("export", "--format", "sqlite", "-o", str(path))
    assert result.exit_code == 2
    assert one_error_line(result).endswith(f": {path}")
    assert not path.exists() and leftovers(tiny_disk) == []


def test_sqlite_full_is_reported_as_no_space_wherever_it_happens(run, tmp_path, monkeypatch):
    connect = sqlite3.connect

    def small(path, *args, **kwargs):   # SQLite's own "database or disk is full"
        connection = connect(path, *args, **kwargs)
        connection.execute("PRAGMA max_page_count = 8")
        return connection

    monkeypatch.setattr(exporter.sqlite3, "connect", small)
    path = tmp_path / "seoul.db"
    path.write_bytes(b"old")
    result = run("export", "--format", "sqlite", "-o", str(path))
    assert result.exit_code == 2
    assert one_error_line(result).endswith(f"({os.strerror(errno.ENOSPC)}): {path}")
    assert path.read_bytes() == b"old" and leftovers(tmp_path) == []


def old_csv_set(folder: Path, catalog) -> dict[str, str]:
    folder.mkdir(exist_ok=True)
    old = {f"{name}.csv": f"old {name}\n" for name in exporter.tables(catalog)}
    old["notes.txt"] = "the user's own file"
    for name, text in old.items():
        (folder / name).write_text(text)
    return old


def test_a_csv_folder_on_a_full_disk_stays_all_old(run, tiny_disk, catalog):
    folder = tiny_disk / "csv"
    old = old_csv_set(folder, catalog)
    result = run("export", "--format", "csv", "-o", str(folder))
    assert result.exit_code == 2
    line = one_error_line(result)
    assert os.strerror(errno.ENOSPC) in line and f": {folder}/" in line and line.endswith(".csv")
    assert {p.name: p.read_text() for p in folder.iterdir()} == old
    assert leftovers(tiny_disk) == []


def test_a_csv_folder_export_is_all_or_nothing(run, tmp_path, catalog, monkeypatch):
    folder = tmp_path / "csv"
    old = old_csv_set(folder, catalog)
    real_write_all = files._write_all
    written = []

    def fail_at_the_eighth(handle, data):
        written.append(data)
        if len(written) == 8:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_write_all(handle, data)

    monkeypatch.setattr(files, "_write_all", fail_at_the_eighth)
    result = run("export", "--format", "csv", "-o", str(folder))
    assert result.exit_code == 2
    assert f"{folder}/" in one_error_line(result)
    assert {p.name: p.read_text() for p in folder.iterdir()} == old
    monkeypatch.setattr(files, "_write_all", real_write_all)
    assert run("export", "--format", "csv", "-o", str(folder)).exit_code == 0
    assert (folder / "notes.txt").read_text() == old["notes.txt"]   # the folder's other files stay
    assert all(not (folder / name).read_text().startswith("old") for name in old if name.endswith(".csv"))


def test_a_new_csv_folder_appears_only_complete(run, tmp_path, monkeypatch):
    def fail(handle, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files, "_write_all", fail)
    result = run("export", "--format", "csv", "-o", str(tmp_path / "new"))
    assert result.exit_code == 2 and f"{tmp_path / 'new'}/" in one_error_line(result)
    assert list(tmp_path.iterdir()) == []


# --- what killed runs left ------------------------------------------------------------------

def test_old_temporaries_of_the_same_target_are_removed_and_no_others(run, tmp_path):
    hour_ago = time.time() - 2 * files.STALE_SECONDS
    stale = [".seoul.db.abcd1234.tmp", ".seoul.db.abcd1234.tmp-journal"]
    kept = [".seoul.db.efgh5678.tmp",      # recent: another run may be writing it
            ".other.db.abcd1234.tmp",      # another target's
            "seoul.db.tmp"]                # not named as ours
    for name in stale + kept:
        (tmp_path / name).write_bytes(b"x")
        if name != kept[0]:
            os.utime(tmp_path / name, (hour_ago, hour_ago))
    assert run("export", "--format", "sqlite", "-o", str(tmp_path / "seoul.db")).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["seoul.db", *kept])
