"""Printed French region names -> INSEE code of the current (post-2016) region.

Accepts current names, the 22+5 pre-2016 regions, the interim 2016 double names and usual short
forms ("PACA", "Région Sud"); a typo is matched fuzzily and reported in the warning.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from aap_parser.enrich.geodata import geo_index
from aap_parser.enrich.normalise import closest, drop_preposition, key, strip_prefix
from aap_parser.grid import ParseWarning, WarningCode, warn
from aap_parser.wording import REGION_PREFIXES

# Former and alternative names; the current official names come from the data file.
_ALIASES: dict[str, str] = {
    # pre-2016 regions
    "Alsace": "44",
    "Lorraine": "44",
    "Champagne-Ardenne": "44",
    "Aquitaine": "75",
    "Limousin": "75",
    "Poitou-Charentes": "75",
    "Auvergne": "84",
    "Rhône-Alpes": "84",
    "Basse-Normandie": "28",
    "Haute-Normandie": "28",
    "Bourgogne": "27",
    "Franche-Comté": "27",
    "Centre": "24",
    "Languedoc-Roussillon": "76",
    "Midi-Pyrénées": "76",
    "Nord-Pas-de-Calais": "32",
    "Picardie": "32",
    "Réunion": "04",
    "Île de la Réunion": "04",
    # interim 2016 names
    "Alsace-Champagne-Ardenne-Lorraine": "44",
    "ACAL": "44",
    "Aquitaine-Limousin-Poitou-Charentes": "75",
    "ALPC": "75",
    "Languedoc-Roussillon-Midi-Pyrénées": "76",
    "LRMP": "76",
    "Occitanie / Pyrénées-Méditerranée": "76",
    "Nord-Pas-de-Calais-Picardie": "32",
    "NPdCP": "32",
    # short or brand names
    "PACA": "93",
    "Région Sud": "93",
    "Sud": "93",
    "Région Sud Provence-Alpes-Côte d'Azur": "93",
    "AURA": "84",
    "ARA": "84",
    "IDF": "11",
    "BFC": "27",
    "Centre Val de Loire": "24",
    "Collectivité de Corse": "94",
    "Collectivité territoriale de Corse": "94",
    "Collectivité territoriale de Martinique": "02",
    "Collectivité territoriale de Guyane": "03",
}
FUZZY_CUTOFF = 0.8


@dataclass(frozen=True)
class RegionMatch:
    """A region lookup: the current INSEE code (None if unknown) and a warning if guessed."""

    code: str | None
    name: str | None = None
    warning: ParseWarning | None = None


def printed_region_names() -> list[str]:
    """Every region name as printed: official, former, interim and short forms."""
    return [*geo_index().region_names.values(), *_ALIASES]


@cache
def region_keys() -> dict[str, str]:
    """Every known region name key (official, former, interim, short) -> current INSEE code."""
    table = {key(name): code for code, name in geo_index().region_names.items()}
    for name, code in _ALIASES.items():
        table[key(name)] = code
    return table


def exact_region(folded: str) -> str | None:
    """The region code for a folded name, also after a 'Région'/'Conseil régional de' prefix."""
    table = region_keys()
    if folded in table:
        return table[folded]
    rest = strip_prefix(folded, REGION_PREFIXES)
    if rest:
        rest = drop_preposition(rest)
        if rest in table:
            return table[rest]
    return None


@lru_cache(maxsize=1024)
def match_region(printed: str) -> RegionMatch:
    """Look a printed region up; exact (any spelling) first, then fuzzy with a warning."""
    folded = key(printed)
    if not folded:
        return RegionMatch(None)
    names = geo_index().region_names
    code = exact_region(folded)
    if code is not None:
        return RegionMatch(code, names[code])
    rest = strip_prefix(folded, REGION_PREFIXES)
    target = drop_preposition(rest) if rest else folded
    near = closest(target, region_keys(), FUZZY_CUTOFF)
    if near is None:
        message = f"region {printed.strip()!r} not recognised"
        return RegionMatch(None, warning=warn(WarningCode.REGION_UNKNOWN, message))
    code = region_keys()[near]
    return RegionMatch(
        code,
        names[code],
        warn(
            WarningCode.REGION_APPROXIMATE,
            f"region {printed.strip()!r} read as {names[code]!r} ({code}) by approximate match",
        ),
    )


def is_region_name(printed: str) -> bool:
    """True when ``printed`` names a French region exactly (any spelling, no guess)."""
    folded = key(printed)
    return bool(folded) and exact_region(folded) is not None


def region_code(printed: str) -> str | None:
    """INSEE code of the current region a printed name denotes, or None if unknown.

    A fuzzy match still returns the code; ``match_region`` also gives the warning saying so.
    """
    return match_region(printed).code
