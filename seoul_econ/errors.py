"""The one error type of catalogue loading; the CLI turns it into exit code 3."""

from __future__ import annotations


class CatalogError(Exception):
    """The catalogue cannot be used; `problems` holds one `file:line: field: message` each."""

    def __init__(self, problems: list[str]):
        super().__init__(problems[0] if len(problems) == 1 else f"{len(problems)}개 문제")
        self.problems = problems
