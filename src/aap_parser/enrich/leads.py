"""Classify a lead authority's printed name: its kind and official code (INSEE or SIREN).

The prefix decides the kind ("Conseil départemental de", "Ville de", "Communauté de communes",
"Syndicat"...); a bare name is looked up among regions, départements, communes and EPCI, homonyms
being told apart by the row's region. Anything guessed carries a warning; unknown codes are None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from aap_parser.enrich.geodata import Grouping, commune_departement, geo_index, grouping_core
from aap_parser.enrich.normalise import (
    closest,
    drop_article,
    drop_preposition,
    key,
    strip_prefix,
)
from aap_parser.enrich.regions import exact_region, match_region
from aap_parser.grid import ParseWarning, WarningCode, warn
from aap_parser.models import LeadKind
from aap_parser.wording import (
    ARTICLES,
    COMMUNE_PREFIXES,
    DEPARTEMENT_PREFIXES,
    GROUPING_LONG_FORMS,
    GROUPING_WORDS,
    PREPOSITIONS,
    REGION_PREFIXES,
    SYNDICAT_PHRASES,
    SYNDICAT_WORDS,
)

Kind = LeadKind


@dataclass(frozen=True)
class LeadMatch:
    """What a lead authority is: kind (None for a blank name), code (None if unknown), warning."""

    kind: Kind | None
    code: str | None = None
    warning: ParseWarning | None = None


# Subjects that, in a body's name, usually mean an intercommunal syndicat (a guess: warned).
_SYNDICAT_SUBJECTS = frozenset(
    {"dechets", "eau", "eaux", "assainissement", "energie", "energies", "electricite", "ordures"}
)
_ACRONYM = re.compile(r"S[A-Z]{2,7}")
_HINT = re.compile(r"\s*\(([^()]*)\)\s*$")
# Successor names whose old form is still printed (e.g. the Courly before 2015).
_SUCCESSORS = {"grand lyon": "metropole de lyon", "communaute urbaine de lyon": "metropole de lyon"}
# The Collectivité européenne d'Alsace (2021) holds départemental powers but has no COG code.
_NO_CODE_DEPARTEMENTS = ("collectivite europeenne d alsace",)
# Bare names of two authorities where one is meant: the Ville de Paris (a collectivité à statut
# particulier since 2019) holds both commune and département powers under commune code 75056.
_BARE_NAMES: dict[str, LeadMatch] = {"paris": LeadMatch("commune", "75056")}
_FUZZY_CUTOFF = 0.85


@lru_cache(maxsize=8192)
def classify_lead(
    name: str, region_code: str | None = None, *, approximate: bool = True
) -> LeadMatch:
    """Kind and code of a printed lead authority; ``region_code`` (the row's) splits homonyms.

    ``approximate=False`` skips the slow approximate commune match (exact names only).
    """
    printed = " ".join(name.split())
    hint_match = _HINT.search(printed)
    hint = hint_match.group(1) if hint_match else None
    base = printed[: hint_match.start()] if hint_match else printed
    folded = key(base)
    if not folded:
        return LeadMatch(None)
    found = _by_prefix(printed, folded, region_code, hint, approximate) or _by_name(
        printed, folded, region_code, hint
    )
    if found is not None:
        return _in_row_region(printed, found, region_code)
    return _unlisted(printed, folded)


def _in_row_region(printed: str, found: LeadMatch, region: str | None) -> LeadMatch:
    """No code that the row disproves: a commune or EPCI code outside the row's region is
    dropped, warned (a homonym or a guess went wrong). A région or département named exactly
    has one code whatever the row says: it is kept, and the conflict is an error to check."""
    if region is None or found.code is None:
        return found
    where = code_region(found.kind, found.code)
    if where is None or where == region:
        return found
    index = geo_index()
    if found.kind in ("region", "departement") and found.warning is None:
        return LeadMatch(found.kind, found.code, warn(
            WarningCode.LEAD_REGION_CONFLICT,
            f"{printed!r} is {found.kind} {found.code}, in "
            f"{index.region_names.get(where, where)}, but the row's region is "
            f"{index.region_names.get(region, region)}",
        ))
    return LeadMatch(found.kind, None, warn(
        WarningCode.LEAD_OUTSIDE_REGION,
        f"{printed!r} would be {found.kind} {found.code}, which lies in "
        f"{index.region_names.get(where, where)}, not in the row's region "
        f"{index.region_names.get(region, region)}: no code",
    ))


def code_region(kind: Kind | None, code: str) -> str | None:
    """The region code an authority's official code lies in (None if it cannot be told)."""
    index = geo_index()
    if kind == "region":
        return code
    if kind == "departement":
        return index.departement_region.get(code)
    if kind == "commune" and commune_departement(code) in index.departement_region:
        return index.commune_region(code)
    if kind == "epci":
        grouping = _groupings_by_siren().get(code)
        return grouping.region if grouping is not None else None
    return None


@cache
def _groupings_by_siren() -> dict[str, Grouping]:
    """Every EPCI and EPT of the table by SIREN."""
    return {g.siren: g for gs in geo_index().groupings.values() for g in gs}


def _by_prefix(
    printed: str, folded: str, region: str | None, hint: str | None, approximate: bool = True
) -> LeadMatch | None:
    """Classify from a prefix naming the kind of authority, if there is one."""
    if strip_prefix(folded, _NO_CODE_DEPARTEMENTS) is not None:
        return LeadMatch("departement", None, warn(
            WarningCode.LEAD_WITHOUT_CODE,
            f"{printed!r} holds départemental powers but has no INSEE code",
        ))
    if _is_grouping(folded) or folded in _SUCCESSORS:
        return _grouping(printed, folded, region)
    if _is_syndicat(folded):
        return LeadMatch("syndicat")
    rest = strip_prefix(folded, REGION_PREFIXES)
    if rest is not None and exact_region(folded) is not None:
        return LeadMatch("region", exact_region(folded))
    if rest:
        found = match_region(drop_preposition(rest))
        return LeadMatch("region", found.code, _named(printed, found.warning))
    rest = strip_prefix(folded, DEPARTEMENT_PREFIXES)
    if rest:
        return _departement(printed, drop_preposition(rest), region)
    rest = strip_prefix(folded, COMMUNE_PREFIXES)
    if rest:
        commune = _commune(printed, rest, region, hint, fuzzy=approximate)
        if commune is None and not approximate:
            return LeadMatch("commune", None, warn(
                WarningCode.LEAD_UNKNOWN, f"commune in {printed!r} not recognised"
            ))
        return commune
    return None


def _by_name(printed: str, folded: str, region: str | None, hint: str | None) -> LeadMatch | None:
    """Classify a bare name: region, département, commune or EPCI of that exact name."""
    if folded in _BARE_NAMES:
        return _BARE_NAMES[folded]
    index = geo_index()
    region_found = exact_region(folded)
    departement = index.departements.get(folded)
    if departement is not None and region not in (None, index.departement_region[departement]):
        departement = None
    commune = _commune(printed, folded, region, hint, fuzzy=False, strict_region=True)
    if region_found is not None:
        return LeadMatch("region", region_found, _also(printed, departement, commune))
    if departement is not None:
        return LeadMatch("departement", departement, _also(printed, None, commune))
    if commune is not None:
        return commune
    groupings = index.groupings.get(folded, [])
    if groupings:
        return _pick_grouping(printed, groupings, region)
    if region is not None:  # a commune of that name outside the row's region, with a warning
        return _commune(printed, folded, region, hint, fuzzy=False)
    return None


def _also(
    printed: str, departement: str | None, commune: LeadMatch | None
) -> ParseWarning | None:
    """The warning for a bare name that is also another kind of authority."""
    others = []
    if departement is not None:
        others.append(f"département {departement}")
    if commune is not None:
        others.append(f"commune {commune.code}" if commune.code else "a commune")
    if not others:
        return None
    return warn(
        WarningCode.LEAD_LARGER_AUTHORITY,
        f"{printed!r} is also {' and '.join(others)}; the larger authority was chosen",
    )


def _named(printed: str, warning: ParseWarning | None) -> ParseWarning | None:
    """Prefix a lookup warning with the lead as printed."""
    if warning is None:
        return None
    return replace(warning, message=f"lead {printed!r}: {warning.message}")


def _departement(printed: str, rest: str, region: str | None) -> LeadMatch:
    """A département named after a 'Conseil départemental de' style prefix."""
    index = geo_index()
    code_form = rest.upper().replace(" ", "")
    if code_form in index.departement_names:
        return LeadMatch("departement", code_form)
    for variant in (rest, drop_article(rest)):
        if variant in index.departements:
            return LeadMatch("departement", index.departements[variant])
    near = closest(rest, index.departements, _FUZZY_CUTOFF)
    if near is None:
        return LeadMatch("departement", None, warn(
            WarningCode.LEAD_UNKNOWN, f"département in {printed!r} not recognised"
        ))
    code = index.departements[near]
    return LeadMatch(
        "departement",
        code,
        warn(
            WarningCode.LEAD_APPROXIMATE,
            f"{printed!r} read as département {index.departement_names[code]} ({code}) "
            "by approximate match",
        ),
    )


def _hint_filter(hint: str | None) -> tuple[str | None, str | None]:
    """A '(93)' or '(La Réunion)' after a commune: (département, region) it points to."""
    if not hint:
        return None, None
    index = geo_index()
    folded = key(hint)
    code_form = folded.upper().replace(" ", "")
    if code_form in index.departement_names:
        return code_form, None
    for variant in (folded, drop_article(folded)):
        if variant in index.departements:
            return index.departements[variant], None
    return None, exact_region(folded)


def _commune(
    printed: str,
    rest: str,
    region: str | None,
    hint: str | None,
    *,
    fuzzy: bool,
    strict_region: bool = False,
) -> LeadMatch | None:
    """A commune by name (after 'Ville de' etc. when ``fuzzy``); homonyms split by region."""
    index = geo_index()
    hint_departement, hint_region = _hint_filter(hint)
    region = hint_region or region
    stripped = drop_preposition(rest)
    forms = [
        index.communes.get(_with_article(rest), []),
        index.communes.get(rest, []),
        index.communes.get(stripped, []),
        index.communes_no_article.get(drop_article(stripped), []),
    ]
    if hint_departement is not None:
        forms = [[c for c in form if commune_departement(c) == hint_departement] for form in forms]
    codes = next((list(codes) for codes in forms if codes), [])
    former = index.former.get(stripped, []) or index.former.get(drop_article(stripped), [])
    if region is not None and codes and all(index.commune_region(c) != region for c in codes):
        # A homonym elsewhere: the row's region may hold the name with or without its
        # article (« Ville du Port » is Le Port, not Port in the Ain), or as a former name
        # (« Évry », since merged into Évry-Courcouronnes, and not Évry in the Yonne).
        near = sorted({c for form in forms for c in form if index.commune_region(c) == region})
        if near:
            codes = near
        elif any(index.commune_region(current) == region for _, current in former):
            codes = []
    if codes:
        return _pick_commune(printed, codes, region, strict_region)
    if former:
        currents = sorted({current for _, current in former})
        in_region = [c for c in currents if region is None or index.commune_region(c) == region]
        if len(in_region) == 1:
            code = in_region[0]
            return LeadMatch(
                "commune",
                code,
                warn(
                    WarningCode.LEAD_FORMER_NAME,
                    f"{printed!r} is a former commune, now part of "
                    f"{index.commune_names[code]} ({code})",
                ),
            )
        if fuzzy or in_region:
            return LeadMatch("commune", None, warn(
                WarningCode.LEAD_AMBIGUOUS,
                f"{printed!r} is a former commune of {', '.join(currents)}",
            ))
    if not fuzzy:
        return None
    return _fuzzy_commune(printed, stripped, region)


def _with_article(rest: str) -> str:
    """A commune name after « Ville du / des / de la », with its article: « du port » ->
    « le port », « des abymes » -> « les abymes », « de la rochelle » -> « la rochelle »."""
    words = rest.split(" ")
    if len(words) > 1 and words[0] == "du":
        return " ".join(["le", *words[1:]])
    if len(words) > 1 and words[0] == "des":
        return " ".join(["les", *words[1:]])
    if len(words) > 2 and words[0] in PREPOSITIONS and words[1] in ARTICLES:
        return " ".join(words[1:])
    return rest


def _pick_commune(
    printed: str, codes: list[str], region: str | None, strict_region: bool
) -> LeadMatch | None:
    """Choose among same-named communes by region; warn (code None) if several remain."""
    index = geo_index()
    if region is not None:
        in_region = [c for c in codes if index.commune_region(c) == region]
        if not in_region:
            if strict_region:
                return None
            if len(codes) == 1:
                outside = warn(
                    WarningCode.LEAD_OUTSIDE_REGION,
                    f"commune {printed!r} ({codes[0]}) lies outside the row's region "
                    f"{index.region_names.get(region, region)}: no code",
                )
                return LeadMatch("commune", None, outside)
        else:
            codes = in_region
    if len(codes) == 1:
        return LeadMatch("commune", codes[0])
    return LeadMatch("commune", None, warn(
        WarningCode.LEAD_AMBIGUOUS,
        f"{printed!r} names several communes ({', '.join(sorted(codes))})",
    ))


@cache
def _communes_in(region: str | None) -> dict[str, list[str]]:
    """Commune name keys -> codes, restricted to one region (all when None)."""
    index = geo_index()
    if region is None:
        return dict(index.communes)
    return {
        folded: codes
        for folded, codes in index.communes.items()
        if any(index.commune_region(c) == region for c in codes)
    }


def _fuzzy_commune(printed: str, stripped: str, region: str | None) -> LeadMatch:
    """Approximate commune match, within the row's region when it is known."""
    index = geo_index()
    choices = _communes_in(region)
    near = closest(stripped, choices, _FUZZY_CUTOFF)
    if near is None:
        return LeadMatch("commune", None, warn(
            WarningCode.LEAD_UNKNOWN, f"commune in {printed!r} not recognised"
        ))
    codes = [c for c in choices[near] if region is None or index.commune_region(c) == region]
    if len(codes) != 1:
        return LeadMatch("commune", None, warn(
            WarningCode.LEAD_AMBIGUOUS,
            f"{printed!r} is close to several communes ({', '.join(codes)})",
        ))
    return LeadMatch(
        "commune",
        codes[0],
        warn(
            WarningCode.LEAD_APPROXIMATE,
            f"{printed!r} read as commune {index.commune_names[codes[0]]} ({codes[0]}) "
            "by approximate match",
        ),
    )


_GROUPING_ABBREVIATIONS = frozenset({"cc", "ca", "cu"})
"""EPCI type abbreviations, which say « EPCI » only at the start of a name."""
_GROUPING_WORDS_ANYWHERE = GROUPING_WORDS - _GROUPING_ABBREVIATIONS


def _is_grouping(folded: str) -> bool:
    """Whether a name says it is an EPCI (communauté, métropole, agglo...)."""
    words = folded.split(" ")
    if words[0] in _GROUPING_ABBREVIATIONS and len(words) > 1:
        return True
    return not _GROUPING_WORDS_ANYWHERE.isdisjoint(words)


def _grouping_key(folded: str) -> str:
    """Rewrite a long EPCI type ('communauté de communes') to the list's abbreviation ('cc')."""
    for long_form, short in GROUPING_LONG_FORMS:
        rest = strip_prefix(folded, (long_form,))
        if rest is not None:
            return f"{short} {rest}".strip()
    return folded


def _grouping(printed: str, folded: str, region: str | None) -> LeadMatch:
    """An EPCI by official name (abbreviated type or not), then by its core name."""
    index = geo_index()
    normal = _SUCCESSORS.get(folded, _grouping_key(folded))
    core = grouping_core(normal)
    groupings = index.groupings.get(normal) or (index.groupings_core.get(core) if core else None)
    if not groupings:
        renamed = _former_grouping(printed, normal, core, region)
        if renamed is not None:
            return renamed
        return LeadMatch(
            "epci",
            None,
            warn(
                WarningCode.LEAD_UNKNOWN,
                f"{printed!r} not in the EPCI list ({index.vintage.cog_year}); it may have "
                "merged or been renamed",
            ),
        )
    found = _pick_grouping(printed, groupings, region)
    if found.warning is None and folded in _SUCCESSORS:
        successor = next(g.name for g in groupings if g.siren == found.code)
        return LeadMatch(found.kind, found.code, warn(
            WarningCode.LEAD_FORMER_NAME, f"{printed!r} read as its successor {successor}"
        ))
    return found


def _former_grouping(
    printed: str, normal: str, core: str, region: str | None
) -> LeadMatch | None:
    """An EPCI by a name it bore in an older list (renamed, or merged into today's)."""
    index = geo_index()
    former = index.groupings_former.get(normal) or (
        index.groupings_former.get(core, []) if core else []
    )
    by_siren = _groupings_by_siren()
    groupings = [by_siren[siren] for siren in dict.fromkeys(s for _, s in former)]
    if not groupings:
        return None
    found = _pick_grouping(printed, groupings, region)
    if found.code is None:
        return found
    name = by_siren[found.code].name
    return LeadMatch("epci", found.code, warn(
        WarningCode.LEAD_FORMER_NAME, f"{printed!r} read as {name} ({found.code}), its name today"
    ))


def _pick_grouping(printed: str, groupings: list[Grouping], region: str | None) -> LeadMatch:
    """Choose among same-named EPCI by region; warn (code None) if several remain."""
    if region is not None and len(groupings) > 1:
        groupings = [g for g in groupings if g.region == region] or groupings
    if len(groupings) == 1:
        return LeadMatch("epci", groupings[0].siren)
    sirens = ", ".join(g.siren for g in groupings)
    return LeadMatch("epci", None, warn(
        WarningCode.LEAD_AMBIGUOUS, f"{printed!r} names several EPCI ({sirens})"
    ))


def _is_syndicat(folded: str) -> bool:
    """Whether a name says it is a syndicat (syndicat, SIVOM, PETR, parc naturel régional)."""
    words = folded.split(" ")
    if any(word in SYNDICAT_WORDS for word in words):
        return True
    return any(phrase in folded for phrase in SYNDICAT_PHRASES)


def _unlisted(printed: str, folded: str) -> LeadMatch:
    """A body in no official list: a syndicat if its name suggests one, else other."""
    first = printed.split()[0].strip(".,;")
    if _ACRONYM.fullmatch(first):
        return LeadMatch("syndicat", None, warn(
            WarningCode.LEAD_KIND_GUESSED,
            f"{printed!r} taken for a syndicat from its acronym; no code",
        ))
    if _SYNDICAT_SUBJECTS & set(folded.split(" ")):
        return LeadMatch("syndicat", None, warn(
            WarningCode.LEAD_KIND_GUESSED,
            f"{printed!r} taken for a syndicat from its subject; no code",
        ))
    return LeadMatch("other", None, warn(
        WarningCode.LEAD_UNKNOWN, f"{printed!r} is in no official list; no code"
    ))
