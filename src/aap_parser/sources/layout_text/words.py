"""Word cues of wrapped cells: a line that goes on, a line that goes on a cell, a line that
starts one."""

from __future__ import annotations

from functools import lru_cache

import regex

_CONNECTOR_END = regex.compile(
    r"(?:[,\-\u2010\u2011/&:(+]|\b(?:de|du|des|la|le|les|l'|d'|l’|d’|et|à|au|aux|en|pour|"
    r"sur|par|avec|dans|entre|ou|un|une))$",
    regex.IGNORECASE,
)


_CONTINUATION_START = regex.compile(r"^(?:\p{Ll}|[(\[«\"'’)\]]\s*\p{Ll}|[(\[)\]»”])")


_CELL_START = regex.compile(r"^(?:\p{Lu}|\p{N}|[«\"“])")


@lru_cache(maxsize=4096)
def _ends_with_connector(text: str) -> bool:
    """A line after which a cell goes on: it ends in "de", "la", "et", ",", "-", "l'"... or
    leaves a bracket open."""
    return bool(_CONNECTOR_END.search(text.rstrip())) or text.count("(") > text.count(")")


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
