"""The review as one self-contained HTML page: pages with the parse drawn over them, beside
the laureates and the warnings, each linked to the others.

Pure text assembly from the marks and the rendered images: no file, no network. Pages come
first in a scrolling column, the data in a second one; ``#box-N`` is laureate N's box on its
page, ``#laureate-N`` its row in the table. The filter is a checkbox read by CSS alone.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePath

from aap_parser.grid import Doubt, ParseWarning
from aap_parser.models import Announcement, Laureate
from aap_parser.visual.images import PageImage
from aap_parser.visual.marks import (
    SEVERITIES,
    CellMark,
    LaureateMark,
    PageMarks,
    TextRowMark,
    laureate_severities,
)

_STYLE = """
:root{--ok:#2563eb;--error:#dc2626;--warning:#d97706;--info:#0d9488;--merged:#9333ea;
--ink:#1f2937;--muted:#6b7280;--line:#e5e7eb;--lh:18px}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);
background:#f3f4f6;height:100vh;display:flex;flex-direction:column}
header.top{background:#111827;color:#f9fafb;padding:10px 18px;display:flex;flex-wrap:wrap;
align-items:center;gap:6px 18px}
header.top h1{font-size:16px;margin:0;font-weight:600}
header.top .doc{color:#d1d5db;font-size:13px;flex:1 1 320px}
.chip{display:inline-block;border-radius:999px;padding:1px 9px;font-size:12px;font-weight:600;
background:#374151;color:#f9fafb;margin-right:4px}
.chip.error{background:var(--error)}.chip.warning{background:var(--warning)}
.chip.info{background:var(--info)}
label.filter{font-size:13px;cursor:pointer;user-select:none}
main{flex:1;display:grid;grid-template-columns:minmax(0,1.05fr) minmax(0,1fr);min-height:0}
section.pages{overflow:auto;padding:16px;border-right:1px solid #d1d5db}
section.data{overflow:auto;padding:16px;background:#fff}
figure.page{margin:0 auto 20px;max-width:900px}
figure.page figcaption{font-size:12px;color:var(--muted);margin:0 0 4px}
.sheet{position:relative;background:#fff;box-shadow:0 1px 4px rgba(0,0,0,.25)}
.sheet img{position:absolute;inset:0;width:100%;height:100%;display:block}
.sheet svg{position:absolute;inset:0;width:100%;height:100%;overflow:visible}
svg .cell{fill:none;stroke:var(--ok);stroke-opacity:.35;stroke-width:1;
vector-effect:non-scaling-stroke}
svg .cell.borderless{stroke-dasharray:3 3}
svg .cell.merged{fill:var(--merged);fill-opacity:.10}
svg .cell.carried{fill:url(#carried)}
svg .table{fill:none;stroke:var(--muted);stroke-opacity:.5;stroke-dasharray:6 4;
vector-effect:non-scaling-stroke}
.box rect.frame{fill:transparent;stroke:var(--ok);stroke-width:1.5;vector-effect:non-scaling-stroke}
.box.sev-warning rect.frame{stroke:var(--warning);stroke-width:3}
.box.sev-error rect.frame{stroke:var(--error);stroke-width:3}
.box.sev-info rect.frame{stroke:var(--info);stroke-width:2.5;stroke-dasharray:5 3}
.box rect.tag{fill:var(--ok)}
.box.sev-warning rect.tag{fill:var(--warning)}.box.sev-error rect.tag{fill:var(--error)}
.box.sev-info rect.tag{fill:var(--info)}
.box text{fill:#fff;font:600 8px system-ui,sans-serif}
.doubt rect{fill:rgba(219,39,119,.12);stroke:#db2777;stroke-width:1.5;stroke-dasharray:3 2;
vector-effect:non-scaling-stroke}
.doubt text{fill:#db2777;font:600 7px system-ui,sans-serif}
.legend i.doubt{border:1.5px dashed #db2777;background:rgba(219,39,119,.15)}
.box:hover rect.frame,.box:target rect.frame{fill:rgba(37,99,235,.10)}
.text-sheet{display:flex;font:12px/var(--lh) ui-monospace,"DejaVu Sans Mono",monospace;
overflow-x:auto;padding:8px 0}
.text-sheet .gutter{color:#9ca3af;text-align:right;padding:0 8px;user-select:none;margin:0;
font:inherit}
.text-sheet .body{position:relative;flex:1}
.text-sheet pre{margin:0;font:inherit;white-space:pre}
.text-sheet .overlay{position:absolute;inset:0;pointer-events:none}
.text-sheet .overlay>*{position:absolute;pointer-events:auto}
.text-sheet .cell{outline:1px solid rgba(37,99,235,.4);outline-offset:2px;pointer-events:none}
.text-sheet .cell.carried{background:rgba(147,51,234,.12)}
.text-sheet .box{border:1.5px solid var(--ok);margin-left:-4px;padding-right:4px}
.text-sheet .box.sev-warning{border:3px solid var(--warning)}
.text-sheet .box.sev-error{border:3px solid var(--error)}
.text-sheet .box.sev-info{border:2.5px dashed var(--info)}
.text-sheet .box .tag{position:absolute;right:100%;top:-1px;margin-right:4px;color:#fff;
background:var(--ok);font:600 10px/14px system-ui,sans-serif;padding:0 4px;border-radius:3px;
text-decoration:none}
.text-sheet .box.sev-warning .tag{background:var(--warning)}
.text-sheet .box.sev-error .tag{background:var(--error)}
.text-sheet .box.sev-info .tag{background:var(--info)}
.text-sheet .box:target{background:rgba(37,99,235,.08)}
h2{font-size:15px;margin:0 0 8px}
h2 small{font-weight:400;color:var(--muted)}
table.laureates{border-collapse:collapse;width:100%;font-size:12.5px;margin-bottom:24px}
table.laureates th{position:sticky;top:-16px;background:#f9fafb;text-align:left;font-weight:600;
border-bottom:2px solid #d1d5db;padding:5px 6px}
table.laureates td{border-bottom:1px solid var(--line);padding:5px 6px;vertical-align:top}
table.laureates tr:target td{background:#eff6ff}
table.laureates td.index a{display:inline-block;min-width:26px;text-align:center;color:#fff;
background:var(--ok);border-radius:4px;font-weight:600;text-decoration:none}
tr.sev-warning td.index a{background:var(--warning)}tr.sev-error td.index a{background:var(--error)}
tr.sev-info td.index a{background:var(--info)}
tr.sev-warning td:first-child{box-shadow:inset 3px 0 var(--warning)}
tr.sev-error td:first-child{box-shadow:inset 3px 0 var(--error)}
.code,.carried{color:var(--muted);font-size:11px}
.code{font-family:ui-monospace,monospace}
td ul{margin:0;padding:0;list-style:none}
ol.warnings{margin:0 0 20px;padding:0;list-style:none;font-size:13px}
ol.warnings li{border-left:4px solid var(--warning);background:#fffbeb;padding:6px 10px;
margin:0 0 6px}
ol.warnings li.sev-error{border-color:var(--error);background:#fef2f2}
ol.warnings li.sev-info{border-color:var(--info);background:#f0fdfa}
ol.warnings .sev{font-weight:600;text-transform:uppercase;font-size:11px}
ol.warnings code{background:rgba(0,0,0,.06);padding:0 4px;border-radius:3px}
.legend{font-size:12px;color:#d1d5db;display:flex;gap:12px;align-items:center}
.legend i{display:inline-block;width:14px;height:10px;vertical-align:-1px;margin-right:4px;
border:2px solid var(--ok)}
.legend i.warning{border-color:var(--warning)}.legend i.error{border-color:var(--error)}
.legend i.merged{border:1px solid var(--merged);background:rgba(147,51,234,.35)}
.empty{color:var(--muted);font-style:italic;margin:0 0 20px}
body:has(#only-warnings:checked) tr.clean{display:none}
body:has(#only-warnings:checked) .box.clean{opacity:.2}
"""

_HATCH = (
    '<svg width="0" height="0" style="position:absolute" aria-hidden="true">'
    '<defs><pattern id="carried" width="6" height="6" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(45)"><rect width="6" height="6" fill="#9333ea" fill-opacity=".06"/>'
    '<line x1="0" y1="0" x2="0" y2="6" stroke="#9333ea" stroke-opacity=".35" stroke-width="2"/>'
    "</pattern></defs></svg>"
)
"""The hatching of carried-over cells, defined once for every page's overlay."""


_OCR_CHIP = '<span class="chip">OCR</span>'
_OCR_LEGEND = '<span><i class="doubt"></i>OCR unsure (confidence)</span>'


def _e(text: object) -> str:
    """Escape for HTML text and attribute values."""
    return html.escape(str(text), quote=True)


def _n(value: float) -> str:
    """A coordinate in PDF points, short."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _severity_class(severity: str | None) -> str:
    return f"sev-{severity}" if severity else "clean"


def _counts(warnings: Iterable[ParseWarning]) -> Counter[str]:
    return Counter(w.severity for w in warnings)


def _chips(counts: Counter[str]) -> str:
    return "".join(
        f'<span class="chip {sev}">{counts[sev]} {sev}{"s" if counts[sev] > 1 else ""}</span>'
        for sev in SEVERITIES
        if counts[sev]
    )


def _svg_box(mark: LaureateMark) -> str:
    """A laureate's box with its index in a tag left of the box (inside near a page edge)."""
    box = mark.bbox
    tag_w = 5.0 + 5.0 * len(str(mark.index))
    tag_x = box.x0 - tag_w - 2 if box.x0 > tag_w + 4 else box.x0 + 1
    return (
        f'<a href="#laureate-{mark.index}">'
        f'<g class="box {_severity_class(mark.severity)}" id="box-{mark.index}" '
        f'data-laureate="{mark.index}" '
        f'data-bbox="{_n(box.x0)} {_n(box.top)} {_n(box.x1)} {_n(box.bottom)}">'
        f"<title>Laureate {mark.index}{f' ({mark.severity})' if mark.severity else ''}</title>"
        f'<rect class="frame" x="{_n(box.x0)}" y="{_n(box.top)}" '
        f'width="{_n(box.x1 - box.x0)}" height="{_n(box.bottom - box.top)}"/>'
        f'<rect class="tag" x="{_n(tag_x)}" y="{_n(box.top)}" width="{_n(tag_w)}" height="10" '
        f'rx="2"/><text x="{_n(tag_x + tag_w / 2)}" y="{_n(box.top + 7.7)}" '
        f'text-anchor="middle">{mark.index}</text></g></a>'
    )


def _svg_doubt(doubt: Doubt) -> str:
    """A word the OCR was unsure of, with its confidence above it."""
    box = doubt.bbox
    confidence = f"{doubt.confidence:.0f} %"
    return (
        f'<g class="doubt" data-confidence="{doubt.confidence:g}">'
        f"<title>OCR read « {_e(doubt.text)} » at {confidence} confidence</title>"
        f'<rect x="{_n(box.x0)}" y="{_n(box.top)}" width="{_n(box.x1 - box.x0)}" '
        f'height="{_n(box.bottom - box.top)}"/>'
        f'<text x="{_n(box.x0)}" y="{_n(box.top - 1.5)}">{confidence}</text></g>'
    )


def _svg_cell(cell: CellMark) -> str:
    classes = ["cell"]
    if not cell.ruled:
        classes.append("borderless")
    if cell.merged:
        classes.append("merged")
    if cell.carried:
        classes.append("carried")
    box = cell.bbox
    return (
        f'<rect class="{" ".join(classes)}" x="{_n(box.x0)}" y="{_n(box.top)}" '
        f'width="{_n(box.x1 - box.x0)}" height="{_n(box.bottom - box.top)}"/>'
    )


def pdf_page(image: PageImage, marks: PageMarks | None) -> str:
    """One PDF page: its image, and over it an SVG in PDF points with cells and boxes."""
    marks = marks or PageMarks(image.number)
    width, height = image.width, image.height
    parts = [
        f'<rect class="table" x="{_n(t.x0)}" y="{_n(t.top)}" width="{_n(t.x1 - t.x0)}" '
        f'height="{_n(t.bottom - t.top)}"/>'
        for t in marks.tables
    ]
    parts += (_svg_cell(c) for c in sorted(marks.cells, key=lambda c: not c.merged))
    parts += (_svg_box(m) for m in marks.laureates)
    parts += (_svg_doubt(d) for d in marks.doubts)
    return (
        f'<figure class="page" id="page-{image.number}" data-page="{image.number}">'
        f"<figcaption>Page {image.number}</figcaption>"
        f'<div class="sheet" style="aspect-ratio:{_n(width)}/{_n(height)}">'
        f'<img src="{image.uri}" alt="Page {image.number}" '
        f'width="{image.pixels[0]}" height="{image.pixels[1]}">'
        f'<svg class="overlay" viewBox="0 0 {_n(width)} {_n(height)}" '
        'preserveAspectRatio="none">'
        f"{''.join(parts)}</svg></div></figure>"
    )


def _span_style(first: int, last: int, start: int, end: int) -> str:
    return (
        f"top:calc({first - 1}*var(--lh));height:calc({last - first + 1}*var(--lh));"
        f"left:{start}ch;width:{max(end - start, 1)}ch"
    )


def text_page(lines: Sequence[str], rows: Sequence[TextRowMark]) -> str:
    """A text input: its lines numbered, each table cell outlined, each laureate boxed."""
    width = max((len(line) for line in lines), default=1)
    overlay: list[str] = []
    for row in rows:
        overlay += (
            f'<div class="cell{" carried" if s.carried else ""}" '
            f'style="{_span_style(s.first, s.last, s.start, s.end)}"></div>'
            for s in row.cells
        )
        if row.laureate is not None:
            overlay.append(
                f'<div class="box {_severity_class(row.severity)}" id="box-{row.laureate}" '
                f'data-laureate="{row.laureate}" data-lines="{row.first} {row.last}" '
                f'style="{_span_style(row.first, row.last, 0, width + 1)}">'
                f'<a class="tag" href="#laureate-{row.laureate}">{row.laureate}</a></div>'
            )
    gutter = "\n".join(str(n) for n in range(1, len(lines) + 1))
    return (
        '<figure class="page" id="page-text" data-page="text"><figcaption>Text</figcaption>'
        f'<div class="sheet text-sheet"><pre class="gutter">{gutter}</pre>'
        f'<div class="body"><pre>{_e(chr(10).join(lines))}</pre>'
        f'<div class="overlay">{"".join(overlay)}</div></div></div></figure>'
    )


def _leads(laureate: Laureate) -> str:
    items = [
        f"<li>{_e(lead.name)}"
        + (f' <span class="code">{_e(lead.code)}</span>' if lead.code else "")
        + "</li>"
        for lead in laureate.leads
    ]
    carried = ' <span class="carried">↑ carried over</span>' if laureate.lead_carried_over else ""
    return f"<ul>{''.join(items)}</ul>{carried}"


def _partners(laureate: Laureate) -> str:
    items = []
    for partner in laureate.partners:
        items.append(
            f"<li>{_e(partner.name)}"
            + (f" — {_e(partner.country or '')}" if partner.country else "")
            + (
                f' <span class="code">{_e(partner.country_code)}</span>'
                if partner.country_code
                else ""
            )
            + "</li>"
        )
    return f"<ul>{''.join(items)}</ul>"


def _region(laureate: Laureate) -> str:
    text = _e(laureate.region or "")
    if laureate.region_code:
        text += f' <span class="code">{_e(laureate.region_code)}</span>'
    if laureate.region_carried_over:
        text += ' <span class="carried">↑</span>'
    return text


def _amount(laureate: Laureate) -> str:
    if laureate.amount_eur is not None:
        return _e(f"{laureate.amount_eur:,.0f} €".replace(",", "\u202f"))
    return _e(laureate.amount_text or "")


def laureates_table(announcement: Announcement) -> str:
    """The laureates, one row each, linked to their box on the page."""
    severities = laureate_severities(announcement)
    amounts = any(lau.amount_eur is not None or lau.amount_text for lau in announcement.laureates)
    rows = []
    for lau in announcement.laureates:
        severity = severities.get(lau.index)
        amount = f"<td>{_amount(lau)}</td>" if amounts else ""
        rows.append(
            f'<tr id="laureate-{lau.index}" class="{_severity_class(severity)}">'
            f'<td class="index"><a href="#box-{lau.index}" title="On the page">{lau.index}</a></td>'
            f"<td>{_region(lau)}</td><td>{_leads(lau)}</td><td>{_partners(lau)}</td>"
            f"<td>{_e(lau.title or '')}</td>{amount}</tr>"
        )
    return (
        f"<h2>Laureates <small>{len(announcement.laureates)}</small></h2>"
        '<table class="laureates"><thead><tr><th>#</th><th>Region</th><th>Lead</th>'
        f"<th>Partners</th><th>Title</th>{'<th>Amount</th>' if amounts else ''}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def warnings_list(announcement: Announcement) -> str:
    """Every warning with its code, severity and message, linked to its laureate."""
    items = []
    for warning in announcement.warnings:
        severity, index = warning.severity, warning.laureate
        where = ", ".join(
            f"{label} {value}"
            for label, value in (("page", warning.page), ("line", warning.line))
            if value is not None
        )
        target = (
            f'<a href="#laureate-{index}">laureate {index}</a>' if index is not None else "document"
        )
        items.append(
            f'<li class="warning sev-{severity}" data-for="{index if index is not None else ""}">'
            f'<span class="sev">{severity}</span> <code>{_e(warning.code)}</code> {target}'
            f"{f' ({where})' if where else ''}: {_e(warning.message)}</li>"
        )
    body = f'<ol class="warnings">{"".join(items)}</ol>' if items else '<p class="empty">None.</p>'
    return f"<h2>Warnings <small>{len(items)}</small></h2>{body}"


def review_page(announcement: Announcement, pages_html: Sequence[str], name: str | None) -> str:
    """The whole review document around the pages already drawn."""
    header = announcement.header
    title = header.title or "(no title)"
    date = f" · {header.date.isoformat()}" if header.date else ""
    shown = name or announcement.source.path or "announcement"
    counts = _counts(announcement.warnings)
    ocr = announcement.source.format == "pdf-ocr"
    return (
        '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Review · {_e(shown)}</title><style>{_STYLE}</style></head><body>"
        '<header class="top"><h1>aap-parser review</h1>'
        f'<div class="doc"><strong title="{_e(shown)}">{_e(PurePath(shown).name or shown)}'
        f"</strong> — {_e(title)}{_e(date)}</div>"
        f'<span class="chip">{len(announcement.laureates)} laureates</span>{_chips(counts)}'
        f"{_OCR_CHIP if ocr else ''}"
        '<span class="legend"><span><i></i>laureate</span><span><i class="warning"></i>warning'
        '</span><span><i class="error"></i>error</span><span><i class="merged"></i>merged / '
        "carried over</span>"
        f"{_OCR_LEGEND if ocr else ''}"
        "</span>"
        '<label class="filter"><input type="checkbox" id="only-warnings"> only rows with '
        "warnings</label></header>"
        f'{_HATCH}<main><section class="pages">{"".join(pages_html)}</section>'
        f'<section class="data">{warnings_list(announcement)}'
        f"{laureates_table(announcement)}</section></main></body></html>\n"
    )


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One input of a batch review: its review page (if any), outcome and counts."""

    path: str
    href: str | None
    error: str | None = None
    laureates: int = 0
    warnings: tuple[tuple[str, int], ...] = ()


def index_entry(path: str, href: str | None, announcement: Announcement) -> IndexEntry:
    """The index line of a parsed input."""
    counts = _counts(announcement.warnings)
    return IndexEntry(
        path, href, None, len(announcement.laureates), tuple((s, counts[s]) for s in SEVERITIES)
    )


def index_page(entries: Sequence[IndexEntry]) -> str:
    """The batch review's ``index.html``: each input with its status and counts."""
    rows = []
    for entry in entries:
        name = f'<a href="{_e(entry.href)}">{_e(entry.path)}</a>' if entry.href else _e(entry.path)
        counts = dict(entry.warnings)
        status = (
            f'<span class="chip error">failed</span> {_e(entry.error)}'
            if entry.error
            else '<span class="chip">parsed</span>'
        )
        cells = "".join(f"<td>{counts.get(s, 0) or ''}</td>" for s in SEVERITIES)
        rows.append(
            f'<tr class="{"failed" if entry.error else "parsed"}"><td>{name}</td><td>{status}</td>'
            f"<td>{entry.laureates if not entry.error else ''}</td>{cells}</tr>"
        )
    failed = sum(1 for e in entries if e.error)
    return (
        '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Review · {len(entries)} announcements</title><style>{_STYLE}"
        "body{height:auto}section.data{margin:16px;border-radius:6px}</style></head><body>"
        f'<header class="top"><h1>aap-parser review</h1><div class="doc">{len(entries)} '
        f"inputs, {failed} failed, {sum(e.laureates for e in entries)} laureates</div></header>"
        '<section class="data"><table class="laureates"><thead><tr><th>Input</th>'
        "<th>Status</th><th>Laureates</th><th>Errors</th><th>Warnings</th><th>Info</th></tr>"
        f"</thead><tbody>{''.join(rows)}</tbody></table></section></body></html>\n"
    )
