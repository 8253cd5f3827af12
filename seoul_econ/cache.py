"""A cache of validated catalogues, so repeated calls skip YAML parsing and validation.

Entries are keyed by a digest of each data file's path and content and of the program's own
code, so an edited catalogue or a new release never sees a stale entry. The content, not the
file's times: a key made from the very bytes that were built cannot go stale, however fast or
coarse-clocked the edits, and hashing costs about a millisecond for the shipped catalogue.

Three kinds of entry: the validated catalogue (pickle), its search index (marshal: plain lists,
loaded fast and without running any code), and rows (each programme's JSON record, marshal, one
readable without the rest). An entry's name starts with its slot, a digest of the data files'
paths: writing an entry removes the older ones of its kind in the same slot, so editing a
catalogue a hundred times leaves one entry of each kind, not a hundred. Files are written
atomically; a cache that cannot be read or written is reported through `notify` and otherwise
ignored.
"""

from __future__ import annotations

import hashlib
import itertools
import marshal
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

CACHE_ENV = "SEOUL_ECON_CACHE_DIR"
# Bump when the pickled classes change shape in a way the version number would not show.
CACHE_FORMAT = "2"


def _dump_rows(rows: list[Any], out: BinaryIO) -> None:
    """Rows as one file: the length of the offsets, the offsets, then each row (marshal)."""
    blobs = [marshal.dumps(row) for row in rows]
    offsets = marshal.dumps(list(itertools.accumulate(map(len, blobs), initial=0)))
    out.write(len(offsets).to_bytes(8, "big") + offsets)
    out.writelines(blobs)


def _load_row(handle: BinaryIO, position: int) -> Any:
    size = int.from_bytes(handle.read(8), "big")
    offsets = marshal.loads(handle.read(size))
    handle.seek(8 + size + offsets[position])
    return marshal.loads(handle.read(offsets[position + 1] - offsets[position]))


# Reading whole bytes then decoding is three times faster than decoding from the file object.
CODECS = {"pickle": (pickle.loads, lambda value, out: pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)),
          "marshal": (marshal.loads, marshal.dump),
          "rows": (None, _dump_rows)}


def cache_dir() -> Path:
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "seoul-econ"


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


def read(key: str, notify: Callable[[str], None], codec: str = "pickle") -> Any | None:
    return _read(key, notify, codec, lambda handle: CODECS[codec][0](handle.read()))


def read_row(key: str, position: int, notify: Callable[[str], None]) -> Any | None:
    """One row of a rows entry, without reading the others."""
    return _read(key, notify, "rows", lambda handle: _load_row(handle, position))


def _read(key: str, notify: Callable[[str], None], codec: str, load: Callable[[BinaryIO], Any]) -> Any | None:
    path = cache_dir() / f"{key}.{codec}"
    try:
        owner = path.stat().st_uid
    except OSError:
        return None  # no entry yet, or no cache directory: nothing to say, `write` will tell
    # Only our own files: a pickle is code, and a shared directory could hold someone else's.
    if owner != os.getuid():
        notify(f"캐시 파일의 소유자가 달라 무시합니다: {path}")
        return None
    try:
        with path.open("rb") as handle:
            return load(handle)
    except Exception as error:  # noqa: BLE001 - a damaged cache must never stop an answer
        notify(f"캐시를 읽지 못해 무시합니다 ({type(error).__name__}): {path}")
        _remove(path)
        return None


def write(key: str, value: Any, notify: Callable[[str], None], codec: str = "pickle") -> None:
    import tempfile   # only writes need it (~4 ms to import)

    directory = cache_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".tmp-", suffix=f".{codec}")
        try:
            with os.fdopen(handle, "wb") as out:
                CODECS[codec][1](value, out)
            os.replace(temporary, directory / f"{key}.{codec}")
        finally:
            _remove(Path(temporary))
    except OSError as error:
        notify(f"캐시를 쓸 수 없어 건너뜁니다 ({error.strerror or error}): {directory}")
        return
    _remove_superseded(directory, key, codec)


def _remove_superseded(directory: Path, key: str, codec: str) -> None:
    """The entries of this kind that an earlier content or code left in the same slot."""
    slot = key.partition("-")[0]
    for older in directory.glob(f"{slot}-*.{codec}"):
        if older.name != f"{key}.{codec}":
            _remove(older)


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
