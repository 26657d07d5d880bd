"""Column roles from the cells: profiles, the best assignment, heads read from content, short
rows realigned, and the countries a per-row programme or the title implies."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from aap_parser import parse_text
from aap_parser.layout.content import ROLES as ALL_ROLES
from aap_parser.layout.content import (
    _best_roles,
    assign_roles,
    head_from_content,
    profile,
    realign,
    settle_roles,
)
from aap_parser.models import Role
from aap_parser.values.calls import bilateral_country

BODY = [
    ("1", "Bretagne", "Ville de Rennes", "Commune de Sfax (Tunisie)",
     "Gestion des déchets ménagers dans la médina", "30 000 €"),
    ("2", "Occitanie", "Conseil départemental de l'Hérault", "Province d'Al Haouz",
     "Tourisme rural et patrimoine des vallées de l'Atlas", "12 500 €"),
    ("3", "Grand Est", "Eurométropole de Strasbourg", "Ville de Douala (Cameroun)",
     "Valorisation du biogaz et formation des agents", "9 000 €"),
]
ROLES = ("number", "region", "lead", "partners", "title", "amount")


def test_profiles_tell_cells_apart() -> None:
    assert profile("Nouvelle-Aquitaine").fits["region"] == 1.0
    assert profile("Aquitaine-Limousin-Poitou-Charentes").fits["region"] == 1.0
    assert profile("Région Bretagne").fits["region"] == 0.0
    assert profile("Région Bretagne").fits["lead"] == 1.0
    assert profile("Cercle de Niafunké (Mali)").fits["partners"] == 1.0
    assert profile("Commune de Ouahigouya").fits["lead"] == 0.0
    assert profile("Commune de Ouahigouya").fits["partners"] >= 0.8
    assert profile("Burkina Faso, Togo").fits["country"] == 1.0
    assert profile("45.000 €").fits["amount"] == 1.0
    assert profile("Franco-palestinien 2025").fits["programme"] == 1.0
    assert profile("Guadeloupe").fits["country"] == 0.0


def test_unknown_header_words_take_their_role_from_the_cells() -> None:
    headers = ("Dossier", "Zone", "Maître d'ouvrage", "Collectivité étrangère", "Libellé",
               "Aide accordée")
    assert assign_roles(headers, BODY).roles == ROLES
    roles, notes = settle_roles(headers, BODY)
    assert roles == ROLES
    assert ("column-role", "column 3 \"Maître d'ouvrage\" read as lead from its cells") in notes


def test_cells_overrule_a_header_they_contradict() -> None:
    headers = ("Projet", "Région", "Collectivité", "Partenaire", "Description", "Montant")
    assignment = assign_roles(headers, BODY)
    assert assignment.roles == ROLES
    assert 0 in assignment.from_content  # "Projet" holds row numbers, not titles


def test_each_key_role_is_given_once() -> None:
    headers = ("Partenaire",) * 6
    roles = assign_roles(headers, BODY).roles
    assert roles.count("partners") == 1
    assert roles[3] == "partners"


def test_first_row_of_unknown_words_is_a_header() -> None:
    head = head_from_content([("N", "Zone", "Structure", "Homologue", "Action", "Crédits"), *BODY])
    assert head is not None
    assert head.index == 0
    assert head.roles == ROLES


def test_without_header_row_the_first_row_is_data() -> None:
    head = head_from_content(BODY)
    assert head is not None
    assert head.index is None
    assert head.roles == ROLES
    assert [code for code, _ in head.notes] == ["header-missing"]


def test_cells_that_make_no_laureates_table_give_no_head() -> None:
    assert head_from_content([("Date", "Lieu"), ("12 mars", "Paris"), ("3 mai", "Lyon")]) is None


def test_short_row_leaves_out_the_carried_region() -> None:
    row = ("2", "Ville de Brest", "Commune de Sfax (Tunisie)", "Eau potable et assainissement",
           "10 000 €")
    assert realign(row, ROLES, has_above=True) == (0, 2, 3, 4, 5)


def test_short_row_never_shifts_a_title_into_the_amount_column() -> None:
    row = ("Bretagne", "Ville de Brest", "Commune de Sfax (Tunisie)",
           "Eau potable et assainissement")
    roles = ("region", "lead", "partners", "title", "amount")
    assert realign(row, roles, has_above=True) == (0, 1, 2, 3)


def test_short_row_without_row_above_is_read_left_to_right() -> None:
    row = ("Grand Est", "Eurométropole de Strasbourg")
    assert realign(row, ("region", "lead", "partners", "title"), has_above=False) == (0, 1)


HEADING = "Paris, le 3 mars 2025\n\nLauréats de l'appel à projets 2025\n\n"


def test_programme_column_implies_the_partner_country() -> None:
    text = HEADING + "\n".join([
        "| Territoire | Structure | Homologue | Guichet | Action |",
        "| Bretagne | Ville de Rennes | Municipalité de Naplouse | Franco-palestinien 2025 | "
        "Lecture publique pour la jeunesse |",
        "| Occitanie | Ville de Toulouse | Commune de Sfax | Franco-tunisien 2025 | "
        "Gestion de l'eau en milieu urbain |",
        "| Grand Est | Ville de Metz | Ville de Trèves (Allemagne) | Jeunesse 2025 | "
        "Mobilité des jeunes européens |",
    ]) + "\n"
    laureates = parse_text(text).laureates
    got = [(p.country_code, p.country_from) for x in laureates for p in x.partners]
    assert got == [("PS", "row"), ("TN", "row"), ("DE", "cell")]


def test_no_country_is_guessed_from_a_partner_name() -> None:
    text = HEADING + "\n".join([
        "| Territoire | Structure | Homologue | Action |",
        "| Bretagne | Ville de Rennes | Municipalité de Naplouse | Lecture publique |",
        "| Occitanie | Ville de Toulouse | Commune de Sfax | Gestion de l'eau potable |",
    ]) + "\n"
    partners = [p for x in parse_text(text).laureates for p in x.partners]
    assert [(p.name, p.country, p.country_from) for p in partners] == [
        ("Municipalité de Naplouse", None, None), ("Commune de Sfax", None, None)]


def test_title_naming_one_country_implies_it() -> None:
    assert bilateral_country("Coopération décentralisée au Liban 2021") == ("Liban", "LB")
    assert bilateral_country("Fonds conjoint franco-marocain 2019") == ("Maroc", "MA")
    assert bilateral_country("Projets en Côte d'Ivoire") == ("Côte d'Ivoire", "CI")
    assert bilateral_country("Projets au Sénégal et au Mali") is None
    assert bilateral_country("Appel en soutien à l'action extérieure") is None
    assert bilateral_country("Projets en France") is None


def test_left_over_rows_above_a_header_of_unknown_words_are_dropped() -> None:
    header = ("Réf", "Zone", "Structure", "Homologue", "Action", "Crédits")
    for above in [("Colonne1", "Colonne2", "Colonne3", "Colonne4", "Colonne5", "Colonne6"),
                  ("",) * 6]:
        head = head_from_content([above, header, *BODY])
        assert head is not None
        assert (head.index, head.columns, head.roles) == (1, header, ROLES)


def test_bare_foreign_place_names_are_partners_without_header() -> None:
    rows = [("Bretagne", "Ville de Rennes", "Ségou", "Eau potable et assainissement rural"),
            ("Occitanie", "Ville de Nîmes", "Tyr", "Patrimoine et tourisme durable")]
    head = head_from_content(rows)
    assert head is not None
    assert head.roles == ("region", "lead", "partners", "title")


def test_a_lone_row_of_header_words_is_no_laureate() -> None:
    assert head_from_content([("N°", "Collectivité française", "Collectivité partenaire",
                               "Intitulé du", "projet", "Montant")]) is None


def test_one_row_does_not_overrule_the_header_wording() -> None:
    # A lead named after a foreign town, a partner named like a French commune (a town of
    # one name may be both): one row says too little to swap the columns its header names.
    headers = ("Collectivité territoriale", "Collectivité partenaire", "Titre du projet")
    body = [("Conseil départemental de Ziguinchor", "Commune de Saint-Étienne",
             "Coopération énergie formation")]
    assert assign_roles(headers, body).roles == ("lead", "partners", "title")
    # Three rows saying so do overrule it (the header printed in the wrong order).
    rows = [
        ("Commune de Sfax (Tunisie)", "Ville de Rennes", "Gestion des déchets ménagers"),
        ("Province d'Al Haouz (Maroc)", "Conseil départemental de l'Hérault", "Tourisme rural"),
        ("Ville de Douala (Cameroun)", "Eurométropole de Strasbourg", "Valorisation du biogaz"),
    ]
    assert assign_roles(headers, rows).roles == ("partners", "lead", "title")


def _every_role_tried(scores: list[dict[Role | None, float]]) -> list[Role | None]:
    """The plain search: every role tried in every column, the first best kept."""
    best: dict[int, float] = {0: 0.0}
    steps: list[dict[int, tuple[int, Role | None]]] = []
    for column in scores:
        nxt: dict[int, float] = {}
        back: dict[int, tuple[int, Role | None]] = {}
        for used, total in best.items():
            for role, value in column.items():
                bit = 0 if role is None else 1 << ALL_ROLES.index(role)
                if used & bit:
                    continue
                held = nxt.get(used | bit)
                if held is None or total + value > held:
                    nxt[used | bit] = total + value
                    back[used | bit] = (used, role)
        best = nxt
        steps.append(back)
    key = max(best, key=best.__getitem__)
    chosen: list[Role | None] = []
    for back in reversed(steps):
        key, role = back[key]
        chosen.append(role)
    return chosen[::-1]


_VALUE = st.sampled_from(
    [0.0, 0.1, 0.2, 0.3, 0.5, 0.6, 0.8, 1.0, 1.6, 0.1 + 0.2, math.nextafter(0.3, 0), 1 / 3]
)


@given(st.lists(
    st.tuples(st.lists(_VALUE, min_size=len(ALL_ROLES), max_size=len(ALL_ROLES)),
              st.sampled_from([0.3, 0.5])),
    max_size=7,
))
def test_the_role_search_gives_what_trying_every_role_gives(
    columns: list[tuple[list[float], float]],
) -> None:
    # Ties are frequent (equal values, sums rounded alike): the same one must win.
    scores: list[dict[Role | None, float]] = [
        {**dict(zip(ALL_ROLES, values, strict=True)), None: extra} for values, extra in columns
    ]
    assert _best_roles(scores) == _every_role_tried(scores)
