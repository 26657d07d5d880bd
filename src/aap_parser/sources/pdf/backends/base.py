"""The interface every PDF backend implements, and the registry that names them.

A backend opens a PDF's bytes and reads each page's :class:`~aap_parser.sources.pdf.ink.PageInk`
(characters and rules); it never builds words or tables. Adding a backend is one class
implementing :class:`PdfBackend` and one line in :data:`aap_parser.sources.pdf.backends.BACKENDS`.
Its exceptions need no care: the reader turns any failure to open or read into a typed error,
and checks the decompression-bomb guard and the page limit before any page is read.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from aap_parser.sources.pdf.ink import PageInk


class PdfBackend(Protocol):
    """One open PDF, read page by page by some PDF library."""

    def __init__(self, data: bytes, password: str | None) -> None:
        """Open the document (raising whatever the library raises on a bad file)."""

    def page_count(self) -> int:
        """How many pages the document has."""

    def pages(self) -> Iterator[PageInk]:
        """Each page's ink in order, each page released as soon as it has been read."""

    def close(self) -> None:
        """Release the document (must not raise)."""
