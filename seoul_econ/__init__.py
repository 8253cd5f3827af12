"""seoul-econ: Seoul's economic-policy programmes from a source-verified catalogue."""

from __future__ import annotations


def __version__() -> str:
    """The installed package's version, from its metadata (read only when asked for)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("seoul-econ")
    except PackageNotFoundError:
        return "0+unknown"
