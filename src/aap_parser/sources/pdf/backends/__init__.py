"""PDF backends: the libraries that read a page's characters and rules, by name."""

from __future__ import annotations

from aap_parser.sources.pdf.backends.base import PdfBackend
from aap_parser.sources.pdf.backends.pdfium import PdfiumBackend
from aap_parser.sources.pdf.backends.pdfminer import PdfminerBackend

BACKENDS: dict[str, type[PdfBackend]] = {
    "pdfium": PdfiumBackend,
    "pdfminer": PdfminerBackend,
}
"""Every backend by the name the CLI and ``parse(..., backend=...)`` accept."""

DEFAULT_BACKEND = "pdfium"

__all__ = ["BACKENDS", "DEFAULT_BACKEND", "PdfBackend"]
