"""Words OCR was unsure of, as warnings on the rows they were read in.

A doubtful word (see :class:`aap_parser.grid.Doubt`) lies in the box of a laid-out row on
its page: the row gets one ``ocr-low-confidence`` warning listing its doubtful words, so that
the records stage names the laureate. Words outside every row (the heading, footnotes) give
one warning for the document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from aap_parser.grid import Doubt, ParseWarning, WarningCode, warn
from aap_parser.layout.tables import LaidOutRow, LaidOutTable


def _inside(doubt: Doubt, row: LaidOutRow) -> bool:
    box = row.bbox
    if box is None or row.page != doubt.page:
        return False
    cx = (doubt.bbox.x0 + doubt.bbox.x1) / 2
    cy = (doubt.bbox.top + doubt.bbox.bottom) / 2
    return box.x0 <= cx <= box.x1 and box.top <= cy <= box.bottom


def _warning(doubts: Sequence[Doubt], page: int | None) -> ParseWarning:
    words = ", ".join(f"{d.text!r} ({d.confidence:.0f} %)" for d in doubts)
    return warn(WarningCode.OCR_LOW_CONFIDENCE, f"OCR unsure of {words}", page=page)


def place_doubts(
    tables: tuple[LaidOutTable, ...], doubts: Sequence[Doubt]
) -> tuple[tuple[LaidOutTable, ...], list[ParseWarning]]:
    """The tables with each row's doubtful words as a warning on it, and the warnings for
    doubtful words outside every row."""
    left = list(doubts)
    out: list[LaidOutTable] = []
    for table in tables:
        rows: list[LaidOutRow] = []
        for row in table.rows:
            mine = [d for d in left if _inside(d, row)]
            if mine:
                left = [d for d in left if d not in mine]
                row = replace(row, warnings=(*row.warnings, _warning(mine, row.page)))
            rows.append(row)
        out.append(replace(table, rows=tuple(rows)))
    pages = sorted({d.page for d in left})
    return tuple(out), [_warning([d for d in left if d.page == p], p) for p in pages]
