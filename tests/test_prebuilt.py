"""The lookup tables shipped prebuilt in the package data match the code that reads them."""

from __future__ import annotations

from pathlib import Path

import pytest

from aap_parser import prebuilt
from aap_parser.enrich import geodata
from aap_parser.values import countries

DATA = Path(prebuilt.__file__).parent / "data"
BUILDERS = {
    geodata.INDEX_FILE: geodata.build_index,
    countries.LOOKUPS_FILE: countries.build_lookups,
}


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_shipped_table_is_current(name: str, tmp_path: Path) -> None:
    expected, table = BUILDERS[name]()
    fresh = prebuilt.dump(tmp_path / name, expected, dict(table))
    assert (DATA / name).read_bytes() == fresh, "stale: run python scripts/build_lookups.py"


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_shipped_table_is_read_when_its_fingerprint_matches(name: str) -> None:
    expected, _ = BUILDERS[name]()
    assert prebuilt.load(name, expected) is not None
    assert prebuilt.load(name, "another fingerprint") is None
    assert prebuilt.load("no-such-table.json.gz", expected) is None


def test_fingerprint_follows_the_folding_and_the_tables() -> None:
    base = prebuilt.fingerprint(str.lower, [("Québec (Canada)", "CA")])
    assert prebuilt.fingerprint(str.lower, [("Québec (Canada)", "CA")]) == base
    assert prebuilt.fingerprint(str.casefold, [("Québec (Canada)", "CA")]) != base
    assert prebuilt.fingerprint(str.lower, [("Québec", "CA")]) != base


def test_stale_tables_are_rebuilt_with_the_same_lookups(monkeypatch: pytest.MonkeyPatch) -> None:
    shipped_geo = geodata.geo_index()
    shipped_names = (countries.country_code("Côte d’Ivoire"), countries.country_name_fr("MD"))
    monkeypatch.setattr(prebuilt, "load", lambda name, expected: None)
    geodata.geo_index.cache_clear()
    countries._lookups.cache_clear()
    try:
        rebuilt = geodata.geo_index()
        assert rebuilt.communes == shipped_geo.communes
        assert rebuilt.groupings_core == shipped_geo.groupings_core
        assert (countries.country_code("Côte d’Ivoire"), countries.country_name_fr("MD")) == (
            shipped_names
        )
    finally:
        geodata.geo_index.cache_clear()
        countries._lookups.cache_clear()
