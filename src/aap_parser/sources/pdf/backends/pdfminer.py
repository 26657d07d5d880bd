"""The pdfminer backend (through pdfplumber's page objects): characters and rules of each page.

pdfminer's layout tree is walked once per page (not through pdfplumber's per-object
dictionaries, which cost the most; see :mod:`.pdfminer_layout`), and each page's cache is
flushed once it has been read. pdfplumber is imported only when this backend is chosen.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import suppress

from aap_parser.sources.pdf.ink import PageInk


class PdfminerBackend:
    """A PDF read by pdfminer.six (see :class:`~.base.PdfBackend`)."""

    def __init__(self, data: bytes, password: str | None) -> None:
        import pdfplumber  # here: a run with the default backend never loads pdfplumber

        self._pdf = pdfplumber.open(io.BytesIO(data), password=password)

    def page_count(self) -> int:
        """How many pages the page tree lists."""
        return len(self._pdf.pages)

    def pages(self) -> Iterator[PageInk]:
        """Each page's ink; the page's caches are flushed once it has been read."""
        from aap_parser.sources.pdf.backends.pdfminer_layout import page_ink

        for page in self._pdf.pages:
            try:
                yield page_ink(page)
            finally:
                with suppress(Exception):
                    page.close()  # only flushes caches: never worth masking the result

    def close(self) -> None:
        """Close the document; close() lists the pages again, which may raise on a broken
        page tree and would mask the typed error already on its way out."""
        with suppress(Exception):
            self._pdf.close()
