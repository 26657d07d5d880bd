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
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import regex

_WORD = regex.compile(r"\p{L}+")
_ENDS = regex.compile(r"(\p{L}+)$")
_STARTS = regex.compile(r"^(\p{Ll}+)")


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The document's printed words (case folded): ``printed`` counts them all, ``alone``
    leaves out those at a line end or start that may be halves of a broken word."""

    printed: Counter[str]
    alone: Counter[str]


def vocabulary(texts: Iterable[str], cells: Iterable[tuple[str, ...]]) -> Vocabulary:
    """The words of ``texts`` (running text) and of the cells' lines."""
    printed = Counter(word.casefold() for text in texts for word in _WORD.findall(text))
    alone = Counter(printed)
    for lines in cells:
        # breaks[i]: whether a word may be broken between line i and the next (read once).
        breaks = [_broken(line, below) for line, below in itertools.pairwise(lines)]
        for i, line in enumerate(lines):
            found = [word.casefold() for word in _WORD.findall(line)]
            printed.update(found)
            if i + 1 < len(lines) and breaks[i]:
                found = found[:-1]
            if i and breaks[i - 1]:
                found = found[1:]
            alone.update(found)
    return Vocabulary(printed, alone)


def _broken(line: str, below: str) -> bool:
    """Whether a word may be broken between ``line`` and the line ``below`` it."""
    return _ENDS.search(line.rstrip()) is not None and _STARTS.match(below.lstrip()) is not None


def rejoin(lines: tuple[str, ...], words: Vocabulary) -> tuple[tuple[str, ...], list[str]]:
    """A cell's lines with broken words joined (see the module docstring), and those words."""
    if len(lines) < 2:
        return lines, []
    out = [lines[0]]
    joined: list[str] = []
    for line in lines[1:]:
        head, tail = _ENDS.search(out[-1].rstrip()), _STARTS.match(line.lstrip())
        if head is not None and tail is not None:
            first, second = head.group(1), tail.group(1)
            whole = (first + second).casefold()
            if (
                words.printed[whole]
                and not words.alone[first.casefold()]
                and not words.alone[second.casefold()]
            ):
                out[-1] = out[-1].rstrip() + line.lstrip()
                joined.append(first + second)
                continue
        out.append(line)
    return tuple(out), joined
