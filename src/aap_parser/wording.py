"""French wording rules of the announcements, written once: every stage reads them from here.

The vocabulary is plain data at the top of this module (compatibility characters, letters to
spell out, linking words, authority type words, separators); the functions below it apply it:

1. ``readable`` turns a text layer into the letters a reader sees (ligatures such as « ﬁ »
   spelt out, zero-width characters dropped, narrow and no-break spaces made spaces,
   full-width forms made plain); the sources apply it once, where text enters.
2. ``fold`` makes a name's matching key: no accents or ligatures, lower case, apostrophes,
   hyphens and punctuation folded to single spaces.
3. ``stops_mid_phrase`` says a printed line cannot end a name or a cell: it ends with a
   separator, a hyphen, an apostrophe, a linking word (« de », « et », « pour » ...) or leaves
   a bracket open.
4. ``separators`` finds the separators of a list of names (« , » « ; » « et » « / » « - » and
   printed line breaks), each with its :class:`SepKind`: adding a separator is one edit of
   ``SEPARATOR_MARKS``.
5. ``is_authority_word`` and the type-word sets tell an authority type (« Commune »,
   « Métropole », « Province » ...) from a place name.

This module imports nothing from the rest of the package: every stage, sources included, may
use it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

import regex

# --- vocabulary ------------------------------------------------------------------------------

# Characters of a text layer that print as something else (or nothing): the sources replace
# them before anything reads the text. Ligatures U+FB00-FB06 and full-width forms are handled
# by compatibility decomposition (see ``readable``); these are the rest.
INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff"
"""Zero-width space, non-joiner, joiner, word joiner, byte-order mark: they print nothing."""

SPACE_CHARS = "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u2008\u3000"
"""No-break, narrow no-break, figure, thin and other fixed-width spaces: they print a space."""

SOFT_HYPHEN = "\u00ad"
"""Printed only where a word is broken at a line end; elsewhere it prints nothing."""

# List markers: the marks a bulleted cell prints before each item (a partner, a co-lead).
# Word prints them in the Symbol or Wingdings font, whose glyphs reach the text layer as
# private-use characters: those are read as the mark they show.
LIST_MARKERS = (
    "•", "◦", "▪", "▫", "‣", "⁃", "∙", "●", "○", "■", "□", "◆", "◇", "❖", "➢", "➤", "►", "▸",
    "▶", "✓", "✔", "❑", "➔", "→", "·", "*", "-", "–", "—", "o",
)
PRIVATE_USE_MARKERS: dict[str, str] = {
    "\uf0b7": "•", "\uf09f": "•", "\uf06c": "●", "\uf0a7": "▪", "\uf06e": "■", "\uf0a8": "□",
    "\uf071": "❑", "\uf076": "❖", "\uf075": "◆", "\uf0d8": "➢", "\uf0e0": "➔", "\uf0e8": "➔",
    "\uf0f0": "➔", "\uf0fc": "✓", "\uf0b0": "◦", "\uf02d": "-", "\uf02a": "*",
}
"""Private-use code points of the Symbol and Wingdings bullets -> the mark a reader sees."""

# Letters that compatibility decomposition leaves whole but a name's key spells out.
LETTER_FOLDS: dict[str, str] = {
    "œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l",
}

# Folded words that link the parts of a name (« Communauté de communes du Val de Ligne »).
ARTICLES = frozenset({"le", "la", "les", "l"})
PREPOSITIONS = frozenset({"de", "d", "du", "des"})
CONJUNCTIONS = frozenset({"et"})
CONTRACTIONS = frozenset({"au", "aux"})
PLACE_PREPOSITIONS = frozenset({"en", "sur", "a"})
LINKING_WORDS = ARTICLES | PREPOSITIONS | CONJUNCTIONS | PLACE_PREPOSITIONS
# The French words of one letter: any other lone letter opening a line is the end of a word
# broken in a very narrow column.
ONE_LETTER_WORDS = frozenset({"a", "à", "y", "ô"})
"""Folded words a name may hold between two of its words."""

CONTINUING_WORDS = LINKING_WORDS | CONTRACTIONS | frozenset(
    {"pour", "par", "dans", "avec", "entre", "ou", "un", "une"}
)
"""Folded words after which a phrase cannot stop: a line ending with one goes on."""

OPEN_END_MARKS = ("-", "\u2010", "\u2011", ":", "(", "&", "+", "'", "’")
"""Marks after which a printed line goes on (besides the separators' own marks)."""


class SepKind(Enum):
    """The kinds of separator between the names of a list."""

    COMMA = "comma"
    SEMICOLON = "semicolon"
    AND = "and"
    SLASH = "slash"
    DASH = "dash"
    LINE = "line"

    # Hashed as the object it is (members are singletons compared by identity), not through
    # Enum's hash of the name, a Python call: kinds are tested against sets for every match.
    __hash__ = object.__hash__


# Each kind's printed marks, and whether a mark must stand between spaces (a word such as
# « et », or a dash, which inside a compound « Saint-Louis » separates nothing).
SEPARATOR_MARKS: dict[SepKind, tuple[tuple[str, ...], bool]] = {
    SepKind.COMMA: ((",",), False),
    SepKind.SEMICOLON: ((";",), False),
    SepKind.AND: (("et",), True),
    SepKind.SLASH: (("/",), False),
    SepKind.DASH: (("-", "–", "—"), True),
    SepKind.LINE: (("\n",), False),
}

# Authority type words, printed forms (folding merges accents and case). French types that
# both lead authorities and foreign partners are named with:
_SHARED_TYPES = (
    "Conseil", "Ville", "Commune", "Communes", "Communauté", "Métropole", "Région",
    "Département", "Syndicat", "Agglomération", "Mairie", "Collectivité", "Établissement",
    "Territoire", "Assemblée",
)
# Types and abbreviations of French local bodies only (leads):
_FRENCH_TYPES = (
    "Conseils", "Eurométropole", "Pôle", "PETR", "Parc", "Grand", "SIVOM", "SIVU", "SMICTOM",
    "SICTOM", "CC", "CA", "CU", "CD", "CR", "EPT",
)
# Types of foreign authorities, in French and in the partners' languages (partners):
_FOREIGN_TYPES = (
    "Cercle", "Province", "Provinces", "Régions", "Municipalité", "Municipalités", "District",
    "Gouvernorat", "Wilaya", "Préfecture", "Sous-préfecture", "Comté", "Villes", "Association",
    "Union", "Intercommunalité", "Oblast", "Raion", "Rayon", "Voïvodie", "Canton", "État",
    "Arrondissement", "Groupement", "Gouvernement", "Entente", "Collectivités", "County", "City",
    "Municipality", "Prefecture", "Governorate", "Provincia", "Regione", "Comune", "Distrito",
    "Município", "Municipio", "Municipalidad", "Prefeitura", "Departamento", "Gobierno",
    "Alcaldía", "Ayuntamiento", "Estado", "Mancomunidad", "Județ", "Kraï", "Land", "Aimag",
    "Woreda", "Cité", "Délégation", "Intendance", "Intendencia", "Capitale", "Réseau",
    "Fédération",
)
_TRAILING_TYPES = ("Métropole", "Agglomération", "Communauté")
"""Types printed after the place too (« Rennes Métropole », « Lannion-Trégor Communauté »)."""

# Folded prefixes that name an authority's kind (enrichment), and EPCI and syndicat words.
REGION_PREFIXES = ("conseil regional", "region", "cr")
DEPARTEMENT_PREFIXES = (
    "conseil departemental", "conseil general", "departement", "collectivite departementale",
    "cd", "cg",
)
COMMUNE_PREFIXES = ("ville", "mairie", "commune", "municipalite")
GROUPING_LONG_FORMS = (
    ("communaute de communes", "cc"),
    ("communaute d agglomeration", "ca"),
    ("communaute d agglo", "ca"),
    ("communaute agglomeration", "ca"),
    ("communaute urbaine", "cu"),
)
"""Long forms of EPCI types -> the abbreviation the official list uses."""
GROUPING_WORDS = frozenset(
    {"metropole", "eurometropole", "agglo", "agglomeration", "communaute", "cc", "ca", "cu"}
)
GROUPING_FILLER = GROUPING_WORDS | frozenset({"communes", "urbaine"}) | ARTICLES | PREPOSITIONS
GROUPING_FILLER |= CONJUNCTIONS
"""Words of an EPCI name that are not its place: type words and linking words."""
SYNDICAT_WORDS = frozenset(
    {"syndicat", "sivom", "sivu", "sictom", "smictom", "sirtom", "smirtom", "petr"}
)
SYNDICAT_PHRASES = ("pole d equilibre territorial", "parc naturel regional", "syndicat mixte")

# --- characters ------------------------------------------------------------------------------

_SPACES_TABLE = str.maketrans(
    dict.fromkeys(SPACE_CHARS, " ") | dict.fromkeys(INVISIBLE_CHARS, "") | PRIVATE_USE_MARKERS
)
_LETTER_TABLE = str.maketrans(LETTER_FOLDS)
_COMPATIBLE = regex.compile(r"[\uFB00-\uFB06\uFF01-\uFF5E]+")
_SOFT_INSIDE = regex.compile(SOFT_HYPHEN + r"+(?![ \t]*(?:\n|$))")
_SOFT_RUN = regex.compile(SOFT_HYPHEN + "+")
_NEEDS_WORK = regex.compile(
    "["
    + regex.escape(INVISIBLE_CHARS + SPACE_CHARS + SOFT_HYPHEN + "".join(PRIVATE_USE_MARKERS))
    + r"\uFB00-\uFB06\uFF01-\uFF5E]"
)
_PRIVATE_USE = regex.compile(r"[\uE000-\uF8FF]")


def readable(text: str) -> str:
    """The letters a reader sees: ligatures spelt out (« ﬁlière » -> « filière »), full-width
    forms made plain, zero-width characters dropped, fixed-width spaces made spaces.

    A soft hyphen prints only where it breaks a word at a line end: inside a line it is
    dropped; at a line's end (or alone, a glyph of its own) it stays, for ``join_lines`` to
    join the word's halves.
    """
    if text.isascii() or not _NEEDS_WORK.search(text):
        return text
    text = text.translate(_SPACES_TABLE)
    text = _COMPATIBLE.sub(lambda found: unicodedata.normalize("NFKC", found.group()), text)
    if SOFT_HYPHEN in text and text.strip(" \t" + SOFT_HYPHEN):
        text = _SOFT_INSIDE.sub("", text)
        text = _SOFT_RUN.sub(SOFT_HYPHEN, text)
    return text


def private_use(text: str) -> tuple[str, str]:
    """``text`` without private-use characters (glyphs of a symbol font that name no letter),
    and those removed, for a warning. Known list markers were made plain by ``readable``."""
    if text.isascii() or _PRIVATE_USE.search(text) is None:
        return text, ""  # the common line: no character in the private-use area
    found = "".join(_PRIVATE_USE.findall(text))
    return (_PRIVATE_USE.sub("", text), found) if found else (text, "")


class _Uncombined(dict[int, int | None]):
    """A translation table dropping combining characters, filled as characters are met."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_UNCOMBINED = _Uncombined()


def strip_accents(text: str) -> str:
    """``text`` without its combining accents (compatibility-decomposed)."""
    if text.isascii():
        return text  # nothing to decompose, nothing combining
    return unicodedata.normalize("NFKD", text).translate(_UNCOMBINED)


# --- folding ---------------------------------------------------------------------------------

_NON_WORD = regex.compile(r"[^\p{L}\p{N}]+")


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """A name's matching key: no accents or ligatures, lower case, words split by one space."""
    bare = strip_accents(text.translate(_LETTER_TABLE))
    return _NON_WORD.sub(" ", bare.casefold()).strip()


def fold_letters(text: str) -> str:
    """``text`` with the letters decomposition leaves whole spelt out (« œ » -> « oe »)."""
    return text.translate(_LETTER_TABLE)


# --- authority type words --------------------------------------------------------------------

PARTNER_AUTHORITY_WORDS = frozenset(fold(w) for w in _SHARED_TYPES + _FOREIGN_TYPES)
"""Folded words that start a foreign partner authority's name."""

LEAD_AUTHORITY_WORDS = frozenset(fold(w) for w in _SHARED_TYPES + _FRENCH_TYPES)
"""Folded words that start a French lead authority's name."""

TRAILING_AUTHORITY_WORDS = frozenset(fold(w) for w in _TRAILING_TYPES)
"""Folded type words also printed after the place (« Rennes Métropole »)."""


ELIDED = frozenset({"l", "d"})
"""Folded words printed with an apostrophe before a vowel (« l’ », « d’ »)."""


def words_pattern(words: frozenset[str]) -> str:
    """A regex alternation of printed ``words``, longest first, elided ones with their
    apostrophe (« l’ », « d' »): for patterns that must name linking words."""
    forms = [f"{w}[’']" if w in ELIDED else regex.escape(w) for w in words]
    return "(?:" + "|".join(sorted(forms, key=lambda form: (-len(form), form))) + ")"


def first_word(text: str) -> str:
    """The folded first word of ``text`` ('' for none)."""
    return fold(text).split(" ")[0]


# --- lines that go on ------------------------------------------------------------------------

_OPEN_MARKS = tuple(
    dict.fromkeys(
        OPEN_END_MARKS
        + tuple(
            mark
            for marks, _ in SEPARATOR_MARKS.values()
            for mark in marks
            if not mark.isalpha() and mark != "\n"
        )
    )
)
_LAST_LETTERS = regex.compile(r"\p{L}+$")


@lru_cache(maxsize=8192)
def stops_mid_phrase(line: str) -> bool:
    """True when a printed line cannot end a name or a cell: it ends with a separator, a
    hyphen, an apostrophe or a continuing word (« de », « la », « et », « pour » ...), or
    leaves a bracket open."""
    text = line.rstrip()
    if not text:
        return False
    if text.endswith(_OPEN_MARKS) or text.count("(") > text.count(")"):
        return True
    found = _LAST_LETTERS.search(text)
    if found is None:
        return False
    word = found.group().casefold()
    # « à » folds to « a », « d’ » and « l’ » to one letter: a bare letter (« volet A ») ends.
    return (len(word) > 1 or word == "à") and fold(word) in CONTINUING_WORDS


# --- separators ------------------------------------------------------------------------------


def _separator_pattern() -> regex.Pattern[str]:
    """One alternation of every separator mark, each in a group named after its kind."""
    parts = []
    for kind, (marks, spaced) in SEPARATOR_MARKS.items():
        choice = "|".join(regex.escape(mark) for mark in marks)
        space = r"\s+" if spaced else r"\s*"
        parts.append(f"{space}(?P<{kind.value}>{choice}){space}")
    return regex.compile("|".join(parts))


_SEPARATOR = _separator_pattern()


@dataclass(frozen=True, slots=True)
class Separator:
    """One separator found in a text: its kind, its place and the text it covers."""

    kind: SepKind
    start: int
    end: int
    text: str


_KIND_OF_GROUP: dict[str | None, SepKind] = {kind.value: kind for kind in SepKind}
"""Each separator kind by the name of its group in the separator pattern."""


def separators(text: str, kinds: frozenset[SepKind] | None = None) -> Iterator[Separator]:
    """The separators of ``text`` in order, with the spaces around them (of ``kinds`` only)."""
    for match in _SEPARATOR.finditer(text):
        kind = _KIND_OF_GROUP[match.lastgroup]
        if kinds is None or kind in kinds:
            yield Separator(kind, match.start(), match.end(), match.group())


def split_at(text: str, kinds: frozenset[SepKind]) -> list[str]:
    """``text`` cut at every separator of ``kinds``."""
    pieces, start = [], 0
    for found in separators(text, kinds):
        pieces.append(text[start : found.start])
        start = found.end
    pieces.append(text[start:])
    return pieces


# --- list items ------------------------------------------------------------------------------

_MARKED = regex.compile(
    r"^\s*(?P<marker>" + "|".join(regex.escape(m) for m in LIST_MARKERS) + r"|\d{1,2}[.)])\s+"
)


def list_marker(line: str) -> str | None:
    """The list marker a printed line starts with (« • », « - », « o », « 1. »), if any."""
    found = _MARKED.match(line)
    return found.group("marker") if found else None


def strip_marker(line: str) -> str:
    """``line`` without the list marker it starts with."""
    return _MARKED.sub("", line, count=1)


def list_items(lines: list[str] | tuple[str, ...]) -> list[list[str]] | None:
    """A bulleted cell's items: its printed lines grouped at each line that starts with a
    marker, markers removed; None unless the first line starts with one (a line starting
    with a dash under an unmarked line is a dashed country, not an item)."""
    if not lines or list_marker(lines[0]) is None:
        return None
    items: list[list[str]] = []
    for line in lines:
        if list_marker(line) is not None or not items:
            items.append([strip_marker(line)])
        else:
            items[-1].append(line)
    return items
