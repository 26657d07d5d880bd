"""OCR in the PDF reader: a page's ink from its pixels where it has no text (or always).

The reader asks its backend for each page's characters and rules; :class:`OcrLayer` stands
between them and, for a page the mode selects, hands back the ink OCR reads from the page's
pixels instead. Page assembly (words, lines, ruled and borderless tables) stays the same.
Importing this module loads no image library: that waits for the first page read by OCR.
"""

from __future__ import annotations

from contextlib import ExitStack
from typing import Any

from aap_parser.errors import NoTextLayerError
from aap_parser.grid import Doubt
from aap_parser.sources.ocr.events import page_starting
from aap_parser.sources.ocr.mode import OcrMode
from aap_parser.sources.ocr.tesseract import INSTALL_HINT, tesseract_path
from aap_parser.sources.pdf.ink import PageInk


class OcrLayer:
    """The OCR side of one PDF: opened on first use, pages read one at a time, time kept."""

    def __init__(self, data: bytes, password: str | None, mode: OcrMode, lang: str) -> None:
        self._data, self._password, self.mode, self.lang = data, password, mode, lang
        self._stack = ExitStack()
        self._scanner: Any = None
        self.pages_read = 0
        self.doubts: list[Doubt] = []
        self.seconds: dict[str, float] = {}

    def __enter__(self) -> OcrLayer:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    @property
    def can_read(self) -> bool:
        """Whether OCR is allowed and Tesseract is installed."""
        return self.mode != "never" and tesseract_path() is not None

    def page(self, index: int, ink: PageInk) -> PageInk:
        """Page ``index`` (0-based) as the backend read it (``ink``), or read by OCR instead
        where the mode selects it."""
        if self.mode == "always" or (self.mode == "auto" and not ink.glyphs and self.can_read):
            return self.read(index)
        return ink

    def read(self, index: int) -> PageInk:
        """Page ``index`` (0-based) read by OCR."""
        if not self.can_read:
            raise NoTextLayerError(f"OCR needs Tesseract: {INSTALL_HINT}")
        page_starting()
        if self._scanner is None:
            from aap_parser.sources.ocr.page import scanner

            self._scanner = self._stack.enter_context(
                scanner(self._data, password=self._password, lang=self.lang)
            )
        page = self._scanner.read(index)
        self.pages_read += 1
        self.doubts += page.doubts
        for step, seconds in page.seconds.items():
            self.seconds[step] = self.seconds.get(step, 0.0) + seconds
        return PageInk(page.height, page.glyphs, page.segments)

    def no_text_reason(self) -> str:
        """Why the document gave no text: no text layer, and OCR off, missing or fruitless."""
        if self.pages_read:
            return "the PDF has no text layer and OCR found no text on its pages"
        scanned = "the PDF has no text layer (it looks scanned)"
        if self.mode == "never":
            return f"{scanned}: OCR is off (--ocr never)"
        return f"{scanned} and OCR needs Tesseract: {INSTALL_HINT}"
