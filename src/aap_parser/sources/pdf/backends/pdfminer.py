"""The pdfminer backend (through pdfplumber's page objects): characters and rules of each page.

pdfminer's layout tree is walked once per page (not through pdfplumber's per-object
dictionaries, which cost the most), and each page's cache is flushed once it has been read.
The document is an :class:`AcyclicDocument`, so a reference cycle cannot hang the reading.
"""

from __future__ import annotations

import io
import itertools
import logging
import math
from collections.abc import Iterator
from contextlib import suppress
from typing import Any

import pdfplumber
import pdfplumber.pdf
from pdfminer.layout import LTChar, LTContainer, LTCurve, LTLine, LTRect
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdftypes import PDFObjRef

from aap_parser.sources.pdf.ink import Glyph, PageInk, font_style, rule_segments

_log = logging.getLogger(__name__)


class AcyclicDocument(PDFDocument):
    """A pdfminer document whose objects never resolve in a circle.

    pdfminer resolves a reference by looking objects up until one is not a reference, so an
    object that is a reference to itself (``6 0 obj 6 0 R endobj``), or a ring of them, makes
    it loop forever. Here looking an object up follows such a chain itself, keeping the
    objects it is following (as qpdf and pdf.js do), and a chain that comes back to one of
    them resolves to null, with a logged warning.
    """

    def getobj(self, objid: int) -> object:
        """The object numbered ``objid``, with any chain of bare references followed."""
        obj = super().getobj(objid)
        following = {objid}
        while isinstance(obj, PDFObjRef):
            if obj.objid in following:
                _log.warning("PDF object %d refers back to itself: read as null", objid)
                return None
            following.add(obj.objid)
            obj = super().getobj(obj.objid)
        return obj


class PdfminerBackend:
    """A PDF read by pdfminer.six (see :class:`~.base.PdfBackend`)."""

    def __init__(self, data: bytes, password: str | None) -> None:
        # pdfplumber builds its pdfminer document itself and resolves the catalogue and the
        # document information at once: it is lent the cycle-safe class for that moment
        # (a plain PDFDocument otherwise; the two differ only on a cycle).
        names = vars(pdfplumber.pdf)
        plain = names["PDFDocument"]
        names["PDFDocument"] = AcyclicDocument
        try:
            self._pdf = pdfplumber.open(io.BytesIO(data), password=password)
        finally:
            names["PDFDocument"] = plain

    def page_count(self) -> int:
        """How many pages the page tree lists."""
        return len(self._pdf.pages)

    def pages(self) -> Iterator[PageInk]:
        """Each page's ink; the page's caches are flushed once it has been read."""
        for page in self._pdf.pages:
            try:
                yield _ink(page)
            finally:
                with suppress(Exception):
                    page.close()  # only flushes caches: never worth masking the result

    def close(self) -> None:
        """Close the document; close() lists the pages again, which may raise on a broken
        page tree and would mask the typed error already on its way out."""
        with suppress(Exception):
            self._pdf.close()


def _ink(page: Any) -> PageInk:
    """Walk pdfminer's layout of the page once.

    Characters of zero (or negative, or NaN) size are invisible and skipped, as is anything
    placed at a non-finite position. Coordinates follow pdfplumber's: top-left origin,
    shifted by the media box origin.
    """
    height = float(page.height)
    mb_x0, mb_top = float(page.mediabox[0]), float(page.mediabox[1])
    ink = PageInk(height, [], [])

    def flip(y: float) -> float:
        return height - y + mb_top

    def walk(objects: Any) -> None:
        for obj in objects:
            if isinstance(obj, LTChar):
                text = obj.get_text()
                if not text or not obj.size > 0:
                    continue  # zero-size (invisible) text is not part of the announcement
                if not math.isfinite(obj.x0 + obj.x1 + obj.y0 + obj.y1 + obj.matrix[5]):
                    continue  # placed at infinity by a hostile matrix: not on the page
                bold, italic = font_style(str(obj.fontname))
                baseline = flip(obj.matrix[5]) if obj.upright else flip(obj.y0)
                ink.glyphs.append(
                    Glyph(
                        text,
                        obj.x0 + mb_x0,
                        obj.x1 + mb_x0,
                        flip(obj.y1),
                        flip(obj.y0),
                        baseline,
                        float(obj.size),
                        bold,
                        italic,
                    )
                )
            elif not math.isfinite(obj.x0 + obj.x1 + obj.y0 + obj.y1):
                continue  # a shape placed at infinity draws nothing on the page
            elif isinstance(obj, (LTLine, LTRect)):
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

    walk(page.layout)
    return ink
