"""The ``pdftotext -layout`` reader placing merged cells (regions, leads) on their rows, and
keeping a cell whole where a place name wraps between its words.

A merged cell's text is centred in the block of rows it covers; where it sits tells which
rows those are. Rows are as tall as their tallest cell, also one of a column left out of the
row cut (partners of a few lines, one per row); and a producer prints all the merged cells
of a table alike, plainly centred or half a line higher per row covered (LibreOffice keeps
an empty paragraph per row merged from a Word table).
"""

from __future__ import annotations

from functools import partial

import pytest

from aap_parser.grid import RawTable
from aap_parser.layout.headers import LAUREATES_HEADER
from aap_parser.sources import layout_text
from aap_parser.sources.layout_text.words import _wraps_name
from tests.conftest import LAYOUT

read_layout_text = partial(layout_text.read_layout_text, headers=LAUREATES_HEADER)

MERGED = LAYOUT / "merged"


def _column(text: str, col: int) -> list[str]:
    """The column's cells, row by row: its text, or "^" for a cell merged from above."""
    tables = [
        block
        for block in read_layout_text(text.split("\n")).blocks
        if isinstance(block, RawTable)
    ]
    assert len(tables) == 1
    return [
        "^" if row.cells[col].merged_from_above else row.cells[col].text for row in tables[0].rows
    ]


# The leads of one list printed by LibreOffice and by WeasyPrint (below): merged over rows 2-4
# and 5-6.
_LEADS = [
    "Commune de Évreux",
    "Métropole de Aïn Draham",
    "^",
    "^",
    "Communauté de communes du Aïn Draham",
    "^",
    "Métropole de Ségou et Métropole de Montélimar",
]


# Top-aligned rows whose partner cells are their tallest; the regions are centred over
# rows 1-3 and 4-7.
_TALL_PARTNERS = (MERGED / "tall-partners.word.txt").read_text("utf-8")


def test_a_region_is_centred_on_rows_as_tall_as_their_partner_cells() -> None:
    assert _column(_TALL_PARTNERS, 1)[1:] == [
        "La Réunion",
        "^",
        "^",
        "Bourgogne-Franche-Comté",
        "^",
        "^",
        "^",
    ]


# Centred cells; the leads, left out of the row cut as some are merged, are the tallest
# cells of rows whose other cells take a line or two: they make those rows tall.
_TALL_LEADS = (MERGED / "tall-leads.word.txt").read_text("utf-8")


def test_a_region_is_centred_on_rows_as_tall_as_their_lead_cells() -> None:
    regions = ["Grand Est", "^", "Pays de la Loire", "^", "^", "^", "Hauts-de-France", "^"]
    assert _column(_TALL_LEADS, 0)[1:] == [*regions, "La Réunion", "^", "^"]


# A region cut by the row cut after a hyphen ("Rhône-" / "Alpes"): the rest goes back to
# the cell above, merged over the first two rows.
_HYPHEN_REGION = (MERGED / "hyphen-region.word.txt").read_text("utf-8")


def test_a_region_cut_after_a_hyphen_by_the_row_cut_is_one_cell() -> None:
    assert _column(_HYPHEN_REGION, 1)[1:3] == ["Rhône-Alpes", "^"]


# LibreOffice's print of a Word table: the lead merged over rows 2-4 sits clearly half a
# line higher per row, so the regions (whose own reading is a tie) do too.
_PADDED_MERGES = (MERGED / "padded-merges.docx-lo.txt").read_text("utf-8")


def test_merged_columns_of_a_table_are_read_with_one_alignment() -> None:
    assert _column(_PADDED_MERGES, 1)[1:] == [
        "Hauts-de-France", "Provence-Alpes-Côte d'Azur", "^", "^", "Guadeloupe", "^", "^"
    ]
    assert _column(_PADDED_MERGES, 2)[1:] == _LEADS


# Place names wrapped between their words: "Communauté de / communes du Aïn / Draham", a lead
# merged over rows 5-6, whose last line lies on row 6's first line.
_WRAPPED_NAME = (MERGED / "wrapped-name.html.txt").read_text("utf-8")


def test_a_name_wrapped_at_a_capital_stays_one_merged_cell() -> None:
    assert _column(_WRAPPED_NAME, 2)[1:] == _LEADS


# "Métropole de Bobo / Dioulasso, Commune / de Thiès": two leads merged over rows 1-2, the
# name cut between "Bobo" and "Dioulasso" a line apart (the cells are centred).
_WRAPPED_LEAD = (MERGED / "wrapped-lead.html.txt").read_text("utf-8")


def test_a_lead_wrapped_between_two_words_of_a_name_is_one_cell() -> None:
    assert _column(_WRAPPED_LEAD, 1)[1:] == [
        "Métropole de Bobo Dioulasso, Commune de Thiès",
        "^",
        "Ville de Saint-Étienne",
        "Communauté de communes du Évreux, Conseil départemental de Thiès",
    ]


@pytest.mark.parametrize(
    ("before", "after", "wrapped"),
    [
        ("Cercle de Aïn", "Draham", True),
        ("Métropole de Bobo", "Dioulasso, Commune", True),
        ("Région Bobo", "Dioulasso (Mali)", True),
        ("Province de Bobo", "Dioulasso et Ville de Fès", True),
        ("Ville de Lyon", "Commune de Paris", False),
        ("Ville de Lyon", "Région Bretagne", False),
        ("La Réunion", "Corse", False),
        ("Occitanie", "Bretagne", False),
        ("Commune de Ségou (Mali)", "Thiès", False),
        ("Commune de", "Thiès", False),
    ],
)
def test_a_place_name_wrapped_between_its_words(before: str, after: str, wrapped: bool) -> None:
    assert _wraps_name(before, after) is wrapped
