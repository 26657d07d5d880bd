"""pdfminer's reading of one page: its layout tree walked once into characters and rules.

Kept apart from :mod:`.pdfminer` so that pdfplumber and pdfminer are imported only when the
pdfminer backend is chosen.
"""

from __future__ import annotations

import itertools
import math
from typing import Any

from pdfminer.layout import LTChar, LTContainer, LTCurve, LTLine, LTPage, LTRect
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfplumber.page import PDFPageAggregatorWithMarkedContent
from pdfplumber.utils.exceptions import PdfminerException

from aap_parser.sources.pdf.ink import Box, PageInk, font_style, glyph, rule_segments

_WIN_ANSI_BULLETS = dict.fromkeys(
    ("(cid:127)", "(cid:129)", "(cid:141)", "(cid:143)", "(cid:144)", "(cid:157)"), "\u2022"
)
"""Codes WinAnsiEncoding leaves undefined print a bullet (PDF 1.7, annex D); pdfminer names
them ``(cid:N)``."""


def page_ink(page: Any) -> PageInk:
    """Walk pdfminer's layout of the page once.

    Characters of zero (or negative, or NaN) size are invisible and skipped, as is anything
    placed at a non-finite position. Coordinates follow pdfplumber's: top-left origin,
    shifted by the media box origin.
    """
    media = _user_box(page.page_obj.mediabox)
    height = media[3] - media[1]
    mb_x0, mb_top = media[0], height - media[3]
    crop = _user_box(page.page_obj.cropbox)
    ink = PageInk(height, [], [], None if crop == media else _top_left(crop, height))
    ink.width = media[2] - media[0]

    def flip(y: float) -> float:
        return height - y + mb_top

    def walk(objects: Any) -> None:
        for obj in objects:
            if isinstance(obj, LTChar):
                text = obj.get_text()
                text = _WIN_ANSI_BULLETS.get(text, text)
                if not text or not obj.size > 0:
                    continue  # zero-size (invisible) text is not part of the announcement
                if not math.isfinite(obj.x0 + obj.x1 + obj.y0 + obj.y1 + obj.matrix[5]):
                    continue  # placed at infinity by a hostile matrix: not on the page
                bold, italic = font_style(str(obj.fontname))
                baseline = flip(obj.matrix[5]) if obj.upright else flip(obj.y0)
                hidden = getattr(obj, "hidden", False)
                ink.glyphs.append(
                    glyph(
                        text,
                        obj.x0 + mb_x0,
                        obj.x1 + mb_x0,
                        flip(obj.y1),
                        flip(obj.y0),
                        baseline,
                        float(obj.size),
                        bold,
                        italic,
                        hidden,
                        _white(obj.graphicstate.ncolor),
                    )
                )
            elif not math.isfinite(obj.x0 + obj.x1 + obj.y0 + obj.y1):
                continue  # a shape placed at infinity draws nothing on the page
            elif isinstance(obj, (LTLine, LTRect)):
                if obj.fill and not _white(obj.non_stroking_color):
                    ink.shades.append((obj.x0 + mb_x0, flip(obj.y1), obj.x1 + mb_x0, flip(obj.y0)))
                ink.segments += rule_segments(
                    obj.x0 + mb_x0,
                    flip(obj.y1),
                    obj.x1 + mb_x0,
                    flip(obj.y0),
                    stroked=isinstance(obj, LTRect) and bool(obj.stroke),
                )
            elif isinstance(obj, LTCurve):
                if obj.stroke:
                    points = [(x + mb_x0, flip(y)) for x, y in obj.pts]
                    for (ax, ay), (bx, by) in itertools.pairwise(points):
                        ink.segments += rule_segments(
                            min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)
                        )
            elif isinstance(obj, LTContainer):
                walk(obj)

    walk(_layout(page))
    return ink


class _Device(PDFPageAggregatorWithMarkedContent):
    """pdfplumber's layout device, marking the characters painted invisibly (text render
    mode 3 or 7), which pdfminer's characters do not record."""

    hidden = False

    def render_string(self, textstate: Any, seq: Any, ncs: Any, graphicstate: Any) -> None:
        self.hidden = textstate.render in (3, 7)
        super().render_string(textstate, seq, ncs, graphicstate)

    def render_char(self, *args: Any, **kwargs: Any) -> float:
        advance: float = super().render_char(*args, **kwargs)
        if self.hidden:
            setattr(self.cur_item._objs[-1], "hidden", True)  # noqa: B010 (pdfminer's object)
        return advance


def _layout(page: Any) -> LTPage:
    """The page's layout tree, as pdfplumber's ``page.layout`` makes it, hidden text marked,
    in the page's user space (its /Rotate flag is not applied)."""
    device = _Device(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    page.page_obj.rotate = 0  # the page as drawn: assembly turns it if its text runs sideways
    try:
        PDFPageInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    except Exception as exc:
        raise PdfminerException(exc) from exc
    result: LTPage = device.get_result()
    return result


def _user_box(raw: Any) -> Box:
    """A PDF box of the page as drawn (its /Rotate flag not applied): ``x0, y0, x1, y1``,
    bottom-left origin, corners sorted."""
    x0, y0, x1, y1 = (float(v) for v in raw)
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def _top_left(box: Box, height: float) -> Box:
    """A user-space box as ``x0, top, x1, bottom`` on a page ``height`` points high."""
    x0, y0, x1, y1 = box
    return (x0, height - y1, x1, height - y0)


def _white(colour: Any) -> bool:
    """Whether a fill colour is white (grey 1, RGB 1 1 1, CMYK 0 0 0 0)."""
    if isinstance(colour, (int, float)):
        return colour >= 0.99
    if isinstance(colour, tuple) and colour and all(isinstance(v, (int, float)) for v in colour):
        if len(colour) == 4:
            return all(v <= 0.01 for v in colour)
        return all(v >= 0.99 for v in colour)
    return False
