"""Which columns cut a table into rows (a cell in nearly every row) and which are merged
(regions, leads spanning several rows) and placed afterwards."""

from __future__ import annotations

from aap_parser.sources.layout_text.columns import _Grid
from aap_parser.sources.layout_text.rows import (
    _alignments,
    _between_rows,
    _fits_rows,
    _mixed_alignments,
    _segment_rows,
)
from aap_parser.sources.layout_text.words import _ends_with_connector, _starts_cell, _wraps_name

_DENSE_FILL = 0.5


_COVERED_ROWS = 1.0


_KEPT_ROWS = 0.8


_MAX_MERGED_COLUMNS = 2


_MIN_EVIDENCE_ROWS = 5


_MIN_CUTTING_COLUMNS = 2


_FITTING_ROWS = 0.5


_MERGED_WIDEST = 0.5


def _dense_columns(grid: _Grid, header: int, *, continued: bool) -> list[int]:
    """The columns with a cell in (nearly) every row, which cut the table into rows; the
    others (merged regions, leads) are placed on those rows afterwards.

    First guess: the columns with many lines. In a table of 5+ rows, drop (up to twice)
    the one with cells in the fewest of the rows the others cut, if that is not most (when
    2+ columns cut them, a cell reaching into two rows counts for none: it is merged over
    them). Then add the columns with a cell in every row the kept ones cut, or with cells
    in half of them at least, fitting those rows (a column of a few cells is merged).
    Last, a column with cells in most rows but few lines (partners, numbers) joins them
    when the rows cut with it hold one cell of it each, and no two cells of another column
    that had one per row.
    """
    fill = [len(grid.column_lines(col)) for col in range(grid.ncols)]
    core = [col for col in range(grid.ncols) if fill[col] >= _DENSE_FILL * max(fill)]
    aligns = _alignments(grid)
    widest = max(range(grid.ncols), key=lambda col: fill[col])
    skip = (1 if header else 0) + (1 if continued else 0)
    rows = _segment_rows(grid, core, header, aligns)
    # A column with text wholly between two rows' texts is merged, however few the rows;
    # in a table too short to count cells, so is one with fewer cells than rows that sits
    # against the alignment of the rows the others cut.
    few = len(rows) - skip < _MIN_EVIDENCE_ROWS
    for col in [c for c in core if c != widest]:
        others = [c for c in core if c != col]
        if len(others) < _MIN_CUTTING_COLUMNS:
            continue
        cut = _segment_rows(grid, others, header, aligns)[skip:]
        if any(_between_rows(grid, col, others, first, last) for first, last in cut) or (
            few
            and _coverage(grid, col, cut, straddling=False) < _COVERED_ROWS
            and (
                not _fits_rows(grid, col, others, cut, aligns)
                or (not continued and _empty_on_top(grid, col, cut))
            )
        ):
            core = others
            rows = _segment_rows(grid, core, header, aligns)
    for _ in range(_MAX_MERGED_COLUMNS if len(rows) - skip >= _MIN_EVIDENCE_ROWS else 0):

        def share(col: int) -> float:
            others = [c for c in core if c != col]
            cut = _segment_rows(grid, others, header, aligns)[skip:]
            return _coverage(grid, col, cut, straddling=len(core) > _MIN_CUTTING_COLUMNS)

        shares = {col: share(col) for col in core if col != widest}
        worst = min(shares, key=lambda col: shares[col], default=None)
        if (
            (worst is None or shares[worst] >= _KEPT_ROWS)
            and widest in core  # not already left out as merged
            and len(core) > _MIN_CUTTING_COLUMNS + 1
        ):
            # The others all cut rows: the widest is merged still (a lead of tall cells)
            # when it has a cell of its own in half the rows they cut at most.
            if share(widest) > _MERGED_WIDEST:
                break
            worst, shares[widest] = widest, 0.0
        if worst is None or shares[worst] >= _KEPT_ROWS:
            break
        core.remove(worst)
        rows = _segment_rows(grid, core, header, aligns)
    dense = [
        col
        for col in range(grid.ncols)
        if col in core
        or (
            fill[col]
            and _coverage(grid, col, rows[skip:], straddling=len(core) >= _MIN_CUTTING_COLUMNS)
            >= _COVERED_ROWS
        )
        or (
            fill[col]
            and _coverage(grid, col, rows[skip:], straddling=False) >= _FITTING_ROWS
            and _fits_rows(grid, col, core, rows, aligns)
            and (continued or not _empty_on_top(grid, col, rows[skip:]))
        )
    ]
    for col in range(grid.ncols):
        if col in dense or not fill[col]:
            continue
        if _coverage(grid, col, rows[skip:], straddling=False) < _KEPT_ROWS:
            continue
        trial = sorted([*dense, col])
        cut = _segment_rows(grid, trial, header, _mixed_alignments(trial))[skip:]
        if _coverage(grid, col, cut, straddling=True) >= _COVERED_ROWS and all(
            _one_cell_per_row(grid, other, cut)
            or (other != col and not _one_cell_per_row(grid, other, rows[skip:]))
            for other in trial
        ):
            dense = trial
    return dense


def _empty_on_top(grid: _Grid, col: int, rows: list[tuple[int, int]]) -> bool:
    """True when the column has no text in the first of the rows: a table that does not go
    on from the page before has every column's first cell there, unless it is merged and
    centred lower."""
    return bool(rows) and not grid.column_lines(col, *rows[0])


def _one_cell_per_row(grid: _Grid, col: int, rows: list[tuple[int, int]]) -> bool:
    """True when no row holds the starts of two of the column's cells."""
    if not rows:
        return True
    row_of = {t: index for index, (first, last) in enumerate(rows) for t in range(first, last + 1)}
    firsts = [row_of.get(cell[0]) for cell in _cells(grid, col, rows[0][0])]
    return len(firsts) == len(set(firsts))


def _coverage(grid: _Grid, col: int, rows: list[tuple[int, int]], *, straddling: bool) -> float:
    """The share of the rows in which the column has a cell of its own: rows with text,
    but no more than the column's cells (a merged cell's text may run over two rows;
    ``straddling``: the rows are cut surely enough that a cell reaching into two is merged)."""
    if not rows:
        return 1.0
    filled = sum(1 for first, last in rows if grid.column_lines(col, first, last))
    return min(filled, _own_cells(grid, col, rows, straddling=straddling)) / len(rows)


def _own_cells(grid: _Grid, col: int, rows: list[tuple[int, int]], *, straddling: bool) -> int:
    """How many cells of the column seem to start from the first row on (after a wide gap,
    or a line starting a cell after one that does not go on), and with ``straddling`` stay
    in one row (a cell whose lines reach into two rows is merged over them)."""
    row_of = {t: index for index, (first, last) in enumerate(rows) for t in range(first, last + 1)}
    cells = _cells(grid, col, rows[0][0])
    return sum(1 for cell in cells if not straddling or row_of.get(cell[0]) == row_of.get(cell[-1]))


def _cells(grid: _Grid, col: int, first: int) -> list[list[int]]:
    """The column's cells from line ``first`` on, as runs of lines: a cell starts after a
    wide gap, or with a line starting a cell after one that does not go on."""
    cells: list[list[int]] = []
    for t in grid.column_lines(col, first):
        previous = cells[-1][-1] if cells else None
        if (
            previous is None
            or t - previous > 2
            or (
                _starts_cell(grid.at(t, col))
                and not _ends_with_connector(grid.at(previous, col))
                and not _wraps_name(grid.at(previous, col), grid.at(t, col))
            )
        ):
            cells.append([t])
        else:
            cells[-1].append(t)
    return cells
