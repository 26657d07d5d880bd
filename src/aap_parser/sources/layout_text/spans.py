"""Where a page's tables are: runs of tabular lines, without running text, sub-headings
or footnotes."""

from __future__ import annotations

import itertools

from aap_parser.grid import Block, TextLine
from aap_parser.sources.layout_text.columns import (
    _START_TOLERANCE,
    _build_grid,
    _Column,
    _columns,
    _fits,
)
from aap_parser.sources.layout_text.headers import HeaderTest
from aap_parser.sources.layout_text.lines import _Chunk, _Line
from aap_parser.sources.layout_text.rows import _header_lines
from aap_parser.sources.layout_text.words import (
    _ends_with_connector,
    _starts_cell,
    _starts_continuation,
)


def _starts_with_table(lines: list[_Line], headers: HeaderTest) -> bool:
    """True when the page's first non-blank line belongs to a table (a table goes on)."""
    first = next((i for i, line in enumerate(lines) if line.chunks), None)
    spans = _table_spans(lines, headers)
    return first is not None and bool(spans) and spans[0][0] <= first


def _sub_heading_lines(lines: list[_Line], headers: HeaderTest) -> int:
    """How many one-chunk lines at a table's top are a sub-heading, not header text: each
    stands alone (see :func:`_stands_alone`) and a header row starts right below them."""
    count = 0
    while (
        count + 1 < len(lines)
        and len(lines[count].chunks) == 1
        and _stands_alone(lines[count].chunks[0], lines[count + 1 : count + 4], headers)
    ):
        count += 1
    if not count:
        return 0
    rest = lines[count:]
    columns = _columns(rest)
    return count if len(columns) >= 2 and _header_lines(_build_grid(rest, columns), headers) else 0


def _stands_alone(chunk: _Chunk, below: list[_Line], headers: HeaderTest) -> bool:
    """True when a lone chunk above a table is no header text: the text below it starts a
    cell after it (it does not end in "de", ","...), or, with nothing below it, its wording
    names no column."""
    under = next(
        (
            other
            for line in below
            for other in line.chunks
            if abs(other.start - chunk.start) <= _START_TOLERANCE
        ),
        None,
    )
    if under is None:
        return not headers.names_column(chunk.text)
    return _starts_cell(under.text) and not _ends_with_connector(chunk.text)


def _text_lines(lines: list[_Line], *, sub_heading: bool = False) -> list[Block]:
    """Running text: one ``TextLine`` per non-blank line (``sub_heading``: the lines are a
    table's sub-heading, whose first line starts a paragraph of its own)."""
    kept = [line for line in lines if line.chunks]
    return [
        TextLine(
            text=line.text.strip(),
            page=line.page,
            line=line.number,
            stands_alone=sub_heading and index == 0,
        )
        for index, line in enumerate(kept)
    ]


def _paragraph_kinds(lines: list[_Line]) -> list[bool]:
    """For each line, whether its paragraph (run of non-blank lines) may be part of a table:
    only a paragraph holding a line of 2+ chunks may."""
    kinds = [False] * len(lines)
    start = 0
    while start < len(lines):
        if not lines[start].chunks:
            start += 1
            continue
        end = start
        while end < len(lines) and lines[end].chunks:
            end += 1
        tabular = any(len(lines[i].chunks) >= 2 for i in range(start, end))
        for i in range(start, end):
            kinds[i] = tabular
        start = end
    return kinds


def _table_spans(lines: list[_Line], headers: HeaderTest) -> list[tuple[int, int]]:
    """Index ranges ``[start, end)`` of the page's tables.

    A table is made of paragraphs holding lines of 2+ chunks (blank lines between them
    allowed); a paragraph without such a line (a sub-heading, a footnote), a line that
    runs across a column start (running text), or a sub-heading after a blank line and
    above a header row ends it.
    """
    tabular = _paragraph_kinds(lines)
    pending: list[tuple[int, int]] = []
    index = 0
    while index < len(lines):
        if not tabular[index]:
            index += 1
            continue
        end = index
        while end < len(lines) and (tabular[end] or not lines[end].chunks):
            end += 1
        while not lines[end - 1].chunks:
            end -= 1
        pending.append((index, end))
        index = end
    spans: list[tuple[int, int]] = []
    # Each run with the first line it may grow back up to (see below).
    runs = [(start, end, start) for start, end in pending]
    while runs:
        start, end, floor = runs.pop(0)
        inner = [i for i in range(start, end) if len(lines[i].chunks) >= 2]
        if len(inner) == 1 and _header_over_rest(lines, inner[0], end, headers):
            # A header row repeated on a page that holds only the rest of a broken row.
            spans.append((inner[0], end))
            continue
        if len(inner) < 2:
            continue
        # Sub-headings first: two tables on a page have columns of their own.
        headings = [
            i
            for i in range(start + 1, end)
            if not lines[i - 1].chunks and _sub_heading_lines(lines[i:end], headers)
        ]
        if headings:
            cuts = [start, *headings, end]
            runs = [(a, b, a) for a, b in itertools.pairwise(cuts)] + runs
            continue
        columns = _columns([lines[i] for i in inner], lines[start:end])
        if len(columns) < 2:
            continue
        fits = [not lines[i].chunks or _fits(lines[i], columns) for i in range(start, end)]
        breaks = [
            i
            for i in range(start, end)
            if not fits[i - start] and not _collided(lines, i, start, end, fits, columns)
        ]
        if breaks:
            # Lines cut away next to a break may be this piece's top (a header row under
            # a footnote, which broke only the columns of the two tables together).
            cuts = [start - 1, *breaks, end]
            runs = [
                (a + 1, b, start) for a, b in itertools.pairwise(cuts) if b - a > 2
            ] + runs
            continue
        floor = max(floor, spans[-1][1] if spans else 0)
        while start > floor and lines[start - 1].chunks and _fits(lines[start - 1], columns):
            start -= 1
        start, end = _trim_edges(lines, start, end)
        if end - start >= 2:
            spans.append((start, end))
    return sorted(spans)


def _collided(
    lines: list[_Line],
    index: int,
    start: int,
    end: int,
    fits: list[bool],
    columns: list[_Column],
) -> bool:
    """True when a line that does not fit the columns is a table line whose cells collided:
    between two table lines that fit (running text does not come one line at a time inside
    a table), it starts where a column does; or it goes on a block printed off its column:
    one of its chunks starts where a cell glued to another starts on the block's first line,
    with a line that fits, a blank line or the table's end below it."""
    if not start < index < end:
        return False
    first = lines[index].chunks[0].start
    starts = {chunk.start for chunk in lines[index].chunks}
    top = index - 1
    while top > start and lines[top].chunks and not fits[top - start] and (
        starts & {chunk.start for chunk in lines[top].chunks}
    ):
        top -= 1
    above = lines[top]
    below = lines[index + 1] if index + 1 < end else None
    if not above.chunks or not fits[top - start]:
        return False
    if below is not None and below.chunks and not fits[index + 1 - start]:
        below_in_block = bool(starts & {chunk.start for chunk in below.chunks})
    else:
        below_in_block = True
    if any(_starts_cell_at(chunk, x) for x in starts for chunk in above.chunks):
        return below_in_block
    return (
        top == index - 1
        and below is not None
        and bool(below.chunks)
        and fits[index + 1 - start]
        and any(abs(first - y) <= _START_TOLERANCE for c in columns for y in c.starts | {c.start})
    )


def _header_over_rest(lines: list[_Line], top: int, end: int, headers: HeaderTest) -> bool:
    """True when line ``top`` reads as a header row and the lines below it, up to ``end``,
    go on cells under it (lowercase, a bracket...)."""
    rest = [line for line in lines[top + 1 : end] if line.chunks]
    return (
        bool(rest)
        and headers.is_header_row([chunk.text for chunk in lines[top].chunks])
        and all(_starts_continuation(line.chunks[0].text) for line in rest[:1])
    )


def _starts_cell_at(chunk: _Chunk, x: int) -> bool:
    """True when a word after a single space in the chunk starts a cell at ``x``."""
    offset = x - chunk.start
    return (
        0 < offset < len(chunk.text)
        and chunk.text[offset - 1] == " "
        and _starts_cell(chunk.text[offset:])
    )


def _trim_edges(lines: list[_Line], start: int, end: int) -> tuple[int, int]:
    """Drop blank lines and lone text (a sub-heading right above the table) from the span's
    ends: a one-chunk edge line must start where some other line of the table starts, or
    a word starting a cell in it (a cell glued to the one before by a single space)."""

    def loose(i: int) -> bool:
        chunks = lines[i].chunks
        if not chunks:
            return True
        if len(chunks) > 1:
            return False
        x = chunks[0].start
        return not any(
            abs(chunk.start - x) <= 1 or _starts_cell_at(chunk, x)
            for j in range(start, end)
            if j != i
            for chunk in lines[j].chunks
        )

    while start < end and loose(start):
        start += 1
    while end > start and loose(end - 1):
        end -= 1
    return start, end
