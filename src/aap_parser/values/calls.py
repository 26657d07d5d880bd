"""The partner country of a bilateral call, read from its name (« franco-sénégalais »).

A bilateral call is named by the compound adjective « franco-X » in any gender and number
(-ais/-aise/-aises, -ien/-ienne/-iens, -ain/-aine ...), capitalised or not, or by the one
foreign country it names after « au », « aux », « en », « à » (« coopération décentralisée au
Liban »). A trilateral compound (« franco-germano-polonais »), an adjective naming no single
country (« franco-africain ») or two countries named give no country.
"""

from __future__ import annotations

from functools import cache

import regex

from aap_parser.values.countries import country_code, country_name_fr
from aap_parser.wording import fold

# Masculine singular adjective -> ISO code; an irregular feminine follows after a slash.
_DEMONYMS: dict[str, str] = {
    "sénégalais": "SN",
    "marocain": "MA",
    "palestinien": "PS",
    "libanais": "LB",
    "québécois": "CA",
    "tunisien": "TN",
    "mexicain": "MX",
    "argentin": "AR",
    "chilien": "CL",
    "brésilien": "BR",
    "béninois": "BJ",
    "burkinabè": "BF",
    "burkinabé": "BF",
    "burkinabe": "BF",
    "malien": "ML",
    "togolais": "TG",
    "nigérien": "NE",
    "haïtien": "HT",
    "japonais": "JP",
    "chinois": "CN",
    "indien": "IN",
    "arménien": "AM",
    "géorgien": "GE",
    "ukrainien": "UA",
    "allemand": "DE",
    "italien": "IT",
    "polonais": "PL",
    "roumain": "RO",
    "vietnamien": "VN",
    "viêtnamien": "VN",
    "cambodgien": "KH",
    "khmer": "KH",
    "laotien": "LA",
    "lao": "LA",
    "malgache": "MG",
    "mauritanien": "MR",
    "ivoirien": "CI",
    "camerounais": "CM",
    "comorien": "KM",
    "algérien": "DZ",
    "égyptien": "EG",
    "jordanien": "JO",
    "israélien": "IL",
    "turc/turque": "TR",
    "grec/grecque": "GR",
    "espagnol": "ES",
    "portugais": "PT",
    "belge": "BE",
    "suisse": "CH",
    "britannique": "GB",
    "anglais": "GB",
    "irlandais": "IE",
    "néerlandais": "NL",
    "hongrois": "HU",
    "tchèque": "CZ",
    "slovaque": "SK",
    "bulgare": "BG",
    "serbe": "RS",
    "croate": "HR",
    "albanais": "AL",
    "moldave": "MD",
    "russe": "RU",
    "canadien": "CA",
    "américain": "US",
    "colombien": "CO",
    "péruvien": "PE",
    "bolivien": "BO",
    "équatorien": "EC",
    "cubain": "CU",
    "nicaraguayen": "NI",
    "guatémaltèque": "GT",
    "uruguayen": "UY",
    "paraguayen": "PY",
    "vénézuélien": "VE",
    "dominicain": "DO",
    "coréen": "KR",
    "mongol": "MN",
    "thaïlandais": "TH",
    "indonésien": "ID",
    "philippin": "PH",
    "birman": "MM",
    "kazakh": "KZ",
    "ouzbek/ouzbèke": "UZ",
    "kirghize": "KG",
    "azerbaïdjanais": "AZ",
    "guinéen": "GN",
    "gabonais": "GA",
    "congolais": "CG",
    "tchadien": "TD",
    "centrafricain": "CF",
    "djiboutien": "DJ",
    "éthiopien": "ET",
    "kényan": "KE",
    "rwandais": "RW",
    "burundais": "BI",
    "ougandais": "UG",
    "tanzanien": "TZ",
    "mozambicain": "MZ",
    "sud-africain": "ZA",
    "ghanéen": "GH",
    "nigérian": "NG",
    "capverdien": "CV",
    "cap-verdien": "CV",
    "gambien": "GM",
    "libérien": "LR",
    "sierra-léonais": "SL",
    "mauricien": "MU",
    "seychellois": "SC",
    "libyen": "LY",
    "syrien": "SY",
    "irakien": "IQ",
    "iranien": "IR",
    "afghan": "AF",
    "pakistanais": "PK",
    "bangladais": "BD",
    "népalais": "NP",
    "sri-lankais": "LK",
    "australien": "AU",
    "néo-zélandais": "NZ",
    "autrichien": "AT",
    "danois": "DK",
    "suédois": "SE",
    "norvégien": "NO",
    "finlandais": "FI",
    "estonien": "EE",
    "letton": "LV",
    "lituanien": "LT",
    "slovène": "SI",
    "bosnien": "BA",
    "monténégrin": "ME",
    "macédonien": "MK",
    "kosovar": "XK",
    "biélorusse": "BY",
    "luxembourgeois": "LU",
    "chypriote": "CY",
    "maltais": "MT",
    "islandais": "IS",
}

_PRINTED_NAMES: dict[str, str] = {"québécois": "Québec"}

_IN_COUNTRY = regex.compile(
    r"\b(?:au|aux|en|à)\s+(\p{Lu}[\p{L}’'-]*(?:\s+[\p{L}’'-]+){0,3})"
)
_FRANCO = regex.compile(r"\bfranco\s*[-‐‑–]\s*((?:\p{L}+\s*[-‐‑–]\s*)*\p{L}+)", regex.IGNORECASE)


def _inflections(masculine: str) -> set[str]:
    """The four gender/number forms of a French adjective given its masculine singular."""
    base, _, feminine = masculine.partition("/")
    if not feminine:
        if base.endswith(("e", "è", "é")) and not base.endswith(("é",)):
            feminine = base
        elif base.endswith(("ien", "éen", "yen", "on")):
            feminine = base + "ne"
        else:
            feminine = base + "e"
    plural_m = base if base.endswith(("s", "x")) else base + "s"
    return {base, plural_m, feminine, feminine + "s"}


@cache
def _adjectives() -> dict[str, tuple[str, str]]:
    """Folded inflected adjective -> (printed country name, ISO code)."""
    table: dict[str, tuple[str, str]] = {}
    for masculine, code in _DEMONYMS.items():
        name = _PRINTED_NAMES.get(masculine) or country_name_fr(code) or code
        for form in _inflections(masculine):
            table[fold(form)] = (name, code)
    return table


def bilateral_country(text: str) -> tuple[str, str] | None:
    """The (country name, ISO code) of a bilateral call named « franco-X » in ``text``, or None."""
    table = _adjectives()
    found: set[tuple[str, str]] = set()
    for match in _FRANCO.finditer(text):
        compound = fold(match.group(1))
        hit = table.get(compound)
        if hit is None:
            # « franco-sénégalais-e » or a trilateral « franco-germano-polonais »: only a
            # single known adjective counts.
            parts = compound.split(" ")
            if len(parts) == 2 and parts[1] in {"e", "es", "ne", "nes", "s"}:
                hit = table.get(parts[0])
        if hit is not None:
            found.add(hit)
    for match in _IN_COUNTRY.finditer(text, overlapped=True):
        named = _named_country(match.group(1))
        if named is not None:
            found.add(named)
    return found.pop() if len(found) == 1 else None


def _named_country(words: str) -> tuple[str, str] | None:
    """The foreign country the longest run of ``words`` from their start names, if any."""
    parts = words.split()
    for end in range(len(parts), 0, -1):
        code = country_code(" ".join(parts[:end]))
        if code is not None and code != "FR":
            return country_name_fr(code) or code, code
    return None
