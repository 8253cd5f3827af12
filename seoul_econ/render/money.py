"""Budget amounts in readable Korean: 11,209백만원 → 112억 900만원 (exact, never rounded)."""

from __future__ import annotations

_UNITS = ((10**12, "조"), (10**8, "억"), (10**4, "만"))


def format_krw(won: int) -> str:
    """Exact Korean grouping of an amount in won: 16,091,929,000 → 160억 9,192만 9,000원."""
    if won == 0:
        return "0원"
    parts, rest = [], won
    for size, name in _UNITS:
        count, rest = divmod(rest, size)
        if count:
            parts.append(f"{count:,}{name}")
    if rest:
        parts.append(f"{rest:,}")
    return " ".join(parts) + "원"


def format_printed(amount: int | float, unit: str) -> str:
    """The amount as the report prints it, with thousands separators: 11,209백만원."""
    number = f"{amount:,}" if isinstance(amount, int) else f"{amount:,.10g}"
    return f"{number}{unit}"
