"""The pypdfium2 backend: each page's characters and rules read through PDFium's C API.

PDFium reads a page's glyph geometry several times faster than pdfminer. Its answers are
brought to pdfminer's conventions, so that both backends give the same ink:

1. Characters PDFium generates (spaces and line breaks it infers) are skipped, and a
   line-end hyphen it reports as U+0002 (U+FFFE in the page's text) is the hyphen printed.
2. A ligature (one glyph, "ﬁ") comes as its letters, each with the glyph's box: letters
   one after the other with the very same box are one glyph again, else the
   duplicate-glyph filter would drop a letter ("Kaffrine" -> "Kafrine").
3. The font size PDFium reports ignores the transformation matrices: it is multiplied by
   the character matrix's vertical scale. A glyph's box runs from its origin and advance
   (PDFium's loose box) horizontally, and from the font's descent to descent + size
   vertically around its baseline (its origin's height), as pdfminer boxes it.
4. PDFium gives coordinates in user space, unrotated: the media box origin is applied
   here as pdfminer applies it, and the page's /Rotate flag is not (the page as drawn:
   page assembly turns a page whose text runs sideways, whichever backend read it).
   What page assembly needs to leave unprinted text out is reported too: text painted
   invisibly (render mode 3 or 7), filled in white, the crop box and shaded areas.
5. Rules are path objects, their points taken through the path's matrix and those of
   the forms (XObjects) holding it; each subpath is a line, a rectangle or a polyline
   as pdfminer classifies it (only the end point of a curve segment counts).
6. Each character costs one call (its box; a space or line break one more, once per
   page, to tell one PDFium generated), everything else is asked once per run of one
   text object's characters: where a run ends is found by asking a few characters'
   objects (first the last one before the next generated character, where one object
   usually ends, then bisecting: a text object's characters follow one another unless
   PDFium reordered right-to-left text, where each character's object is asked), and the
   baseline is read once for a run whose matrix keeps it level (else per character).
"""

from __future__ import annotations

import ctypes
import itertools
import math
import re
import struct
import unicodedata
from collections.abc import Iterator
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as c

from aap_parser.sources.pdf.ink import (
    Box,
    Glyph,
    PageInk,
    Segment,
    font_style,
    rule_segments,
    with_text,
)

Matrix = tuple[float, float, float, float, float, float]

_LINE_END_HYPHEN = ("\x02", "\ufffe")
"""How PDFium reports a hyphen printed at a line end (per character, in the page's text)."""
_INVISIBLE = (3, 7)
"""Text render modes that paint nothing (7 adds the text to the clipping path)."""
_BOXES = ("mlh", "ml", "mlllh", "mllll")
"""Subpath shapes pdfminer reads as lines or rectangles (a filled one may be shading)."""


def _binding(name: str, *, handles: int, returns_handle: bool) -> Any:
    """A private binding of a PDFium function whose first ``handles`` arguments (and result,
    if ``returns_handle``) are handles passed as plain ints, so that handles compare and
    hash cheaply (pypdfium2's own bindings wrap each in a new pointer object)."""
    public = getattr(c, name)
    prototype = ctypes.CFUNCTYPE(
        ctypes.c_void_p if returns_handle else public.restype,
        *([ctypes.c_void_p] * handles + list(public.argtypes[handles:])),
    )
    return prototype(ctypes.cast(public, ctypes.c_void_p).value or 0)


_font_name = _binding("FPDFFont_GetBaseFontName", handles=1, returns_handle=False)
_font_descent = _binding("FPDFFont_GetDescent", handles=1, returns_handle=False)



def _unconverted(name: str, restype: Any) -> Any:
    """A PDFium function called with its arguments as given, unconverted (ready ctypes
    handles and references, plain ints): half the cost of a call through pypdfium2's
    prototypes, for the calls made once per character."""
    address = ctypes.cast(getattr(c, name), ctypes.c_void_p).value or 0
    function: Any = ctypes.CFUNCTYPE(restype)(address)
    function.argtypes = None
    return function


_char_object = _unconverted("FPDFText_GetTextObject", ctypes.c_void_p)
_render_mode = _unconverted("FPDFTextObj_GetTextRenderMode", ctypes.c_int)
_fill_colour = _unconverted("FPDFPageObj_GetFillColor", ctypes.c_int)
_text_object_font = _unconverted("FPDFTextObj_GetFont", ctypes.c_void_p)
_char_origin = _unconverted("FPDFText_GetCharOrigin", ctypes.c_int)
_loose_box = _unconverted("FPDFText_GetLooseCharBox", ctypes.c_int)
_is_generated = _unconverted("FPDFText_IsGenerated", ctypes.c_int)
_char_matrix = _unconverted("FPDFText_GetMatrix", ctypes.c_int)
_char_font_size = _unconverted("FPDFText_GetFontSize", ctypes.c_double)


class _Handle(ctypes.c_void_p):
    """A PDFium handle returned as it is (a plain ``c_void_p`` result becomes an int, which
    an unconverted call would pass truncated)."""


_object_type = _unconverted("FPDFPageObj_GetType", ctypes.c_int)
_page_object = _unconverted("FPDFPage_GetObject", _Handle)
_form_object_count = _unconverted("FPDFFormObj_CountObjects", ctypes.c_int)
_form_object = _unconverted("FPDFFormObj_GetObject", _Handle)
_object_matrix = _unconverted("FPDFPageObj_GetMatrix", ctypes.c_int)
_draw_mode = _unconverted("FPDFPath_GetDrawMode", ctypes.c_int)
_segment_count = _unconverted("FPDFPath_CountSegments", ctypes.c_int)
_segment = _unconverted("FPDFPath_GetPathSegment", _Handle)
_segment_type = _unconverted("FPDFPathSegment_GetType", ctypes.c_int)
_segment_point = _unconverted("FPDFPathSegment_GetPoint", ctypes.c_int)
_segment_closes = _unconverted("FPDFPathSegment_GetClose", ctypes.c_int)
_POINT = struct.Struct("=2f")
"""A path point as PDFium writes it (x, y: floats)."""
_BOX = struct.Struct("=4f")
"""A character's loose box (left, top, right, bottom: an FS_RECTF) as PDFium writes it."""
_ORIGIN = struct.Struct("=2d")
"""A character's origin (x, y: doubles) as PDFium writes it."""

_MOVE, _LINE, _BEZIER = c.FPDF_SEGMENT_MOVETO, c.FPDF_SEGMENT_LINETO, c.FPDF_SEGMENT_BEZIERTO


def _multiply(m: Matrix, n: Matrix) -> Matrix:
    """The matrix applying ``m`` then ``n`` (PDF row-vector convention)."""
    a, b, c_, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c_ * a2 + d * c2,
        c_ * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _page_matrix(box: tuple[float, float, float, float]) -> Matrix:
    """pdfminer's page matrix for a page read as drawn: the media box origin moved to 0."""
    x0, y0, _, _ = box
    return (1, 0, 0, 1, -x0, -y0)


class PdfiumBackend:
    """A PDF read by PDFium through pypdfium2 (see :class:`~.base.PdfBackend`)."""

    def __init__(self, data: bytes, password: str | None) -> None:
        self._pdf = pdfium.PdfDocument(data, password=password)
        self._right_to_left = _reads_right_to_left(self._pdf.raw)

    def page_count(self) -> int:
        """How many pages the document has."""
        return len(self._pdf)

    def pages(self) -> Iterator[PageInk]:
        """Each page's ink, the page closed once read (through PDFium's own calls: pypdfium2's
        page objects would each register a finalizer the reader never needs)."""
        for index in range(len(self._pdf)):
            page = c.FPDF_LoadPage(self._pdf, index)
            if not page:
                raise pdfium.PdfiumError(f"Failed to load page {index + 1}.")
            try:
                yield _Page(page, self._right_to_left).ink()
            finally:
                c.FPDF_ClosePage(page)

    def close(self) -> None:
        """Close the document."""
        self._pdf.close()


class _Page:
    """One page's reading: its geometry and per-font facts kept while it is read."""

    def __init__(self, page: Any, right_to_left: bool) -> None:
        self.page = page  # PDFium's page handle (FPDF_PAGE)
        self.right_to_left = right_to_left
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        if not c.FPDFPage_GetMediaBox(page, left, bottom, right, top):
            raise ValueError("the page has no media box")  # required: a broken page
        media = (left.value, bottom.value, right.value, top.value)
        x0, x1 = sorted(media[0::2])
        y0, y1 = sorted(media[1::2])
        self.matrix = _page_matrix(media)
        # pdfplumber's page box: x shifted back by the box's left, y flipped at its height.
        self.height = y1 - y0
        self.width = x1 - x0
        self.x_shift = x0
        self.y_shift = -y0
        self.crop = self._crop(page, media)
        self._fonts: dict[int, tuple[bool, bool, float]] = {}
        self._colour = _FillColour()
        self._matrix = c.FS_MATRIX()
        self._modes = (ctypes.c_int(), ctypes.c_int())
        self._mode_refs = tuple(ctypes.byref(mode) for mode in self._modes)
        self._point = ctypes.create_string_buffer(_POINT.size)
        self._point_refs = (ctypes.byref(self._point, 0), ctypes.byref(self._point, 4))

    def _crop(self, raw: Any, media: tuple[float, float, float, float]) -> Box | None:
        """The crop box in page points, when the page has one that hides part of it."""
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        if not c.FPDFPage_GetCropBox(raw, left, bottom, right, top):
            return None
        box = (left.value, bottom.value, right.value, top.value)
        if box == media or not all(math.isfinite(v) for v in box):
            return None
        ax, ay = _apply(self.matrix, box[0], box[1])
        bx, by = _apply(self.matrix, box[2], box[3])
        return (
            min(ax, bx) + self.x_shift,
            self.flip(max(ay, by)),
            max(ax, bx) + self.x_shift,
            self.flip(min(ay, by)),
        )

    def flip(self, y: float) -> float:
        return self.height - y + self.y_shift

    def ink(self) -> PageInk:
        ink = PageInk(self.height, [], [], self.crop, [], self.width)
        textpage = c.FPDFText_LoadPage(self.page)
        if not textpage:
            raise pdfium.PdfiumError("Failed to load the page's text.")
        try:
            ink.glyphs = self._glyphs(textpage)
        finally:
            c.FPDFText_ClosePage(textpage)
        page = ctypes.c_void_p(ctypes.cast(self.page, ctypes.c_void_p).value)  # unconverted
        drawing = (c.FPDF_PAGEOBJ_PATH, c.FPDF_PAGEOBJ_FORM)
        for index in range(c.FPDFPage_CountObjects(self.page)):
            obj = _page_object(page, index)
            if _object_type(obj) in drawing:  # most objects are text: asked once here
                self._rules(obj, self.matrix, ink)
        return ink

    def _font(self, obj: ctypes.c_void_p) -> tuple[bool, bool, float]:
        """Bold, italic and descent (per unit of size) of a text object's font."""
        font = _text_object_font(obj)
        known = self._fonts.get(font)
        if known is None:
            size = _font_name(font, None, 0)
            buffer = ctypes.create_string_buffer(max(size, 1))
            _font_name(font, buffer, size)
            name = buffer.value.decode("utf-8", "replace")
            descent = ctypes.c_float()
            _font_descent(font, 1000.0, descent)
            known = (*font_style(name), descent.value / 1000.0)
            self._fonts[font] = known
        return known

    def _glyphs(self, tp: Any) -> list[Glyph]:
        """The page's glyphs in PDFium's order (the content stream's), per points 1-3 and 6
        of the module docstring. PDFium is asked once per run of one text object's
        characters for what holds for all of them (font, size, matrix, and the baseline
        where it is level), and once per character (its box), through the unconverted
        bindings; a run whose baseline may vary is read with each character's origin."""
        count = c.FPDFText_CountChars(tp)
        glyphs: list[Glyph] = []
        if count <= 0:
            return glyphs
        text = _page_text(tp, count)
        handle = ctypes.c_void_p(ctypes.cast(tp, ctypes.c_void_p).value)
        box = ctypes.create_string_buffer(_BOX.size)
        at_box = ctypes.byref(box)
        unpack = _BOX.unpack_from
        generated = _generated_indices(handle, text)
        origin = _Origin(handle, generated)
        matrix = c.FS_MATRIX()
        at_matrix = ctypes.byref(matrix)
        # From PDFium's user space to top-left page points: pdfminer's page matrix, then
        # pdfplumber's shift and flip (the page matrix only moves: x and y stay apart).
        _, _, _, d, e, f = self.matrix
        e += self.x_shift
        f = -f + self.height + self.y_shift
        d = -d
        last_box: tuple[float, ...] | None = None  # the last glyph's box
        top = bottom = base = vertical = 0.0  # the glyph's heights, and their sum's check
        append = glyphs.append
        for start, stop, obj in _object_runs(handle, text, generated, self.right_to_left):
            bold = italic = hidden = white = False
            descent = 0.0
            if obj:
                held_by = ctypes.c_void_p(obj)  # a handle: an unconverted call takes no int
                bold, italic, descent = self._font(held_by)
                hidden = _render_mode(held_by) in _INVISIBLE
                white = self._colour.white(held_by)
            _char_matrix(handle, start, at_matrix)
            # The page matrix only moves: the character matrix alone scales and turns.
            ma, mb, mc, md = matrix.a, matrix.b, matrix.c, matrix.d
            size = _char_font_size(handle, start) * math.hypot(mc, md)
            upright = ma * md > 0 and mb * mc <= 0
            level = origin.level(start, stop, matrix)
            if level is not None:  # the run's glyphs share their heights (one float each)
                top, bottom, base, vertical = _heights(d * level + f, descent, size, upright)
            for index in range(start, stop):
                char = text[index]
                if index in generated:
                    last_box = None
                    continue
                _loose_box(handle, index, at_box)
                glyph_box = unpack(box)
                if glyph_box == last_box and glyphs:
                    # One glyph printed as several letters (a ligature): one glyph again.
                    prev = glyphs[-1]
                    glyphs[-1] = with_text(prev, prev[0] + char)
                    continue
                last_box = glyph_box
                if not size > 0:
                    continue
                x0 = glyph_box[0] + e  # left and right: the page matrix only moves
                x1 = glyph_box[2] + e
                if level is None:
                    baseline = d * origin.y(index) + f
                    top, bottom, base, vertical = _heights(baseline, descent, size, upright)
                finite = x0 + x1 + vertical
                if finite - finite != 0.0:
                    continue  # an infinity or NaN somewhere (math.isfinite, without a call)
                if x1 < x0:
                    x0, x1 = x1, x0
                append((char, x0, x1, top, bottom, base, size, bold, italic, hidden, white))
        return glyphs

    def _rules(self, obj: Any, outer: Matrix, ink: PageInk) -> None:
        """The rules and shaded areas a page object draws (a form: those of its objects,
        through its matrix)."""
        kind = _object_type(obj)
        if kind not in (c.FPDF_PAGEOBJ_PATH, c.FPDF_PAGEOBJ_FORM):
            return
        m = self._matrix
        own: Matrix = (1, 0, 0, 1, 0, 0)
        if _object_matrix(obj, ctypes.byref(m)):
            own = (m.a, m.b, m.c, m.d, m.e, m.f)
        whole = _multiply(own, outer)
        if kind == c.FPDF_PAGEOBJ_FORM:
            for index in range(_form_object_count(obj)):
                self._rules(_form_object(obj, ctypes.c_ulong(index)), whole, ink)
            return
        fill, stroke = self._modes
        if not _draw_mode(obj, *self._mode_refs) or not (fill.value or stroke.value):
            return
        shaded = bool(fill.value) and not self._colour.white(obj)
        for shape, points in self._subpaths(obj, whole):
            if shaded and shape in _BOXES and all(math.isfinite(x + y) for x, y in points):
                placed = [(x + self.x_shift, self.flip(y)) for x, y in points]
                xs, ys = [x for x, _ in placed], [y for _, y in placed]
                ink.shades.append((min(xs), min(ys), max(xs), max(ys)))
            ink.segments.extend(self._subpath_rules(shape, points, bool(stroke.value)))

    def _subpaths(
        self, obj: Any, matrix: Matrix
    ) -> Iterator[tuple[str, list[tuple[float, float]]]]:
        """Each subpath of a path object as pdfminer's shape letters ("m", "l", "c", "h")
        and end points, in user space."""
        shape: list[str] = []
        points: list[tuple[float, float]] = []
        bezier = 0
        at_x, at_y = self._point_refs
        ma, mb, mc, md, me, mf = matrix
        for index in range(_segment_count(obj)):
            segment = _segment(obj, index)
            kind = _segment_type(segment)
            _segment_point(segment, at_x, at_y)
            x, y = _POINT.unpack_from(self._point)
            point = (ma * x + mc * y + me, mb * x + md * y + mf)  # _apply, inline
            if kind == _MOVE:
                if shape:
                    yield "".join(shape), points
                shape, points, bezier = ["m"], [point], 0
                continue
            if not shape:
                shape, points = ["m"], [point]
            if kind == _BEZIER:
                bezier += 1
                if bezier % 3:
                    continue  # a control point: pdfminer keeps only the curve's end point
                shape.append("c")
                points.append(point)
            elif kind == _LINE:
                closes = bool(_segment_closes(segment)) and point == points[0]
                shape.append("h" if closes else "l")
                points.append(point)
            if kind == _BEZIER and _segment_closes(segment):
                shape.append("h")
                points.append(points[0])
        if shape:
            yield "".join(shape), points

    def _subpath_rules(
        self, shape: str, pts: list[tuple[float, float]], stroke: bool
    ) -> list[Segment]:
        """pdfminer's reading of one subpath: a line, a rectangle or a polyline."""
        if not all(math.isfinite(x + y) for x, y in pts):
            return []
        if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
            shape = shape[:-2] + "h"
            pts = pts[:-2] + pts[-1:]
        placed = [(x + self.x_shift, self.flip(y)) for x, y in pts]
        if shape in ("mlh", "ml"):
            return self._box(placed[:2], stroked=False)
        if shape in ("mlllh", "mllll"):
            (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
            square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
                y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
            )
            if pts[0] == pts[4] and square:
                return self._box([placed[0], placed[2]], stroked=stroke)
        if not stroke:
            return []
        segments: list[Segment] = []
        for a, b in itertools.pairwise(placed):
            segments += self._box([a, b], stroked=False)
        return segments

    @staticmethod
    def _box(points: list[tuple[float, float]], *, stroked: bool) -> list[Segment]:
        xs, ys = zip(*points, strict=True)
        return rule_segments(min(xs), min(ys), max(xs), max(ys), stroked=stroked)


class _FillColour:
    """Page objects' fill colours, read into one buffer kept for the page."""

    def __init__(self) -> None:
        self._rgba = (ctypes.c_uint * 4)()
        size = ctypes.sizeof(ctypes.c_uint)
        self._refs = tuple(ctypes.byref(self._rgba, size * channel) for channel in range(4))

    def white(self, obj: Any) -> bool:
        """Whether a page object (a handle, not a plain int) is filled in white (every
        channel at its maximum)."""
        if not _fill_colour(obj, *self._refs):
            return False
        return min(self._rgba[:3]) >= 253


def _heights(
    baseline: float, descent: float, size: float, upright: bool
) -> tuple[float, float, float, float]:
    """A glyph's top, bottom and baseline in top-left page points (pdfminer's: the bottom
    for a glyph not upright) from its baseline, its font's descent and its size; and the
    baseline plus the size, whose sum with the glyph's sides tells a non-finite value."""
    bottom = baseline - descent * size  # top-left origin: the descent goes down
    return bottom - size, bottom, baseline if upright else bottom, baseline + size


_MAYBE_GENERATED_AT = re.compile("[ \r\n]")
"""The characters PDFium may have generated (it never generates others)."""


def _generated_indices(handle: Any, text: str) -> frozenset[int]:
    """The indices of the characters PDFium generated (spaces and line breaks it
    inferred), asked only of the characters it may generate, once per page."""
    maybe = [match.start() for match in _MAYBE_GENERATED_AT.finditer(text)]
    return frozenset(index for index in maybe if _is_generated(handle, index) == 1)


class _Origin:
    """Characters' origins on one text page, read into one buffer kept for the page."""

    def __init__(self, handle: Any, generated: frozenset[int]) -> None:
        self._handle = handle
        self._generated = generated
        self._buffer = ctypes.create_string_buffer(_ORIGIN.size)
        self._refs = (ctypes.byref(self._buffer, 0), ctypes.byref(self._buffer, 8))

    def of(self, index: int) -> tuple[float, float]:
        """The origin of the character at ``index``, in user space."""
        _char_origin(self._handle, index, *self._refs)
        x, y = _ORIGIN.unpack_from(self._buffer)
        return x, y

    def y(self, index: int) -> float:
        """The height of the origin of the character at ``index``, in user space."""
        return self.of(index)[1]

    def level(self, start: int, stop: int, matrix: Any) -> float | None:
        """The height shared by the origins of a run's characters, when it is sure to be
        shared; None when the baseline may vary along the run.

        A character's origin is its position along the text line taken through the text
        object's matrix: a horizontal line's positions all lie at height 0, so under a
        matrix that does not tilt them (no x-to-y term) every origin's height is the
        matrix's translation. The run's first and last printed characters are checked to
        lie there, and to stand apart along the line: a font writing vertically (its
        positions along y) fails one check or the other.
        """
        if matrix.b != 0:
            return None
        last = stop - 1
        while last > start and last in self._generated:
            last -= 1
        first_x, first_y = self.of(start)
        if first_y != matrix.f:
            return None
        if last == start:
            return first_y
        last_x, last_y = self.of(last)
        if last_y != first_y or last_x == first_x:
            return None
        return first_y


def _reads_right_to_left(document: Any) -> bool:
    """Whether the document's viewer preferences read it right to left (PDFium then
    reverses the runs of neutral characters on every page)."""
    buffer = ctypes.create_string_buffer(16)
    size = c.FPDF_VIEWERREF_GetName(document, b"Direction", buffer, len(buffer))
    return size > 0 and buffer.value == b"R2L"


def _page_text(tp: Any, count: int) -> str:
    """The page's characters, index for index, a line-end hyphen as the hyphen printed: in
    one call, or one call per character when they do not map one to one (a character
    outside the basic plane takes two UTF-16 units)."""
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    written = c.FPDFText_GetText(tp, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    text = buffer.raw[: (written - 1) * 2].decode("utf-16-le", "replace") if written > 0 else ""
    if len(text) != count:
        text = "".join(chr(c.FPDFText_GetUnicode(tp, index)) for index in range(count))
    for hyphen in _LINE_END_HYPHEN:  # str.replace: a translation table is slower
        text = text.replace(hyphen, "-")
    return text


_RIGHT_TO_LEFT = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
"""Blocks of the scripts written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko...)."""


def _reorders(text: str) -> bool:
    """Whether PDFium may have reordered some of the page's characters (it reverses runs of
    right-to-left text, and of neutral characters among them): a character of a script
    written right to left, by block or by its bidirectional class."""
    if text.isascii():
        return False
    return bool(_RIGHT_TO_LEFT.search(text)) or any(
        unicodedata.bidirectional(char) in ("R", "AL") for char in set(text) if char > "\u024f"
    )


def _object_runs(
    handle: Any, text: str, generated: frozenset[int], right_to_left: bool
) -> Iterator[tuple[int, int, int]]:
    """The page's characters as runs ``start, stop, text object``, every printed character
    of a run held by that object; the ``generated`` characters (see
    :func:`_generated_indices`) are in none.

    A text object's printed characters follow one another on the text page unless PDFium
    reversed some right-to-left text (a document read right to left, or a page with such
    text): there, each character's object is asked. Elsewhere a run's end is first guessed
    where PDFium generated a character (a space between two objects of one printed line, or
    the line's end): a run held up to there ends there (a run ending early reads the same,
    the next one going on with the same object); else the objects of characters 1, 2, 4,
    8... further on are asked, then bisected between the last one held by the object and
    the first one not: a few calls a run instead of one per character.
    """
    count = len(text)
    per_character = right_to_left or _reorders(text)
    boundaries = sorted(generated)
    boundaries.append(count)
    next_boundary = 0  # the index in ``boundaries`` of the first one past ``index``
    index = 0
    while index < count:
        if index in generated:
            index += 1
            continue
        obj = _char_object(handle, index)
        held = index  # the last character known to be held by ``obj``
        if per_character:
            while held + 1 < count and _char_object(handle, held + 1) == obj:
                held += 1
        else:
            while boundaries[next_boundary] < index:
                next_boundary += 1
            beyond = boundaries[next_boundary]  # the first character known not to be held
            guess = beyond - 1
            if guess > index and _char_object(handle, guess) != obj:
                beyond = guess
                step = 1
                while held + step < beyond:
                    if _char_object(handle, held + step) != obj:
                        beyond = held + step
                        break
                    held += step
                    step *= 2
                while beyond - held > 1:
                    middle = (held + beyond) // 2
                    if _char_object(handle, middle) == obj:
                        held = middle
                    else:
                        beyond = middle
            else:
                held = guess
        yield index, held + 1, obj or 0
        index = held + 1
