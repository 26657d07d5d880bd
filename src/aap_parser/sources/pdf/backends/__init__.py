"""PDF backends: the libraries that read a page's characters and rules, by name."""

from __future__ import annotations

from collections.abc import Callable

from aap_parser.sources.pdf.backends.base import PdfBackend
from aap_parser.sources.pdf.backends.pdfium import PdfiumBackend


def _pdfminer(data: bytes, password: str | None) -> PdfBackend:
    """The pdfminer backend, imported when chosen: a run with the default one never loads
    pdfplumber."""
    from aap_parser.sources.pdf.backends.pdfminer import PdfminerBackend

    return PdfminerBackend(data, password)


BACKENDS: dict[str, Callable[[bytes, str | None], PdfBackend]] = {
    "pdfium": PdfiumBackend,
    "pdfminer": _pdfminer,
}
"""Every backend by the name the CLI and ``parse(..., backend=...)`` accept: a class (or a
function importing it) that opens the PDF's bytes with a password."""

DEFAULT_BACKEND = "pdfium"

__all__ = ["BACKENDS", "DEFAULT_BACKEND", "PdfBackend"]
