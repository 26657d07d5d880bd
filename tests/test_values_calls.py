"""A bilateral call's partner country is read from « franco-X » in any gender and number."""

from __future__ import annotations

import pytest

from aap_parser.values.calls import bilateral_country


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Appel à projets franco-sénégalais 2019-2021", ("Sénégal", "SN")),
        ("AAP « franco-sénégalaise »", ("Sénégal", "SN")),
        ("franco-sénégalais(e)", ("Sénégal", "SN")),
        ("Fonds conjoint franco-marocain", ("Maroc", "MA")),
        ("FRANCO-MAROCAINES", ("Maroc", "MA")),
        ("Programme franco-palestinien", ("Palestine", "PS")),
        ("franco-libanais", ("Liban", "LB")),
        ("Fonds franco-québécois pour la coopération décentralisée", ("Québec", "CA")),
        ("franco-tunisienne", ("Tunisie", "TN")),
        ("franco-mexicain", ("Mexique", "MX")),
        ("franco-argentine", ("Argentine", "AR")),
        ("franco-chiliens", ("Chili", "CL")),
        ("franco-brésilien", ("Brésil", "BR")),
        ("franco-béninois", ("Bénin", "BJ")),
        ("Franco-Burkinabè", ("Burkina Faso", "BF")),
        ("franco-maliennes", ("Mali", "ML")),
        ("franco-togolaise", ("Togo", "TG")),
        ("franco-nigérien", ("Niger", "NE")),
        ("franco-haïtien", ("Haïti", "HT")),
        ("franco-japonais", ("Japon", "JP")),
        ("franco-chinois", ("Chine", "CN")),
        ("franco-indien", ("Inde", "IN")),
        ("franco-arménienne", ("Arménie", "AM")),
        ("franco-géorgien", ("Géorgie", "GE")),
        ("franco-ukrainien", ("Ukraine", "UA")),
        ("franco-allemand", ("Allemagne", "DE")),
        ("franco-italienne", ("Italie", "IT")),
        ("franco-polonais", ("Pologne", "PL")),
        ("franco-roumaine", ("Roumanie", "RO")),
        ("franco-vietnamien", ("Vietnam", "VN")),
        ("franco-cambodgienne", ("Cambodge", "KH")),
        ("franco-laotien", ("Laos", "LA")),
        ("franco-malgaches", ("Madagascar", "MG")),
        ("franco-mauritanien", ("Mauritanie", "MR")),
        ("franco-ivoiriennes", ("Côte d'Ivoire", "CI")),
        ("franco-camerounais", ("Cameroun", "CM")),
        ("franco-comorien", ("Comores", "KM")),
        ("franco–sénégalais", ("Sénégal", "SN")),  # an en dash
        ("franco - chinois", ("Chine", "CN")),
    ],
)
def test_bilateral_country(text: str, expected: tuple[str, str]) -> None:
    assert bilateral_country(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Lauréats de l'AAP biennal « Généraliste 2020-2021 »",
        "franco-africain",
        "franco-germano-polonais",
        "Programme franco-allemand et franco-polonais",
        "",
        "francophonie",
    ],
)
def test_no_single_bilateral_country(text: str) -> None:
    assert bilateral_country(text) is None
