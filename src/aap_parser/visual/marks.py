"""What the review draws: the table cells as read and each laureate's place, per page.

A pure function of the raw document (the source stage re-run on the input's bytes) and the
announcement built from it:

1. Every raw cell of every table is a mark, in PDF points on its page; a cell whose box is
   taller than its row is a merged block, a cell marked ``merged_from_above`` is carried
   over from it, and so is a blank region or lead cell of a row whose laureate says its
   value was carried over (borderless tables print the region on the group's first row).
2. A raw row whose box is the box of a laureate's provenance belongs to that laureate; the
   other rows (header rows, the second half of a row cut by the page end) are drawn but not
   labelled.
3. In a text input a row runs from its first line to the line before the next row; each of
   its cells is found in those lines by its printed text, giving a line and column span.
4. A laureate's severity is the worst severity of the warnings linked to it.
5. On a page read by OCR, every word the OCR was unsure of is marked with its confidence.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from aap_parser.grid import BBox, Doubt, RawRow, RawTable, Severity, SourceDocument, TextLine
from aap_parser.models import Announcement, Laureate, TableInfo

TAB_SIZE = 8
"""Tab stops of a text input as shown in the review."""

SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
"""Warning severities, worst first."""


@dataclass(frozen=True, slots=True)
class CellMark:
    """One raw cell on a PDF page: ``merged`` spans several rows, ``carried`` takes from above."""

    bbox: BBox
    merged: bool = False
    carried: bool = False
    ruled: bool = True


@dataclass(frozen=True, slots=True)
class LaureateMark:
    """A laureate's box on its page (PDF points) and the worst severity of its warnings."""

    index: int
    bbox: BBox
    severity: str | None = None


@dataclass(slots=True)
class PageMarks:
    """Everything drawn over one PDF page."""

    number: int
    tables: list[BBox] = field(default_factory=list)
    cells: list[CellMark] = field(default_factory=list)
    laureates: list[LaureateMark] = field(default_factory=list)
    doubts: list[Doubt] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class TextSpan:
    """A cell in a text input: lines ``first``-``last`` (1-based), columns ``start``-``end``."""

    first: int
    last: int
    start: int
    end: int
    carried: bool = False


@dataclass(frozen=True, slots=True)
class TextRowMark:
    """A table row of a text input: its lines, its cells and its laureate (``None``: header)."""

    first: int
    last: int
    cells: tuple[TextSpan, ...]
    laureate: int | None = None
    severity: str | None = None


def worst(severities: list[str]) -> str | None:
    """The worst of some severities (``error`` > ``warning`` > ``info``), or ``None``."""
    for severity in SEVERITIES:
        if severity in severities:
            return severity
    return None


def laureate_severities(announcement: Announcement) -> dict[int, str]:
    """Each laureate with warnings: the worst severity among them."""
    found: dict[int, list[str]] = defaultdict(list)
    for warning in announcement.warnings:
        if warning.laureate is not None:
            found[warning.laureate].append(warning.severity)
    return {index: sev for index, items in found.items() if (sev := worst(items)) is not None}


def _row_key(page: int | None, bbox: BBox | tuple[float, ...] | None) -> tuple[object, ...]:
    box = bbox.as_tuple() if isinstance(bbox, BBox) else bbox
    return (page, box)


def _carried_columns(table: RawTable, infos: list[TableInfo]) -> dict[str, int]:
    """Column positions of the region and lead roles in this raw table, when known."""
    width = max((len(row.cells) for row in table.rows), default=0)
    for info in infos:
        if table.page is not None and table.page not in info.pages:
            continue
        if len(info.roles) == width:
            return {
                role: info.roles.index(role) for role in ("region", "lead") if role in info.roles
            }
    return {}


def _is_carried(row: RawRow, column: int, laureate: Laureate | None, roles: dict[str, int]) -> bool:
    """True when this cell's value comes from the row above."""
    cell = row.cells[column]
    if cell.merged_from_above:
        return True
    if laureate is None or not cell.is_empty:
        return False
    return (roles.get("region") == column and laureate.region_carried_over) or (
        roles.get("lead") == column and laureate.lead_carried_over
    )


def page_marks(document: SourceDocument, announcement: Announcement) -> dict[int, PageMarks]:
    """The marks of every page of a PDF input, keyed by 1-based page number."""
    severities = laureate_severities(announcement)
    by_row = {
        _row_key(lau.provenance.page, lau.provenance.bbox): lau
        for lau in announcement.laureates
        if lau.provenance.bbox is not None
    }
    pages: dict[int, PageMarks] = {}
    for table in (b for b in document.blocks if isinstance(b, RawTable)):
        roles = _carried_columns(table, announcement.tables)
        for row in table.rows:
            page = row.page or table.page
            if page is None:
                continue
            marks = pages.setdefault(page, PageMarks(page))
            laureate = by_row.get(_row_key(page, row.bbox))
            for column, cell in enumerate(row.cells):
                if cell.bbox is None:
                    continue
                tall = row.bbox is not None and cell.bbox.bottom > row.bbox.bottom + 0.5
                carried = _is_carried(row, column, laureate, roles)
                marks.cells.append(CellMark(cell.bbox, tall, carried, table.ruled))
            if laureate is not None and row.bbox is not None:
                marks.laureates.append(
                    LaureateMark(laureate.index, row.bbox, severities.get(laureate.index))
                )
        if table.bbox is not None and table.page is not None:
            pages.setdefault(table.page, PageMarks(table.page)).tables.append(table.bbox)
    for doubt in document.doubts:
        pages.setdefault(doubt.page, PageMarks(doubt.page)).doubts.append(doubt)
    return pages


def _next_lines(document: SourceDocument) -> list[int]:
    """Every line number where a row or a running-text line starts, sorted."""
    starts = set()
    for block in document.blocks:
        if isinstance(block, TextLine) and block.line is not None:
            starts.add(block.line)
        elif isinstance(block, RawTable):
            starts.update(row.line for row in block.rows if row.line is not None)
    return sorted(starts)


def _find(text: str, line: str, used: set[tuple[int, int]], number: int) -> int:
    """Where ``text`` stands in ``line`` as a whole cell (set off by a tab, two spaces or an
    end), not already taken; -1 when it does not."""
    start = line.find(text)
    while start >= 0:
        before, after = line[:start], line[start + len(text) :]
        alone = (not before.strip() or before.endswith(("\t", "  ", "|"))) and (
            not after.strip() or after.startswith(("\t", "  ", "|"))
        )
        if alone and (number, start) not in used:
            return start
        start = line.find(text, start + 1)
    return -1


def _find_cell(
    cell_lines: tuple[str, ...], lines: list[str], first: int, last: int, used: set[tuple[int, int]]
) -> TextSpan | None:
    """Where a cell's printed lines stand in lines ``first``-``last`` of the input, in
    columns of the line with its tabs expanded."""
    found: list[tuple[int, int, int]] = []
    at = first
    for text in (t.strip() for t in cell_lines):
        if not text:
            continue
        for number in range(at, last + 1):
            line = lines[number - 1]
            start = _find(text, line, used, number)
            if start >= 0:
                used.add((number, start))
                column = len(line[:start].expandtabs(TAB_SIZE))
                found.append((number, column, column + len(text.expandtabs(TAB_SIZE))))
                at = number
                break
    if not found:
        return None
    return TextSpan(
        min(f[0] for f in found),
        max(f[0] for f in found),
        min(f[1] for f in found),
        max(f[2] for f in found),
    )


def _window(row: RawRow, starts: list[int], count: int) -> tuple[int, int]:
    """The lines a text row may use: from its first line to the line before the next row or
    running-text line."""
    first = row.line or 1
    later = [n for n in starts if n > first]
    return first, min(later[0] - 1 if later else count, count)


def text_marks(
    document: SourceDocument, announcement: Announcement, lines: list[str]
) -> list[TextRowMark]:
    """The table rows of a text input with their cells found in its ``lines``; columns count
    tabs expanded to :data:`TAB_SIZE`."""
    severities = laureate_severities(announcement)
    by_line = {
        lau.provenance.line: lau
        for lau in announcement.laureates
        if lau.provenance.line is not None
    }
    starts = _next_lines(document)
    rows: list[TextRowMark] = []
    for table in (b for b in document.blocks if isinstance(b, RawTable)):
        roles = _carried_columns(table, announcement.tables)
        placed = [r for r in table.rows if r.line is not None and 1 <= r.line <= len(lines)]
        windows = [_window(row, starts, len(lines)) for row in placed]
        table_end = max((end for _, end in windows), default=0)
        for row, (first, last) in zip(placed, windows, strict=True):
            laureate = by_line.get(first)
            used: set[tuple[int, int]] = set()
            spans = []
            end = first
            for column, cell in enumerate(row.cells):
                span = _find_cell(cell.lines, lines, first, last, used)
                if span is not None:
                    end = max(end, span.last)
                else:  # a merged cell's text printed lower in its block (centred)
                    span = _find_cell(cell.lines, lines, last + 1, table_end, used)
                if span is not None:
                    carried = _is_carried(row, column, laureate, roles)
                    spans.append(TextSpan(span.first, span.last, span.start, span.end, carried))
            index = laureate.index if laureate is not None else None
            rows.append(
                TextRowMark(
                    first,
                    end,
                    tuple(spans),
                    index,
                    severities.get(index) if index is not None else None,
                )
            )
    return rows
