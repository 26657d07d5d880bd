"""The ``html`` producer: an HTML page with ``<table>`` rowspans printed to PDF by WeasyPrint.

Header block as paragraphs (bold direction, italic delegation, right-aligned date, centred bold
title), one bordered table per section whose ``<thead>`` WeasyPrint repeats on each page, region
(and lead) cells spanning their group (``rowspan``), every cell's text vertically centred, rows
kept whole on a page (a spanning block still runs over page breaks), footnotes under the table.
Needs WeasyPrint 70 and the Liberation/DejaVu fonts: only for regenerating fixtures, never in
tests.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from html import escape
from pathlib import Path

from .render_pdf import _blocks, column_widths, fonts_for
from .spec import AnnouncementSpec, SpecError, TableSpec

FAMILY = {"Helvetica": "Liberation Sans", "Times-Roman": "Liberation Serif", "Vera": "DejaVu Sans"}
"""The reportlab font of the spec -> the metric-compatible system font the page uses."""

CSS = """
@page {{ size: A4 {orientation}; margin: {margin}pt; }}
body {{ font-family: "{family}"; font-size: {size}pt; line-height: 1.15; }}
p {{ margin: 0; }}
.direction {{ font-weight: bold; }}
.delegation {{ font-style: italic; }}
.ministry {{ font-weight: bold; margin-bottom: 1em; }}
.date {{ text-align: right; margin: 1.2em 0; }}
h1 {{ font-size: {title}pt; text-align: center; margin: 0.6em 0 1em 0; }}
h2 {{ font-size: {size}pt; margin: 1em 0 0.4em 0; }}
table {{ border-collapse: collapse; table-layout: fixed; margin-bottom: 0.6em; }}
tr {{ break-inside: avoid; }}
th, td {{ border: 0.75pt solid black; padding: 2pt 4pt; text-align: left; vertical-align: middle; }}
th {{ background: #d9d9d9; }}
.note {{ font-size: {note}pt; }}
"""


def _table(t: TableSpec, font: str, size: float, usable: float) -> list[str]:
    """The ``<table>`` of one section, merged columns as ``rowspan`` cells."""
    widths = column_widths(t, fonts_for(font), size, usable - 4, hyphen_breaks=True)
    spans: dict[tuple[int, int], int] = {}
    covered: set[tuple[int, int]] = set()
    for role in t.merge:
        ci = t.roles.index(role)
        for r0, r1 in _blocks(t, ci):
            spans[(r0, ci)] = r1 - r0 + 1
            covered |= {(r, ci) for r in range(r0 + 1, r1 + 1)}
    out = ["<table>", "<colgroup>"]
    out += [f'<col style="width: {w:.1f}pt">' for w in widths]
    out += ["</colgroup>", "<thead><tr>"]
    out += [f"<th>{escape(c)}</th>" for c in t.columns]
    out += ["</tr></thead>", "<tbody>"]
    for ri, row in enumerate(t.rows):
        cells = []
        for ci, text in enumerate(row.cells):
            if (ri, ci) in covered:
                continue
            n = spans.get((ri, ci), 0)
            attrs = f' rowspan="{n}"' if n > 1 else ""
            cells.append(f"<td{attrs}>{escape(text)}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out += ["</tbody>", "</table>"]
    out += [f'<p class="note">{escape(n)}</p>' for n in t.footnotes]
    return out


def build_html(spec: AnnouncementSpec) -> str:
    """The HTML page of ``spec`` (see the module docstring for its look)."""
    r, h = spec.render, spec.header
    size = r.size + 1
    margin = r.margin + 6
    width = (841.9 if r.landscape else 595.3) - 2 * margin
    css = CSS.format(
        orientation="landscape" if r.landscape else "portrait",
        margin=margin,
        family=FAMILY[r.font],
        size=size,
        title=size + 2,
        note=size - 1,
    )
    body: list[str] = []
    if h.ministry:
        body.append(f'<p class="ministry">{escape(h.ministry)}</p>')
    body.append('<p class="direction">' + "<br>".join(map(escape, h.direction)) + "</p>")
    body.append('<p class="delegation">' + "<br>".join(map(escape, h.delegation)) + "</p>")
    body.append(f'<p class="date">{escape(h.date_line)}</p>')
    body.append(f"<h1>{escape(h.title)}</h1>")
    for t in spec.tables:
        if t.section:
            body.append(f"<h2>{escape(t.section)}</h2>")
        body += _table(t, r.font, size, width)
    return (
        '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">'
        f"<title>{escape(h.title)}</title><style>{css}</style></head>\n<body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )


def render_html_pdfs(specs: list[AnnouncementSpec]) -> dict[str, bytes]:
    """The ``html`` PDF of each spec (by name), printed by the ``weasyprint`` command."""
    out: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for spec in specs:
            page, pdf = Path(tmp) / f"{spec.name}.html", Path(tmp) / f"{spec.name}.pdf"
            page.write_text(build_html(spec), encoding="utf-8")
            try:
                subprocess.run(
                    [sys.executable, "-m", "weasyprint", str(page), str(pdf)],
                    check=True,
                    capture_output=True,
                    timeout=300,
                    env={**os.environ, "PYTHONHASHSEED": "0"},
                )
            except subprocess.CalledProcessError as exc:
                raise SpecError(f"WeasyPrint failed on {spec.name}: {exc.stderr!r}") from exc
            out[spec.name] = pdf.read_bytes()
    return out
