"""What a PDF backend reads from a page: characters and rules, as plain values.

A backend (see :mod:`aap_parser.sources.pdf.backends`) turns a page into a :class:`PageInk`;
everything after that (words, lines, ruled and borderless tables) is the same whichever
library read the page. Coordinates are page points with a top-left origin.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Final

THIN = 2.0
"""A filled rectangle thinner than this (points) is drawn as a rule, not as shading."""

_BOLD = re.compile(r"bold|black|heavy|semibold|demi|,b$|-b$", re.IGNORECASE)
_ITALIC = re.compile(r"italic|oblique|-it$|,i$|-i$", re.IGNORECASE)


@lru_cache(maxsize=256)
def font_style(fontname: str) -> tuple[bool, bool]:
    """Bold and italic flags read from a font name (subset prefix ignored)."""
    name = fontname.split("+", 1)[-1]
    return bool(_BOLD.search(name)), bool(_ITALIC.search(name))


Glyph = tuple[str, float, float, float, float, float, float, bool, bool, bool, bool]
"""One printed character, in page points with a top-left origin: its text, left and right,
top and bottom, baseline, font size, bold, italic, hidden (painted invisibly: text render
mode 3 or 7, an OCR layer, a hidden stamp) and white (filled in white: unseen on the white
page unless printed over a shaded area); read by the positions below.

A plain tuple, not a named one: a page holds thousands, each made in the backend's innermost
loop, and a named tuple costs about 150 ns more to make (a fifth of reading a character).
"""

# The positions of a glyph's fields (Final: the type checker knows each field's type).
TEXT: Final = 0
X0: Final = 1
X1: Final = 2
TOP: Final = 3
BOTTOM: Final = 4
BASELINE: Final = 5
SIZE: Final = 6
BOLD: Final = 7
ITALIC: Final = 8
HIDDEN: Final = 9
WHITE: Final = 10


def glyph(
    text: str,
    x0: float,
    x1: float,
    top: float,
    bottom: float,
    baseline: float,
    size: float,
    bold: bool,
    italic: bool,
    hidden: bool = False,
    white: bool = False,
) -> Glyph:
    """A glyph from its fields by name (the backends' inner loops build the tuple inline)."""
    return (text, x0, x1, top, bottom, baseline, size, bold, italic, hidden, white)


def with_text(g: Glyph, text: str) -> Glyph:
    """The glyph printing ``text`` instead (a ligature's letters, a character spelt out)."""
    return (text, g[1], g[2], g[3], g[4], g[5], g[6], g[7], g[8], g[9], g[10])


def centre(g: Glyph) -> tuple[float, float]:
    """The glyph's centre (horizontal, vertical)."""
    return (g[1] + g[2]) / 2, (g[3] + g[4]) / 2


@dataclass(slots=True)
class Segment:
    """A straight rule: ``pos`` is its y (horizontal) or x (vertical); ``lo``-``hi`` its span."""

    horizontal: bool
    pos: float
    lo: float
    hi: float


def rule_segments(
    x0: float, top: float, x1: float, bottom: float, *, stroked: bool = False
) -> list[Segment]:
    """The rules a drawn box contributes: a thin box is one rule, a stroked box its 4 sides.

    A filled box that is not thin is shading (a header background), not a rule.
    """
    if bottom - top <= THIN and x1 - x0 > bottom - top:
        return [Segment(True, (top + bottom) / 2, x0, x1)]
    if x1 - x0 <= THIN and bottom - top > x1 - x0:
        return [Segment(False, (x0 + x1) / 2, top, bottom)]
    if not stroked:
        return []
    return [
        Segment(True, top, x0, x1),
        Segment(True, bottom, x0, x1),
        Segment(False, x0, top, bottom),
        Segment(False, x1, top, bottom),
    ]


Box = tuple[float, float, float, float]
"""``x0, top, x1, bottom`` in page points, top-left origin."""


@dataclass(slots=True)
class PageInk:
    """Everything printed on one page that the table readers use: characters and rules;
    also the crop box, when it hides part of the page, and the areas shaded in a colour
    other than white, where white text shows.

    Coordinates are those of the page as drawn (its user space), whatever /Rotate flag the
    page carries: page assembly turns a page whose text runs sideways.
    """

    height: float
    glyphs: list[Glyph]
    segments: list[Segment]
    crop: Box | None = None
    shades: list[Box] = field(default_factory=list)
    width: float = 0.0
