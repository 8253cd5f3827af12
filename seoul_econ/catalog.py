"""Find, load and cache a catalogue. Building it from YAML is build.py's work, done only on a
cache miss or for `validate`, so a warm command imports neither YAML nor the validators.
"""

from __future__ import annotations

import os

from . import __version__
from .errors import CatalogError
from .frozen import Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from . import models as m
    from .search import SearchIndex

CATALOG_ENV = "SEOUL_ECON_CATALOG"
NO_CACHE_ENV = "SEOUL_ECON_NO_CACHE"
# Reference files read when they stand beside programs.yaml; a catalogue without them is valid.
BESIDE = ("findings.yaml", "organisation.yaml")
# The modules whose objects are cached: their files stamp the cache key (the program version).
# The modules whose output the cache keeps: the catalogue, the search index (normalised by
# hangul.py), the JSON rows and texts (records.py, machine.py, library.py) and the plans'
# pairing (story.py).
CACHED_CODE = ("frozen.py", "models.py", "build.py", "build_findings.py", "build_organisation.py", "records.py",
               "machine.py", "library.py", "hangul.py", "story.py",
               "search/build.py", "search/columns.py", "search/hit.py", "search/reading.py", "search/scores.py")


HERE = os.path.dirname(os.path.realpath(__file__))   # paths are strings here: pathlib costs 4 ms to import


def default_catalog_path() -> str:
    """The catalogue shipped with the package (wheel) or beside it (source checkout)."""
    for candidate in (os.path.join(HERE, "data", "programs.yaml"), os.path.join(HERE, "..", "data", "programs.yaml")):
        if os.path.isfile(candidate):
            return os.path.normpath(candidate)
    return os.path.normpath(os.path.join(HERE, "..", "data", "programs.yaml"))


def catalog_path(explicit: str | os.PathLike[str] | None = None) -> str:
    chosen = explicit or os.environ.get(CATALOG_ENV)
    return os.fspath(chosen) if chosen else default_catalog_path()


class Source(Record):
    """A catalogue's data files as found once for one command: where they are, and the cache
    key of their content.

    The loaders below take a path or a Source; a command that calls more than one of them
    (`show --json`: the search keys, then a row) hashes the files once."""

    path: str            # programs.yaml
    files: list[str]     # it and the reference files beside it
    key: str | None      # None: the cache is turned off, or the catalogue is a stream
    # The content of files that are streams (a pipe, e.g. --catalog /dev/stdin, or a device):
    # read once, here, as they cannot be read again.
    held: dict[str, bytes]


PathOrSource = str | os.PathLike[str] | Source | None


def read_source(path: PathOrSource = None) -> Source:
    """The catalogue's files at path (default: the shipped one). Raises CatalogError."""
    if isinstance(path, Source):
        return path
    resolved = catalog_path(path)
    folder = os.path.dirname(resolved)
    files = [resolved, *(os.path.join(folder, name) for name in BESIDE if os.path.isfile(os.path.join(folder, name)))]
    caching = not os.environ.get(NO_CACHE_ENV)
    signed = cache_module().signature(files, _code_stamp()) if caching else None
    known = cache_module().known_key(signed)
    if known:   # the files have not changed since their content was last hashed
        return Source(resolved, files, known, {})
    from .yamlio import read_or_digest

    digests: dict[str, bytes] = {}
    held: dict[str, bytes] = {}
    for file in files:   # without the cache, only the errors a read would give (missing, too big)
        digest, content = read_or_digest(file, digest=caching)
        if content is not None:
            held[file] = content
        elif digest is not None:
            digests[file] = digest
    # A stream is not cached: it is read anyway, and its name (/dev/stdin) says nothing of it.
    key = _cache_key(digests) if caching and not held else None
    if key:
        cache_module().remember_key(signed, key)
    return Source(resolved, files, key, held)


def load_catalog(path: PathOrSource = None, *, check_quotes: bool = False,
                 use_cache: bool = True, notify: Callable[[str], None] | None = None) -> m.Catalog:
    """The validated catalogue at path (default: the shipped one). Raises CatalogError.

    `programs.yaml` may have `findings.yaml` and `organisation.yaml` beside it. A catalogue
    validated before is taken from the cache (see cache.py); `notify` hears about cache
    problems, which never change the answer. `check_quotes` also proves every quote against the
    report texts, which the cache does not cover (the texts may change).
    """
    source = read_source(path)
    catalog, _ = _catalog_and_key(source if use_cache else source._replace(key=None), notify)
    if check_quotes:
        from .build import build_catalog
        from .proofs import verify_quotes
        from .yamlio import read_yaml

        if verify_quotes(catalog):
            # Worded again from the strict reader, so each message names its line.
            strict = {file: read_yaml(file, content) for file, content in _contents(source).items()}
            raise CatalogError(verify_quotes(build_catalog(source.path, strict.pop(source.path), strict)))
    return catalog


def _catalog_and_key(source: Source, notify: Callable[[str], None] | None) -> tuple[m.Catalog, str | None]:
    """The catalogue, cached or built, and the cache key of the content it was built from.

    On a miss the key is computed again from the bytes read: the file may have changed since
    the Source was made, and an entry must be stored under the key of what it holds."""
    catalog = _cached(source.key, notify) if source.key else None
    if catalog is not None:
        return catalog, source.key
    from .build import read_and_build
    from .yamlio import digest_bytes

    data = _contents(source)
    key = _cache_key({file: digest_bytes(content) for file, content in data.items()}) if source.key else None
    catalog = read_and_build(source.path, data)
    if key:
        cache_module().write(key, catalog, notify or _ignore)
    return catalog, key


def _contents(source: Source) -> dict[str, bytes]:
    from .yamlio import read_bytes

    return {file: source.held[file] if file in source.held else read_bytes(file) for file in source.files}


def load_search_index(path: PathOrSource = None, *, notify: Callable[[str], None] | None = None) -> SearchIndex:
    """Only the search keys of the catalogue at path: from the cache when it has them, which is
    much faster than loading the whole catalogue; otherwise built from it, and cached.

    The keys are cached here, by the first search, not with the catalogue: `validate` then
    does not pay for building them (a sixth of its time on a large catalogue)."""
    return load_columns(path, "index", _index_columns, _search_index, notify=notify)


def load_columns(path: PathOrSource, kind: str, build: Callable[[m.Catalog], dict[str, Any]],
                 make: Callable[[dict[str, Any]], Any], *, notify: Callable[[str], None] | None = None) -> Any:
    """Derived data kept as columns of bytes (the cache's mapped kinds, "index" and "texts"):
    make(columns) of the cached entry, read in place; on a miss built from the catalogue and
    cached. make raises when the columns are not what it expects (the entry is then rebuilt)."""
    source = read_source(path)
    found = cache_module().read(source.key, notify or _ignore, codec=kind, make=make) if source.key else None
    if found is not None:
        return found
    catalog, key = _catalog_and_key(source, notify)
    columns = build(catalog)
    if key:
        cache_module().write(key, columns, notify or _ignore, codec=kind)
    return make(columns)


def _index_columns(catalog: m.Catalog) -> dict[str, Any]:
    from .search.build import index_of

    return index_of(catalog).columns


def load_program_rows(path: PathOrSource, positions: list[int] | None, make_rows: Callable[[m.Catalog], list[Any]],
                      *, notify: Callable[[str], None] | None = None, kind: str = "rows") -> list[Any]:
    """The rows of the programmes at positions (see SearchIndex.position_of; None: all), from
    the cache when it has them: `show --json` then reads one programme, not the catalogue, and
    `list --json` its programmes' JSON text. Otherwise make_rows builds every programme's row
    from the catalogue, and they are cached as `kind` (rows: dicts, texts: JSON text)."""
    source = read_source(path)
    rows = cache_module().read_rows(source.key, positions, notify or _ignore, kind) if source.key else None
    if rows is None:
        catalog, key = _catalog_and_key(source, notify)
        every = make_rows(catalog)
        if key:
            cache_module().write(key, every, notify or _ignore, codec=kind)
        rows = every if positions is None else [every[position] for position in positions]
    return rows


def cache_module() -> Any:
    from . import cache

    return cache


def _ignore(message: str) -> None:
    pass


def _cache_key(digests: dict[str, bytes]) -> str:
    """The cache key of data files with these content digests."""
    return cache_module().cache_key(digests, _code_stamp())


def _code_stamp() -> str:
    """The program version, read off the installed code itself as well as the version number:
    any reinstall or edit of the modules whose objects are cached changes a stamp. (Package
    metadata would cost 20 ms.)"""
    return ",".join([__version__, *(f"{name}:{os.stat(os.path.join(HERE, name)).st_mtime_ns}" for name in CACHED_CODE)])


def _cached(key: str, notify: Callable[[str], None] | None) -> m.Catalog | None:
    return cache_module().read(key, notify or _ignore, make=_catalog)


# The shapes a cache entry must have (cache.read treats an entry that raises here as damaged).

def _catalog(value: Any) -> m.Catalog:
    from .models import Catalog

    if not isinstance(value, Catalog):
        raise TypeError(type(value).__name__)
    return value


def _search_index(columns: Any) -> SearchIndex:
    from . import search

    if not isinstance(columns, dict) or columns.get("format") != search.FORMAT:
        raise TypeError("search index format")
    return search.SearchIndex(columns)   # raises on a missing or wrong column
