"""Word cues of wrapped cells: a line that goes on, a line that goes on a cell, a line that
starts one."""

from __future__ import annotations

from functools import lru_cache

import regex

from aap_parser.wording import stops_mid_phrase

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
