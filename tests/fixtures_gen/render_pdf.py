"""PDF renditions of a spec with reportlab, in three producers' styles.

* ``word``: a ruled table drawn cell by cell on the canvas, the way a word processor exports it:
  region (and lead) cells merged over their group with the text centred in the merged block, rows
  broken across the page boundary, the header row repeated on each page, ``1/3`` page numbers.
* ``grid``: a reportlab ``Table`` with spans for merged cells, top-aligned (another producer).
* ``borderless``: no ruling, columns from whitespace only, a blank cell where a value carries over.
* ``office``: ``word`` as office tools also print it: a cell of several partners or co-leads as a
  bulleted list (one item per paragraph, markers ``•``, ``–``, ``o``...), lines broken after a
  letter or digit followed by ``-`` or ``/`` (``2022-`` / ``2024``), any column merged down its
  group (a country column too) and, with ``stamp``, a stray line at the top of page 2.

Only reportlab's base-14 fonts and the Vera TTF it ships are used, so rendering runs anywhere;
``invariant=1`` makes the bytes reproducible.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import regex
import reportlab
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.doctemplate import BaseDocTemplate, PageTemplate
from reportlab.platypus.frames import Frame

from aap_parser.grid import join_lines

from .spec import AnnouncementSpec, PdfStyle, Role, RowSpec, SpecError, TableSpec

PAD_X = 3.0
PAD_Y = 2.5
ROLE_WEIGHT: dict[str, float] = {
    "region": 0.85,
    "lead": 1.5,
    "partners": 1.6,
    "country": 0.8,
    "title": 2.4,
    "amount": 0.8,
    "theme": 1.1,
    "programme": 1.0,
    "number": 0.35,
    "extra": 0.9,
}
_HYPHEN_BREAK = regex.compile(r"(?<=\p{L}-)")
_COMPOUND_BREAK = regex.compile(r"(?<=[\p{L}\p{N}][-/])")
MARKERS = ("•", "–", "o", "·", "-")
"""List markers of the ``office`` style, taken in turn by the bulleted cells."""
Breaks = bool | regex.Pattern[str]
"""Where a word may break besides spaces: after letter-hyphens (True), nowhere, or a pattern."""


@dataclass(frozen=True)
class Fonts:
    """A font family's three faces."""

    regular: str
    bold: str
    italic: str


@cache
def fonts_for(name: str) -> Fonts:
    """The faces of ``name``; Vera is registered from reportlab's own fonts folder."""
    if name == "Times-Roman":
        return Fonts("Times-Roman", "Times-Bold", "Times-Italic")
    if name == "Vera":
        folder = Path(reportlab.__file__).parent / "fonts"
        for face, file in (
            ("Vera", "Vera.ttf"),
            ("Vera-Bold", "VeraBd.ttf"),
            ("Vera-Italic", "VeraIt.ttf"),
        ):
            pdfmetrics.registerFont(TTFont(face, str(folder / file)))
        return Fonts("Vera", "Vera-Bold", "Vera-Italic")
    return Fonts("Helvetica", "Helvetica-Bold", "Helvetica-Oblique")


def _width(text: str, font: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(text, font, size))


def _pieces(text: str, hyphen_breaks: Breaks) -> list[tuple[str, str]]:
    """Break opportunities: ``(separator, piece)`` at spaces and, optionally, after hyphens."""
    out: list[tuple[str, str]] = []
    pattern = _HYPHEN_BREAK if hyphen_breaks is True else hyphen_breaks or None
    for wi, word in enumerate(text.split(" ")):
        parts = [p for p in pattern.split(word) if p] if pattern else [word]
        for pi, part in enumerate(parts):
            out.append((" " if wi and not pi else "", part))
    return out


def wrap(
    text: str,
    font: str,
    size: float,
    width: float,
    hyphen_breaks: Breaks,
    break_words: bool = False,
) -> list[str]:
    """Greedy word wrap at spaces (and after letter-hyphens) that ``join_lines`` undoes exactly;
    with ``break_words``, a word wider than the column is broken anywhere, with no hyphen
    (as a very narrow column prints it: only the parser's word rejoining undoes that)."""
    if not text:
        return []
    lines: list[str] = []
    line = ""
    broken = False
    for sep, piece in _pieces(text, hyphen_breaks):
        candidate = line + sep + piece if line else piece
        if not line or _width(candidate, font, size) <= width:
            line = candidate
        else:
            lines.append(line)
            line = piece
        while break_words and _width(line, font, size) > width and len(line) > 1:
            cut = max(
                [k for k in range(1, len(line)) if _width(line[:k], font, size) <= width] or [1]
            )
            lines.append(line[:cut])
            line = line[cut:]
            broken = True
    lines.append(line)
    if not broken and join_lines(lines) != text:
        raise SpecError(f"wrapping {text!r} would not read back the same: {lines}")
    return lines


def _min_width(text: str, font: str, size: float, hyphen_breaks: Breaks) -> float:
    return max((_width(p, font, size) for _, p in _pieces(text, hyphen_breaks)), default=0.0)


def column_widths(
    t: TableSpec,
    fonts: Fonts,
    size: float,
    usable: float,
    hyphen_breaks: Breaks,
    indent: float = 0.0,
    narrow: float = 0.0,
) -> list[float]:
    """Share ``usable`` by role weight, never narrower than a cell's longest unbreakable piece
    (plus ``indent`` in the lead and partners columns, for bulleted lists); with ``narrow``,
    the lead column is that wide whatever it holds."""
    mins = []
    for ci in range(len(t.columns)):
        m = _min_width(t.columns[ci], fonts.bold, size, hyphen_breaks)
        for row in t.rows:
            texts = [row.cells[ci], *((_list_items(t, row, ci) or ()) if indent else ())]
            m = max(m, *(_min_width(x, fonts.regular, size, hyphen_breaks) for x in texts))
        bulleted = t.roles[ci] in ("lead", "partners")
        mins.append(m + 2 * PAD_X + 0.5 + (indent if bulleted else 0.0))
    weights = [ROLE_WEIGHT[r] for r in t.roles]
    fixed: dict[int, float] = {t.roles.index("lead"): narrow} if narrow else {}
    while True:
        free = usable - sum(fixed.values())
        total_w = sum(w for i, w in enumerate(weights) if i not in fixed)
        widths = [
            fixed.get(i, free * w / total_w if total_w else 0.0) for i, w in enumerate(weights)
        ]
        short = [i for i, w in enumerate(widths) if i not in fixed and w < mins[i]]
        if not short:
            break
        for i in short:
            fixed[i] = mins[i]
        if sum(fixed.values()) > usable:
            raise SpecError(f"table {t.columns} does not fit in {usable:.0f} pt at {size} pt")
    return widths


def _list_items(t: TableSpec, row: RowSpec, col: int) -> list[str] | None:
    """The items an office tool prints as a bulleted list in this cell: two partners or more
    (each with the country printed in the cell), or two co-leads or more; else None."""
    role = t.roles[col]
    if role == "partners" and len(row.partners) > 1:
        return [
            f"{p.name} ({p.country})" if p.country_from == "cell" and p.country else p.name
            for p in row.partners
        ]
    if role == "lead" and row.leads is not None and len(row.leads) > 1:
        return list(row.leads)
    return None


Piece = tuple[float, str]
"""A run of text on a cell line and its offset from the cell's text start."""


def _cell_lines(
    t: TableSpec,
    row: RowSpec,
    col: int,
    marker: str | None,
    fonts: Fonts,
    size: float,
    width: float,
    breaks: Breaks,
    break_words: bool = False,
) -> list[list[Piece]]:
    """A cell's printed lines; with a ``marker``, a bulleted list with a hanging indent;
    with ``break_words``, words wider than the column broken anywhere."""
    items = _list_items(t, row, col) if marker else None
    if not items or marker is None:
        return [
            [(0.0, line)]
            for line in wrap(row.cells[col], fonts.regular, size, width, breaks, break_words)
        ]
    indent = size * 1.6
    lines: list[list[Piece]] = []
    for item in items:
        wrapped = wrap(item, fonts.regular, size, width - indent, breaks, break_words)
        lines.append([(0.0, marker), (indent, wrapped[0])])
        lines += [[(indent, line)] for line in wrapped[1:]]
    return lines


# ---------------------------------------------------------------- a page-by-page canvas layout

Op = tuple[Any, ...]


@dataclass
class _Flow:
    """Draw operations per page in top-down coordinates, and a cursor."""

    width: float
    height: float
    margin: float
    pages: list[list[Op]] = field(default_factory=lambda: [[]])
    y: float = 0.0
    crop: float = 0.0
    """A crop box this far inside the page on every side (0: none)."""
    rotate: int = 0
    """The /Rotate flag of every page (the content is drawn upright all the same)."""

    def __post_init__(self) -> None:
        self.y = self.margin

    @property
    def bottom(self) -> float:
        return self.height - self.margin

    @property
    def page(self) -> int:
        return len(self.pages)

    def new_page(self) -> None:
        self.pages.append([])
        self.y = self.margin

    def text(
        self,
        x: float,
        top: float,
        s: str,
        font: str,
        size: float,
        align: str = "left",
        paint: str = "black",
    ) -> None:
        """Queue one line whose line box starts at ``top``; ``paint`` is ``black``, ``white``
        or ``hidden`` (text render mode 3: in the text layer, not on paper)."""
        base = top + size * 1.2 * 0.78
        self.pages[-1].append(("text", x, base, s, font, size, align, paint))

    def rect(self, x: float, top: float, w: float, h: float, fill: float | None = None) -> None:
        """Queue a ruled box, filled in ``fill`` grey if given."""
        self.pages[-1].append(("rect", x, top, w, h, fill))


def _draw(
    flow: _Flow, page_number: Callable[[int, int], str] | None, size: float, font: str
) -> bytes:
    """Write the queued operations to a PDF (``invariant=1``) and return its bytes."""
    buf = io.BytesIO()
    # reportlab swaps the media box of a page whose /Rotate is 90 or 270; a printer or
    # ``qpdf --rotate`` keeps it: hand reportlab the swapped size so the page stays as drawn.
    turned = flow.rotate % 180 == 90
    media = (flow.height, flow.width) if turned else (flow.width, flow.height)
    c = Canvas(buf, pagesize=media, invariant=1)
    c.setTitle("")
    n = len(flow.pages)
    for pi, ops in enumerate(flow.pages, start=1):
        c.setLineWidth(0.5)
        if flow.rotate:
            c.setPageRotation(flow.rotate)
        if flow.crop:
            c.setCropBox((flow.crop, flow.crop, flow.width - flow.crop, flow.height - flow.crop))
        for op in ops:
            if op[0] == "rule":
                _, x, top, w = op
                c.line(x, flow.height - top, x + w, flow.height - top)
            elif op[0] == "vrule":
                _, x, top, length = op
                c.line(x, flow.height - top, x, flow.height - top - length)
            elif op[0] == "rect":
                _, x, top, w, h, fill = op
                if fill is not None:
                    c.setFillGray(fill)
                    c.rect(x, flow.height - top - h, w, h, stroke=1, fill=1)
                    c.setFillGray(0)
                else:
                    c.rect(x, flow.height - top - h, w, h, stroke=1, fill=0)
            else:
                _, x, base, s, f, sz, align, paint = op
                y = flow.height - base
                if paint == "hidden":
                    hidden = c.beginText(x, y)
                    hidden.setFont(f, sz)
                    hidden.setTextRenderMode(3)
                    hidden.textOut(s)
                    hidden.setTextRenderMode(0)
                    c.drawText(hidden)
                    continue
                c.setFont(f, sz)
                if paint == "white":
                    c.setFillGray(1)
                if align == "right":
                    c.drawRightString(x, y, s)
                elif align == "centre":
                    c.drawCentredString(x, y, s)
                else:
                    c.drawString(x, y, s)
                if paint == "white":
                    c.setFillGray(0)
        if page_number is not None:
            c.setFont(font, size - 1)
            c.drawCentredString(flow.width / 2, flow.margin / 2, page_number(pi, n))
        c.showPage()
    c.save()
    return buf.getvalue()


@dataclass(frozen=True)
class RenderedPdf:
    """A rendered PDF with where things landed (for the manifest)."""

    data: bytes
    pages: int
    table_pages: list[list[int]]
    row_pages: list[int | None]
    broken_rows: list[int] = field(default_factory=list)
    """Indexes of the laureates whose row is split across a page break."""


def _header_block(flow: _Flow, spec: AnnouncementSpec, fonts: Fonts, size: float) -> None:
    """Ministry, bold direction, italic delegation, right-aligned date, centred bold title."""
    h, lead = spec.header, size * 1.2
    x0, x1 = flow.margin, flow.width - flow.margin
    if h.ministry:
        flow.text(x0, flow.y, h.ministry, fonts.bold, size + 1)
        flow.y += (size + 1) * 1.2 + lead * 0.5
    for line in h.direction:
        flow.text(x0, flow.y, line, fonts.bold, size)
        flow.y += lead
    for line in h.delegation:
        flow.text(x0, flow.y, line, fonts.italic, size)
        flow.y += lead
    flow.y += lead
    flow.text(x1, flow.y, h.date_line, fonts.regular, size, "right")
    flow.y += lead * 2
    tsize = size + 2
    for line in wrap(h.title, fonts.bold, tsize, x1 - x0 - 40, False):
        flow.text((x0 + x1) / 2, flow.y, line, fonts.bold, tsize, "centre")
        flow.y += tsize * 1.2
    flow.y += lead


def _blocks(t: TableSpec, col: int) -> list[tuple[int, int]]:
    """Runs of rows ``(first, last)`` sharing one printed cell of column ``col``."""
    out: list[tuple[int, int]] = []
    for ri, row in enumerate(t.rows):
        if row.cells[col] == "" and out:
            out[-1] = (out[-1][0], ri)
        else:
            out.append((ri, ri))
    return out


@dataclass(frozen=True)
class _Slice:
    row: int
    l0: int
    l1: int
    page: int
    top: float
    height: float


def _table(
    flow: _Flow,
    t: TableSpec,
    fonts: Fonts,
    size: float,
    style: PdfStyle,
    split_rows: bool,
    row_pages: list[int | None],
    pages: set[int],
    broken_rows: list[int],
    gutter: float = 6.0,
    rules: bool = False,
) -> None:
    """Lay out one table (word, office or borderless) with its heading and footnotes.

    Borderless: ``gutter`` points between two columns' padded cells; ``rules`` draws the
    horizontal rules of a rules-only table (above and under the header, under the table)."""
    ruled = style in ("word", "office")
    office = style == "office"
    breaks: Breaks = _COMPOUND_BREAK if office else ruled
    lead = size * 1.2
    gap = 0.0 if ruled else lead * 0.6
    x0 = flow.margin
    usable = flow.width - 2 * flow.margin
    widths = column_widths(
        t,
        fonts,
        size,
        usable if ruled else usable - gutter * len(t.columns),
        hyphen_breaks=breaks,
        indent=size * 1.6 if office else 0.0,
    )
    col_gap = 0.0 if ruled else gutter
    table_width = sum(widths) + col_gap * (len(widths) - 1)
    xs = [x0 + sum(widths[:i]) + col_gap * i for i in range(len(widths))]
    inner = [w - 2 * PAD_X for w in widths]
    head = [wrap(c, fonts.bold, size, inner[i], breaks) for i, c in enumerate(t.columns)]
    head_h = max(len(h) for h in head) * lead + 2 * PAD_Y
    cells = [
        [
            _cell_lines(
                t, row, i, MARKERS[ri % len(MARKERS)] if office else None,
                fonts, size, inner[i], breaks,
            )
            for i in range(len(row.cells))
        ]
        for ri, row in enumerate(t.rows)
    ]
    merged = [t.roles.index(m) for m in t.merge] if ruled else []
    blocks = {m: _blocks(t, m) for m in merged}
    n_lines = [
        max([1, *(len(cells[r][c]) for c in range(len(t.columns)) if c not in merged)])
        for r in range(len(t.rows))
    ]
    for m in merged:
        for r0, r1 in blocks[m]:
            need = len(cells[r0][m]) * lead + 2 * PAD_Y
            cap = sum(n_lines[r] * lead + 2 * PAD_Y for r in range(r0, r1 + 1))
            if need > cap:
                n_lines[r1] += math.ceil((need - cap) / lead)

    def row_h(r: int, l0: int = 0) -> float:
        return (n_lines[r] - l0) * lead + 2 * PAD_Y

    def header_row() -> None:
        pages.add(flow.page)
        if rules and not ruled:
            flow.pages[-1].append(("rule", x0, flow.y, table_width))
            flow.pages[-1].append(("rule", x0, flow.y + head_h, table_width))
        for i, lines in enumerate(head):
            if ruled:
                flow.rect(xs[i], flow.y, widths[i], head_h, fill=0.3 if office else 0.88)
            for li, line in enumerate(lines):
                flow.text(xs[i] + PAD_X, flow.y + PAD_Y + li * lead, line, fonts.bold, size,
                          paint="white" if office else "black")
        flow.y += head_h + gap

    def next_page() -> None:
        flow.new_page()
        header_row()

    if t.section:
        if flow.y + 3 * lead + head_h + row_h(0) > flow.bottom:
            flow.new_page()
        flow.text(x0, flow.y, t.section, fonts.bold, size + 1)
        flow.y += (size + 1) * 1.2 + lead * 0.5
    if flow.y + head_h + min(row_h(0), 3 * lead) > flow.bottom:
        flow.new_page()
    header_row()
    slices: list[_Slice] = []
    starts = {m: dict(blocks[m]) for m in merged}
    for r in range(len(t.rows)):
        need_first = 0.0
        for m in merged:
            if r in starts[m]:
                total = sum(row_h(k) for k in range(r, starts[m][r] + 1))
                need = len(cells[r][m]) * lead + 2 * PAD_Y
                need_first = max(need_first, need if total > flow.bottom - flow.y else 0.0)
        if need_first > flow.bottom - flow.y:
            next_page()
        l0 = 0
        while True:
            avail = flow.bottom - flow.y
            if row_h(r, l0) <= avail:
                slices.append(_Slice(r, l0, n_lines[r], flow.page, flow.y, row_h(r, l0)))
                flow.y += row_h(r, l0) + gap
                break
            k = math.floor((avail - 2 * PAD_Y) / lead)
            if split_rows and ruled and k >= 1:
                h = k * lead + 2 * PAD_Y
                slices.append(_Slice(r, l0, l0 + k, flow.page, flow.y, h))
                l0 += k
            elif flow.y <= flow.margin + head_h + gap + 0.01:
                raise SpecError(f"row {r} of table {t.columns} is taller than a page")
            next_page()
    if rules and not ruled:
        for page in sorted({s.page for s in slices}):
            bottom = max(s.top + s.height for s in slices if s.page == page)
            flow.pages[page - 1].append(("rule", x0, bottom, table_width))
    offset = len(row_pages) - len(t.rows)
    for s in slices:
        if row_pages[offset + s.row] is None:
            row_pages[offset + s.row] = s.page
        elif s.l0 > 0 and offset + s.row not in broken_rows:
            broken_rows.append(offset + s.row)
        page_ops = flow.pages[s.page - 1]
        for c in range(len(t.columns)):
            if c in merged:
                continue
            if ruled:
                page_ops.append(("rect", xs[c], s.top, widths[c], s.height, None))
            for li, line in enumerate(cells[s.row][c][s.l0 : s.l1]):
                base = s.top + PAD_Y + li * lead + lead * 0.78
                for dx, text in line:
                    page_ops.append(
                        ("text", xs[c] + PAD_X + dx, base, text, fonts.regular, size, "left",
                         "black")
                    )
    for m in merged:
        for r0, r1 in blocks[m]:
            portions: list[list[_Slice]] = []
            for s in slices:
                if r0 <= s.row <= r1:
                    if portions and portions[-1][-1].page == s.page:
                        portions[-1].append(s)
                    else:
                        portions.append([s])
            for pi, portion in enumerate(portions):
                top = portion[0].top
                height = portion[-1].top + portion[-1].height - top
                page_ops = flow.pages[portion[0].page - 1]
                page_ops.append(("rect", xs[m], top, widths[m], height, None))
                if pi:
                    continue
                lines = cells[r0][m]
                y = top + max(PAD_Y, (height - len(lines) * lead) / 2)
                for li, line in enumerate(lines):
                    base = y + li * lead + lead * 0.78
                    for dx, text in line:
                        page_ops.append(
                            ("text", xs[m] + PAD_X + dx, base, text, fonts.regular, size,
                             "left", "black")
                        )
    flow.y += lead * 0.5
    fsize = size - 1
    for note in t.footnotes:
        for line in wrap(note, fonts.regular, fsize, usable, False):
            if flow.y + fsize * 1.2 > flow.bottom:
                flow.new_page()
            flow.text(x0, flow.y, line, fonts.regular, fsize)
            flow.y += fsize * 1.2
    flow.y += lead


def _unprinted(flow: _Flow, fonts: Fonts, size: float) -> None:
    """Text in the text layer that no reader sees: an older date painted invisibly above the
    heading, a white word on the white page beside the first table row, a line outside the
    crop box."""
    flow.crop = 14.0
    first = flow.pages[0]
    right = flow.width - flow.margin
    first.append(("text", right, flow.margin - size, "Paris, le 1er janvier 2019",
                  fonts.regular, size, "right", "hidden"))
    cells = [
        op for op in first
        if op[0] == "text" and op[7] == "black" and op[4] == fonts.regular and op[6] == "left"
    ]
    last = min(cells, key=lambda op: (-op[1], op[2]))  # the first line of the rightmost column
    first.append(("text", last[1], last[2] + size * 1.2, "BROUILLON", fonts.regular, size,
                  "left", "white"))
    first.append(("text", 4.0, flow.height - 4.0, "Imprimé le 03/03/2025 à 10:12",
                  fonts.regular, size - 2, "left", "black"))


def _canvas_pdf(spec: AnnouncementSpec, style: PdfStyle) -> RenderedPdf:
    r = spec.render
    fonts = fonts_for(r.font)
    w, h = landscape(A4) if r.landscape else A4
    flow = _Flow(float(w), float(h), r.margin if style != "borderless" else r.margin * 0.8)
    _header_block(flow, spec, fonts, r.size)
    table_pages: list[list[int]] = []
    row_pages: list[int | None] = []
    broken: list[int] = []
    for t in spec.tables:
        pages: set[int] = set()
        row_pages.extend([None] * len(t.rows))
        _table(flow, t, fonts, r.size, style, r.split_rows, row_pages, pages, broken,
               r.gutter, r.rules)
        table_pages.append(sorted(pages))
    if style == "office" and r.stamp and len(flow.pages) > 1:
        # A stamp on one page only (not a running header): above the table, in the margin.
        top = flow.margin - r.size * 1.6
        flow.pages[1].append(("text", flow.width - flow.margin, top, r.stamp, fonts.regular,
                              r.size - 1, "right", "black"))
    if style == "office" and r.unprinted:
        _unprinted(flow, fonts, r.size)
    if style == "office":
        flow.rotate = r.rotate
    numbering: Callable[[int, int], str] = (
        (lambda i, n: f"{i}/{n}") if style in ("word", "office") else (lambda i, n: f"- {i} -")
    )
    data = _draw(flow, numbering, r.size, fonts.regular)
    return RenderedPdf(data, len(flow.pages), table_pages, row_pages, broken)


# ---------------------------------------------------------------- the platypus "grid" producer


def _grid_pdf(spec: AnnouncementSpec) -> RenderedPdf:
    """A reportlab ``Table`` with ``SPAN`` for merged cells, top-aligned, repeated header row."""
    r = spec.render
    fonts = fonts_for(r.font)
    size = max(7.0, r.size - 1)
    pagesize = landscape(A4) if r.landscape else A4
    margin = r.margin * 0.7
    usable = float(pagesize[0]) - 2 * margin
    body = ParagraphStyle(
        "body", fontName=fonts.regular, fontSize=size, leading=size * 1.15, splitLongWords=0
    )
    bold = ParagraphStyle("bold", parent=body, fontName=fonts.bold)
    ital = ParagraphStyle("ital", parent=body, fontName=fonts.italic)
    right = ParagraphStyle("right", parent=body, alignment=TA_RIGHT)
    title = ParagraphStyle(
        "title", parent=bold, fontSize=size + 2, leading=(size + 2) * 1.2, alignment=TA_CENTER
    )
    h = spec.header
    story: list[Any] = []
    if h.ministry:
        story += [Paragraph(escape(h.ministry), bold), Spacer(1, 6)]
    story += [
        Paragraph("<br/>".join(escape(x) for x in h.direction), bold),
        Paragraph("<br/>".join(escape(x) for x in h.delegation), ital),
        Spacer(1, 10),
        Paragraph(escape(h.date_line), right),
        Spacer(1, 12),
        Paragraph(escape(h.title), title),
        Spacer(1, 12),
    ]
    placed: dict[int, set[int]] = {}
    for ti, t in enumerate(spec.tables):
        if t.section:
            story += [Paragraph(escape(t.section), bold), Spacer(1, 4)]
        widths = column_widths(t, fonts, size, usable, hyphen_breaks=False)
        data = [[Paragraph(escape(c), bold) for c in t.columns]]
        data += [[Paragraph(escape(c), body) for c in row.cells] for row in t.rows]
        commands: list[tuple[Any, ...]] = [
            ("GRID", (0, 0), (-1, -1), 0.6, "black"),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
            ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
        ]
        for m in t.merge:
            col = t.roles.index(m)
            for r0, r1 in _blocks(t, col):
                if r1 > r0:
                    commands.append(("SPAN", (col, r0 + 1), (col, r1 + 1)))
        table_cls = type(f"FixtureTable{ti}", (Table,), {"fixture_index": ti})
        table = table_cls(data, colWidths=widths, repeatRows=1, style=TableStyle(commands))
        story.append(table)
        if t.footnotes:
            story += [Spacer(1, 4), *(Paragraph(escape(n), ital) for n in t.footnotes)]
        story.append(Spacer(1, 10))

    class Doc(BaseDocTemplate):
        def afterFlowable(self, flowable: Any) -> None:
            index = getattr(flowable, "fixture_index", None)
            if index is not None:
                placed.setdefault(index, set()).add(self.page)

    def on_page(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.setFont(fonts.regular, size)
        canvas.drawRightString(pagesize[0] - margin, margin / 2, f"Page {doc.page}")

    buf = io.BytesIO()
    doc = Doc(
        buf,
        pagesize=pagesize,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        invariant=1,
        title="",
    )
    frame = Frame(margin, margin, usable, float(pagesize[1]) - 2 * margin, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=on_page)])
    doc.build(story)
    table_pages = [sorted(placed.get(i, set())) for i in range(len(spec.tables))]
    n_rows = sum(len(t.rows) for t in spec.tables)
    return RenderedPdf(buf.getvalue(), doc.page, table_pages, [None] * n_rows)


# ---------------------------------------------------------------- the spreadsheet export


def _sheet_pdf(spec: AnnouncementSpec) -> RenderedPdf:
    """A sheet printed with gridlines: the letterhead, date and title sit in grid rows above
    the table, one text per row, overflowing into the empty cells to their right (the
    gridlines run through them); the title row is merged across all columns. Region and
    lead are printed on their group's first row; the header row repeats on every page."""
    r = spec.render
    fonts = fonts_for(r.font)
    size = r.size
    lead = size * 1.2
    w, h = landscape(A4) if r.landscape else A4
    flow = _Flow(float(w), float(h), r.margin * 0.7)
    usable = flow.width - 2 * flow.margin
    if len(spec.tables) != 1:
        raise SpecError(f"{spec.name}: the sheet style prints one table")
    t = spec.tables[0]
    widths = column_widths(t, fonts, size, usable, hyphen_breaks=False, narrow=r.narrow)
    xs = [flow.margin + sum(widths[:i]) for i in range(len(widths) + 1)]
    row_h = lead + 2 * PAD_Y

    def grid_row(top: float, height: float, merged: bool = False) -> None:
        ops = flow.pages[-1]
        ops.append(("rule", xs[0], top, xs[-1] - xs[0]))
        ops.append(("rule", xs[0], top + height, xs[-1] - xs[0]))
        for x in xs if not merged else (xs[0], xs[-1]):
            ops.append(("vrule", x, top, height))

    hd = spec.header
    heading: list[tuple[str, str, str]] = []  # (text, font, where)
    if hd.ministry:
        heading += [(hd.ministry, fonts.bold, "left"), ("", fonts.regular, "left")]
    heading += [(line, fonts.bold, "left") for line in hd.direction]
    heading += [(line, fonts.italic, "left") for line in hd.delegation]
    heading += [("", fonts.regular, "left"), (hd.date_line, fonts.regular, "right")]
    heading += [("", fonts.regular, "left"), (hd.title, fonts.bold, "title")]
    heading += [("", fonts.regular, "left")]
    for text, font, where in heading:
        grid_row(flow.y, row_h, merged=where == "title")
        base = flow.y + PAD_Y + lead * 0.78
        if where == "right":
            flow.pages[-1].append(("text", xs[-1] - PAD_X, base, text, font, size, "right",
                                   "black"))
        elif where == "title":
            flow.pages[-1].append(("text", (xs[0] + xs[-1]) / 2, base, text, font, size,
                                   "centre", "black"))
        elif text:
            flow.pages[-1].append(("text", xs[0] + PAD_X, base, text, font, size, "left",
                                   "black"))
        flow.y += row_h
    head = [wrap(c, fonts.bold, size, widths[i] - 2 * PAD_X, False) for i, c in
            enumerate(t.columns)]
    head_h = max(len(x) for x in head) * lead + 2 * PAD_Y
    pages: set[int] = set()
    row_pages: list[int | None] = []

    def header_row() -> None:
        pages.add(flow.page)
        grid_row(flow.y, head_h)
        for i, lines in enumerate(head):
            for li, line in enumerate(lines):
                base = flow.y + PAD_Y + li * lead + lead * 0.78
                flow.pages[-1].append(("text", xs[i] + PAD_X, base, line, fonts.bold, size,
                                       "left", "black"))
        flow.y += head_h

    header_row()
    for row in t.rows:
        cells = [
            wrap(c, fonts.regular, size, widths[i] - 2 * PAD_X, False,
                 bool(r.narrow) and t.roles[i] == "lead")
            for i, c in enumerate(row.cells)
        ]
        height = max(1, *(len(c) for c in cells)) * lead + 2 * PAD_Y
        if flow.y + height > flow.bottom:
            flow.new_page()
            header_row()
        row_pages.append(flow.page)
        grid_row(flow.y, height)
        for i, lines in enumerate(cells):
            for li, line in enumerate(lines):
                base = flow.y + PAD_Y + li * lead + lead * 0.78
                flow.pages[-1].append(("text", xs[i] + PAD_X, base, line, fonts.regular,
                                       size, "left", "black"))
        flow.y += height
    data = _draw(flow, lambda i, n: f"Page {i} de {n}", size, fonts.regular)
    return RenderedPdf(data, len(flow.pages), [sorted(pages)], row_pages)


def render_pdf_info(spec: AnnouncementSpec, style: PdfStyle) -> RenderedPdf:
    """Render ``spec`` in ``style`` and report its page count and where tables/rows landed."""
    if style == "grid":
        return _grid_pdf(spec)
    if style == "sheet":
        return _sheet_pdf(spec)
    return _canvas_pdf(spec, style)


def render_pdf(spec: AnnouncementSpec, style: PdfStyle) -> bytes:
    """The PDF bytes of ``spec`` in ``style`` (``word``, ``grid`` or ``borderless``)."""
    return render_pdf_info(spec, style).data


__all__: Sequence[str] = ("RenderedPdf", "Role", "render_pdf", "render_pdf_info", "wrap")
