"""PDF source reader: announcement PDFs to a :class:`aap_parser.grid.SourceDocument`."""

from aap_parser.sources.pdf.reader import read_pdf

__all__ = ["read_pdf"]
