"""Words broken without a hyphen at the end of a printed line, joined again.

A very narrow column (a spreadsheet's, a Word table's) breaks a long word anywhere:
« Commu » / « nauté de communes ». The two halves are joined, without a space, when

1. the first line ends with letters and the next starts with lower-case letters;
2. the whole word is printed elsewhere in the document, whole;
3. neither half is printed anywhere as a word of its own (a half at a line end that may be
   broken does not count).

The document's own words are the evidence: no dictionary is needed, and a half that is a
real word (« porte » / « feuille ») is left alone unless the document never prints it alone.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

import regex

_WORD = regex.compile(r"\p{L}+")
# Searched from the end (``(?r)``): the same letters as a forward search, without trying every
# start along the line.
_ENDS = regex.compile(r"(?r)(\p{L}+)$")
_STARTS = regex.compile(r"^(\p{Ll}+)")
_LETTER = regex.compile(r"\p{L}")
_LOWER = regex.compile(r"\p{Ll}")


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The document's printed words (case folded): ``printed`` holds them all, ``alone``
    leaves out those at a line end or start that may be halves of a broken word."""

    printed: frozenset[str]
    alone: frozenset[str]


def vocabulary(texts: Iterable[str], cells: Iterable[tuple[str, ...]]) -> Vocabulary:
    """The words of ``texts`` (running text) and of the cells' lines."""
    # Only whether a word is printed counts, not how often: each distinct cell is read once,
    # and the words are found in one pass over the joined lines (no word spans a line break).
    whole = list(texts)  # lines every word of which is printed alone
    halved: list[str] = []  # lines whose first or last word may be half of a broken word
    kept: list[str] = []  # the words of those lines, halves left out
    for lines in set(cells):
        # breaks[i]: whether a word may be broken between line i and the next (read once).
        breaks = [_broken(line, below) for line, below in itertools.pairwise(lines)]
        if not any(breaks):
            whole += lines
            continue
        for i, line in enumerate(lines):
            after = i + 1 < len(lines) and breaks[i]
            before = i > 0 and breaks[i - 1]
            if not (after or before):
                whole.append(line)
                continue
            halved.append(line)
            found = _WORD.findall(line)
            if after:
                found = found[:-1]
            if before:
                found = found[1:]
            kept += found
    alone = set(_WORD.findall("\n".join(whole)))
    printed = alone.union(_WORD.findall("\n".join(halved)))
    alone.update(kept)
    return Vocabulary(
        frozenset(word.casefold() for word in printed),
        frozenset(word.casefold() for word in alone),
    )


def _ends_with_letter(text: str) -> bool:
    """Whether ``text`` ends with a letter (an ASCII one told without the regex engine)."""
    last = text[-1:]
    return last.isalpha() if last.isascii() else _LETTER.match(last) is not None


def _starts_lower(text: str) -> bool:
    """Whether ``text`` starts with a lower-case letter (ASCII told without the regex engine)."""
    first = text[:1]
    return first.islower() if first.isascii() else _LOWER.match(first) is not None


def _broken(line: str, below: str) -> bool:
    """Whether a word may be broken between ``line`` and the line ``below`` it."""
    return _ends_with_letter(line.rstrip()) and _starts_lower(below.lstrip())


def rejoin(lines: tuple[str, ...], words: Vocabulary) -> tuple[tuple[str, ...], list[str]]:
    """A cell's lines with broken words joined (see the module docstring), and those words."""
    if len(lines) < 2:
        return lines, []
    out = [lines[0]]
    joined: list[str] = []
    for line in lines[1:]:
        # The regex engine is asked for the halves only where the quick test finds a break.
        head = _ENDS.search(out[-1].rstrip()) if _broken(out[-1], line) else None
        tail = _STARTS.match(line.lstrip()) if head is not None else None
        if head is not None and tail is not None:
            first, second = head.group(1), tail.group(1)
            whole = (first + second).casefold()
            if (
                whole in words.printed
                and first.casefold() not in words.alone
                and second.casefold() not in words.alone
            ):
                out[-1] = out[-1].rstrip() + line.lstrip()
                joined.append(first + second)
                continue
        out.append(line)
    return tuple(out), joined
