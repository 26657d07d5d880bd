"""Comparison keys for French place names: accent-, case-, hyphen- and apostrophe-insensitive.

"Saint-Étienne", "ST ETIENNE" and "saint etienne" share one key; articles can be dropped so that
"Ville du Havre" finds "Le Havre".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from aap_parser.wording import ARTICLES, PREPOSITIONS, fold_letters

_NON_LETTER = re.compile(r"[\W_]+")
_NON_WORD = re.compile(r"[^0-9a-z]+")
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
_SAINT = re.compile(r"\b(?:st|ste|sts|stes)\b")


@lru_cache(maxsize=8192)
def key(text: str) -> str:
    """Fold ``text`` to lower-case ASCII words separated by single spaces, 'St' spelt out."""
    spaced = _NON_LETTER.sub(" ", fold_letters(unicodedata.normalize("NFC", text)))
    decomposed = unicodedata.normalize("NFKD", spaced)
    bare = decomposed.encode("ascii", "ignore").decode("ascii").lower()
    folded = _NON_WORD.sub(" ", bare).strip()
    if "st" in folded:
        folded = _SAINT.sub(lambda found: _ABBREVIATIONS[found.group(0)], folded)
    return folded


def drop_article(folded: str) -> str:
    """Remove one leading article ('le', 'la', 'les', "l'") from a folded key."""
    head, space, rest = folded.partition(" ")
    return rest if space and head in ARTICLES else folded


def drop_preposition(folded: str) -> str:
    """Remove a leading 'de'/'du'/'des'/"d'" and then an article: 'de la vienne' -> 'vienne'."""
    words = folded.split(" ")
    if len(words) > 1 and words[0] in PREPOSITIONS:
        words = words[1:]
    return drop_article(" ".join(words))


def strip_prefix(folded: str, prefixes: Iterable[str]) -> str | None:
    """If ``folded`` starts with one of ``prefixes`` (whole words), return the rest, else None."""
    for prefix in prefixes:
        if folded == prefix:
            return ""
        if folded.startswith(prefix + " "):
            return folded[len(prefix) + 1 :]
    return None


def closest(folded: str, choices: Iterable[str], cutoff: float) -> str | None:
    """The one choice most similar to ``folded`` above ``cutoff`` (difflib ratio), if any."""
    if len(folded) < 4:
        return None
    import difflib  # only approximate matches need it; keeps package import light

    found = difflib.get_close_matches(folded, list(choices), n=1, cutoff=cutoff)
    return found[0] if found else None
