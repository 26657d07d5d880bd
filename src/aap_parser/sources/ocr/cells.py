"""Recognition cell by cell where rules draw a table, one pass over the rest of the page.

Tesseract's page layout analysis pairs up lines of neighbouring cells printed at different
heights (a region name centred in a merged cell beside two-line leads) and garbles them; a
cell cut out on its own is a plain block of text, read far more reliably. All cells go to
one run of Tesseract (the language model loads once), the page outside the tables to another.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from aap_parser.sources.ocr.render import Grey
from aap_parser.sources.ocr.tesseract import OcrWord, recognise
from aap_parser.sources.pdf.ink import Segment
from aap_parser.sources.pdf.ruled import cell_boxes

PAGE_PSM, CELL_PSM = 3, 6
"""Tesseract's segmentation: automatic for the page, one uniform block for a cell."""
INSET_PT = 1.0
"""Points cut off each side of a cell (what is left of its rules)."""
MARGIN_PX = 12
"""Border added around a cell's pixels (Tesseract reads poorly at the very edge)."""
MIN_INK = 20
"""A cell with fewer dark pixels than this is blank and not read."""


def read_by_cell(
    grey: Grey, segments: list[Segment], threshold: int, *, lang: str, dpi: int
) -> list[OcrWord]:
    """The page's words: each ruled cell read alone, the rest of the page in one pass."""
    per_pt = dpi / 72.0
    height, width = grey.shape
    outside = grey.copy()
    crops: list[Grey] = []
    origins: list[tuple[int, int]] = []
    for box in cell_boxes(segments):
        x0 = max(int((box.x0 + INSET_PT) * per_pt), 0)
        x1 = min(int((box.x1 - INSET_PT) * per_pt), width)
        y0 = max(int((box.top + INSET_PT) * per_pt), 0)
        y1 = min(int((box.bottom - INSET_PT) * per_pt), height)
        if x1 <= x0 or y1 <= y0:
            continue
        outside[y0:y1, x0:x1] = 255
        cell = grey[y0:y1, x0:x1]
        if np.count_nonzero(cell <= threshold) < MIN_INK:
            continue
        # The border takes the cell's own background: white around a shaded header cell
        # makes Tesseract binarise the shading as ink.
        crops.append(np.pad(cell, MARGIN_PX, constant_values=int(np.median(cell))))
        origins.append((x0 - MARGIN_PX, y0 - MARGIN_PX))
    words = recognise([outside], lang=lang, dpi=dpi, psm=PAGE_PSM)[0]
    lines = max((word.line for word in words), default=0) + 1
    for found, (dx, dy) in zip(
        recognise(crops, lang=lang, dpi=dpi, psm=CELL_PSM), origins, strict=True
    ):
        words += [_moved(word, dx, dy, lines) for word in found]
    return words


def _moved(word: OcrWord, dx: int, dy: int, lines: int) -> OcrWord:
    """A word found in a cut-out cell, placed back on the page (its line numbered after
    the ``lines`` of the page pass)."""
    return replace(
        word,
        line=word.line + lines,
        x0=word.x0 + dx,
        x1=word.x1 + dx,
        top=word.top + dy,
        bottom=word.bottom + dy,
        baseline=word.baseline + dy,
    )
