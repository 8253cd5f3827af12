"""Shell completion values (typer calls these while the user presses Tab)."""

from __future__ import annotations

from typing import Any


def _catalog(ctx: Any) -> Any:
    from .catalog import load_catalog

    root = ctx.find_root() if ctx is not None else None
    path = (root.params.get("catalog") if root is not None else None)
    try:
        return load_catalog(path)
    except Exception:  # noqa: BLE001 - completion must never print an error into the shell
        return None


def _matching(pairs: list[tuple[str, str]], incomplete: str) -> list[tuple[str, str]]:
    """(value, hint) pairs to offer. typer keeps only values that start with what was typed,
    so Hangul input is completed to the name (which commands accept as well as the id);
    names with spaces are left out, as the shell would split them."""
    out = []
    for value, hint in pairs:
        if value.startswith(incomplete):
            out.append((value, hint))
        elif hint.startswith(incomplete) and not any(ch.isspace() for ch in hint):
            out.append((hint, value))
    return out[:50]


def programs(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    catalog = _catalog(ctx)
    return _matching([(p.id, p.name) for p in catalog.programs], incomplete) if catalog else []


def reports(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    catalog = _catalog(ctx)
    return _matching([(r.id, r.title) for r in catalog.reports], incomplete) if catalog else []


def divisions(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    from .divisions import known_divisions

    catalog = _catalog(ctx)
    return _matching([(name, "") for name in known_divisions(catalog)], incomplete) if catalog else []
