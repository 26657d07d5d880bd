"""One table run of lines into a ``RawTable``: columns, rows, merged cells."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Sequence

from aap_parser.grid import ParseWarning, RawCell, RawRow, RawTable, WarningCode, warn
from aap_parser.sources.layout_text.columns import (
    _MAX_HEADER_SEARCH,
    _build_grid,
    _columns,
    _Grid,
    _header_columns,
)
from aap_parser.sources.layout_text.dense import _dense_columns
from aap_parser.sources.layout_text.headers import HeaderTest
from aap_parser.sources.layout_text.lines import _Line
from aap_parser.sources.layout_text.merged import (
    _NO_LEANING,
    _agreed_placements,
    _column_options,
    _Heights,
    _Leaning,
    _line_heights,
    _merged_cells,
    _Options,
    _weights,
)
from aap_parser.sources.layout_text.rows import _header_lines, _mixed_alignments, _segment_rows
from aap_parser.sources.layout_text.words import (
    _ends_with_connector,
    _mend_broken_words,
    _starts_continuation,
)


def _read_table(
    lines: list[_Line],
    warnings: list[ParseWarning],
    headers: HeaderTest,
    *,
    continued: bool,
    goes_on: bool,
    header_row: Sequence[Sequence[str]] = (),
    open_columns: frozenset[int] = frozenset(),
    closed_columns: frozenset[int] = frozenset(),
    leaning: _Leaning = _NO_LEANING,
    leanings: list[_Leaning] | None = None,
) -> RawTable | None:
    """Read one table run of lines into a ``RawTable`` (``None`` if it has < 2 columns);
    ``continued``: the table goes on from the page before; ``goes_on``: it may go on on
    the next page; ``header_row``: an earlier table's header cells' lines, whose columns
    and lines this table keeps if its top repeats them; ``open_columns``: the columns whose
    last cell on the page before goes on (see :func:`_open_columns`); ``closed_columns``:
    the columns whose last cell does not go on to the next page (one starts there);
    ``leaning``: how the tables before read their centred merged cells (see
    :func:`_agreed_placements`), given on, updated with this table's to ``leanings``."""
    repeated, header = _repeated_header(lines, header_row)
    known = repeated is not None
    if repeated is None:
        columns = _columns(lines)
        if len(columns) < 2:
            return None
        grid = _build_grid(lines, columns)
        header = _header_lines(grid, headers)
    else:
        grid = repeated
    dense = _dense_columns(grid, header, continued=continued)
    sparse = [col for col in range(grid.ncols) if col not in dense and grid.column_lines(col)]
    aligns = _mixed_alignments(dense)
    rows = _segment_rows(grid, dense, header, aligns)
    rows = [(a, b) for a, b in rows if any(grid.column_lines(col, a, b) for col in dense)]
    spans = [_text_span(grid, dense, a, b) for a, b in rows]
    row_of = _line_rows(spans, len(grid.text))
    heights = _line_heights(grid, dense, rows, aligns)
    cells: list[list[RawCell]] = [
        [
            RawCell(lines=tuple(grid.at(t, col) for t in grid.column_lines(col, a, b)))
            for col in range(grid.ncols)
        ]
        for a, b in rows
    ]
    if header:
        texts = [[cell.text for cell in row] for row in cells]
        merging = headers.merging_columns(texts[0], texts[1:])
        _rejoin_merged(cells, [col for col in dense if col in merging])
    # A repeated header row tells the table goes on: its first row may be a broken row's
    # rest, on which no cell of a column closed on the page before starts.
    barred = _broken_row(grid, dense, rows, 1 if header else 0) if continued and known else None

    def options(col: int, heights: _Heights) -> _Options:
        return _column_options(
            _merged_cells(grid, col, row_of, headers.names_region, 1 if header else 0),
            row_of,
            heights,
            header=header > 0,
            open_ends=(continued, goes_on and col not in closed_columns),
            closed=col in closed_columns,
            barred=None if col in open_columns else barred,
        )

    found = {col: options(col, heights) for col in sparse}
    placements = {col: _agreed_placements({col: each})[col] for col, each in found.items()}
    # A cell placed on one row, as tall as the row's text in the columns cutting rows or
    # taller, tells how tall the row is (a lead of many lines beside one-line cells): the
    # merged columns are placed again on those heights, under one alignment.
    single = {
        col: [
            (first, last, lines)
            for first, last, lines in placed
            if first == last and len(lines) >= spans[first][1] - spans[first][0] + 1
        ]
        for col, placed in placements.items()
    }
    merged = [
        col
        for col, placed in placements.items()
        if len(placed) < 2 or any(first < last for first, last, _ in placed)
    ]
    if merged and any(single.values()):
        heights = _line_heights(grid, dense, rows, aligns, single)
        found = {col: options(col, heights) for col in merged}
    agreeing = {col: found[col] for col in merged}
    placements.update(_agreed_placements(agreeing, leaning))
    if leanings is not None:
        leanings.append(_weights(agreeing, leaning))
    for col in sparse:
        placed = placements[col]
        if not placed:
            warnings.append(warn(
                WarningCode.MERGED_CELLS_UNPLACED,
                f"column {col + 1} kept row by row (its merged cells could not be placed)",
                page=lines[0].page, line=lines[0].number,
            ))
            continue
        for row_cells in cells:
            row_cells[col] = RawCell()
        for first, last, cell_lines in placed:
            cells[first][col] = RawCell(lines=tuple(grid.at(t, col) for t in cell_lines))
            for below in range(first + 1, last + 1):
                cells[below][col] = RawCell(merged_from_above=True)
    raw_rows = tuple(
        RawRow(
            cells=tuple(_mended(cell) for cell in row_cells),
            page=lines[span[0]].page,
            line=lines[span[0]].number,
        )
        for row_cells, span in zip(cells, spans, strict=True)
    )
    return RawTable(rows=raw_rows, page=lines[0].page, ruled=False)


def _mended(cell: RawCell) -> RawCell:
    """The cell with its words broken mid-word put back together."""
    lines = _mend_broken_words(cell.lines)
    return cell if lines == cell.lines else dataclasses.replace(cell, lines=lines)


def _rejoin_merged(cells: list[list[RawCell]], cols: Sequence[int]) -> None:
    """Give back to the row above the text of a region or lead cell (in ``cols``, columns
    a word processor merges) that goes on there (its first line starts lowercase..., or the
    cell above stops mid-phrase: "Rhône-" / "Alpes"): a cell merged over rows, cut by the
    row cut of a column kept as cutting rows; the row below is then covered by it.
    ``cells[0]`` is the header row."""
    for col in cols:
        for above, below in itertools.pairwise(cells[1:]):
            cell, top = below[col], above[col]
            if (
                cell.lines
                and top.lines
                and (_starts_continuation(cell.lines[0]) or _ends_with_connector(top.lines[-1]))
            ):
                above[col] = RawCell(lines=top.lines + cell.lines)
                below[col] = RawCell(merged_from_above=True)


def _broken_row(
    grid: _Grid, cols: Sequence[int], rows: list[tuple[int, int]], index: int
) -> int | None:
    """The row at ``index`` (a continued table's first body row) when it is the rest of a
    row broken by the page break: each of its cells goes on a cell (lowercase, a closing
    bracket or quote...)."""
    if index >= len(rows):
        return None
    first, last = rows[index]
    texts = [grid.at(t, col) for col in cols for t in grid.column_lines(col, first, last)[:1]]
    return index if texts and all(_starts_continuation(text) for text in texts) else None


def _header_row(table: RawTable, headers: HeaderTest) -> tuple[tuple[str, ...], ...]:
    """The lines of each cell of the table's header row (empty when its first row is no
    header, in the vocabulary's words or by what the rows below hold), for later tables
    repeating it."""
    if not table.rows:
        return ()
    cells = table.rows[0].cells
    texts = [cell.text for cell in cells]
    below = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    if not headers.is_header_row(texts) and not headers.heads_rows(texts, below):
        return ()
    return tuple(cell.lines for cell in cells)


def _open_columns(table: RawTable) -> frozenset[int]:
    """The columns whose last cell (the text of the table's last row, or of the merged cell
    covering it) stops mid-phrase, so that its text may go on on the next page."""
    out: set[int] = set()
    for col in range(max((len(row.cells) for row in table.rows), default=0)):
        for row in reversed(table.rows):
            cell = row.cells[col] if col < len(row.cells) else None
            if cell is None or (cell.is_empty and not cell.merged_from_above):
                break
            if cell.lines:
                if _ends_with_connector(cell.lines[-1]):
                    out.add(col)
                break
    return frozenset(out)


def _repeated_header(
    lines: list[_Line], header_row: Sequence[Sequence[str]]
) -> tuple[_Grid | None, int]:
    """The table cut into the columns of a known header row its top repeats, and how many
    lines that header takes; ``(None, 0)`` when the top does not repeat it cell for cell."""
    columns = _header_columns(lines, [cell[0] if cell else "" for cell in header_row])
    if columns is None or len(columns) < 2:
        return None, 0
    grid = _build_grid(lines, columns)
    header = _repeated_header_lines(grid, header_row)
    return (grid, header) if header else (None, 0)


def _repeated_header_lines(grid: _Grid, header_row: Sequence[Sequence[str]]) -> int:
    """How many lines at the table's top repeat the known header row, cell for cell (0 when
    they do not): the header ends there even if the next lines go on lowercase (the rest of
    a row broken by the page break)."""
    wanted = [" ".join(cell) for cell in header_row]
    for end in range(1, min(len(grid.text), _MAX_HEADER_SEARCH) + 1):
        texts = [
            " ".join(grid.at(t, col) for t in grid.column_lines(col, 0, end - 1))
            for col in range(grid.ncols)
        ]
        if texts == wanted:
            return end
    return 0


def _text_span(grid: _Grid, cols: Sequence[int], first: int, last: int) -> tuple[int, int]:
    """The first and last line of a row that hold text in the given columns."""
    used = [t for col in cols for t in grid.column_lines(col, first, last)]
    return min(used), max(used)


def _line_rows(spans: list[tuple[int, int]], size: int) -> list[tuple[int, int]]:
    """For each line index, the rows it may fall in ``(low, high)``: its row when it lies
    within the text of a row's row-cutting cells, both neighbours when between two rows."""
    if not spans:
        return [(0, 0)] * size
    out: list[tuple[int, int]] = []
    current = 0
    for t in range(size):
        while current < len(spans) - 1 and t > spans[current][1]:
            current += 1
        if t < spans[current][0] and current > 0:
            out.append((current - 1, current))
        else:
            out.append((current, current))
    return out
