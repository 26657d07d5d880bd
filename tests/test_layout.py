"""The layout stage over hand-made raw documents: headers, sections, stitching, carry-over."""

from __future__ import annotations

from dataclasses import replace

import pytest

from aap_parser.errors import NoTableError
from aap_parser.grid import BBox, RawCell, RawRow, RawTable, SourceDocument, TextLine
from aap_parser.layout import lay_out
from aap_parser.layout.roles import header_role, header_roles

HEADER = ("Région", "Collectivité territoriale", "Collectivité partenaire", "Titre du projet")


def _row(*cells: str | tuple[str, ...], page: int | None = None,
         bbox: BBox | None = None) -> RawRow:
    raw = tuple(RawCell(lines=(c,) if isinstance(c, str) and c else
                        (c if isinstance(c, tuple) else ())) for c in cells)
    return RawRow(cells=raw, page=page, bbox=bbox)


def _doc(*blocks: TextLine | RawTable) -> SourceDocument:
    return SourceDocument(blocks=blocks, format="pdf", pages=3)


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("Collectivité(s) territoriale(s) française(s)", "lead"),
        ("Porteur", "lead"),
        ("Collectivité marocaine partenaire", "partners"),
        ("Collectivité(s) étrangère(s) partenaire(s)", "partners"),
        ("Intitulé du projet", "title"),
        ("Montant accordé (€)", "amount"),
        ("Cofinancement MEAE", "amount"),
        ("Pays", "country"),
        ("Thématique", "theme"),
        ("Appels à projets", "programme"),
        ("N°", "number"),
        ("Région française", "region"),
    ],
)
def test_header_vocabulary(header: str, role: str) -> None:
    assert header_role(header) == role


def test_header_roles_needs_two_key_columns() -> None:
    assert header_roles(["Bretagne", "Ville de Rennes", "Sfax (Tunisie)", "Eau"]) is None
    assert header_roles(["N°", "Porteur", "Partenaire(s)", "Colonne1"]) == [
        "number", "lead", "partners", "extra"]


def test_repeated_header_dropped_and_region_carried_across_pages() -> None:
    bottom = BBox(50, 700, 550, 790)
    page1 = RawTable(rows=(_row(*HEADER), _row("Bretagne", "Rennes", "Sfax (Tunisie)", "Eau"),
                           _row("", "Brest", "Saint-Louis (Sénégal)", "Port", bbox=bottom)),
                     page=1, reaches_page_bottom=True)
    page2 = RawTable(rows=(_row(*HEADER, page=2),
                           _row("", "Lorient", "Tyr (Liban)", "Pêche", page=2)), page=2)
    layout = lay_out(_doc(TextLine("Lauréats de l'AAP « Climat 2021 »", page=1), page1, page2))
    (table,) = layout.tables
    assert table.pages == (1, 2)
    assert [row.cells[1].text for row in table.rows] == ["Rennes", "Brest", "Lorient"]
    assert [row.cells[0].text for row in table.rows] == ["Bretagne"] * 3
    assert [sorted(row.carried) for row in table.rows] == [[], [0], [0]]


def test_row_broken_across_pages_is_joined() -> None:
    page1 = RawTable(rows=(_row(*HEADER),
                           _row("Occitanie", "Ville de Sète", ("Province de", "Battambang"),
                                ("Patrimoine territoire-",), bbox=BBox(50, 700, 550, 790))),
                     page=1, reaches_page_bottom=True)
    page2 = RawTable(rows=(_row(*HEADER), _row("", "", "(Cambodge)", "ville-architecture"),
                           _row("", "Albi", "Hué (Vietnam)", "Tourisme")), page=2)
    (table,) = lay_out(_doc(page1, page2)).tables
    assert [row.cells[2].text for row in table.rows] == [
        "Province de Battambang (Cambodge)", "Hué (Vietnam)"]
    assert table.rows[0].cells[3].text == "Patrimoine territoire-ville-architecture"


def test_new_row_at_top_of_page_is_not_joined() -> None:
    page1 = RawTable(rows=(_row(*HEADER), _row("Occitanie", "Sète", "Hué (Vietnam)", "Eau",
                                               bbox=BBox(50, 700, 550, 790))),
                     page=1, reaches_page_bottom=True)
    page2 = RawTable(rows=(_row(*HEADER), _row("", "Albi", "Hué (Vietnam)", "Tourisme")), page=2)
    (table,) = lay_out(_doc(page1, page2)).tables
    assert len(table.rows) == 2


def test_sections_and_footnotes() -> None:
    first = RawTable(rows=(_row(*HEADER, "Montant"),
                           _row("Bretagne", "Rennes", "Sfax (Tunisie)", "Eau", "9 500*")), page=1)
    second = RawTable(rows=(_row(*HEADER), _row("Corse", "Bastia", "Tyr (Liban)", "Mer")), page=1)
    layout = lay_out(_doc(
        TextLine("Lauréats de l'AAP « Climat 2021 »", page=1, bbox=BBox(50, 100, 500, 112)),
        TextLine("Projets retenus", page=1, bbox=BBox(50, 140, 200, 152), bold=True),
        first,
        TextLine("* sous réserve de la signature", page=1, bbox=BBox(50, 400, 300, 410)),
        TextLine("Projets retenus sous conditions", page=1, bbox=BBox(50, 440, 300, 452),
                 bold=True),
        second,
    ))
    assert [t.section for t in layout.tables] == [
        "Projets retenus", "Projets retenus sous conditions"]
    assert layout.tables[0].roles[-1] == "amount"
    assert layout.footnotes == ("* sous réserve de la signature",)


def test_extra_and_missing_cells_warn_and_keep_cells() -> None:
    table = RawTable(rows=(_row(*HEADER), _row("Bretagne", "Rennes", "Sfax (Tunisie)", "Eau", "x"),
                           _row("Bretagne", "Brest", "Port")))
    layout = lay_out(SourceDocument(blocks=(table,), format="text"))
    assert layout.warnings == ()
    rows = layout.tables[0].rows
    assert [[w.code for w in row.warnings] for row in rows] == [
        ["row-extra-cells"], ["row-missing-cells"]]
    assert rows[1].warnings[0].cells == ("Bretagne", "Brest", "Port")
    assert {w.severity for row in rows for w in row.warnings} == {"error"}
    assert layout.tables[0].rows[0].overflow == ("x",)


def test_no_table_is_a_typed_error() -> None:
    with pytest.raises(NoTableError, match="no laureates table"):
        lay_out(_doc(TextLine("Paris, le 2 mars 2023")))


def test_header_without_rows_warns() -> None:
    layout = lay_out(SourceDocument(blocks=(RawTable(rows=(_row(*HEADER),)),), format="text"))
    assert [t.rows for t in layout.tables] == [()]
    assert [w.code for w in layout.warnings] == ["table-without-rows"]


def test_body_row_naming_a_region_is_not_a_header() -> None:
    row = ["Hauts-de-France", "Région Hauts-de-France", "Commune de Partenaire (Bénin)", "Eau"]
    assert header_roles(row) is None
    assert header_role("Région (France)") == "region"


def test_rows_printed_across_the_table_are_headings() -> None:
    table = RawTable(rows=(
        _row("Projets retenus", "", "", ""),
        _row(*HEADER),
        _row("Bretagne", "Rennes", "Sfax (Tunisie)", "Eau"),
        _row("Projets retenus sous conditions", "", "", ""),
        _row("Corse", "Bastia", "Tyr (Liban)", "Mer"),
        _row("Auvergne-Rhône-Alpes", "", "", ""),
        _row("", "Lyon", "Hué (Vietnam)", "Patrimoine"),
        _row("* sous réserve du vote du budget", "", "", ""),
    ))
    layout = lay_out(SourceDocument(blocks=(table,), format="text"))
    assert [(t.section, len(t.rows)) for t in layout.tables] == [
        ("Projets retenus", 1), ("Projets retenus sous conditions", 2)]
    assert [row.cells[0].text for row in layout.tables[1].rows] == ["Corse", "Auvergne-Rhône-Alpes"]
    assert layout.footnotes == ("* sous réserve du vote du budget",)


def test_header_printed_on_two_rows() -> None:
    table = RawTable(rows=(
        _row("Région", "Collectivités", "", "Titre du projet"),
        _row("", "française", "partenaire", ""),
        _row("Bretagne", "Rennes", "Sfax (Tunisie)", "Eau"),
    ))
    (laid,) = lay_out(SourceDocument(blocks=(table,), format="text")).tables
    assert laid.columns == (
        "Région", "Collectivités française", "Collectivités partenaire", "Titre du projet")
    assert laid.roles == ("region", "lead", "partners", "title")
    assert [[c.text for c in row.cells] for row in laid.rows] == [
        ["Bretagne", "Rennes", "Sfax (Tunisie)", "Eau"]]


def test_an_introductory_sentence_is_not_a_section() -> None:
    table = RawTable(rows=(_row(*HEADER), _row("Corse", "Bastia", "Tyr (Liban)", "Mer")), page=1)
    layout = lay_out(_doc(
        TextLine("Lauréats de l'AAP « Climat 2021 »", page=1, bbox=BBox(50, 100, 500, 112)),
        TextLine("Le comité de sélection réuni le 4 mai a retenu les projets suivants :", page=1,
                 bbox=BBox(50, 140, 500, 152)),
        table,
    ))
    assert layout.tables[0].section is None


def test_headerless_table_before_the_first_header_is_skipped_and_after_it_goes_on() -> None:
    stray = RawTable(rows=(_row("Note", "x", "y", "z", page=1),), page=1)
    first = RawTable(rows=(_row(*HEADER, page=1), _row("Bretagne", "Rennes", "Sfax (Tunisie)",
                                                       "Eau", page=1)), page=1)
    rest = RawTable(rows=(_row("Normandie", "Caen", "Thiès (Sénégal)", "Santé", page=2),), page=2)
    layout = lay_out(_doc(stray, TextLine("Lauréats 2020", page=1), first,
                          TextLine("Projets retenus sous conditions", page=2), rest))
    assert [(w.code, w.severity, w.page) for w in layout.warnings] == [
        ("table-without-header", "error", 1), ("heading-without-header", "warning", 2)]
    assert layout.footnotes == ("Projets retenus sous conditions",)
    assert len(layout.tables) == 1
    assert [row.cells[1].text for row in layout.tables[0].rows] == ["Rennes", "Caen"]
    assert layout.tables[0].pages == (1, 2)


def test_rows_printed_in_columns_after_the_table_but_not_read_are_flagged() -> None:
    # Lines after the table printed in columns like rows, which the source stage did not
    # read as a table: laureates may be missing, the text must not pass silently into a
    # footnote.
    table = RawTable(rows=(_row(*HEADER), _row("Corse", "Bastia", "Tyr (Liban)", "Mer")), page=1)
    layout = lay_out(_doc(
        table,
        TextLine("Île-de-France Conseil   Gouvernorat de     Agriculture durable   95 000 €",
                 page=1, line=30),
        TextLine("              départemental de la Jéricho      du Jourdain", page=1, line=31),
        TextLine("Note : les montants sont indicatifs.", page=1, line=34),
    ))
    flagged = [w for w in layout.warnings if w.code == "text-like-rows"]
    assert [(w.severity, w.line) for w in flagged] == [("warning", 30)]
    assert "Gouvernorat de" in flagged[0].message


def test_a_cell_read_once_still_equals_its_unread_twin_and_a_copy_reads_its_own_lines() -> None:
    read, unread = RawCell(("Auvergne-Rhône-", "Alpes")), RawCell(("Auvergne-Rhône-", "Alpes"))
    assert read.text == "Auvergne-Rhône-Alpes"
    assert read == unread
    assert hash(read) == hash(unread)
    assert repr(read) == repr(unread)
    assert replace(read, lines=("Bretagne",)).text == "Bretagne"
