"""Where a spec's rows landed in a PDF printed by an outside producer (LibreOffice, WeasyPrint).

Those producers do not report their page breaks, so the PDF is read back: its characters in
content-stream order, spaces dropped, form one string in which every cell's text appears in
table order (a cell broken across pages is interrupted by the next page's running text and
repeated header). Each row is the page of its first cell's start; it is broken when one of its
cells ends on a later page.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pdfplumber

from .spec import AnnouncementSpec, SpecError


@dataclass(frozen=True)
class Placement:
    """Pages of a PDF, pages of each table, the page of each row, the rows broken by a page."""

    pages: int
    table_pages: list[list[int]]
    row_pages: list[int | None]
    broken_rows: list[int]


def _stream(data: bytes) -> tuple[str, list[int], int]:
    """The PDF's characters without spaces, the page of each, and the page count."""
    chars: list[str] = []
    pages: list[int] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            for ch in page.chars:
                for c in ch["text"]:
                    if not c.isspace():
                        chars.append(c)
                        pages.append(number)
        count = len(pdf.pages)
    return "".join(chars), pages, count


def _find(stream: str, page_of: list[int], text: str, start: int) -> tuple[int, int, int]:
    """Start, end of the first piece and end of ``text``'s earliest occurrence at or after
    ``start``, whole or broken once by a page break (the two pieces on different pages)."""
    best: tuple[int, int, int] | None = None
    at = stream.find(text, start)
    if at >= 0:
        best = (at, at + len(text), at + len(text))
    for cut in range(len(text) - 1, 0, -1):
        at = stream.find(text[:cut], start)
        if at < 0 or (best is not None and at >= best[0]):
            continue
        rest = stream.find(text[cut:], at + cut)
        if rest >= 0 and page_of[rest] > page_of[at + cut - 1]:
            best = (at, at + cut, rest + len(text) - cut)
    if best is None:
        raise SpecError(f"cell text {text!r} not found in the PDF")
    return best


def locate(spec: AnnouncementSpec, data: bytes) -> Placement:
    """Read back where each table and row of ``spec`` landed in the PDF ``data``."""
    stream, page_of, count = _stream(data)
    cursor = 0
    table_pages: list[list[int]] = []
    row_pages: list[int | None] = []
    broken: list[int] = []
    for t in spec.tables:
        head_start, _, cursor = _find(stream, page_of, "".join(t.columns[-1].split()), cursor)
        pages = {page_of[head_start]}
        for row in t.rows:
            first: int | None = None
            last = 0
            row_end = cursor
            for role, cell in zip(t.roles, row.cells, strict=True):
                text = "".join(cell.split())
                if not text or role in t.merge:
                    continue
                start, piece_end, end = _find(stream, page_of, text, cursor)
                first = page_of[start] if first is None else first
                last = max(last, page_of[end - 1])
                cursor, row_end = piece_end, max(row_end, end)
            cursor = row_end
            row_pages.append(first)
            if first is not None:
                pages.update(range(first, last + 1))
                if last > first:
                    broken.append(len(row_pages) - 1)
        table_pages.append(sorted(pages))
    return Placement(count, table_pages, row_pages, broken)
