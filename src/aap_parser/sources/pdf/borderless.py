"""Tables printed without ruling lines: columns from whitespace gutters, rows from gaps.

The page's lines are cut into chunks wherever the gap between two lines is wider than the
leading inside a paragraph or cell (cells are top-aligned, so a chunk is one table row).
Consecutive chunks that each show several text columns, and whose columns stay apart when
taken together, form a table: its columns are the x-intervals between the gutters no word
crosses. Everything else (letterhead, title, sub-headings, footnotes) stays running text.
"""

from __future__ import annotations

import itertools
import statistics
from dataclasses import dataclass

from aap_parser.grid import BBox, RawCell, RawRow, RawTable
from aap_parser.sources.pdf.lines import Line, Word

GUTTER_EM = 0.55
"""The narrowest gap between two columns, in font sizes: wider than a word space (0.25 to
0.32 printed, up to 0.5 between the word boxes of an OCR layer), narrower than tight columns
(6 pt apart at 10 pt); a gap inside a column closes as soon as one row prints a word across
it."""

ROW_BREAK = 1.3
"""A baseline pitch this many times the leading starts a new chunk (a new row)."""

Rule = tuple[float, float, float]
"""A horizontal rule as ``(y, x0, x1)``."""

MIN_COLUMNS = 3
"""A borderless table has at least this many columns (fewer is a letterhead or a list)."""


@dataclass(slots=True)
class Chunk:
    """Lines separated by no more than the leading: a paragraph or one table row."""

    lines: list[Line]

    @property
    def words(self) -> list[Word]:
        return [w for line in self.lines for w in line.words]

    @property
    def top(self) -> float:
        return min(line.top for line in self.lines)

    @property
    def bottom(self) -> float:
        return max(line.bottom for line in self.lines)


def _leading_ratio(lines: list[Line]) -> float:
    """The page's usual baseline pitch inside a paragraph or cell, in font sizes."""
    ratios = sorted(
        (b.baseline - a.baseline) / max(a.size, b.size)
        for a, b in itertools.pairwise(lines)
        if b.baseline > a.baseline and max(a.size, b.size) > 0
    )
    ratios = [r for r in ratios if r >= 0.8]
    if not ratios:
        return 1.2
    low = ratios[len(ratios) // 10]
    return min(max(low, 1.0), 1.35)


def _ruled_between(upper: Line, lower: Line, rules: list[Rule]) -> bool:
    """Whether a horizontal rule is drawn between two lines (a table with row rules only)."""
    lo, hi = min(upper.x0, lower.x0), max(upper.x1, lower.x1)
    # Below the upper line's descenders (not an underline), above the lower line's letters.
    above, below = upper.baseline + 0.25 * upper.size, lower.baseline - 0.6 * lower.size
    return any(above <= y <= below and x0 < hi and x1 > lo for y, x0, x1 in rules)


def _chunks(lines: list[Line], rules: list[Rule]) -> list[Chunk]:
    """Cut the page's lines where the pitch exceeds the leading, the size changes or a rule runs."""
    leading = _leading_ratio(lines)
    chunks: list[Chunk] = []
    for line in lines:
        if chunks:
            prev = chunks[-1].lines[-1]
            size = max(prev.size, line.size)
            same_size = abs(prev.size - line.size) <= 0.1 * size
            if (
                same_size
                and line.baseline - prev.baseline <= ROW_BREAK * leading * size
                and not _ruled_between(prev, line, rules)
            ):
                chunks[-1].lines.append(line)
                continue
        chunks.append(Chunk([line]))
    return chunks


def _columns(words: list[Word], gutter: float) -> list[tuple[float, float]]:
    """The x-intervals covered by words, merged across gaps narrower than ``gutter``."""
    return _merged([(word.x0, word.x1) for word in words], gutter)


def _merged(spans: list[tuple[float, float]], gutter: float) -> list[tuple[float, float]]:
    """The x-intervals covered by these ones, merged across gaps narrower than ``gutter``.

    Intervals end up together when they reach each other across such gaps, so an interval
    merged before stands for those it was merged from: a run of chunks is widened by
    merging its columns with the next chunk's words, not all its words again.
    """
    out: list[tuple[float, float]] = []
    for x0, x1 in sorted(spans, key=lambda span: span[0]):
        if out and x0 - out[-1][1] < gutter:
            lo, hi = out[-1]
            out[-1] = (lo, max(hi, x1))
        else:
            out.append((x0, x1))
    return out


def _gutter(lines: list[Line]) -> float:
    """The minimum column gutter for these lines, from their font size."""
    return GUTTER_EM * statistics.median(line.size for line in lines)


def _bounds(columns: list[tuple[float, float]]) -> list[float]:
    """Cell limits: the table's outer edges and the middle of each gutter."""
    bounds = [columns[0][0]]
    bounds += [(a[1] + b[0]) / 2 for a, b in itertools.pairwise(columns)]
    bounds.append(columns[-1][1])
    return bounds


def _fits(line: Line, columns: list[tuple[float, float]], gutter: float) -> bool:
    """Whether no word of ``line`` straddles a gutter's middle or leaves the table."""
    bounds = _bounds(columns)
    bounds[0] -= gutter
    bounds[-1] += gutter
    return all(
        any(lo <= w.x0 and w.x1 <= hi for lo, hi in itertools.pairwise(bounds)) for w in line.words
    )


def _row(chunk: Chunk, columns: list[tuple[float, float]], page: int) -> RawRow:
    """One table row: each column's words, line by line."""
    bounds = _bounds(columns)
    top, bottom = chunk.top, chunk.bottom
    cells: list[RawCell] = []
    for i in range(len(columns)):
        lo, hi = bounds[i], bounds[i + 1]
        texts: list[str] = []
        for line in chunk.lines:
            inside = [w.text for w in line.words if lo <= (w.x0 + w.x1) / 2 <= hi]
            if inside:
                texts.append(" ".join(inside))
        cells.append(RawCell(tuple(texts), bbox=BBox(lo, top, hi, bottom)))
    return RawRow(tuple(cells), page=page, bbox=BBox(bounds[0], top, bounds[-1], bottom))


def _is_table(chunks: list[Chunk], columns: list[tuple[float, float]]) -> bool:
    """Whether a run of multi-column chunks is a table rather than a two-sided letterhead."""
    return len(columns) >= MIN_COLUMNS or (len(columns) == 2 and len(chunks) >= 3)


def find_borderless_tables(
    lines: list[Line], page: int, rules: list[Rule] | None = None
) -> list[RawTable | Line]:
    """Split the page's free lines (top to bottom) into borderless tables and running text.

    ``rules`` are the page's horizontal rules as ``(y, x0, x1)``: a rule between two lines
    always separates rows (tables ruled between rows but without column rules).
    """
    out: list[RawTable | Line] = []
    chunks = _chunks(lines, rules or [])
    i = 0
    while i < len(chunks):
        chunk = chunks[i]
        gutter = _gutter(chunk.lines)
        if len(_columns(chunk.words, gutter)) < 2:
            out.extend(chunk.lines)
            i += 1
            continue
        run = [chunk]
        columns = _columns(chunk.words, gutter)
        j = i + 1
        while j < len(chunks):
            candidate = chunks[j]
            if len(_columns(candidate.words, gutter)) >= 2:
                joined = _merged([*columns, *((w.x0, w.x1) for w in candidate.words)], gutter)
                if len(joined) >= len(columns):
                    run.append(candidate)
                    columns = joined
                    j += 1
                    continue
            break
        tail: list[Line] = []
        if j < len(chunks) and _is_table(run, columns):
            # A footnote printed close under the last row joins its chunk: keep the lines
            # that fit the columns as a row and leave the rest as text.
            rest = chunks[j].lines
            k = 0
            while k < len(rest) and _fits(rest[k], columns, gutter):
                k += 1
            if 0 < k < len(rest):
                run.append(Chunk(rest[:k]))
                tail = rest[k:]
                j += 1
        if not _is_table(run, columns):
            out.extend(chunk.lines)
            i += 1
            continue
        rows = tuple(_row(c, columns, page) for c in run)
        box = BBox(columns[0][0], run[0].top, columns[-1][1], run[-1].bottom)
        out.append(RawTable(rows, page=page, bbox=box, ruled=False))
        out.extend(tail)
        i = j
    return out
