"""The raw document: text lines and tables of raw cells, with provenance.

This is the value every source reader (PDF, text, layout text) produces and the layout
stage consumes. It knows nothing of regions, leads or partners: a table is a grid of
cells whose text is kept line by line, exactly as printed, so that later stages decide
how wrapped lines join and what each column means.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from typing import Literal

import regex

from aap_parser.wording import SOFT_HYPHEN

SourceFormat = Literal["pdf", "pdf-ocr", "text"]
Severity = Literal["info", "warning", "error"]
"""How much a warning matters: ``error`` = something was lost or may be wrong in the data;
``warning`` = a guess that is probably right; ``info`` = a normalisation worth knowing."""


class WarningCode(StrEnum):
    """Every warning the parser can emit, by stage; docs/warnings.md documents each one."""

    # sources
    UNDECODABLE_BYTES = "undecodable-bytes"
    NUL_REMOVED = "nul-removed"
    MERGED_CELLS_UNPLACED = "merged-cells-unplaced"
    # layout
    TABLE_WITHOUT_HEADER = "table-without-header"
    TABLE_WITHOUT_ROWS = "table-without-rows"
    TEXT_LIKE_ROWS = "text-like-rows"
    HEADING_WITHOUT_HEADER = "heading-without-header"
    ROW_EXTRA_CELLS = "row-extra-cells"
    ROW_MISSING_CELLS = "row-missing-cells"
    PAGE_STRAY_TEXT = "page-stray-text"
    WORD_REJOINED = "word-rejoined"
    COLUMN_ROLE_FROM_CELLS = "column-role"
    HEADER_ROW_MISSING = "header-missing"
    # records: regions and leads
    REGION_UNKNOWN = "region-unknown"
    REGION_APPROXIMATE = "region-approximate"
    LEAD_COMMA_KEPT = "lead-comma-kept"
    LEAD_SPLIT_GUESSED = "lead-split-guessed"
    LEAD_UNKNOWN = "lead-unknown"
    LEAD_APPROXIMATE = "lead-approximate"
    LEAD_AMBIGUOUS = "lead-ambiguous"
    LEAD_LARGER_AUTHORITY = "lead-larger-authority"
    LEAD_OUTSIDE_REGION = "lead-outside-region"
    LEAD_REGION_CONFLICT = "lead-region-conflict"
    LEAD_FORMER_NAME = "lead-former-name"
    LEAD_KIND_GUESSED = "lead-kind-guessed"
    LEAD_WITHOUT_CODE = "lead-without-code"
    # records: partners and countries
    COUNTRY_UNKNOWN = "country-unknown"
    COUNTRY_CONFLICT = "country-conflict"
    COUNTRY_COLUMN_UNPAIRED = "country-column-unpaired"
    PARTNER_NOTE_DROPPED = "partner-note-dropped"
    PARTNER_SPLIT_GUESSED = "partner-split-guessed"
    PARTNER_JOIN_GUESSED = "partner-join-guessed"
    # records: any cell
    PRIVATE_USE_DROPPED = "private-use-dropped"
    # records: amounts
    AMOUNT_UNREADABLE = "amount-unreadable"
    AMOUNT_ABBREVIATED = "amount-abbreviated"
    AMOUNT_THOUSANDS = "amount-thousands"
    # batches
    DUPLICATE_ANNOUNCEMENT = "duplicate-announcement"
    # OCR (image-only pages)
    OCR_LOW_CONFIDENCE = "ocr-low-confidence"
    OCR_NAME_CORRECTED = "ocr-name-corrected"


SEVERITY: dict[WarningCode, Severity] = {
    WarningCode.UNDECODABLE_BYTES: "error",
    WarningCode.NUL_REMOVED: "info",
    WarningCode.MERGED_CELLS_UNPLACED: "error",
    WarningCode.TABLE_WITHOUT_HEADER: "error",
    WarningCode.TABLE_WITHOUT_ROWS: "error",
    WarningCode.TEXT_LIKE_ROWS: "warning",
    WarningCode.HEADING_WITHOUT_HEADER: "warning",
    WarningCode.ROW_EXTRA_CELLS: "error",
    WarningCode.ROW_MISSING_CELLS: "error",
    WarningCode.PAGE_STRAY_TEXT: "warning",
    WarningCode.WORD_REJOINED: "info",
    WarningCode.PRIVATE_USE_DROPPED: "warning",
    WarningCode.COLUMN_ROLE_FROM_CELLS: "warning",
    WarningCode.HEADER_ROW_MISSING: "warning",
    WarningCode.REGION_UNKNOWN: "warning",
    WarningCode.REGION_APPROXIMATE: "warning",
    WarningCode.LEAD_COMMA_KEPT: "warning",
    WarningCode.LEAD_SPLIT_GUESSED: "error",
    WarningCode.LEAD_UNKNOWN: "warning",
    WarningCode.LEAD_APPROXIMATE: "warning",
    WarningCode.LEAD_AMBIGUOUS: "warning",
    WarningCode.LEAD_LARGER_AUTHORITY: "warning",
    WarningCode.LEAD_OUTSIDE_REGION: "warning",
    WarningCode.LEAD_REGION_CONFLICT: "error",
    WarningCode.LEAD_FORMER_NAME: "info",
    WarningCode.LEAD_KIND_GUESSED: "warning",
    WarningCode.LEAD_WITHOUT_CODE: "info",
    WarningCode.COUNTRY_UNKNOWN: "warning",
    WarningCode.COUNTRY_CONFLICT: "error",
    WarningCode.COUNTRY_COLUMN_UNPAIRED: "error",
    WarningCode.PARTNER_NOTE_DROPPED: "info",
    WarningCode.PARTNER_SPLIT_GUESSED: "error",
    WarningCode.PARTNER_JOIN_GUESSED: "error",
    WarningCode.AMOUNT_UNREADABLE: "error",
    WarningCode.AMOUNT_ABBREVIATED: "warning",
    WarningCode.AMOUNT_THOUSANDS: "warning",
    WarningCode.DUPLICATE_ANNOUNCEMENT: "warning",
    WarningCode.OCR_LOW_CONFIDENCE: "warning",
    WarningCode.OCR_NAME_CORRECTED: "info",
}
"""Each code's severity: a code always means the same thing, so it always weighs the same."""

_SPACES = regex.compile(r"[\s\u00a0\u202f\u2007]+")
_HYPHEN_END = regex.compile(r"[\p{L}\p{N}][-\u2010\u2011/]$")


@dataclass(frozen=True, slots=True)
class ParseWarning:
    """Something the parser had to guess, normalise or leave out; never silent.

    Every stage emits this one type and the output carries it as it is. ``code`` is a
    :class:`WarningCode` value; ``laureate`` is the 1-based index of the laureate it
    concerns (None for the document as a whole); ``page`` and ``line`` say where it was
    printed; ``cells`` holds the raw cells of a row that could not be mapped as printed.
    """

    code: str
    severity: Severity
    message: str
    laureate: int | None = None
    page: int | None = None
    line: int | None = None
    cells: tuple[str, ...] = ()


def warn(
    code: WarningCode,
    message: str,
    *,
    page: int | None = None,
    line: int | None = None,
    cells: tuple[str, ...] = (),
) -> ParseWarning:
    """A warning of ``code`` with that code's severity."""
    return ParseWarning(str(code), SEVERITY[code], message, None, page, line, cells)


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
        return _joined(self.lines)

    @property
    def is_empty(self) -> bool:
        """True when the cell holds no visible text."""
        return not "".join(self.lines).strip()  # one call: no generator per cell


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
class Doubt:
    """A word a reader is unsure of (OCR below its confidence threshold), and where it stands."""

    text: str
    confidence: float
    """0-100."""
    page: int
    bbox: BBox


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """Everything a reader found, in reading order: running text and tables."""

    blocks: tuple[Block, ...]
    format: SourceFormat
    pages: int | None = None
    warnings: tuple[ParseWarning, ...] = field(default=())
    doubts: tuple[Doubt, ...] = field(default=())


def collapse_spaces(text: str) -> str:
    """Fold every run of whitespace (no-break spaces included) into one space, and strip."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text  # the common text: its only whitespace is single ASCII spaces inside
    return _SPACES.sub(" ", text).strip()


def join_lines(lines: tuple[str, ...] | list[str]) -> str:
    """Join a cell's wrapped lines into one string.

    A line ending in a hyphen or a slash right after a letter or digit was broken inside a
    compound ("Auvergne-Rhône-" + "Alpes", "2022-" + "2024", "Nouvelle-Aquitaine/" +
    "Hubei"): it is joined without a space; a dash printed after a space keeps its space. A
    line ending in a soft hyphen broke a word ("fi" + "lière"): the halves are joined and the
    soft hyphen goes. Any other break is one space. Whitespace runs are collapsed.
    """
    out = ""
    for raw in lines:
        line = collapse_spaces(raw)
        if not line:
            continue
        if not out:
            out = line
        elif out.endswith(SOFT_HYPHEN):
            out = out.rstrip(SOFT_HYPHEN) + line
        elif _HYPHEN_END.search(out):
            out += line
        else:
            out += " " + line
    return out.rstrip(SOFT_HYPHEN) if out.endswith(SOFT_HYPHEN) else out


_joined = lru_cache(maxsize=4096)(join_lines)
"""``join_lines`` remembered per cell: the layout and records stages read a cell's text
several times."""
