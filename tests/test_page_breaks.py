"""Page breaks as office producers print them: cells of one row parted by the break, a lead
broken mid-name, a letterhead repeated in every page header."""

from __future__ import annotations

import io

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from aap_parser import parse
from aap_parser.grid import BBox, RawCell, RawRow, RawTable, SourceDocument
from aap_parser.layout import lay_out

HEADER = ("Région", "Collectivité territoriale", "Collectivité partenaire", "Titre du projet")
BOTTOM = BBox(50, 760, 550, 790)


def _row(*cells: str, page: int = 1, bbox: BBox | None = None) -> RawRow:
    return RawRow(tuple(RawCell(lines=(c,) if c else ()) for c in cells), page=page, bbox=bbox)


def _pages(last: RawRow, *next_rows: RawRow) -> SourceDocument:
    page1 = RawTable(
        rows=(_row(*HEADER), _row("Bretagne", "Rennes", "Sfax (Tunisie)", "Eau"), last),
        page=1,
        reaches_page_bottom=True,
    )
    page2 = RawTable(rows=(_row(*HEADER, page=2), *next_rows), page=2)
    return SourceDocument(blocks=(page1, page2), format="pdf", pages=2)


def test_one_line_region_left_above_the_break_joins_its_row() -> None:
    """WeasyPrint keeps two lines of a cell together: only the one-line region stays behind."""
    doc = _pages(
        _row("Occitanie", "", "", "", bbox=BOTTOM),
        _row("", "Région Occitanie", "Battambang (Cambodge)", "Patrimoine", page=2),
        _row("", "Albi", "Hué (Vietnam)", "Tourisme", page=2),
    )
    (table,) = lay_out(doc).tables
    assert [[c.text for c in row.cells] for row in table.rows[1:]] == [
        ["Occitanie", "Région Occitanie", "Battambang (Cambodge)", "Patrimoine"],
        ["Occitanie", "Albi", "Hué (Vietnam)", "Tourisme"],
    ]


def test_partner_left_above_the_break_joins_the_lead_and_title_below() -> None:
    doc = _pages(
        _row("", "", "Kloto (Togo)", "", bbox=BOTTOM),
        _row("Grand Est", "Metz", "", "Santé", page=2),
    )
    (table,) = lay_out(doc).tables
    assert [c.text for c in table.rows[-1].cells] == ["Grand Est", "Metz", "Kloto (Togo)", "Santé"]
    assert len(table.rows) == 2


def test_complete_rows_on_both_sides_stay_apart() -> None:
    doc = _pages(
        _row("", "Brest", "Kloto (Togo)", "Port", bbox=BOTTOM),
        _row("Grand Est", "Metz", "Tyr (Liban)", "Santé", page=2),
    )
    assert len(lay_out(doc).tables[0].rows) == 3


@pytest.mark.parametrize(("below", "joined"), [("Besançon", True), ("Ville de Dijon", False)])
def test_lead_broken_mid_name_continues_on_the_next_page(below: str, joined: bool) -> None:
    """``Métropole de`` / ``Besançon``: a lead cell ending on ``de`` goes on below the break."""
    last = "Métropole de" if joined else "Métropole de Besançon"
    doc = _pages(
        _row("", last, "Tyr (Liban)", "Santé et", bbox=BOTTOM),
        _row("", below, "", "formation" if joined else "Culture", page=2),
    )
    leads = [row.cells[1].text for row in lay_out(doc).tables[0].rows]
    assert leads[1:] == (["Métropole de Besançon"] if joined else [last, below])


def _letterhead_pdf(rows: int) -> bytes:
    """A ruled table running over pages under a tall letterhead repeated on every page."""
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, invariant=1)
    width, height = A4
    xs = [50.0, 150.0, 270.0, 400.0, 545.0]
    cells = [
        ("Bretagne", "Ville de Rennes", "Sfax (Tunisie)", "Eau potable"),
        ("", "Ville de Brest", "Tyr (Liban)", "Port et pêche"),
    ]
    page, row = 1, 0

    def head() -> float:
        c.setFont("Helvetica-Bold", 9)
        for i, text in enumerate(("RÉPUBLIQUE FRANÇAISE", "Liberté", "Égalité", "Fraternité")):
            c.drawString(50, height - 20 - 11 * i, text)
        c.drawString(50, height - 64, "Ministère de l'Europe et des Affaires étrangères")
        top = 80.0
        if page == 1:
            c.setFont("Helvetica", 9)
            c.drawString(50, height - 100, "Direction générale de la mondialisation")
            c.drawString(50, height - 112, "Délégation pour l'action extérieure des collectivités")
            c.drawRightString(545, height - 136, "Paris, le 2 juillet 2018")
            c.drawCentredString(width / 2, height - 160, "Lauréats de l'AAP « Climat 2018 »")
            top = 175.0
        return _cells(c, xs, height, top, HEADER, bold=True)

    y = head()
    while row < rows:
        text = cells[0] if row == 0 else ("", *cells[row % 2][1:])
        if row == rows - 1:  # the last row breaks at the page end: its title goes on below
            y = _cells(c, xs, height, y, (*text[:3], "Port de"), bottom=790.0)
            c.setFont("Helvetica", 8)
            c.drawCentredString(width / 2, 20, f"Page {page}")
            c.showPage()
            page += 1
            y = head()
            _cells(c, xs, height, y, ("", "", "", "plaisance"))
            break
        y = _cells(c, xs, height, y, text)
        row += 1
    c.setFont("Helvetica", 8)
    c.drawCentredString(width / 2, 20, f"Page {page}")
    c.showPage()
    c.save()
    return buf.getvalue()


def _cells(
    c: Canvas,
    xs: list[float],
    height: float,
    top: float,
    texts: tuple[str, ...],
    bold: bool = False,
    bottom: float | None = None,
) -> float:
    """Draw one ruled row from ``top`` (top-down points); the bottom of the row."""
    low = bottom if bottom is not None else top + 16
    c.setFont("Helvetica-Bold" if bold else "Helvetica", 8)
    for i, text in enumerate(texts):
        c.rect(xs[i], height - low, xs[i + 1] - xs[i], low - top)
        c.drawString(xs[i] + 3, height - top - 11, text)
    return low


def test_letterhead_in_every_page_header_keeps_ministry_and_page_bottom() -> None:
    """The running letterhead gives the ministry; it does not hide that the table reached the
    page bottom, so the broken last row is joined."""
    got = parse(_letterhead_pdf(36))
    assert got.header.ministry == "Ministère de l'Europe et des Affaires étrangères"
    assert got.tables[0].pages == [1, 2]
    assert len(got.laureates) == 36
    assert got.laureates[-1].title == "Port de plaisance"
