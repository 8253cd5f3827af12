"""Briefs as Markdown (default: pastes well), plain text, or one self-contained HTML page that
prints on A4 (inline CSS and SVG, no network). Input: the dicts of seoul_econ.brief."""

from __future__ import annotations


from ..labels import clean

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

Table = tuple[list[str], list[list[str]]]   # header, rows


# What html.escape(quote=True) replaces; html itself imports re and enum (5 ms of a brief in
# any format), for the five replacements this is.
_MARKUP = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;", ord("'"): "&#x27;"}


def escape(text: str) -> str:
    """Text for the HTML page: control characters made spaces, markup characters escaped."""
    return clean(text).translate(_MARKUP)


def _ref(note: int | None) -> str:
    return f"[{note}]" if note else ""


def _more(count: int) -> str:
    return f"(이전 {count}건 생략)" if count else ""


def sections(data: dict[str, Any]) -> list[tuple[str, list[str] | Table]]:
    """The brief as (heading, paragraphs or table) in reading order, shared by every format."""
    return _program_sections(data) if data["kind"] == "program" else _division_sections(data)


def _program_sections(data: dict[str, Any]) -> list[tuple[str, list[str] | Table]]:
    facts = [data["summary"]]
    for label, key in (("영문명", "name_en"), ("상위 사업", "parent"), ("이전 사업", "predecessor")):
        if data[key]:
            facts.append(f"{label}: {data[key]}")
    if data["aliases"]:
        facts.append("다른 이름: " + ", ".join(data["aliases"]))
    if data["divisions"]:
        facts.append("담당 부서: " + " · ".join(f"{d['year']} {d['name']}{_ref(d['note'])}" for d in data["divisions"]))
    if data["parts"]:
        facts.append("하위 사업: " + ", ".join(data["parts"]))
    out: list[tuple[str, list[str] | Table]] = [("개요", facts)]
    if data["budget_trend"] or data["other_budgets"]:
        rows = [[str(t["year"]), t["readable"], t["printed"],
                 "" if t["change_percent"] is None else f"{t['change_percent']:+.1f}%", _ref(t["note"])]
                for t in data["budget_trend"]]
        rows += [[b["period"] or str(b["year"] or ""), b["readable"], b["printed"],
                  {"total_cost": "총사업비", "fund": "기금·펀드"}[b["kind"]], _ref(b["note"])]
                 for b in data["other_budgets"]]
        out.append(("예산 추이", (["연도", "금액", "보고서 표기", "증감·구분", "출처"], rows)))
    for heading, key in (("목표", "targets"), ("실적", "results")):
        block = data[key]
        if block["items"]:
            rows = [[str(t["year"] or ""), t["text"], t["value"], _ref(t["note"])] for t in block["items"]]
            out.append((f"{heading} {_more(block['more'])}".strip(), (["연도", "항목", "값", "출처"], rows)))
    if data["milestones"]["items"]:
        rows = [[m["date"], m["status"], m["event"], _ref(m["note"])] for m in data["milestones"]["items"]]
        out.append((f"주요 경과 {_more(data['milestones']['more'])}".strip(), (["날짜", "상태", "내용", "출처"], rows)))
    if data["plans"]["items"]:
        rows = []
        for plan in data["plans"]["items"]:
            outcome = plan["outcome"]
            later = f"{outcome['date']} {outcome['status']}: {outcome['event']} {_ref(outcome['note'])}" if outcome else ""
            rows.append([plan["date"], f"{plan['event']} {_ref(plan['note'])}", plan["state"], later])
        out.append((f"계획과 결과 {_more(data['plans']['more'])}".strip(), (["계획 시기", "계획", "상태", "이후 보고"], rows)))
    out += _findings_section(data)
    return out


def _division_sections(data: dict[str, Any]) -> list[tuple[str, list[str] | Table]]:
    facts = ["이름: " + " → ".join(data["names"])] + [f"계보: {line}" for line in data["lineage"]]
    rows = [[r["report"], r["name"], "" if r["quota"] is None else f"{r['quota']}/{r['current']} {_ref(r['staff_note'])}",
             r["budget"] or "", "" if r["spent_rate"] is None else f"{r['spent_rate']}% {_ref(r['execution_note'])}"]
            for r in data["reports"]]
    out: list[tuple[str, list[str] | Table]] = [("개요", facts),
                                                 ("보고서별 현황", (["보고서", "부서", "정원/현원", "예산현액", "지출 집행률"], rows))]
    duties = data["reports"][-1]["duties"]
    if duties:
        out.append((f"주요기능 ({data['reports'][-1]['report']})", duties))
    if data["programs"]["items"]:
        rows = [[p["name"], p["id"], p["budget"] or "", _ref(p["note"])] for p in data["programs"]["items"]]
        out.append((f"{data['year']}년 담당 사업 {_more(data['programs']['more'])}".strip(),
                    (["사업", "id", "최근 예산", "출처"], rows)))
    out += _findings_section(data)
    return out


def _findings_section(data: dict[str, Any]) -> list[tuple[str, list[str] | Table]]:
    block = data["findings"]
    if not block["items"]:
        return []
    rows = [[f["id"], f["status"], f["finding"], _ref(f["note"])] for f in block["items"]]
    return [(f"2021 행정사무감사 지적 {_more(block['more'])}".strip(), (["id", "상태", "지적", "출처"], rows))]


def _title(data: dict[str, Any]) -> str:
    return f"{data['name']} ({data['id']})" if data["kind"] == "program" else f"{data['name']} 부서 브리프"


def _note_lines(data: dict[str, Any]) -> list[str]:
    return [f"[{n['number']}] {n['report']}: “{n['quote']}”" for n in data["notes"]]


def _legend(data: dict[str, Any]) -> str:
    """Each cited report's title, once (notes name only the report id)."""
    titles = dict.fromkeys((n["report"], n["title"]) for n in data["notes"])
    return "보고서: " + "; ".join(f"{report} {title}" for report, title in titles)


# --- Markdown and text ------------------------------------------------------------------------

def markdown(data: dict[str, Any]) -> str:
    lines = [f"# {_title(data)}", "", "_seoul-econ 브리프 · 모든 수치에 보고서 출처 번호를 붙였습니다._", ""]
    for heading, content in sections(data):
        lines += [f"## {heading}", ""]
        if isinstance(content, tuple):
            header, rows = content
            lines.append("| " + " | ".join(header) + " |")
            lines.append("|" + "---|" * len(header))
            lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
        else:
            lines += [f"- {item}" for item in content]
        lines.append("")
    lines += ["## 출처", "", _legend(data), ""] + [line + "  " for line in _note_lines(data)]
    return "\n".join(map(clean, lines)).rstrip() + "\n"


def text(data: dict[str, Any]) -> str:
    lines = [_title(data), "=" * 40, ""]
    for heading, content in sections(data):
        lines += [heading, "-" * len(heading)]
        if isinstance(content, tuple):
            lines += ["  " + " · ".join(cell for cell in row if cell) for row in content[1]]
        else:
            lines += [f"  {item}" for item in content]
        lines.append("")
    lines += ["출처", "----", _legend(data)] + _note_lines(data)
    return "\n".join(map(clean, lines)).rstrip() + "\n"


# --- HTML -----------------------------------------------------------------------------------

CSS = """
@page { size: A4; margin: 14mm 14mm 16mm; }
body { font-family: "Noto Sans CJK KR", "Noto Sans KR", "Malgun Gothic", "Apple SD Gothic Neo", "NanumGothic",
       sans-serif; font-size: 9pt; line-height: 1.45; color: #111; max-width: 182mm; margin: 0 auto; }
h1 { font-size: 15pt; margin: 0 0 2mm; } h2 { font-size: 11pt; margin: 4mm 0 1.5mm; border-bottom: 1px solid #999; }
p.lead { color: #555; margin: 0 0 2mm; } ul { margin: 0; padding-left: 5mm; }
table { border-collapse: collapse; width: 100%; margin: 0 0 2mm; }
th, td { border-bottom: 1px solid #ddd; padding: 0.6mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #f2f2f2; } td.n { white-space: nowrap; }
svg { display: block; margin: 1mm 0 2mm; }
ol.notes { font-size: 7pt; color: #333; padding-left: 6mm; columns: 2; column-gap: 6mm; }
ol.notes li { margin: 0; break-inside: avoid; } p.legend { font-size: 7pt; color: #555; margin: 0 0 1mm; }
h2, table, svg { break-inside: avoid; } h2 { break-after: avoid; }
"""


def _chart(trend: list[dict[str, Any]]) -> str:
    """Annual budgets as an inline SVG bar chart (억원 labels)."""
    if len(trend) < 2:
        return ""
    width, height, pad = 480, 120, 24
    step = (width - 2 * pad) / len(trend)
    largest = max(t["amount_krw"] for t in trend) or 1
    bars = []
    for i, item in enumerate(trend):
        bar = (height - 2 * pad) * item["amount_krw"] / largest
        x, y = pad + i * step + step * 0.2, height - pad - bar
        label = f"{item['amount_krw'] / 1e8:,.0f}억"
        bars.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{step * 0.6:.1f}" height="{bar:.1f}" fill="#3b6ea8"/>'
                    f'<text x="{x + step * 0.3:.1f}" y="{y - 3:.1f}" font-size="9" text-anchor="middle">{label}</text>'
                    f'<text x="{x + step * 0.3:.1f}" y="{height - 8}" font-size="9" text-anchor="middle">{item["year"]}</text>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
            f'aria-label="연도별 예산">{"".join(bars)}</svg>')


def html(data: dict[str, Any]) -> str:
    parts = ["<!DOCTYPE html>", '<html lang="ko"><head><meta charset="utf-8">',
             f"<title>{escape(_title(data))}</title><style>{CSS}</style></head><body>",
             f"<h1>{escape(_title(data))}</h1>",
             '<p class="lead">seoul-econ 브리프 · 모든 수치에 보고서 출처 번호를 붙였습니다.</p>']
    for heading, content in sections(data):
        parts.append(f"<h2>{escape(heading)}</h2>")
        if heading == "예산 추이":
            parts.append(_chart(data["budget_trend"]))
        if isinstance(content, tuple):
            header, rows = content
            parts.append("<table><thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in header) + "</tr></thead><tbody>")
            parts += ["<tr>" + "".join(f'<td class="n">{escape(c)}</td>' if len(c) < 16 else f"<td>{escape(c)}</td>"
                                       for c in row) + "</tr>" for row in rows]
            parts.append("</tbody></table>")
        else:
            parts.append("<ul>" + "".join(f"<li>{escape(item)}</li>" for item in content) + "</ul>")
    parts.append(f'<h2>출처</h2><p class="legend">{escape(_legend(data))}</p><ol class="notes">')
    parts += [f'<li value="{n["number"]}">{escape(n["report"])}: “{escape(n["quote"])}”</li>' for n in data["notes"]]
    parts.append("</ol></body></html>")
    return "\n".join(parts) + "\n"


RENDERERS = {"md": markdown, "text": text, "html": html}
