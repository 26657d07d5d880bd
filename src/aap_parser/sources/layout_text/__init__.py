"""The ``pdftotext -layout`` text form: columns aligned by spaces, cells wrapped over lines.

Each page is cut into running text and table runs (:mod:`.spans`). A table's columns are
where its left-aligned lines start, give or take the few characters pdftotext shifts them
(:mod:`.columns`); a table repeating an earlier header row (a list going on over pages)
takes its columns where that header's cells start, as pdftotext spaces each page on its
own character grid. Rows have no separators: below the header row, the lines are cut into
rows by a dynamic programme over where top-aligned or vertically centred cells put their
lines, column by column, helped by word cues (:mod:`.rows`, :mod:`.words`). Columns with
fewer cells than rows (regions, leads merged over several rows) are left out of that cut
(:mod:`.dense`) and each of their cells is given the block of rows it is centred in, or
tops (:mod:`.merged`): rows are as tall as their cells, those of columns placed one cell per
row included, and a table's centred merged cells are read alike (plainly, or half a line
higher per row as LibreOffice prints them); a page whose last merged cell was read as going
on is read again when the next page starts a cell of its own in that column. A place name
wrapped between its words ("Cercle de Aïn" / "Draham (Mali)") goes on its cell.

Where cells collide, pdftotext prints a cell's lines after what it printed to their left,
a single space apart, up to several characters off their column: such a block keeps its
column (its lines start together), an amount glued to a title goes back to the amounts,
and a lone line of collided cells does not cut its table (:mod:`.columns`, :mod:`.spans`).
"""

from __future__ import annotations

import dataclasses

from aap_parser.grid import Block, ParseWarning, RawTable, SourceDocument
from aap_parser.sources.layout_text.headers import HeaderTest
from aap_parser.sources.layout_text.lines import _Line, _parse_lines
from aap_parser.sources.layout_text.merged import _NO_LEANING, _Leaning
from aap_parser.sources.layout_text.spans import (
    _starts_with_table,
    _sub_heading_lines,
    _table_spans,
    _text_lines,
)
from aap_parser.sources.layout_text.table import _header_row, _open_columns, _read_table

# Lines of 2+ pieces that make a layout text whatever they say.
_MANY_LINES = 4


def looks_like_layout_text(lines: list[str], headers: HeaderTest) -> bool:
    """True when the text holds a table laid out by spaces (not tabs, not a pipe table).

    Many lines must have two or more pieces separated by runs of 2+ spaces, and the pieces
    must start at the same character columns on several lines; or, in a table of a row or
    two (whose cells, wrapped and centred, start anywhere), a few such lines must read as a
    table under a laureates header row.
    """
    if any("\t" in line for line in lines):
        return False
    if sum(1 for line in lines if line.count("|") >= 2) >= 3:
        return False
    parsed = _parse_lines(lines)
    multi = [line for line in parsed if len(line.chunks) >= 2]
    if len(multi) < 2:
        return False
    # pdftotext spaces each page on its own character grid: pages are judged apart.
    pages: dict[int, tuple[list[_Line], dict[int, int]]] = {}
    for line in multi:
        page_lines, starts = pages.setdefault(line.page, ([], {}))
        page_lines.append(line)
        for chunk in line.chunks[1:]:
            starts[chunk.start] = starts.get(chunk.start, 0) + 1
    aligned = len(multi) >= _MANY_LINES and any(
        max(starts.values(), default=0) >= max(3, len(page_lines) // 4)
        for page_lines, starts in pages.values()
    )
    return aligned or _has_headed_table(lines, headers)


def _has_headed_table(lines: list[str], headers: HeaderTest) -> bool:
    """True when the lines read as a table whose header row names laureate columns, with a
    body row below it."""
    return any(
        isinstance(block, RawTable) and len(block.rows) >= 2 and _header_row(block, headers)
        for block in read_layout_text(lines, headers).blocks
    )


def read_layout_text(lines: list[str], headers: HeaderTest) -> SourceDocument:
    """Read ``pdftotext -layout`` lines (form feeds mark pages) into the raw document.

    Running text becomes ``TextLine``s; each table run on a page becomes one ``RawTable``
    whose rows carry their first line number and page, and whose cells keep their lines.
    ``headers`` tells a laureates header row from body text.
    """
    parsed = _parse_lines(lines)
    pages: dict[int, list[_Line]] = {}
    for line in parsed:
        pages.setdefault(line.page, []).append(line)
    page_lines = [pages[page] for page in sorted(pages)]
    at_top = [
        index > 0 and _starts_with_table(page, headers) for index, page in enumerate(page_lines)
    ]
    read: list[_PageRead] = []
    above: _Above = ((), frozenset(), _NO_LEANING)
    for index, page in enumerate(page_lines):
        goes_on = index + 1 < len(page_lines) and at_top[index + 1]
        current = _PageRead(page, headers, above, continued=at_top[index], goes_on=goes_on)
        if read and at_top[index]:
            closed = _fresh_columns(read[-1].blocks, current.blocks, headers)
            if closed:
                # Merged cells read as going on at the page before's end start afresh here:
                # that page is read again with them closed at its end.
                read[-1] = read[-1].again(closed)
        read.append(current)
        tables = [block for block in current.blocks if isinstance(block, RawTable)]
        open_columns = _open_columns(tables[-1]) if tables else frozenset()
        above = (current.header_row, open_columns, current.leaning)
    blocks: list[Block] = []
    warnings: list[ParseWarning] = []
    for index, page_read in enumerate(read):
        page_blocks = page_read.blocks
        last = page_blocks[-1] if page_blocks else None
        if isinstance(last, RawTable) and index + 1 < len(read) and at_top[index + 1]:
            page_blocks = [*page_blocks[:-1], dataclasses.replace(last, reaches_page_bottom=True)]
        blocks.extend(page_blocks)
        warnings.extend(page_read.warnings)
    page_count = max((line.page for line in parsed if line.chunks), default=None)
    return SourceDocument(
        blocks=tuple(blocks), format="text", pages=page_count, warnings=tuple(warnings)
    )


_Above = tuple[tuple[tuple[str, ...], ...], frozenset[int], _Leaning]
"""The last header row read so far, the columns left open at the page before's end, and
how the tables so far read their centred merged cells."""


class _PageRead:
    """One page read: its blocks, warnings and the last header row read so far; kept with
    what it was read from, to read it again with some merged cells closed at its end."""

    def __init__(
        self,
        lines: list[_Line],
        headers: HeaderTest,
        above: _Above,
        *,
        continued: bool,
        goes_on: bool,
        closed: frozenset[int] = frozenset(),
    ) -> None:
        self._args = (lines, headers, above, continued, goes_on)
        self.warnings: list[ParseWarning] = []
        blocks, row, leaning = _read_page(
            lines, self.warnings, headers, above, closed, continued=continued, goes_on=goes_on
        )
        self.blocks = blocks
        self.header_row = row
        self.leaning = leaning

    def again(self, closed: frozenset[int]) -> _PageRead:
        """The page read again with the merged cells of ``closed`` ending at its end."""
        lines, headers, above, continued, goes_on = self._args
        return _PageRead(
            lines, headers, above, continued=continued, goes_on=goes_on, closed=closed
        )


def _fresh_columns(
    before: list[Block], page: list[Block], headers: HeaderTest
) -> frozenset[int]:
    """The columns with text in the page before's last table but none on its last row (a
    merged cell going on, or rows left to the next page) that start a cell on the first
    body row of this page's first table (same columns)."""
    last = next((block for block in reversed(before) if isinstance(block, RawTable)), None)
    first = next((block for block in page if isinstance(block, RawTable)), None)
    if last is None or first is None or not last.rows or not first.rows:
        return frozenset()
    body = 1 if _header_row(first, headers) else 0
    if body >= len(first.rows):
        return frozenset()
    end, top = last.rows[-1].cells, first.rows[body].cells
    if len(end) != len(top):
        return frozenset()
    return frozenset(
        col
        for col, (cell, fresh) in enumerate(zip(end, top, strict=True))
        if not cell.lines and fresh.lines and any(row.cells[col].lines for row in last.rows[1:])
    )


def _read_page(
    lines: list[_Line],
    warnings: list[ParseWarning],
    headers: HeaderTest,
    above: _Above,
    closed: frozenset[int],
    *,
    continued: bool,
    goes_on: bool,
) -> tuple[list[Block], tuple[tuple[str, ...], ...], _Leaning]:
    """Split one page into running text and tables, in reading order (``continued``: the
    page starts with a table going on from the page before; ``goes_on``: the next page
    starts with a table, which may go on from this page's last); ``above``: the last header
    row read so far (see :func:`_header_row`), returned updated, and the columns left open
    at the previous page's end (see :func:`_open_columns`) and the tables' leaning so far
    (see :func:`_agreed_placements`), returned updated; ``closed``: the columns whose last
    merged cell on the page ends there (the next page starts a cell of its own)."""
    header_row, open_columns, leaning = above
    leanings = [leaning]
    spans = _table_spans(lines, headers)
    blocks: list[Block] = []
    cursor = 0
    for number, (first, end) in enumerate(spans):
        start = first + _sub_heading_lines(lines[first:end], headers)
        blocks.extend(_text_lines(lines[cursor:first]))
        blocks.extend(_text_lines(lines[first:start], sub_heading=True))
        table = _read_table(
            lines[start:end],
            warnings,
            headers,
            continued=continued and number == 0,
            goes_on=goes_on and number == len(spans) - 1,
            header_row=header_row,
            open_columns=open_columns if number == 0 else frozenset(),
            closed_columns=closed if number == len(spans) - 1 else frozenset(),
            leaning=leanings[-1],
            leanings=leanings,
        )
        if table is not None:
            blocks.append(table)
            header_row = _header_row(table, headers) or header_row
        else:
            blocks.extend(_text_lines(lines[start:end]))
        cursor = end
    blocks.extend(_text_lines(lines[cursor:]))
    return blocks, header_row, leanings[-1]
