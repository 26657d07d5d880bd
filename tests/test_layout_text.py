"""The ``pdftotext -layout`` reader: running text, columns, rows, merged regions, pages.

The seed announcement's layout text (a Word-like PDF: merged region cells centred in their
block, interleaved wrapped cells, a row broken over a page) must give the seed's rows; the
generated announcements (``fixtures/layout``) must give the rows of their spec, centred and
top-aligned alike.
"""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

import pytest
import regex

from aap_parser.grid import RawTable, SourceDocument, TextLine, join_lines
from aap_parser.layout.headers import LAUREATES_HEADER
from aap_parser.sources import layout_text
from aap_parser.sources.text import split_lines
from tests.conftest import LAYOUT, SAMPLES, SEED

# The reader is handed the laureates header vocabulary, as the pipeline hands it.
read_layout_text = partial(layout_text.read_layout_text, headers=LAUREATES_HEADER)
looks_like_layout_text = partial(layout_text.looks_like_layout_text, headers=LAUREATES_HEADER)

GENERATED = sorted(LAYOUT.glob("*.layout.txt"))
_GOES_ON = regex.compile(r"^(?:\p{Ll}|\()")


def _lines(path: Path) -> list[str]:
    return split_lines(path.read_text(encoding="utf-8"))


def _tables(document: SourceDocument) -> list[RawTable]:
    return [block for block in document.blocks if isinstance(block, RawTable)]


def _cell_texts(table: RawTable) -> list[list[str]]:
    """Each row's cell texts."""
    return [[cell.text for cell in row.cells] for row in table.rows]


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
    tabbed = [line for line in _lines(SEED) if "\t" in line]
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


@pytest.mark.slow  # the eight-fold seed
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
    assert not looks_like_layout_text(_lines(SEED))
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


_REPEATED_HEADER = """\
                                        Collectivité      Collectivité
N°                  Région                                                   Titre du projet
                                        territoriale      partenaire
1                   Bretagne            Ville de Brest    Ville de Tyr       Projet de lecture
                                                          (Liban)            publique
2                                       Ville de Rennes   Ville de Hué       Projet de musée,
                                                          (Vietnam)          « patrimoine
\f              Collectivité       Collectivité
N°   Région                                     Titre du projet
              territoriale       partenaire
                                                » : culture
3                                Commune de     Égalité
              Syndicat mixte
                                 Erevan         développement
              du Pays Basque
                                                déchets
"""


def test_repeated_header_on_a_later_page_keeps_the_table_columns() -> None:
    # pdftotext puts each page on its own character grid: the repeated header's "Région"
    # starts only once on page 2, three spaces after "N°", and still starts a column; the
    # header ends where it repeats page 1's, before the rest of row 2's title.
    first, second = _tables(read_layout_text(split_lines(_REPEATED_HEADER)))
    header = [cell.text for cell in first.rows[0].cells]
    assert [cell.text for cell in second.rows[0].cells] == header
    assert len(header) == 5
    rest, third = (row.cells for row in second.rows[1:])
    assert [cell.text for cell in rest] == ["", "", "", "", "» : culture"]
    assert [cell.text for cell in third] == [
        "3",
        "",
        "Syndicat mixte du Pays Basque",
        "Commune de Erevan",
        "Égalité développement déchets",
    ]


def test_table_of_one_row_under_a_header_is_layout_text() -> None:
    lines = [
        "Lauréats de l'appel à projets franco-sénégalais 2021",
        "",
        "Collectivité territoriale        Collectivité partenaire    Titre du projet",
        "Ville de Saint-Étienne           Commune de Thiès           Développement durable",
    ]
    assert looks_like_layout_text(lines)
    rows = _tables(read_layout_text(lines))[0].rows
    assert [cell.text for cell in rows[1].cells] == [
        "Ville de Saint-Étienne",
        "Commune de Thiès",
        "Développement durable",
    ]
    assert not looks_like_layout_text([lines[0], "", lines[3], lines[3]])


_THIN_PARTNERS = """\
                                     Collectivité       Collectivité
N°              Région                                                        Titre du projet
                                     territoriale       partenaire
1                                    Communauté de      Province de           L'accès énergie
                                     communes du        Ségou                 femmes-hommes
                                     Hué                                      culture
2                                                       Ville de Mbour        Développement
                Nouvelle-
                                                        (Chili)               l'accès durable
                Aquitaine
                                     Communauté de                            l’eau citoyenneté
                                     communes du                              culture agro-
                                     Nîmes                                    écologie, «
                                                                              l'accès » :
                                                                              durable
3                                                       Province de           Femmes-
                                                        Ségou                 hommes
                                                                              citoyenneté
                                                                              rurale éducation
                                                                              durable
                                                                              éducation
                                     Commune de                               économie
                                     Saint-Louis                              déchets femmes-
                                                                              hommes
                                                                              femmes-hommes
                                                                              mobilité déchets
                Rhône-Alpes
                                                                              rurale patrimoine,
                                                                              « citoyenneté » :
                                                                              rurale
4                                    Conseil            Cercle de             Égalité jeunesse
                                     départemental de   Annecy
                                     Jacmel, Région
                                     Mbour
5                                                       Commune de            Développement
                                     Ville de Hué       Saint-Étienne         développement
                                                        (Mali)
6                                                       Commune de            Jeunesse
                                     Ville de Saint-    Hué                   jeunesse
                                     Étienne                                  développement
                                                                              l'accès
"""


def test_column_with_a_cell_per_row_but_few_lines_cuts_rows() -> None:
    # The partners column has fewer lines than half the titles', yet a cell in every row:
    # left out of the row cut, row 5 ("Développement" / "développement", its lead a line
    # lower) would split in two.
    rows = _tables(read_layout_text(_THIN_PARTNERS.split("\n")))[0].rows
    assert [row.cells[0].text for row in rows[1:]] == ["1", "2", "3", "4", "5", "6"]
    fifth = [cell.text for cell in rows[5].cells]
    assert fifth == [
        "5",
        "",
        "Ville de Hué",
        "Commune de Saint-Étienne (Mali)",
        "Développement développement",
    ]
    assert rows[5].cells[1].merged_from_above


def test_column_started_once_by_its_header_and_once_a_bit_left_by_its_cell() -> None:
    # pdftotext places a column's lines a character or two apart: "Montant" and the one
    # amount below it still make a column of their own.
    lines = [
        "N°   Collectivité territoriale   Titre du projet       Montant",
        "1    Métropole de Lyon           Énergie             58 250 euros",
        "                                 rurale",
    ]
    rows = _tables(read_layout_text(lines))[0].rows
    assert [cell.text for cell in rows[0].cells] == [
        "N°",
        "Collectivité territoriale",
        "Titre du projet",
        "Montant",
    ]
    assert [cell.text for cell in rows[1].cells] == [
        "1",
        "Métropole de Lyon",
        "Énergie rurale",
        "58 250 euros",
    ]


_TOP_MERGED_LEAD = """\
                                Collectivité         Collectivité
N°        Région                                                              Titre du projet
                                territoriale         partenaire
1                                                    Province de Ségou        L'accès énergie
                                Communauté de
                                                                              femmes-hommes
                                communes du Nîmes
                                                                              culture
2         Nouvelle-Aquitaine                         Ville de Mbour (Chili)   Développement
                                                                              l'accès durable l’eau
                                Communauté de
                                                                              citoyenneté culture
                                communes du Nîmes
                                                                              agro-écologie, «
                                                                              l'accès » : durable
3                                                    Province de Ségou        Femmes-hommes
                                                                              citoyenneté rurale
                                                                              éducation durable
                                                                              éducation économie
                                Commune de Saint-                             déchets femmes-
                                Louis                                         hommes femmes-
                                                                              hommes mobilité
          Rhône-Alpes
                                                                              déchets rurale
                                                                              patrimoine, «
                                                                              citoyenneté » : rurale
4                               Conseil              Cercle de Annecy         Égalité jeunesse
5                               départemental de     Commune de Hué           Coopération
                                Jacmel, Région                                développement
                                Mbour

6                               Ville de Saint-      Ville de Saint-          Développement
                                Étienne              Étienne (Mali)           développement
"""


def test_lead_merged_over_two_rows_at_their_top_stays_whole() -> None:
    # The lead of rows 4 and 5 is one merged cell with its text at its top: its lines run
    # into row 5 ("départemental de" goes on "Conseil"), but it stays one cell of row 4.
    rows = _tables(read_layout_text(_TOP_MERGED_LEAD.split("\n")))[0].rows
    leads = [row.cells[2] for row in rows[1:]]
    assert leads[3].text == "Conseil départemental de Jacmel, Région Mbour"
    assert leads[4].is_empty
    assert leads[4].merged_from_above
    assert leads[5].text == "Ville de Saint-Étienne"
    assert [row.cells[3].text for row in rows[4:6]] == ["Cercle de Annecy", "Commune de Hué"]


_NAMES_WRAPPED = """\
Région            Collectivité territoriale   Collectivité partenaire    Titre du projet
                  Ville de Évreux, Commune    Commune de Jacmel          Agro-écologie jeunesse
                  de Besançon                                            économie
Occitanie         Ville de Fès et Région      Commune de Bobo            Développement rurale
                  L’Isle-Adam                 Dioulasso                  mobilité développement
                                                                         citoyenneté égalité
                                                                         territoires agro-écologie
                                                                         patrimoine l’eau déchets
                                                                         éducation déchets l’eau, «
                                                                         rurale » : mobilité
                  Région Jacmel               Gouvernorat de Besançon    Citoyenneté égalité
                  Commune de Aïn Draham,      Ville de Bobo Dioulasso    Économie économie
                  Métropole de Hué                                       économie culture
"""


def test_names_wrapped_onto_a_capital_stay_in_their_row() -> None:
    # "L’Isle-Adam" and "Dioulasso" start with capitals, yet go on the names above, as the
    # title's lowercase "mobilité" shows: one row, not two.
    rows = _tables(read_layout_text(_NAMES_WRAPPED.split("\n")))[0].rows
    assert len(rows) == 5
    assert [cell.text for cell in rows[2].cells[1:3]] == [
        "Ville de Fès et Région L’Isle-Adam",
        "Commune de Bobo Dioulasso",
    ]
    assert rows[2].cells[3].text.startswith("Développement rurale mobilité")


def test_a_word_broken_in_a_narrow_column_is_put_back_together() -> None:
    from aap_parser.sources.layout_text.words import _mend_broken_words

    lines = ("Coopération", "développemen", "t l'accès santé", "à l'eau")
    assert _mend_broken_words(lines) == ("Coopération", "développement", "l'accès santé", "à l'eau")
    # A French word of one letter, or a short line before it, is left as printed.
    assert _mend_broken_words(("Accès", "y compris")) == ("Accès", "y compris")
    assert _mend_broken_words(("Projet", "à Dakar")) == ("Projet", "à Dakar")


_NUMBERED_UNDER_ITS_HEADER = """\
Projet Collectivité française       Collectivité(s)              Pays          Titre
                                    étrangère(s)
                                    partenaire(s)
1      Ville de Chambéry            Commune de Ouahigouya        Burkina Faso Accès des femmes
                                                                              municipales
2      Conseil général de l'Isère   Cercle de Kayes, Région de   Mali, Niger   Autonomisation
                                    Tillabéri                                  des femmes
3      Ville de Besançon            Commune de Douroula          Burkina Faso Maisons de la
                                                                              femme
4      Région Limousin              Région de Dosso              Niger         Santé maternelle
"""


def test_a_header_naming_a_role_twice_ends_where_the_first_row_starts() -> None:
    # « Projet » (row numbers) and « Titre » both read as titles, so the wording test refuses
    # the header; what the rows below hold tells it is one. Its three lines make the header,
    # and the line under them, starting a cell in every column, is the first row's.
    (table,) = _tables(read_layout_text(_NUMBERED_UNDER_ITS_HEADER.split("\n")))
    rows = _cell_texts(table)
    assert rows[0] == [
        "Projet", "Collectivité française", "Collectivité(s) étrangère(s) partenaire(s)",
        "Pays", "Titre",
    ]
    assert rows[1] == [
        "1", "Ville de Chambéry", "Commune de Ouahigouya", "Burkina Faso",
        "Accès des femmes municipales",
    ]
    assert len(rows) == 5


_HEADER_IN_OTHER_WORDS = """\
Localisation  Structure                Homologue                     Libellé
Bretagne      Ville de Rennes          Municipalité de Naplouse      Centre culturel pour
                                                                     la jeunesse
              Ville de Lorient         Municipalité de Beit          Tourisme solidaire
                                       Sahour
Occitanie     Ville de Toulouse        Municipalité d'Hébron         Restauration de la
                                                                     vieille ville
"""


def test_a_header_in_other_words_is_told_by_the_rows_below() -> None:
    # No cell of the header is in the vocabulary; the rows below hold regions, French
    # authorities and foreign ones: the top line is the header row, not a first laureate.
    (table,) = _tables(read_layout_text(_HEADER_IN_OTHER_WORDS.split("\n")))
    rows = _cell_texts(table)
    assert rows[0] == ["Localisation", "Structure", "Homologue", "Libellé"]
    assert rows[2] == ["", "Ville de Lorient", "Municipalité de Beit Sahour", "Tourisme solidaire"]
    assert len(rows) == 4


_HEADER_GOING_ON_BESIDE_A_CAPITAL = """\
Collectivité(s) territoriale(s) Intitulé du projet                     Cofinancement
française(s)                                                           MEAE
Syndicat des eaux et de        Réhabilitation des réseaux d'eau        50 000 €
l'assainissement Alsace-       potable des villages du Chouf
Moselle (SDEA)
Ville de Marseille             Reconstruction du port : appui aux      60 000 €
                               services techniques municipaux
"""


def test_a_header_line_going_on_some_header_cells_is_header() -> None:
    # « française(s) » goes on « Collectivité(s) territoriale(s) » beside « MEAE », which
    # starts with a capital: one of the line's texts going on a header cell keeps the line
    # in the header (a row's first line starts every one of its cells).
    (table,) = _tables(read_layout_text(_HEADER_GOING_ON_BESIDE_A_CAPITAL.split("\n")))
    rows = _cell_texts(table)
    assert rows[0] == [
        "Collectivité(s) territoriale(s) française(s)", "Intitulé du projet", "Cofinancement MEAE",
    ]
    assert rows[1][0] == "Syndicat des eaux et de l'assainissement Alsace-Moselle (SDEA)"
    assert len(rows) == 3


_OTHER_WORDS_OVER_TWO_PAGES = """\
Implantation    Maître d'ouvrage               Jumelage                         Libellé
Bretagne        Ville de Rennes                Union des municipalités de Tyr   Planification
                                               (Liban)
                Conseil régional de Bretagne   Ville de Cuzco (Pérou),          Transition
                                               Commune de Ouahigouya
\f
Implantation   Maître d'ouvrage           Jumelage                          Libellé
                                          (Burkina Faso)
                                          Ville d'Erevan (Arménie),         Santé communautaire
               Ville de Rennes
                                          Commune de Jacmel (Haïti)
Normandie      Ville de Caen              Ville de Québec (Canada)          Jumelage numérique
"""


def test_a_header_in_other_words_repeated_on_the_next_page_is_known_there() -> None:
    # The header's words are outside the vocabulary; the next page repeats it at other
    # character columns, over the rest of a partner cell broken by the page break: it is
    # known again as the table's header, the rest goes on the row above it.
    tables = _tables(read_layout_text(_OTHER_WORDS_OVER_TWO_PAGES.split("\n")))
    assert len(tables) == 2
    second = _cell_texts(tables[1])
    assert second[0] == ["Implantation", "Maître d'ouvrage", "Jumelage", "Libellé"]
    assert second[1] == ["", "", "(Burkina Faso)", ""]
    assert second[2] == [
        "", "Ville de Rennes", "Ville d'Erevan (Arménie), Commune de Jacmel (Haïti)",
        "Santé communautaire",
    ]


_BLANK_HEADER_OVER_NUMBERS = """\
       Collectivité          Collectivité(s)       Pays        Titre du projet
       française             étrangère(s)
                             partenaire(s)
1      Ville de Chambéry     Commune de            Burkina     Accès des femmes aux
                             Ouahigouya            Faso        responsabilités municipales
2      Conseil général de    Cercle de Kayes,      Mali, Niger Autonomisation économique
       l'Isère               Région de Tillabéri
3      Ville de Besançon     Commune de Douroula   Burkina     Maisons de la femme
                                                   Faso
"""


def test_a_header_left_blank_over_the_numbers_is_still_the_header() -> None:
    # No header over the row numbers: the other columns' header lines still make the
    # header row, and the first row starts under them.
    (table,) = _tables(read_layout_text(_BLANK_HEADER_OVER_NUMBERS.split("\n")))
    rows = _cell_texts(table)
    assert rows[0] == [
        "", "Collectivité française", "Collectivité(s) étrangère(s) partenaire(s)", "Pays",
        "Titre du projet",
    ]
    assert rows[1] == [
        "1", "Ville de Chambéry", "Commune de Ouahigouya", "Burkina Faso",
        "Accès des femmes aux responsabilités municipales",
    ]
    assert len(rows) == 4
