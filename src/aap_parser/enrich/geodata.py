"""The official geographic table (COG + EPCI list), loaded once on first use and indexed by key.

The data file is built by ``scripts/build_geo.py`` from the Etalab package
``@etalab/decoupage-administratif`` (Licence Ouverte 2.0); see ``docs/data.md``. The
index, its columns with the comparison keys of its names, ships prebuilt beside it
(:mod:`aap_parser.prebuilt`), as folding the names costs more than parsing an announcement
and building the index from the columns costs about half what it did from the table.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, TypeVar

from aap_parser import prebuilt
from aap_parser.collector import collector_paused
from aap_parser.enrich.normalise import drop_article, key
from aap_parser.errors import AapParseError
from aap_parser.wording import ARTICLES, GROUPING_FILLER

T = TypeVar("T")

DATA_FILE = "geo.json.gz"
INDEX_FILE = "geo-index.json"


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
    communes: dict[str, list[str]] = field(default_factory=dict)
    """full name key -> commune codes"""
    communes_no_article: dict[str, list[str]] = field(default_factory=dict)
    former: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    """former name key (a délégué or associé commune, a name the COG history gives before a
    renaming or a merger) -> (that name, the current commune code)"""
    groupings: dict[str, list[Grouping]] = field(default_factory=dict)
    """EPCI full name key -> groupings"""
    groupings_core: dict[str, list[Grouping]] = field(default_factory=dict)
    """EPCI distinctive words (``grouping_core``) -> groupings"""
    groupings_former: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
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


def _table_bytes() -> bytes:
    """The packaged table as stored (gzip'd JSON)."""
    try:
        return resources.files("aap_parser").joinpath("data", DATA_FILE).read_bytes()
    except OSError as exc:
        message = f"geographic table aap_parser/data/{DATA_FILE} unreadable: {exc}"
        raise AapParseError(message) from exc


def _read_table(raw: bytes) -> dict[str, Any]:
    """The packaged table decompressed and decoded."""
    try:
        table: dict[str, Any] = json.loads(gzip.decompress(raw))
    except (OSError, ValueError) as exc:
        message = f"geographic table aap_parser/data/{DATA_FILE} unreadable: {exc}"
        raise AapParseError(message) from exc
    return table


INDEX_LAYOUT = 2
"""The prebuilt index's layout (its columns and how they are stored): raise it when
``index_columns`` or ``_packed`` change, so that a file of another layout is not read."""


def _fingerprint(raw: bytes) -> str:
    """What the prebuilt index was computed from: this table, these folding rules, this
    layout."""
    digest = hashlib.sha256(raw).hexdigest()
    return prebuilt.fingerprint(key, [digest, INDEX_LAYOUT], ARTICLES, GROUPING_FILLER)


def index_columns(table: dict[str, Any]) -> dict[str, Any]:
    """What the index is built from, column by column: the table's codes and names with
    the comparison keys of the names (with and without a leading article; an EPCI's
    distinctive words), each column a list of strings; the communes' codes come grouped
    by key, several codes to a string (the key's homonyms)."""
    communes = _keyed("commune", table["communes"], ("code", "name"), ("bare", drop_article))
    codes = communes["commune_code"]
    return {
        "source": table["source"],
        "regions": table["regions"],
        "departements": table["departements"],
        "departement_key": [key(name) for _, name, _ in table["departements"]],
        "commune_code": codes,
        "commune_name": communes["commune_name"],
        **_codes_by_key("communes", communes["commune_key"], codes),
        **_codes_by_key("communes_no_article", communes["commune_bare"], codes),
        **_keyed("former", table["former_communes"], ("name", "current"), ("bare", drop_article)),
        **_keyed("epci", table["epci"], _EPCI_FIELDS, ("core", grouping_core)),
        **_keyed(
            "former_epci", table.get("former_epci", []), ("name", "siren"), ("core", grouping_core)
        ),
    }


def _keyed(
    prefix: str,
    rows: list[list[str]],
    fields: tuple[str, ...],
    variant: tuple[str, Callable[[str], str]],
) -> dict[str, list[str]]:
    """One list of the table as columns ``PREFIX_FIELD``, with the key of each row's name
    (``PREFIX_key``) and a variant of that key (``PREFIX_bare``: without its article)."""
    columns = {f"{prefix}_{field}": [row[i] for row in rows] for i, field in enumerate(fields)}
    keys = [key(name) for name in columns[f"{prefix}_name"]]
    label, vary = variant
    return {**columns, f"{prefix}_key": keys, f"{prefix}_{label}": [vary(k) for k in keys]}


def _codes_by_key(name: str, keys: list[str], codes: list[str]) -> dict[str, list[str]]:
    """Codes grouped by key: the distinct keys in order (``NAME_key``) and each one's codes
    joined by spaces (``NAME_codes``), so that loading maps each to its list at C speed."""
    grouped: dict[str, list[str]] = {}
    for folded, code in zip(keys, codes, strict=True):
        grouped.setdefault(folded, []).append(code)
    return {f"{name}_key": list(grouped), f"{name}_codes": [" ".join(c) for c in grouped.values()]}


def _split_codes(columns: dict[str, Any], name: str) -> dict[str, list[str]]:
    """The codes of :func:`_codes_by_key` by key again."""
    return dict(zip(columns[f"{name}_key"], map(str.split, columns[f"{name}_codes"]), strict=True))


_EPCI_FIELDS = ("siren", "name", "type", "region")
_COLUMN_SEPARATOR = "\n"


def _packed(columns: dict[str, Any]) -> dict[str, Any]:
    """The columns as the prebuilt file stores them: each list of strings as one string
    (lines), which JSON decodes faster than a list; an empty list as null."""
    packed: dict[str, Any] = {}
    for name, value in columns.items():
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            if any(_COLUMN_SEPARATOR in item for item in value):
                raise ValueError(f"{name}: a value holds a line break")
            value = _COLUMN_SEPARATOR.join(value) if value else None
        packed[name] = value
    return packed


def _unpacked(packed: dict[str, Any]) -> dict[str, Any]:
    """The columns back from :func:`_packed`."""
    return {
        name: (value.split(_COLUMN_SEPARATOR) if isinstance(value, str) else value or [])
        for name, value in packed.items()
        if name != "fingerprint"
    }


def _grouped(keys: list[str], values: list[T]) -> dict[str, list[T]]:
    """Each key's values in order (the index of one column by another), built at C speed
    for the keys that occur once."""
    grouped = dict(zip(keys, [[value] for value in values], strict=True))
    if len(grouped) < len(keys):
        repeated = {folded for folded, count in Counter(keys).items() if count > 1}
        for folded in repeated:
            grouped[folded] = []
        for folded, value in zip(keys, values, strict=True):
            if folded in repeated:
                grouped[folded].append(value)
    return grouped


def _gathered(
    columns: dict[str, Any], prefix: str, variant: str, target: str, *, empty: bool
) -> dict[str, list[tuple[str, str]]]:
    """Former names by key: each (name, ``target``) pair of the ``prefix`` columns filed
    under its name's key and the key's ``variant``, once each (an empty key only when
    ``empty``)."""
    gathered: dict[str, list[tuple[str, str]]] = {}
    keys = zip(columns[f"{prefix}_key"], columns[f"{prefix}_{variant}"], strict=True)
    pairs = zip(columns[f"{prefix}_name"], columns[f"{prefix}_{target}"], strict=True)
    for variants, pair in zip(keys, pairs, strict=True):
        for folded in dict.fromkeys(variants):
            listed = gathered.setdefault(folded, []) if folded or empty else None
            if listed is not None and pair not in listed:
                listed.append(pair)
    return gathered


def _index(columns: dict[str, Any]) -> GeoIndex:
    """Build the name-keyed indexes from the table's columns (:func:`index_columns`)."""
    source = columns["source"]
    index = GeoIndex(
        DataVintage(source["package"], source["version"], source["cog_year"], source["licence"])
    )
    index.region_names = dict(columns["regions"])
    for (code, name, region), folded in zip(
        columns["departements"], columns["departement_key"], strict=True
    ):
        index.departement_names[code] = name
        index.departement_region[code] = region
        index.departements.setdefault(folded, code)
        index.departements.setdefault(drop_article(folded), code)
    index.commune_names = dict(zip(columns["commune_code"], columns["commune_name"], strict=True))
    index.communes = _split_codes(columns, "communes")
    index.communes_no_article = _split_codes(columns, "communes_no_article")
    index.former = _gathered(columns, "former", "bare", "current", empty=True)
    groupings = [
        Grouping(*fields)
        for fields in zip(*(columns[f"epci_{field}"] for field in _EPCI_FIELDS), strict=True)
    ]
    index.groupings = _grouped(columns["epci_key"], groupings)
    index.groupings_core = _grouped(columns["epci_core"], groupings)
    index.groupings_former = _gathered(columns, "former_epci", "core", "siren", empty=False)
    return index


@cache
def geo_index() -> GeoIndex:
    """The indexed geographic table, loaded on the first call only: from the prebuilt
    index when it matches this table and these folding rules, else from the table."""
    raw = _table_bytes()
    packed = prebuilt.load(INDEX_FILE, _fingerprint(raw))
    columns = _unpacked(packed) if packed is not None else index_columns(_read_table(raw))
    with collector_paused():  # tens of thousands of lists, none in a cycle
        return _index(columns)


def build_index() -> tuple[str, dict[str, Any]]:
    """The prebuilt index file's fingerprint and content, for ``scripts/build_lookups.py``."""
    raw = _table_bytes()
    return _fingerprint(raw), _packed(index_columns(_read_table(raw)))


def data_vintage() -> DataVintage:
    """The source package, its version and COG year, for citing the codes' vintage."""
    return geo_index().vintage
