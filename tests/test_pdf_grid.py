"""The PDF reader's grid on the sample announcements, checked against the seed's text.

Expectations come from ``fixtures/seed.txt`` (tab-separated): every sample PDF must give the
seed's laureate rows cell for cell (a row broken over a page end comes as two halves that
join to the seed's text), the region printed once per group, and the header prologue as
running text lines.
"""

from __future__ import annotations

import io
import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from aap_parser.errors import EncryptedPdfError, InputError, NoTextLayerError, TooLargeError
from aap_parser.grid import RawRow, RawTable, SourceDocument, TextLine, join_lines
from aap_parser.sources.pdf import read_pdf
from tests.conftest import SAMPLES
from tests.conftest import SEED as SEED_TEXT

PDFS = sorted(SAMPLES.glob("*.pdf"))


@dataclass(frozen=True)
class Seed:
    """The seed announcement: prologue lines (with bold/italic marks), header, data rows."""

    prologue: list[tuple[str, bool, bool]]
    header: list[str]
    rows: list[list[str]]


def _load_seed() -> Seed:
    """Parse the seed text: markdown-ish prologue, then a tab-separated table."""
    lines = SEED_TEXT.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.count("\t") >= 2)
    prologue: list[tuple[str, bool, bool]] = []
    bold = italic = False
    for line in lines[:start]:
        text = line.strip()
        if not text:
            continue
        opens_bold, opens_italic = (
            text.startswith("**"),
            not text.startswith("**") and (text.startswith("*")),
        )
        bold = bold or opens_bold
        italic = italic or opens_italic
        closes_bold, closes_italic = (
            text.endswith("**"),
            not text.endswith("**") and (text.endswith("*")),
        )
        prologue.append((text.strip("*"), bold, italic))
        bold = bold and not closes_bold
        italic = italic and not closes_italic
    rows = [line.split("\t") for line in lines[start + 1 :] if "\t" in line]
    return Seed(prologue, lines[start].split("\t"), rows)


SEED = _load_seed()


def _read(path: Path) -> SourceDocument:
    return read_pdf(path.read_bytes())


def _tables(doc: SourceDocument) -> list[RawTable]:
    return [b for b in doc.blocks if isinstance(b, RawTable)]


def _data_rows(table: RawTable) -> list[RawRow]:
    """The table's rows except repeats of the seed's header row."""
    return [row for row in table.rows if list(row.texts) != SEED.header]


@dataclass
class Match:
    """A seed row found in the grid: its rows (two when broken over a page end)."""

    seed: list[str]
    rows: list[RawRow]
    first_in_table: bool

    def texts(self) -> list[str]:
        if len(self.rows) == 1:
            return list(self.rows[0].texts)
        halves = zip(*(row.cells for row in self.rows), strict=True)
        return [join_lines([line for cell in cells for line in cell.lines]) for cells in halves]


def _match_rows(doc: SourceDocument, repeats: int) -> list[Match]:
    """Walk the grid's data rows against the seed rows (repeated), joining broken halves.

    A row that does not equal the next seed row is accepted only when it ends a table that
    reaches the page bottom and, joined cell by cell with the next table's first data row,
    gives the seed row.
    """
    expected = SEED.rows * repeats
    tables = [(t, _data_rows(t)) for t in _tables(doc)]
    matches: list[Match] = []
    k = 0
    pending: RawRow | None = None
    for t_index, (table, rows) in enumerate(tables):
        for r_index, row in enumerate(rows):
            assert k < len(expected), f"extra row on page {row.page}: {row.texts}"
            seed = expected[k]
            if pending is not None:
                match = Match(seed, [pending, row], first_in_table=False)
                assert match.texts()[1:] == seed[1:], f"broken row mismatch: {match.texts()}"
                matches.append(match)
                pending = None
                k += 1
                continue
            if list(row.texts)[1:] == seed[1:]:
                matches.append(Match(seed, [row], first_in_table=r_index == 0))
                k += 1
                continue
            is_last = r_index == len(rows) - 1 and t_index < len(tables) - 1
            assert is_last, f"page {row.page}: {row.texts} != {seed}"
            assert table.reaches_page_bottom, f"page {row.page}: cut row not flagged"
            pending = row
    assert pending is None
    assert k == len(expected), f"{k} rows found, {len(expected)} expected"
    return matches


@pytest.mark.parametrize("path", PDFS, ids=[p.name for p in PDFS])
def test_every_seed_row_comes_out_cell_for_cell(path: Path) -> None:
    doc = _read(path)
    repeats = 8 if "-r8." in path.name else 1
    matches = _match_rows(doc, repeats)
    ruled = _tables(doc)[0].ruled
    assert all(t.ruled == ruled for t in _tables(doc))
    assert ruled == ("borderless" not in path.name)
    for match in matches:
        region_cell = match.rows[0].cells[0]
        if match.seed[0]:
            assert match.texts()[0] == match.seed[0]
        elif ruled and not match.first_in_table:
            assert region_cell.merged_from_above
            assert not region_cell.lines
        elif not ruled:
            assert region_cell.is_empty
            assert not region_cell.merged_from_above


@pytest.mark.parametrize("path", PDFS, ids=[p.name for p in PDFS])
def test_header_row_opens_every_page_table(path: Path) -> None:
    doc = _read(path)
    tables = _tables(doc)
    assert [t.page for t in tables] == list(range(1, (doc.pages or 0) + 1))
    for table in tables:
        assert list(table.rows[0].texts) == SEED.header
        assert all(row.page == table.page and row.bbox is not None for row in table.rows)


def test_row_broken_over_page_end_comes_as_two_halves() -> None:
    doc = _read(SAMPLES / "seed-000-r1.docx-lo.pdf")
    first, second = _tables(doc)
    assert first.reaches_page_bottom
    assert not second.reaches_page_bottom
    broken = [m for m in _match_rows(doc, 1) if len(m.rows) == 2]
    assert len(broken) == 1
    assert [row.page for row in broken[0].rows] == [1, 2]
    # Each half keeps only its own lines: neither alone is the seed row.
    assert all(list(row.texts) != broken[0].seed for row in broken[0].rows)


def test_whole_rows_at_page_end_are_not_flagged_as_cut() -> None:
    doc = _read(SAMPLES / "seed-000-r1.reportlab.pdf")
    assert [t.reaches_page_bottom for t in _tables(doc)] == [False, False]


@pytest.mark.parametrize("path", PDFS, ids=[p.name for p in PDFS])
def test_prologue_comes_out_as_text_lines_in_order(path: Path) -> None:
    doc = _read(path)
    before: list[TextLine] = []
    for block in doc.blocks:
        if isinstance(block, RawTable):
            break
        before.append(block)
    expected = " ".join(text for text, _, _ in SEED.prologue)
    assert " ".join(line.text for line in before) == expected
    styled = {text: (bold, italic) for text, bold, italic in SEED.prologue}
    for line in before:
        if line.text in styled:
            assert (line.bold, line.italic) == styled[line.text], line.text
    assert all(line.page == 1 and line.bbox is not None for line in before)
    # The date is printed at the right: its own line, not glued to the letterhead.
    date = next(text for text, _, _ in SEED.prologue if re.search(r"\d{4}$", text))
    assert date in [line.text for line in before]


def test_not_a_pdf_is_an_input_error() -> None:
    with pytest.raises(InputError):
        read_pdf(b"Region\tLead\n" * 20)
    with pytest.raises(InputError):
        read_pdf(bytes(range(256)) * 40)


@pytest.mark.parametrize("cut", [0.5, 0.1])
def test_truncated_pdf_is_an_input_error(cut: float) -> None:
    data = (SAMPLES / "seed-000-r1.html.pdf").read_bytes()
    with pytest.raises(InputError) as info:
        read_pdf(data[: int(len(data) * cut)])
    assert "\n" not in str(info.value)


def test_corrupt_pdf_body_is_an_input_error() -> None:
    with pytest.raises(InputError):
        read_pdf(b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer<<>>\n%%EOF")


def test_too_many_pages() -> None:
    data = (SAMPLES / "seed-000-r8.reportlab.pdf").read_bytes()
    with pytest.raises(TooLargeError):
        read_pdf(data, max_pages=3)
    assert read_pdf(data, max_pages=10).pages == 10


def _canvas_pdf(draw: object, **kwargs: object) -> bytes:
    """A one-page PDF drawn with reportlab."""
    canvas = pytest.importorskip("reportlab.pdfgen.canvas")
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, **kwargs)
    draw(pdf)  # type: ignore[operator]
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_encrypted_pdf_needs_its_password() -> None:
    data = _canvas_pdf(lambda c: c.drawString(72, 720, "Lauréats"), encrypt="s3cret")
    with pytest.raises(EncryptedPdfError, match="password"):
        read_pdf(data)
    with pytest.raises(EncryptedPdfError, match="password"):
        read_pdf(data, password="wrong")
    doc = read_pdf(data, password="s3cret")
    assert [b.text for b in doc.blocks if isinstance(b, TextLine)] == ["Lauréats"]


def test_page_without_text_is_a_scan() -> None:
    def draw(c: object) -> None:
        c.rect(72, 72, 300, 500, fill=1)  # type: ignore[attr-defined]

    with pytest.raises(NoTextLayerError, match="OCR"):
        read_pdf(_canvas_pdf(draw))


def _laureates(count: int, offset: int) -> list[list[str]]:
    """Synthetic rows (number, region once per group of 3, lead, partners, amount)."""
    words = [
        "alpha",
        "beta",
        "gamma",
        "delta",
        "epsilon",
        "zeta",
        "theta",
        "iota",
        "kappa",
        "lambda",
        "omicron",
        "sigma",
    ]

    def text(i: int, n: int) -> str:
        return " ".join(words[(i * 7 + k * 5) % len(words)] for k in range(n)).capitalize()

    return [
        [
            str(offset + i),
            f"Région {text(offset + i, 2)}" if i % 3 == 0 else "",
            f"Ville de {text(i + 1, 1 + i % 4)}",
            f"{text(i + 2, 2 + i % 7)} ({text(i, 1)})",
            f"{(i + 1) * 1500} €",
        ]
        for i in range(count)
    ]


def _generated(ruled: bool) -> tuple[bytes, list[list[list[str]]]]:
    """A two-table announcement drawn with reportlab: sub-headings, footnotes, page numbers."""
    pytest.importorskip("reportlab")
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    body = ParagraphStyle("body", fontName="Times-Roman", fontSize=8, leading=9.5)
    bold = ParagraphStyle("bold", parent=body, fontName="Times-Bold", fontSize=11, leading=14)
    header = ["N°", "Région", "Chef de file", "Partenaires", "Montant"]
    tables = [_laureates(40, 1), _laureates(5, 41)]
    story: list[Any] = [Paragraph("Appel à projets – résultats", bold)]
    for index, rows in enumerate(tables):
        style: list[Any] = [("VALIGN", (0, 0), (-1, -1), "TOP")]
        if ruled:
            style += [("GRID", (0, 0), (-1, -1), 0.5, colors.black)]
            style += [("VALIGN", (1, 0), (1, -1), "MIDDLE")]
            starts = [i + 1 for i, row in enumerate(rows) if row[1]] + [len(rows) + 1]
            style += [("SPAN", (1, a), (1, b - 1)) for a, b in itertools.pairwise(starts)]
        else:
            style += [("TOPPADDING", (0, 1), (-1, -1), 6)]
        data = [[Paragraph(cell, body) for cell in row] for row in [header, *rows]]
        table = Table(data, colWidths=[22, 75, 95, 190, 55], repeatRows=1)
        table.setStyle(TableStyle(style))
        story += [Paragraph(f"Section {index + 1}", bold), table]
        story.append(Paragraph(f"* Montants de la section {index + 1}, en euros.", body))

    def page_number(canvas: object, doc: object) -> None:
        canvas.setFont("Times-Roman", 8)  # type: ignore[attr-defined]
        canvas.drawRightString(550, 30, f"Page {doc.page}")  # type: ignore[attr-defined]

    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(
        story, onFirstPage=page_number, onLaterPages=page_number
    )
    return buffer.getvalue(), [[header, *rows] for rows in tables]


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "borderless"])
def test_generated_announcement_with_other_columns(ruled: bool) -> None:
    data, drawn = _generated(ruled)
    doc = read_pdf(data)
    tables = _tables(doc)
    assert (doc.pages or 0) >= 2
    assert all(t.ruled == ruled for t in tables)
    header = drawn[0][0]
    got = [list(r.texts) for t in tables for r in t.rows if list(r.texts) != header]
    expected = [row for rows in drawn for row in rows[1:]]
    assert got == expected
    cells = [r.cells[1] for t in tables for r in t.rows if list(r.texts) != header]
    for cell, row in zip(cells, expected, strict=True):
        first_on_page = cell is next(
            t.rows[1].cells[1] for t in tables if any(r.cells[1] is cell for r in t.rows)
        )
        assert cell.merged_from_above == (ruled and not row[1] and not first_on_page)
    texts = [b.text for b in doc.blocks if isinstance(b, TextLine)]
    assert texts.index("Section 1") < texts.index("* Montants de la section 1, en euros.")
    assert texts.index("Section 2") < texts.index("* Montants de la section 2, en euros.")
    assert [t for t in texts if t.startswith("Page ")] == [
        f"Page {n}" for n in range(1, (doc.pages or 0) + 1)
    ]
    # Both sections' tables come in reading order, each between its heading and footnote.
    order = [b.text if isinstance(b, TextLine) else "TABLE" for b in doc.blocks]
    assert order.index("Section 2") > order.index("* Montants de la section 1, en euros.")
