"""Recognised words as the PDF reader's glyphs: same values, so the same readers follow.

1. Coordinates go from pixels to points (72 per inch), top-left origin, as pdfplumber's.
2. A word's characters share its box evenly; words of one recognised line are separated by a
   space glyph, so that line building cuts words where Tesseract did.
3. The font size is the line's ``x_size`` (Tesseract's height from descender-free baseline to
   ascender top, close to the font size in common text faces), rounded to half points so
   that the lines of one font agree.
4. Bold is read from the ink: a line whose strokes are much thicker, for its size, than the
   page's usual stroke is bold. Italic is not recognised (always False).
5. A "word" much flatter than its line (dust, what is left of a rule) is dropped.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

import numpy as np

from aap_parser.sources.ocr.render import Grey
from aap_parser.sources.ocr.tesseract import OcrWord
from aap_parser.sources.pdf.lines import Glyph

SIZE_PER_X_SIZE = 1.0
"""Font size over hOCR ``x_size``, measured on Arial, Liberation Sans and Times renders."""
SPECK_HEIGHT = 0.4
"""A "word" lower than this share of its line's size is a speck, not text (dots aside)."""
BOLD_STROKE = 1.25
"""A word whose stroke (for its size) exceeds the page's median by this factor is bold."""


def stroke(dark: np.ndarray, word: OcrWord) -> float:
    """A word's mean horizontal stroke width over its line size (0 when it has no ink)."""
    box = dark[int(word.top) : int(word.bottom) + 1, int(word.x0) : int(word.x1) + 1]
    if box.size == 0 or word.line_size <= 0:
        return 0.0
    starts = np.count_nonzero(np.diff(box.astype(np.int8), axis=1) == 1) + np.count_nonzero(
        box[:, 0]
    )
    return float(box.sum()) / starts / word.line_size if starts else 0.0


def _line_strokes(words: Sequence[OcrWord], strokes: list[float]) -> list[float]:
    """Each word's stroke replaced by its line's, weighted by characters (steadier)."""
    total: dict[int, float] = {}
    weight: dict[int, int] = {}
    for word, width in zip(words, strokes, strict=True):
        if width > 0:
            total[word.line] = total.get(word.line, 0.0) + width * len(word.text)
            weight[word.line] = weight.get(word.line, 0) + len(word.text)
    return [total[w.line] / weight[w.line] if w.line in weight else 0.0 for w in words]


def to_glyphs(
    words: Sequence[OcrWord], ink: Grey, threshold: int, dpi: int, *, dx: float = 0.0,
    dy: float = 0.0,
) -> list[Glyph]:
    """The words (boxes in pixels of ``ink``, offset by ``dx, dy`` pixels) as page glyphs."""
    if not words:
        return []
    dark = ink <= threshold
    strokes = _line_strokes(words, [stroke(dark, w) for w in words])
    usual = statistics.median([s for s in strokes if s > 0] or [0.0])
    scale = 72.0 / dpi
    glyphs: list[Glyph] = []
    previous: OcrWord | None = None
    for word, width in zip(words, strokes, strict=True):
        if word.bottom - word.top < SPECK_HEIGHT * word.line_size:
            continue  # dust or a rule's remains read as letters, far too flat for text
        size = round(2 * word.line_size * scale * SIZE_PER_X_SIZE) / 2 or 1.0
        bold = usual > 0 and width > BOLD_STROKE * usual
        x0, x1 = (word.x0 + dx) * scale, (word.x1 + dx) * scale
        top, bottom = (word.top + dy) * scale, (word.bottom + dy) * scale
        baseline = (word.baseline + dy) * scale
        if previous is not None and previous.line == word.line:
            gap_x0 = (previous.x1 + dx) * scale
            glyphs.append(Glyph(" ", gap_x0, max(x0, gap_x0), top, bottom, baseline, size,
                                bold, False))
        step = (x1 - x0) / len(word.text)
        glyphs.extend(
            Glyph(char, x0 + i * step, x0 + (i + 1) * step, top, bottom, baseline, size, bold,
                  False)
            for i, char in enumerate(word.text)
        )
        previous = word
    return glyphs
