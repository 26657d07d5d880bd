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
