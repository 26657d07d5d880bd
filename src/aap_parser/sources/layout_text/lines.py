"""The layout text's lines: numbered, paged by form feeds, cut into chunks of text."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import regex

_CHUNK = regex.compile(r"\S+(?: \S+)*")


@dataclass(frozen=True, slots=True)
class _Chunk:
    """A run of text on one line with no double space inside: ``[start, end)`` columns."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class _Line:
    """One input line: its 1-based number, page, text (form feeds removed) and chunks."""

    number: int
    page: int
    text: str
    chunks: tuple[_Chunk, ...]


def _parse_lines(lines: Sequence[str]) -> list[_Line]:
    """Number the lines, count form feeds into pages, and cut each line into chunks."""
    out: list[_Line] = []
    page = 1
    for number, raw in enumerate(lines, start=1):
        text = unicodedata.normalize("NFC", raw.rstrip("\r\n"))
        if "\f" in text:
            page += text.count("\f")
            text = text.replace("\f", "")
        text = text.expandtabs(8).rstrip()
        chunks = tuple(_Chunk(m.start(), m.end(), m.group()) for m in _CHUNK.finditer(text))
        out.append(_Line(number, page, text, chunks))
    return out
