"""The errors the core raises; the CLI turns each into one message and an exit code."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable



class CatalogError(Exception):
    """The catalogue cannot be used; `problems` holds one `file:line: field: message` each."""

    def __init__(self, problems: list[str]):
        super().__init__(problems[0] if len(problems) == 1 else f"{len(problems)}개 문제")
        self.problems = problems


class QueryError(Exception):
    """A question the catalogue cannot answer as asked; the CLI maps `code` to an exit code."""

    code = "usage"

    def __init__(self, message: str, candidates: Iterable[str] = ()):
        super().__init__(message)
        self.message = message
        self.candidates = list(candidates)


class NotFound(QueryError):
    code = "not_found"


class Ambiguous(QueryError):
    code = "ambiguous"


class OutputError(OSError):
    """A file the user named (`-o`) cannot be written. `filename` is always the user's path, never
    a temporary one; an OSError, so the command layer reports it as an I/O error (exit 2)."""
