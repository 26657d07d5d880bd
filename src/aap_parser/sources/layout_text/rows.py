"""Rows of a table: its header row, then a dynamic programme cutting its lines into rows
whose cells sit where a top-aligned or vertically centred cell would."""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import lru_cache

from aap_parser.sources.layout_text.columns import _Grid
from aap_parser.sources.layout_text.headers import HeaderTest
from aap_parser.sources.layout_text.words import (
    _ends_with_connector,
    _starts_cell,
    _starts_continuation,
    _wraps_name,
)

_MAX_ROW_LINES = 40


_MAX_HEADER_LINES = 8


# How many lines may lie between two lines of one cell in its column (a centred merged
# cell's lines are printed among its neighbours' rows).
_GOES_ON_GAP = 2


_EMPTY_COST = 1.0


_CONFLICT_COST = 4.0


_WIDE_GAP_COST = 3.0


# Above the cost of a capital starting a line inside a cell: a lowercase start or a line
# ending in "de", ","... goes on surely; a capital may start a cell or a wrapped name.
_BOUNDARY_CUE_COST = 1.3


_NEW_CELL_INSIDE_COST = 0.6


_OTHER_MODEL_COST = 0.5


_Pairs = list[tuple[int, int]]


_Alignments = tuple[frozenset[int], ...]


def _alignments(grid: _Grid) -> _Alignments:
    """The two plain alignment models, each given as its set of top-aligned columns: all
    cells centred, all top-aligned."""
    return frozenset(), frozenset(range(grid.ncols))


def _conflicts(pairs: _Pairs) -> int:
    """How far the (line, offset) pairs are from one increasing map line -> offset: each
    extra offset of a line, and each line whose least offset is not above the greatest of
    the line before, counts one."""
    count = 0
    line: int | None = None
    highest = 0
    for t, offset in sorted(set(pairs)):
        if t == line or (line is not None and highest >= offset):
            count += 1
        line, highest = t, offset
    return count


def _models(
    grid: _Grid, cols: Sequence[int], first: int, last: int, aligns: _Alignments
) -> tuple[_Pairs, ...]:
    """The row's (line, offset) pairs under each alignment model (its top-aligned columns;
    the others centred on the row, as tall as its tallest cell)."""
    return _cell_models([(col, grid.column_lines(col, first, last)) for col in cols], aligns)


def _cell_models(cells: Sequence[tuple[int, list[int]]], aligns: _Alignments) -> tuple[_Pairs, ...]:
    """The (line, offset) pairs of a row's cells, given as their column and lines, under
    each alignment model (see :func:`_models`)."""
    models: tuple[_Pairs, ...] = tuple([] for _ in aligns)
    tallest = max((len(lines) for _, lines in cells), default=1)
    for col, lines in cells:
        if lines:
            # A cell's lines on the row's half-line grid: top-aligned at 0, 2, 4...; centred
            # on a row as tall as its tallest cell at 2i - (n - 1), shifted so that the
            # tallest starts at 0 (the tallest sits alike either way).
            n = len(lines)
            at_top = list(zip(lines, range(0, 2 * n, 2), strict=True))
            centred = (
                at_top
                if n == tallest
                else list(zip(lines, range(tallest - n, tallest + n, 2), strict=True))
            )
            for model, tops in zip(models, aligns, strict=True):
                model.extend(at_top if col in tops else centred)
    return models


class _RowCosts:
    """The costs of rows of one table's lines, memoised: trying one column set after
    another (see :mod:`.dense`) re-reads the same cells, so each column's word and gap
    costs are prefix sums over its lines, its boundary cues are kept per line, and the
    misplaced lines of a row are counted once per column set and alignment models."""

    def __init__(self, grid: _Grid) -> None:
        self.grid = grid
        self._inside = [self._inside_sums(col) for col in range(grid.ncols)]
        size = len(grid.text)
        # For each column and line t: how many of its lines come before t, and up to t.
        self._before = [
            [bisect_left(filled, t) for t in range(size + 1)] for filled in grid.filled
        ]
        self._upto = [[bisect_right(filled, t) for t in range(size + 1)] for filled in grid.filled]
        # Memos per column set (and alignment models), each keyed by a row's first and last
        # line: a column set's tuple is hashed once per cut, not once per row tried.
        self._bases: dict[tuple[int, ...], dict[tuple[int, int], float]] = {}
        self._boundaries: dict[tuple[int, int], float] = {}
        self.cuts: dict[tuple[tuple[int, ...], int, _Alignments], list[tuple[int, int]]] = {}
        """The rows below the header cut by each column set, header and alignment models."""
        self._conflicts: dict[
            tuple[tuple[int, ...], _Alignments], dict[tuple[int, int], tuple[int, ...]]
        ] = {}

    def _inside_sums(self, col: int) -> list[float]:
        """Prefix sums of the cost between each two successive lines of the column."""
        grid = self.grid
        sums = [0.0]
        for before, after in itertools.pairwise(grid.filled[col]):
            cost = 0.0
            if after - before > 2:
                cost += _WIDE_GAP_COST
            above, below = grid.at(before, col), grid.at(after, col)
            if (
                _starts_cell(below)
                and not _ends_with_connector(above)
                and not _wraps_name(above, below)
            ):
                cost += _NEW_CELL_INSIDE_COST
            sums.append(sums[-1] + cost)
        return sums

    def bases(self, cols: tuple[int, ...]) -> dict[tuple[int, int], float]:
        """The memo of :meth:`base` for one column set, by a row's first and last line."""
        return self._bases.setdefault(cols, {})

    def base(self, cols: tuple[int, ...], first: int, last: int) -> float:
        """The word and gap cost of lines ``first..last`` as one row: an empty cell, a wide
        gap or a cell seeming to start inside a cell, and word cues against a row starting
        at ``first`` (the cell above seems to go on)."""
        memo = self.bases(cols)
        found = memo.get((first, last))
        if found is None:
            found = memo[first, last] = self._base(cols, first, last)
        return found

    def _base(self, cols: tuple[int, ...], first: int, last: int) -> float:
        cost = 0.0
        for col in cols:
            low, high = self._before[col][first], self._upto[col][last]
            if low == high:
                cost += _EMPTY_COST
            else:
                sums = self._inside[col]
                cost += sums[high - 1] - sums[low]
        if first > 0:
            for col in cols:
                key = (col, first)
                if key not in self._boundaries:
                    self._boundaries[key] = _boundary_cost(self.grid, (col,), first)
                cost += self._boundaries[key]
        return cost

    def conflicts(
        self, cols: tuple[int, ...], aligns: _Alignments, first: int, last: int
    ) -> tuple[int, ...]:
        """The misplaced lines of the row ``first..last`` under each alignment model."""
        memo = self.conflicts_memo(cols, aligns)
        found = memo.get((first, last))
        if found is None:
            found = tuple(
                _conflicts(pairs) for pairs in _models(self.grid, cols, first, last, aligns)
            )
            memo[first, last] = found
        return found

    def conflicts_memo(
        self, cols: tuple[int, ...], aligns: _Alignments
    ) -> dict[tuple[int, int], tuple[int, ...]]:
        """The memo of :meth:`conflicts` for one column set and alignment models."""
        return self._conflicts.setdefault((cols, aligns), {})


@lru_cache(maxsize=4)
def _row_costs(grid: _Grid) -> _RowCosts:
    """The memoised row costs of a table (the last few tables read)."""
    return _RowCosts(grid)


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
        if _starts_continuation(grid.at(after, col)) or _wraps_name(
            grid.at(before, col), grid.at(after, col)
        ):
            cost += _BOUNDARY_CUE_COST
    return cost


def _segment_rows(
    grid: _Grid, cols: Sequence[int], header: int, aligns: _Alignments
) -> list[tuple[int, int]]:
    """Cut the table's lines into rows ``(first, last)``: the header row (its first
    ``header`` lines, if any), then the cheapest cut under one of the alignment models (a
    table's columns keep their alignment from row to row; the first model wins a tie)."""
    costs = _row_costs(grid)
    key = (tuple(cols), header, aligns)
    body = costs.cuts.get(key)
    if body is None:  # the column sets tried (see :mod:`.dense`) come back: cut each once
        cuts = _segment_rows_as(costs, key[0], header, aligns)
        body = costs.cuts[key] = min(cuts, key=lambda found: found[0])[1]
    return [(0, header - 1), *body] if header else list(body)


def _segment_rows_as(
    costs: _RowCosts, cols: tuple[int, ...], header: int, aligns: _Alignments
) -> list[tuple[float, list[tuple[int, int]]]]:
    """For each alignment model, the least total cost of rows below the header and those
    rows ``(first, last)``; a row fitting only another model costs a little more. One
    dynamic programme per model, run side by side: a row's costs are looked up once for all.

    A row's misplaced lines are the dear part of its cost, and never negative: they are
    counted only for rows whose word and gap cost alone could still beat or tie the best
    cut found so far (short rows first, so that the bound comes early); among equal cuts
    the one whose last row starts first wins.
    """
    size = len(costs.grid.text)
    inf = float("inf")
    models = range(len(aligns))
    bests = [[inf] * (size + 1) for _ in models]
    backs = [[0] * (size + 1) for _ in models]
    for best in bests:
        best[header] = 0.0
    bases, known_conflicts = costs.bases(cols), costs.conflicts_memo(cols, aligns)
    for end in range(header + 1, size + 1):
        for start in range(end - 1, max(header, end - _MAX_ROW_LINES) - 1, -1):
            row_base: float | None = None
            terms: list[float] | None = None  # each model's cost of the row's misplaced lines
            for model in models:
                best, back = bests[model], backs[model]
                if best[start] == inf or best[start] > best[end]:
                    continue  # a row's costs are never negative: it cannot win from there
                if row_base is None:
                    row_base = bases.get((start, end - 1))
                    if row_base is None:
                        row_base = costs.base(cols, start, end - 1)
                base = best[start] + row_base
                if base > best[end]:
                    continue
                if terms is None:
                    conflicts = known_conflicts.get((start, end - 1))
                    if conflicts is None:
                        conflicts = costs.conflicts(cols, aligns, start, end - 1)
                    terms = [
                        min(
                            _CONFLICT_COST * count + (0.0 if index == fit else _OTHER_MODEL_COST)
                            for index, count in enumerate(conflicts)
                        )
                        for fit in models
                    ]
                cost = base + terms[model]
                if cost < best[end] or (cost == best[end] and start < back[end]):
                    best[end], back[end] = cost, start
    cuts: list[tuple[float, list[tuple[int, int]]]] = []
    for best, back in zip(bests, backs, strict=True):
        rows: list[tuple[int, int]] = []
        end = size
        while end > header:
            rows.append((back[end], end - 1))
            end = back[end]
        rows.reverse()
        cuts.append((best[size], rows))
    return cuts


def _header_lines(grid: _Grid, headers: HeaderTest) -> int:
    """How many lines at the table's top make its header row (0 when the top is no header):
    its column texts must all be filled (but one, see :func:`_complete`) and name known
    headers, or else (a header in other words) read as the header of the lines below by
    what these hold; and its cells be centred on one line (the smallest such run, best one
    after which no line goes on a cell), else it ends before the first line not going on."""
    tops: list[list[str]] = []
    texts = [""] * grid.ncols
    for t in range(min(len(grid.text), _MAX_HEADER_LINES)):
        if tops and (not any(grid.text[t]) or (_complete(tops[-1]) and _starts_row(grid, t))):
            # A header row's lines come together, and once every column has its header,
            # a line that starts cells in several columns, going on none, starts the body.
            break
        texts = [" ".join(filter(None, (old, grid.text[t][col]))) for col, old in enumerate(texts)]
        tops.append(texts)
    for t, top in enumerate(tops):
        if _complete(top) and headers.is_header_row(top):
            return _header_end(grid, t)
    for t, top in enumerate(tops):
        if (
            _complete(top)
            and not any(_ends_with_connector(text) for text in top)
            and headers.heads_rows(top, _rough_rows(grid, t + 1))
        ):
            return _header_end(grid, t)
    return 0


def _complete(top: Sequence[str]) -> bool:
    """True when a header's texts fill every column, or all but one of four or more (a
    header cell left blank over a narrow column of row numbers or marks)."""
    blank = sum(1 for text in top if not text)
    return blank == 0 or (blank == 1 and len(top) >= 4)


def _rough_rows(grid: _Grid, first: int) -> list[list[str]]:
    """The cells below line ``first`` as far as can be told before rows are cut: in each
    column, lines joined while one goes on the one above (it starts lowercase or the line
    above stops mid-phrase, a few lines apart at most: a merged cell's lines come between
    its neighbours'), the columns' cells set side by side; enough to tell what each column
    holds."""
    columns: list[list[str]] = []
    for col in range(grid.ncols):
        cells: list[str] = []
        above: str | None = None
        gap = 0
        for line in grid.text[first : first + _MAX_ROW_LINES]:
            text = line[col]
            if not text:
                gap += 1
                continue
            if (
                above
                and gap <= _GOES_ON_GAP
                and (_starts_continuation(text) or _ends_with_connector(above))
            ):
                cells[-1] = f"{cells[-1]} {text}"
            else:
                cells.append(text)
            above, gap = text, 0
        columns.append(cells)
    return [list(row) for row in itertools.zip_longest(*columns, fillvalue="")]


def _header_end(grid: _Grid, t: int) -> int:
    """Where a header row whose text is complete at line ``t`` ends (see
    :func:`_header_lines`)."""
    cols = range(grid.ncols)
    centred = [
        end
        for end in range(t, min(len(grid.text), t + _MAX_HEADER_LINES))
        if _conflicts(_models(grid, cols, 0, end, _alignments(grid))[0]) == 0
    ]
    closed = [end for end in centred if not _goes_on(grid, end + 1)]
    wrapped = [end for end in centred if end > t]
    if closed or wrapped:
        return (closed or wrapped)[0] + 1
    end = t + 1
    while _goes_on(grid, end):
        end += 1
    return end


def _starts_row(grid: _Grid, t: int) -> bool:
    """True when line ``t`` has text in two columns or more, none of it going on a cell."""
    texts = [text for text in grid.text[t] if text]
    return len(texts) >= 2 and not any(_starts_continuation(text) for text in texts)


def _goes_on(grid: _Grid, t: int) -> bool:
    """True when line ``t`` exists, has text, and some of it goes on a header cell above (a
    row's first line starts each of its cells; a header's next line goes on some of them:
    « française(s) » under « Collectivité(s) », beside « MEAE » under « Cofinancement »)."""
    return t < len(grid.text) and any(
        text and _starts_continuation(text) for text in grid.text[t]
    )


def _fits_rows(
    grid: _Grid, col: int, cols: Sequence[int], rows: list[tuple[int, int]], aligns: _Alignments
) -> bool:
    """True when the column's text in each row sits where a cell of that row would: not
    wholly above or below the other columns' text in the row (a merged cell centred over
    two rows sits between their texts), nor against their alignment."""
    for first, last in rows:
        if _between_rows(grid, col, cols, first, last):
            return False
        base = _models(grid, cols, first, last, aligns)
        extra = _models(grid, [col], first, last, aligns)
        if min(_conflicts(pairs) for pairs in base) < min(
            _conflicts(pairs + more) for pairs, more in zip(base, extra, strict=True)
        ):
            return False
    return True


def _between_rows(grid: _Grid, col: int, cols: Sequence[int], first: int, last: int) -> bool:
    """True when the column has text in lines ``first..last``, all of it above or below the
    text the columns ``cols`` have there."""
    own = grid.column_lines(col, first, last)
    others = [t for other in cols if other != col for t in grid.column_lines(other, first, last)]
    return bool(own and others) and all(t < min(others) or t > max(others) for t in own)


def _mixed_alignments(cols: Sequence[int]) -> _Alignments:
    """Alignment models for a table: all cells centred, all top-aligned, the first columns
    centred (merged region, lead) and the rest top-aligned, or one column unlike the rest."""
    models = [frozenset(cols[j:]) for j in range(len(cols) + 1)]
    models += [frozenset([col]) for col in cols]
    models += [frozenset(cols) - {col} for col in cols]
    return tuple(dict.fromkeys(models))
