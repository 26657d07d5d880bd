"""French country names to ISO 3166-1 alpha-2 codes, and back.

Names come from pycountry's French gettext catalogue (official, short and common forms,
inverted forms such as « Moldova, République de » read both ways), then pycountry's English
names, then an alias table for the forms French announcements print that pycountry writes
differently or lacks (Vietnam, Territoires palestiniens, Kosovo, Québec ...). Matching folds
accents, case, apostrophes, hyphens and spaces. The lookups (folded names, French short
names, subdivisions) ship prebuilt in the package data (:mod:`aap_parser.prebuilt`), so
that pycountry is read only to rebuild them, or when they no longer match this module.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable
from functools import cache
from typing import Any

import regex

from aap_parser import prebuilt
from aap_parser.wording import ARTICLES, CONTRACTIONS, PLACE_PREPOSITIONS, PREPOSITIONS, fold

_ARTICLE = regex.compile(
    r"^(?:"
    + "|".join(sorted(ARTICLES | PREPOSITIONS | CONTRACTIONS | PLACE_PREPOSITIONS))
    + r")\s+"
)

# Printed forms pycountry lacks or writes differently. The key is the printed form; the
# value the ISO code. Québec is a province printed in place of its country (Canada).
_ALIASES: dict[str, str] = {
    "Vietnam": "VN",
    "Viêt Nam": "VN",
    "Viêt-Nam": "VN",
    "Viet Nam": "VN",
    "Palestine": "PS",
    "Territoires palestiniens": "PS",
    "Territoire palestinien": "PS",
    "Autorité palestinienne": "PS",
    "Territoires palestiniens occupés": "PS",
    "Cisjordanie": "PS",
    "Gaza": "PS",
    "Québec": "CA",
    "Québec, Canada": "CA",
    "Québec - Canada": "CA",
    "RDC": "CD",
    "RD Congo": "CD",
    "République démocratique du Congo": "CD",
    "Congo-Kinshasa": "CD",
    "Congo Kinshasa": "CD",
    "Congo": "CG",
    "Congo-Brazzaville": "CG",
    "République du Congo": "CG",
    "Moldavie": "MD",
    "Moldova": "MD",
    "République de Moldavie": "MD",
    "Kosovo": "XK",
    "Russie": "RU",
    "Fédération de Russie": "RU",
    "Corée du Sud": "KR",
    "Corée": "KR",
    "République de Corée": "KR",
    "Corée du Nord": "KP",
    "Bolivie": "BO",
    "Tanzanie": "TZ",
    "Syrie": "SY",
    "Laos": "LA",
    "Iran": "IR",
    "Macédoine du Nord": "MK",
    "Macédoine": "MK",
    "ARYM": "MK",
    "Cap-Vert": "CV",
    "Cabo Verde": "CV",
    "Côte d'Ivoire": "CI",
    "Etats-Unis": "US",
    "États-Unis": "US",
    "États-Unis d'Amérique": "US",
    "USA": "US",
    "Royaume-Uni": "GB",
    "Grande-Bretagne": "GB",
    "Angleterre": "GB",
    "Écosse": "GB",
    "Pays de Galles": "GB",
    "Irlande du Nord": "GB",
    "Pays-Bas": "NL",
    "Hollande": "NL",
    "Haïti": "HT",
    "Cambodge": "KH",
    "Liban": "LB",
    "Maroc": "MA",
    "Tunisie": "TN",
    "Sénégal": "SN",
    "Bénin": "BJ",
    "Togo": "TG",
    "Mali": "ML",
    "Niger": "NE",
    "Burkina Faso": "BF",
    "Burkina": "BF",
    "Madagascar": "MG",
    "Comores": "KM",
    "Mauritanie": "MR",
    "Guinée": "GN",
    "Guinée Conakry": "GN",
    "Guinée-Conakry": "GN",
    "Guinée-Bissau": "GW",
    "Guinée équatoriale": "GQ",
    "Arménie": "AM",
    "Géorgie": "GE",
    "Ukraine": "UA",
    "Argentine": "AR",
    "Chili": "CL",
    "Brésil": "BR",
    "Mexique": "MX",
    "Colombie": "CO",
    "Nicaragua": "NI",
    "Inde": "IN",
    "Chine": "CN",
    "Japon": "JP",
    "Mongolie": "MN",
    "Birmanie": "MM",
    "Myanmar": "MM",
    "Venezuela": "VE",
    "Vénézuéla": "VE",
    "Tchéquie": "CZ",
    "République tchèque": "CZ",
    "Biélorussie": "BY",
    "Bélarus": "BY",
    "Timor oriental": "TL",
    "Timor-Leste": "TL",
    "Eswatini": "SZ",
    "Swaziland": "SZ",
    "Kirghizstan": "KG",
    "Kirghizistan": "KG",
    "Saint-Siège": "VA",
    "Vatican": "VA",
    "Taïwan": "TW",
    "Macao": "MO",
    "Surinam": "SR",
    "Suriname": "SR",
    "Île Maurice": "MU",
    "Maurice": "MU",
    "Sao Tomé-et-Principe": "ST",
    "Salvador": "SV",
    "El Salvador": "SV",
    "Micronésie": "FM",
    "Irak": "IQ",
    "Iraq": "IQ",
    "Libye": "LY",
    "Egypte": "EG",
    "Algérie": "DZ",
    "Centrafrique": "CF",
    "République centrafricaine": "CF",
    "Tchad": "TD",
    "Gabon": "GA",
    "Cameroun": "CM",
    "Djibouti": "DJ",
    "Éthiopie": "ET",
    "Rwanda": "RW",
    "Burundi": "BI",
    "Kenya": "KE",
    "Ouganda": "UG",
    "Mozambique": "MZ",
    "Afrique du Sud": "ZA",
    "Ghana": "GH",
    "Nigeria": "NG",
    "Nigéria": "NG",
    "Gambie": "GM",
    "Sierra Leone": "SL",
    "Liberia": "LR",
    "Libéria": "LR",
    "Cuba": "CU",
    "Pérou": "PE",
    "Équateur": "EC",
    "Uruguay": "UY",
    "Paraguay": "PY",
    "Guatemala": "GT",
    "Honduras": "HN",
    "Costa Rica": "CR",
    "République dominicaine": "DO",
    "Philippines": "PH",
    "Indonésie": "ID",
    "Thaïlande": "TH",
    "Malaisie": "MY",
    "Ouzbékistan": "UZ",
    "Kazakhstan": "KZ",
    "Azerbaïdjan": "AZ",
    "Turquie": "TR",
    "Israël": "IL",
    "Jordanie": "JO",
    "Palestine, État de": "PS",
    "Allemagne": "DE",
    "Italie": "IT",
    "Pologne": "PL",
    "Roumanie": "RO",
    "Bulgarie": "BG",
    "Hongrie": "HU",
    "Slovaquie": "SK",
    "Espagne": "ES",
    "Portugal": "PT",
    "Grèce": "GR",
    "Albanie": "AL",
    "Serbie": "RS",
    "Bosnie-Herzégovine": "BA",
    "Bosnie": "BA",
    "Monténégro": "ME",
    "Croatie": "HR",
    "Slovénie": "SI",
    "Lituanie": "LT",
    "Lettonie": "LV",
    "Estonie": "EE",
    "Québec (Canada)": "CA",
}

# The usual French short name where pycountry's is inverted, long or unusual.
_SHORT_NAMES: dict[str, str] = {
    "VN": "Vietnam",
    "PS": "Palestine",
    "MD": "Moldavie",
    "KR": "Corée du Sud",
    "KP": "Corée du Nord",
    "LA": "Laos",
    "SY": "Syrie",
    "TZ": "Tanzanie",
    "BO": "Bolivie",
    "IR": "Iran",
    "RU": "Russie",
    "CG": "Congo",
    "CD": "République démocratique du Congo",
    "VE": "Venezuela",
    "XK": "Kosovo",
    "TW": "Taïwan",
    "MO": "Macao",
    "FM": "Micronésie",
    "VA": "Saint-Siège",
    "GQ": "Guinée équatoriale",
    "MU": "Maurice",
}


fold_name = fold
"""Fold a name for matching (see :func:`aap_parser.wording.fold`)."""


LOOKUPS_FILE = "countries.json.gz"


def _fingerprint() -> str:
    """What the prebuilt lookups were computed from, besides pycountry's data."""
    return prebuilt.fingerprint(fold, _ALIASES.items(), _SHORT_NAMES.items())


@cache
def _lookups() -> dict[str, Any]:
    """The prebuilt lookups, or, when they are stale or missing, the same built here."""
    return prebuilt.load(LOOKUPS_FILE, _fingerprint()) or build_lookups()[1]


def build_lookups() -> tuple[str, dict[str, Any]]:
    """The prebuilt lookups' fingerprint and content, read from pycountry."""
    import pycountry

    codes = sorted({country.alpha_2 for country in pycountry.countries} | _SHORT_NAMES.keys())
    names = {code: name for code in codes if (name := _read_name_fr(code)) is not None}
    parts = {code: sorted(found) for code in codes if (found := _read_subdivisions(code))}
    table = {"index": _read_index(), "names_fr": names, "subdivisions": parts}
    return _fingerprint(), table


@cache
def _french() -> gettext.NullTranslations:
    """pycountry's French catalogue of ISO 3166-1 names (a null one if it is missing)."""
    import pycountry

    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    except OSError:
        return gettext.NullTranslations()


def _name_forms(name: str) -> list[str]:
    """A name and, for an inverted ISO form « X, Y de », both « Y de X » and « X »."""
    forms = [name]
    if ", " in name:
        head, _, tail = name.partition(", ")
        joiner = "" if tail.endswith(("'", "’")) else " "
        forms += [f"{tail}{joiner}{head}", head]
    return forms


def _index() -> dict[str, str]:
    """Folded country name -> alpha-2 code (see :func:`_read_index`)."""
    index: dict[str, str] = _lookups()["index"]
    return index


def _read_index() -> dict[str, str]:
    """Folded country name -> alpha-2 code; aliases first, then French, then English names."""
    import pycountry

    fr = _french()
    index: dict[str, str] = {fold(k): v for k, v in _ALIASES.items()}
    seen: dict[str, set[str]] = {}
    for language in ("fr", "en"):
        for country in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                raw = getattr(country, attr, None)
                if not raw:
                    continue
                printed = fr.gettext(raw) if language == "fr" else raw
                for form in _name_forms(printed):
                    seen.setdefault(fold(form), set()).add(country.alpha_2)
        # A form naming two countries (« Corée » from both Koreas) is left to the aliases.
        for key, codes in seen.items():
            if len(codes) == 1 and key:
                index.setdefault(key, next(iter(codes)))
        seen.clear()
    return index


def country_code(name: str) -> str | None:
    """The ISO 3166-1 alpha-2 code for a country name as printed in French, or None."""
    key = fold(name)
    if not key:
        return None
    index = _index()
    if key in index:
        return index[key]
    stripped = _ARTICLE.sub("", key)
    return index.get(stripped) if stripped != key else None


def country_name_fr(code: str) -> str | None:
    """The usual French short name of an alpha-2 code (e.g. "SN" -> "Sénégal"), or None."""
    name: str | None = _lookups()["names_fr"].get(code.strip().upper())
    return name


def _read_name_fr(code: str) -> str | None:
    """The usual French short name of an alpha-2 code, read from pycountry."""
    import pycountry

    if code in _SHORT_NAMES:
        return _SHORT_NAMES[code]
    country = pycountry.countries.get(alpha_2=code) if len(code) == 2 else None
    if country is None:
        return None
    fr = _french()
    common = getattr(country, "common_name", None)
    name: str = fr.gettext(common) if common else fr.gettext(country.name)
    if ", " in name:
        head, _, tail = name.partition(", ")
        name = f"{tail} {head}" if tail.casefold().startswith(("île", "îles")) else head
    return name


@cache
def _subdivisions(code: str) -> frozenset[str]:
    """Folded names (English and French) of a country's ISO 3166-2 subdivisions."""
    return frozenset(_lookups()["subdivisions"].get(code, ()))


def _read_subdivisions(code: str) -> frozenset[str]:
    """Folded names of a country's subdivisions, read from pycountry."""
    import pycountry

    fr: gettext.NullTranslations
    try:
        fr = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["fr"])
    except OSError:
        fr = gettext.NullTranslations()
    names: set[str] = set()
    lookup: Callable[..., Any] = pycountry.subdivisions.get
    for sub in lookup(country_code=code) or ():
        for printed in (sub.name, fr.gettext(sub.name)):
            bare = regex.sub(r"\s*\([^)]*\)", "", printed)
            names.update({fold(printed), fold(bare)})
    names.discard("")
    return frozenset(names)


def is_subdivision(name: str, code: str) -> bool:
    """True when ``name`` is an ISO 3166-2 subdivision (province, region...) of ``code``."""
    return bool(code) and fold(name) in _subdivisions(code.upper())
