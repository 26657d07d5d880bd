"""The ``pdftotext -layout`` reader where pdftotext prints cells off their columns.

pdftotext places a block of text (a cell's lines) right after what it printed to its left on
the line, not always at its own x: where cells collide, a whole cell comes out a few
characters left of its column, its first line glued to the cell before by one space, its
other lines alone on theirs. Such a cell must stay in its column and its row, and the table
must not be cut there.
"""

from __future__ import annotations

from functools import partial

import pytest

from aap_parser.grid import RawTable, SourceDocument
from aap_parser.layout.headers import LAUREATES_HEADER
from aap_parser.sources import layout_text
from tests.conftest import LAYOUT

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
Région Ségou               Citoyenneté jeunesse déchets égalité mobilité culture 20 039 €
                           égalité
"""


def test_an_amount_glued_to_a_title_is_cut_before_its_number() -> None:
    # "90 500", "24 500 €" and "20 039 €" are printed left of the amounts, two glued to
    # their title: the cut is before the whole number, not at its group of three digits or
    # its currency nearer the column.
    rows = _texts(_tables(read_layout_text(_AMOUNT_GLUED.split("\n")))[0])
    assert [row[2] for row in rows[1:]] == [
        "91 039", "90 500", "24 500 €", "11 039 euros", "20 039 €"
    ]
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


_LINE_COLLIDED = """\
Région       Collectivité         Collectivité            Titre du projet
             territoriale         partenaire
           Conseil                Ville de Besançon       L'accès culture durable formation
Bourgogne- départemental de       (Vietnam), Municipalité
Franche-   Évreux et Conseil      de Hué (Côte d'Ivoire),
Comté      départemental de       Cercle de Kpalimé
           Mbour                  (Arménie)
             Communauté de      Commune de Nîmes          Déchets mobilité déchets
             communes du Hué et (Madagascar)
             Commune de Aïn
             Draham
Normandie    Région Mbour         Commune de Nîmes        Citoyenneté égalité rurale
"""


def test_a_lone_line_of_collided_cells_stays_in_the_table() -> None:
    # "(Madagascar)" is printed a single space after the lead's "et", two characters left
    # of the partners: the line fits no column cut, yet lies between table lines that do.
    tables = _tables(read_layout_text(_LINE_COLLIDED.split("\n")))
    assert len(tables) == 1
    rows = _texts(tables[0])
    assert rows[2][1:3] == [
        "Communauté de communes du Hué et Commune de Aïn Draham",
        "Commune de Nîmes (Madagascar)",
    ]
    assert rows[3] == ["Normandie", "Région Mbour", "Commune de Nîmes",
                       "Citoyenneté égalité rurale"]


def test_a_header_over_a_narrow_column_of_numbers_is_found_again_on_the_next_page() -> None:
    # On the second page pdftotext prints "N°" and "Région" a single space apart: the
    # repeated header still gives the page its columns, numbers and regions apart.
    page = [
        "                   Collectivité      Collectivité",
        "N° Région                                              Titre du projet",
        "                   territoriale      partenaire",
        "                                     District de Bobo   L'accès déchets jeunesse",
        "11                 Région Thiès",
        "                                     Dioulasso          l’eau agro-écologie",
        "12 Grand Est       Ville de Erevan   Cercle de Hué      Déchets formation égalité",
    ]
    first = [
        "N°    Région         Collectivité          Collectivité          Titre du projet",
        "                     territoriale          partenaire",
        "10    Bretagne       Ville de Rennes       Ville de Fès          Patrimoine citoyenneté",
        "",
    ]
    tables = _tables(read_layout_text([*first, "\f" + page[0], *page[1:]]))
    assert _texts(tables[1])[0] == [
        "N°", "Région", "Collectivité territoriale", "Collectivité partenaire", "Titre du projet"
    ]
    assert _texts(tables[1])[1][:3] == ["11", "", "Région Thiès"]
    assert _texts(tables[1])[2][:3] == ["12", "Grand Est", "Ville de Erevan"]


_AMOUNT_INSIDE = """\
Collectivité territoriale   Titre du projet                           Montant
Ville de Besançon           Durable citoyenneté territoires           91 039
Métropole de Évreux         Patrimoine femmes-hommes rurale 44 039
                            coopération énergie mobilité              euros
Région Évreux               Territoires patrimoine                    24 500 €
Ville de Nîmes              Énergie formation rurale 5.250 €
                            éducation
"""


def test_an_amount_printed_inside_the_title_column_goes_back_to_the_amounts() -> None:
    # pdftotext glued "44 039" and "5.250 €" to their title, ten characters left of the
    # amounts (the column blank there): they end no title, the column holds amounts.
    rows = _texts(_tables(read_layout_text(_AMOUNT_INSIDE.split("\n")))[0])
    assert [row[2] for row in rows[1:]] == ["91 039", "44 039 euros", "24 500 €", "5.250 €"]
    assert rows[2][1] == "Patrimoine femmes-hommes rurale coopération énergie mobilité"
    assert rows[4][1] == "Énergie formation rurale éducation"


_CELL_GOES_ON_GLUED = """\
 N°   Collectivité territoriale   Collectivité partenaire   Titre du projet
 3    Ville de Hué                Province de Besançon      Femmes-hommes jeunesse
                                  (Liban)                   agro-écologie
 4    Ville de Thiès              Région de Aïn Draham      Santé jeunesse
      Communauté de        Municipalité de Jacmel
 5                                                          L’eau citoyenneté
      communes du Besançon (Maroc)
 6    Ville de Nîmes              District de Ségou         Éducation développement
"""


def test_the_next_line_of_a_cell_printed_off_its_column_goes_with_it() -> None:
    # "Municipalité de Jacmel" is printed seven characters left of the partners, and its
    # "(Maroc)" below it glued to the lead's line: "(Maroc)" starts where the partner's
    # line starts, and goes on the partner, not the lead.
    rows = _texts(_tables(read_layout_text(_CELL_GOES_ON_GLUED.split("\n")))[0])
    assert rows[3] == [
        "5", "Communauté de communes du Besançon", "Municipalité de Jacmel (Maroc)",
        "L’eau citoyenneté",
    ]


def test_a_lead_glued_to_its_region_keeps_its_next_line() -> None:
    # The lead is printed a space after its region, five characters left of the leads;
    # its next line "Saint-Étienne", alone under it, goes on it ("Métropole de" stops
    # mid-phrase), not on the region.
    lines = [
        "Région                    Collectivité territoriale   Collectivité partenaire",
        "Bretagne                  Ville de Rennes             Commune de Ségou (Mali)",
        "Auvergne-Rhône-Alpes Métropole de                     Commune de Thiès (Sénégal)",
        "                     Saint-Étienne",
        "Occitanie                 Ville de Nîmes              Cercle de Kita (Mali)",
    ]
    rows = _texts(_tables(read_layout_text(lines))[0])
    assert rows[2] == [
        "Auvergne-Rhône-Alpes", "Métropole de Saint-Étienne", "Commune de Thiès (Sénégal)"
    ]


_SHORT_LIST_MERGED_REGION = """\
 N°   Région       Collectivité territoriale   Collectivité partenaire     Titre du projet
 1                 Commune de L’Isle-Adam      Municipalité de Évreux      Agro-écologie mobilité
 2                 Métropole de Ségou          Commune de Bobo Dioulasso   Mobilité santé rurale
      Bretagne                                                             Coopération l'accès
                   Syndicat mixte du Bobo
                                                                           patrimoine l’eau
 3                 Dioulasso, Ville de Saint-  Cercle de Bobo Dioulasso
                                                                           déchets santé
                   Étienne
                                                                           développement
 4    Guadeloupe   Métropole de Ségou          Municipalité de Kpalimé     Mobilité santé rurale
"""


def test_a_region_of_a_short_list_centred_over_its_rows_is_merged() -> None:
    # Four rows, too few to count cells: "Bretagne" sits in row 3's top line, yet the
    # list's first row has no region, which only a cell merged over rows 1 to 3 and
    # centred there gives (the list goes on from no page before).
    rows = _tables(read_layout_text(_SHORT_LIST_MERGED_REGION.split("\n")))[0].rows
    regions = [row.cells[1] for row in rows[1:]]
    assert regions[0].text == "Bretagne"
    assert [cell.merged_from_above for cell in regions[1:3]] == [True, True]
    assert regions[3].text == "Guadeloupe"


def test_a_region_of_two_rows_printed_on_the_second_is_merged_over_both() -> None:
    # The region is centred over two rows, the second of two lines: it comes out on the
    # second row's first line, as its cells do; the first row has none, so it is merged.
    lines = [
        "N°   Région               Collectivité territoriale         Collectivité partenaire",
        "1                         Ville de Hué                      Gouvernorat de Fès (Mali)",
        "2    Nouvelle-Aquitaine   Communauté de communes du Thiès   Gouvernorat de Aïn Draham",
        "                                                            (Sénégal)",
    ]
    rows = _tables(read_layout_text(lines))[0].rows
    assert rows[1].cells[1].text == "Nouvelle-Aquitaine"
    assert rows[2].cells[1].merged_from_above


_PARTNER_GLUED = """\
N°     Collectivité territoriale     Collectivité partenaire         Titre du projet
1      Syndicat mixte du Jacmel Cercle de Tyr                        Citoyenneté patrimoine
       et Métropole de Thiès                                         énergie l'accès
2      Ville de Nîmes                Commune de Ségou (Mali)         Santé jeunesse
3      Conseil régional d'Occitanie  Province de Kampong Thom        Formation durable
"""


def test_a_partner_glued_to_the_lead_starts_at_its_first_capital() -> None:
    # "Cercle de Tyr" is printed a space after the lead, five characters left of the
    # partners; "de" starts nearer the column, but a cell does not start on "de".
    rows = _texts(_tables(read_layout_text(_PARTNER_GLUED.split("\n")))[0])
    assert rows[1][1:3] == [
        "Syndicat mixte du Jacmel et Métropole de Thiès", "Cercle de Tyr"
    ]


_TITLE_ONE_LEFT = """\
Région         Collectivité territoriale   Collectivité partenaire   Titre du projet
Centre-Val de                              Commune de Saint-Étienne Développement durable
              Ville de Saint-Étienne
Loire
"""


def test_a_title_glued_one_character_left_of_its_header_keeps_its_column() -> None:
    # A one-row list: the title is printed one character left of its header, glued to the
    # partner by a single space; its column is still where the header starts.
    tables = _tables(read_layout_text(_TITLE_ONE_LEFT.split("\n")))
    assert len(tables) == 1
    assert _texts(tables[0])[1] == [
        "Centre-Val de Loire",
        "Ville de Saint-Étienne",
        "Commune de Saint-Étienne",
        "Développement durable",
    ]


_TYPE_WORD_GLUED = """\
Collectivité territoriale        Collectivité partenaire        Titre du projet

Conseil départemental de         Commune de Annecy (Arménie),   L’eau économie santé
Nîmes et Syndicat mixte du       Province de Hué (Arménie)      agro-écologie
Ségou

Communauté de communes du District de Évreux                    Coopération économie
Besançon                                                        déchets durable

Région Saint-Louis               Région de Kpalimé (Mali)       Éducation formation
"""


def test_a_partner_type_word_glued_to_the_lead_goes_with_the_partner() -> None:
    # "District de Évreux" is printed a space after a lead ending in "du", its type word
    # seven characters left of the partners: "de" starts nearer the column, but a name
    # does not start on "de"; the type word before it opens the partner.
    rows = _texts(_tables(read_layout_text(_TYPE_WORD_GLUED.split("\n")))[0])
    assert rows[2][0:2] == ["Communauté de communes du Besançon", "District de Évreux"]


_TYPE_WORD_ALONE = """\
 N°    Collectivité territoriale    Collectivité partenaire     Titre du projet
       Région Bobo Dioulasso,
 1                            Cercle de Évreux                  L'accès rurale coopération
       Commune de Nîmes
 2     Ville de Nîmes               Commune de Ségou (Mali)     Santé jeunesse
"""


def test_a_partner_printed_left_of_its_column_after_a_row_number_keeps_its_type_word() -> None:
    # The partner cell is printed seven characters left of its column, alone between the
    # number and the title: it is the partner's whole cell, not the lead's.
    rows = _texts(_tables(read_layout_text(_TYPE_WORD_ALONE.split("\n")))[0])
    assert rows[1][1:3] == ["Région Bobo Dioulasso, Commune de Nîmes", "Cercle de Évreux"]


_LIST_INTO_TITLE = """\
Région        Collectivité       Collectivité            Titre du projet
              territoriale       partenaire
              Conseil            Ville de Nîmes           Culture rurale formation mobilité
              départemental de   (Burkina Faso), District l’eau, « rurale » : formation
Midi-         Besançon           de Montélimar (Maroc)
Pyrénées
              Conseil            Province de Hué         Économie développement
              départemental de
              Nîmes
"""


def test_a_type_word_after_a_comma_stays_in_its_list() -> None:
    # "District" runs up to the title's column after "(Burkina Faso),": it opens the next
    # partner of the same cell, and the title's line going on starts lowercase.
    rows = _texts(_tables(read_layout_text(_LIST_INTO_TITLE.split("\n")))[0])
    assert rows[1][2:4] == [
        "Ville de Nîmes (Burkina Faso), District de Montélimar (Maroc)",
        "Culture rurale formation mobilité l’eau, « rurale » : formation",
    ]


_LEAD_TYPE_WORD_IN_REGION = """\
N°  Région                      Collectivité territoriale    Collectivité partenaire          Projet

1   Bourgogne-Franche-Comté Syndicat mixte du Jacmel,        Gouvernorat de Kpalimé (Haïti)   Santé
                            Région Bobo Dioulasso                                             rurale

2                                                            Ville de Tyr                     Santé

3                               Ville de Saint-Étienne       Commune de Ségou                 Santé
                                                                                              rurale

4                                                            Région de L’Isle-Adam (Côte      Santé
                                                             d'Ivoire), Province de Hué
                                                             (Arménie)

5   Auvergne-Rhône-Alpes        Métropole de Saint-Étienne   Commune de Tyr                   Santé

6   Pays de la Loire            Ville de Saint-Étienne       Commune de Jacmel                Santé

7   Auvergne-Rhône-Alpes        Ville de Saint-Étienne       Commune de Tyr                   Santé

"""


def test_a_lead_type_word_printed_left_of_its_column_opens_the_lead() -> None:
    # The lead cell is printed four characters left of its column; its second line opens
    # with "Région", which falls in the region's column: the type word goes with the name
    # after it, not with the region.
    rows = _texts(_tables(read_layout_text(_LEAD_TYPE_WORD_IN_REGION.split("\n")))[0])
    assert rows[1][1:3] == [
        "Bourgogne-Franche-Comté",
        "Syndicat mixte du Jacmel, Région Bobo Dioulasso",
    ]


_COLON_GLUED_TO_AMOUNT = """\
N°  Collectivité partenaire     Titre du projet                         Montant
1   Cercle de Ségou (Mali)      Jeunesse l’eau jeunesse déchets         93.039 €
2   Commune de Jacmel           Mobilité patrimoine jeunesse « santé » : 52.000 €
                                agro-écologie
3   Ville de Tyr                Santé rurale                            3.250 €
"""


def test_a_colon_ending_a_title_line_stays_with_the_title() -> None:
    # French prints a space before ":"; the title's line ends in " :" glued to the amount,
    # the colon one character left of the amounts' column: it closes the title's phrase,
    # it does not start the amount.
    rows = _texts(_tables(read_layout_text(_COLON_GLUED_TO_AMOUNT.split("\n")))[0])
    assert rows[2][2:4] == [
        "Mobilité patrimoine jeunesse « santé » : agro-écologie",
        "52.000 €",
    ]


_TYPE_AND_DE_GLUED = """\
N°      Collectivité territoriale      Collectivité partenaire
1       Syndicat mixte du Fès          Gouvernorat de L’Isle-Adam
                                       (Côte d'Ivoire)
6       Communauté de communes Municipalité de L'Haÿ-les-
        du Montélimar          Roses (Côte d'Ivoire)
7       Communauté de communes District de L’Isle-Adam
        du Montélimar
8       Communauté de communes Cercle de Hué
        du Jacmel
9       Commune de Montélimar          Commune de Hué (Sénégal),
                                       Région de Besançon (Mali)
"""


def test_a_partner_glued_to_the_lead_keeps_its_type_word_and_de() -> None:
    # "Cercle de Hué" is printed a space after the lead, seven characters left of the
    # partners: "Hué" starts nearest the column, but a name opening on a place after "de"
    # takes the type word before that "de" ("Cercle de"), not the lead.
    rows = _texts(_tables(read_layout_text(_TYPE_AND_DE_GLUED.split("\n")))[0])
    assert rows[4][1:3] == ["Communauté de communes du Jacmel", "Cercle de Hué"]
    assert rows[3][1:3] == ["Communauté de communes du Montélimar", "District de L’Isle-Adam"]


_TITLE_LINES_GLUED = """\
Collectivité                 Collectivité partenaire   Titre du projet
territoriale
Commune de             Cercle de Aïn Draham            Patrimoine l'accès territoires
Montélimar et Syndicat (Burkina Faso)
mixte du Tyr
                             District de Saint-Louis   Égalité patrimoine déchets
                             (Madagascar), Cercle      patrimoine énergie territoires
Commune de Nîmes             de Besançon (Mali),       patrimoine énergie éducation
                             Ville de Saint-Louis      femmes-hommes jeunesse mobilité,
                             (Haïti)                   « patrimoine » : déchets
                             Province de Montélimar Rurale développement jeunesse
Communauté de                (Maroc), Municipalité de santé, « développement » : jeunesse
communes du                  Bobo Dioulasso (Côte
Besançon                     d'Ivoire), Province de
                             L'Haÿ-les-Roses (Mali)
                             Province de Montélimar Territoires éducation santé égalité
                             (Maroc), Municipalité de culture économie égalité jeunesse
Région Besançon              Bobo Dioulasso (Côte     l'accès, « éducation » : santé
                             d'Ivoire), Province de
                             L'Haÿ-les-Roses (Mali)
Communauté de                Gouvernorat de Kpalimé Territoires éducation santé égalité
communes du Saint-           (Côte d'Ivoire), Ville de culture économie égalité jeunesse
Louis et Syndicat            Hué (Bénin)               l'accès, « éducation » : santé
mixte du Jacmel
"""


def test_title_lines_glued_to_long_partners_do_not_hide_the_title_column() -> None:
    # Long partner lines run up to the titles: three title lines are printed a space after
    # them, a lowercase word starting where the titles start ("… Municipalité de santé,").
    # They are cells colliding, not text running across: the title column stays a column.
    rows = _texts(_tables(read_layout_text(_TITLE_LINES_GLUED.split("\n")))[0])
    assert rows[0][1:] == ["Collectivité partenaire", "Titre du projet"]
    assert rows[3][1:] == [
        "Province de Montélimar (Maroc), Municipalité de Bobo Dioulasso (Côte d'Ivoire), "
        "Province de L'Haÿ-les-Roses (Mali)",
        "Rurale développement jeunesse santé, « développement » : jeunesse",
    ]
    assert rows[4][2] == (
        "Territoires éducation santé égalité culture économie égalité jeunesse l'accès, "
        "« éducation » : santé"
    )


_AMOUNT_ALONE_LEFT = """\
  Collectivité partenaire   Titre du projet                                 Montant
                           L'accès patrimoine mobilité l'accès
 Commune de Montélimar                                                     50 250 €
                           jeunesse mobilité
                           Territoires citoyenneté économie femmes-
                           hommes citoyenneté éducation formation
 Ville de Hué                                                       32.039 €
                           territoires santé, « citoyenneté » :
                           économie
                           L’eau jeunesse énergie culture formation
                           patrimoine jeunesse jeunesse déchets
  Cercle de Jacmel                                                          83.039 €
                           femmes-hommes femmes-hommes
                           coopération coopération éducation
                           Santé agro-écologie rurale déchets agro-
 Région de Saint-Étienne   écologie femmes-hommes agro-écologie            71 250
                           santé formation
"""


def test_an_amount_alone_left_of_its_column_goes_back_to_the_amounts() -> None:
    # "32.039 €" is printed seven characters left of the amounts, alone on a line where the
    # title, centred around it, has no text: it is the row's amount, not a title line.
    rows = _texts(_tables(read_layout_text(_AMOUNT_ALONE_LEFT.split("\n")))[0])
    assert rows[2] == [
        "Ville de Hué",
        "Territoires citoyenneté économie femmes-hommes citoyenneté éducation formation "
        "territoires santé, « citoyenneté » : économie",
        "32.039 €",
    ]


_CURRENCY_GLUED = """\
             Collectivité          Collectivité
 Région                                                  Titre du projet                     Montant
             territoriale          partenaire
                                                         Durable agro-écologie l’eau l’eau
             Région Évreux,        Gouvernorat de        citoyenneté éducation             55 000
 Nouvelle-   Ville de Hué          Saint-Étienne         développement, « agro-écologie euros
 Aquitaine                                               » : l’eau
             Ville de L'Haÿ-les-
                                   Région de Mbour       Agro-écologie territoires rurale    87 500
             Roses
"""


def test_a_currency_glued_to_a_title_under_its_amount_goes_back_to_the_amounts() -> None:
    # The amount's cell wraps "55 000" / "euros"; pdftotext glues "euros" to the title's
    # line on its left: it ends the amount, not the title.
    rows = _texts(_tables(read_layout_text(_CURRENCY_GLUED.split("\n")))[0])
    assert rows[1][3:] == [
        "Durable agro-écologie l’eau l’eau citoyenneté éducation développement, "
        "« agro-écologie » : l’eau",
        "55 000 euros",
    ]


def test_a_page_too_short_to_tell_reads_its_merged_regions_as_the_page_before() -> None:
    # LibreOffice prints a Word table's merged regions half a line higher per row they span.
    # Page 1 shows it (two regions fit only so); on page 2, "Rhône-Alpes" fits rows 9-12
    # plainly centred as well as rows 10-12 so: read as page 1, row 9 carries the region
    # of the page before, "Hauts-de-France", cut by the page break at its top.
    text = (LAYOUT / "shifts" / "merged-regions-over-a-page-break.docx-lo.layout.txt")
    tables = _tables(read_layout_text(text.read_text("utf-8").split("\n")))
    regions = [row.cells[1] for table in tables for row in table.rows[1:]]
    assert [cell.text for cell in regions] == [
        "Occitanie", "", "", "Bourgogne-Franche-Comté", "", "", "Hauts-de-France", "",
        "", "Rhône-Alpes", "", "",
    ]
    assert [cell.merged_from_above for cell in regions] == [
        False, True, True, False, True, True, False, True, False, False, True, True,
    ]


_BLOCK_OVER_A_BLANK = """\
Localisation                          Bénéficiaire               Homologue                    Action

Alsace-Champagne-Ardenne-Lorraine Eurométropole de               Ville de Douala (Cameroun)   Gaz
                                  Strasbourg                                                  vert

                                                                 Commune de Jacmel (Haïti)    Mer
                                                                                              côte

                                      Syndicat des eaux et de    Commune urbaine de           Eau
                                      l'assainissement           Mahajanga (Madagascar)       sain
                                      Alsace-Moselle (SDEA)

Aquitaine-Limousin-Poitou-Charentes   Conseil départemental de   Province de Kampong Thom     Sols
                                      la Gironde                 (Cambodge)                   bois
"""


def test_a_shifted_block_ending_over_a_blank_line_does_not_cut_the_table() -> None:
    # The lead glued to a long region is printed four characters left of its column; its
    # last line, alone and off the column, has a blank line under it (the row's end): it
    # goes on the lead, and the table is one table from its header on.
    tables = _tables(read_layout_text(_BLOCK_OVER_A_BLANK.split("\n")))
    assert len(tables) == 1
    rows = _texts(tables[0])
    assert rows[0] == ["Localisation", "Bénéficiaire", "Homologue", "Action"]
    assert rows[1] == [
        "Alsace-Champagne-Ardenne-Lorraine",
        "Eurométropole de Strasbourg",
        "Ville de Douala (Cameroun)",
        "Gaz vert",
    ]


_NUMBER_GLUED_TO_ITS_HEADER = """\
Projet Région française       Collectivité territoriale      Collectivité locale partenaire
                              française chef de file
1      Auvergne-Rhône-Alpes Conseil départemental de         Cercle de Niafunké (Mali)
                            l'Allier
2                             Conseil départemental de       Province de l'Uvrukhangai
                              l'Allier                       (Mongolie)
3                             Savoie Déchets                 Mairie de Verejeni (Moldavie)
4      Bretagne               Conseil régional de            Région Centre (Burkina Faso)
                              Bretagne
"""


_SHORT_BLOCKS_PRINTED_LEFT = """\
Région       Collectivité             Collectivité locale         Programme     Titre
française    territoriale française   partenaire
             chef de file
             Conseil départemental Province de Jujuy              Généraliste   Echange de
Nouvelle-    de la Vienne          (Argentine)                    2020          patrimoines
Aquitaine
             Conseil départemental Bobo Dioulasso (Burkina Généraliste          Politique
             de la Gironde         Faso)                   2020
             Angoulême                Ségou (Mali)                Généraliste   Renforcement
                                                                  2020
             Conseil régional         Province de Battambang Généraliste        Préservation
Occitanie    d'Occitanie              (Cambodge)             2020               des patrimoines
"""


def test_short_blocks_printed_left_of_their_column_make_no_column() -> None:
    # « Généraliste / 2020 » glued to a long partner is printed several characters left of
    # the programme column, twice at different places; its second line is too short to
    # reach the column: still the programme's cells, not a column of their own.
    (table,) = _tables(read_layout_text(_SHORT_BLOCKS_PRINTED_LEFT.split("\n")))
    rows = _texts(table)
    assert rows[0] == [
        "Région française", "Collectivité territoriale française chef de file",
        "Collectivité locale partenaire", "Programme", "Titre",
    ]
    assert [row[3] for row in rows[1:]] == ["Généraliste 2020"] * 4
    assert rows[2][2] == "Bobo Dioulasso (Burkina Faso)"


def test_a_region_merged_over_a_page_s_last_rows_may_be_centred_there() -> None:
    # WeasyPrint centres "Île-de-France" over rows 5 and 6, the page's last two: a merged
    # cell ending the page is not only read at its top (as LibreOffice prints one cut by the
    # page break), so it covers both rows, not row 6 alone.
    text = (LAYOUT / "shifts" / "merged-region-ending-a-page.html.layout.txt")
    tables = _tables(read_layout_text(text.read_text("utf-8").split("\n")))
    regions = [row.cells[1] for row in tables[0].rows[1:]]
    assert [cell.text for cell in regions] == ["Pays de la Loire", "", "", "", "Île-de-France", ""]
    assert [cell.merged_from_above for cell in regions] == [
        False, True, True, True, False, True,
    ]


def test_a_title_printed_left_of_its_column_starts_where_its_next_line_starts() -> None:
    # Two titles are printed six characters left of their column, glued to the partner:
    # a lowercase word of the title lies nearer the column ("l'accès", "égalité"), but a
    # cell's lines start together, and the title's next line starts under "L'accès" and
    # "Durable": the title starts there.
    text = (LAYOUT / "shifts" / "title-block-printed-left.word.layout.txt")
    rows = _texts(_tables(read_layout_text(text.read_text("utf-8").split("\n")))[0])
    by_lead = {row[0]: row[1:3] for row in rows}
    assert by_lead["Syndicat mixte du Jacmel"] == [
        "Commune de Saint-Louis (Arménie), Province de Thiès (Burkina Faso), "
        "Municipalité de Saint-Étienne (Vietnam)",
        "L'accès l'accès économie citoyenneté rurale éducation rurale mobilité déchets",
    ]
    assert by_lead["Syndicat mixte du Ziguinchor, Commune de Erevan"] == [
        "Commune de Saint-Louis",
        "Durable égalité l’eau coopération patrimoine, « égalité » : l’eau",
    ]


_TITLE_CAPITAL_LEFT = """\
Collectivité territoriale Collectivité partenaire         Titre du projet
Ville de Saint-Étienne      Cercle de Kpalimé             Coopération citoyenneté mobilité
                            (Sénégal), Ville de Évreux    énergie éducation éducation l'accès
                            (Sénégal), Ville de           agro-écologie égalité territoires durable
                            Kpalimé (Arménie)             l’eau rurale jeunesse
Communauté de               Commune de Ségou              Agro-écologie patrimoine mobilité
communes du Fès et          (Haïti), Ville de Ségou
Région Ségou                (Sénégal)
Conseil départemental       Commune de Saint-Louis Économie égalité
de Saint-Étienne,           (Maroc)
Syndicat mixte du
Nîmes
"""


def test_a_title_glued_to_the_partner_starts_at_its_capital_not_at_a_word_going_on() -> None:
    # "Économie égalité" is printed seven characters left of the titles, a space after the
    # partner: "égalité" starts nearer the column, but a word going on a cell opens no
    # cell's first line; the title starts at the capital after the partner's place name.
    rows = _texts(_tables(read_layout_text(_TITLE_CAPITAL_LEFT.split("\n")))[0])
    assert rows[3][1:] == ["Commune de Saint-Louis (Maroc)", "Économie égalité"]


_DE_AFTER_A_LEAD_LIST = """\
N°    Région                  Collectivité           Collectivité
                              territoriale           partenaire
1     Auvergne-Rhône-Alpes Commune de Évreux, Région de Évreux
                           Métropole de       (Burkina Faso)
                           L'Haÿ-les-Roses
2     Grand Est               Région Saint-Étienne   District de L’Isle-Adam
                                                     (Arménie), Municipalité
                                                     de Hué (Burkina Faso),
                                                     Province de Thiès
                                                     (Arménie)
3                             Conseil                Province de Erevan
                              départemental de
                              L’Isle-Adam, Région
                              Annecy
"""


def test_a_partner_cut_on_de_takes_its_type_word_after_a_lead_list_comma() -> None:
    # The lead's line ends with "Évreux," (its list goes on below) and the partner "Région
    # de Évreux" is glued to it, "de" at the partners' column: a name never starts with
    # "de", so "Région" before it opens the partner, comma or not; the first row is a body
    # row, not the header's next line.
    rows = _texts(_tables(read_layout_text(_DE_AFTER_A_LEAD_LIST.split("\n")))[0])
    assert rows[0] == ["N°", "Région", "Collectivité territoriale", "Collectivité partenaire"]
    assert rows[1] == [
        "1", "Auvergne-Rhône-Alpes", "Commune de Évreux, Métropole de L'Haÿ-les-Roses",
        "Région de Évreux (Burkina Faso)",
    ]


def test_a_line_starting_where_a_cell_printed_left_starts_goes_on_that_cell() -> None:
    # The first lead is printed five characters left of its column, glued to the region;
    # its next line "de Annecy" starts where it starts, inside the region's column: that
    # line goes on the lead, whole, not cut at "Annecy" nearer the leads' column.
    text = (LAYOUT / "shifts" / "lead-block-printed-left.grid.layout.txt")
    rows = _texts(_tables(read_layout_text(text.read_text("utf-8").split("\n")))[0])
    assert rows[1][:2] == ["Auvergne-Rhône-Alpes", "Commune de Nîmes et Commune de Annecy"]
    assert rows[2][:2] == ["Centre-Val de Loire", "Commune de L'Haÿ-les-Roses et Commune de Annecy"]


_PUSHED_FAR_LEFT = """\
Projet Région         Collectivité territoriale        Collectivité partenaire     Titre du projet
                      chef de file
1      Guadeloupe     Région Guadeloupe                Département du Nord-Est     Appui café
                                                       (Haïti)
2                     Ville de Pointe-à-Pitre          Ville de Roseau             Prévention des
                                                       (Dominique)                 quartiers
3      La Réunion     Conseil départemental de Région Atsinanana         Coopération régionale
                      La Réunion               (Madagascar), Gouvernorat materno-infantile
                                               de Mohéli (Comores)
4      Mayotte        Conseil départemental de Île d'Anjouan (Comores)             Formation
                      Mayotte
5      Martinique     Collectivité territoriale de     Commune de Jacmel           Reconstruction
                      Martinique                       (Haïti)
"""


def test_a_title_pushed_far_left_by_a_long_partner_keeps_its_column_and_cell() -> None:
    # Row 3's lead and partner collide and push the title fifteen characters left of its
    # column, its next line glued to the partner's: the title column is still found, and the
    # title keeps both its lines.
    (table,) = _tables(read_layout_text(_PUSHED_FAR_LEFT.split("\n")))
    rows = _texts(table)
    assert rows[0][4] == "Titre du projet"
    assert rows[3][3:] == [
        "Région Atsinanana (Madagascar), Gouvernorat de Mohéli (Comores)",
        "Coopération régionale materno-infantile",
    ]
    assert [row[4] for row in rows[1:]] == [
        "Appui café", "Prévention des quartiers", "Coopération régionale materno-infantile",
        "Formation", "Reconstruction",
    ]


_QUOTE_UNDER_A_GLUED_AMOUNT = """\
Collectivité partenaire    Titre du projet                                     Montant
Commune de Nîmes           Mobilité citoyenneté agro-écologie coopération     60 500 euros
                           mobilité durable mobilité jeunesse déchets égalité
                           rurale éducation
Ville de Mbour             L’eau agro-écologie citoyenneté santé               55.000 €
                           citoyenneté femmes-hommes l'accès agro-
                           écologie culture l’eau durable mobilité
Ville de Kpalimé           L’eau culture économie énergie énergie, « culture   16.039 €
                           » : économie
Région de Annecy           Économie éducation patrimoine économie l'accès 2 000 €
                           culture culture énergie mobilité patrimoine durable
                           coopération coopération formation, « éducation »
                           : patrimoine
Région de Montélimar       Déchets déchets patrimoine jeunesse mobilité        11.250 €
                           patrimoine, « déchets » : patrimoine
"""


def test_a_closing_quote_under_an_amount_printed_left_stays_with_its_title() -> None:
    # "2 000 €" is glued to its title, left of the amounts; two lines below, the title's
    # closing "»" lies where that amount starts: French spaces it from its word, but it
    # closes the title's phrase, it is no line of the amount's cell.
    rows = _texts(_tables(read_layout_text(_QUOTE_UNDER_A_GLUED_AMOUNT.split("\n")))[0])
    assert rows[4][1:] == [
        "Économie éducation patrimoine économie l'accès culture culture énergie mobilité "
        "patrimoine durable coopération coopération formation, « éducation » : patrimoine",
        "2 000 €",
    ]


def test_a_lead_line_ending_in_du_does_not_make_a_column_of_partners_printed_left() -> None:
    # Two partners are printed a few characters left of their column, after leads whose
    # lines end in "… mixte du": that "du" lies where a column of those two lines would
    # start, but a lowercase word there is a glued cell's next line only where many lines
    # start; the partners stay in the partners' column.
    text = LAYOUT / "shifts" / "partners-printed-left-under-a-lead-ending-du.word.layout.txt"
    rows = _texts(_tables(read_layout_text(text.read_text("utf-8").split("\n")))[0])
    assert rows[0] == [
        "N°", "Collectivité territoriale", "Collectivité partenaire", "Titre du projet", "Montant",
    ]
    assert rows[1][1:3] == [
        "Syndicat mixte du Kpalimé, Ville de Évreux", "District de Saint-Étienne",
    ]
    assert rows[2][1:3] == ["Commune de Saint-Louis, Syndicat mixte du Hué", "District de Évreux"]


_LETTERHEAD_OVER_OTHER_WORDS = """\
RÉPUBLIQUE FRANÇAISE
Liberté
Égalité
Fraternité
Ministère de l'Europe et des Affaires étrangères
Implantation                 Maître d'ouvrage           Jumelage                       Libellé
                                                                                       changement cl
                                                                                       prévention d
                                                                                       d'inondation
                                                        Province du Hubei (Chine)      Transition é
                                                                                       éclairage pu
                                                        Préfecture d'Ishikawa          Santé commu
                                                        (Japon)                        prévention e
                            Conseil départemental de
                                                                                       soins de prox
                            l'Aude
                                                        Ville de Tbilissi (Géorgie),   Adaptation a
                                                        Commune de Chefchaouen         climatique et
                                                        (Maroc)                        des risques d
                                                                                       gestion inté
                                                                                       déchets mén
                                                                                       source et val
                                                        Commune de Jacmel              Santé commun
                                                        (Haïti)                        prévention
                                                                                       soins de prox
                            Conseil départemental de
"""


def test_a_letterhead_over_a_header_in_other_words_is_no_part_of_the_table() -> None:
    # A Word document's page header (« RÉPUBLIQUE FRANÇAISE … Ministère … ») printed right
    # above the repeated header row, whose words are outside the vocabulary; the leads below
    # are merged cells whose lines come between their neighbours' rows. What the rows hold
    # tells the header, and the lines above it are a heading, not header cells. (Titles cut
    # at the hundredth character.)
    lines = _LETTERHEAD_OVER_OTHER_WORDS.split("\n")
    document = read_layout_text(lines)
    (table,) = _tables(document)
    assert _texts(table)[0][:3] == ["Implantation", "Maître d'ouvrage", "Jumelage"]
    assert _texts(table)[1][1] == "Conseil départemental de l'Aude"


_PARTNER_MID_LEAD_COLUMN = """\
      Collectivité           Collectivité
 N°                                               Titre du projet                       Montant
      territoriale           partenaire
      Syndicat mixte du
                             District de Saint-
 1    Kpalimé, Ville de                           L'accès l'accès                       16 250 €
                             Étienne
      Évreux
      Commune de Saint-
 2    Louis, Syndicat        District de Évreux   L’eau femmes-hommes                   24 250 €
      mixte du Hué
                                                  Rurale santé mobilité déchets rurale
      Syndicat mixte du                           patrimoine économie éducation
 3                           Région de Annecy                                          70.250 €
      Besançon                                    éducation jeunesse femmes-
                                                  hommes l’eau
                                                  Santé territoires femmes-hommes
                                                  agro-écologie déchets patrimoine     74 250
 4    Ville de L’Isle-Adam   District de Mbour
                                                  formation l'accès l’eau l’eau        euros
                                                  jeunesse coopération l'accès déchets
      Syndicat mixte du                           Économie égalité énergie formation
 5    Saint-Louis et Ville   Province de Hué      coopération mobilité déchets, «    63.250 €
      de Fès                                      égalité » : énergie
                                                                                        70 250
 6    Ville de Erevan        Commune de Erevan    Égalité développement déchets
                                                                                        euros
      Syndicat mixte du
                                                  L’eau économie patrimoine             30 250
 7    Kpalimé, Ville de      Ville de Kpalimé
                                                  développement l'accès                 euros
      Évreux
                                                  Rurale femmes-hommes patrimoine
      Communauté de
                                                  jeunesse économie patrimoine
      communes du L'Haÿ-                                                          78 500
 8                       District de Thiès        territoires développement santé
      les-Roses, Commune                                                          euros
                                                  énergie agro-écologie femmes-
      de Thiès
                                                  hommes l'accès femmes-hommes
"""


def test_a_partner_printed_left_into_the_leads_middle_keeps_its_column() -> None:
    # Row 8's partner "District de Thiès" is printed four characters left of the partners,
    # alone on its line, in the middle of the leads' column: a cell starts at its column's
    # left edge and a type word opens one, so it is the partner's cell, not the lead's.
    rows = _texts(_tables(read_layout_text(_PARTNER_MID_LEAD_COLUMN.split("\n")))[0])
    assert rows[8][:3] == [
        "8", "Communauté de communes du L'Haÿ-les-Roses, Commune de Thiès", "District de Thiès",
    ]


_NUMBER_GLUED_ON_A_CENTRED_HEADER = """\
                              Collectivité
Projet Région française       territoriale française         Collectivité locale partenaire
                              chef de file
1      Auvergne-Rhône-Alpes Conseil départemental de         Cercle de Niafunké (Mali)
                            l'Allier
2                             Conseil départemental de       Province de l'Uvrukhangai
                              l'Allier                       (Mongolie)
3                             Savoie Déchets                 Mairie de Verejeni (Moldavie)
4      Bretagne               Conseil régional de            Région Centre (Burkina Faso)
                              Bretagne
"""


@pytest.mark.parametrize(
    "text", [_NUMBER_GLUED_TO_ITS_HEADER, _NUMBER_GLUED_ON_A_CENTRED_HEADER], ids=["top", "centred"]
)
def test_a_header_cell_glued_to_the_numbers_header_keeps_its_column(text: str) -> None:
    # « Projet Région française »: the narrow numbers column's header runs into the region's
    # a single space apart, on the table's top line or, the header centred, on its second
    # (« Collectivité » alone above); the region column starts where « Région » does.
    tables = _tables(read_layout_text(text.split("\n")))
    assert len(tables) == 1
    rows = _texts(tables[0])
    assert rows[0][:2] == ["Projet", "Région française"]
    assert [row[:2] for row in rows[1:]] == [
        ["1", "Auvergne-Rhône-Alpes"], ["2", ""], ["3", ""], ["4", "Bretagne"],
    ]


_REGIONS_CENTRED_BACK_TO_BACK = """\
Ligne Zone                   Structure                     Homologue                   Destination
1                            Ville de Chambéry             Commune de Ouahigouya       Burkina Faso
         Auvergne-
2        Rhône-Alpes         Conseil départemental de la   Commune de Dogbo, Commune   Bénin, Togo
                             Savoie                        de Kpalimé
3        Grand Est           Eurométropole de Metz         Ville de Trèves             Allemagne
4        Hauts-de-           Département du Pas-de-Calais Province de Kénitra          Maroc
5        France              Ville de Roubaix              Ville de Bouaké             Côte d'Ivoire
6                            Région Réunion                Région Diana, Île Maurice   Madagascar,
         La Réunion
                                                                                       Maurice
7        Occitanie           Ville de Montpellier          Ville de Fès                Maroc
"""


def test_a_region_named_whole_ends_its_merged_cell_before_the_next_region() -> None:
    # « Grand Est » (one row) and « Hauts-de- / France » (centred over two rows) come on
    # back-to-back lines, the header in words outside the vocabulary: a line naming a region
    # whole ends its cell, so the next region's lines start their own; a region wrapped at
    # its hyphen (« Auvergne- / Rhône-Alpes ») stays one cell.
    (table,) = _tables(read_layout_text(_REGIONS_CENTRED_BACK_TO_BACK.split("\n")))
    regions = [row.cells[1] for row in table.rows[1:]]
    assert [cell.text for cell in regions] == [
        "Auvergne-Rhône-Alpes", "", "Grand Est", "Hauts-de-France", "", "La Réunion", "Occitanie",
    ]
    assert [cell.merged_from_above for cell in regions] == [
        False, True, False, False, True, False, False,
    ]
