"""Lead cells split into authorities only where both sides read as whole authority names."""

from __future__ import annotations

import pytest

from aap_parser.grid import join_lines
from aap_parser.records.leads import split_leads


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Grenoble-Alpes Métropole, Ville de Grenoble",
            ["Grenoble-Alpes Métropole", "Ville de Grenoble"],
        ),
        (
            "Conseil départemental de l'Ardèche et Communauté de communes du Val de Ligne",
            ["Conseil départemental de l'Ardèche", "Communauté de communes du Val de Ligne"],
        ),
        ("Ville de Nantes et Rennes Métropole", ["Ville de Nantes", "Rennes Métropole"]),
        ("Ville de Nantes / Ville de Rennes", ["Ville de Nantes", "Ville de Rennes"]),
        ("Ville de Nantes - Ville de Rennes", ["Ville de Nantes", "Ville de Rennes"]),
        (
            "Ville de Paris ; Conseil régional d'Île-de-France",
            ["Ville de Paris", "Conseil régional d'Île-de-France"],
        ),
    ],
)
def test_split_leads(text: str, names: list[str]) -> None:
    assert split_leads(text) == (names, [])


@pytest.mark.parametrize(
    "name",
    [
        "Conseil départemental de l'Ille-et-Vilaine",
        "Communauté de communes Cœur de Savoie et Chartreuse",
        "Communauté de communes Vienne et Gartempe",
        "Conseil régional de Languedoc-Roussillon-Midi-Pyrénées / Pyrénées-Méditerranée",
        "Région Occitanie / Pyrénées-Méditerranée",
        "Syndicat des eaux et de l'assainissement Alsace-Moselle (SDEA)",
        "Communauté d'agglomération Saint-Quentin-en-Yvelines",
        "Savoie Déchets",
        "Rives de l'Yon",
        "Bordeaux Métropole",
        "Metz",
        "Conseil départemental du Val de Marne",
        "Région Nord - Pas de Calais",
    ],
)
def test_one_lead_is_not_split(name: str) -> None:
    assert split_leads(name) == ([name], [])


def test_bare_names_joined_by_et_split_with_a_warning() -> None:
    names, warnings = split_leads("Metz et Nancy")
    assert names == ["Metz", "Nancy"]
    assert len(warnings) == 1


def test_comma_before_lower_case_is_kept_with_a_warning() -> None:
    names, warnings = split_leads("Ville de Lyon, représentée par son maire")
    assert names == ["Ville de Lyon, représentée par son maire"]
    assert len(warnings) == 1


def test_line_break_separates_two_authorities() -> None:
    lines = ("Conseil départemental de la Gironde", "Ville de Bordeaux")
    text = "Conseil départemental de la Gironde Ville de Bordeaux"
    assert split_leads(text, lines) == (
        ["Conseil départemental de la Gironde", "Ville de Bordeaux"],
        [],
    )


def test_line_break_before_a_trailing_metropole_does_not_split() -> None:
    lines = ("Grenoble-Alpes", "Métropole, Ville de", "Grenoble")
    assert split_leads(join_lines(lines), lines) == (
        ["Grenoble-Alpes Métropole", "Ville de Grenoble"],
        [],
    )


def test_line_break_before_metropole_de_splits() -> None:
    lines = ("Ville de Villeurbanne", "Métropole de Lyon")
    assert split_leads(join_lines(lines), lines) == (
        ["Ville de Villeurbanne", "Métropole de Lyon"],
        [],
    )


@pytest.mark.parametrize(
    "lines",
    [
        ("Communauté d'agglomération", "Saint-Quentin-en-Yvelines"),
        ("Bordeaux", "Métropole"),
        ("Conseil départemental de", "l'Ardèche"),
        ("Communauté de communes du", "Grand Autunois Morvan"),
        ("Conseil régional", "Auvergne-Rhône-", "Alpes"),
    ],
)
def test_wrapped_lead_stays_one(lines: tuple[str, ...]) -> None:
    text = join_lines(lines)
    assert split_leads(text, lines) == ([text], [])


def test_inconsistent_lines_are_ignored() -> None:
    assert split_leads("Bordeaux Métropole", ("Ville de X", "Ville de Y")) == (
        ["Bordeaux Métropole"],
        [],
    )


def test_blank_cell() -> None:
    assert split_leads("") == ([], [])
    assert split_leads("  ") == ([], [])
