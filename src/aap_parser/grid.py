"""The raw document: text lines and tables of raw cells, with provenance.

This is the value every source reader (PDF, text, layout text) produces and the layout
stage consumes. It knows nothing of regions, leads or partners: a table is a grid of
cells whose text is kept line by line, exactly as printed, so that later stages decide
how wrapped lines join and what each column means.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

import regex

SourceFormat = Literal["pdf", "text"]

_SPACES = regex.compile(r"[\s\u00a0\u202f\u2007]+")
_HYPHEN_END = regex.compile(r"\p{L}[-\u2010\u2011]$")


@dataclass(frozen=True, slots=True)
class BBox:
    """A box on a page in PDF points, top-left origin (pdfplumber's ``x0, top, x1, bottom``)."""

    x0: float
    top: float
    x1: float
    bottom: float

    def union(self, other: BBox) -> BBox:
        """The smallest box holding both."""
        return BBox(
            min(self.x0, other.x0),
            min(self.top, other.top),
            max(self.x1, other.x1),
            max(self.bottom, other.bottom),
        )

    def as_tuple(self) -> tuple[float, float, float, float]:
        """The box as ``(x0, top, x1, bottom)`` rounded to 0.01 pt."""
        return (round(self.x0, 2), round(self.top, 2), round(self.x1, 2), round(self.bottom, 2))


@dataclass(frozen=True, slots=True)
class TextLine:
    """One line of running text outside any table (header, sub-heading, footnote, page number).

    ``stands_alone`` says the reader saw the line start a paragraph of its own though no gap
    parts it from the line above (a sub-heading printed right over a table's header row).
    """

    text: str
    page: int | None = None
    line: int | None = None
    bbox: BBox | None = None
    bold: bool = False
    italic: bool = False
    size: float | None = None
    stands_alone: bool = False


_DIGIT_RUN = regex.compile(r"\d+")


def running_key(line: TextLine) -> str:
    """A text line's wording with spacing, case and numbers folded, so that a running head
    or foot ("Page 2 / 5") reads alike on every page."""
    return _DIGIT_RUN.sub("#", " ".join(line.text.split()).lower())


def running_lines(lines: Iterable[TextLine]) -> frozenset[str]:
    """The :func:`running_key` of every text line printed alike on two pages or more: the
    running headers and footers, which are page furniture, not the announcement's text."""
    pages_of: dict[str, set[int]] = {}
    for line in lines:
        if line.page is not None:
            pages_of.setdefault(running_key(line), set()).add(line.page)
    return frozenset(key for key, pages in pages_of.items() if len(pages) >= 2)


@dataclass(frozen=True, slots=True)
class RawCell:
    """One table cell: its printed lines, top to bottom.

    ``merged_from_above`` marks a cell covered by a vertically merged cell that started in an
    earlier row (its text, if any, was given to that first row). An empty ``lines`` tuple is a
    blank cell.
    """

    lines: tuple[str, ...] = ()
    bbox: BBox | None = None
    merged_from_above: bool = False

    @property
    def text(self) -> str:
        """The cell's lines joined into one string (see :func:`join_lines`)."""
        return join_lines(self.lines)

    @property
    def is_empty(self) -> bool:
        """True when the cell holds no visible text."""
        return not any(line.strip() for line in self.lines)


@dataclass(frozen=True, slots=True)
class RawRow:
    """One table row as printed: its cells left to right and where it stands."""

    cells: tuple[RawCell, ...]
    page: int | None = None
    line: int | None = None
    bbox: BBox | None = None

    @property
    def texts(self) -> tuple[str, ...]:
        """Each cell's joined text."""
        return tuple(cell.text for cell in self.cells)


@dataclass(frozen=True, slots=True)
class RawTable:
    """A table as found on one page (PDF) or in one run of lines (text).

    A table that runs over several pages comes as one ``RawTable`` per page, in order; the
    layout stage stitches them. ``ruled`` says whether ruling lines delimited the cells.
    ``reaches_page_bottom`` is true when the table's last row ends at the page's lower text
    limit, the sign that the row may continue on the next page.
    """

    rows: tuple[RawRow, ...]
    page: int | None = None
    bbox: BBox | None = None
    ruled: bool = False
    reaches_page_bottom: bool = False


Block = TextLine | RawTable


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """Everything a reader found, in reading order: running text and tables."""

    blocks: tuple[Block, ...]
    format: SourceFormat
    pages: int | None = None
    warnings: tuple[str, ...] = field(default=())


def collapse_spaces(text: str) -> str:
    """Fold every run of whitespace (no-break spaces included) into one space, and strip."""
    return _SPACES.sub(" ", text).strip()


def join_lines(lines: tuple[str, ...] | list[str]) -> str:
    """Join a cell's wrapped lines into one string.

    A line ending in a hyphen right after a letter was broken at the hyphen of a compound
    ("Auvergne-Rhône-" + "Alpes"): it is joined without a space. Any other break is one
    space. Whitespace runs are collapsed.
    """
    out = ""
    for raw in lines:
        line = collapse_spaces(raw)
        if not line:
            continue
        if not out:
            out = line
        elif _HYPHEN_END.search(out):
            out += line
        else:
            out += " " + line
    return out
