"""Turn a page whose text runs sideways so that it reads left to right, top to bottom.

A backend gives a page as drawn (its user space). Most pages are drawn upright, whatever
/Rotate flag a printer or ``qpdf --rotate`` set on them: those are read as drawn. A page whose
content is drawn turned (a landscape table on portrait media, shown upright by its /Rotate
flag) has its text running down or up the page: the reading direction of its first
characters tells by how much to turn the whole page (characters, rules, shading, crop box).
Nothing here depends on the backend.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import replace

from aap_parser.sources.pdf.ink import Box, Glyph, PageInk, Segment

SAMPLE = 160
"""Characters looked at to tell the reading direction (the start of the page suffices)."""

_SAME = 0.5
"""Points within which two characters share a line (across) or a column (down, up)."""

Turn = Callable[[Box], Box]


def upright(ink: PageInk) -> PageInk:
    """The page turned so that its text reads left to right (itself when it already does)."""
    direction = reading_direction(ink.glyphs[:SAMPLE])
    if direction == "right" or ink.width <= 0:
        return ink
    width, height = ink.width, ink.height
    turn: Turn
    if direction == "down":  # text turned a quarter clockwise: turn the page back
        def turn(box: Box) -> Box:
            x0, top, x1, bottom = box
            return (top, width - x1, bottom, width - x0)
        size = (width, height)
    elif direction == "up":
        def turn(box: Box) -> Box:
            x0, top, x1, bottom = box
            return (height - bottom, x0, height - top, x1)
        size = (width, height)
    else:  # upside down
        def turn(box: Box) -> Box:
            x0, top, x1, bottom = box
            return (width - x1, height - bottom, width - x0, height - top)
        size = (height, width)
    new_height, new_width = size
    return PageInk(
        new_height,
        [_glyph(glyph, turn, direction) for glyph in ink.glyphs],
        [_segment(segment, turn) for segment in ink.segments],
        turn(ink.crop) if ink.crop is not None else None,
        [turn(box) for box in ink.shades],
        new_width,
    )


def reading_direction(glyphs: list[Glyph]) -> str:
    """``right``, ``down``, ``up`` or ``left``: where most characters follow the one before."""
    counts = {"right": 0, "down": 0, "up": 0, "left": 0}
    # Once three times the rightward pairs pass the pairs less 8, no other direction can win
    # (each has at most the pairs left): the common upright page stops there.
    decided = len(glyphs) - 9
    for a, b in itertools.pairwise(glyphs):  # fields by position: x0, x1, top, bottom
        if abs(b[3] - a[3]) < _SAME and abs(b[4] - a[4]) < _SAME:
            if b[1] > a[1]:
                counts["right"] += 1
                if 3 * counts["right"] > decided:
                    return "right"
            else:
                counts["left"] += 1
        elif abs(b[1] - a[1]) < _SAME and abs(b[2] - a[2]) < _SAME:
            counts["down" if b[3] > a[3] else "up"] += 1
    best = max(counts, key=lambda key: counts[key])
    if best == "right" or counts[best] < 2 * counts["right"] + 8:
        return "right"
    return best


def _glyph(glyph: Glyph, turn: Turn, direction: str) -> Glyph:
    """A character turned with its page: a character turned a quarter has the height of its
    turned box as size; the baseline is set a fifth of the size above the box's bottom."""
    x0, top, x1, bottom = turn((glyph.x0, glyph.top, glyph.x1, glyph.bottom))
    size = glyph.size if direction == "left" or bottom <= top else bottom - top
    return glyph._replace(
        x0=x0, x1=x1, top=top, bottom=bottom, baseline=bottom - 0.2 * size, size=size
    )


def _segment(segment: Segment, turn: Turn) -> Segment:
    """A rule turned with its page."""
    if segment.horizontal:
        box = (segment.lo, segment.pos, segment.hi, segment.pos)
    else:
        box = (segment.pos, segment.lo, segment.pos, segment.hi)
    x0, top, x1, bottom = turn(box)
    if abs(bottom - top) < abs(x1 - x0):
        return replace(segment, horizontal=True, pos=top, lo=min(x0, x1), hi=max(x0, x1))
    return replace(segment, horizontal=False, pos=x0, lo=min(top, bottom), hi=max(top, bottom))
