"""Tables as spreadsheets write them as text: quoted cells spanning lines, CSV files.

A spreadsheet copies a cell holding line breaks as ``"first line⏎second line"`` in tab-separated
text, and saves a sheet as CSV with semicolons (French Excel) or commas, heading lines padded
with empty cells. The seed's own table, written those ways, must read as the seed does.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import pytest

from aap_parser import parse_text
from aap_parser.grid import RawTable, TextLine
from aap_parser.sources.text import read_csv_text, read_delimited_text, split_lines
from tests.conftest import SEED


def _seed_parts() -> tuple[list[str], list[list[str]]]:
    """The seed's lines above its table, and its table's rows as cells."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    first = next(i for i, line in enumerate(lines) if "\t" in line)
    rows = [line.split("\t") for line in lines[first:] if "\t" in line]
    return lines[:first], rows


def _broken(cell: str) -> str:
    """A multi-partner cell and the long lead header with the line breaks a sheet keeps."""
    return (
        cell.replace("(Togo), Borgou", "(Togo),\nBorgou")
        .replace("(Cameroun), Hyderabad", "(Cameroun)\nHyderabad")
        .replace("territoriale française chef", "territoriale\nfrançaise chef")
    )


def _written(separator: str, *, pad_heading: bool) -> str:
    heading, rows = _seed_parts()
    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator, lineterminator="\r\n")
    if pad_heading:
        for line in heading:
            if line.strip():
                writer.writerow([line.strip("*"), "", "", ""])
        text = ""
    else:
        text = "\n".join(heading) + "\n"
    for row in rows:
        writer.writerow([_broken(cell) for cell in row])
    return text + out.getvalue()


def _laureates(text: str) -> list[dict[str, object]]:
    announcement = parse_text(text)
    return [
        laureate.model_dump(exclude={"provenance"}) for laureate in announcement.laureates
    ]


WRITERS: dict[str, Callable[[], str]] = {
    "tab, quoted cells": lambda: _written("\t", pad_heading=False),
    "semicolon CSV": lambda: _written(";", pad_heading=False),
    "semicolon CSV, heading in cells": lambda: _written(";", pad_heading=True),
    "comma CSV": lambda: _written(",", pad_heading=False),
    "comma CSV, heading in cells": lambda: _written(",", pad_heading=True),
}


@pytest.mark.parametrize("name", WRITERS)
def test_seed_written_by_a_spreadsheet_reads_as_the_seed(name: str) -> None:
    text = WRITERS[name]()
    expected = _laureates(SEED.read_text(encoding="utf-8"))
    got = _laureates(text)
    assert got == expected
    announcement = parse_text(text)
    assert announcement.header.date is not None
    assert announcement.header.date.isoformat() == "2020-06-23"


def test_a_quoted_cell_keeps_its_line_breaks_as_cell_lines() -> None:
    lines = split_lines(
        'Région\tPorteur\tPartenaire\n'
        'Grand Est\tMetz\t"Région centrale (Togo),\nBorgou (Bénin)"\n'
        'Bretagne\tRennes\tSousse (Tunisie)\n'
    )
    (table,) = read_delimited_text(lines).blocks
    assert isinstance(table, RawTable)
    assert [row.line for row in table.rows] == [1, 2, 4]
    assert table.rows[1].cells[2].lines == ("Région centrale (Togo),", "Borgou (Bénin)")


def test_quotes_in_a_one_line_tab_cell_are_text() -> None:
    lines = split_lines('Région\tTitre\tPartenaire\nBretagne\t"Santé" pour tous\tSousse\n')
    (table,) = read_delimited_text(lines).blocks
    assert isinstance(table, RawTable)
    assert table.rows[1].cells[1].lines == ('"Santé" pour tous',)


def test_an_unclosed_quote_does_not_swallow_the_lines_below() -> None:
    lines = split_lines(
        'Région\tPorteur\tPartenaire\nBretagne\t"Rennes\tSousse\nNote : montants en euros\n'
    )
    blocks = read_delimited_text(lines).blocks
    table = blocks[0]
    assert isinstance(table, RawTable)
    assert len(table.rows) == 2
    assert table.rows[1].cells[1].lines == ('"Rennes',)
    assert blocks[1] == TextLine(text="Note : montants en euros", line=3)


@pytest.mark.parametrize(
    "text",
    [
        "Paris, le 23 juin 2020\nLes lauréats, par région, sont les suivants.\n",
        "Rennes, Nantes, Brest, Lorient\nMetz, Nancy, Reims, Troyes\n",
        "Région ; porteur ; partenaire\n",
    ],
)
def test_prose_with_commas_or_semicolons_is_no_table(text: str) -> None:
    document = read_csv_text(split_lines(text))
    assert not any(isinstance(block, RawTable) for block in document.blocks)


def test_a_semicolon_table_keeps_its_quoted_semicolons() -> None:
    lines = split_lines(
        'Région;Porteur;Partenaire;Projet\n'
        'Bretagne;Rennes;Sousse (Tunisie);"Eau ; assainissement"\n'
    )
    (table,) = read_csv_text(lines).blocks
    assert isinstance(table, RawTable)
    assert table.rows[1].texts == ("Bretagne", "Rennes", "Sousse (Tunisie)", "Eau ; assainissement")
