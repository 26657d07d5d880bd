"""The ``pdftotext -layout`` text form: columns aligned by spaces, cells wrapped over lines.

Columns are the character ranges between gutters (columns blank on every table line). Rows
have no separators, so the table's lines are cut into rows by a small dynamic programme: a
row is a run of lines in which every column's lines sit where a vertically centred (or, for
the whole table, top-aligned) cell of one line pitch would put them, helped by word cues (a
cell goes on after "de", ",", "-"; a line starting lowercase or "(" goes on a cell). A sparse column
whose cells do not fit their rows (a region merged over several rows, its text centred in
the merged block) is given to the first row of the block it is centred in.
"""

from __future__ import annotations

import itertools
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from aap_parser.grid import Block, RawCell, RawRow, RawTable, SourceDocument, TextLine

_CHUNK = regex.compile(r"\S+(?: \S+)*")
_CONNECTOR_END = regex.compile(
    r"(?:[,\-\u2010\u2011/&:(+]|\b(?:de|du|des|la|le|les|l'|d'|l’|d’|et|à|au|aux|en|pour|"
    r"sur|par|avec|dans|entre|ou|un|une))$",
    regex.IGNORECASE,
)
_CONTINUATION_START = regex.compile(r"^(?:\p{Ll}|[(\[«\"'’)\]]\s*\p{Ll}|[(\[)\]])")
_CELL_START = regex.compile(r"^(?:\p{Lu}|\p{N}|[«\"“])")

_MIN_GUTTER = 2
_MAX_ROW_LINES = 40
_EMPTY_COST = 1.0
_CONFLICT_COST = 4.0
_WIDE_GAP_COST = 3.0
_BOUNDARY_CUE_COST = 1.0
_NEW_CELL_INSIDE_COST = 0.6
_UNCOVERED_ROW_COST = 0.05
_DENSE_FILL = 0.5
_ROW_PADDING = 0.5
_ROWS_ABOVE_COST = 0.01
_OTHER_MODEL_COST = 0.5


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


# ---------------------------------------------------------------------------------------------
# Public API


def looks_like_layout_text(lines: list[str]) -> bool:
    """True when the text holds a table laid out by spaces (not tabs, not a pipe table).

    Many lines must have two or more pieces separated by runs of 2+ spaces, and the pieces
    must start at the same character columns on several lines.
    """
    if any("\t" in line for line in lines):
        return False
    if sum(1 for line in lines if line.count("|") >= 2) >= 3:
        return False
    parsed = _parse_lines(lines)
    multi = [line for line in parsed if len(line.chunks) >= 2]
    if len(multi) < 4:
        return False
    starts: dict[int, int] = {}
    for line in multi:
        for chunk in line.chunks[1:]:
            starts[chunk.start] = starts.get(chunk.start, 0) + 1
    aligned = sum(1 for count in starts.values() if count >= 3)
    return aligned >= 1 and max(starts.values()) >= max(3, len(multi) // 4)


def read_layout_text(lines: list[str]) -> SourceDocument:
    """Read ``pdftotext -layout`` lines (form feeds mark pages) into the raw document.

    Running text becomes ``TextLine``s; each table run on a page becomes one ``RawTable``
    whose rows carry their first line number and page, and whose cells keep their lines.
    """
    parsed = _parse_lines(lines)
    pages: dict[int, list[_Line]] = {}
    for line in parsed:
        pages.setdefault(line.page, []).append(line)
    blocks: list[Block] = []
    warnings: list[str] = []
    page_numbers = sorted(pages)
    for index, page in enumerate(page_numbers):
        page_blocks = _read_page(pages[page], warnings)
        last = page_blocks[-1] if page_blocks else None
        if (
            isinstance(last, RawTable)
            and index + 1 < len(page_numbers)
            and _starts_with_table(pages[page_numbers[index + 1]])
        ):
            page_blocks[-1] = RawTable(
                rows=last.rows, page=last.page, ruled=last.ruled, reaches_page_bottom=True
            )
        blocks.extend(page_blocks)
    page_count = max((line.page for line in parsed if line.chunks), default=None)
    return SourceDocument(
        blocks=tuple(blocks), format="text", pages=page_count, warnings=tuple(warnings)
    )


# ---------------------------------------------------------------------------------------------
# Lines, chunks, pages


def _parse_lines(lines: Sequence[str]) -> list[_Line]:
    """Number the lines, count form feeds into pages, and cut each line into chunks."""
    out: list[_Line] = []
    page = 1
    for number, raw in enumerate(lines, start=1):
        text = unicodedata.normalize("NFC", raw.rstrip("\r\n"))
        if "\f" in text:
            page += text.count("\f")
            text = text.replace("\f", "")
        text = text.replace("\u00a0", " ").expandtabs(8).rstrip()
        chunks = tuple(_Chunk(m.start(), m.end(), m.group()) for m in _CHUNK.finditer(text))
        out.append(_Line(number, page, text, chunks))
    return out


def _starts_with_table(lines: list[_Line]) -> bool:
    """True when the page's first non-blank line belongs to a table (a table goes on)."""
    first = next((i for i, line in enumerate(lines) if line.chunks), None)
    spans = _table_spans(lines)
    return first is not None and bool(spans) and spans[0][0] <= first


def _read_page(lines: list[_Line], warnings: list[str]) -> list[Block]:
    """Split one page into running text and tables, in reading order."""
    spans = _table_spans(lines)
    blocks: list[Block] = []
    cursor = 0
    for start, end in spans:
        blocks.extend(_text_lines(lines[cursor:start]))
        table = _read_table(lines[start:end], warnings)
        if table is not None:
            blocks.append(table)
        else:
            blocks.extend(_text_lines(lines[start:end]))
        cursor = end
    blocks.extend(_text_lines(lines[cursor:]))
    return blocks


def _text_lines(lines: list[_Line]) -> list[Block]:
    """Running text: one ``TextLine`` per non-blank line."""
    return [
        TextLine(text=line.text.strip(), page=line.page, line=line.number)
        for line in lines
        if line.chunks
    ]


# ---------------------------------------------------------------------------------------------
# Table extent and columns


def _columns(lines: Sequence[_Line]) -> list[tuple[int, int]]:
    """Column ranges ``[start, end)`` between gutters: runs of 2+ character columns left
    blank by every chunk of the given lines."""
    width = max((chunk.end for line in lines for chunk in line.chunks), default=0)
    occupied = [False] * (width + 1)
    for line in lines:
        for chunk in line.chunks:
            for x in range(chunk.start, chunk.end):
                occupied[x] = True
    columns: list[tuple[int, int]] = []
    x = 0
    while x < width:
        if not occupied[x]:
            x += 1
            continue
        start = x
        while True:
            while x < width and occupied[x]:
                x += 1
            gap = x
            while gap < width and not occupied[gap]:
                gap += 1
            if gap < width and gap - x < _MIN_GUTTER:
                x = gap
                continue
            break
        columns.append((start, x))
        x = max(x, start + 1)
    return columns


def _fits(line: _Line, columns: list[tuple[int, int]]) -> bool:
    """True when no chunk of the line runs into the next column (crosses its start)."""
    starts = [start for start, _ in columns[1:]]
    for chunk in line.chunks:
        inside = [x for x in starts if chunk.start < x < chunk.end + 1]
        if inside:
            return False
    return True


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


def _table_spans(lines: list[_Line]) -> list[tuple[int, int]]:
    """Index ranges ``[start, end)`` of the page's tables.

    A table is made of paragraphs holding lines of 2+ chunks (blank lines between them
    allowed); a paragraph without such a line (a sub-heading, a footnote) or a line that
    runs across a column start (running text) ends it.
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
    while pending:
        start, end = pending.pop(0)
        inner = [i for i in range(start, end) if len(lines[i].chunks) >= 2]
        if len(inner) < 2:
            continue
        columns = _columns([lines[i] for i in inner])
        if len(columns) < 2:
            continue
        breaks = [i for i in range(start, end) if lines[i].chunks and not _fits(lines[i], columns)]
        if breaks:
            cuts = [start - 1, *breaks, end]
            pending = [(a + 1, b) for a, b in itertools.pairwise(cuts) if b - a > 2] + pending
            continue
        start, end = _trim_edges(lines, start, end)
        if end - start >= 2:
            spans.append((start, end))
    return sorted(spans)


def _trim_edges(lines: list[_Line], start: int, end: int) -> tuple[int, int]:
    """Drop blank lines and lone text (a sub-heading right above the table) from the span's
    ends: a one-chunk edge line must start where some other line of the table starts."""

    def loose(i: int) -> bool:
        chunks = lines[i].chunks
        if not chunks:
            return True
        if len(chunks) > 1:
            return False
        x = chunks[0].start
        return not any(
            abs(chunk.start - x) <= 1
            for j in range(start, end)
            if j != i
            for chunk in lines[j].chunks
        )

    while start < end and loose(start):
        start += 1
    while end > start and loose(end - 1):
        end -= 1
    return start, end


# ---------------------------------------------------------------------------------------------
# Rows


@dataclass(frozen=True, slots=True)
class _Grid:
    """A table's text per (line index, column): ``None`` where the column is blank."""

    lines: tuple[_Line, ...]
    text: tuple[tuple[str | None, ...], ...]
    ncols: int
    filled: tuple[tuple[int, ...], ...]

    def column_lines(self, col: int, first: int = 0, last: int | None = None) -> list[int]:
        """Line indices in ``[first, last]`` where the column has text."""
        filled = self.filled[col]
        stop = len(self.text) - 1 if last is None else last
        return list(filled[bisect_left(filled, first) : bisect_right(filled, stop)])

    def at(self, t: int, col: int) -> str:
        """The text of a column on a line ("" when blank)."""
        return self.text[t][col] or ""


def _build_grid(lines: list[_Line], columns: list[tuple[int, int]]) -> _Grid:
    """Cut every line's chunks into the columns (chunks of one column on one line join)."""
    rows: list[tuple[str | None, ...]] = []
    for line in lines:
        cells: list[list[str]] = [[] for _ in columns]
        for chunk in line.chunks:
            for index, (start, end) in enumerate(columns):
                if start <= chunk.start < end:
                    cells[index].append(chunk.text)
                    break
        rows.append(tuple(" ".join(parts) if parts else None for parts in cells))
    filled = tuple(
        tuple(t for t, row in enumerate(rows) if row[col] is not None)
        for col in range(len(columns))
    )
    return _Grid(tuple(lines), tuple(rows), len(columns), filled)


def _ends_with_connector(text: str) -> bool:
    """A line after which a cell goes on: it ends in "de", "la", "et", ",", "-", "l'"... or
    leaves a bracket open."""
    return bool(_CONNECTOR_END.search(text.rstrip())) or text.count("(") > text.count(")")


def _starts_continuation(text: str) -> bool:
    """A line that usually goes on a cell: it starts lowercase or with a bracket, or closes
    a bracket it did not open."""
    stripped = text.lstrip()
    closing, opening = stripped.find(")"), stripped.find("(")
    if closing >= 0 and (opening < 0 or closing < opening):
        return True
    return bool(_CONTINUATION_START.match(stripped))


def _starts_cell(text: str) -> bool:
    """A line that usually starts a cell: capital letter, digit or opening quote."""
    return bool(_CELL_START.match(text.lstrip()))


_Pairs = list[tuple[int, int]]


def _offsets(lines: list[int]) -> tuple[_Pairs, _Pairs]:
    """A cell's lines placed on the row's half-line grid, centred and top-aligned."""
    n = len(lines)
    centred = [(t, 2 * i - (n - 1)) for i, t in enumerate(lines)]
    top = [(t, 2 * i) for i, t in enumerate(lines)]
    return centred, top


def _conflicts(pairs: _Pairs) -> int:
    """How far the (line, offset) pairs are from one increasing map line -> offset."""
    by_line: dict[int, set[int]] = {}
    for t, offset in pairs:
        by_line.setdefault(t, set()).add(offset)
    count = sum(len(offsets) - 1 for offsets in by_line.values())
    ordered = sorted(by_line)
    for before, after in itertools.pairwise(ordered):
        if max(by_line[before]) >= min(by_line[after]):
            count += 1
    return count


def _models(grid: _Grid, cols: Sequence[int], first: int, last: int) -> tuple[_Pairs, ...]:
    """The row's (line, offset) pairs under the centred and the top-aligned model."""
    models: tuple[_Pairs, _Pairs] = ([], [])
    for col in cols:
        lines = grid.column_lines(col, first, last)
        if lines:
            for model, pairs in zip(models, _offsets(lines), strict=True):
                model.extend(pairs)
    return models


def _row_cost(
    grid: _Grid, cols: Sequence[int], first: int, last: int
) -> tuple[float, tuple[int, ...]]:
    """How unlikely it is that lines ``first..last`` make one table row: the word and gap
    cost, and the misplaced lines under each alignment (centred, top)."""
    cost = 0.0
    for col in cols:
        lines = grid.column_lines(col, first, last)
        if not lines:
            cost += _EMPTY_COST
            continue
        for before, after in itertools.pairwise(lines):
            if after - before > 2:
                cost += _WIDE_GAP_COST
            if _starts_cell(grid.at(after, col)) and not _ends_with_connector(grid.at(before, col)):
                cost += _NEW_CELL_INSIDE_COST
    if first > 0:
        cost += _boundary_cost(grid, cols, first)
    return cost, tuple(_conflicts(pairs) for pairs in _models(grid, cols, first, last))


def _boundary_cost(grid: _Grid, cols: Sequence[int], first: int) -> float:
    """Word cues against a row starting at line ``first``: the cell above seems to go on."""
    cost = 0.0
    for col in cols:
        before = next(
            (t for t in range(first - 1, max(-1, first - 3), -1) if grid.text[t][col]), None
        )
        if before is None:
            continue
        after = next(
            (t for t in range(first, min(len(grid.text), before + 3)) if grid.text[t][col]), None
        )
        if after is None:
            continue
        if _ends_with_connector(grid.at(before, col)):
            cost += _BOUNDARY_CUE_COST
        if _starts_continuation(grid.at(after, col)):
            cost += _BOUNDARY_CUE_COST
    return cost


def _segment_rows(grid: _Grid, cols: Sequence[int]) -> list[tuple[int, int]]:
    """Cut the table's lines into rows ``(first, last)``: the cheapest cut of the two
    alignments (a table's cells are all centred or all top-aligned)."""
    size = len(grid.text)
    costs = {
        (start, end): _row_cost(grid, cols, start, end)
        for end in range(size)
        for start in range(max(0, end + 1 - _MAX_ROW_LINES), end + 1)
    }
    return min(
        (_segment_rows_as(size, costs, model) for model in (0, 1)), key=lambda found: found[0]
    )[1]


def _segment_rows_as(
    size: int, costs: dict[tuple[int, int], tuple[float, tuple[int, ...]]], model: int
) -> tuple[float, list[tuple[int, int]]]:
    """The least total cost of rows for one alignment (0 centred, 1 top), and those rows
    ``(first, last)``; a row fitting only the other alignment costs a little more."""
    best = [0.0] + [float("inf")] * size
    back = [0] * (size + 1)
    for end in range(1, size + 1):
        for start in range(max(0, end - _MAX_ROW_LINES), end):
            if best[start] == float("inf"):
                continue
            base, conflicts = costs[start, end - 1]
            cost = (
                best[start]
                + base
                + min(
                    _CONFLICT_COST * conflicts[model],
                    _CONFLICT_COST * conflicts[1 - model] + _OTHER_MODEL_COST,
                )
            )
            if cost < best[end]:
                best[end], back[end] = cost, start
    rows: list[tuple[int, int]] = []
    end = size
    while end > 0:
        rows.append((back[end], end - 1))
        end = back[end]
    rows.reverse()
    return best[size], rows


def _fits_rows(grid: _Grid, col: int, cols: Sequence[int], rows: list[tuple[int, int]]) -> bool:
    """True when the column's text in each row sits where a cell of that row would."""
    for first, last in rows:
        if not grid.column_lines(col, first, last):
            continue
        base = _models(grid, cols, first, last)
        extra = _models(grid, [col], first, last)
        if min(_conflicts(pairs) for pairs in base) < min(
            _conflicts(pairs + more) for pairs, more in zip(base, extra, strict=True)
        ):
            return False
    return True


def _merged_cells(grid: _Grid, col: int) -> list[list[int]]:
    """A merged column's cells: runs of its lines, cut at wide gaps or where a cell starts."""
    cells: list[list[int]] = []
    for t in grid.column_lines(col):
        if cells:
            prev = cells[-1][-1]
            gap = t - prev
            goes_on = gap == 1 or (
                gap == 2
                and (_ends_with_connector(grid.at(prev, col)) or not _starts_cell(grid.at(t, col)))
            )
            if goes_on:
                cells[-1].append(t)
                continue
        cells.append([t])
    return cells


def _line_heights(
    grid: _Grid, cols: Sequence[int], rows: list[tuple[int, int]]
) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """Rebuild each line's vertical position, in line pitches, and each row's top and bottom.

    A row's lines sit on its half-line grid (see :func:`_offsets`), so its height is known
    in pitches; rows stack. A line holding only text of other columns (a merged region) is
    placed between its neighbours.
    """
    position: list[float | None] = [None] * len(grid.text)
    bounds: list[tuple[float, float]] = []
    top = 0.0
    for first, last in rows:
        models = _models(grid, cols, first, last)
        pairs = min(models, key=_conflicts)
        by_line: dict[int, list[int]] = {}
        for t, offset in pairs:
            by_line.setdefault(t, []).append(offset)
        if not by_line:
            bounds.append((top, top + 1 + _ROW_PADDING))
            top += 1 + _ROW_PADDING
            continue
        mean = {t: sum(v) / len(v) for t, v in by_line.items()}
        low, high = min(mean.values()), max(mean.values())
        for t, place in mean.items():
            position[t] = top + _ROW_PADDING / 2 + (place - low) / 2 + 0.5
        bottom = top + (high - low) / 2 + 1 + _ROW_PADDING
        bounds.append((top, bottom))
        top = bottom
    return _fill_positions(position), bounds


def _fill_positions(position: list[float | None]) -> list[tuple[float, float]]:
    """Each line's vertical range: exact where known, else strictly between its neighbours."""
    known = [t for t, y in enumerate(position) if y is not None]
    out: list[tuple[float, float]] = []
    for t, y in enumerate(position):
        if y is not None:
            out.append((y, y))
            continue
        before = max((k for k in known if k < t), default=None)
        after = min((k for k in known if k > t), default=None)
        low = position[before] if before is not None else None
        high = position[after] if after is not None else None
        if low is None and high is None:
            out.append((0.5 * t, 0.5 * t))
        elif low is None:
            assert high is not None
            out.append((high - 0.5 * (after or 0) + 0.5 * t - 0.5, high - 0.5))
        elif high is None:
            out.append((low + 0.5, low + 0.5 * (t - (before or 0)) + 0.5))
        else:
            margin = min(0.1, (high - low) / 4)
            out.append((low + margin, high - margin))
    return out


def _place_merged(
    cells: list[list[int]],
    row_of: list[int],
    heights: tuple[list[tuple[float, float]], list[tuple[float, float]]],
    *,
    centred: bool,
) -> tuple[float, list[tuple[int, int, list[int]]]]:
    """Give each merged cell a block of rows: its cost and ``(first_row, last_row, lines)``.

    Blocks follow one another; each holds the rows its lines touch, and its text is centred
    in it (or at its top when ``centred`` is false). A row left out of every block costs a
    little.
    """
    position, bounds = heights
    count = len(bounds)
    inf = float("inf")
    if not cells or not count:
        return inf, []

    def dev(cell: list[int], first: int, last: int) -> float:
        if centred:
            low = (position[cell[0]][0] + position[cell[-1]][0]) / 2
            high = (position[cell[0]][1] + position[cell[-1]][1]) / 2
            target = (bounds[first][0] + bounds[last][1]) / 2
        else:
            low, high = position[cell[0]]
            target = bounds[first][0] + _ROW_PADDING / 2 + 0.5
        above = _ROWS_ABOVE_COST * (row_of[cell[0]] - first)
        return max(0.0, low - target, target - high) + above

    # lead_in[s]: least cost with the cells so far placed and rows before ``s`` settled.
    lead_in = [_UNCOVERED_ROW_COST * s for s in range(count)]
    lead_from: list[int] = [-1] * count
    starts: list[list[int]] = []
    prevs: list[list[int]] = []
    ends: list[float] = []
    for cell in cells:
        low, high = row_of[cell[0]], row_of[cell[-1]]
        ends = [inf] * count
        start_of = [-1] * count
        for first in range(low + 1):
            if lead_in[first] == inf:
                continue
            for last in range(high, count):
                cost = lead_in[first] + dev(cell, first, last)
                if cost < ends[last]:
                    ends[last], start_of[last] = cost, first
        starts.append(start_of)
        prevs.append(lead_from)
        lead_in, lead_from = [inf] * count, [-1] * count
        for nxt in range(count):
            for last in range(nxt):
                cost = ends[last] + _UNCOVERED_ROW_COST * (nxt - last - 1)
                if cost < lead_in[nxt]:
                    lead_in[nxt], lead_from[nxt] = cost, last
    totals = [ends[last] + _UNCOVERED_ROW_COST * (count - 1 - last) for last in range(count)]
    last = min(range(count), key=lambda e: totals[e])
    if totals[last] == inf:
        return inf, []
    placed: list[tuple[int, int, list[int]]] = []
    for index in range(len(cells) - 1, -1, -1):
        first = starts[index][last]
        placed.append((first, last, cells[index]))
        last = prevs[index][first]
    placed.reverse()
    return totals[min(range(count), key=lambda e: totals[e])], placed


# ---------------------------------------------------------------------------------------------
# Table


def _read_table(lines: list[_Line], warnings: list[str]) -> RawTable | None:
    """Read one table run of lines into a ``RawTable`` (``None`` if it has < 2 columns)."""
    columns = _columns(lines)
    if len(columns) < 2:
        return None
    grid = _build_grid(lines, columns)
    fill = [len(grid.column_lines(col)) for col in range(grid.ncols)]
    dense = [col for col in range(grid.ncols) if fill[col] >= _DENSE_FILL * max(fill)]
    rows = _segment_rows(grid, dense)
    sparse = [col for col in range(grid.ncols) if col not in dense and fill[col]]
    fitting = [col for col in sparse if _fits_rows(grid, col, dense, rows)]
    if fitting:
        dense = sorted(dense + fitting)
        rows = _segment_rows(grid, dense)
    rows = [(a, b) for a, b in rows if any(grid.column_lines(col, a, b) for col in dense)]
    spans = [_text_span(grid, dense, a, b) for a, b in rows]
    row_of = _row_index(rows, len(grid.text))
    heights = _line_heights(grid, dense, rows)
    cells: list[list[RawCell]] = [
        [
            RawCell(lines=tuple(grid.at(t, col) for t in grid.column_lines(col, a, b)))
            for col in range(grid.ncols)
        ]
        for a, b in rows
    ]
    for col in sparse:
        if col in fitting:
            continue
        merged = _merged_cells(grid, col)
        placed = min(
            (_place_merged(merged, row_of, heights, centred=mode) for mode in (True, False)),
            key=lambda result: result[0],
        )[1]
        if not placed:
            warnings.append(
                f"page {lines[0].page}, line {lines[0].number}: "
                f"column {col + 1} kept row by row (its merged cells could not be placed)"
            )
            continue
        for row_cells in cells:
            row_cells[col] = RawCell()
        for first, last, cell_lines in placed:
            cells[first][col] = RawCell(lines=tuple(grid.at(t, col) for t in cell_lines))
            for below in range(first + 1, last + 1):
                cells[below][col] = RawCell(merged_from_above=True)
    raw_rows = tuple(
        RawRow(cells=tuple(row_cells), page=lines[span[0]].page, line=lines[span[0]].number)
        for row_cells, span in zip(cells, spans, strict=True)
    )
    return RawTable(rows=raw_rows, page=lines[0].page, ruled=False)


def _text_span(grid: _Grid, cols: Sequence[int], first: int, last: int) -> tuple[int, int]:
    """The first and last line of a row that hold text in the given columns."""
    used = [t for col in cols for t in grid.column_lines(col, first, last)]
    return min(used), max(used)


def _row_index(rows: list[tuple[int, int]], size: int) -> list[int]:
    """For each line index, the row it falls in (a line between rows goes to the next)."""
    index = [len(rows) - 1] * size
    current = 0
    for t in range(size):
        while current < len(rows) - 1 and t > rows[current][1]:
            current += 1
        index[t] = current
    return index
