"""Ruled tables: rules group into tables as their crossings connect them; a merged block's
box is the union of its grid cells' boxes, whatever its shape (cells joined down a region's
group, across an overflowing line, or both)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from aap_parser.grid import BBox
from aap_parser.sources.pdf.ink import Segment
from aap_parser.sources.pdf.ruled import JOIN, _block_boxes, _components, _Grid


@st.composite
def _grids(draw: st.DrawFn) -> _Grid:
    """A grid with some neighbouring cells joined into blocks, each block anchored at its
    first cell in reading order (as the grid reader anchors them)."""
    cols, rows = draw(st.integers(1, 5)), draw(st.integers(1, 6))
    xs = sorted(draw(st.sets(st.integers(0, 600), min_size=cols + 1, max_size=cols + 1)))
    ys = sorted(draw(st.sets(st.integers(0, 800), min_size=rows + 1, max_size=rows + 1)))
    anchor = [[(r, c) for c in range(cols)] for r in range(rows)]
    for _ in range(draw(st.integers(0, 8))):
        r, c = draw(st.integers(0, rows - 1)), draw(st.integers(0, cols - 1))
        down = draw(st.booleans())
        r2, c2 = (r + 1, c) if down else (r, c + 1)
        if r2 >= rows or c2 >= cols:
            continue
        a, b = anchor[r][c], anchor[r2][c2]
        keep = min(a, b)
        for cells in anchor:
            for k, cell in enumerate(cells):
                if cell in (a, b):
                    cells[k] = keep
    return _Grid([float(x) for x in xs], [float(y) for y in ys], anchor)


@settings(max_examples=300, deadline=None)
@given(_grids())
def test_a_block_box_is_the_union_of_its_cells(grid: _Grid) -> None:
    expected: dict[tuple[int, int], BBox] = {}
    for r, anchors in enumerate(grid.anchor):
        for c, anchor in enumerate(anchors):
            box = grid.box(r, c)
            expected[anchor] = expected[anchor].union(box) if anchor in expected else box
    boxes = _block_boxes(grid)
    assert boxes == expected
    assert list(boxes) == list(expected)  # the order the OCR reader reads cells in


def test_an_l_shaped_block_spans_its_widest_row_and_its_rows() -> None:
    grid = _Grid([0.0, 10.0, 20.0], [0.0, 5.0, 9.0], [[(0, 0), (0, 1)], [(0, 1), (0, 1)]])
    assert _block_boxes(grid) == {
        (0, 0): BBox(0.0, 0.0, 10.0, 5.0),
        (0, 1): BBox(0.0, 0.0, 20.0, 9.0),
    }


def _touch(h: Segment, v: Segment) -> bool:
    return h.lo - JOIN <= v.pos <= h.hi + JOIN and v.lo - JOIN <= h.pos <= v.hi + JOIN


def _connected(hs: list[Segment], vs: list[Segment]) -> list[tuple[list[Segment], list[Segment]]]:
    """Each group of rules reached from a horizontal rule through crossings, in the order of
    their first horizontal rule; groups without both kinds left out."""
    seen: set[int] = set()
    out = []
    for start in range(len(hs)):
        if start in seen:
            continue
        group, todo = {start}, [start]
        while todo:
            k = todo.pop()
            for other in range(len(hs) + len(vs)):
                if other in group or (k < len(hs)) == (other < len(hs)):
                    continue
                h, v = (hs[k], vs[other - len(hs)]) if k < len(hs) else (hs[other], vs[k - len(hs)])
                if _touch(h, v):
                    group.add(other)
                    todo.append(other)
        seen |= group
        across = [hs[k] for k in sorted(group) if k < len(hs)]
        down = [vs[k - len(hs)] for k in sorted(group) if k >= len(hs)]
        if down:
            out.append((across, down))
    return out


_RULES = st.lists(
    st.tuples(st.sampled_from([0.0, 10.0, 12.4, 50.0]), st.floats(0, 60), st.floats(0, 60)),
    max_size=8,
)


@settings(max_examples=300, deadline=None)
@given(_RULES, _RULES)
def test_rules_group_as_their_crossings_connect_them(
    across: list[tuple[float, float, float]], down: list[tuple[float, float, float]]
) -> None:
    hs = [Segment(True, pos, lo, lo + span) for pos, lo, span in across]
    vs = [Segment(False, pos, lo, lo + span) for pos, lo, span in down]
    assert _components(hs, vs) == _connected(hs, vs)
