"""Source readers: bytes in, :class:`aap_parser.grid.SourceDocument` out, format by content.

Readers know nothing of column roles: the layout-text reader, which must tell a header row
from body text to cut a table, is handed a :class:`HeaderTest` by the caller.
"""

from __future__ import annotations

import codecs
from typing import TYPE_CHECKING

from aap_parser.errors import InputError
from aap_parser.grid import RawTable, SourceDocument
from aap_parser.sources.ocr.mode import OcrMode
from aap_parser.sources.text import decode_text, looks_binary, read_delimited_text, split_lines
from aap_parser.wording import readable

if TYPE_CHECKING:  # the layout-text reader is imported only when a text needs it
    from aap_parser.sources.layout_text.headers import HeaderTest

PDF_STRAY_BYTES = 16
"""Bytes that may stand before a PDF's ``%PDF-`` header, on its line, besides whitespace,
NULs and a byte-order mark (some servers and tools prepend a few)."""


def is_pdf(data: bytes) -> bool:
    """A PDF is recognised by its content, whatever its name: it starts with its ``%PDF-``
    header, after at most blank space and a few stray bytes on the same line. A text that
    mentions ``%PDF-`` in a sentence or on a later line is not a PDF."""
    at = data.find(b"%PDF-", 0, 1024)
    if at < 0:
        return False
    lead = data[:at].removeprefix(codecs.BOM_UTF8).lstrip(b" \t\r\n\f\x00")
    return len(lead) <= PDF_STRAY_BYTES and b"\n" not in lead and b"\r" not in lead


def read_source(
    data: bytes,
    *,
    headers: HeaderTest,
    password: str | None = None,
    max_pages: int | None = None,
    backend: str | None = None,
    ocr: OcrMode = "auto",
    ocr_lang: str = "fra",
) -> SourceDocument:
    """Read an announcement's bytes into the raw document, choosing the reader by content.

    ``backend`` names the PDF library (None for the default); ``ocr`` and ``ocr_lang`` say
    which PDF pages are read by OCR and in which language.
    """
    if is_pdf(data):
        from aap_parser.sources.pdf import read_pdf

        return read_pdf(
            data,
            password=password,
            max_pages=max_pages,
            backend=backend,
            ocr=ocr,
            ocr_lang=ocr_lang,
        )
    if not data.strip():
        raise InputError("empty file: no announcement to read")
    decoded = decode_text(data)
    if looks_binary(decoded.text):
        raise InputError("neither a PDF nor a text announcement (binary content)")
    document = read_text(decoded.text, headers)
    if decoded.warnings:
        return SourceDocument(
            blocks=document.blocks,
            format=document.format,
            pages=document.pages,
            warnings=document.warnings + decoded.warnings,
        )
    return document


def announcement_lines(text: str) -> list[str]:
    """The lines a text announcement is read from (the letters a reader sees, split at line
    ends): the lines that provenance line numbers count."""
    return split_lines(readable(text))


def read_text(text: str, headers: HeaderTest) -> SourceDocument:
    """Read a text announcement: tab or pipe tables, else the space-aligned layout form
    (whose header rows ``headers`` recognises)."""
    lines = announcement_lines(text)
    document = read_delimited_text(lines)
    if any(isinstance(block, RawTable) for block in document.blocks):
        return document
    from aap_parser.sources.layout_text import looks_like_layout_text, read_layout_text

    if looks_like_layout_text(lines, headers):
        return read_layout_text(lines, headers)
    return document
