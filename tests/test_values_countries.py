"""Country names as printed in announcements resolve to ISO codes, and codes to French names."""

from __future__ import annotations

import pytest

from aap_parser.values.countries import country_code, country_name_fr, fold_name, is_subdivision


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Sénégal", "SN"),
        ("Vietnam", "VN"),
        ("Viêt Nam", "VN"),
        ("Territoires palestiniens", "PS"),
        ("Palestine", "PS"),
        ("Québec", "CA"),
        ("RDC", "CD"),
        ("République démocratique du Congo", "CD"),
        ("Congo", "CG"),
        ("Congo-Brazzaville", "CG"),
        ("Moldova", "MD"),
        ("Moldavie", "MD"),
        ("Kosovo", "XK"),
        ("Russie", "RU"),
        ("Corée du Sud", "KR"),
        ("Bolivie", "BO"),
        ("Tanzanie", "TZ"),
        ("Syrie", "SY"),
        ("Laos", "LA"),
        ("Iran", "IR"),
        ("Macédoine du Nord", "MK"),
        ("Cap-Vert", "CV"),
        ("Côte d'Ivoire", "CI"),
        ("Côte d’Ivoire", "CI"),
        ("Etats-Unis", "US"),
        ("États-Unis", "US"),
        ("Royaume-Uni", "GB"),
        ("Pays-Bas", "NL"),
        ("Haïti", "HT"),
        ("Cambodge", "KH"),
        ("Liban", "LB"),
        ("Maroc", "MA"),
        ("Tunisie", "TN"),
        ("Bénin", "BJ"),
        ("Togo", "TG"),
        ("Mali", "ML"),
        ("Niger", "NE"),
        ("Burkina Faso", "BF"),
        ("Madagascar", "MG"),
        ("Comores", "KM"),
        ("Mauritanie", "MR"),
        ("Guinée", "GN"),
        ("Guinée-Bissau", "GW"),
        ("Arménie", "AM"),
        ("Géorgie", "GE"),
        ("Ukraine", "UA"),
        ("Argentine", "AR"),
        ("Chili", "CL"),
        ("Brésil", "BR"),
        ("Mexique", "MX"),
        ("Colombie", "CO"),
        ("Nicaragua", "NI"),
        ("Inde", "IN"),
        ("Chine", "CN"),
        ("Japon", "JP"),
        ("Mongolie", "MN"),
        ("Cameroun", "CM"),
        ("Roumanie", "RO"),
        ("Pologne", "PL"),
        ("Allemagne", "DE"),
        ("Italie", "IT"),
        ("Tchad", "TD"),
        ("Gabon", "GA"),
        ("Algérie", "DZ"),
        ("Palestine, État de", "PS"),
        # Forms taken from pycountry's own French catalogue, not from the alias table.
        ("République du Sénégal", "SN"),
        ("Bosnie-Herzégovine", "BA"),
        ("Kirghizistan", "KG"),
        ("Ouzbékistan", "UZ"),
        ("Zimbabwe", "ZW"),
    ],
)
def test_country_code_resolves_french_names(name: str, code: str) -> None:
    assert country_code(name) == code


@pytest.mark.parametrize(
    ("variant", "code"),
    [
        ("SENEGAL", "SN"),
        ("senegal", "SN"),
        ("cote d ivoire", "CI"),
        ("COTE D'IVOIRE", "CI"),
        ("Burkina-Faso", "BF"),
        ("Guinée Bissau", "GW"),
        ("Etats Unis", "US"),
        ("  Haiti ", "HT"),
        ("le Maroc", "MA"),
        ("Viet-Nam", "VN"),
    ],
)
def test_country_code_ignores_accents_case_apostrophes_hyphens(variant: str, code: str) -> None:
    assert country_code(variant) == code


@pytest.mark.parametrize(
    "name", ["SDEA", "Oblast de Lviv", "région de Kaolack", "", "  ", "1", "SA"]
)
def test_country_code_rejects_non_countries(name: str) -> None:
    assert country_code(name) is None


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("SN", "Sénégal"),
        ("ML", "Mali"),
        ("VN", "Vietnam"),
        ("RU", "Russie"),
        ("MD", "Moldavie"),
        ("KR", "Corée du Sud"),
        ("BO", "Bolivie"),
        ("CI", "Côte d'Ivoire"),
        ("XK", "Kosovo"),
        ("sn", "Sénégal"),
        ("AX", "Îles Åland"),
    ],
)
def test_country_name_fr(code: str, name: str) -> None:
    assert country_name_fr(code) == name


@pytest.mark.parametrize("code", ["ZZ", "", "FRA"])
def test_country_name_fr_unknown_code(code: str) -> None:
    assert country_name_fr(code) is None


def test_every_short_name_resolves_back_to_its_code() -> None:
    import pycountry

    for country in pycountry.countries:
        name = country_name_fr(country.alpha_2)
        assert name is not None
        assert country_code(name) == country.alpha_2, name


def test_fold_name() -> None:
    assert fold_name("Côte d’Ivoire") == fold_name("cote d'ivoire") == "cote d ivoire"
    assert fold_name("Cœur-de-Savoie") == "coeur de savoie"


def test_is_subdivision() -> None:
    assert is_subdivision("Caldas", "CO")
    assert is_subdivision("Borgou", "BJ")
    assert is_subdivision("Maritime", "TG")  # printed « Maritime (Région) » in ISO 3166-2
    assert not is_subdivision("Manizales", "CO")
    assert not is_subdivision("Caldas", "SN")
    assert not is_subdivision("Caldas", "")
