"""Tables delimited by ruling lines: cells from the segments actually drawn.

Column and row boundaries come from every vertical and horizontal rule of a connected group
of rules; a boundary that is not drawn across one grid cell means that cell is merged with
its neighbour (vertically merged region cells, a title spanning columns). Each character
goes to the cell holding its centre.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from aap_parser.grid import BBox, RawCell, RawRow, RawTable
from aap_parser.sources.pdf.ink import BASELINE, SIZE, X0, X1, Glyph, Segment
from aap_parser.sources.pdf.lines import line_texts

SNAP = 1.5
"""Rules whose positions differ by less than this (points) are the same rule."""

JOIN = 2.5
"""Collinear rules separated by less than this (points) are one rule; also the crossing slack."""

OVERFLOW_GAP_EM = 0.35
"""Characters this close (font sizes: a word space) on both sides of a rule run through it."""


def _merge(segments: list[Segment]) -> list[Segment]:
    """Snap rules of one orientation to shared positions and join collinear pieces."""
    merged: list[Segment] = []
    for seg in sorted(segments, key=lambda s: s.pos):
        if merged and seg.pos - merged[-1].pos <= SNAP:
            seg = Segment(seg.horizontal, merged[-1].pos, seg.lo, seg.hi)
        merged.append(seg)
    merged.sort(key=lambda s: (s.pos, s.lo))
    out: list[Segment] = []
    for seg in merged:
        last = out[-1] if out else None
        if last is not None and last.pos == seg.pos and seg.lo <= last.hi + JOIN:
            last.hi = max(last.hi, seg.hi)
        else:
            out.append(Segment(seg.horizontal, seg.pos, seg.lo, seg.hi))
    return out


def _components(hs: list[Segment], vs: list[Segment]) -> list[tuple[list[Segment], list[Segment]]]:
    """Groups of rules connected by crossings (a horizontal and a vertical rule touch, give or
    take the join distance): each group is one candidate table."""
    # Each rule's group (horizontal rules first), and each group's rules: joining two groups
    # relabels the smaller one, so a crossing costs two look-ups.
    group = list(range(len(hs) + len(vs)))
    members = [[k] for k in group]
    reaches = [(v.pos, v.lo - JOIN, v.hi + JOIN) for v in vs]  # each rule's reach once
    for i, h in enumerate(hs):
        left, right, y = h.lo - JOIN, h.hi + JOIN, h.pos
        for j, (x, top, bottom) in enumerate(reaches, len(hs)):
            if left <= x <= right and top <= y <= bottom and group[i] != group[j]:
                keep, drop = group[i], group[j]
                if len(members[keep]) < len(members[drop]):
                    keep, drop = drop, keep
                for k in members[drop]:
                    group[k] = keep
                members[keep] += members[drop]
                members[drop] = []
    groups: dict[int, tuple[list[Segment], list[Segment]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(group[i], ([], []))[0].append(h)
    for j, v in enumerate(vs, len(hs)):
        groups.setdefault(group[j], ([], []))[1].append(v)
    return [g for g in groups.values() if g[0] and g[1]]


def _cluster(values: Iterable[float]) -> list[float]:
    """Sorted distinct positions, values closer than the snap distance counted once."""
    out: list[float] = []
    for value in sorted(values):
        if out and value - out[-1] <= SNAP * 2:
            continue
        out.append(value)
    return out


@dataclass(slots=True)
class _Rules:
    """One orientation's rules sorted by position: the rules near a position by bisection."""

    segments: list[Segment]
    positions: list[float]

    @classmethod
    def of(cls, segments: Sequence[Segment]) -> _Rules:
        """The index of these rules (any order)."""
        ordered = sorted(segments, key=lambda s: s.pos)
        return cls(ordered, [s.pos for s in ordered])

    def near(self, pos: float) -> list[Segment]:
        """The rules at ``pos``, give or take twice the snap distance."""
        reach = SNAP * 2
        start = bisect.bisect_left(self.positions, pos - reach - 1e-9)
        stop = bisect.bisect_right(self.positions, pos + reach + 1e-9)
        return [s for s in self.segments[start:stop] if abs(s.pos - pos) <= reach]


def _middle(lo: float, hi: float) -> tuple[float, float]:
    """The middle half of ``lo``-``hi``: what a rule must span to close a grid cell's side."""
    quarter = (hi - lo) / 4
    return lo + quarter, hi - quarter


def _spans(rules: list[Segment], middle: tuple[float, float]) -> bool:
    """Whether one of these rules spans the middle half of a grid cell's side."""
    low, high = middle
    for s in rules:  # noqa: SIM110 (a loop, not any(): this runs for every grid cell)
        if s.lo <= low and s.hi >= high:
            return True
    return False


@dataclass(slots=True)
class _Grid:
    """A table's boundaries and, for each grid cell, the top-left cell of its merged block."""

    xs: list[float]
    ys: list[float]
    anchor: list[list[tuple[int, int]]]

    @property
    def bbox(self) -> BBox:
        return BBox(self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    def box(self, r: int, c: int) -> BBox:
        return BBox(self.xs[c], self.ys[r], self.xs[c + 1], self.ys[r + 1])


Run = tuple[int, int, int, int]
"""Consecutive glyphs of a page in one grid cell: ``start`` and ``stop`` in the page's glyph
list, then how many column and row boundaries lie at or before their centres."""


def _grid(hs: list[Segment], vs: list[Segment]) -> _Grid | None:
    """The cell structure drawn by one connected group of rules, or None if not a table."""
    xs = _cluster([v.pos for v in vs] + [min(h.lo for h in hs), max(h.hi for h in hs)])
    ys = _cluster([h.pos for h in hs] + [min(v.lo for v in vs), max(v.hi for v in vs)])
    if len(xs) < 3 or len(ys) < 2 or (len(ys) < 3 and len(xs) < 4):
        return None  # a framed box or a lone rule pair is not a table
    rows, cols = len(ys) - 1, len(xs) - 1
    parent = list(range(rows * cols))  # grid cell r, c is r * cols + c

    def find(cell: int) -> int:
        while parent[cell] != cell:
            cell = parent[cell]
        return cell

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            keep, drop = (ra, rb) if ra < rb else (rb, ra)
            parent[drop] = keep

    h_rules, v_rules = _Rules.of(hs), _Rules.of(vs)
    across = [h_rules.near(y) for y in ys]  # the rules along each row boundary
    down = [v_rules.near(x) for x in xs]
    widths = [_middle(xs[c], xs[c + 1]) for c in range(cols)]
    heights = [_middle(ys[r], ys[r + 1]) for r in range(rows)]
    for r in range(rows):
        for c in range(cols):
            cell = r * cols + c
            if r > 0 and not _spans(across[r], widths[c]):
                union(cell - cols, cell)
            if c > 0 and not _spans(down[c], heights[r]):
                union(cell - 1, cell)
    # A union keeps the lower index as root, so a cell's root is found before its own.
    cells = [(r, c) for r in range(rows) for c in range(cols)]
    for cell, up in enumerate(parent):
        parent[cell] = parent[up]
    anchor = [[cells[root] for root in parent[r * cols : (r + 1) * cols]] for r in range(rows)]
    return _Grid(xs, ys, anchor)


def _open_overflowed(grid: _Grid, glyphs: list[Glyph], runs: list[Run]) -> None:
    """Join a row's cells across a column rule that printed text runs through.

    A spreadsheet printed with gridlines draws them over text overflowing into the empty
    cells beside it (a letterhead line, a date): two characters printed one after the other,
    a word space apart at most, on both sides of a rule, are one cell's text. ``runs`` are
    the table's glyphs (see :data:`Run`): only the last glyph of a run and the first of the
    next can stand in two columns.
    """
    xs = grid.xs
    last_row = len(grid.ys) - 2
    for (_, stop, c, row), (start, _, col, _) in itertools.pairwise(runs):
        if col == c:
            continue  # both in one column: no rule between them
        a, b = glyphs[stop - 1], glyphs[start]
        if b[X0] <= a[X0] or abs(b[BASELINE] - a[BASELINE]) > 0.5:
            continue
        if b[X0] - a[X1] > OVERFLOW_GAP_EM * a[SIZE]:
            continue
        if c == 0 or c >= len(xs) - 1 or xs[c] >= (b[X0] + b[X1]) / 2:
            continue
        r = min(max(row - 1, 0), last_row)
        left, right = grid.anchor[r][c - 1], grid.anchor[r][c]
        if left != right:
            keep = min(left, right)
            for anchors in grid.anchor:
                for k, anchor in enumerate(anchors):
                    if anchor in (left, right):
                        anchors[k] = keep


def _block_boxes(grid: _Grid) -> dict[tuple[int, int], BBox]:
    """Each merged block's box, keyed by its anchor in the order the grid first meets it: the
    boundaries beyond its outermost rows and columns (the union of its cells' boxes)."""
    spans: dict[tuple[int, int], list[int]] = {}  # first row, first and last column, last row
    for r, anchors in enumerate(grid.anchor):
        for c, anchor in enumerate(anchors):
            span = spans.get(anchor)
            if span is None:
                spans[anchor] = [r, c, c, r]
                continue
            if c < span[1]:
                span[1] = c
            elif c > span[2]:
                span[2] = c
            span[3] = r
    xs, ys = grid.xs, grid.ys
    return {
        anchor: BBox(xs[first], ys[top], xs[last + 1], ys[bottom + 1])
        for anchor, (top, first, last, bottom) in spans.items()
    }


def _table(grid: _Grid, glyphs: dict[tuple[int, int], list[Glyph]], page: int) -> RawTable:
    """Emit the grid's rows; merged blocks give their text to their first row."""
    rows: list[RawRow] = []
    blocks = _block_boxes(grid)
    for r, anchors in enumerate(grid.anchor):
        cells: list[RawCell] = []
        shown = False  # whether a cell of the row holds text or continues a block from above
        for c, anchor in enumerate(anchors):
            ar, ac = anchor
            if ar < r:
                cells.append(RawCell((), grid.box(r, c), True))
                shown = True
            elif ac < c:
                cells.append(RawCell((), grid.box(r, c)))
            else:  # the block's own cell: its anchor is (r, c)
                held = glyphs.get(anchor)
                cell = RawCell(line_texts(held) if held else (), blocks[anchor])
                cells.append(cell)
                shown = shown or not cell.is_empty
        if not shown:
            continue
        band = BBox(grid.xs[0], grid.ys[r], grid.xs[-1], grid.ys[r + 1])
        rows.append(RawRow(tuple(cells), page=page, bbox=band))
    return RawTable(tuple(rows), page=page, bbox=grid.bbox, ruled=True)


def _disjoint(grids: list[_Grid]) -> bool:
    """Whether no two tables' frames touch."""
    boxes = sorted((g.ys[0], g.ys[-1], g.xs[0], g.xs[-1]) for g in grids)
    return all(
        a[1] < b[0] or a[3] < b[2] or b[3] < a[2]
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
    )


def _place_glyphs(grids: list[_Grid], glyphs: list[Glyph]) -> tuple[list[list[Run]], list[Glyph]]:
    """Give each glyph to the first table whose frame holds its centre: each table's runs
    (see :data:`Run`), and the glyphs outside every table.

    The column and row are found by bisecting the boundaries; a glyph whose centre lies in
    the same grid cell as the glyph before (a cell's text is printed in one go) extends that
    glyph's run, when the frames do not touch (no other table can then hold it). Written
    out: this loop runs for every character of the page.
    """
    if not grids:
        return [], list(glyphs)  # a page without a ruled table: every glyph is outside
    outside: list[Glyph] = []
    held: list[list[Run]] = [[] for _ in grids]
    bisect_right = bisect.bisect_right
    frames = [
        (g.xs[0], g.xs[-1], g.ys[0], g.ys[-1], g.xs, g.ys, runs)
        for g, runs in zip(grids, held, strict=True)
    ]
    remember = _disjoint(grids)
    inf = float("inf")
    # The last grid cell found: its span (x_lo <= cx < x_hi, y_lo <= cy < y_hi) and answer.
    x_lo = x_hi = y_lo = y_hi = inf
    col = row = start = 0
    open_run: list[Run] | None = None  # the runs of the table holding the run under way
    for i, glyph in enumerate(glyphs):
        # The centre (x0 + x1, top + bottom halved; * 0.5 rounds as / 2 does).
        cx, cy = (glyph[1] + glyph[2]) * 0.5, (glyph[3] + glyph[4]) * 0.5
        if x_lo <= cx < x_hi and y_lo <= cy < y_hi:
            continue
        if open_run is not None:
            open_run.append((start, i, col, row))
            open_run = None
        for left, right, top, bottom, xs, ys, runs in frames:
            if left <= cx <= right and top <= cy <= bottom:
                col = bisect_right(xs, cx)
                row = bisect_right(ys, cy)
                open_run, start = runs, i
                if remember and 0 < col < len(xs) and 0 < row < len(ys):
                    x_lo, x_hi, y_lo, y_hi = xs[col - 1], xs[col], ys[row - 1], ys[row]
                else:
                    x_lo = x_hi = y_lo = y_hi = inf
                break
        else:
            outside.append(glyph)
            x_lo = x_hi = y_lo = y_hi = inf
    if open_run is not None:
        open_run.append((start, len(glyphs), col, row))
    return held, outside


def find_ruled_tables(
    segments: list[Segment], glyphs: list[Glyph], page: int
) -> tuple[list[RawTable], list[Glyph]]:
    """The page's ruled tables (top to bottom) and the glyphs lying outside all of them."""
    hs = _merge([s for s in segments if s.horizontal])
    vs = _merge([s for s in segments if not s.horizontal])
    grids = [g for hv in _components(hs, vs) if (g := _grid(*hv)) is not None]
    grids.sort(key=lambda g: g.ys[0])
    held, outside = _place_glyphs(grids, glyphs)
    buckets: list[dict[tuple[int, int], list[Glyph]]] = [{} for _ in grids]
    for grid, runs, bucket in zip(grids, held, buckets, strict=True):
        _open_overflowed(grid, glyphs, runs)
        # The merged block for every pair of boundary counts (0 to len(xs), 0 to len(ys)):
        # a count of 0 or of all boundaries (a centre on the table's left or top edge, on
        # its right or bottom edge) counts in the first or last column or row.
        width = len(grid.xs) + 1
        edged = [grid.anchor[0], *grid.anchor, grid.anchor[-1]]
        blocks = [block for anchors in edged for block in (anchors[0], *anchors, anchors[-1])]
        for start, stop, col, row in runs:
            block = blocks[row * width + col]
            held_by = bucket.get(block)
            if held_by is None:
                bucket[block] = glyphs[start:stop]
            else:
                held_by += glyphs[start:stop]
    tables = [_table(g, b, page) for g, b in zip(grids, buckets, strict=True)]
    return [t for t in tables if t.rows], outside


def cell_boxes(segments: list[Segment]) -> list[BBox]:
    """The box of every cell (merged blocks whole) of the ruled tables these rules draw.

    The OCR reader reads each cell's pixels on their own, where the rules give cells.
    """
    hs = _merge([s for s in segments if s.horizontal])
    vs = _merge([s for s in segments if not s.horizontal])
    grids = [g for hv in _components(hs, vs) if (g := _grid(*hv)) is not None]
    return [box for grid in grids for box in _block_boxes(grid).values()]
