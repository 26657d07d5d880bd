"""A table's columns (where its lines start) and its text cut into them, line by line."""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from aap_parser.sources.layout_text.lines import _Chunk, _Line
from aap_parser.sources.layout_text.words import (
    _ends_with_connector,
    _starts_cell,
    _starts_continuation,
)
from aap_parser.wording import (
    CONJUNCTIONS,
    LEAD_AUTHORITY_WORDS,
    PARTNER_AUTHORITY_WORDS,
    PREPOSITIONS,
    TRAILING_AUTHORITY_WORDS,
    first_word,
    fold,
    words_pattern,
)

_START_TOLERANCE = 3


# How far from its column pdftotext may print a cell's line where cells collide, and how
# much farther a word going on a cell counts (it rarely starts a cell's line).
_COLLISION_REACH = 5


# How far off its column pdftotext may print a whole cell, its lines starting together: it
# places a block of text after what it printed to its left on the line, not at its own x.
_SHIFT_REACH = 8


_GOES_ON_DISTANCE = 3


# How many lines must start right at a column for a lowercase word glued there to count as
# a cell's next line printed against the cell before (a lead's "… mixte du" may end there).
_MANY_STARTS = 4


_TYPE_WORDS = LEAD_AUTHORITY_WORDS | PARTNER_AUTHORITY_WORDS


# Text after which a type word opens the next name of the same cell's list ("…, District").
_LIST_GOES_ON = regex.compile(rf"(?:,|\b{words_pattern(CONJUNCTIONS)})$")


# Where a cell may start within a chunk: a word after a space, but not a mark closing the
# phrase before it (French prints a space before ":", ";", "»"), nor a group of three digits
# or a currency after a number ("90 500 €": an amount is one cell).
_WORD_START = regex.compile(
    r"(?<= )(?<!\d )(?![:;!?»”](?: |$))\S|(?<=\d )(?!\d{3}(?!\d)|€|euros?\b|EUR\b)\S"
)


# How many lines at a table's top may hold its header row's widest line (a centred header).
_HEADER_TOP = 3


# How many lines at a table's top may hold a repeated header row.
_MAX_HEADER_SEARCH = 8


@dataclass(frozen=True, slots=True)
class _Column:
    """A column: its left edge ``start`` (where most of its lines start), ``starts`` (where
    2+ of its lines start: pdftotext shifts lines a bit), ``low``, the least character
    column a chunk may start at to belong to it."""

    low: int
    start: int
    starts: frozenset[int]


def _columns(lines: Sequence[_Line], every: Sequence[_Line] = ()) -> list[_Column]:
    """The table's columns: character columns where the text of several lines starts
    (cells are left-aligned) and which few chunks run across (a gutter above and below).

    Starts a few characters apart are one column: pdftotext places a column's lines at
    slightly different character columns. A chunk with a word starting a cell there (two
    cells printed a single space apart) does not run across, and counts as a line starting
    there if it starts there, give or take a character. Where each column's lines start is
    counted over ``every`` line when given (lines of one chunk too: a cell's lines printed
    together off its column, under the line where it collided).
    """
    counts = _start_counts(lines)
    accepted: list[int] = []
    support: dict[int, int] = {}
    for x in sorted(counts, key=lambda x: (-counts[x], x)):
        if any(abs(x - y) <= _START_TOLERANCE for y in accepted):
            continue
        near = sum(n for y, n in counts.items() if abs(y - x) <= _START_TOLERANCE)
        # A few lines started a little off a well-supported column whose text runs over
        # theirs: a block of rows pdftotext printed off its column, not a column.
        # So are a few lines starting a little left of such a column where a cell glued to
        # the one before starts (pdftotext printed the block after that cell).
        if any(
            abs(x - y) <= _SHIFT_REACH
            and 2 * near <= support[y]
            and (_runs_over(lines, min(x, y), max(x, y)) or (x < y and _glued_at(lines, x)))
            for y in accepted
        ):
            continue
        across = [
            (index, chunk)
            for line in lines
            for index, chunk in enumerate(line.chunks)
            if chunk.start < x - _START_TOLERANCE and chunk.end > x
        ]
        # A chunk after another on its line, starting left of ``x`` (up to twice the shift
        # reach: a long cell to its left pushes it farther), is a cell printed off its
        # column, not text running across it; so is one with a lowercase word starting where
        # many of the column's lines start (a cell's next line glued to the cell before:
        # "(Maroc), Municipalité de santé, « … »", « développement valorisation »).
        at_x = sum(n for y, n in counts.items() if abs(y - x) <= 1)
        collided = sum(
            1
            for index, chunk in across
            if _word_near(chunk, x, _COLLISION_REACH)
            or (at_x >= _MANY_STARTS and _word_near(chunk, x, 1, lowercase=True))
            or (index and x - chunk.start <= 2 * _SHIFT_REACH)
        )
        if near + sum(1 for _, chunk in across if _word_near(chunk, x, 1)) < 2:
            continue
        crossing = len(across) - collided
        if crossing <= max(1, near // 4):
            accepted.append(x)
            support[x] = near
    accepted.sort()
    left = min(counts, default=0)
    if accepted and left < accepted[0] - _START_TOLERANCE:
        # The table's left edge starts a column, even if only its header cell is there.
        edge = [
            chunk
            for line in lines
            for chunk in line.chunks
            if chunk.start - left <= _START_TOLERANCE
        ]
        if all(chunk.end < accepted[0] for chunk in edge):
            accepted.insert(0, left)
    if accepted and left < accepted[0]:
        accepted[0] = left
    return _make_columns(accepted, _start_counts(every) if every else counts)


def _start_counts(lines: Sequence[_Line]) -> dict[int, int]:
    """How many chunks start at each character column."""
    counts: dict[int, int] = {}
    for line in lines:
        for chunk in line.chunks:
            counts[chunk.start] = counts.get(chunk.start, 0) + 1
    return counts


def _runs_over(lines: Sequence[_Line], left: int, right: int) -> bool:
    """True when a chunk starting near ``left`` runs past ``right`` (a header cell printed a
    single space before the next one, starting at ``right`` on one of the table's top lines,
    does not run over it: « Projet Région »)."""
    return any(
        abs(chunk.start - left) <= _START_TOLERANCE
        and chunk.end > right
        and not (index < _HEADER_TOP and _word_near(chunk, right, 1))
        for index, line in enumerate(lines)
        for chunk in line.chunks
    )


def _glued_at(lines: Sequence[_Line], x: int) -> bool:
    """True when a word starting a cell starts at ``x`` (give or take a character) inside a
    chunk, a single space after the text before it."""
    return any(
        chunk.start < x - 1 and _word_near(chunk, x, 1) for line in lines for chunk in line.chunks
    )


def _word_near(
    chunk: _Chunk, x: int, reach: int = _START_TOLERANCE, *, lowercase: bool = False
) -> bool:
    """True when a word starting a cell (capital, digit; a lowercase word with
    ``lowercase``) starts within ``reach`` characters of ``x`` in the chunk: two cells
    printed a single space apart, not one running across."""
    return any(
        abs(chunk.start + m.start() - x) <= reach
        and (m.group().islower() if lowercase else _starts_cell(chunk.text[m.start() :]))
        for m in regex.finditer(r"(?<= )\S", chunk.text)
    )


def _make_columns(accepted: Sequence[int], counts: dict[int, int]) -> list[_Column]:
    """Columns at the given left edges (sorted), each with the nearby starts of 2+ lines
    nearer to it than to the columns beside it: within a few characters, or a little
    farther (pdftotext prints a block of rows a few characters off where cells collide)."""
    columns: list[_Column] = []
    for index, x in enumerate(accepted):
        before = accepted[index - 1] if index else None
        after = accepted[index + 1] if index + 1 < len(accepted) else None
        starts = frozenset(
            y
            for y, n in counts.items()
            if n >= 2
            and (before is None or y - before > abs(x - y))
            and (after is None or after - y > abs(x - y))
            and (
                abs(y - x) <= _START_TOLERANCE
                or (
                    abs(y - x) <= _SHIFT_REACH
                    and (before is None or y - before > max(_START_TOLERANCE, x - y))
                    and (after is None or after - y > max(_START_TOLERANCE, y - x))
                )
            )
        )
        low = 0 if before is None else min([x - min(_START_TOLERANCE, (x - before) // 2), *starts])
        columns.append(_Column(low, x, starts))
    return columns


def _header_columns(lines: Sequence[_Line], header: Sequence[str]) -> list[_Column] | None:
    """The columns of a table whose top lines repeat a known header row (a table going on
    to another page repeats it): where each header cell's first line starts, left to right,
    within the first lines; ``None`` unless every cell is found there.

    pdftotext spaces each page on its own character grid, so the earlier page's character
    columns are no use; the header's wording is, even where a header cell starts only once.
    """
    if not header or not all(header):
        return None
    reach = min(len(lines), _MAX_HEADER_SEARCH)
    counts: dict[int, int] = {}
    for line in lines:
        for chunk in line.chunks:
            counts[chunk.start] = counts.get(chunk.start, 0) + 1
    found: list[int] = []
    for text in header:
        after = found[-1] if found else -1
        places = [
            chunk.start + offset
            for line in lines[:reach]
            for chunk in line.chunks
            for offset in (0, *(m.start() + 1 for m in regex.finditer(" ", chunk.text)))
            if chunk.start + offset > after and chunk.text[offset:].startswith(text)
        ]
        if not places:
            return None
        found.append(min(places))
    # Two header cells found a few characters apart: the first one must fit before the
    # second ("N° Région" printed a space apart over a narrow column of numbers).
    if any(
        b - a <= min(_START_TOLERANCE, len(text))
        for (a, b), text in zip(itertools.pairwise(found), header, strict=False)
    ):
        return None
    return _make_columns(found, counts)


def _column_of(columns: Sequence[_Column], x: int) -> int:
    """The index of the column a chunk starting at ``x`` belongs to."""
    index = 0
    for number, column in enumerate(columns):
        if x >= column.low:
            index = number
    return index


def _split_chunk(
    chunk: _Chunk,
    columns: Sequence[_Column],
    *,
    exact: bool = False,
    least: int = 0,
    hints: frozenset[int] = frozenset(),
) -> list[tuple[int, _Chunk]] | None:
    """Cut a chunk that runs across column starts (two cells printed a single space
    apart) at the words starting there, each piece with its column's index (``exact``:
    where 2+ lines of the column start, or near its start a word starting a cell when the
    chunk is one cell running into the next only); ``None`` when a column start falls
    mid-word.

    pdftotext may print a cell's line a few characters off its column where cells collide:
    the cut is at the nearest word start, a word starting a cell reaching a little farther,
    a word that goes on a cell (lowercase: "de Sherbrooke") counting as farther unless it
    starts exactly where other lines of the column start, a word starting a cell farther
    left when none is near; where no word starts exactly there, see
    :func:`_glued_cell_start` (``hints``: where the lines around start). The chunk's first
    piece goes to column ``least`` at least (a cell printed off its column, after another
    cell's text).
    """
    pieces = [(max(least, _column_of(columns, chunk.start)), chunk)]
    for index, column in enumerate(columns):
        number, last = pieces[-1]
        if index <= number or last.end <= column.start:
            continue
        if not last.start < min([column.low, *column.starts]):
            continue
        words = [last.start + m.start() for m in _WORD_START.finditer(last.text)]
        if exact:
            near = {w: 0.0 for w in words if w in column.starts}
            if not near and _lone_collision(last, columns, index):
                near = {
                    w: float(abs(w - column.start))
                    for w in words
                    if abs(w - column.start) <= _COLLISION_REACH
                    and _starts_cell(last.text[w - last.start :])
                }
        else:
            near = {}
            for w in words:
                goes_on = _starts_continuation(last.text[w - last.start :])
                distance = min(abs(w - y) for y in column.starts | {column.start})
                if distance <= _START_TOLERANCE or (
                    distance <= _COLLISION_REACH
                    and not goes_on
                    and w > columns[index - 1].start + _START_TOLERANCE
                ):
                    near[w] = distance + (_GOES_ON_DISTANCE if goes_on and distance else 0)
            # A cell printed farther left, right after the text it collided with, starts
            # its lines together: where a word of the line above or below starts (its
            # first line glued to the text on its left, its next one too, or the reverse);
            # or, when no word or only words going on a cell lie near the column (a cell's
            # next line starts there, not its first), at a word starting a cell.
            going_on = all(_starts_continuation(last.text[w - last.start :]) for w in near)
            for w in words:
                if (
                    w not in near
                    and (w in hints or (going_on and _starts_cell(last.text[w - last.start :])))
                    and 0 < column.start - w <= _SHIFT_REACH
                    and w > columns[index - 1].start + _START_TOLERANCE
                ):
                    near[w] = float(column.start - w)
        if not near:
            return None
        cut = min(near, key=lambda w: (near[w], abs(w - column.start)))
        if near[cut] and not exact:
            cut = _glued_cell_start(last, near, hints, cut)
        if not exact:
            cut = _type_word_before(last, cut, column, columns[number].start)
        if cut == last.start:
            pieces[-1] = (index, last)
            continue
        offset = cut - last.start
        pieces[-1:] = [
            (number, _Chunk(last.start, cut - 1, last.text[: offset - 1])),
            (index, _Chunk(cut, last.end, last.text[offset:])),
        ]
    return pieces


def _word_starts(lines: Sequence[_Line], line: _Line) -> frozenset[int]:
    """Where the words of the other lines start, inside their chunks too."""
    return frozenset(
        chunk.start + m.start()
        for other in lines
        if other is not line
        for chunk in other.chunks
        for m in _WORD_START.finditer(chunk.text)
    )


def _glued_cell_start(
    chunk: _Chunk, near: dict[int, float], hints: frozenset[int], nearest: int
) -> int:
    """Where a cell glued to the text before it starts, among the words ``near`` a column
    start none starts exactly at: pdftotext pulls such a cell left of its column and prints
    its other lines from where it starts, so at a word where a line around starts (its
    ``hints``); else at the first word starting a cell after text that does not stop
    mid-phrase; else at the ``nearest`` word."""
    aligned = [w for w in near if w in hints]
    if aligned:
        return min(aligned, key=lambda w: near[w])
    return min(
        (
            w
            for w in near
            if _starts_cell(chunk.text[w - chunk.start :])
            and not _ends_with_connector(chunk.text[: w - chunk.start])
        ),
        default=nearest,
    )


def _type_word_before(chunk: _Chunk, cut: int, column: _Column, own_start: int) -> int:
    """Where a cell cut at ``cut`` really starts: at the authority type word just before it
    ("District de Évreux", "Région Bobo Dioulasso"), or before the "de" just before a
    capitalised cut ("Cercle de Hué"), when that word lies within the shift reach left of
    the column and off its own column's start; pdftotext printed the cell's first words
    glued to the text on its left, and a name never starts with "de". Not after a comma or
    "et" (the next name of the same list) unless the cut is on "de", nor a type word also
    printed after the place ("Nantes Métropole") before a capitalised word."""
    offset = cut - chunk.start
    if offset <= 0:
        return cut
    goes_on = _starts_continuation(chunk.text[offset:])
    on_de = first_word(chunk.text[offset:]) in PREPOSITIONS
    before, _, word = chunk.text[: offset - 1].rstrip().rpartition(" ")
    if not goes_on and fold(word) in PREPOSITIONS and before:
        before, _, word = before.rpartition(" ")
    start = chunk.start + len(before) + (1 if before else 0)
    if (
        fold(word) in _TYPE_WORDS
        and (goes_on or fold(word) not in TRAILING_AUTHORITY_WORDS)
        and (on_de or not _LIST_GOES_ON.search(before))
        and 0 < column.start - start <= _SHIFT_REACH
        and start > own_start + _START_TOLERANCE
    ):
        return start
    return cut


def _lone_collision(chunk: _Chunk, columns: Sequence[_Column], index: int) -> bool:
    """True when the chunk starts where its column's lines start and runs into column
    ``index`` only: two cells colliding, not running text across the table."""
    own = columns[_column_of(columns, chunk.start)]
    aligned = any(abs(chunk.start - y) <= _START_TOLERANCE for y in own.starts | {own.start})
    return aligned and (index + 1 == len(columns) or chunk.end <= columns[index + 1].low)


def _fits(line: _Line, columns: list[_Column]) -> bool:
    """True when every chunk of the line stays in its column, or can be cut where it runs
    into the next one; a line of one chunk only where words start exactly where other
    lines of the column start (running text crosses column starts anywhere)."""
    exact = len(line.chunks) == 1
    previous = -1
    for chunk in line.chunks:
        pieces = _split_chunk(chunk, columns, exact=exact, least=_shifted(chunk, columns, previous))
        if pieces is None:
            return False
        previous = pieces[-1][0]
    return True


def _shifted(chunk: _Chunk, columns: Sequence[_Column], previous: int) -> int:
    """The column a chunk falls in, or the next one when the chunk comes after text of its
    own column on the line and starts before the next column, up to twice the shift reach
    (two cells of one column on a line are one cell printed off the next column, right after
    the text to its left, as far as an overflowing cell pushed it: see :func:`_build_grid`)."""
    col = _column_of(columns, chunk.start)
    shifted = col + 1 < len(columns) and columns[col + 1].start - chunk.start <= 2 * _SHIFT_REACH
    return col + 1 if col == previous and shifted else col


def _mid_column(chunk: _Chunk, columns: Sequence[_Column], col: int) -> int:
    """The next column for a name opening on its authority type word ("District de
    Thiès") that starts in the middle of column ``col``, far from where its lines start, a
    little left of the next column: a cell printed off that column (cells start at their
    column's left edge, and a type word opens a cell); else ``col``."""
    if col + 1 == len(columns) or columns[col + 1].start - chunk.start > _SHIFT_REACH:
        return col
    own = columns[col]
    far = all(chunk.start - y > _SHIFT_REACH for y in own.starts | {own.start})
    return col + 1 if far and first_word(chunk.text) in _TYPE_WORDS else col


@dataclass(frozen=True, slots=True)
class _Grid:
    """A table's text per (line index, column): ``None`` where the column is blank."""

    lines: tuple[_Line, ...]
    text: tuple[tuple[str | None, ...], ...]
    ncols: int
    filled: tuple[tuple[int, ...], ...]

    def column_lines(self, col: int, first: int = 0, last: int | None = None) -> list[int]:
        """Line indices in ``[first, last]`` where the column has text."""
        filled = self.filled[col]
        stop = len(self.text) - 1 if last is None else last
        return list(filled[bisect_left(filled, first) : bisect_right(filled, stop)])

    def at(self, t: int, col: int) -> str:
        """The text of a column on a line ("" when blank)."""
        return self.text[t][col] or ""


_BLOCK_REACH = 2
"""How many lines below a line of a cell printed off its column its next line may lie."""


def _cut_along_blocks(every: list[list[tuple[int, _Chunk]]], columns: Sequence[_Column]) -> None:
    """Cut the lines just below a cell printed off its column where that cell starts:
    pdftotext prints a cell's lines from one character column, so text starting there in
    the text of the column before (a word, not a mark closing the phrase before it: "»"),
    with nothing of that cell's column on its line, is that cell's next line when it goes
    on a cell ("(Maroc)", lowercase) or the line above stops mid-phrase ("Ville de")."""
    shifted = [
        (t, chunk, col)
        for t, placed in enumerate(every)
        for col, chunk in placed
        if chunk.start < columns[col].low
    ]
    for t, above, col in shifted:
        for near in range(t + 1, min(len(every), t + _BLOCK_REACH + 1)):
            placed = every[near]
            if any(other == col for other, _ in placed):
                continue
            for index, (other, chunk) in enumerate(placed):
                offset = above.start - chunk.start
                if (
                    other == col - 1
                    and 0 <= offset < len(chunk.text)
                    and (offset == 0 or _WORD_START.match(chunk.text, offset) is not None)
                    and (
                        _starts_continuation(chunk.text[offset:])
                        or _ends_with_connector(above.text)
                    )
                ):
                    rest = (col, _Chunk(above.start, chunk.end, chunk.text[offset:]))
                    head = _Chunk(chunk.start, above.start - 1, chunk.text[: offset - 1])
                    placed[index : index + 1] = [(other, head), rest] if offset else [rest]
                    break


def _build_grid(lines: list[_Line], columns: list[_Column]) -> _Grid:
    """Cut every line's chunks into the columns: a chunk running into the next column is
    cut where a word starts there; of two chunks falling in one column (a gap inside
    it: pdftotext printed the next cell far off its column), the last goes to the next
    column when that one is blank on the line; other chunks of one column join. An amount
    glued to the end of the text before a column of amounts goes back to it."""
    rows: list[tuple[str | None, ...]] = []
    every: list[list[tuple[int, _Chunk]]] = []
    for t, line in enumerate(lines):
        placed: list[tuple[int, _Chunk]] = []
        hints = frozenset(
            chunk.start
            for other in lines[max(0, t - _BLOCK_REACH) : t + _BLOCK_REACH + 1]
            if other is not line
            for chunk in other.chunks
        ) | _word_starts(lines[max(0, t - 1) : t + 2], line)
        # Where the line above has a cell printed left of its column: a line starting
        # there goes on that cell (pdftotext prints a cell's lines from one character).
        above = every[-1] if every else []
        blocks = {chunk.start: col for col, chunk in above if chunk.start < columns[col].low}
        for whole in line.chunks:
            least = _shifted(whole, columns, placed[-1][0] if placed else -1)
            least = max(least, blocks.get(whole.start, least), _mid_column(whole, columns, least))
            pieces = _split_chunk(whole, columns, least=least, hints=hints) or [(least, whole)]
            placed.extend(pieces)
        every.append(placed)
    _cut_along_blocks(every, columns)
    for placed in every:
        cells: list[list[str]] = [[] for _ in columns]
        for index, (col, chunk) in enumerate(placed):
            text = chunk.text
            after = placed[index + 1][0] if index + 1 < len(placed) else len(columns)
            shared = index > 0 and placed[index - 1][0] == col
            if shared and col + 1 < after:
                col += 1
            cells[col].append(text)
        rows.append(tuple(" ".join(parts) if parts else None for parts in cells))
    rows = _amounts_given_back(rows, len(columns))
    filled = tuple(
        tuple(t for t, row in enumerate(rows) if row[col] is not None)
        for col in range(len(columns))
    )
    return _Grid(tuple(lines), tuple(rows), len(columns), filled)


# An amount: a number in groups of three digits, maybe a currency; a line of an amount cell
# (or its currency, wrapped); an amount, or a currency, at a line's end.
_NUMBER = r"\d{1,3}(?:[ .\u00a0\u202f]\d{3})+(?:,\d{2})?"
_CURRENCY = r"(?:€|euros?|EUR)"
_AMOUNT = rf"{_NUMBER}(?: ?{_CURRENCY})?"
_AMOUNT_CELL = regex.compile(rf"{_AMOUNT}|{_CURRENCY}")
_AMOUNT_TAIL = regex.compile(rf"(?<= ){_AMOUNT}$")
_BARE_AMOUNT = regex.compile(_NUMBER)
_CURRENCY_TAIL = regex.compile(rf"(?<= ){_CURRENCY}$")


_AMOUNT_COLUMN = 0.6
"""The share of a column's lines that must be amounts for it to take back a glued one."""


def _holds_amounts(texts: list[str | None]) -> bool:
    """True when most of a column's lines with text are amounts (or their currency)."""
    filled = [text for text in texts if text]
    amounts = sum(1 for text in filled if _AMOUNT_CELL.fullmatch(text))
    return bool(filled) and amounts >= _AMOUNT_COLUMN * len(filled)


def _amounts_given_back(
    rows: list[tuple[str | None, ...]], width: int
) -> list[tuple[str | None, ...]]:
    """The lines with an amount printed in the column before an amount column (pdftotext
    printed it left of its column: glued at the end of that column's text, or alone on a
    line where that column is blank) given back to the amount column, where that column is
    blank on the line; so is a currency glued at the end there under an amount without one
    (the amount's cell wrapped: "55 000" / "euros")."""
    amounts = [col for col in range(1, width) if _holds_amounts([row[col] for row in rows])]
    if not amounts:
        return rows
    out: list[tuple[str | None, ...]] = []
    for row in rows:
        cells = list(row)
        above = out[-1] if out else ()
        for col in amounts:
            before = cells[col - 1]
            if before is None or cells[col] is not None:
                continue
            if _AMOUNT_CELL.fullmatch(before) and col - 1 not in amounts:
                cells[col - 1], cells[col] = None, before
                continue
            found = _AMOUNT_TAIL.search(before)
            if found is None and above and _BARE_AMOUNT.fullmatch(above[col] or ""):
                found = _CURRENCY_TAIL.search(before)
            if found is not None and found.start() > 0:
                cells[col - 1], cells[col] = before[: found.start()].rstrip(), found.group()
        out.append(tuple(cells))
    return out
