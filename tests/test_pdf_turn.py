"""The reading direction of a page's first characters: the count of each direction between
neighbours decides, and a page already read rightward is told early."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from aap_parser.sources.pdf.ink import Glyph
from aap_parser.sources.pdf.turn import _SAME, reading_direction


def _counted(glyphs: list[Glyph]) -> str:
    """The direction from every neighbouring pair counted."""
    counts = {"right": 0, "down": 0, "up": 0, "left": 0}
    for a, b in itertools.pairwise(glyphs):
        if abs(b.top - a.top) < _SAME and abs(b.bottom - a.bottom) < _SAME:
            counts["right" if b.x0 > a.x0 else "left"] += 1
        elif abs(b.x0 - a.x0) < _SAME and abs(b.x1 - a.x1) < _SAME:
            counts["down" if b.top > a.top else "up"] += 1
    best = max(counts, key=lambda key: counts[key])
    if best == "right" or counts[best] < 2 * counts["right"] + 8:
        return "right"
    return best


_STEPS = st.sampled_from(
    [(0.0, 12.0), (0.0, 12.0), (6.0, 0.0), (-6.0, 0.0), (0.0, -12.0), (3.0, 0.3)]
)
"""From one character to the next: right, left, down, up, or a little askew."""


@st.composite
def _pages(draw: st.DrawFn) -> list[Glyph]:
    """A page's first characters, each placed a step from the one before: some rightward,
    then about twice as many downward (near the share that decides), a few of any kind,
    in that order or shuffled."""
    x, y = 300.0, 400.0
    glyphs = [Glyph("a", x, x + 5.0, y, y + 10.0, y + 8.0, 10.0, False, False)]
    right = draw(st.integers(0, 50))
    down = max(0, 2 * right + 8 + draw(st.integers(-3, 3)))
    steps = [(6.0, 0.0)] * right + [(0.0, 12.0)] * down + draw(st.lists(_STEPS, max_size=12))
    if draw(st.booleans()):
        steps = draw(st.permutations(steps))
    for dx, dy in steps:
        x, y = x + dx, y + dy
        glyphs.append(Glyph("a", x, x + 5.0, y, y + 10.0, y + 8.0, 10.0, False, False))
    return glyphs


@settings(max_examples=500, deadline=None)
@given(_pages())
def test_the_direction_is_the_one_the_counts_give(glyphs: list[Glyph]) -> None:
    assert reading_direction(glyphs) == _counted(glyphs)


def test_a_page_running_down_reads_down() -> None:
    glyphs = [
        Glyph("a", 100.0, 110.0, 12.0 * i, 12.0 * i + 10, 0.0, 10.0, False, False)
        for i in range(40)
    ]
    assert reading_direction(glyphs) == "down"
