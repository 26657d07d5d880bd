"""Word cues of wrapped cells: a line that goes on, a line that goes on a cell, a line that
starts one."""

from __future__ import annotations

from functools import lru_cache

import regex

from aap_parser.wording import (
    ARTICLES,
    LEAD_AUTHORITY_WORDS,
    ONE_LETTER_WORDS,
    PARTNER_AUTHORITY_WORDS,
    PREPOSITIONS,
    fold,
    stops_mid_phrase,
)

_CONTINUATION_START = regex.compile(r"^(?:\p{Ll}|[(\[«\"'’)\]]\s*\p{Ll}|[(\[)\]»”])")


_CELL_START = regex.compile(r"^(?:\p{Lu}|\p{N}|[«\"“])")


def _ends_with_connector(text: str) -> bool:
    """A line after which a cell goes on: it ends in "de", "la", "et", ",", "-", "l'"... or
    leaves a bracket open (the wording rule)."""
    return stops_mid_phrase(text)


@lru_cache(maxsize=4096)
def _starts_continuation(text: str) -> bool:
    """A line that usually goes on a cell: it starts lowercase, with a bracket or a closing
    quote, or closes a bracket it did not open."""
    stripped = text.lstrip()
    closing, opening = stripped.find(")"), stripped.find("(")
    if closing >= 0 and (opening < 0 or closing < opening):
        return True
    return bool(_CONTINUATION_START.match(stripped))


@lru_cache(maxsize=4096)
def _starts_cell(text: str) -> bool:
    """A line that usually starts a cell: capital letter, digit or opening quote."""
    return bool(_CELL_START.match(text.lstrip()))


# A line ending in a place name's first words: a capitalised word after "de", "du"... or
# after an authority type or another capitalised word ("Commune de Bobo", "Région Aïn").
_NAME_HEAD = regex.compile(r"(?:^|\s)(\p{L}+)['’]?\s+\p{Lu}[\p{L}\p{M}'’-]*$")


# A line opening with the rest of a place name: one capitalised word ending the line, an item
# of a list or before a bracket ("Dioulasso, Commune de Thiès", "Draham (Mali)").
_NAME_TAIL = regex.compile(r"^(\p{Lu}[\p{L}\p{M}'’-]*)(?:$|,|\s+\(|\s+et\s)")


_AUTHORITY_WORDS = LEAD_AUTHORITY_WORDS | PARTNER_AUTHORITY_WORDS


@lru_cache(maxsize=4096)
def _wraps_name(before: str, after: str) -> bool:
    """Two lines of one cell cutting a place name between its words: the first ends in a
    name's first word ("Cercle de Aïn"), the next opens with one capitalised word that names
    no authority type and ends there, at a comma or a bracket ("Draham (Mali)")."""
    tail = _NAME_TAIL.match(after.lstrip())
    if tail is None or fold(tail.group(1)) in _AUTHORITY_WORDS:
        return False
    head = _NAME_HEAD.search(before.rstrip())
    if head is None:
        return False
    word = fold(head.group(1))
    if word in PREPOSITIONS or word in _AUTHORITY_WORDS:
        return True
    return head.group(1)[0].isupper() and word not in ARTICLES


def _opens_with_type_word(text: str) -> bool:
    """A text opening with an authority type ("Région Occitanie", "Conseil régional"): an
    authority's name, not a place's alone. "Grand" opens an authority's name ("Grand Lyon")
    but also a region's ("Grand Est"): it is no type word here."""
    head = text.split(maxsplit=1)
    return bool(head) and fold(head[0]) in _AUTHORITY_WORDS - {"grand"}


_LONG_WORD = regex.compile(r"^\p{L}{6,}$")


def _mend_broken_words(lines: tuple[str, ...]) -> tuple[str, ...]:
    """A cell's lines with words broken mid-word put back together: a word too long for a
    very narrow column is printed alone on a line, its last letter opening the next line
    ("développemen" / "t l'accès santé")."""
    out: list[str] = []
    for line in lines:
        head, _, tail = line.partition(" ")
        if (
            out
            and _LONG_WORD.match(out[-1])
            and len(head) == 1
            and head.islower()
            and head not in ONE_LETTER_WORDS
        ):
            out[-1] += head
            if tail:
                out.append(tail)
            continue
        out.append(line)
    return tuple(out)
