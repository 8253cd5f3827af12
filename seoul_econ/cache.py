"""A cache of validated catalogues, so repeated calls skip YAML parsing and validation.

Entries are keyed by a digest of each data file's path and content and of the program's own
code, so an edited catalogue or a new release never sees a stale entry. The content, not the
file's times: a key made from the very bytes that were built cannot go stale, however fast or
coarse-clocked the edits, and hashing costs about a millisecond for the shipped catalogue.

Three kinds of entry: the validated catalogue (pickle), its search index (marshal: plain lists,
loaded fast and without running any code), and rows (each programme's JSON record, marshal, one
readable without the rest). Every block of an entry carries the SHA-256 of its bytes, checked
before it is decoded, and the caller may check the decoded shape (`make`): a damaged entry is
noted, removed and built again, never trusted. Only regular files of our own user are opened,
without following links and without blocking (a FIFO or a link to /dev/zero cannot hang a run).

An entry's name starts with its slot, a digest of the data files' paths: writing an entry
removes the older ones of its kind in the same slot, so editing a catalogue a hundred times
leaves one entry of each kind; and only the MAX_CATALOGUES most recently written slots are kept,
so catalogues in ever new places (tests' temporary folders) do not pile up. Files are written
atomically; temporaries a killed run left are removed once old. A cache that cannot be read or
written is reported through `notify` (once a run) and otherwise ignored.
"""

from __future__ import annotations

import errno
import hashlib
import itertools
import marshal
import os
import pickle
import re
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

CACHE_ENV = "SEOUL_ECON_CACHE_DIR"
# Bump when the pickled classes or the file layout change in a way the version would not show.
CACHE_FORMAT = "3"
MAX_CATALOGUES = 4      # slots kept: the catalogues most recently built
STALE_SECONDS = 3600    # a temporary this old was left by a killed run
ENTRY = re.compile(r"(?P<slot>[0-9a-f]{16})-[0-9a-f]{64}\.(?:pickle|marshal|rows)")
TEMPORARY = re.compile(r"\.tmp-[a-z0-9_]{8}\.(?:pickle|marshal|rows)")
DIGEST_SIZE = 32


class DamagedEntry(ValueError):
    """A block whose bytes do not match its digest (truncated, overwritten, not ours)."""


def _seal(payload: bytes) -> bytes:
    return hashlib.sha256(payload).digest() + payload


def _unseal(block: bytes) -> memoryview:
    payload = memoryview(block)[DIGEST_SIZE:]
    if len(block) < DIGEST_SIZE or hashlib.sha256(payload).digest() != block[:DIGEST_SIZE]:
        raise DamagedEntry("내용이 요약값과 다릅니다")
    return payload


def _dump_rows(rows: list[Any], out: BinaryIO) -> None:
    """Rows as one file: the size of the sealed offsets, the offsets, then each row (sealed marshal)."""
    blobs = [_seal(marshal.dumps(row)) for row in rows]
    offsets = _seal(marshal.dumps(list(itertools.accumulate(map(len, blobs), initial=0))))
    out.write(len(offsets).to_bytes(8, "big") + offsets)
    out.writelines(blobs)


def _load_row(handle: BinaryIO, position: int) -> Any:
    size = int.from_bytes(handle.read(8), "big")
    offsets = marshal.loads(_unseal(handle.read(size)))
    handle.seek(8 + size + offsets[position])
    return marshal.loads(_unseal(handle.read(offsets[position + 1] - offsets[position])))


# Reading whole bytes then decoding is three times faster than decoding from the file object.
CODECS: dict[str, tuple[Callable[[Any], Any] | None, Callable[[Any, BinaryIO], None]]] = {
    "pickle": (pickle.loads, lambda value, out: out.write(_seal(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)))),
    "marshal": (marshal.loads, lambda value, out: out.write(_seal(marshal.dumps(value)))),
    "rows": (None, _dump_rows),
}


def cache_dir() -> Path | None:
    """Where the cache is; None when there is nowhere sensible (no home directory)."""
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):   # a relative one is invalid and ignored, as the XDG spec says
        return Path(xdg) / "seoul-econ"
    home = os.path.expanduser("~")
    # HOME=/nonexistent (system users, some CI) means "no home": no cache, rather than creating it.
    if not os.path.isabs(home) or not os.path.isdir(home):
        return None
    return Path(home) / ".cache" / "seoul-econ"


def cache_key(files: dict[Path, bytes], code_stamp: str) -> str:
    """`slot-digest`: the slot from the data files' paths, the digest from their paths, their
    contents (each as given: the caller passes a digest of it) and the code that reads them."""
    paths = [os.fsencode(str(path.resolve())) for path in sorted(files)]
    contents = [files[path] for path in sorted(files)]
    slot = _digest(paths)[:16]
    return f"{slot}-{_digest([CACHE_FORMAT.encode(), code_stamp.encode(), *paths, *contents])}"


def _digest(parts: list[bytes]) -> str:
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
    return _read(key, notify, codec, lambda handle: (make or _same)(decode(_unseal(handle.read()))))  # type: ignore[misc]


def read_row(key: str, position: int, notify: Callable[[str], None]) -> Any | None:
    """One row of a rows entry, without reading the others."""
    return _read(key, notify, "rows", lambda handle: _load_row(handle, position))


def _same(value: Any) -> Any:
    return value


def _read(key: str, notify: Callable[[str], None], codec: str, load: Callable[[BinaryIO], Any]) -> Any | None:
    directory = cache_dir()
    if directory is None:
        return None
    path = directory / f"{key}.{codec}"
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
        try:
            return load(file)
        except Exception as error:  # noqa: BLE001 - a damaged cache must never stop an answer
            _discard(path, notify, type(error).__name__)
            return None


def _discard(path: Path, notify: Callable[[str], None], why: str) -> None:
    notify(f"캐시를 읽지 못해 무시합니다 ({why}): {path}")
    _remove(path)


def write(key: str, value: Any, notify: Callable[[str], None], codec: str = "pickle") -> None:
    import tempfile   # only writes need it (~4 ms to import)

    directory = cache_dir()
    if directory is None:
        return
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)   # private: pickles are code
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".tmp-", suffix=f".{codec}")
        try:
            with os.fdopen(handle, "wb") as out:
                CODECS[codec][1](value, out)
            os.replace(temporary, directory / f"{key}.{codec}")
        finally:
            _remove(Path(temporary))
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


def _tidy(directory: Path, key: str, codec: str) -> None:
    """Remove what the entry just written makes useless: older entries of its kind in its slot,
    the slots beyond the MAX_CATALOGUES most recently written, and stale temporaries. Only files
    named as ours are touched."""
    slot, now = key.partition("-")[0], time.time()
    entries: list[tuple[str, Path, float]] = []   # (slot, path, modified)
    try:
        with os.scandir(directory) as scan:
            for item in scan:
                try:
                    entries.append((item.name, Path(item.path), item.stat(follow_symlinks=False).st_mtime))
                except OSError:
                    continue
    except OSError:
        return
    latest: dict[str, float] = {slot: now}
    for name, path, modified in entries:
        if TEMPORARY.fullmatch(name) and now - modified > STALE_SECONDS:
            _remove(path)
        elif (match := ENTRY.fullmatch(name)) is not None:
            if match["slot"] == slot and name.endswith(f".{codec}") and name != f"{key}.{codec}":
                _remove(path)   # superseded by the entry just written
            else:
                latest[match["slot"]] = max(latest.get(match["slot"], 0.0), modified)
    kept = set(sorted(latest, key=latest.__getitem__, reverse=True)[:MAX_CATALOGUES])
    for name, path, _ in entries:
        if (match := ENTRY.fullmatch(name)) is not None and match["slot"] not in kept:
            _remove(path)


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
