"""Recognised words as the PDF reader's glyphs: same values, so the same readers follow.

1. Coordinates go from pixels to points (72 per inch), top-left origin, as pdfplumber's.
2. A word's characters share its box (its ink widened by the side bearings a PDF glyph box
   has, ``SIDE_BEARING_EM``) evenly; words of one recognised line are separated by a
   space glyph, so that line building cuts words where Tesseract did.
3. The font size is the line's ``x_size`` (Tesseract's height from baseline to ascender top,
   close to the font size in common text faces), rounded to half points, then snapped to
   the page's most common sizes so that the lines of one font agree.
4. Bold is read from the ink: a line whose median stroke (horizontal run of ink, stems
   outnumbering bars) is much thicker, for its size, than the
   page's usual stroke is bold; a line right below another of the same size takes that
   line's weight when it is short (too little ink to judge) or its stroke is within
   ``SAME_STROKE`` of it (one paragraph, one weight, even at the threshold). Italic is not
   recognised (always False).
5. A "word" of letters or digits much flatter than its line (dust, what is left of a rule)
   is dropped; punctuation (« , . -) is small by nature and kept.
6. A few words OCR misreads the same way and that are no French word are spelt right
   (``MISREADINGS``: "ler" for the "1er" of dates).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from aap_parser.sources.ocr.render import Grey
from aap_parser.sources.ocr.tesseract import OcrWord
from aap_parser.sources.pdf.ink import Glyph, glyph

SIZE_PER_X_SIZE = 1.0
"""Font size over hOCR ``x_size``, measured on Arial, Liberation Sans and Times renders."""
MISREADINGS = {"ler": "1er"}
"""Misread words that are no French word, and what was printed."""
SIDE_BEARING_EM = 0.07
"""Added to each side of a word's ink box, in font sizes: a PDF glyph's box is its advance
width, side bearings included, and the readers' word and column gaps are tuned to those."""
SIZE_SNAP = 0.12
"""Line sizes within this share of a more common size are that size."""
SAME_STROKE = 0.1
"""A line whose stroke is within this share of the line's above (same size) continues its
weight: the threshold must not split a bold title in two."""
SHORT_LINE = 12
"""A line of fewer characters has too little ink to judge its weight: it takes the line's above."""
SPECK_HEIGHT = 0.4
"""A "word" lower than this share of its line's size is a speck, not text (dots aside)."""
BOLD_STROKE = 1.25
"""A word whose stroke (for its size) exceeds the page's median by this factor is bold."""


def runs(dark: NDArray[np.bool_], word: OcrWord) -> NDArray[np.int64]:
    """Lengths of the horizontal runs of ink across a word's box (stems, bars, bowls)."""
    box = dark[int(word.top) : int(word.bottom) + 1, int(word.x0) : int(word.x1) + 1]
    if box.size == 0:
        return np.zeros(0, dtype=np.int64)
    padded = np.zeros((box.shape[0], box.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = box
    edges = np.diff(padded, axis=1)
    _, starts = np.nonzero(edges == 1)
    _, ends = np.nonzero(edges == -1)
    return (ends - starts).astype(np.int64)


@dataclass(frozen=True, slots=True)
class _Style:
    """One recognised line's font size (points) and weight."""

    size: float
    bold: bool


def _snap(sizes: dict[int, float], weights: dict[int, int]) -> dict[int, float]:
    """Line sizes snapped to the page's common sizes, the most printed first.

    Tesseract's line size wavers by a point between lines of one font; a size within
    ``SIZE_SNAP`` of a more common one is taken as that one.
    """
    totals: dict[float, int] = {}
    for line, size in sizes.items():
        totals[size] = totals.get(size, 0) + weights[line]
    modes: list[float] = []
    for size in sorted(totals, key=lambda v: (-totals[v], v)):
        if not any(abs(size - mode) <= SIZE_SNAP * mode for mode in modes):
            modes.append(size)
    return {
        line: min(modes, key=lambda mode: (abs(size - mode), -totals[mode]))
        for line, size in sizes.items()
    }


def _styles(words: Sequence[OcrWord], dark: NDArray[np.bool_], scale: float) -> dict[int, _Style]:
    """Each recognised line's size and weight (see the module's rules 3 and 4)."""
    chars: dict[int, int] = {}
    widths: dict[int, list[NDArray[np.int64]]] = {}
    sizes: dict[int, float] = {}
    boxes: dict[int, tuple[float, float, float, float]] = {}
    for word in words:
        n = len(word.text)
        chars[word.line] = chars.get(word.line, 0) + n
        widths.setdefault(word.line, []).append(runs(dark, word))
        sizes[word.line] = round(2 * word.line_size * scale * SIZE_PER_X_SIZE) / 2 or 1.0
        x0, top, x1, bottom = boxes.get(word.line, (word.x0, word.top, word.x1, word.bottom))
        boxes[word.line] = (
            min(x0, word.x0), min(top, word.top), max(x1, word.x1), max(bottom, word.bottom)
        )
    strokes = {line: _median(widths[line]) / max(sizes[line], 1.0) for line in chars}
    weighted = sorted((strokes[line], chars[line]) for line in chars)
    half, run, usual = sum(chars.values()) / 2, 0, 0.0
    for value, weight in weighted:
        run += weight
        if run >= half:
            usual = value
            break
    snapped = _snap(sizes, chars)
    styles: dict[int, _Style] = {}
    for line in sorted(chars, key=lambda ln: boxes[ln][1]):
        bold = usual > 0 and strokes[line] > BOLD_STROKE * usual
        above = _line_above(line, boxes)
        if above is not None and above in styles and snapped[above] == snapped[line]:
            alike = abs(strokes[line] - strokes[above]) <= SAME_STROKE * strokes[above]
            if chars[line] < SHORT_LINE or alike:
                bold = styles[above].bold
        styles[line] = _Style(snapped[line], bold)
    return styles


def _median(runs_of_words: list[NDArray[np.int64]]) -> float:
    """The median run length over a line's words (0 for a line without ink)."""
    lengths = np.concatenate(runs_of_words) if runs_of_words else np.zeros(0)
    return float(np.median(lengths)) if lengths.size else 0.0


def _line_above(line: int, boxes: dict[int, tuple[float, float, float, float]]) -> int | None:
    """The line printed right above ``line`` in the same column, if any."""
    x0, top, x1, bottom = boxes[line]
    height = bottom - top
    best: int | None = None
    for other, (ox0, otop, ox1, obottom) in boxes.items():
        if other == line or ox1 < x0 or ox0 > x1 or not 0 <= top - obottom <= height:
            continue
        if best is None or otop > boxes[best][1]:
            best = other
    return best


def _spelt(word: OcrWord) -> OcrWord:
    """The word with a misreading that is no French word put right (rule 6)."""
    right = MISREADINGS.get(word.text)
    return replace(word, text=right) if right else word


def to_glyphs(words: Sequence[OcrWord], ink: Grey, threshold: int, dpi: int) -> list[Glyph]:
    """The words (boxes in pixels of ``ink``) as page glyphs, in points."""
    scale = 72.0 / dpi
    words = [
        _spelt(w) for w in words if w.bottom - w.top >= SPECK_HEIGHT * w.line_size
        or not any(c.isalnum() for c in w.text)
    ]
    styles = _styles(words, ink <= threshold, scale)
    glyphs: list[Glyph] = []
    previous: OcrWord | None = None
    for word in words:
        size, bold = styles[word.line].size, styles[word.line].bold
        bearing = SIDE_BEARING_EM * size
        x0, x1 = word.x0 * scale - bearing, word.x1 * scale + bearing
        top, bottom, baseline = word.top * scale, word.bottom * scale, word.baseline * scale
        if previous is not None and previous.line == word.line:
            gap_x0 = previous.x1 * scale + bearing
            glyphs.append(
                glyph(" ", gap_x0, max(x0, gap_x0), top, bottom, baseline, size, bold, False)
            )
        step = (x1 - x0) / len(word.text)
        glyphs.extend(
            glyph(c, x0 + i * step, x0 + (i + 1) * step, top, bottom, baseline, size, bold, False)
            for i, c in enumerate(word.text)
        )
        previous = word
    return glyphs
