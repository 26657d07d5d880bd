"""The visual review: each laureate put back on its page, for a person to check the parse.

``review(announcement, data)`` re-reads the input's bytes with the source stage (for the
cells as read), renders PDF pages with pypdfium2 and returns one self-contained HTML page.
Nothing here runs unless a review is asked for.
"""

from __future__ import annotations

import hashlib

from aap_parser.errors import InputError
from aap_parser.grid import SourceDocument
from aap_parser.layout.headers import LAUREATES_HEADER
from aap_parser.models import Announcement
from aap_parser.sources import announcement_lines, is_pdf, read_source
from aap_parser.sources.ocr.mode import OcrMode
from aap_parser.sources.text import decode_text
from aap_parser.visual.html import pdf_page, review_page, text_page
from aap_parser.visual.images import render_pages
from aap_parser.visual.marks import TAB_SIZE, page_marks, text_marks

__all__ = ["review"]


def review(
    announcement: Announcement,
    data: bytes,
    *,
    password: str | None = None,
    name: str | None = None,
    backend: str | None = None,
    ocr: OcrMode = "auto",
    ocr_lang: str = "fra",
) -> str:
    """The review page of an announcement parsed from ``data`` (the PDF or text bytes).

    ``password``, ``backend``, ``ocr`` and ``ocr_lang`` must be those the announcement was
    parsed with (the input is read again the same way); ``name`` is shown as the document's
    name (default: the announcement's source path). Bytes other than those parsed are an
    ``InputError``.
    """
    expected = announcement.source.sha256
    if expected is not None and expected != hashlib.sha256(data).hexdigest():
        raise InputError("not the input this announcement was parsed from (SHA-256 differs)")
    document = read_source(
        data,
        headers=LAUREATES_HEADER,
        password=password,
        backend=backend,
        ocr=ocr,
        ocr_lang=ocr_lang,
    )
    if is_pdf(data):
        pages = _pdf_pages(announcement, document, data, password)
    else:
        lines = announcement_lines(decode_text(data).text)
        # a form feed (page break) shows as one space, so columns stay where they were
        shown = [line.expandtabs(TAB_SIZE).replace("\f", " ") for line in lines]
        pages = [text_page(shown, text_marks(document, announcement, lines))]
    return review_page(announcement, pages, name)


def _pdf_pages(
    announcement: Announcement, document: SourceDocument, data: bytes, password: str | None
) -> list[str]:
    marks = page_marks(document, announcement)
    return [
        pdf_page(image, marks.get(image.number)) for image in render_pages(data, password=password)
    ]
