"""PDF pages as embedded JPEG images, rendered with pypdfium2 (the review's only renderer).

pypdfium2 comes with pdfplumber; it is imported here, on first use, so that a run without a
review never loads it.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator
from dataclasses import dataclass

from aap_parser.errors import InputError

DPI = 100
"""Rendering resolution: text stays legible and a 10-page review stays under 3 MB."""

JPEG_QUALITY = 70
"""JPEG quality: printed text stays sharp enough to read at 100 dpi."""


@dataclass(frozen=True, slots=True)
class PageImage:
    """One rendered page: its size in PDF points and the image as a ``data:`` URI."""

    number: int
    width: float
    height: float
    pixels: tuple[int, int]
    uri: str


def render_pages(
    data: bytes, *, password: str | None = None, dpi: int = DPI
) -> Iterator[PageImage]:
    """Render each page of a PDF to a JPEG ``data:`` URI, first page first."""
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(data, password=password)
    except pypdfium2.PdfiumError as error:
        raise InputError(f"cannot render the PDF for review ({error})") from None
    try:
        for number in range(1, len(pdf) + 1):
            page = pdf[number - 1]
            try:
                width, height = page.get_size()
                bitmap = page.render(scale=dpi / 72)
                image = bitmap.to_pil().convert("RGB")
                buffer = io.BytesIO()
                image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
                encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
                yield PageImage(
                    number, width, height, image.size, f"data:image/jpeg;base64,{encoded}"
                )
            finally:
                page.close()
    finally:
        pdf.close()
