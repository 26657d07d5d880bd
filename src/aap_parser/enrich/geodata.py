"""The official geographic table (COG + EPCI list), loaded once on first use and indexed by key.

The data file is built by ``scripts/build_geo.py`` from the Etalab package
``@etalab/decoupage-administratif`` (Licence Ouverte 2.0); see ``docs/data.md``. The
comparison keys of its names ship prebuilt beside it (:mod:`aap_parser.prebuilt`), as
folding them all costs more than parsing an announcement.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from aap_parser import prebuilt
from aap_parser.enrich.normalise import drop_article, key
from aap_parser.errors import AapParseError
from aap_parser.wording import GROUPING_FILLER

DATA_FILE = "geo.json.gz"
KEYS_FILE = "geo-keys.json.gz"


@dataclass(frozen=True)
class DataVintage:
    """Where the geographic table comes from: package, version, COG year, licence."""

    package: str
    version: str
    cog_year: int | None
    licence: str


@dataclass(frozen=True)
class Grouping:
    """An EPCI (or EPT): SIREN, official name, type (CC, CA, CU, METRO, MET69, EPT), region."""

    siren: str
    name: str
    type: str
    region: str


@dataclass
class GeoIndex:
    """Lookup tables keyed by normalised name (see ``normalise.key``)."""

    vintage: DataVintage
    region_names: dict[str, str] = field(default_factory=dict)
    """region code -> official name"""
    departement_names: dict[str, str] = field(default_factory=dict)
    departement_region: dict[str, str] = field(default_factory=dict)
    departements: dict[str, str] = field(default_factory=dict)
    """name key (with and without article) -> département code"""
    commune_names: dict[str, str] = field(default_factory=dict)
    """commune code -> official name"""
    communes: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    """full name key -> commune codes"""
    communes_no_article: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    former: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    """former name key (a délégué or associé commune, a name the COG history gives before a
    renaming or a merger) -> (that name, the current commune code)"""
    groupings: dict[str, list[Grouping]] = field(default_factory=lambda: defaultdict(list))
    """EPCI full name key -> groupings"""
    groupings_core: dict[str, list[Grouping]] = field(default_factory=lambda: defaultdict(list))
    """EPCI distinctive words (``grouping_core``) -> groupings"""
    groupings_former: dict[str, list[tuple[str, str]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    """former EPCI name key (full, then ``grouping_core``) -> (that name, current SIREN)"""

    def commune_region(self, code: str) -> str:
        """The current region code of a commune, from its département."""
        return self.departement_region[commune_departement(code)]


def commune_departement(code: str) -> str:
    """The département code a commune code starts with (3 characters overseas)."""
    return code[:3] if code[:2] in {"97", "98"} else code[:2]


def grouping_core(folded: str) -> str:
    """An EPCI name's distinctive words, sorted: 'CU du Grand Poitiers' -> 'grand poitiers'.

    Type words and articles are dropped, so "Aix-Marseille-Provence Métropole" and the official
    "Métropole d'Aix-Marseille-Provence" share a core.
    """
    return " ".join(sorted(set(folded.split(" ")) - GROUPING_FILLER))


def _read_table() -> tuple[dict[str, Any], str]:
    """Read and decompress the packaged JSON table; also the fingerprint its keys need."""
    try:
        raw = resources.files("aap_parser").joinpath("data", DATA_FILE).read_bytes()
        table: dict[str, Any] = json.loads(gzip.decompress(raw))
    except (OSError, ValueError) as exc:
        message = f"geographic table aap_parser/data/{DATA_FILE} unreadable: {exc}"
        raise AapParseError(message) from exc
    return table, prebuilt.fingerprint(key, [hashlib.sha256(raw).hexdigest()])


def name_keys(table: dict[str, Any]) -> dict[str, list[str]]:
    """The comparison key of every name the index files, list by list of the table."""
    return {
        "departements": [key(name) for _, name, _ in table["departements"]],
        "communes": [key(name) for _, name in table["communes"]],
        "former_communes": [key(name) for name, _ in table["former_communes"]],
        "epci": [key(name) for _, name, _, _ in table["epci"]],
    }


def _index(table: dict[str, Any], keys: dict[str, list[str]]) -> GeoIndex:
    """Build the name-keyed indexes from the raw table and its names' keys."""
    source = table["source"]
    index = GeoIndex(
        DataVintage(source["package"], source["version"], source["cog_year"], source["licence"])
    )
    for code, name in table["regions"]:
        index.region_names[code] = name
    for (code, name, region), folded in zip(
        table["departements"], keys["departements"], strict=True
    ):
        index.departement_names[code] = name
        index.departement_region[code] = region
        index.departements.setdefault(folded, code)
        index.departements.setdefault(drop_article(folded), code)
    for (code, name), folded in zip(table["communes"], keys["communes"], strict=True):
        index.commune_names[code] = name
        index.communes[folded].append(code)
        index.communes_no_article[drop_article(folded)].append(code)
    for (name, current), folded in zip(
        table["former_communes"], keys["former_communes"], strict=True
    ):
        for variant in {folded, drop_article(folded)}:
            if (name, current) not in index.former[variant]:
                index.former[variant].append((name, current))
    for (siren, name, kind, region), folded in zip(table["epci"], keys["epci"], strict=True):
        grouping = Grouping(siren, name, kind, region)
        index.groupings[folded].append(grouping)
        index.groupings_core[grouping_core(folded)].append(grouping)
    for name, siren in table.get("former_epci", []):
        folded = key(name)
        for variant in dict.fromkeys((folded, grouping_core(folded))):
            if variant and (name, siren) not in index.groupings_former[variant]:
                index.groupings_former[variant].append((name, siren))
    return index


@cache
def geo_index() -> GeoIndex:
    """The indexed geographic table, loaded on the first call only (the names' keys from
    the prebuilt file when it matches this table and these folding rules)."""
    table, expected = _read_table()
    keys = prebuilt.load(KEYS_FILE, expected)
    return _index(table, keys if keys is not None else name_keys(table))


def build_keys() -> tuple[str, dict[str, list[str]]]:
    """The prebuilt keys file's fingerprint and content, for ``scripts/build_lookups.py``."""
    table, expected = _read_table()
    return expected, name_keys(table)


def data_vintage() -> DataVintage:
    """The source package, its version and COG year, for citing the codes' vintage."""
    return geo_index().vintage
