"""One table run of lines into a ``RawTable``: columns, rows, merged cells."""

from __future__ import annotations

from collections.abc import Sequence

from aap_parser.grid import RawCell, RawRow, RawTable
from aap_parser.sources.layout_text.columns import _build_grid, _columns, _Grid
from aap_parser.sources.layout_text.dense import _dense_columns
from aap_parser.sources.layout_text.lines import _Line
from aap_parser.sources.layout_text.merged import (
    _ALIGNS,
    _line_heights,
    _merged_cells,
    _place_merged,
)
from aap_parser.sources.layout_text.rows import _header_lines, _mixed_alignments, _segment_rows


def _read_table(
    lines: list[_Line], warnings: list[str], *, continued: bool, goes_on: bool
) -> RawTable | None:
    """Read one table run of lines into a ``RawTable`` (``None`` if it has < 2 columns);
    ``continued``: the table goes on from the page before; ``goes_on``: it may go on on
    the next page."""
    columns = _columns(lines)
    if len(columns) < 2:
        return None
    grid = _build_grid(lines, columns)
    header = _header_lines(grid)
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
    for col in sparse:
        merged = _merged_cells(grid, col, row_of)
        placed = min(
            (
                _place_merged(
                    merged,
                    row_of,
                    heights,
                    header=header > 0,
                    open_ends=(continued, goes_on),
                    align=mode,
                )
                for mode in _ALIGNS
            ),
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
