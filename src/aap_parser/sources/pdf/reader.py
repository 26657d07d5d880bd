"""Read a PDF into the raw document: open it with a backend, then assemble each page.

The backend (:mod:`.backends`) only reads characters and rules; this module does what is
the same for every backend: the typed errors for a file that cannot be opened or read, the
decompression-bomb guard and the page limit before any page is read, and the assembly of
each page into tables and text lines (words and lines, ruled then borderless tables).
Pages are read one at a time, so memory stays flat over long documents.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import lru_cache
from operator import itemgetter

from aap_parser.collector import collector_paused
from aap_parser.errors import (
    AapParseError,
    EncryptedPdfError,
    InputError,
    NoTextLayerError,
    TooLargeError,
)
from aap_parser.grid import Block, RawTable, SourceDocument, TextLine, running_key, running_lines
from aap_parser.sources.ocr.layer import OcrLayer
from aap_parser.sources.ocr.mode import OcrMode
from aap_parser.sources.pdf.backends import BACKENDS, DEFAULT_BACKEND, PdfBackend
from aap_parser.sources.pdf.borderless import find_borderless_tables
from aap_parser.sources.pdf.guard import check_pdf
from aap_parser.sources.pdf.ink import Box, Glyph, PageInk
from aap_parser.sources.pdf.lines import Line, build_lines, split_at_gaps
from aap_parser.sources.pdf.ruled import find_ruled_tables
from aap_parser.sources.pdf.turn import upright
from aap_parser.wording import readable

TEXT_GAP_EM = 3.0
"""Words on one baseline further apart than this many font sizes are separate text lines."""


@dataclass(slots=True)
class _Page:
    """What one page gave: its blocks in reading order and its size."""

    number: int
    height: float
    blocks: list[Block]


def _text_lines(line: Line, page: int) -> list[TextLine]:
    """A free line as one or more TextLines (cut at wide gaps, e.g. text left, date right)."""
    return [
        TextLine(
            text=piece.text,
            page=page,
            bbox=piece.bbox,
            bold=piece.bold,
            italic=piece.italic,
            size=round(piece.size, 2),
        )
        for piece in split_at_gaps(line, TEXT_GAP_EM * line.size)
    ]


_TEXT = itemgetter(0)
"""A glyph's text (its first field)."""

_readable = lru_cache(maxsize=1024)(readable)
"""``wording.readable`` remembered per glyph text: a page repeats a few dozen characters."""


def _readable_glyphs(glyphs: list[Glyph]) -> list[Glyph]:
    """The glyphs as a reader sees them: compatibility characters spelt out (ligatures,
    full-width forms, odd spaces), zero-width ones dropped; whichever backend read them."""
    texts = set(map(_TEXT, glyphs))
    changed = {text: seen for text in texts if (seen := _readable(text)) != text}
    if not changed:
        return glyphs  # the common page: every character reads as printed
    out: list[Glyph] = []
    for glyph in glyphs:
        text = changed.get(glyph.text)
        if text is None:
            out.append(glyph)
        elif text:
            out.append(glyph._replace(text=text))
    return out


def _printed_glyphs(ink: PageInk) -> list[Glyph]:
    """The glyphs a reader of the printed page sees, whichever backend read them.

    Text painted invisibly is left out, unless it is all the page's text (the OCR layer of a
    scanned page); so is text filled in white outside any shaded area (white on the white
    page), and text outside the crop box (cut off the printed page).
    """
    glyphs = ink.glyphs
    flagged = [glyph for glyph in glyphs if glyph[9] or glyph[10]]  # hidden or white
    if not flagged and ink.crop is None:
        return glyphs  # the common page: everything printed
    hidden = sum(glyph.hidden for glyph in flagged)
    if hidden and hidden < len(glyphs):
        glyphs = [glyph for glyph in glyphs if not glyph.hidden]
    if any(glyph.white for glyph in flagged):
        glyphs = [glyph for glyph in glyphs if not glyph.white or _shaded(glyph, ink.shades)]
    if ink.crop is not None:
        x0, top, x1, bottom = ink.crop
        glyphs = [g for g in glyphs if x0 <= g.cx <= x1 and top <= g.cy <= bottom]
    return glyphs


def _shaded(glyph: Glyph, shades: list[Box]) -> bool:
    """Whether a glyph's centre lies on an area shaded in some colour."""
    return any(x0 <= glyph.cx <= x1 and top <= glyph.cy <= bottom for x0, top, x1, bottom in shades)


def _assemble(ink: PageInk, number: int) -> _Page:
    """One page's blocks (tables and text lines, top to bottom)."""
    ink = upright(ink)
    glyphs = _readable_glyphs(_printed_glyphs(ink))
    tables, free = find_ruled_tables(ink.segments, glyphs, number)
    placed: list[tuple[float, Block]] = [(t.bbox.top if t.bbox else 0.0, t) for t in tables]
    rules = [(s.pos, s.lo, s.hi) for s in ink.segments if s.horizontal]
    for item in find_borderless_tables(build_lines(free), number, rules):
        if isinstance(item, RawTable):
            placed.append((item.bbox.top if item.bbox else 0.0, item))
        else:
            placed.extend((item.top, text) for text in _text_lines(item, number))
    placed.sort(key=lambda pair: pair[0])
    return _Page(number, ink.height, [block for _, block in placed])


def _top(block: Block) -> float | None:
    return block.bbox.top if block.bbox else None


def _bottom(block: Block) -> float | None:
    return block.bbox.bottom if block.bbox else None


def _below_page_top_text(page: _Page) -> list[Block]:
    """The page's blocks without the text above its first table, after the first page."""
    first = next((i for i, b in enumerate(page.blocks) if isinstance(b, RawTable)), 0)
    return page.blocks[first:] if page.number > 1 else page.blocks


def _mark_page_bottoms(pages: list[_Page]) -> None:
    """Flag tables whose last row ends at the page's lower text limit (row may continue).

    The lower limit mirrors the smallest top margin of the body seen in the document (a
    running header, a line printed alike on several pages, stands above the body); a table
    is cut by the page end when it ends within about one text line of that limit and no
    running text stands between it and the limit. The last page's tables cannot continue.
    Text above the table on a later page (a stamp, a reference number) does not count: it may
    stand in the top margin.
    """
    running = running_lines(b for p in pages for b in p.blocks if isinstance(b, TextLine))
    tops = [
        t
        for p in pages
        for b in _below_page_top_text(p)
        if (t := _top(b)) is not None
        and not (isinstance(b, TextLine) and running_key(b) in running)
    ]
    if not tops:
        return
    top_margin = min(tops)
    sizes = [b.size for p in pages for b in p.blocks if isinstance(b, TextLine) and b.size]
    slack = 1.4 * (statistics.median(sizes) if sizes else 10.0) + 2.0
    for page in pages[:-1]:
        limit = page.height - top_margin
        for idx, block in enumerate(page.blocks):
            bottom = _bottom(block)
            if not isinstance(block, RawTable) or bottom is None or bottom < limit - slack:
                continue
            below = [
                b
                for b in page.blocks[idx + 1 :]
                if (t := _top(b)) is not None and t < limit - slack
            ]
            if not below:
                page.blocks[idx] = replace(block, reaches_page_bottom=True)


@contextmanager
def _opened(
    data: bytes, password: str | None, backend: str, max_pages: int | None
) -> Iterator[PdfBackend]:
    """The document opened by the named backend, once the guard has passed it and its page
    count is within the limit, with any failure to open turned into a typed error."""
    if not data[:1024].lstrip().startswith(b"%PDF") and b"%PDF" not in data[:1024]:
        raise InputError("not a PDF file (no %PDF header)")
    opener = BACKENDS[backend]
    try:
        count = check_pdf(data, password)
    except AapParseError:
        raise
    except Exception as exc:  # PDF libraries raise many unrelated types
        raise _open_error(exc, password) from exc
    if count == 0:
        raise InputError("the PDF has no pages")
    if max_pages is not None and count > max_pages:
        raise TooLargeError(f"the PDF has {count} pages, more than the limit of {max_pages}")
    try:
        pdf = opener(data, password)
    except Exception as exc:
        raise _open_error(exc, password) from exc
    try:
        yield pdf
    finally:
        pdf.close()


def _open_error(exc: BaseException, password: str | None) -> AapParseError:
    """The typed error for a failure to open a PDF."""
    chain = [exc, *(e for e in (exc.__cause__, exc.__context__) if e is not None)]
    chain += [a for e in chain for a in getattr(e, "args", ()) if isinstance(a, BaseException)]
    names = " ".join(type(e).__name__ for e in chain)
    if "Password" in names or "Encrypt" in names or "password" in str(exc).lower():
        if password:
            return EncryptedPdfError("the PDF is encrypted and the password given is wrong")
        return EncryptedPdfError(
            "the PDF is encrypted: a password is needed"
            " (--password on the command line, password= in Python)"
        )
    root = next((e for e in reversed(chain) if type(e).__name__ != "PdfminerException"), exc)
    return InputError(f"corrupt or truncated PDF ({type(root).__name__})")


def read_pdf(
    data: bytes,
    *,
    password: str | None = None,
    max_pages: int | None = None,
    backend: str | None = None,
    ocr: OcrMode = "auto",
    ocr_lang: str = "fra",
) -> SourceDocument:
    """Read an announcement PDF into running text lines and raw tables, in reading order,
    its characters and rules read by the named backend (see :data:`.backends.BACKENDS`),
    or by OCR in language ``ocr_lang`` for the pages ``ocr`` selects: those without text
    (``auto``), all (``always``) or none (``never``)."""
    pages: list[_Page] = []
    total_chars = 0
    with (
        _opened(data, password, backend or DEFAULT_BACKEND, max_pages) as pdf,
        OcrLayer(data, password, ocr, ocr_lang) as scans,
    ):
        try:
            count = pdf.page_count()
        except Exception as exc:
            raise _open_error(exc, password) from exc
        if count == 0:
            raise InputError("the PDF has no pages")
        inks = pdf.pages()
        for number in range(1, count + 1):
            try:
                with collector_paused():  # thousands of glyphs, none in a cycle
                    ink = scans.page(number - 1, next(inks))
                    total_chars += len(ink.glyphs)
                    pages.append(_assemble(ink, number))
                    del ink  # freed now: the collector, back on, never walks the glyphs
            except AapParseError:
                raise
            except Exception as exc:
                raise InputError(
                    f"corrupt or truncated PDF ({type(exc).__name__})", page=number
                ) from exc
    if total_chars == 0:
        raise NoTextLayerError(scans.no_text_reason())
    _mark_page_bottoms(pages)
    blocks = tuple(block for page in pages for block in page.blocks)
    return SourceDocument(
        blocks=blocks,
        format="pdf-ocr" if scans.pages_read else "pdf",
        pages=len(pages),
        doubts=tuple(scans.doubts),
    )
