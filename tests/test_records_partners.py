"""Partner cells split into foreign authorities with their countries."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aap_parser.grid import join_lines
from aap_parser.models import CountrySource, Partner
from aap_parser.records.partners import pair_countries, split_partners


def _p(name: str, country: str | None = None, code: str | None = None) -> Partner:
    source: CountrySource | None = "cell" if country is not None else None
    return Partner(name=name, country=country, country_code=code, country_from=source)


@pytest.mark.parametrize(
    ("text", "partners"),
    [
        (
            "Région centrale (Togo), Borgou (Bénin)",
            [_p("Région centrale", "Togo", "TG"), _p("Borgou", "Bénin", "BJ")],
        ),
        (
            "Douala (Cameroun), Hyderabad (Inde)",
            [_p("Douala", "Cameroun", "CM"), _p("Hyderabad", "Inde", "IN")],
        ),
        # Caldas is a Colombian department (ISO 3166-2): a place and its province, no guess.
        ("Manizales, Caldas (Colombie)", [_p("Manizales, Caldas", "Colombie", "CO")]),
        (
            "Commune de Sokodé, Commune de Bafilo (Togo)",
            [_p("Commune de Sokodé", "Togo", "TG"), _p("Commune de Bafilo", "Togo", "TG")],
        ),
        (
            "Commune de Sokodé et Commune de Bafilo (Togo)",
            [_p("Commune de Sokodé", "Togo", "TG"), _p("Commune de Bafilo", "Togo", "TG")],
        ),
        (
            "Ville de Bamako (Mali), Commune urbaine de Kindia (Guinée), "
            "Ville de Nouakchott (Mauritanie)",
            [
                _p("Ville de Bamako", "Mali", "ML"),
                _p("Commune urbaine de Kindia", "Guinée", "GN"),
                _p("Ville de Nouakchott", "Mauritanie", "MR"),
            ],
        ),
        (
            "Commune de Kaolack (région de Kaolack) (Sénégal)",
            [_p("Commune de Kaolack (région de Kaolack)", "Sénégal", "SN")],
        ),
        (
            "Ville de Lviv (Oblast de Lviv) (Ukraine)",
            [_p("Ville de Lviv (Oblast de Lviv)", "Ukraine", "UA")],
        ),
        (  # the country in a group nested in the last one
            "Ville de Lviv (Oblast de Lviv (Ukraine))",
            [_p("Ville de Lviv (Oblast de Lviv)", "Ukraine", "UA")],
        ),
        ("Ville de Lviv (Oblast de Lviv)", [_p("Ville de Lviv (Oblast de Lviv)")]),
        ("Syndicat intercommunal (SIAEP)", [_p("Syndicat intercommunal (SIAEP)")]),
        (
            "Commune A (Mali) et Commune B (Niger)",
            [_p("Commune A", "Mali", "ML"), _p("Commune B", "Niger", "NE")],
        ),
        (
            "Commune A (Mali) / Commune B (Niger)",
            [_p("Commune A", "Mali", "ML"), _p("Commune B", "Niger", "NE")],
        ),
        (
            "Commune A (Mali) ; Commune B (Niger)",
            [_p("Commune A", "Mali", "ML"), _p("Commune B", "Niger", "NE")],
        ),
        (
            "Commune de Saint-Pierre et Miquelon (Haïti)",
            [_p("Commune de Saint-Pierre et Miquelon", "Haïti", "HT")],
        ),
        ("Région Nord / Pas de Calais (Mali)", [_p("Région Nord / Pas de Calais", "Mali", "ML")]),
        ("Province de Yen Bai (Vietnam)", [_p("Province de Yen Bai", "Vietnam", "VN")]),
        ("Ville d’Abomey (Bénin)", [_p("Ville d’Abomey", "Bénin", "BJ")]),
        ("Ville de Montréal (Québec)", [_p("Ville de Montréal", "Québec", "CA")]),
        ("Hébron (Territoires palestiniens)", [_p("Hébron", "Territoires palestiniens", "PS")]),
        ("Commune X (Région de Kayes, Mali)", [_p("Commune X (Région de Kayes)", "Mali", "ML")]),
        ("Commune X (Région Y (Mali))", [_p("Commune X (Région Y)", "Mali", "ML")]),
        (
            "Dakar, Thiès (Sénégal)",  # two Senegalese regions: two partners
            [_p("Dakar", "Sénégal", "SN"), _p("Thiès", "Sénégal", "SN")],
        ),
        ("Ville de Bamako, Mali", [_p("Ville de Bamako", "Mali", "ML")]),
        ("Commune A ; Commune B", [_p("Commune A"), _p("Commune B")]),
        ("Commune de Crasna", [_p("Commune de Crasna")]),
        ("Commune de Kita - Mali", [_p("Commune de Kita", "Mali", "ML")]),
        (
            "Commune de Kita – Mali, Commune de Dosso - Niger",
            [_p("Commune de Kita", "Mali", "ML"), _p("Commune de Dosso", "Niger", "NE")],
        ),
        (
            "Mali : Commune de Kita, Commune de Kayes ; Niger : Commune de Dosso",
            [
                _p("Commune de Kita", "Mali", "ML"),
                _p("Commune de Kayes", "Mali", "ML"),
                _p("Commune de Dosso", "Niger", "NE"),
            ],
        ),
        ("Région Nord - Pas de Calais", [_p("Région Nord - Pas de Calais")]),
        ("Ville de Montréal (Québec, Canada)", [_p("Ville de Montréal", "Québec, Canada", "CA")]),
    ],
)
def test_split_partners(text: str, partners: list[Partner]) -> None:
    split = split_partners(text)
    assert split.partners == partners
    assert split.warnings == []


def test_bare_place_and_unknown_province_is_one_partner_with_a_warning() -> None:
    split = split_partners("Zorbavik, Quilmetrana (Colombie)")
    assert split.partners == [_p("Zorbavik, Quilmetrana", "Colombie", "CO")]
    assert [(w.code, w.severity) for w in split.warnings] == [("partner-join-guessed", "error")]


def test_three_bare_names_are_separate_partners_with_a_warning() -> None:
    split = split_partners("Zorbavik, Quilmetrana, Dolvaké (Mali)")
    assert [p.name for p in split.partners] == ["Zorbavik", "Quilmetrana", "Dolvaké"]
    assert {p.country_code for p in split.partners} == {"ML"}
    assert [(w.code, w.severity) for w in split.warnings] == [("partner-split-guessed", "error")]


def test_unknown_country_is_kept_without_code_and_warned() -> None:
    split = split_partners("Commune de Ouaga (Burkinistan)")
    assert split.partners == [_p("Commune de Ouaga", "Burkinistan", None)]
    assert len(split.warnings) == 1
    assert split.warnings[0].code == "country-unknown"
    assert "unknown country" in split.warnings[0].message


def test_parentheses_repeating_the_name_are_not_a_country() -> None:
    split = split_partners("Région de Tanger (Tanger-Tétouan)")
    assert split.partners == [_p("Région de Tanger (Tanger-Tétouan)")]
    assert split.warnings == []


def test_footnote_after_country_is_dropped_with_a_warning() -> None:
    split = split_partners("Commune X (Mali) (1)")
    assert split.partners == [_p("Commune X", "Mali", "ML")]
    assert [(w.code, w.severity) for w in split.warnings] == [("partner-note-dropped", "info")]


def test_default_country_for_bilateral_calls() -> None:
    split = split_partners(
        "Commune de Kaolack, Commune de Podor (Mauritanie), Région de Thiès",
        default_country=("Sénégal", "SN"),
    )
    assert [(p.name, p.country_code, p.country_from) for p in split.partners] == [
        ("Commune de Kaolack", "MR", "cell"),
        ("Commune de Podor", "MR", "cell"),
        ("Région de Thiès", "SN", "call"),
    ]


def test_default_country_keeps_unknown_parentheses_in_the_name() -> None:
    split = split_partners("Région de Tanger (Tétouan-Al Hoceima)", default_country=("Maroc", "MA"))
    assert [(p.name, p.country, p.country_from) for p in split.partners] == [
        ("Région de Tanger (Tétouan-Al Hoceima)", "Maroc", "call")
    ]


def test_country_column_makes_bare_names_partners_and_pairing_splits_them() -> None:
    split = split_partners("Région Diana, Île Maurice", country_column=True)
    assert split.partners == [_p("Région Diana, Île Maurice")]
    assert split.warnings == []
    partners, warnings = pair_countries(split.partners, "Madagascar, Maurice")
    assert [(p.name, p.country_code, p.country_from) for p in partners] == [
        ("Région Diana", "MG", "column"),
        ("Île Maurice", "MU", "column"),
    ]
    assert warnings == []


def test_country_column_keeps_unknown_parentheses_in_the_name() -> None:
    split = split_partners("Commune de Ouaga (Burkinistan)", country_column=True)
    assert split.partners == [_p("Commune de Ouaga (Burkinistan)")]
    assert split.warnings == []


def test_line_breaks_between_whole_partners() -> None:
    lines = ("Commune A (Mali)", "Commune B (Niger)")
    split = split_partners(join_lines(lines), lines)
    assert split.partners == [_p("Commune A", "Mali", "ML"), _p("Commune B", "Niger", "NE")]


def test_authorities_on_separate_lines_share_the_last_country() -> None:
    lines = ("Commune de Zorbavik (SDEA)", "Ville de Dolvaké (Mali)")
    split = split_partners(join_lines(lines), lines)
    assert split.partners == [
        _p("Commune de Zorbavik (SDEA)", "Mali", "ML"),
        _p("Ville de Dolvaké", "Mali", "ML"),
    ]


def test_line_breaks_between_authorities_without_country() -> None:
    lines = ("Commune de Zorbavik", "Province de Quilmetrana")
    split = split_partners(join_lines(lines), lines)
    assert split.partners == [_p("Commune de Zorbavik"), _p("Province de Quilmetrana")]


@pytest.mark.parametrize(
    ("lines", "code"),
    [
        (("Cercle de", "Niafunké (Mali)"), "ML"),
        (("Union des communes de la", "Région de Dosso (Niger)"), "NE"),
        (("Communauté urbaine (Burkina", "Faso)"), "BF"),
    ],
)
def test_wrapped_partner_stays_one(lines: tuple[str, ...], code: str) -> None:
    split = split_partners(join_lines(lines), lines)
    assert len(split.partners) == 1
    assert split.partners[0].country_code == code


def test_blank_cell() -> None:
    assert split_partners("").partners == []
    assert split_partners(" ", ("", " ")).partners == []


# --- pair_countries ------------------------------------------------------------------------


def _bare(*names: str) -> list[Partner]:
    return [_p(name) for name in names]


def test_pair_countries_in_order() -> None:
    partners, warnings = pair_countries(_bare("Commune A", "Commune B"), "Mali, Niger")
    assert [(p.country, p.country_code, p.country_from) for p in partners] == [
        ("Mali", "ML", "column"),
        ("Niger", "NE", "column"),
    ]
    assert warnings == []


def test_pair_one_country_with_all_partners() -> None:
    partners, warnings = pair_countries(_bare("Commune A", "Commune B", "Commune C"), "Sénégal")
    assert [p.country_code for p in partners] == ["SN", "SN", "SN"]
    assert warnings == []


def test_pair_countries_mismatch_warns_and_leaves_partners() -> None:
    bare = _bare("Commune A", "Commune B", "Commune C")
    partners, warnings = pair_countries(bare, "Mali, Niger")
    assert partners == bare
    assert len(warnings) == 1


def test_pair_countries_keeps_the_cell_country_on_conflict() -> None:
    cell = [_p("Commune A", "Mali", "ML")]
    partners, warnings = pair_countries(cell, "Niger")
    assert partners == cell
    assert len(warnings) == 1


def test_pair_countries_overrides_call_country_and_unknown_cell_country() -> None:
    call = Partner(name="Commune A", country="Sénégal", country_code="SN", country_from="call")
    unknown = _p("Commune B", "Kayes", None)
    partners, warnings = pair_countries([call, unknown], "Mali ; Mali")
    assert [(p.name, p.country_code, p.country_from) for p in partners] == [
        ("Commune A", "ML", "column"),
        ("Commune B (Kayes)", "ML", "column"),
    ]
    assert warnings == []


def test_pair_countries_ignores_footnote_marks_in_the_column() -> None:
    partners, warnings = pair_countries(_bare("Commune A", "Commune B"), "Mali (1) / Niger*")
    assert [p.country for p in partners] == ["Mali", "Niger"]
    assert warnings == []


def test_sub_prefecture_is_an_authority() -> None:
    split = split_partners("Sous-préfecture de Kaba, Commune de Kindia (Guinée)")
    assert split.partners == [
        _p("Sous-préfecture de Kaba", "Guinée", "GN"),
        _p("Commune de Kindia", "Guinée", "GN"),
    ]


def test_pair_countries_blank_column_changes_nothing() -> None:
    bare = _bare("Commune A")
    assert pair_countries(bare, " ") == (bare, [])


def test_pair_countries_unknown_country_warns() -> None:
    partners, warnings = pair_countries(_bare("Commune A"), "Narnia")
    assert (partners[0].country, partners[0].country_code) == ("Narnia", None)
    assert len(warnings) == 1


# --- property: rendered partner lists split back ----------------------------------------------

COUNTRIES = [
    ("Sénégal", "SN"),
    ("SENEGAL", "SN"),
    ("Mali", "ML"),
    ("Côte d’Ivoire", "CI"),
    ("Côte d'Ivoire", "CI"),
    ("Burkina Faso", "BF"),
    ("Vietnam", "VN"),
    ("Territoires palestiniens", "PS"),
    ("Québec", "CA"),
    ("Moldavie", "MD"),
    ("Bénin", "BJ"),
    ("Madagascar", "MG"),
    ("Haïti", "HT"),
    ("Arménie", "AM"),
    ("Liban", "LB"),
    ("Cambodge", "KH"),
    ("Guinée-Bissau", "GW"),
    ("États-Unis", "US"),
    ("Maroc", "MA"),
    ("Tunisie", "TN"),
    ("Cameroun", "CM"),
    ("Bosnie-Herzégovine", "BA"),
    ("République démocratique du Congo", "CD"),
]
AUTHORITIES = ["Commune", "Ville", "Province", "Cercle", "Région", "Département", "District"]
ACRONYMS = ["SDEA", "SIAEP", "CUN", "AMVZ", "UCKP", "CR-ZK"]
SYLLABLES = ["zor", "vak", "quil", "mé", "trä", "dol", "vï", "kéb", "ngu", "ox", "ûr", "zil"]

_word = st.lists(st.sampled_from(SYLLABLES), min_size=3, max_size=4).map(
    lambda parts: "".join(parts).capitalize()
)


@st.composite
def _place(draw: st.DrawFn) -> str:
    """A made-up place name: accents, and sometimes a hyphen or an apostrophe."""
    first = draw(_word)
    form = draw(st.sampled_from(["plain", "hyphen", "apostrophe", "two"]))
    if form == "hyphen":
        return f"{first}-{draw(_word)}"
    if form == "apostrophe":
        prefix = draw(st.sampled_from(["N’", "N'", "L’"]))
        return f"{prefix}{first}"
    if form == "two":
        return f"{first} {draw(_word)}"
    return first


@st.composite
def _authority(draw: st.DrawFn) -> str:
    """« Commune de X », with sometimes an acronym in parentheses or « et » inside the name."""
    name = f"{draw(st.sampled_from(AUTHORITIES))} de {draw(_place())}"
    if draw(st.booleans()):
        name += f" et {draw(_word)}"
    if draw(st.booleans()):
        name += f" ({draw(st.sampled_from(ACRONYMS))})"
    return name


@st.composite
def _partner_list(draw: st.DrawFn) -> list[tuple[str, tuple[str, str] | None]]:
    """1-3 partners: those with a country first, those without after (authorities if many)."""
    with_country = draw(st.integers(0, 3))
    without = draw(st.integers(0 if with_country else 1, 3 - with_country))
    out: list[tuple[str, tuple[str, str] | None]] = []
    for _ in range(with_country):
        kind = draw(st.sampled_from(["authority", "qualified", "place", "place, province"]))
        if kind == "authority":
            name = draw(_authority())
        elif kind == "qualified":
            name = f"{draw(_authority())} (région de {draw(_place())})"
        elif kind == "place":
            name = draw(_place())
        else:
            name = f"{draw(_place())}, {draw(_place())}"
        out.append((name, draw(st.sampled_from(COUNTRIES))))
    for _ in range(without):
        name = draw(_authority()) if without > 1 else draw(st.one_of(_authority(), _place()))
        out.append((name, None))
    return out


def _printed(name: str, country: tuple[str, str] | None) -> str:
    return f"{name} ({country[0]})" if country else name


@pytest.mark.slow
@settings(max_examples=250, deadline=None)
@given(partners=_partner_list(), data=st.data())
def test_rendered_partner_lists_split_back(
    partners: list[tuple[str, tuple[str, str] | None]], data: st.DataObject
) -> None:
    text = _printed(*partners[0])
    for (_, left), item in itertools.pairwise(partners):
        both = left is not None and item[1] is not None
        separators = [", ", " ; ", ",", " et ", " / "] if both else [", ", " ; "]
        text += data.draw(st.sampled_from(separators)) + _printed(*item)
    default = data.draw(st.sampled_from([None, ("Sénégal", "SN")]))
    split = split_partners(text, default_country=default)
    expected = [
        _p(name, *country)
        if country
        else Partner(
            name=name,
            country=default[0] if default else None,
            country_code=default[1] if default else None,
            country_from="call" if default else None,
        )
        for name, country in partners
    ]
    assert split.partners == expected
    if not any(", " in name for name, _ in partners):
        assert split.warnings == []


@pytest.mark.slow
@settings(max_examples=250, deadline=None)
@given(partners=_partner_list(), data=st.data())
def test_partners_printed_one_per_line_split_back(
    partners: list[tuple[str, tuple[str, str] | None]], data: st.DataObject
) -> None:
    all_countries = all(country for _, country in partners)
    all_authorities = all(name.split(" ")[0] in AUTHORITIES for name, _ in partners)
    if not (all_countries or all_authorities) or len(partners) < 2:
        return
    lines: list[str] = []
    for name, country in partners:
        printed = _printed(name, country)
        words = printed.split(" ")
        cut = data.draw(st.integers(1, len(words))) if all_countries else len(words)
        lines += [" ".join(words[:cut]), " ".join(words[cut:])]
    lines = [line for line in lines if line]
    split = split_partners(join_lines(lines), tuple(lines))
    assert [(p.name, p.country_code) for p in split.partners] == [
        (name, country[1] if country else None) for name, country in partners
    ]
