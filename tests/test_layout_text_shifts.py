"""The ``pdftotext -layout`` reader where pdftotext prints cells off their columns.

pdftotext places a block of text (a cell's lines) right after what it printed to its left on
the line, not always at its own x: where cells collide, a whole cell comes out a few
characters left of its column, its first line glued to the cell before by one space, its
other lines alone on theirs. Such a cell must stay in its column and its row, and the table
must not be cut there.
"""

from __future__ import annotations

from functools import partial

from aap_parser.grid import RawTable, SourceDocument
from aap_parser.layout.roles import LAUREATES_HEADER
from aap_parser.sources import layout_text

read_layout_text = partial(layout_text.read_layout_text, headers=LAUREATES_HEADER)


def _tables(document: SourceDocument) -> list[RawTable]:
    return [block for block in document.blocks if isinstance(block, RawTable)]


def _texts(table: RawTable) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


_TITLE_SHIFTED = """\
Collectivité territoriale   Collectivité partenaire         Titre du projet
Conseil départemental de    Commune de L'Haÿ-les-Roses Énergie durable formation rurale
Ziguinchor                                             l’eau l'accès déchets égalité agro-
                                                       écologie territoires durable
                                                       énergie, « durable » : formation
Conseil départemental de    Commune de Jacmel (Maroc), Éducation l'accès
Bobo Dioulasso              District de Mbour (Arménie),
                            Ville de Thiès (Maroc)
Conseil départemental de    Cercle de Fès                   Égalité santé patrimoine
Mbour
Région Occitanie            Province de Annecy              Formation santé
Ville de Hué                Municipalité de Fès             Éducation patrimoine l'accès
                                                            énergie formation égalité
Métropole de Lyon           Cercle de Ségou (Mali)          Déchets énergie l’eau
"""


def test_a_title_printed_left_of_its_column_stays_in_its_row() -> None:
    # The first row's title is printed five characters left of its column, its last two
    # lines alone on theirs: they go on that title, the table is not cut under the row.
    tables = _tables(read_layout_text(_TITLE_SHIFTED.split("\n")))
    assert len(tables) == 1
    rows = _texts(tables[0])
    assert rows[0] == ["Collectivité territoriale", "Collectivité partenaire", "Titre du projet"]
    assert rows[1] == [
        "Conseil départemental de Ziguinchor",
        "Commune de L'Haÿ-les-Roses",
        "Énergie durable formation rurale l’eau l'accès déchets égalité agro-écologie "
        "territoires durable énergie, « durable » : formation",
    ]
    assert len(rows) == 7
    assert rows[2] == [
        "Conseil départemental de Bobo Dioulasso",
        "Commune de Jacmel (Maroc), District de Mbour (Arménie), Ville de Thiès (Maroc)",
        "Éducation l'accès",
    ]
    assert rows[4] == ["Région Occitanie", "Province de Annecy", "Formation santé"]


_TITLES_FAR_LEFT = """\
             Collectivité territoriale
Région                                   Collectivité partenaire     Titre du projet
             chef de file
                                         District d'Abidjan (Côte    Gestion des déchets, tri
                                         d'Ivoire)                   à la source et valorisation
                                         Commune de Jacmel           Adaptation au changement
             Ville d'Angers              (Haïti), Région             climatique et inondations
                                         Analamanga (Madagascar)
Pays de la                               Commune de Chefchaouen Transition énergétique et
             Ville du Mans
Loire                                    (Maroc)                éclairage
                                         Commune de Jacmel           Développement de filières
             Ville du Mans               (Haïti)                     durables et commercialisation
"""


def test_a_title_printed_far_left_after_a_long_partner_stays_in_its_column() -> None:
    # "éclairage" is printed seven characters left of the titles, after the partner's
    # "(Maroc)" on its line: it still ends the title above, not the partner's cell.
    tables = _tables(read_layout_text(_TITLES_FAR_LEFT.split("\n")))
    assert len(tables) == 1
    rows = _texts(tables[0])
    assert [row[3] for row in rows[1:]] == [
        "Gestion des déchets, tri à la source et valorisation",
        "Adaptation au changement climatique et inondations",
        "Transition énergétique et éclairage",
        "Développement de filières durables et commercialisation",
    ]
    assert rows[3][2] == "Commune de Chefchaouen (Maroc)"


_AMOUNT_GLUED = """\
Collectivité territoriale  Titre du projet                                             Montant
Commune de Besançon        Durable citoyenneté territoires citoyenneté                 91 039
                           agro-écologie rurale durable mobilité déchets rurale
Métropole de Évreux        Patrimoine coopération rurale rurale, « coopération » : 90 500
                           rurale
Syndicat mixte du Tyr      Formation patrimoine jeunesse citoyenneté l’eau       24 500 €
                           jeunesse formation femmes-hommes, « patrimoine » :
                           jeunesse
Ville de Évreux            Développement éducation mobilité                            11 039 euros
"""


def test_an_amount_glued_to_a_title_is_cut_before_its_number() -> None:
    # "90 500" and "24 500 €" are printed left of the amounts, one glued to its title: the
    # cut is before the whole number, not at its group of three digits nearer the column.
    rows = _texts(_tables(read_layout_text(_AMOUNT_GLUED.split("\n")))[0])
    assert [row[2] for row in rows[1:]] == ["91 039", "90 500", "24 500 €", "11 039 euros"]
    assert rows[2][1] == "Patrimoine coopération rurale rurale, « coopération » : rurale"
    assert rows[3][1] == (
        "Formation patrimoine jeunesse citoyenneté l’eau jeunesse formation femmes-hommes, "
        "« patrimoine » : jeunesse"
    )


_ONE_ROW = """\
     Appel à projets « Climat et développement durable » 2019 : liste des lauréats

        Collectivité            Collectivité
 N°                                                 Titre du projet                      Montant
        territoriale            partenaire
        Communauté de
                                Commune de Saint-
 1      communes du                                 L’eau développement                  7 000
                                Étienne
        Montélimar
"""


def test_a_one_row_table_with_centred_wrapped_cells_is_layout_text() -> None:
    # Its cells, wrapped and centred, start nowhere alike: the header row tells the table.
    lines = _ONE_ROW.split("\n")
    assert layout_text.looks_like_layout_text(lines, LAUREATES_HEADER)
    rows = _texts(_tables(read_layout_text(lines))[0])
    assert rows[1] == [
        "1",
        "Communauté de communes du Montélimar",
        "Commune de Saint-Étienne",
        "L’eau développement",
        "7 000",
    ]


def _placed(*cells: tuple[int, str]) -> str:
    """A line with each text at its character column, or one space after the text before
    when that runs up to it (as pdftotext glues colliding cells)."""
    line = ""
    for x, text in cells:
        line = line + " " if line and len(line) >= x else line.ljust(x)
        line += text
    return line


def test_a_one_row_table_with_a_lead_glued_to_its_region_keeps_its_columns() -> None:
    # The lead is printed after the region with one space, its second line alone four
    # characters left of the lead's header: a column all the same, the line in the table.
    lines = [
        _placed((0, "N°"), (9, "Région"), (37, "Collectivité territoriale"),
                (79, "Collectivité partenaire"), (117, "Titre du projet")),
        _placed((0, "1"), (9, "Bourgogne-Franche-Comté"),
                (33, "Conseil départemental de Saint-Étienne et"),
                (79, "Commune de Saint-Étienne"), (117, "Formation territoires")),
        _placed((33, "Conseil départemental de Évreux")),
    ]
    rows = _texts(_tables(read_layout_text(lines))[0])
    assert rows == [
        ["N°", "Région", "Collectivité territoriale", "Collectivité partenaire",
         "Titre du projet"],
        ["1", "Bourgogne-Franche-Comté",
         "Conseil départemental de Saint-Étienne et Conseil départemental de Évreux",
         "Commune de Saint-Étienne", "Formation territoires"],
    ]
