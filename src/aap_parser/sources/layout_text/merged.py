"""Merged columns: each cell of text gets the block of rows it is centred in (plainly, or
half a line higher per row as LibreOffice prints Word tables), or tops."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Literal, NamedTuple

from aap_parser.grid import join_lines
from aap_parser.sources.layout_text.columns import _Grid
from aap_parser.sources.layout_text.rows import (
    _Alignments,
    _cell_models,
    _conflicts,
    _mixed_alignments,
)
from aap_parser.sources.layout_text.words import (
    _ends_with_connector,
    _opens_with_type_word,
    _starts_cell,
    _wraps_name,
)

_UNCOVERED_ROW_COST = 3.0


_LEADING_UNCOVERED_COST = 0.05


# A row's height beyond its lines, in line pitches: none, as in Word tables (no top or
# bottom cell margin) and the layouts pdftotext prints without blank lines between rows.
_ROW_PADDING = 0.0


_ROWS_ABOVE_COST = 0.01


_PADDED_SHIFT = 0.5


# A tie between the centred and padded readings goes to the plain one.
_PADDED_COST = 0.02


# What a column nothing places under an alignment weighs against that alignment.
_UNFIT_COST = 20.0


_Align = Literal["centred", "padded", "top"]


_ALIGNS: tuple[_Align, ...] = ("centred", "padded", "top")


_CENTRED_ALIGNS: tuple[_Align, ...] = ("centred", "padded")


def _merged_cells(
    grid: _Grid,
    col: int,
    row_of: list[tuple[int, int]],
    names_region: Callable[[str], bool] = lambda text: False,
    first_body: int = 0,
) -> list[list[int]]:
    """A merged column's cells: runs of its lines, cut at wide gaps or where a cell starts
    (a line starting a cell after one not going on, unless both lie within one row). A
    region's name read across lines decides first (``names_region``): lines that name one
    together go on ("Provence-Alpes-Côte" / "d'Azur"); a line after one naming a region
    whole starts a cell ("Grand Est" / "Hauts-de-"); not in the header row (rows before
    ``first_body``: « Région » over « Normandie »)."""
    cells: list[list[int]] = []
    for t in grid.column_lines(col):
        if cells:
            prev = cells[-1][-1]
            gap = t - prev
            above, below = grid.at(prev, col), grid.at(t, col)
            lines = [grid.at(line, col) for line in cells[-1]]
            text = join_lines(lines)
            # Not a lead or partner named after a region ("Région Occitanie /").
            body = row_of[cells[-1][0]][0] >= first_body and not _opens_with_type_word(text)
            if body and gap <= 2 and names_region(join_lines([*lines, below])):
                cells[-1].append(t)
                continue
            if (
                body
                and names_region(text)
                and not _ends_with_connector(text)
                and _starts_cell(below)
            ):
                cells.append([t])
                continue
            same_row = row_of[prev][0] == row_of[prev][1] == row_of[t][0] == row_of[t][1]
            # A name wrapped between its words, unless a line apart in two rows' texts.
            apart = row_of[prev][0] == row_of[prev][1] != row_of[t][0] == row_of[t][1]
            cue = (
                _ends_with_connector(above)
                or not _starts_cell(below)
                or ((gap == 1 or not apart) and _wraps_name(above, below))
            )
            goes_on = gap <= 2 and (cue or same_row)
            if goes_on:
                cells[-1].append(t)
                continue
        cells.append([t])
    return cells


def _join_candidates(cells: list[list[int]]) -> list[list[list[int]]]:
    """The column's cells with two cut only by a word cue (a line apart) joined, each pair
    in turn: a name may wrap at a capital ("Grenoble-Alpes / Métropole")."""
    return [
        [*cells[:index], cells[index] + cells[index + 1], *cells[index + 2 :]]
        for index in range(len(cells) - 1)
        if cells[index + 1][0] - cells[index][-1] <= 2
    ]


_Placed = list[tuple[int, int, list[int]]]


class _Heights(NamedTuple):
    """Each line's vertical range and each row's top and bottom, in line pitches."""

    position: list[tuple[float, float]]
    bounds: list[tuple[float, float]]


def _line_heights(
    grid: _Grid,
    cols: Sequence[int],
    rows: list[tuple[int, int]],
    aligns: _Alignments,
    per_row: Mapping[int, _Placed] | None = None,
) -> _Heights:
    """Rebuild each line's vertical position, in line pitches, and each row's top and bottom.

    A row's lines sit on its half-line grid (see :func:`.rows._cell_models`), so its height is known
    in pitches; rows stack. ``per_row``: cells of columns left out of the row cut, each
    placed on one row (a partner or lead of many lines), which make their rows as tall as
    they are. A line holding only text of other columns (a merged region) is placed between its
    neighbours.
    """
    extra = per_row or {}
    if extra:
        aligns = _mixed_alignments([*cols, *sorted(extra)])
    own: list[list[tuple[int, list[int]]]] = [[] for _ in rows]
    for col, placed in extra.items():
        for first, _, lines in placed:
            own[first].append((col, lines))
    position: list[float | None] = [None] * len(grid.text)
    bounds: list[tuple[float, float]] = []
    top = 0.0
    for (first, last), more in zip(rows, own, strict=True):
        cells = [(col, grid.column_lines(col, first, last)) for col in cols]
        models = _cell_models(cells + more, aligns)
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
    return _Heights(_fill_positions(position), bounds)


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


_Options = dict[_Align, tuple[float, _Placed]]


def _column_options(
    cells: list[list[int]],
    row_of: list[tuple[int, int]],
    heights: _Heights,
    *,
    header: bool,
    open_ends: tuple[bool, bool],
    barred: int | None,
    closed: bool = False,
) -> _Options:
    """The best placement of a merged column's cells under each alignment, with its cost
    (see :func:`_place_merged`); when none fits, the best with two cells cut by a word cue
    joined. All empty when nothing fits."""

    def under_each(found: list[list[int]]) -> _Options:
        return {
            mode: _place_merged(
                found,
                row_of,
                heights,
                header=header,
                open_ends=open_ends,
                align=mode,
                barred=barred,
                closed=closed,
            )
            for mode in _ALIGNS
        }

    options = under_each(cells)
    if any(placed for _, placed in options.values()):
        return options
    joined = [under_each(found) for found in _join_candidates(cells)]
    return {
        mode: min((each[mode] for each in joined), key=lambda result: result[0])
        for mode in _ALIGNS
    } if joined else options


_Leaning = tuple[float, float]
"""What the tables read so far weigh against the plainly centred and the padded reading
(the one a producer uses, it uses throughout a document)."""


_NO_LEANING: _Leaning = (0.0, 0.0)


def _agreed_placements(
    options: Mapping[int, _Options], leaning: _Leaning = _NO_LEANING
) -> dict[int, _Placed]:
    """Each merged column's best placement, where padded and plainly centred readings agree
    over the table: the producer either keeps an empty paragraph per merged row or not, so
    the columns read as centred all take the one of the two that fits them best together
    (with the ``leaning`` of the tables read before: a page too short to tell reads as the
    pages before it; a column too short to tell follows the others), plainly centred
    unless padded does better by a margin. A column read at its top keeps that."""
    weights = _weights(options, leaning)
    agreed = min(
        _CENTRED_ALIGNS,
        key=lambda mode: weights[_CENTRED_ALIGNS.index(mode)] + _margin(mode),
    )
    out: dict[int, _Placed] = {}
    for col, each in options.items():
        mode = _own(each)
        if mode != "top" and each[agreed][1]:
            mode = agreed
        out[col] = each[mode][1]
    return out


def _weights(options: Mapping[int, _Options], leaning: _Leaning = _NO_LEANING) -> _Leaning:
    """What the columns read as centred weigh against the plainly centred and the padded
    reading, on top of ``leaning``: the leaning after this table."""
    centred = [each for each in options.values() if each[_own(each)][1] and _own(each) != "top"]
    plain, padded = (
        sum(min(each[mode][0], _UNFIT_COST) for each in centred) for mode in _CENTRED_ALIGNS
    )
    return leaning[0] + plain, leaning[1] + padded


def _own(each: _Options) -> _Align:
    """The alignment that places a column best by itself."""
    return min(_ALIGNS, key=lambda mode: each[mode][0] + _margin(mode))


def _margin(mode: _Align) -> float:
    """What the padded reading must win by."""
    return _PADDED_COST if mode == "padded" else 0.0


def _place_merged(
    cells: list[list[int]],
    row_of: list[tuple[int, int]],
    heights: _Heights,
    *,
    header: bool,
    open_ends: tuple[bool, bool],
    align: _Align,
    barred: int | None = None,
    closed: bool = False,
) -> tuple[float, list[tuple[int, int, list[int]]]]:
    """Give each merged cell a block of rows: its cost and ``(first_row, last_row, lines)``.

    Blocks follow one another; each holds the rows its lines touch, and its text is centred
    in it, at its top (``align`` "top"), or "padded": centred with one blank line per row
    below the first (LibreOffice keeps the empty paragraph of each cell merged from a Word
    table, so the text sits half a line higher per row). A header cell (``header``: on the
    first row) is a block of its own. ``open_ends``: the table goes on from the page before
    / to the next page. A row left out between two blocks costs much; rows after the last
    block, and in a table going on from the page before rows before the first block (or
    right after the header), may belong to a block printed on another page, and cost
    little; the last block of a table going on to the next page may have its text at its
    top, and read padded has it there when it reaches the page's last row over several
    rows (the page break cuts it, and LibreOffice prints a cut merged cell's text at its
    top; other producers centre it in its part on the page). No block starts on
    row ``barred`` (the rest of a row broken at the page's top) unless its text is there.
    ``closed``: the next page starts a cell of its own, so that rows after the last block
    cost much.
    """
    position, bounds = heights
    count = len(bounds)
    inf = float("inf")
    if not cells or not count:
        return inf, []

    continued, goes_on = open_ends

    def dev(cell: list[int], first: int, last: int, mode: _Align) -> float:
        if mode != "top":
            low = (position[cell[0]][0] + position[cell[-1]][0]) / 2
            high = (position[cell[0]][1] + position[cell[-1]][1]) / 2
            target = (bounds[first][0] + bounds[last][1]) / 2
            if mode == "padded":
                target -= _PADDED_SHIFT * (last - first)
        else:
            low, high = position[cell[0]]
            target = bounds[first][0] + _ROW_PADDING / 2 + 0.5
        above = _ROWS_ABOVE_COST * max(0, row_of[cell[0]][0] - first)
        return max(0.0, low - target, target - high) + above

    # lead_in[s]: least cost with the cells so far placed and rows before ``s`` settled.
    leading = _LEADING_UNCOVERED_COST if continued else _UNCOVERED_ROW_COST
    lead_in = [leading * s for s in range(count)]
    lead_from: list[int] = [-1] * count
    starts: list[list[int]] = []
    prevs: list[list[int]] = []
    ends: list[float] = []
    for number, cell in enumerate(cells):
        low = min(row_of[t][1] for t in cell)
        high = max(row_of[t][0] for t in cell)
        ends = [inf] * count
        start_of = [-1] * count
        for first in range(low + 1):
            if lead_in[first] == inf or (first == barred and row_of[cell[0]][0] > first):
                continue
            # A header cell is a block of its own: body rows hang from no header.
            stop = high + 1 if header and low == 0 else count
            for last in range(max(high, first), stop):
                # A block going on to the next page may have its text at its top here;
                # one of several rows reaching the page's last row is cut by the page
                # break: LibreOffice (read padded) prints a cut merged cell's text at its
                # top, other producers centred in its part on this page, or at its top.
                last_cell = goes_on and number == len(cells) - 1
                modes: tuple[_Align, ...] = (align, "top") if last_cell else (align,)
                if last_cell and first < last == count - 1 and align == "padded":
                    modes = ("top",)
                cost = lead_in[first] + min(dev(cell, first, last, mode) for mode in modes)
                if cost < ends[last]:
                    ends[last], start_of[last] = cost, first
        starts.append(start_of)
        prevs.append(lead_from)
        lead_in, lead_from = [inf] * count, [-1] * count
        for nxt in range(count):
            for last in range(nxt):
                # After a header cell (the first cell, on the first row) rows may go on
                # from the page before, like rows at the top.
                skip = leading if number == last == 0 else _UNCOVERED_ROW_COST
                cost = ends[last] + skip * (nxt - last - 1)
                if cost < lead_in[nxt]:
                    lead_in[nxt], lead_from[nxt] = cost, last
    trailing = _UNCOVERED_ROW_COST if closed else _LEADING_UNCOVERED_COST
    totals = [ends[last] + trailing * (count - 1 - last) for last in range(count)]
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
