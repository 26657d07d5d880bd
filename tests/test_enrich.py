"""Enrichment with official codes: regions, lead authorities, the packaged table and its builder."""

from __future__ import annotations

import gzip
import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aap_parser.enrich import (
    LeadMatch,
    classify_lead,
    data_vintage,
    match_region,
    region_code,
)
from aap_parser.enrich.normalise import key
from tests.conftest import ROOT, SEED

# --- regions ---------------------------------------------------------------------------------

CURRENT_REGIONS = {
    "Auvergne-Rhône-Alpes": "84",
    "Grand Est": "44",
    "Île-de-France": "11",
    "La Réunion": "04",
    "Bretagne": "53",
    "Nouvelle-Aquitaine": "75",
    "Occitanie": "76",
    "Pays de la Loire": "52",
    "Hauts-de-France": "32",
    "Normandie": "28",
    "Bourgogne-Franche-Comté": "27",
    "Centre-Val de Loire": "24",
    "Provence-Alpes-Côte d'Azur": "93",
    "Corse": "94",
    "Guadeloupe": "01",
    "Martinique": "02",
    "Guyane": "03",
    "Mayotte": "06",
}

FORMER_REGIONS = {
    "Rhône-Alpes": "84",
    "Auvergne": "84",
    "Alsace": "44",
    "Lorraine": "44",
    "Champagne-Ardenne": "44",
    "Aquitaine": "75",
    "Limousin": "75",
    "Poitou-Charentes": "75",
    "Midi-Pyrénées": "76",
    "Languedoc-Roussillon": "76",
    "Nord-Pas-de-Calais": "32",
    "Picardie": "32",
    "Basse-Normandie": "28",
    "Haute-Normandie": "28",
    "Bourgogne": "27",
    "Franche-Comté": "27",
    "Centre": "24",
    "Alsace-Champagne-Ardenne-Lorraine": "44",
    "Aquitaine-Limousin-Poitou-Charentes": "75",
    "Languedoc-Roussillon-Midi-Pyrénées": "76",
    "Nord-Pas-de-Calais-Picardie": "32",
    "Occitanie / Pyrénées-Méditerranée": "76",
    "PACA": "93",
    "Région PACA": "93",
}


@pytest.mark.parametrize(("printed", "code"), sorted({**CURRENT_REGIONS, **FORMER_REGIONS}.items()))
def test_region_names_current_and_former(printed: str, code: str) -> None:
    found = match_region(printed)
    assert (found.code, found.warning) == (code, None)


@pytest.mark.parametrize(
    ("printed", "code"),
    [
        ("AUVERGNE RHONE ALPES", "84"),
        ("ile de france", "11"),
        ("Provence Alpes Cote d’Azur", "93"),
        ("Pays-de-la-Loire", "52"),
        ("  Hauts de  France ", "32"),
        ("Région Bretagne", "53"),
        ("Conseil régional d'Occitanie", "76"),
    ],
)
def test_region_spelling_variants_are_exact(printed: str, code: str) -> None:
    found = match_region(printed)
    assert found.code == code
    assert found.warning is None


@pytest.mark.parametrize(
    ("printed", "code"),
    [("Bretange", "53"), ("Nouvelle-Aquitanie", "75"), ("Auvergne-Rhône-Alpe", "84")],
)
def test_region_typo_gives_code_and_warning(printed: str, code: str) -> None:
    found = match_region(printed)
    assert found.code == code
    assert found.warning is not None
    assert (found.warning.code, found.warning.severity) == ("region-approximate", "warning")
    assert printed in found.warning.message
    assert region_code(printed) == code


@pytest.mark.parametrize("printed", ["", "   ", "Outre-mer", "Bavière", "Xyz"])
def test_unknown_region_is_none(printed: str) -> None:
    assert region_code(printed) is None


def test_exact_region_code_issues_no_warning() -> None:
    assert region_code("Grand Est") == "44"
    assert match_region("Grand Est").warning is None


# --- leads -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "region", "kind", "code"),
    [
        ("Conseil départemental de l'Allier", "84", "departement", "03"),
        ("Conseil général de la Vienne", None, "departement", "86"),
        ("CG Gironde", None, "departement", "33"),
        ("Conseil général du Nord", None, "departement", "59"),
        ("Département de la Seine-Saint-Denis", None, "departement", "93"),
        ("Conseil départemental du Val de Marne", "11", "departement", "94"),
        ("Conseil général des Landes", None, "departement", "40"),
        ("Conseil départemental de La Réunion", "04", "departement", "974"),
        ("Conseil régional de Bretagne", None, "region", "53"),
        ("Région Bretagne", None, "region", "53"),
        ("Conseil régional du Grand Est", "44", "region", "44"),
        ("Conseil régional de Picardie", None, "region", "32"),
        ("Collectivité de Corse", None, "region", "94"),
        ("Metz", "44", "commune", "57463"),
        ("Ville de Metz", None, "commune", "57463"),
        ("Mairie de Metz", None, "commune", "57463"),
        ("Commune de Metz", None, "commune", "57463"),
        ("Angoulême", "75", "commune", "16015"),
        ("Rives de l'Yon", "52", "commune", "85213"),
        ("Le Havre", None, "commune", "76351"),
        ("Ville du Havre", None, "commune", "76351"),
        ("La Rochelle", "75", "commune", "17300"),
        ("Ville de La Rochelle", "75", "commune", "17300"),
        ("St-Étienne", None, "commune", "42218"),
        ("SAINT ETIENNE", "84", "commune", "42218"),
        ("Paris", "11", "commune", "75056"),
        ("Bordeaux Métropole", "75", "epci", "243300316"),
        ("Communauté de communes du Royans-Vercors", "84", "epci", "200067767"),
        ("Grenoble-Alpes Métropole", "84", "epci", "200040715"),
        ("Communauté d'agglomération de La Rochelle", "75", "epci", "241700434"),
        ("Communauté d'agglomération du Grand Angoulême", "75", "epci", "200071827"),
        ("Aix-Marseille-Provence Métropole", "93", "epci", "200054807"),
        ("Métropole de Lyon", "84", "epci", "200046977"),
        ("Plaine Commune", "11", "epci", "200057867"),
    ],
)
def test_lead_examples(name: str, region: str | None, kind: str, code: str) -> None:
    assert classify_lead(name, region) == LeadMatch(kind, code, None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "region", "kind", "code"),
    [
        ("Conseil départemental de la Vienne", None, "departement", "86"),
        ("Ville de Vienne", None, "commune", "38544"),
        ("Vienne", "84", "commune", "38544"),
        ("Vienne", "75", "departement", "86"),
        ("Saint-Denis", "04", "commune", "97411"),
        ("Saint-Denis", "11", "commune", "93066"),
        ("Ville de Saint-Denis", "04", "commune", "97411"),
        ("Ville de Saint-Denis (93)", None, "commune", "93066"),
        ("Saint-Denis (La Réunion)", None, "commune", "97411"),
    ],
)
def test_homonyms_resolved_by_prefix_and_region(
    name: str, region: str | None, kind: str, code: str
) -> None:
    found = classify_lead(name, region)
    assert (found.kind, found.code, found.warning) == (kind, code, None)


def test_departement_named_exactly_keeps_its_code_against_the_row_with_an_error() -> None:
    """The prefix settles the homonym (not the commune of Vienne in the row's region), and a
    département named exactly has one code: the conflict with the row is an error to check."""
    found = classify_lead("Conseil départemental de la Vienne", "84")
    assert (found.kind, found.code) == ("departement", "86")
    assert found.warning is not None
    assert (found.warning.code, found.warning.severity) == ("lead-region-conflict", "error")


@pytest.mark.parametrize(
    ("name", "region", "candidates"),
    [
        ("Saint-Denis", None, {"11339", "30247", "93066", "97411"}),
        ("Saint-Denis", "76", {"11339", "30247"}),
        ("La Rochelle", None, {"17300", "70450"}),
    ],
)
def test_still_ambiguous_homonym_warns_without_code(
    name: str, region: str | None, candidates: set[str]
) -> None:
    found = classify_lead(name, region)
    assert found.kind == "commune"
    assert found.code is None
    assert found.warning is not None
    assert found.warning.code == "lead-ambiguous"
    assert all(code in found.warning.message for code in candidates)


def test_bare_name_of_two_authorities_warns() -> None:
    found = classify_lead("Vienne")
    assert (found.kind, found.code) == ("departement", "86")
    assert found.warning is not None
    assert found.warning.code == "lead-larger-authority"
    assert "38544" in found.warning.message


@pytest.mark.parametrize(
    ("name", "region", "kind", "code"),
    [
        ("Ville de Saint-Etiene", "84", "commune", "42218"),
        ("Conseil départemental de la Girond", None, "departement", "33"),
        ("Région Bretange", None, "region", "53"),
        ("Cherbourg-Octeville", "28", "commune", "50129"),
        ("Grand Lyon", "84", "epci", "200046977"),
    ],
)
def test_approximate_or_historical_match_gives_code_and_warning(
    name: str, region: str | None, kind: str, code: str
) -> None:
    found = classify_lead(name, region)
    assert (found.kind, found.code) == (kind, code)
    assert found.warning is not None


@pytest.mark.parametrize(
    ("name", "kind", "warned"),
    [
        ("Syndicat mixte du bassin de la Sèvre", "syndicat", False),
        ("SIVOM de la vallée de l'Arve", "syndicat", False),
        ("PETR du Pays de Retz", "syndicat", False),
        ("SDEA", "syndicat", True),
        ("Savoie Déchets", "syndicat", True),
        ("Association des maires du Frobnitz", "other", True),
    ],
)
def test_unlisted_bodies_get_kind_from_name_and_no_code(name: str, kind: str, warned: bool) -> None:
    found = classify_lead(name, "84")
    assert (found.kind, found.code) == (kind, None)
    assert (found.warning is not None) == warned


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Communauté de communes du Pays Imaginaire", "epci"),
        ("Conseil départemental de Nulle-Part", "departement"),
        ("Ville de Zzyzxville", "commune"),
    ],
)
def test_unknown_name_with_kind_prefix_has_no_code(name: str, kind: str) -> None:
    found = classify_lead(name)
    assert (found.kind, found.code) == (kind, None)
    assert found.warning is not None


def test_unique_commune_outside_the_rows_region_gets_no_code_and_a_warning() -> None:
    found = classify_lead("Metz", "11")
    assert (found.kind, found.code) == ("commune", None)
    assert found.warning is not None
    assert (found.warning.code, found.warning.severity) == ("lead-outside-region", "warning")
    assert "57463" in found.warning.message
    assert "Île-de-France" in found.warning.message


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(
    st.text(max_size=40),
    st.sampled_from([None, "84", "04", "99"]),
    st.sampled_from(["", "Ville de ", "Conseil départemental de ", "Région ", "CC "]),
)
def test_any_text_gives_a_match_never_an_exception(
    text: str, region: str | None, prefix: str
) -> None:
    found = classify_lead(prefix + text, region)
    assert found.kind in {None, "region", "departement", "commune", "epci", "syndicat", "other"}
    if found.kind is None:
        assert found.code is None
    code = region_code(text)
    assert code is None or code in set(CURRENT_REGIONS.values()) | {
        "975",
        "977",
        "978",
        "984",
        "986",
        "987",
        "988",
        "989",
    }


@pytest.mark.parametrize("name", ["", "  ", "\t"])
def test_blank_lead(name: str) -> None:
    assert classify_lead(name) == LeadMatch(None, None, None)


def test_lead_match_is_frozen() -> None:
    found = classify_lead("Metz", "44")
    with pytest.raises(AttributeError):
        found.code = "x"  # type: ignore[misc]


def test_key_folds_accents_case_punctuation_and_saint() -> None:
    assert key("Saint-Étienne") == key("ST ETIENNE") == key("st. étienne") == "saint etienne"
    assert key("Côtes-d’Armor") == "cotes d armor"
    assert key("Cœur de Loire") == "coeur de loire"


# --- the seed announcement -------------------------------------------------------------------


def _seed_rows() -> list[tuple[str, str]]:
    """(region, lead) of each row of the seed's table, the region carried down blank cells."""
    rows: list[tuple[str, str]] = []
    in_table = False
    region = ""
    for line in SEED.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) < 2:
            continue
        if not in_table:
            in_table = key(cells[0]).startswith("region")
            continue
        region = cells[0].strip() or region
        rows.append((region, cells[1].strip()))
    return rows


def test_every_seed_region_gets_a_code() -> None:
    rows = _seed_rows()
    assert len(rows) > 5
    for region, _ in rows:
        found = match_region(region)
        assert found.code is not None, region
        assert found.warning is None, region


def test_every_seed_lead_gets_a_kind_and_listed_ones_a_code() -> None:
    for region, lead in _seed_rows():
        found = classify_lead(lead, region_code(region))
        assert found.kind is not None, lead
        if found.kind in {"region", "departement", "commune", "epci"}:
            assert found.code is not None, (lead, found)


# --- the packaged table and its builder --------------------------------------------------------


def test_data_vintage_is_stated() -> None:
    vintage = data_vintage()
    assert vintage.package == "@etalab/decoupage-administratif"
    assert vintage.version
    assert vintage.cog_year is not None
    assert vintage.cog_year >= 2024
    assert "Licence Ouverte" in vintage.licence


def test_packaged_table_is_compact_and_has_notice() -> None:
    data = ROOT / "src" / "aap_parser" / "data"
    assert (data / "geo.json.gz").stat().st_size < 600_000
    assert "Licence Ouverte" in (data / "NOTICE").read_text(encoding="utf-8")


def test_import_does_not_load_the_table() -> None:
    code = (
        "import aap_parser, aap_parser.enrich\n"
        "from aap_parser.enrich.geodata import geo_index\n"
        "print(geo_index.cache_info().currsize)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "0"


def _builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_geo", ROOT / "scripts" / "build_geo.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _fake_package(root: Path, commune_departement: str = "38") -> Path:
    """A two-commune stand-in for the npm package's layout."""
    files: dict[str, Any] = {
        "regions": [{"code": "84", "nom": "Auvergne-Rhône-Alpes"}],
        "departements": [{"code": "38", "nom": "Isère", "region": "84"}],
        "communes": [
            {"code": "38544", "nom": "Vienne", "type": "commune-actuelle",
             "departement": commune_departement, "region": "84"},
            {"code": "38999", "nom": "Ancienne", "type": "commune-deleguee", "chefLieu": "38544",
             "departement": "38", "region": "84"},
            {"code": "38544", "nom": "Vienne", "type": "commune-deleguee", "chefLieu": "38544",
             "departement": "38", "region": "84"},
        ],
        "epci": [{"code": "200077014", "nom": "CA Vienne Condrieu", "type": "CA",
                  "membres": [{"code": "38544"}]}],
        "ept": [],
    }  # fmt: skip
    (root / "data").mkdir(parents=True)
    for name, rows in files.items():
        (root / "data" / f"{name}.json").write_text(json.dumps(rows), encoding="utf-8")
    (root / "package.json").write_text(json.dumps({"version": "9.9.9"}), encoding="utf-8")
    (root / "README.md").write_text("| 2031  | 9.9.9 | x |\n", encoding="utf-8")
    return root


def test_builder_reduces_package_to_compact_table(tmp_path: Path) -> None:
    package = _fake_package(tmp_path / "pkg")
    output = tmp_path / "geo.json.gz"
    assert _builder().main([str(package), "--output", str(output)]) == 0
    table = json.loads(gzip.decompress(output.read_bytes()))
    assert table["source"]["version"] == "9.9.9"
    assert table["source"]["cog_year"] == 2031
    assert table["communes"] == [["38544", "Vienne"]]
    assert table["former_communes"] == [["Ancienne", "38544"]]
    assert table["epci"] == [["200077014", "CA Vienne Condrieu", "CA", "84"]]


def test_builder_refuses_underivable_departement(tmp_path: Path) -> None:
    package = _fake_package(tmp_path / "pkg", commune_departement="69")
    with pytest.raises(SystemExit):
        _builder().main([str(package), "--output", str(tmp_path / "geo.json.gz")])


def test_renamed_eurometropole_found_by_its_core_name() -> None:
    match = classify_lead("Eurométropole de Metz")
    assert (match.kind, match.code) == ("epci", "200039865")
