"""A command's access to one catalogue: the parts it asks for, loaded on first use.

A search needs only the cached search keys, `show --json` one cached record, a table the whole
catalogue. Commands ask the Library for what they need, and it reads and hashes the data files
once per command however many parts are loaded (catalog.Source).
"""

from __future__ import annotations


from . import catalog as loader
from . import records
from .frozen import cached

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from .models import Catalog
    from .search import SearchIndex
    from .search.columns import Column


class Library:
    def __init__(self, path: loader.PathOrSource = None, notify: Callable[[str], None] | None = None):
        self.path = path
        self.notify = notify

    @cached
    def source(self) -> loader.Source:
        return loader.read_source(self.path)

    @cached
    def _catalog(self) -> Catalog:
        return loader.load_catalog(self.source, notify=self.notify)

    def catalog(self) -> Catalog:
        """The validated catalogue (from the cache when it has it)."""
        return self._catalog

    def checked_catalog(self) -> Catalog:
        """The catalogue with every quote proven against the report texts (`validate`)."""
        return loader.load_catalog(self.source, check_quotes=True, notify=self.notify)

    @cached
    def _index(self) -> SearchIndex:
        return loader.load_search_index(self.source, notify=self.notify)

    def search_index(self) -> SearchIndex:
        """The programmes' search keys, without loading the catalogue when they are cached."""
        return self._index

    def program_record(self, position: int) -> dict[str, Any]:
        """The JSON record of the programme at `position` (SearchIndex.position_of), read alone."""
        return loader.load_program_rows(self.source, [position], _program_records, notify=self.notify)[0]

    def program_json(self) -> Column:
        """Every programme's JSON record as text, each as an item of the list `list --json`
        writes (machine.to_json indented by two, without its newline), in catalogue order and
        joined as that list's items: the list writes the bytes as they lie (all of them) or
        joins some, instead of encoding 254 (or 25,400) records on every run; `show --json`
        takes the indent off one."""
        return loader.load_columns(self.source, "texts", _program_json_columns, _program_json, notify=self.notify)

    def programme_row(self, kind: str, program_id: str, make_rows: Callable[[Catalog], list[Any]]) -> Any:
        """One programme's row of a kind of derived data cached for every programme: "plans",
        story.plan_pairings, since pairing plans by wording imports rapidfuzz (12 ms)."""
        position = self.search_index().ids.row_of(program_id)
        return loader.load_program_rows(self.source, [position], make_rows, notify=self.notify, kind=kind)[0]


def _program_records(catalog: Catalog) -> list[dict[str, Any]]:
    return [records.program(p) for p in catalog.programs]


JSON_ITEMS = b",\n"   # what stands between two items of a JSON list as machine.to_json writes it


def _program_json_columns(catalog: Catalog) -> dict[str, Any]:
    from .machine import to_json
    from .search.columns import Column

    items = ["  " + to_json(row)[:-1].replace("\n", "\n  ") for row in _program_records(catalog)]
    return {"records": Column.of(items, JSON_ITEMS).dump()}


def _program_json(columns: dict[str, Any]) -> Column:
    from .search.columns import Column

    return Column(*columns["records"], separator=JSON_ITEMS)
