"""Hypothesis strategy for random announcement specs (round-trip property tests).

``announcement_specs()`` draws an :class:`AnnouncementSpec` that can be rendered by every style
and has exactly one correct reading. The constraints that keep it unambiguous:

* names are made of words with accents, apostrophes (' and ’), inner hyphens ("Saint-Jean") and,
  in titles only, commas, colons and « »; no tabs, pipes, double spaces, leading/trailing spaces,
  and no word ending in a hyphen (a wrapped line ending in "-" joins without a space);
* a lead cell holds one lead, or two joined by ", " or " et "; a lead name never contains ", "
  nor " et " itself, nor parentheses;
* a partner cell holds 1-3 partners each followed by its country in parentheses, joined by
  ", "; or a single partner without a country (then no country is expected, or, in a bilateral
  call, the call's country); partner names contain no commas and no parentheses;
* region groups have 1-4 rows, the region is printed on the group's first row only, and two
  consecutive groups have different regions; a lead is carried over only inside its region group
  (``merge`` includes "lead") and never on a group's first row;
* amounts are whole euros printed "30 000", "30 000 €", "30.000 €" or "30 000 euros";
* the header comes from fixed realistic lines, so the expected header is known exactly.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from .spec import (
    AnnouncementSpec,
    CallSpec,
    HeaderSpec,
    PartnerSpec,
    RenderSpec,
    Role,
    RowSpec,
    TableSpec,
    check_spec,
)

REGIONS = [
    "Auvergne-Rhône-Alpes",
    "Bourgogne-Franche-Comté",
    "Bretagne",
    "Centre-Val de Loire",
    "Corse",
    "Grand Est",
    "Hauts-de-France",
    "Île-de-France",
    "Normandie",
    "Nouvelle-Aquitaine",
    "Occitanie",
    "Pays de la Loire",
    "Provence-Alpes-Côte d'Azur",
    "Guadeloupe",
    "La Réunion",
    "Rhône-Alpes",
    "Midi-Pyrénées",
]
COUNTRIES = [
    ("Mali", "ML"),
    ("Sénégal", "SN"),
    ("Bénin", "BJ"),
    ("Burkina Faso", "BF"),
    ("Madagascar", "MG"),
    ("Vietnam", "VN"),
    ("Haïti", "HT"),
    ("Maroc", "MA"),
    ("Côte d'Ivoire", "CI"),
    ("Arménie", "AM"),
    ("Chili", "CL"),
    ("Liban", "LB"),
]
LEAD_KINDS = [
    "Ville de",
    "Conseil départemental de",
    "Commune de",
    "Communauté de communes du",
    "Région",
    "Métropole de",
    "Syndicat mixte du",
]
PARTNER_KINDS = [
    "Commune de",
    "Ville de",
    "Province de",
    "Cercle de",
    "Région de",
    "Municipalité de",
    "Gouvernorat de",
    "District de",
]
PLACES = [
    "Saint-Étienne",
    "L'Haÿ-les-Roses",
    "Montélimar",
    "Évreux",
    "Besançon",
    "Annecy",
    "Mbour",
    "Ségou",
    "Thiès",
    "Kpalimé",
    "Hué",
    "Jacmel",
    "Fès",
    "Tyr",
    "Ziguinchor",
    "Aïn Draham",
    "Saint-Louis",
    "Erevan",
    "Bobo Dioulasso",
    "L’Isle-Adam",
    "Nîmes",
]
TITLE_WORDS = [
    "développement",
    "coopération",
    "l'accès",
    "l’eau",
    "santé",
    "éducation",
    "jeunesse",
    "égalité",
    "femmes-hommes",
    "patrimoine",
    "déchets",
    "agro-écologie",
    "mobilité",
    "formation",
    "culture",
    "énergie",
    "territoires",
    "rurale",
    "durable",
    "économie",
    "citoyenneté",
]
HEADERS = [  # (ministry, direction lines, delegation lines)
    (
        None,
        (
            "Direction générale de la mondialisation,",
            "de la culture, de l'enseignement",
            "et du développement international",
        ),
        ("Délégation pour l'action extérieure des", "collectivités territoriales"),
    ),
    (
        "Ministère de l'Europe et des Affaires étrangères",
        ("Direction générale de la mondialisation,", "du développement et des partenariats"),
        ("Délégation pour les collectivités territoriales", "et la société civile"),
    ),
]
CALLS = [  # (title, call)
    (
        "Lauréats de l'AAP biennal en soutien à la coopération décentralisée « Généraliste "
        "2020-2021 »",
        CallSpec("Généraliste", "biennal", 2020, 2021),
    ),
    (
        "Appel à projets « Climat et développement durable » 2019 : liste des lauréats",
        CallSpec("Climat et développement durable", None, 2019, 2019),
    ),
    (
        "Lauréats de l'appel à projets franco-sénégalais 2021",
        CallSpec("franco-sénégalais", None, 2021, 2021, "Sénégal", "SN"),
    ),
]
DATES = [
    ("Paris, le 1er juillet 2019", "2019-07-01"),
    ("Paris, le 23/06/2020", "2020-06-23"),
    ("Paris, le 14 décembre 2022", "2022-12-14"),
]


FRENCH_LEADS = [
    "Ville de Besançon",
    "Commune d'Annecy",
    "Conseil départemental de la Gironde",
    "Région Bretagne",
    "Conseil régional d'Occitanie",
    "Métropole de Lyon",
    "Eurométropole de Strasbourg",
    "Communauté de communes du Val de Ligne",
    "Ville de Nîmes",
    "Syndicat mixte du bassin de la Sèvre",
]
"""Real French authorities, for specs whose leads and partners must be told apart by content."""
FOREIGN_PLACES = [p for p in PLACES if p in (
    "Mbour", "Ségou", "Thiès", "Kpalimé", "Hué", "Jacmel", "Fès", "Tyr", "Ziguinchor",
    "Aïn Draham", "Erevan", "Bobo Dioulasso",
)]


def _place() -> st.SearchStrategy[str]:
    return st.sampled_from(PLACES)


@st.composite
def _lead_cell(draw: st.DrawFn, realistic: bool = False) -> tuple[str, tuple[str, ...]]:
    """A lead cell and the leads it names (one, or two joined by ', ' / ' et ')."""
    names = [
        draw(st.sampled_from(FRENCH_LEADS))
        if realistic
        else f"{draw(st.sampled_from(LEAD_KINDS))} {draw(_place())}"
        for _ in range(draw(st.integers(1, 2)))
    ]
    if len(names) == 1:
        return names[0], (names[0],)
    joiner = draw(st.sampled_from([", ", " et "]))
    return joiner.join(names), tuple(names)


@st.composite
def _partner_cell(
    draw: st.DrawFn, bilateral: CallSpec | None, realistic: bool = False
) -> tuple[str, tuple[PartnerSpec, ...]]:
    """A partner cell and the partners it names (see the module's constraints)."""
    with_country = bilateral is None and draw(st.booleans())
    n = draw(st.integers(1, 3)) if with_country else 1
    places = st.sampled_from(FOREIGN_PLACES) if realistic else _place()
    names = [f"{draw(st.sampled_from(PARTNER_KINDS))} {draw(places)}" for _ in range(n)]
    if with_country:
        countries = [draw(st.sampled_from(COUNTRIES)) for _ in range(n)]
        cell = ", ".join(f"{nm} ({c})" for nm, (c, _) in zip(names, countries, strict=True))
        return cell, tuple(
            PartnerSpec(nm, c, code, "cell") for nm, (c, code) in zip(names, countries, strict=True)
        )
    if bilateral is not None:
        country, code = bilateral.bilateral_country, bilateral.bilateral_country_code
        return names[0], (PartnerSpec(names[0], country, code, "call"),)
    return names[0], (PartnerSpec(names[0], None, None, None),)


@st.composite
def _title(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(TITLE_WORDS), min_size=2, max_size=14))
    title = " ".join(words).capitalize()
    if draw(st.booleans()) and len(words) > 3:
        title = f"{title}, « {words[1]} » : {words[2]}"
    return title


@st.composite
def _amount(draw: st.DrawFn) -> tuple[str, Decimal]:
    thousands = draw(st.integers(1, 99))
    units = draw(st.sampled_from([0, 500, 250, 39]))
    value = thousands * 1000 + units
    fmt = draw(st.sampled_from(["{} {:03d}", "{} {:03d} €", "{}.{:03d} €", "{} {:03d} euros"]))
    return fmt.format(thousands, units), Decimal(value)


@st.composite
def _table(draw: st.DrawFn, call: CallSpec, realistic: bool = False) -> TableSpec:
    bilateral = call if call.bilateral_country else None
    has_region = draw(st.booleans())
    has_amount = draw(st.booleans())
    has_number = draw(st.booleans())
    merge_lead = has_region and draw(st.booleans())
    wanted: list[tuple[Role, bool]] = [
        ("number", has_number),
        ("region", has_region),
        ("lead", True),
        ("partners", True),
        ("title", True),
        ("amount", has_amount),
    ]
    roles = [role for role, present in wanted if present]
    names = {
        "number": "N°",
        "region": "Région",
        "lead": "Collectivité territoriale",
        "partners": "Collectivité partenaire",
        "title": "Titre du projet",
        "amount": "Montant",
    }
    rows: list[RowSpec] = []
    previous_region = None
    for _ in range(draw(st.integers(1, 5))):
        region = draw(st.sampled_from([r for r in REGIONS if r != previous_region]))
        previous_region = region
        for gi in range(draw(st.integers(1, 4))):
            carry_lead = merge_lead and gi > 0 and draw(st.booleans())
            lead_cell, leads = ("", None) if carry_lead else draw(_lead_cell(realistic))
            partner_cell, partners = draw(_partner_cell(bilateral, realistic))
            cells: dict[str, str] = {
                "number": str(len(rows) + 1),
                "region": region if gi == 0 else "",
                "lead": lead_cell,
                "partners": partner_cell,
                "title": draw(_title()),
            }
            amount_eur = None
            if has_amount:
                cells["amount"], amount_eur = draw(_amount())
            rows.append(
                RowSpec(
                    cells=tuple(cells[r] for r in roles),
                    leads=leads,
                    partners=partners,
                    amount_eur=amount_eur,
                )
            )
    merge: tuple[Role, ...] = (
        ("region", "lead") if merge_lead else ("region",) if has_region else ()
    )
    return TableSpec(
        columns=tuple(names[r] for r in roles), roles=tuple(roles), rows=tuple(rows), merge=merge
    )


@st.composite
def announcement_specs(draw: st.DrawFn, realistic: bool = False) -> AnnouncementSpec:
    """A random, unambiguous announcement spec (constraints in the module docstring).

    ``realistic`` draws leads among real French authorities and partners among foreign places,
    so that a reader can tell the two columns apart from their cells alone.
    """
    ministry, direction, delegation = draw(st.sampled_from(HEADERS))
    title, call = draw(st.sampled_from(CALLS))
    date_line, date = draw(st.sampled_from(DATES))
    header = HeaderSpec(
        direction=direction,
        delegation=delegation,
        date_line=date_line,
        title=title,
        place="Paris",
        date=date,
        call=call,
        ministry=ministry,
    )
    table = draw(_table(call, realistic))
    render = RenderSpec(
        styles=("word", "grid", "borderless"),
        font=draw(st.sampled_from(["Helvetica", "Times-Roman", "Vera"])),
        size=draw(st.sampled_from([8.0, 9.0, 10.0])),
        landscape=len(table.columns) >= 6,
        pipe_outer=True,
    )
    spec = AnnouncementSpec(name="random", header=header, tables=(table,), render=render)
    check_spec(spec)
    return spec
