"""Columns of strings kept as UTF-8 blobs with their offsets, and arrays of 32-bit integers kept as bytes."""

from __future__ import annotations

from bisect import bisect_right

from ..frozen import cached
from .scores import PART, SEP

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _ints(values: Any) -> bytes:
    from array import array   # building only: array imports collections (1.4 ms); reading uses memoryview

    return array("I", values).tobytes()


def _view(blob: bytes) -> memoryview:
    """32-bit integers kept as bytes, read in place (what mmap-ing the file would give)."""
    return memoryview(blob).cast("I")


class Column:
    """A column of strings kept as one UTF-8 blob joined by a separator (SEP unless said), with
    the byte offset of each row.

    The blob is bytes (just built) or a region of a mapped cache entry (buffer[base:end]), which
    is searched where it lies: a query finds its rows with find (UTF-8 cannot match in the middle
    of a character), or by binary search when the rows are sorted, and decodes only those.
    """

    def __init__(self, buffer: Any, starts: Any, base: int = 0, end: int | None = None, separator: bytes = SEP.encode()):
        self.buffer, self.starts, self.separator = buffer, _view(starts), separator
        self.base, self.end = base, len(buffer) if end is None else end

    @classmethod
    def of(cls, items: list[str], separator: bytes = SEP.encode()) -> Column:
        encoded = [item.encode() for item in items]
        starts, position = [], 0
        for piece in encoded:
            starts.append(position)
            position += len(piece) + len(separator)
        return cls(separator.join(encoded), _ints(starts), separator=separator)

    def dump(self) -> tuple[bytes, bytes]:
        return bytes(self.buffer[self.base:self.end]), self.starts.tobytes()

    @cached
    def items(self) -> list[str]:
        """Every row as a string (for rapidfuzz, which needs a list)."""
        return self.buffer[self.base:self.end].decode().split(self.separator.decode()) if len(self.starts) else []

    def _end(self, row: int) -> int:
        """Where a row ends in the buffer."""
        return self.base + self.starts[row + 1] - len(self.separator) if row + 1 < len(self.starts) else self.end

    def raw(self, row: int) -> bytes:
        return self.buffer[self.base + self.starts[row]:self._end(row)]

    def joined(self, rows: list[int] | None = None) -> bytes:
        """The rows' bytes joined by the separator (None: all of them, as they lie)."""
        if rows is None:
            return bytes(self.buffer[self.base:self.end])
        return self.separator.join([self.raw(row) for row in rows])

    def __getitem__(self, row: int) -> str:
        return self.raw(row).decode()

    def __len__(self) -> int:
        return len(self.starts)

    def rows_containing(self, needle: str) -> list[int]:
        """Rows whose string contains needle, in order, each once."""
        wanted = needle.encode()
        rows: list[int] = []
        position = self.buffer.find(wanted, self.base, self.end)
        while position != -1:
            row = bisect_right(self.starts, position - self.base) - 1
            rows.append(row)
            position = self.buffer.find(wanted, self._end(row) + len(self.separator), self.end)
        return rows

    def row_of(self, text: str) -> int | None:
        """The first row that is exactly text, found in place (no row is decoded)."""
        wanted = text.encode()
        return next((row for row in self.rows_containing(text) if self.raw(row) == wanted), None)

    def first_at_least(self, key: bytes) -> int:
        """In a column sorted by UTF-8 bytes: the first row not below key."""
        low, high = 0, len(self.starts)
        while low < high:
            middle = (low + high) // 2
            if self.raw(middle) < key:
                low = middle + 1
            else:
                high = middle
        return low


STRING_COLUMNS = ("ids", "names", "key_text", "key_norm", "key_jamo", "key_initials", "terms")
BLOB_COLUMNS = ("key_program", "key_field", "unit_field", "program_units", "depth", "parent", "years", "program_years")


def _clean(text: str) -> str:
    """Text as stored in a Column: the separators cannot occur inside it."""
    return text.replace(PART, " ").replace(SEP, " ")
