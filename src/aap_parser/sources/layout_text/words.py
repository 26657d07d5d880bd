"""Word cues of wrapped cells: a line that goes on, a line that goes on a cell, a line that
starts one."""

from __future__ import annotations

from functools import lru_cache

import regex

from aap_parser.wording import ONE_LETTER_WORDS, stops_mid_phrase

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
