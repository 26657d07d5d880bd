"""Column roles: what a laureates-table column holds, decided from its printed header.

The vocabulary is that of the ministry's lists across the years ("Région française",
"Collectivité(s) territoriale(s) française(s)", "Porteur", "Collectivité marocaine
partenaire", "Intitulé du projet", "Montant accordé (€)", "Pays", "N°" ...). A header cell
that matches nothing is an ``extra`` column: its values are kept under its printed name.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from aap_parser.models import Role
from aap_parser.wording import strip_accents

_PLURAL_MARK = regex.compile(r"\(\s*(?:s|es|x|e)\s*\)")
_NON_WORD = regex.compile(r"[^\p{L}\p{N}€#°]+")

# Ordered: the first rule whose pattern matches the normalised header wins.
_RULES: tuple[tuple[Role, regex.Pattern[str]], ...] = (
    ("number", regex.compile(r"^(?:n ?°|no|num|numero|n|#|rang|ordre|n° ?d ?ordre)$")),
    ("partners", regex.compile(r"partenaire|etrangere?s?\b|beneficiaire etranger")),
    ("region", regex.compile(
        r"^regions?(?: francaises?| de france| france| fr| d origine| metropolitaines?"
        r"| administratives?)?$"
    )),
    ("lead", regex.compile(
        r"chef de file|porteu[rs]|francaise?s?\b|collectivite(?:s)? territoriale|"
        r"collectivite(?:s)? locale(?:s)? francaise|^collectivite(?:s)?$|demandeur|"
        r"collectivite(?:s)? (?:porteuse|beneficiaire)"
    )),
    ("region", regex.compile(r"^regions? (?:de la |du |des )?(?:collectivite|porteu|chef)|"
                             r"^(?:nom de la |la )?regions?$")),
    ("country", regex.compile(r"^pays\b|\bpays (?:partenaire|concerne|beneficiaire)s?$")),
    ("amount", regex.compile(
        r"montant|cofinancement|co financement|subvention|financement|\baide\b|€|\beuros?\b|"
        r"soutien (?:du )?(?:meae|ministere)|budget|dotation"
    )),
    ("title", regex.compile(r"\btitre|intitule|\bobjet\b|^projets?$|nom du projet|libelle")),
    ("theme", regex.compile(r"thematique|\btheme|secteur|domaine")),
    ("programme", regex.compile(r"appels? a projets?|programme|dispositif|^aap\b|\bappel\b")),
)

HEADER_WORDS = (
    "Région", "Régions", "française", "françaises", "France", "origine", "administrative",
    "Collectivité", "Collectivités", "territoriale", "territoriales", "locale", "locales",
    "chef", "file", "porteuse", "porteur", "porteurs", "demandeur", "bénéficiaire",
    "bénéficiaires", "partenaire", "partenaires", "étrangère", "étrangères", "Titre",
    "projet", "projets", "Intitulé", "Objet", "Libellé", "Montant", "accordé", "subvention",
    "cofinancement", "financement", "euros", "Pays", "concerné", "concernés", "Thématique",
    "Thème", "Secteur", "Domaine", "Programme", "Dispositif", "Appel", "Numéro", "ordre",
)
"""The words of the header vocabulary as printed, for correcting header rows read by OCR."""

KEY_ROLES: frozenset[Role] = frozenset({"region", "lead", "partners", "title"})
CARRIED_ROLES: frozenset[Role] = frozenset({"region", "lead", "country"})
"""Roles whose cells a word processor merges down a group of rows, carried to each row."""
_MAX_HEADER_WORDS = 10


def normalise_header(text: str) -> str:
    """Lower-case, strip accents and plural marks "(s)", fold punctuation to single spaces."""
    text = _PLURAL_MARK.sub("", text)
    bare = strip_accents(text.lower())
    bare = bare.replace("’", "'").replace("º", "°")
    return " ".join(_NON_WORD.sub(" ", bare).split())


@lru_cache(maxsize=4096)
def header_role(text: str) -> Role | None:
    """The role a header cell names, or None when its wording is not in the vocabulary
    (remembered: every row of every table is tried as a header, mostly with the same
    few texts)."""
    norm = normalise_header(text)
    if not norm:
        return None
    for role, pattern in _RULES:
        if pattern.search(norm):
            return role
    return None


def header_roles(cells: list[str]) -> list[Role] | None:
    """Roles for a candidate header row, or None when the row is not a laureates header.

    A header row names at least two of the key roles (region, lead, partners, title), each
    once, in short cells, and most of its non-empty cells are known vocabulary. A body row
    such as "Bretagne | Région Bretagne | Région Diana (Madagascar)" names a role twice and
    is no header. Unknown cells become ``extra``; a non-key role claimed twice keeps its
    first column and turns later ones into ``extra``.
    """
    filled = [c for c in cells if c.strip()]
    if len(filled) < 2 or any(len(c.split()) > _MAX_HEADER_WORDS for c in filled):
        return None
    found: list[Role | None] = []
    unknown = 0
    for cell in cells:
        role = header_role(cell) if cell.strip() else None
        if role is None and cell.strip():
            unknown += 1
            if (len(filled) - unknown) * 2 < len(filled):
                return None  # most cells are unknown words whatever the rest say: a body row
        found.append(role)
    known = [r for r in found if r is not None]
    keys = [r for r in known if r in KEY_ROLES]
    if len(set(keys)) < 2 or len(keys) != len(set(keys)) or len(known) * 2 < len(filled):
        return None
    roles: list[Role] = []
    seen: set[Role] = set()
    for role in found:
        if role is None or (role in seen and role != "extra"):
            roles.append("extra")
        else:
            roles.append(role)
            seen.add(role)
    return roles
