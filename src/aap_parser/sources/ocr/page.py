"""Read one image-only page by OCR into the PDF reader's glyphs and rules.

render -> straighten -> find and erase rules -> recognise -> glyphs. The result is the same
pair of values the PDF backend gives for a page with a text layer, so the ruled and
borderless table readers and the heading reader run unchanged on it.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium

from aap_parser.errors import InputError
from aap_parser.grid import BBox, Doubt
from aap_parser.sources.ocr.cells import PAGE_PSM, read_by_cell
from aap_parser.sources.ocr.glyphs import to_glyphs
from aap_parser.sources.ocr.render import ink_threshold, render, skew_angle, straighten
from aap_parser.sources.ocr.rules import find_rules
from aap_parser.sources.ocr.tesseract import recognise
from aap_parser.sources.pdf.ink import Glyph, Segment

DPI = 300
"""Rendering resolution: Tesseract reads best at 300 dpi (about 30 px per capital)."""
BY_CELL = True
"""Read each ruled cell on its own, else the whole page in one pass (see ``cells``; the OCR
benchmark measures both: cell by cell gets far more laureates right for little more time)."""
LOW_CONFIDENCE = 60.0
"""Words Tesseract is less sure of than this (0-100) are reported."""


@dataclass(slots=True)
class OcrPage:
    """What OCR gave for one page: glyphs, rules, doubtful words and time per step."""

    height: float
    """Page height in points."""
    glyphs: list[Glyph]
    segments: list[Segment]
    doubts: list[Doubt] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


class Scanner:
    """OCR of the pages of one PDF, one page at a time (see :func:`scanner`)."""

    def __init__(self, document: Any, lang: str, dpi: int = DPI) -> None:
        self._document = document
        self.lang = lang
        self.dpi = dpi
        self.by_cell = BY_CELL

    def read(self, index: int) -> OcrPage:
        """Page ``index`` (0-based) read by OCR."""
        clock = time.perf_counter()
        page = self._document[index]
        try:
            height = float(page.get_height())
            grey = render(page, self.dpi)
        finally:
            page.close()
        grey = straighten(grey, skew_angle(grey, self.dpi))
        rendered = time.perf_counter()
        threshold = ink_threshold(grey)
        segments, text_only = find_rules(grey, threshold, self.dpi)
        ruled = time.perf_counter()
        if self.by_cell:
            words = read_by_cell(text_only, segments, threshold, lang=self.lang, dpi=self.dpi)
        else:
            words = recognise([text_only], lang=self.lang, dpi=self.dpi, psm=PAGE_PSM)[0]
        glyphs = to_glyphs(words, text_only, threshold, self.dpi)
        scale = 72.0 / self.dpi
        doubts = [
            Doubt(w.text, w.confidence, index + 1,
                  BBox(w.x0 * scale, w.top * scale, w.x1 * scale, w.bottom * scale))
            for w in words
            if w.confidence < LOW_CONFIDENCE and any(c.isalnum() for c in w.text)
        ]
        done = time.perf_counter()
        return OcrPage(
            height,
            glyphs,
            segments,
            doubts,
            {"render": rendered - clock, "rules": ruled - rendered, "recognise": done - ruled},
        )


@contextmanager
def scanner(data: bytes, *, password: str | None, lang: str) -> Iterator[Scanner]:
    """A :class:`Scanner` over the PDF ``data`` (pdfium's own parser), closed on exit."""
    try:
        document = pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError as exc:
        raise InputError(f"the PDF cannot be rendered for OCR ({exc})") from exc
    try:
        yield Scanner(document, lang)
    finally:
        document.close()
