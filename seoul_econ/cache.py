"""A cache of validated catalogues, so repeated calls skip YAML parsing and validation.

Entries are keyed by a digest of each data file's path and content and of the program's own
code, so an edited catalogue or a new release never sees a stale entry. The content, not the
file's times: a key made from the very bytes that were built cannot go stale, however fast or
coarse-clocked the edits, and hashing costs about a millisecond for the shipped catalogue.

Five kinds of entry: the validated catalogue (pickle); two of columns of bytes, mapped into
memory and read in place without running any code: its search index (index) and every
programme's JSON record as text, joined as a JSON list's items (texts); and rows of derived
data, one per programme and each readable without the rest (marshal): its JSON record (rows)
and its plans paired with their outcomes (plans).

Every block of an entry carries the CRC-32 of its bytes, checked before it is decoded the first
time the entry is read with a given stat signature (_checked), and the caller may check the
decoded shape (`make`): a damaged entry is noted, removed and built again. (CRC-32 finds damage,
which is what can happen to these private files; SHA-256 would cost the hashlib import, 2 ms of
a warm run.) Only regular files of our own user are opened, without following links and without
blocking (a FIFO or a link to /dev/zero cannot hang a run).

An entry's name starts with its slot, a digest of the data files' paths: writing an entry
removes the older ones of its kind in the same slot, so editing a catalogue a hundred times
leaves one entry of each kind; and only the MAX_CATALOGUES most recently written slots are kept,
so catalogues in ever new places (tests' temporary folders) do not pile up. Files are written
atomically; temporaries a killed run left are removed once old. A cache that cannot be read or
written is reported through `notify` (once a run) and otherwise ignored.
"""

from __future__ import annotations

import errno
import itertools
import marshal
import os
import stat
import time
import zlib

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, BinaryIO

CACHE_ENV = "SEOUL_ECON_CACHE_DIR"
# Bump when the pickled classes or the file layout change in a way the version would not show.
CACHE_FORMAT = "6"
MAX_CATALOGUES = 4      # slots kept: the catalogues most recently built
STALE_SECONDS = 3600    # a temporary this old was left by a killed run
FORMER_KINDS = (".marshal",)   # what earlier versions wrote (the index before it was mapped): removed by tidying
ENTRY = r"(?P<slot>[0-9a-f]{16})-[0-9a-f]{64}\.(?:pickle|index|rows|texts|plans|marshal)"   # compiled when tidying
TEMPORARY = r"\.tmp-[a-z0-9_]{8}\.(?:pickle|index|rows|texts|plans|keys)"
SEAL_SIZE = 4


class DamagedEntry(ValueError):
    """A block whose bytes do not match its digest (truncated, overwritten, not ours)."""


def _seal(payload: bytes) -> bytes:
    return zlib.crc32(payload).to_bytes(SEAL_SIZE, "big") + payload


def _unseal(block: bytes, trusted: bool = False) -> memoryview:
    """A sealed block's payload; its CRC-32 is checked unless the entry is trusted (_checked)."""
    payload = memoryview(block)[SEAL_SIZE:]
    if len(block) < SEAL_SIZE or not trusted and zlib.crc32(payload).to_bytes(SEAL_SIZE, "big") != block[:SEAL_SIZE]:
        raise DamagedEntry("내용이 요약값과 다릅니다")
    return payload


def _dump_rows(rows: list[Any], out: BinaryIO) -> None:
    """Rows as one file: the size of the sealed offsets, the offsets, then each row (sealed marshal)."""
    blobs = [_seal(marshal.dumps(row)) for row in rows]
    offsets = _seal(marshal.dumps(list(itertools.accumulate(map(len, blobs), initial=0))))
    out.write(len(offsets).to_bytes(8, "big") + offsets)
    out.writelines(blobs)


def _load_rows(handle: BinaryIO, positions: list[int] | None, trusted: bool) -> list[Any]:
    """The rows at positions (None: every row), reading only those."""
    size = int.from_bytes(handle.read(8), "big")
    offsets = marshal.loads(_unseal(handle.read(size)))
    if positions is None:
        data = memoryview(handle.read())
        return [marshal.loads(_unseal(data[start:end], trusted)) for start, end in zip(offsets, offsets[1:], strict=False)]
    rows = []
    for position in positions:
        handle.seek(8 + size + offsets[position])
        rows.append(marshal.loads(_unseal(handle.read(offsets[position + 1] - offsets[position]), trusted)))
    return rows


# Reading whole bytes then decoding is three times faster than decoding from the file object.
def _pickle_loads(file: BinaryIO, trusted: bool) -> Any:
    # The C unpickler itself: the pickle module around it imports re and struct (2-3 ms), and
    # only entries of the catalogue need it (search and show read the index).
    try:
        loads = _c_loads()
    except ImportError:   # an interpreter without it
        from pickle import loads
    return loads(_unseal(file.read(), trusted))


def _c_loads() -> Callable[[bytes], Any]:
    """_pickle.loads. Importing _pickle imports functools, and with it collections (2 ms of
    the 14-17 a table command spends above the floor), only to read functools.partial, which is
    _functools.partial: while _pickle loads, a module holding that one name stands in for
    functools, and it is taken out of sys.modules at once, so a later import gets the real one."""
    import sys

    if "functools" in sys.modules or "_pickle" in sys.modules:
        from _pickle import loads
        return loads
    import _functools

    stand_in = type(sys)("functools")
    stand_in.partial = _functools.partial
    sys.modules["functools"] = stand_in
    try:
        from _pickle import loads
    finally:
        if sys.modules.get("functools") is stand_in:
            del sys.modules["functools"]
    return loads


def _pickle_dump(value: Any, out: BinaryIO) -> None:
    import pickle

    out.write(_seal(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)))


# Columns (the search index, the JSON texts): a sealed header (where each column lies, the
# body's CRC-32, the values that are not bytes), then the columns' bytes as they are. Reading
# maps the file and hands out views of it, so a search reads the pages it touches (a few MB of
# a 60 MB index at 100×), not all.
def _dump_index(columns: dict[str, Any], out: BinaryIO) -> None:
    layout: dict[str, Any] = {}
    values: dict[str, Any] = {}
    blobs: list[bytes] = []
    at = 0
    for name, value in columns.items():
        parts = value if isinstance(value, tuple) else (value,)
        if not all(isinstance(part, (bytes, bytearray, memoryview)) for part in parts):
            values[name] = value
            continue
        regions = []
        for part in parts:
            regions.append((at, len(part)))
            blobs.append(bytes(part) + bytes(-len(part) % ALIGN))   # each column starts aligned
            at += len(blobs[-1])
        layout[name] = tuple(regions) if isinstance(value, tuple) else regions[0]
    crc = 0
    for blob in blobs:
        crc = zlib.crc32(blob, crc)
    header = _seal(marshal.dumps({"layout": layout, "values": values, "size": at, "crc": crc}))
    out.write(len(header).to_bytes(8, "big") + header + bytes(-(8 + len(header)) % ALIGN))
    out.writelines(blobs)


ALIGN = 8   # where the body and each column start: integer columns are read in place


def _load_index(file: BinaryIO, trusted: bool) -> dict[str, Any]:
    """The columns as views of the mapped file; a string column as (map, offsets, start, end),
    which Column searches in place. The body's CRC-32 is checked unless the entry is trusted."""
    import mmap

    size = int.from_bytes(file.read(8), "big")
    header = marshal.loads(_unseal(file.read(size)))
    start = 8 + size + -(8 + size) % ALIGN
    try:
        mapped: Any = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):   # a file system that cannot map files (or an empty file): read it
        file.seek(0)
        mapped = file.read()
    if len(mapped) != start + header["size"]:
        raise DamagedEntry("길이가 머리말과 다릅니다")
    body = memoryview(mapped)[start:]
    if not trusted and zlib.crc32(body) != header["crc"]:
        raise DamagedEntry("내용이 요약값과 다릅니다")
    columns = dict(header["values"])
    for name, region in header["layout"].items():
        if isinstance(region[0], tuple):
            (text_at, text_size), (starts_at, starts_size) = region
            columns[name] = (mapped, body[starts_at:starts_at + starts_size], start + text_at, start + text_at + text_size)
        else:
            columns[name] = body[region[0]:region[0] + region[1]]
    return columns


CODECS: dict[str, tuple[Callable[[BinaryIO, bool], Any] | None, Callable[[Any, BinaryIO], None]]] = {
    "pickle": (_pickle_loads, _pickle_dump),
    "index": (_load_index, _dump_index),
    "rows": (None, _dump_rows),    # each programme's JSON record (a dict)
    "texts": (_load_index, _dump_index),   # the JSON records as text (library.program_json), mapped
    "plans": (None, _dump_rows),   # each programme's plans paired with their outcomes (story.pair_plans)
}


def cache_dir() -> str | None:
    """Where the cache is; None when there is nowhere sensible (no home directory)."""
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return explicit
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):   # a relative one is invalid and ignored, as the XDG spec says
        return os.path.join(xdg, "seoul-econ")
    home = os.path.expanduser("~")
    # HOME=/nonexistent (system users, some CI) means "no home": no cache, rather than creating it.
    if not os.path.isabs(home) or not os.path.isdir(home):
        return None
    return os.path.join(home, ".cache", "seoul-econ")


def cache_key(files: dict[Any, bytes], code_stamp: str) -> str:
    """`slot-digest`: the slot from the data files' paths, the digest from their paths, their
    contents (each as given: the caller passes a digest of it) and the code that reads them."""
    paths = sorted(os.fsencode(os.path.realpath(path)) for path in files)
    by_path = {os.fsencode(os.path.realpath(path)): digest for path, digest in files.items()}
    contents = [by_path[path] for path in paths]
    slot = _digest(paths)[:16]
    return f"{slot}-{_digest([CACHE_FORMAT.encode(), code_stamp.encode(), *paths, *contents])}"


def _digest(parts: list[bytes]) -> str:
    import hashlib   # keys are made only when the data files changed (known_key remembers them)

    digest = hashlib.sha256()
    for part in parts:
        # Each part with its length, so no two different lists of parts give the same bytes.
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def read(key: str, notify: Callable[[str], None], codec: str = "pickle",
         make: Callable[[Any], Any] | None = None) -> Any | None:
    """The entry's value, or None. `make` turns the decoded value into what the caller uses and
    raises if its shape is wrong: the entry is then treated as damaged."""
    decode = CODECS[codec][0]
    return _read(key, notify, codec, lambda handle, trusted: (make or _same)(decode(handle, trusted)))  # type: ignore[misc]


def read_rows(key: str, positions: list[int] | None, notify: Callable[[str], None], codec: str = "rows") -> list[Any] | None:
    """Some rows of a rows entry (None: all of them), without decoding the others."""
    return _read(key, notify, codec, lambda handle, trusted: _load_rows(handle, positions, trusted))


def _same(value: Any) -> Any:
    return value


def _read(key: str, notify: Callable[[str], None], codec: str, load: Callable[[BinaryIO, bool], Any]) -> Any | None:
    directory = cache_dir()
    if directory is None:
        return None
    path = os.path.join(directory, f"{key}.{codec}")
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        if error.errno == errno.ELOOP:   # a link where an entry should be: not ours to follow
            _discard(path, notify, "링크")
        return None   # no entry yet, or no cache directory: nothing to say, `write` will tell
    with os.fdopen(handle, "rb") as file:
        info = os.fstat(handle)
        # Only our own files: a pickle is code, and a shared directory could hold someone else's.
        if info.st_uid != os.getuid():
            notify(f"캐시 파일의 소유자가 달라 무시합니다: {path}")
            return None
        if not stat.S_ISREG(info.st_mode):
            _discard(path, notify, "일반 파일이 아님")
            return None
        signed = ("entry", path, info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        trusted = _checked(signed)
        try:
            value = load(file, trusted)
        except Exception as error:  # noqa: BLE001 - a damaged cache must never stop an answer
            _discard(path, notify, type(error).__name__)
            return None
    if not trusted:
        _remember_checked(signed)
    return value


def _discard(path: str, notify: Callable[[str], None], why: str) -> None:
    notify(f"캐시를 읽지 못해 무시합니다 ({why}): {path}")
    _remove(path)


def write(key: str, value: Any, notify: Callable[[str], None], codec: str = "pickle") -> None:
    directory = cache_dir()
    if directory is None:
        return
    try:
        os.makedirs(directory, mode=0o700, exist_ok=True)   # private: pickles are code
        handle, temporary = _new_temporary(directory, f".{codec}")
        try:
            with os.fdopen(handle, "wb") as out:
                CODECS[codec][1](value, out)
            os.replace(temporary, os.path.join(directory, f"{key}.{codec}"))
        finally:
            _remove(temporary)
    except OSError as error:
        _note_once(notify, f"캐시를 쓸 수 없어 건너뜁니다 ({error.strerror or error}): {directory}")
        return
    _tidy(directory, key, codec)


_noted: set[str] = set()


def _note_once(notify: Callable[[str], None], message: str) -> None:
    """A command writes up to three entries; a cache that cannot be written is said once."""
    if message not in _noted:
        _noted.add(message)
        notify(message)


def _tidy(directory: str, key: str, codec: str) -> None:
    """Remove what the entry just written makes useless: older entries of its kind in its slot,
    the slots beyond the MAX_CATALOGUES most recently written, and stale temporaries. Only files
    named as ours are touched."""
    import re

    entry_name, temporary_name = re.compile(ENTRY), re.compile(TEMPORARY)
    slot, now = key.partition("-")[0], time.time()
    entries: list[tuple[str, str, float]] = []   # (name, path, modified)
    try:
        with os.scandir(directory) as scan:
            for item in scan:
                try:
                    entries.append((item.name, item.path, item.stat(follow_symlinks=False).st_mtime))
                except OSError:
                    continue
    except OSError:
        return
    latest: dict[str, float] = {slot: now}
    for name, path, modified in entries:
        if temporary_name.fullmatch(name) and now - modified > STALE_SECONDS:
            _remove(path)
        elif (match := entry_name.fullmatch(name)) is not None:
            if match["slot"] == slot and name.endswith((f".{codec}", *FORMER_KINDS)) and name != f"{key}.{codec}":
                _remove(path)   # superseded by the entry just written, or of a kind no longer written
            else:
                latest[match["slot"]] = max(latest.get(match["slot"], 0.0), modified)
    kept = set(sorted(latest, key=latest.__getitem__, reverse=True)[:MAX_CATALOGUES])
    for name, path, _ in entries:
        if (match := entry_name.fullmatch(name)) is not None and match["slot"] not in kept:
            _remove(path)


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


# --- keys remembered by the files' stat signatures ---------------------------------------------
#
# A key is a SHA-256 of the data files' content: always right, and 74 ms to compute for a
# catalogue 100 times today's. So the key is remembered against each file's stat signature
# (device, inode, size, modification and change times) and the files are hashed again only when
# a signature changes. A write within one tick of the file system's clock (up to 2 s on FAT)
# may leave the times as they were: a signature is trusted only for files whose times were at
# least that much older than the moment it was recorded (git's rule for "racily clean" files),
# so a file edited just before it was read is hashed on every run until it has aged.

SIGNATURES = "signatures.keys"
CLOCK_TICK_NS = 2_000_000_000
KEPT_SIGNATURES = 32   # a catalogue's files and its five entries, for each of the MAX_CATALOGUES slots


def signature(files: list[str], code_stamp: str) -> tuple[Any, ...] | None:
    """What identifies the files without reading them; None when one is not a regular file."""
    parts: list[Any] = [CACHE_FORMAT, code_stamp]
    for path in files:
        try:
            info = os.stat(path)
        except OSError:
            return None
        if not stat.S_ISREG(info.st_mode):
            return None
        parts.append((os.path.abspath(path), info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns,
                      info.st_ctime_ns))
    return tuple(parts)


def known_key(signed: tuple[Any, ...] | None) -> str | None:
    """The key last computed for files of this signature, when it can still be trusted."""
    if signed is None:
        return None
    return _recalled(signed, max((max(part[4], part[5]) for part in signed[2:]), default=0))


def remember_key(signed: tuple[Any, ...] | None, key: str) -> None:
    """Record key against the signature."""
    if signed is not None:
        _record(signed, key)


# An entry is checked in full (every block's CRC-32) when it is read with a stat signature not
# seen before, and trusted afterwards while the signature stays: the same rule, racy clock
# included, as for the data files. Any write to it (ours replace it whole) changes the signature.
def _checked(signed: tuple[Any, ...]) -> bool:
    return _recalled(signed, max(signed[5], signed[6])) is not None


def _remember_checked(signed: tuple[Any, ...]) -> None:
    if time.time_ns() - max(signed[5], signed[6]) >= CLOCK_TICK_NS:   # else it could not be trusted yet
        _record(signed, "checked")


def _recalled(signed: tuple[Any, ...], newest: int) -> str | None:
    """What was recorded for a signature, if it was recorded a clock tick after its files' times."""
    directory = cache_dir()
    found = _signatures(directory).get(signed) if directory else None
    if found is None:
        return None
    value, recorded = found
    return value if value and recorded - newest >= CLOCK_TICK_NS else None


def _record(signed: tuple[Any, ...], value: str) -> None:
    """Record value against the signature (the most recent KEPT_SIGNATURES are kept). A warm run
    does this (the first read of an entry a clock tick after it was written), so the temporary is
    made here: tempfile imports shutil, fnmatch and re (3-4 ms)."""
    directory = cache_dir()
    if directory is None:
        return
    table = _signatures(directory)
    table.pop(signed, None)
    table[signed] = (value, time.time_ns())
    kept = dict(list(table.items())[-KEPT_SIGNATURES:])
    try:
        os.makedirs(directory, mode=0o700, exist_ok=True)
        handle, temporary = _new_temporary(directory, ".keys")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(_seal(marshal.dumps(kept)))
            os.replace(temporary, os.path.join(directory, SIGNATURES))
        finally:
            _remove(temporary)
    except OSError:
        pass   # a cache that cannot be written is said by `write`; the entry is checked again next time


def _new_temporary(directory: str, suffix: str) -> tuple[int, str]:
    """A new private file named as TEMPORARY says (so a killed run's is tidied), opened for writing."""
    for _ in range(100):
        path = os.path.join(directory, f".tmp-{os.urandom(4).hex()}{suffix}")
        try:
            return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600), path
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "임시 파일 이름이 모두 쓰이고 있습니다", directory)


def _signatures(directory: str) -> dict[Any, Any]:
    """The remembered keys; empty when there are none or the file is not a sound one of ours."""
    path = os.path.join(directory, SIGNATURES)
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return {}
    with os.fdopen(handle, "rb") as file:
        try:
            info = os.fstat(handle)
            if info.st_uid != os.getuid() or not stat.S_ISREG(info.st_mode):
                return {}
            table = marshal.loads(_unseal(file.read()))
        except (OSError, ValueError, EOFError, TypeError):
            return {}
    return table if isinstance(table, dict) else {}
