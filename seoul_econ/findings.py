"""Questions asked of the council's audit findings: select by text and filters, find one, count."""

from __future__ import annotations

from . import hangul
from . import models as m


def category_code(text: str) -> str | None:
    """A category given as code (proposal), as printed (건의사항) or in part (건의)."""
    norm = hangul.normalize(text)
    for printed, code in m.FINDING_CATEGORIES.items():
        if norm in (hangul.normalize(code), hangul.normalize(printed)) or (len(norm) >= 2 and norm in hangul.normalize(printed)):
            return code
    return None


def status_code(text: str) -> str | None:
    norm = hangul.normalize(text)
    for printed, code in m.FINDING_STATUSES.items():
        if norm in (code, hangul.normalize(printed)) or (len(norm) >= 2 and norm in hangul.normalize(printed)):
            return code
    return None


def matches_text(finding: m.Finding, text: str) -> bool:
    """Whether every word of text appears in the finding, its actions, plans or division."""
    haystack = hangul.normalize(" ".join((finding.finding, finding.actions, finding.division,
                                          *(p.event for p in finding.plans))))
    return all(hangul.normalize(word) in haystack for word in text.split() if hangul.normalize(word))


def counted(findings: tuple[m.Finding, ...]) -> dict[str, dict[str, int]]:
    """Counts by category code and status code, for the check against the printed summary."""
    counts: dict[str, dict[str, int]] = {}
    for finding in findings:
        by_status = counts.setdefault(m.FINDING_CATEGORIES[finding.category], {})
        by_status[finding.status_code] = by_status.get(finding.status_code, 0) + 1
    return counts


def select(catalog: m.Catalog, text: str | None = None, *, division: str | None = None, status: str | None = None,
           category: str | None = None, program_ids: set[str] | None = None) -> list[m.Finding]:
    """Findings passing every filter given (status/category already as codes)."""
    chosen = []
    for finding in catalog.findings:
        if text and not matches_text(finding, text):
            continue
        if division and hangul.normalize(division) not in hangul.normalize(finding.division):
            continue
        if status and finding.status_code != status:
            continue
        if category and m.FINDING_CATEGORIES[finding.category] != category:
            continue
        if program_ids is not None and not program_ids.intersection(finding.programs):
            continue
        chosen.append(finding)
    return chosen


def find_one(catalog: m.Catalog, wanted: str) -> m.Finding | list[m.Finding]:
    """A finding by id (proposal-3), category and number (건의-3) or bare number; a list when
    several categories share the number, an empty list when none matches."""
    text = wanted.strip()
    prefix, _, number = text.rpartition("-")
    if not number.isdigit():
        return []
    code = category_code(prefix) if prefix else None
    if prefix and code is None:
        return []
    matches = [f for f in catalog.findings if f.number == int(number)
               and (code is None or m.FINDING_CATEGORIES[f.category] == code)]
    return matches[0] if len(matches) == 1 else matches
