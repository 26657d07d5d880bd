"""Table rules found in a page bitmap: long, thin, straight runs of ink.

1. Ink is what the page's Otsu threshold calls dark.
2. A rule is a run of ink at least ``MIN_RULE_PT`` long along a pixel row (horizontal) or
   column (vertical), breaks of at most ``BRIDGE_PT`` bridged (noise and JPEG nibble at lines).
   No glyph of body text is that long in one stroke.
3. Runs on neighbouring pixel rows whose spans overlap are one rule, placed at their middle; a
   group thicker than ``MAX_THICKNESS_PT`` is a filled shape (shading, a logo), not a rule.
4. The rules come out as the PDF reader's ``Segment``s in page points, and their pixels are
   whitened so that the recogniser does not read them as letters (``|``, ``_``, ``l``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from aap_parser.sources.ocr.render import Grey
from aap_parser.sources.pdf.ink import Segment

MIN_RULE_PT = 15.0
"""Shortest rule looked for, in points (a one-line row is about 16 pt high)."""
BRIDGE_PT = 0.6
"""Breaks in a run up to this long (points) are bridged."""
MAX_THICKNESS_PT = 3.0
"""A group of runs thicker than this (points) is a filled shape, not a rule."""


@dataclass(slots=True)
class _Rule:
    """A rule in pixels: along-axis span ``lo``-``hi`` on cross-axis rows ``first``-``last``."""

    first: int
    last: int
    lo: int
    hi: int


def _runs(mask: NDArray[np.bool_], min_len: int, bridge: int) -> NDArray[np.int64]:
    """Runs of True along each row: ``(row, start, end)`` rows, end exclusive, gaps bridged."""
    height, width = mask.shape
    padded = np.zeros((height, width + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    edges = np.diff(padded, axis=1)
    rows, starts = np.nonzero(edges == 1)
    _, ends = np.nonzero(edges == -1)
    if len(rows) == 0:
        return np.zeros((0, 3), dtype=np.int64)
    joined = (rows[1:] == rows[:-1]) & (starts[1:] - ends[:-1] <= bridge)
    first = np.concatenate(([True], ~joined))
    group = np.cumsum(first) - 1
    heads = np.flatnonzero(first)
    tails = np.concatenate((heads[1:] - 1, [len(rows) - 1]))
    out = np.stack((rows[heads], starts[heads], ends[tails]), axis=1)
    del group
    return out[out[:, 2] - out[:, 1] >= min_len]


def _group(runs: NDArray[np.int64]) -> list[_Rule]:
    """Runs on neighbouring rows with overlapping spans, as one rule each."""
    rules: list[_Rule] = []
    open_rules: list[_Rule] = []
    for row, lo, hi in runs.tolist():
        open_rules = [r for r in open_rules if row - r.last <= 1]
        for rule in open_rules:
            if lo < rule.hi and hi > rule.lo:
                rule.last, rule.lo, rule.hi = row, min(rule.lo, lo), max(rule.hi, hi)
                break
        else:
            rule = _Rule(row, row, lo, hi)
            rules.append(rule)
            open_rules.append(rule)
    return rules


def find_rules(grey: Grey, ink: int, dpi: int) -> tuple[list[Segment], Grey]:
    """The page's rules as segments in points, and the bitmap with their pixels whitened."""
    per_pt = dpi / 72.0
    dark = grey <= ink
    min_len, bridge = round(MIN_RULE_PT * per_pt), max(1, round(BRIDGE_PT * per_pt))
    thick = MAX_THICKNESS_PT * per_pt
    cleaned = grey.copy()
    segments: list[Segment] = []
    for horizontal, mask in ((True, dark), (False, dark.T)):
        for rule in _group(_runs(mask, min_len, bridge)):
            if rule.last - rule.first + 1 > thick:
                continue
            pos = (rule.first + rule.last + 1) / 2 / per_pt
            segments.append(Segment(horizontal, pos, rule.lo / per_pt, rule.hi / per_pt))
            rows = slice(max(rule.first - 1, 0), rule.last + 2)
            span = slice(rule.lo, rule.hi)
            if horizontal:
                cleaned[rows, span] = 255
            else:
                cleaned[span, rows] = 255
    return segments, cleaned
