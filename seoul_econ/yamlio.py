"""Reading catalogue YAML safely: fast, or with the line of every mapping and key.

Two readers, one answer:
- fast: yaml-rs (Rust), ~17 times faster than PyYAML on large catalogues; duplicate keys are
  refused, aliases are refused (zero replay limits), dates stay strings. Mappings are plain
  dicts without line numbers.
- strict: PyYAML's safe loader with line numbers, refusing aliases and unknown tags.
The fast reader is used only for text without YAML tags (which it would silently drop), and a
caller that finds any problem in a fast read reads again strictly, so every message a user
sees has its `file:line`.
"""

from __future__ import annotations

import errno
import os
import stat

from .errors import CatalogError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any, BinaryIO

# A tag starts a node: '!' at a line start or after whitespace, '[', '{' or ',', followed by
# more than a space. Quoted text that happens to look so only sends a file to the strict reader.
_TAG_BEFORE = frozenset(" \t\r\n[{,")


def _has_tag(text: str) -> bool:
    """Whether the text may hold a YAML tag (checking each '!', which are few, not every char)."""
    position = text.find("!")
    while position != -1:
        before = text[position - 1] if position else "\n"
        after = text[position + 1:position + 2]
        if before in _TAG_BEFORE and after and not after.isspace():
            return True
        position = text.find("!", position + 1)
    return False

# Today's catalogue is under a megabyte and one a hundred times larger about 70 MB; the limit
# (128 MiB, docs/reliability.md) keeps a hostile file from eating memory and time. Report texts
# are read with the same limit.
MAX_CATALOG_BYTES = 128 * 1024 * 1024


# --- YAML with line numbers ------------------------------------------------------------------

class Node(dict):  # type: ignore[type-arg]
    """A YAML mapping that remembers the line of itself and of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


def _loader_class() -> type:
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser where available

    class LineLoader(base):  # type: ignore[misc, valid-type]
        def construct_object(self, node, deep=False):  # type: ignore[no-untyped-def]
            # An alias re-uses a node already built. The catalogue never needs one, and
            # refusing them stops "billion laughs" expansion before it starts.
            if node in self.constructed_objects:
                raise yaml.constructor.ConstructorError(
                    None, None, "YAML 별칭(*alias)은 쓸 수 없습니다", node.start_mark)
            return super().construct_object(node, deep=deep)

        def construct_mapping(self, node, deep=False):  # type: ignore[no-untyped-def]
            mapping = Node()
            mapping.line = node.start_mark.line + 1
            mapping.key_lines = {}
            for key_node, value_node in node.value:
                key = self.construct_object(key_node, deep=True)
                if not isinstance(key, str):
                    key = str(key)
                if key in mapping:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"키가 중복됩니다: {key}", key_node.start_mark)
                mapping[key] = self.construct_object(value_node, deep=True)
                mapping.key_lines[key] = key_node.start_mark.line + 1
            return mapping

    LineLoader.add_constructor("tag:yaml.org,2002:map", LineLoader.construct_mapping)
    # Dates stay strings: the catalogue's partial dates (2024-06) are parsed by PartialDate,
    # and a full 2024-06-18 must not turn into a datetime.date.
    LineLoader.add_constructor("tag:yaml.org,2002:timestamp", LineLoader.construct_yaml_str)
    return LineLoader


def line_of(node: Any, key: str | None = None) -> int:
    """The line of a mapping (or of one of its keys); 0 for a mapping read without lines."""
    if isinstance(node, Node):
        return node.line_of(key) if key is not None else node.line
    return 0


def read_fast(path: Path, data: bytes) -> Any | None:
    """The document read by the fast reader, or None when only the strict reader may read it."""
    try:
        import yaml_rs
    except ImportError:
        return None
    text = _decode(path, data)
    if _has_tag(text):
        return None
    no_aliases = yaml_rs.AliasLimits(max_alias_expansions_per_anchor=0, max_replay_stack_depth=0,
                                     max_total_replayed_events=0)
    try:
        return yaml_rs.loads(text, parse_datetime=False, alias_limits=no_aliases)
    except Exception:  # noqa: BLE001 - any complaint is worded, with its line, by the strict reader
        return None


def read_yaml(path: Path, data: bytes | None = None) -> Any:
    """The document read strictly, with lines; CatalogError with file:line on bad YAML."""
    import yaml

    text = _decode(path, read_bytes(path) if data is None else data)
    try:
        return yaml.load(text, Loader=_loader_class())  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        raise CatalogError([f"{path}:{line}: YAML: {error.problem or error.context}"]) from None
    except yaml.YAMLError as error:
        raise CatalogError([f"{path}: YAML: {error}"]) from None


class Refused(OSError):
    """A file that is there but is not read (a directory, or too big); strerror says why."""


def read_bytes(path: Path) -> bytes:
    """A catalogue file's content (read_limited); CatalogError naming the file if it cannot be."""
    try:
        return read_limited(path)
    except OSError as error:
        raise _catalog_error(path, error) from None


def read_or_digest(path: Path, digest: bool = True) -> tuple[bytes | None, bytes | None]:
    """(digest_bytes of the content, None) for a regular file, hashed in chunks: a warm run of a
    69 MB catalogue then holds 1 MB of it at a time, not all of it. (None, content) for a pipe,
    FIFO or device, which can be read only once: the caller keeps the content. Without digest, a
    regular file is only opened and checked: (None, None). CatalogError if it cannot be read."""
    import hashlib   # here, not at the top: --version and the fast lane's start-up need no OpenSSL

    try:
        handle, regular = _open(path)
        with handle:
            if not regular:
                return None, _read_all(path, handle, stop_at_nul=True)
            if not digest:
                return None, None
            hashed = hashlib.sha256()
            while chunk := handle.read(1 << 20):
                hashed.update(chunk)
            return hashed.digest(), None
    except OSError as error:
        raise _catalog_error(path, error) from None


def digest_bytes(data: bytes) -> bytes:
    import hashlib

    return hashlib.sha256(data).digest()


def read_limited(path: Path) -> bytes:
    """The file's content, read safely whatever the path names: a regular file up to
    MAX_CATALOG_BYTES (refused before reading if larger); a pipe, FIFO or device read once up to
    that limit, never blocking on a FIFO that has no writer. Raises OSError (Refused for a
    directory or a file too big)."""
    handle, regular = _open(path)
    with handle:
        return _read_all(path, handle, stop_at_nul=not regular)


def _open(path: Path) -> tuple[BinaryIO, bool]:
    """The file opened for reading, and whether it is a regular file.

    Opened without blocking: opening a FIFO that no one writes to waits forever otherwise (a read
    then finds the end at once). The checks are made on what was opened (fstat), not on the name."""
    handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    try:
        info = os.fstat(handle)
        if stat.S_ISDIR(info.st_mode):
            raise Refused(errno.EISDIR, "파일이 아니라 디렉터리입니다", str(path))
        regular = stat.S_ISREG(info.st_mode)
        if regular and info.st_size > MAX_CATALOG_BYTES:
            raise _too_big(path, info.st_size)
        os.set_blocking(handle, True)   # a writer that is there may take its time
        return os.fdopen(handle, "rb"), regular
    except BaseException:
        os.close(handle)
        raise


def _read_all(path: Path, handle: BinaryIO, stop_at_nul: bool) -> bytes:
    """Everything up to the limit, refused beyond it (a stream has no size to check first, and a
    file may grow). A stream stops at a NUL byte, which no text has: /dev/zero or /dev/urandom
    is then refused as binary at once, not after 128 MiB."""
    chunks, size = [], 0
    while chunk := handle.read(1 << 20):
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_CATALOG_BYTES:
            raise _too_big(path, size, at_least=True)
        if stop_at_nul and b"\x00" in chunk:
            break
    return b"".join(chunks)


def _too_big(path: Path, size: int, at_least: bool = False) -> Refused:
    shown = f"{size:,}바이트{' 이상' if at_least else ''}"
    return Refused(errno.EFBIG, f"파일이 너무 큽니다 ({shown}, 최대 {MAX_CATALOG_BYTES:,}바이트)", str(path))


def _catalog_error(path: Path, error: OSError) -> CatalogError:
    if isinstance(error, FileNotFoundError):
        return CatalogError([f"{path}: 카탈로그 파일이 없습니다"])
    if isinstance(error, Refused):
        return CatalogError([f"{path}: {error.strerror}"])
    return CatalogError([f"{path}: 읽을 수 없습니다 ({error.strerror})"])


def _decode(path: Path, data: bytes) -> str:
    if b"\x00" in data:
        raise CatalogError([f"{path}: 텍스트가 아닌 파일입니다 (NUL 바이트)"])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CatalogError([f"{path}:{line}: UTF-8이 아닌 바이트가 있습니다"]) from None


