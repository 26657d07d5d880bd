"""The ``pdftotext -layout`` reader: running text, columns, rows, merged regions, pages.

The seed announcement's layout text (a Word-like PDF: merged region cells centred in their
block, interleaved wrapped cells, a row broken over a page) must give the seed's rows; the
generated announcements (``fixtures/layout``) must give the rows of their spec, centred and
top-aligned alike.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import regex

from aap_parser.grid import RawTable, SourceDocument, TextLine, join_lines
from aap_parser.sources.layout_text import looks_like_layout_text, read_layout_text
from aap_parser.sources.text import split_lines

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLES = FIXTURES / "samples"
LAYOUT = FIXTURES / "layout"
GENERATED = sorted(LAYOUT.glob("*.layout.txt"))
_GOES_ON = regex.compile(r"^(?:\p{Ll}|\()")


def _lines(path: Path) -> list[str]:
    return split_lines(path.read_text(encoding="utf-8"))


def _tables(document: SourceDocument) -> list[RawTable]:
    return [block for block in document.blocks if isinstance(block, RawTable)]


def _stitched(document: SourceDocument) -> tuple[list[str], list[list[str]]]:
    """The header and data rows, pages stitched the simplest way the layout stage would:
    header repeats dropped, and a page's first row joined to the previous one when the
    previous table reached the page bottom and every cell but the first goes on lowercase
    or with a bracket (or is empty)."""
    header: list[str] | None = None
    rows: list[list[list[str]]] = []
    reached_bottom = False
    for table in _tables(document):
        first_data = True
        for row in table.rows:
            lines = [list(cell.lines) for cell in row.cells]
            texts = [join_lines(cell) for cell in lines]
            if header is None:
                header = texts
                continue
            if texts == header:
                continue
            goes_on = all(not text or _GOES_ON.match(text) for text in texts[1:])
            if first_data and reached_bottom and rows and goes_on:
                for previous, more in zip(rows[-1], lines, strict=True):
                    previous.extend(more)
            else:
                rows.append(lines)
            first_data = False
        reached_bottom = table.reaches_page_bottom
    assert header is not None
    return header, [[join_lines(cell) for cell in row] for row in rows]


def _seed_rows() -> tuple[list[str], list[list[str]]]:
    tabbed = [line for line in _lines(FIXTURES / "seed.txt") if "\t" in line]
    return tabbed[0].split("\t"), [line.split("\t") for line in tabbed[1:]]


@pytest.mark.parametrize(
    ("name", "repeats"),
    [("seed-000-r1.docx-lo.layout.txt", 1), ("seed-000-r8.docx-lo.layout.txt", 8)],
)
def test_seed_layout_text_gives_the_seed_rows(name: str, repeats: int) -> None:
    header, rows = _seed_rows()
    got_header, got_rows = _stitched(read_layout_text(_lines(SAMPLES / name)))
    assert got_header == header
    assert len(got_rows) == 16 * repeats
    for index, (got, want) in enumerate(zip(got_rows, rows * repeats, strict=True)):
        assert got == want, f"row {index + 1}"


@pytest.mark.parametrize("path", GENERATED, ids=[path.name for path in GENERATED])
def test_generated_announcement_gives_its_spec_rows(path: Path) -> None:
    golden = json.loads(path.with_name(path.name.replace(".layout.txt", ".rows.json")).read_text())
    header, rows = _stitched(read_layout_text(_lines(path)))
    assert header == golden["header"]
    assert len(rows) == len(golden["rows"])
    for index, (got, want) in enumerate(zip(rows, golden["rows"], strict=True)):
        assert got == want, f"row {index + 1}"


def test_generated_fixtures_cover_both_alignments() -> None:
    names = {path.name for path in GENERATED}
    assert len(names) >= 6
    for path in GENERATED:
        other = "top" if ".middle." in path.name else "middle"
        assert path.name.replace(".middle.", f".{other}.").replace(".top.", f".{other}.") in names


def test_cells_keep_their_printed_lines_and_provenance() -> None:
    lines = _lines(SAMPLES / "seed-000-r1.docx-lo.layout.txt")
    document = read_layout_text(lines)
    first_page, second_page = _tables(document)
    allier = first_page.rows[1]
    assert allier.cells[1].lines == ("Conseil", "départemental de", "l'Allier")
    assert allier.cells[0].lines == ("Auvergne-Rhône-", "Alpes")
    assert allier.page == 1
    assert allier.line is not None
    assert lines[allier.line - 1].strip() == "Conseil"
    repeated_header = second_page.rows[0]
    assert repeated_header.page == 2
    assert repeated_header.line is not None
    assert lines[repeated_header.line - 1].startswith("\f")


def test_merged_region_goes_to_the_first_row_of_its_block() -> None:
    document = read_layout_text(_lines(SAMPLES / "seed-000-r1.docx-lo.layout.txt"))
    rows = _tables(document)[0].rows
    regions = [row.cells[0] for row in rows]
    assert regions[1].text == "Auvergne-Rhône-Alpes"
    assert regions[2].is_empty
    assert regions[2].merged_from_above
    assert regions[3].is_empty
    assert regions[3].merged_from_above
    assert regions[4].text == "Bretagne"
    assert regions[5].text == "Grand Est"
    assert all(region.merged_from_above for region in regions[6:9])


def test_page_breaks_make_one_table_per_page() -> None:
    document = read_layout_text(_lines(SAMPLES / "seed-000-r8.docx-lo.layout.txt"))
    tables = _tables(document)
    assert [table.page for table in tables] == list(range(1, len(tables) + 1))
    assert document.pages == len(tables)
    assert all(table.reaches_page_bottom for table in tables[:-1])
    assert not tables[-1].reaches_page_bottom
    for table in tables:
        assert all(row.page == table.page for row in table.rows)
        numbers = [row.line or 0 for row in table.rows]
        assert 0 not in numbers
        assert numbers == sorted(numbers)


def test_running_text_is_kept_as_text_lines() -> None:
    path = LAYOUT / "sections-2022.middle.layout.txt"
    document = read_layout_text(_lines(path))
    texts = [block.text for block in document.blocks if isinstance(block, TextLine)]
    assert "Paris, le 15 février 2022" in texts
    assert "1. Projets en Afrique" in texts
    assert "2. Projets en Asie et en Amérique" in texts
    assert texts[-1] == "* Sous réserve du vote des crédits en loi de finances."
    blocks = list(document.blocks)
    heading = next(
        i
        for i, block in enumerate(blocks)
        if isinstance(block, TextLine) and block.text.startswith("2. Projets")
    )
    assert isinstance(blocks[heading - 1], RawTable)
    assert isinstance(blocks[heading + 1], RawTable)
    assert len(_tables(document)) == 2


def test_looks_like_layout_text() -> None:
    assert looks_like_layout_text(_lines(SAMPLES / "seed-000-r1.docx-lo.layout.txt"))
    assert all(looks_like_layout_text(_lines(path)) for path in GENERATED)
    assert not looks_like_layout_text(_lines(FIXTURES / "seed.txt"))
    pipe = ["| Région | Collectivité |", "|---|---|", "| Bretagne | Rennes |"] * 2
    assert not looks_like_layout_text(pipe)
    prose = ["Les lauréats de l'appel à projets sont les suivants.", "", "Paris, le 3 mai."]
    assert not looks_like_layout_text(prose * 5)


@pytest.mark.parametrize(
    "lines",
    [[], [""], ["\f"], ["only one line of prose"], ["a  b", "\f\f", "   c   d"], ["x" * 500]],
)
def test_odd_input_gives_a_document_without_error(lines: list[str]) -> None:
    document = read_layout_text(lines)
    assert document.format == "text"
    for table in _tables(document):
        assert all(len(row.cells) == len(table.rows[0].cells) for row in table.rows)


def test_no_text_is_lost() -> None:
    lines = _lines(LAYOUT / "thematiques-2023.middle.layout.txt")
    document = read_layout_text(lines)
    kept: list[str] = []
    for block in document.blocks:
        if isinstance(block, TextLine):
            kept.extend(block.text.split())
        else:
            for row in block.rows:
                for cell in row.cells:
                    for line in cell.lines:
                        kept.extend(line.split())
    printed = [word for line in lines for word in line.replace("\f", "").split()]
    assert sorted(kept) == sorted(printed)


_PADDED_REGIONS = """\
Région          Collectivité chef de file   Collectivité partenaire   Titre du projet
                Ville de Lyon               Commune de Kita           Projet de santé
                                            (Mali)                    publique
Rhône-Alpes
                Ville de Vienne             Ville de Bobo             Projet d'eau
                                            (Burkina Faso)            potable
                Ville de Grenoble           Commune de Thiès          Projet de forêt
                                            (Sénégal)                 villageoise
                Ville de Brest              Ville de Tyr              Projet de
Bretagne                                    (Liban)                   lecture publique
                Ville de Rennes             Ville de Hué              Projet de
                                            (Vietnam)                 musée
"""


def test_merged_region_sitting_half_a_line_higher_per_row_gets_its_whole_block() -> None:
    # LibreOffice prints a Word table's merged cell as if followed by one blank line per
    # row below its first: "Rhône-Alpes" is centred on the first two rows but spans three.
    rows = _tables(read_layout_text(_PADDED_REGIONS.splitlines()))[0].rows
    regions = [row.cells[0] for row in rows[1:]]
    assert [region.text for region in regions] == ["Rhône-Alpes", "", "", "Bretagne", ""]
    assert [region.merged_from_above for region in regions] == [False, True, True, False, True]
