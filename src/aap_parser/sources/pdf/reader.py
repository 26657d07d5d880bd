"""Open a PDF, read each page's characters and rules once, and assemble the raw document.

This is the boundary with pdfplumber/pdfminer: their exceptions become typed
``AapParseError``s here, and each page's cache is flushed as soon as it has been read so
that memory stays flat over long documents.
"""

from __future__ import annotations

import io
import itertools
import math
import re
import statistics
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import pdfplumber
from pdfminer.layout import LTChar, LTContainer, LTCurve, LTLine, LTRect

from aap_parser.errors import (
    AapParseError,
    EncryptedPdfError,
    InputError,
    NoTextLayerError,
    TooLargeError,
)
from aap_parser.grid import Block, Doubt, RawTable, SourceDocument, TextLine
from aap_parser.sources.ocr.mode import OcrMode
from aap_parser.sources.pdf.borderless import find_borderless_tables
from aap_parser.sources.pdf.guard import check_streams
from aap_parser.sources.pdf.lines import Glyph, Line, build_lines, split_at_gaps
from aap_parser.sources.pdf.ruled import Segment, find_ruled_tables, rule_segments

TEXT_GAP_EM = 3.0
"""Words on one baseline further apart than this many font sizes are separate text lines."""

_BOLD = re.compile(r"bold|black|heavy|semibold|demi|,b$|-b$", re.IGNORECASE)
_ITALIC = re.compile(r"italic|oblique|-it$|,i$|-i$", re.IGNORECASE)


@lru_cache(maxsize=256)
def font_style(fontname: str) -> tuple[bool, bool]:
    """Bold and italic flags read from a font name (subset prefix ignored)."""
    name = fontname.split("+", 1)[-1]
    return bool(_BOLD.search(name)), bool(_ITALIC.search(name))


@dataclass(slots=True)
class _Ink:
    """Everything printed on one page that the readers use: characters and rules."""

    glyphs: list[Glyph]
    segments: list[Segment]


def _collect(page: Any) -> _Ink:
    """Walk pdfminer's layout of the page once (no per-object dicts, which cost the most).

    Characters of zero (or negative, or NaN) size are invisible and skipped, as is anything
    placed at a non-finite position. Coordinates follow pdfplumber's: top-left origin,
    shifted by the media box origin.
    """
    height = float(page.height)
    mb_x0, mb_top = float(page.mediabox[0]), float(page.mediabox[1])
    ink = _Ink([], [])

    def flip(y: float) -> float:
        return height - y + mb_top

    def walk(objects: Any) -> None:
        for obj in objects:
            if isinstance(obj, LTChar):
                text = obj.get_text()
                if not text or not obj.size > 0:
                    continue  # zero-size (invisible) text is not part of the announcement
                if not math.isfinite(obj.x0 + obj.x1 + obj.y0 + obj.y1 + obj.matrix[5]):
                    continue  # placed at infinity by a hostile matrix: not on the page
                bold, italic = font_style(str(obj.fontname))
                baseline = flip(obj.matrix[5]) if obj.upright else flip(obj.y0)
                ink.glyphs.append(
                    Glyph(
                        text,
                        obj.x0 + mb_x0,
                        obj.x1 + mb_x0,
                        flip(obj.y1),
                        flip(obj.y0),
                        baseline,
                        float(obj.size),
                        bold,
                        italic,
                    )
                )
            elif not math.isfinite(obj.x0 + obj.x1 + obj.y0 + obj.y1):
                continue  # a shape placed at infinity draws nothing on the page
            elif isinstance(obj, (LTLine, LTRect)):
                ink.segments += rule_segments(
                    obj.x0 + mb_x0,
                    flip(obj.y1),
                    obj.x1 + mb_x0,
                    flip(obj.y0),
                    stroked=isinstance(obj, LTRect) and bool(obj.stroke),
                )
            elif isinstance(obj, LTCurve):
                if obj.stroke:
                    points = [(x + mb_x0, flip(y)) for x, y in obj.pts]
                    for (ax, ay), (bx, by) in itertools.pairwise(points):
                        ink.segments += rule_segments(
                            min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)
                        )
            elif isinstance(obj, LTContainer):
                walk(obj)

    walk(page.layout)
    return ink


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


def _read_page(page: Any, number: int, ink: _Ink) -> _Page:
    """One page's blocks (tables and text lines, top to bottom) from its characters and rules."""
    tables, free = find_ruled_tables(ink.segments, ink.glyphs, number)
    placed: list[tuple[float, Block]] = [(t.bbox.top if t.bbox else 0.0, t) for t in tables]
    rules = [(s.pos, s.lo, s.hi) for s in ink.segments if s.horizontal]
    for item in find_borderless_tables(build_lines(free), number, rules):
        if isinstance(item, RawTable):
            placed.append((item.bbox.top if item.bbox else 0.0, item))
        else:
            placed.extend((item.top, text) for text in _text_lines(item, number))
    placed.sort(key=lambda pair: pair[0])
    return _Page(number, float(page.height), [block for _, block in placed])


def _top(block: Block) -> float | None:
    return block.bbox.top if block.bbox else None


def _bottom(block: Block) -> float | None:
    return block.bbox.bottom if block.bbox else None


def _line_key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()).lower())


def _running_lines(pages: list[_Page]) -> set[str]:
    """Text lines printed on two pages or more (page numbers aside): running headers/footers."""
    pages_of: dict[str, set[int]] = {}
    for page in pages:
        for block in page.blocks:
            if isinstance(block, TextLine):
                pages_of.setdefault(_line_key(block.text), set()).add(page.number)
    return {key for key, seen in pages_of.items() if len(seen) >= 2}


def _mark_page_bottoms(pages: list[_Page]) -> None:
    """Flag tables whose last row ends at the page's lower text limit (row may continue).

    The lower limit mirrors the smallest top margin of the body seen in the document (a
    running header, a line printed alike on several pages, stands above the body); a table
    is cut by the page end when it ends within about one text line of that limit and no
    running text stands between it and the limit. The last page's tables cannot continue.
    """
    running = _running_lines(pages)
    tops = [
        t
        for p in pages
        for b in p.blocks
        if (t := _top(b)) is not None
        and not (isinstance(b, TextLine) and _line_key(b.text) in running)
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
def _opened(data: bytes, password: str | None) -> Iterator[Any]:
    """pdfplumber's document, with its open errors turned into typed errors."""
    if not data[:1024].lstrip().startswith(b"%PDF") and b"%PDF" not in data[:1024]:
        raise InputError("not a PDF file (no %PDF header)")
    try:
        pdf = pdfplumber.open(io.BytesIO(data), password=password)
    except Exception as exc:  # pdfminer raises many unrelated types
        raise _open_error(exc, password) from exc
    try:
        yield pdf
    finally:
        # close() lists the pages again: on a broken page tree it raises anew and would
        # mask the typed error already on its way out.
        with suppress(Exception):
            pdf.close()


def _open_error(exc: BaseException, password: str | None) -> AapParseError:
    """The typed error for a failure to open a PDF."""
    chain = [exc, *(e for e in (exc.__cause__, exc.__context__) if e is not None)]
    chain += [a for e in chain for a in getattr(e, "args", ()) if isinstance(a, BaseException)]
    names = " ".join(type(e).__name__ for e in chain)
    if "Password" in names or "Encrypt" in names:
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
    ocr: OcrMode = "auto",
    ocr_lang: str = "fra",
) -> SourceDocument:
    """Read an announcement PDF into running text lines and raw tables, in reading order.

    ``ocr`` says which pages are read by OCR: those without text (``auto``), all, or none.
    """
    pages: list[_Page] = []
    total_chars = 0
    with _opened(data, password) as pdf, _Ocr(data, password, ocr, ocr_lang) as scans:
        try:
            count = len(pdf.pages)
            check_streams(pdf.doc)
        except AapParseError:
            raise
        except Exception as exc:
            raise _open_error(exc, password) from exc
        if count == 0:
            raise InputError("the PDF has no pages")
        if max_pages is not None and count > max_pages:
            raise TooLargeError(f"the PDF has {count} pages, more than the limit of {max_pages}")
        for number, page in enumerate(pdf.pages, start=1):
            try:
                ink = scans.ink(number) if ocr == "always" else _collect(page)
                if ocr == "auto" and not ink.glyphs and scans.can_read:
                    ink = scans.ink(number)
                parsed = _read_page(page, number, ink)
            except AapParseError:
                raise
            except Exception as exc:
                raise InputError(
                    f"corrupt or truncated PDF ({type(exc).__name__})", page=number
                ) from exc
            finally:
                with suppress(Exception):
                    page.close()  # only flushes caches: never worth masking the result
            total_chars += len(ink.glyphs)
            pages.append(parsed)
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


class _Ocr:
    """The OCR side of one PDF: opened on first use, pages read one at a time, timings kept."""

    def __init__(self, data: bytes, password: str | None, mode: OcrMode, lang: str) -> None:
        self._data, self._password, self.mode, self.lang = data, password, mode, lang
        self._stack = ExitStack()
        self._scanner: Any = None
        self.pages_read = 0
        self.doubts: list[Doubt] = []
        self.seconds: dict[str, float] = {}

    def __enter__(self) -> _Ocr:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    @property
    def can_read(self) -> bool:
        """Whether OCR is allowed and Tesseract is installed."""
        if self.mode == "never":
            return False
        from aap_parser.sources.ocr.tesseract import tesseract_path

        return tesseract_path() is not None

    def ink(self, number: int) -> _Ink:
        """Page ``number`` (1-based) read by OCR."""
        from aap_parser.sources.ocr.page import scanner
        from aap_parser.sources.ocr.tesseract import INSTALL_HINT

        if not self.can_read:
            raise NoTextLayerError(f"OCR needs Tesseract: {INSTALL_HINT}")
        if self._scanner is None:
            self._scanner = self._stack.enter_context(
                scanner(self._data, password=self._password, lang=self.lang)
            )
        page = self._scanner.read(number - 1)
        self.pages_read += 1
        self.doubts += page.doubts
        for step, seconds in page.seconds.items():
            self.seconds[step] = self.seconds.get(step, 0.0) + seconds
        return _Ink(page.glyphs, page.segments)

    def no_text_reason(self) -> str:
        """Why the document gave no text: no text layer, and OCR off, missing or fruitless."""
        from aap_parser.sources.ocr.tesseract import INSTALL_HINT

        if self.pages_read:
            return "the PDF has no text layer and OCR found no text on its pages"
        scanned = "the PDF has no text layer (it looks scanned)"
        if self.mode == "never":
            return f"{scanned}: OCR is off (--ocr never)"
        return f"{scanned} and OCR needs Tesseract: {INSTALL_HINT}"
