"""Characters to words to printed lines, keeping exact text, font size, bold and italic.

Both table readers and the running-text reader build their lines here, so a cell's lines
and a heading's line are cut the same way.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import islice, pairwise
from operator import itemgetter

from aap_parser.grid import BBox
from aap_parser.sources.pdf.ink import BASELINE, SIZE, TEXT, TOP, X0, X1, Glyph
from aap_parser.wording import SOFT_HYPHEN

WORD_GAP_EM = 0.2
"""A horizontal gap wider than this many font sizes between two characters starts a new word."""

BASELINE_TOLERANCE_EM = 0.45
"""Characters whose baselines differ by less than this many font sizes share a line."""


@dataclass(slots=True)
class Word:
    """A run of characters with no space or wide gap inside."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    italic: bool


@dataclass(slots=True)
class Line:
    """One printed line: its words left to right and its box."""

    words: list[Word]
    x0: float
    x1: float
    top: float
    bottom: float
    baseline: float
    size: float

    @property
    def text(self) -> str:
        """The words joined by single spaces."""
        return " ".join(word.text for word in self.words)

    @property
    def bold(self) -> bool:
        """True when most of the line's characters are bold."""
        return _majority((w.bold, len(w.text)) for w in self.words)

    @property
    def italic(self) -> bool:
        """True when most of the line's characters are italic."""
        return _majority((w.italic, len(w.text)) for w in self.words)

    @property
    def bbox(self) -> BBox:
        """The line's box."""
        return BBox(self.x0, self.top, self.x1, self.bottom)


def _majority(flags: Iterable[tuple[bool, int]]) -> bool:
    """Whether the weighted flags are true for more than half of the weight."""
    yes = total = 0
    for flag, weight in flags:
        total += weight
        if flag:
            yes += weight
    return total > 0 and yes * 2 > total


def _median(values: list[float]) -> float:
    """The median, as ``statistics.median`` gives it, without its generality's cost (this
    runs for every line of every cell)."""
    values.sort()
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


# A glyph's fields read at C speed. The loops below that run for every glyph of a page read
# the fields at literal positions (text 0, x0 1, x1 2, top 3, baseline 5, size 6: see
# ink.Glyph), which spares a global name lookup per read.
_BASELINE = itemgetter(BASELINE)
_X0 = itemgetter(X0)
_TEXT = itemgetter(TEXT)
_SIZE = itemgetter(SIZE)


def _word(run: list[Glyph]) -> Word:
    """The word a run of glyphs makes: its text, box, largest size, majority bold/italic."""
    if len(run) == 1:  # a lone letter or figure: its own fields, without transposing
        text, x0, x1, top, bottom, _, size, bold, italic, *_ = run[0]
        return Word(text, x0, x1, top, bottom, size, bold > 0.5, italic > 0.5)
    # The first nine fields only, each a tuple over the run's glyphs. zip() is not strict:
    # it stops at the ninth field of glyphs that all have eleven, so strict would test
    # nothing, and its keyword costs more than the rest of the transposition.
    texts, x0s, x1s, tops, bottoms, _, sizes, bolds, italics = islice(zip(*run), 9)  # noqa: B905
    half = len(run) / 2
    return Word(
        "".join(texts),
        min(x0s),
        max(x1s),
        min(tops),
        max(bottoms),
        max(sizes),
        sum(bolds) > half,
        sum(italics) > half,
    )


def _is_duplicate(glyph: Glyph, previous: Glyph) -> bool:
    """Whether ``glyph`` re-prints ``previous`` a hair to the side (fake bold, shadow)."""
    if glyph[TEXT] != previous[TEXT]:
        return False
    slack = max(0.35 * (previous[X1] - previous[X0]), 0.3)
    return abs(glyph[X0] - previous[X0]) < slack and abs(glyph[TOP] - previous[TOP]) < 1.0


def _runs(glyphs: Sequence[Glyph]) -> list[list[Glyph]]:
    """Split one line's glyphs (sorted left to right) into the runs that make its words, at
    spaces and wide gaps. (Fields read by position: this runs for every glyph of a page.)"""
    runs: list[list[Glyph]] = []
    run: list[Glyph] = []
    last: Glyph | None = None
    end_x1 = end_size = 0.0  # the run's last glyph's right edge and size
    end_text = ""
    gap = WORD_GAP_EM
    for glyph in glyphs:
        text = glyph[0]
        if last is not None and text == last[0] and _is_duplicate(glyph, last):
            continue
        if not text.strip():
            if run:
                runs.append(run)
                run = []
            last = glyph
            continue
        size = glyph[6]
        if run:
            larger = end_size if end_size > size else size  # max(), no call
            if glyph[1] - end_x1 > gap * larger:
                runs.append(run)
                run = []
            elif end_text == SOFT_HYPHEN:
                run.pop()  # a soft hyphen inside a word prints nothing; only a line-final one shows
        run.append(glyph)
        end_x1, end_size, end_text = glyph[2], size, text
        last = glyph
    if run:
        runs.append(run)
    return runs


def _groups(glyphs: Iterable[Glyph]) -> list[list[Glyph]]:
    """The glyphs of each printed line (by baseline), top to bottom, each left to right."""
    ordered = sorted(glyphs, key=_BASELINE)
    if not ordered:
        return []
    first = ordered[0]
    if ordered[-1][5] - first[5] <= BASELINE_TOLERANCE_EM * first[6]:
        # One line (a cell's common case), as _cut_lines would find it: the lowest baseline
        # is within the first glyph's tolerance, so every other one is (nearer, with a
        # tolerance no smaller). The backends give finite numbers only.
        groups = [ordered]
    else:
        groups = _cut_lines(ordered)
    for group in groups:
        group.sort(key=_X0)
    return groups


def _cut_lines(ordered: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs sorted by baseline cut into printed lines: a glyph joins the line of the glyph
    that opened it when its baseline is within the tolerance of the larger of their sizes.

    Every glyph within the opener's own tolerance joins (its own tolerance is no smaller):
    those are found by bisecting the baselines, then the glyphs after them are tested one by
    one until one opens the next line.
    """
    baselines = list(map(_BASELINE, ordered))
    count = len(ordered)
    tolerance = BASELINE_TOLERANCE_EM
    groups: list[list[Glyph]] = []
    start = 0
    while start < count:
        reference, size = ordered[start][5], ordered[start][6]
        reach = tolerance * size
        # The bisection may take a glyph at the bound that the exact test (monotone in the
        # baseline) leaves out: step back; one it leaves out is tested below.
        stop = bisect_right(baselines, reference + reach, start + 1)
        while stop > start + 1 and not baselines[stop - 1] - reference <= reach:
            stop -= 1
        while stop < count:
            glyph_size = ordered[stop][6]
            larger = size if size > glyph_size else glyph_size  # max(), no call
            if not baselines[stop] - reference <= tolerance * larger:
                break
            stop += 1
        groups.append(ordered[start:stop])
        start = stop
    return groups


def build_lines(glyphs: Iterable[Glyph]) -> list[Line]:
    """Group glyphs into printed lines (by baseline), top to bottom, each split into words."""
    lines: list[Line] = []
    for group in _groups(glyphs):
        words = [_word(run) for run in _runs(group)]
        if not words:
            continue
        printed = [g for g in group if g[TEXT].strip()]
        lines.append(
            Line(
                words,
                min([w.x0 for w in words]),
                max([w.x1 for w in words]),
                min([w.top for w in words]),
                max([w.bottom for w in words]),
                _median(list(map(_BASELINE, printed))),
                _median(list(map(_SIZE, printed))),
            )
        )
    return lines


def line_texts(glyphs: Iterable[Glyph]) -> tuple[str, ...]:
    """The text of each printed line, top to bottom: what :func:`build_lines` reads, without
    the boxes and sizes (a ruled cell needs only its text)."""
    texts: list[str] = []
    for group in _groups(glyphs):
        text = _plain_text(group)
        if text is None:
            text = " ".join(["".join([g[TEXT] for g in run]) for run in _runs(group)])
        if text:
            texts.append(text)
    return tuple(texts)


def _plain_text(line: list[Glyph]) -> str | None:
    """What :func:`_runs` makes of one line's glyphs (left to right), joined, for the common
    line: one character per glyph, no soft hyphen, no re-printed glyph; None for another.

    The characters are joined at once, cut at every gap wider than the word gap, then at
    whitespace: a gap next to a space, which :func:`_runs` does not test, cuts nothing more.
    """
    texts = list(map(_TEXT, line))
    text = "".join(texts)
    if len(text) != len(texts) or "" in texts or SOFT_HYPHEN in text:
        return None
    cuts: list[int] = []
    first = line[0]
    last_text, end_x1, end_size = first[0], first[2], first[6]
    gap = WORD_GAP_EM
    for i, glyph in enumerate(islice(line, 1, None), 1):
        glyph_text = glyph[0]
        if glyph_text == last_text and _is_duplicate(glyph, line[i - 1]):
            return None
        size = glyph[6]
        if glyph[1] - end_x1 > gap * (end_size if end_size > size else size):  # max(), no call
            cuts.append(i)
        last_text, end_x1, end_size = glyph_text, glyph[2], size
    if cuts:
        text = " ".join([text[a:b] for a, b in pairwise([0, *cuts, len(text)])])
    return " ".join(text.split())


def split_at_gaps(line: Line, gap: float) -> list[Line]:
    """Cut a line where two words stand more than ``gap`` points apart (text left, date right)."""
    pieces: list[list[Word]] = [[line.words[0]]]
    for word in line.words[1:]:
        if word.x0 - pieces[-1][-1].x1 > gap:
            pieces.append([word])
        else:
            pieces[-1].append(word)
    if len(pieces) == 1:
        return [line]
    return [
        Line(
            words=words,
            x0=words[0].x0,
            x1=max(w.x1 for w in words),
            top=min(w.top for w in words),
            bottom=max(w.bottom for w in words),
            baseline=line.baseline,
            size=_median([w.size for w in words]),
        )
        for words in pieces
    ]
