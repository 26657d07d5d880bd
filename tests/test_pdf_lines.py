"""Printed lines from glyphs: the shortcuts for the common cell read exactly what the general
rules read (one pass per glyph, by baseline then left to right, word by word)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from aap_parser.sources.pdf.ink import Glyph
from aap_parser.sources.pdf.lines import (
    BASELINE_TOLERANCE_EM,
    WORD_GAP_EM,
    _cut_lines,
    _groups,
    _plain_text,
    _runs,
    line_texts,
)
from aap_parser.wording import SOFT_HYPHEN


def _general_cut(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Every glyph tested in baseline order: it joins the line its opener opened when its
    baseline is within the tolerance of the larger of their sizes."""
    groups: list[list[Glyph]] = []
    opener = glyphs[0] if glyphs else None
    for glyph in sorted(glyphs, key=lambda g: g.baseline):
        if groups and opener is not None:
            larger = max(opener.size, glyph.size)
            if glyph.baseline - opener.baseline <= BASELINE_TOLERANCE_EM * larger:
                groups[-1].append(glyph)
                continue
        groups.append([glyph])
        opener = glyph
    return groups


def _general_groups(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """The lines cut glyph by glyph, each sorted left to right."""
    return [sorted(group, key=lambda g: g.x0) for group in _general_cut(glyphs)]


def _general_text(line: list[Glyph]) -> str:
    """A line's text word by word."""
    return " ".join("".join(g.text for g in run) for run in _runs(line))


def _glyph(text: str, x0: float, width: float, baseline: float, size: float) -> Glyph:
    return Glyph(
        text,
        x0,
        x0 + width,
        baseline - 0.8 * size,
        baseline + 0.2 * size,
        baseline,
        size,
        False,
        False,
    )


_TEXTS = st.sampled_from(["a", "l", "l", "é", "1", " ", "\u00a0", SOFT_HYPHEN, "", "fi", "-"])
_JITTERS = st.sampled_from([0.0, 0.0, 0.0, 0.1, -0.2, 3.0])
"""A glyph's baseline off its line's (a superscript, a rounding)."""
_GAPS = st.sampled_from([0.0, -0.5, 1.0, 1.99, 2.0, 2.01, WORD_GAP_EM * 12, 8.0])
"""The gap before the next glyph: around the word gap of sizes 10 and 12."""
_LEADINGS = st.sampled_from(
    [BASELINE_TOLERANCE_EM * 10, BASELINE_TOLERANCE_EM * 10 + 0.01, 4.0, 5.4, 5.41, 12.0]
)
"""From one line's baseline to the next's: around the tolerance of sizes 10 and 12."""


@st.composite
def _cells(draw: st.DrawFn) -> list[Glyph]:
    """Glyphs of a cell: a few lines printed left to right, with word gaps near the cut,
    re-printed glyphs (fake bold), sizes mixed or not, in any order."""
    sizes = draw(st.sampled_from([[10.0], [10.0, 8.0], [9.0, 12.0, 7.5]]))
    glyphs: list[Glyph] = []
    baseline = draw(st.floats(20, 700))
    for _ in range(draw(st.integers(1, 3))):
        x = draw(st.floats(0, 400))
        for _ in range(draw(st.integers(1, 12))):
            size = draw(st.sampled_from(sizes))
            width = draw(st.sampled_from([0.0, 0.2, 2.5, 5.0, 6.1]))
            glyph = _glyph(
                draw(_TEXTS),
                x,
                width,
                baseline + draw(_JITTERS),
                size,
            )
            glyphs.append(glyph)
            if draw(st.integers(0, 9)) == 0:  # printed again a hair to the side
                glyphs.append(glyph._replace(x0=glyph.x0 + 0.1, x1=glyph.x1 + 0.1))
            x += width + draw(_GAPS)
        baseline += draw(_LEADINGS)
    return draw(st.permutations(glyphs))


@settings(max_examples=1000, deadline=None)
@given(_cells())
def test_lines_and_texts_are_those_of_the_general_rules(glyphs: list[Glyph]) -> None:
    groups = _groups(glyphs)
    assert groups == _general_groups(glyphs)
    ordered = sorted(glyphs, key=lambda g: g.baseline)
    assert _cut_lines(ordered) == _general_cut(ordered)
    for group in groups:
        assert _plain_text(group) in (None, _general_text(group))
    texts = [_general_text(group) for group in groups]
    assert line_texts(glyphs) == tuple(text for text in texts if text)


def test_a_plain_line_is_read_at_once_with_its_word_gaps() -> None:
    size = 10.0
    glyphs = [_glyph(c, 10.0 + 5 * i, 5.0, 100.0, size) for i, c in enumerate("ab cd")]
    glyphs += [_glyph(c, 40.0 + 5 * i, 5.0, 100.2, size) for i, c in enumerate("ef")]
    assert _plain_text(sorted(glyphs, key=lambda g: g.x0)) == "ab cd ef"
    assert line_texts(reversed(glyphs)) == ("ab cd ef",)


def test_a_reprinted_or_soft_hyphened_line_goes_the_general_way() -> None:
    glyphs = [_glyph(c, 10.0 + 5 * i, 5.0, 100.0, 10.0) for i, c in enumerate("fil")]
    bold = sorted([*glyphs, glyphs[1]._replace(x0=15.2, x1=20.2)], key=lambda g: g.x0)
    assert _plain_text(bold) is None
    assert line_texts(bold) == ("fil",)
    hyphened = [
        *glyphs[:2],
        glyphs[2]._replace(text=SOFT_HYPHEN),
        _glyph("e", 25.0, 5.0, 100.0, 10.0),
    ]
    assert _plain_text(hyphened) is None
    assert line_texts(hyphened) == ("fie",)
