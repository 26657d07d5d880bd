"""Text announcements: decode the bytes, then read tab-separated or markdown pipe tables.

Lines outside tables become ``TextLine``s (markdown emphasis stripped, bold/italic noted);
each run of table lines becomes one ``RawTable`` whose cells keep their printed lines (a
``<br>`` in a pipe cell is a line break; a cell quoted the way spreadsheets copy one holding
line breaks, ``"Douala (Cameroun)⏎Hyderabad (Inde)"``, spans lines). Text whose only table
is separated by semicolons or commas (a spreadsheet saved as CSV) is read by
:func:`read_csv_text`. The ``pdftotext -layout`` form, with columns aligned by spaces, is
read by :mod:`aap_parser.sources.layout_text`.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from aap_parser.grid import (
    ParseWarning,
    RawCell,
    RawRow,
    RawTable,
    SourceDocument,
    TextLine,
    WarningCode,
    collapse_spaces,
    warn,
)

_PIPE_RULE = regex.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_PIPE_SPLIT = regex.compile(r"(?<!\\)\|")
_BR = regex.compile(r"<br\s*/?>", regex.IGNORECASE)
_TAG = regex.compile(r"</?[a-z][a-z0-9]*(?:\s[^<>]*)?/?>|&nbsp;", regex.IGNORECASE)
_EMPHASIS_OPEN = regex.compile(r"^(?:\*\*|__|\*|_)+(?=\S)")
_EMPHASIS_CLOSE = regex.compile(r"(?<=\S)(?:\*\*|__|\*|_)+$")
_EMPHASIS_PAIR = regex.compile(r"^(\*\*|__|\*|_)(?=\S)(.*?)(?<=\S)\1$")
_HEADING = regex.compile(r"^#{1,6}\s+")
_ESCAPE = regex.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])")


@dataclass(frozen=True, slots=True)
class DecodedText:
    """Text decoded from bytes, with the encoding used and what had to be repaired."""

    text: str
    encoding: str
    warnings: tuple[ParseWarning, ...] = ()


def decode_text(data: bytes) -> DecodedText:
    """Decode announcement bytes: UTF-8 (BOM or not), UTF-16 (BOM or not), else Windows-1252.

    French office files are often Windows-1252; a file that is neither valid UTF-8 nor
    Windows-1252 is decoded with replacement characters and a warning. A UTF-8 file with a
    few invalid bytes stays UTF-8, each bad byte replaced and warned about with its line (see
    ``UTF8_MAJORITY``). NUL bytes are dropped with a warning.
    """
    warnings: list[ParseWarning] = []
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = data.decode("utf-16", errors="replace"), "utf-16"
    elif _looks_utf16(data):
        encoding = "utf-16-le" if data[1::2].count(0) > data[0::2].count(0) else "utf-16-be"
        text = data.decode(encoding, errors="replace")
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            escaped = data.decode("utf-8", errors="surrogateescape")
            bad = [at for at, ch in enumerate(escaped) if "\udc80" <= ch <= "\udcff"]
            if _mostly_utf8(escaped, len(bad)):
                text, encoding = _ESCAPED_BYTE.sub("\ufffd", escaped), "utf-8"
                warnings.extend(_bad_byte_warning(escaped, at) for at in bad[:_BAD_BYTE_WARNINGS])
            else:
                try:
                    text, encoding = data.decode("cp1252"), "cp1252"
                except UnicodeDecodeError:
                    text, encoding = data.decode("cp1252", errors="replace"), "cp1252"
                    warnings.append(warn(
                        WarningCode.UNDECODABLE_BYTES,
                        "undecodable bytes replaced (neither UTF-8 nor Windows-1252)",
                    ))
    if "\x00" in text:
        text = text.replace("\x00", "")
        warnings.append(warn(WarningCode.NUL_REMOVED, "NUL characters removed from the text"))
    return DecodedText(text, encoding, tuple(warnings))


UTF8_MAJORITY = 4
"""A file that is not valid UTF-8 is still read as UTF-8 when its well-formed multi-byte
characters outnumber its invalid sequences this many times (one stray byte among the
accents): Windows-1252 would turn every accent into two wrong letters."""

_BAD_BYTE_WARNINGS = 5
"""At most this many invalid bytes are warned about, one warning each."""


_ESCAPED_BYTE = regex.compile("[\udc80-\udcff]")
"""A byte that is not UTF-8, as the ``surrogateescape`` decoding keeps it."""


def _mostly_utf8(escaped: str, invalid: int) -> bool:
    """True when the UTF-8 reading's good non-ASCII characters outweigh ``invalid`` bytes."""
    good = sum(1 for ch in escaped if ord(ch) > 127) - invalid
    return invalid > 0 and good >= UTF8_MAJORITY * invalid


def _bad_byte_warning(escaped: str, at: int) -> ParseWarning:
    """The warning for one invalid UTF-8 byte (at character ``at``), naming its line."""
    return warn(
        WarningCode.UNDECODABLE_BYTES,
        f"invalid UTF-8 byte 0x{ord(escaped[at]) - 0xDC00:02X} replaced by U+FFFD",
        line=escaped.count("\n", 0, at) + 1,
    )


def looks_binary(text: str) -> bool:
    """Decoded text whose start is more than 5% control characters is binary, not text.

    Tabs, line ends, form feeds and NULs (removed with a warning) do not count.
    """
    sample = text[:4096]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v\x00")
    return controls > 0.05 * len(sample)


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without BOM: about half the bytes of a Latin text are NULs, on one parity."""
    sample = data[:4096]
    if len(sample) < 8:
        return False
    zeros_even, zeros_odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    return max(zeros_even, zeros_odd) > 0.4 * half and min(zeros_even, zeros_odd) < 0.05 * half


def split_lines(text: str) -> list[str]:
    """Split on any line end (CRLF, CR, LF), keeping form feeds as page marks inside lines."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def strip_markdown(line: str) -> tuple[str, bool, bool]:
    """Remove heading marks and emphasis around a running-text line; say if bold / italic.

    A heading's emphasis may open on one line and close on another, so an opening or a
    closing mark alone is removed; a "* " followed by a space is a footnote mark and stays.
    """
    text = _HEADING.sub("", line.strip())
    bold = text.startswith(("**", "__")) or text.endswith(("**", "__"))
    stripped = _EMPHASIS_CLOSE.sub("", _EMPHASIS_OPEN.sub("", text)).strip()
    italic = not bold and stripped != text
    return unescape_markdown(stripped), bold, italic


def unescape_markdown(text: str) -> str:
    """Drop markdown's backslash escapes ("\\*" is a printed "*")."""
    return _ESCAPE.sub(r"\1", text)


def strip_cell_emphasis(text: str) -> str:
    """Remove emphasis wrapping a whole cell ("**Bretagne**"); a lone mark ("9 500*") stays."""
    match = _EMPHASIS_PAIR.match(text.strip())
    return match.group(2) if match else text


def _is_pipe_row(line: str) -> bool:
    return line.count("|") >= 2 or (line.strip().startswith("|") and line.count("|") >= 1)


def _pipe_cells(line: str, *, outer: bool) -> list[str]:
    """Split a pipe row into cells; with ``outer``, drop the edge pipes."""
    body = line.strip()
    if outer:
        if body.startswith("|"):
            body = body[1:]
        if body.endswith("|") and not body.endswith("\\|"):
            body = body[:-1]
    return [cell.replace("\\|", "|") for cell in _PIPE_SPLIT.split(body)]


def _pipe_row_cells(line: str, *, header_outer: bool) -> list[str]:
    """A pipe row's cells. Under a header with outer pipes every row has them; under one
    without, a row has them only when it both starts and ends with "|" (a leading "|" alone
    is an empty first cell)."""
    body = line.strip()
    outer = header_outer or (body.startswith("|") and body.endswith("|"))
    return _pipe_cells(line, outer=outer)


def _cell(raw: str) -> RawCell:
    parts = [
        collapse_spaces(unescape_markdown(strip_cell_emphasis(_TAG.sub(" ", part))))
        for piece in raw.split("\n")
        for part in _BR.split(piece)
    ]
    return RawCell(lines=tuple(part for part in parts if part))


def _table_runs(lines: list[str]) -> Iterator[tuple[str, int, int]]:
    """Yield (kind, start, end) for each run of table lines: kind is a tab or 'pipe'."""
    i = 0
    while i < len(lines):
        line = lines[i]
        if "\t" in line.strip("\t\n ") or (line.startswith("\t") and line.strip()):
            j = i
            while j < len(lines) and "\t" in lines[j] and lines[j].strip():
                j = _record_end(lines, j, "\t")
            yield "\t", i, j
            i = j
        elif _is_pipe_row(line) and (_has_pipe_rule(lines, i) or _pipe_run(lines, i)):
            j = i
            while j < len(lines) and lines[j].strip() and _is_pipe_row(lines[j]):
                j += 1
            yield "pipe", i, j
            i = j
        else:
            i += 1


# A quoted cell spans at most so many lines: a stray quote must not swallow the text below.
_QUOTED_LINES = 30


def _quote_open(text: str, separator: str, *, inside: bool = False) -> bool:
    """True when ``text`` leaves a quoted cell open: a cell that starts with ``"`` (right
    after a separator or at the line's start) and whose closing quote is not on this line.
    ``inside``: the line starts within such a cell. A ``""`` inside quotes is a quote."""
    at_start = not inside
    at = 0
    while at < len(text):
        char = text[at]
        if inside:
            if char == '"':
                if text.startswith('""', at):
                    at += 1
                else:
                    inside = False
        elif char == separator:
            at_start = True
            at += 1
            continue
        elif char == '"' and at_start:
            inside = True
        at_start = False
        at += 1
    return inside


# A cell quoted by a spreadsheet because it holds quotes, which it doubles.
_SHEET_QUOTED = regex.compile(r'"(?:[^"]|"")*""(?:[^"]|"")*"')


def _record_end(lines: list[str], start: int, separator: str) -> int:
    """The line after the record starting at ``start``: the next one, or the one after the
    line closing a quoted cell that ``start`` opens (when it closes within
    ``_QUOTED_LINES``)."""
    if not _quote_open(lines[start], separator):
        return start + 1
    for end in range(start + 1, min(len(lines), start + _QUOTED_LINES)):
        if not _quote_open(lines[end], separator, inside=True):
            return end + 1
    return start + 1


def _record_cells(lines: list[str], start: int, end: int, separator: str) -> list[str]:
    """The cells of the record on ``lines[start:end]``, read as CSV (quoted cells, a cell's
    line breaks kept as ``\n``). A one-line tab record is split at its tabs alone, as text
    copied from a web page quotes nothing (``"Santé" pour tous`` keeps its quotes), unless a
    cell is quoted as a spreadsheet quotes one holding quotes (``"l’axe ""santé"" rural"``)."""
    if end == start + 1 and separator == "\t":
        cells = lines[start].split(separator)
        if not any(_SHEET_QUOTED.fullmatch(cell) for cell in cells):
            return cells
    record = "\n".join(lines[start:end])
    rows = list(csv.reader(io.StringIO(record, newline=""), delimiter=separator, strict=False))
    return rows[0] if len(rows) == 1 else lines[start].split(separator)


def _has_pipe_rule(lines: list[str], start: int) -> bool:
    """A pipe table has its ``|---|`` rule within its first few lines."""
    for line in lines[start : start + 4]:
        if _PIPE_RULE.match(line) and "-" in line:
            return True
        if not line.strip():
            return False
    return False


def _pipe_run(lines: list[str], start: int) -> bool:
    """A pipe table printed without its ``|---|`` rule: two lines or more in a row that each
    split into three cells or more, or one such line framed by pipes at both ends."""
    count = 0
    for line in lines[start:]:
        if not line.strip() or not _is_pipe_row(line) or len(_pipe_cells(line, outer=True)) < 3:
            break
        count += 1
    framed = lines[start].strip().startswith("|") and lines[start].strip().endswith("|")
    return count >= 2 or (count == 1 and framed)


def _drop_blank_columns(rows: list[list[str]]) -> list[list[str]]:
    """Remove trailing columns no row fills (a trailing ``|`` or a leftover tag in the header)."""
    width = max((len(row) for row in rows), default=0)
    while width and all(len(row) < width or not _cell(row[width - 1]).lines for row in rows):
        width -= 1
    return [row[:width] for row in rows]


def read_delimited_text(lines: list[str]) -> SourceDocument:
    """Read lines holding tab-separated or pipe tables into the raw document."""
    return _read_runs(lines, list(_table_runs(lines)))


# CSV tables: the fewest cells per record and records in a row that make one, per separator.
# A comma also separates words in prose, so a comma table must be wider and longer.
_CSV_SHAPES = {";": (3, 2), ",": (4, 3)}


def read_csv_text(lines: list[str]) -> SourceDocument:
    """Read lines whose table is separated by semicolons or commas (a spreadsheet saved as
    CSV, quoted cells spanning lines included) into the raw document.

    A table is a run of records splitting into the same number of cells, at least
    ``_CSV_SHAPES`` wide and long; the separator whose tables cover the most lines wins.
    """
    best: list[tuple[str, int, int]] = []
    for separator in _CSV_SHAPES:
        runs = list(_csv_runs(lines, separator))
        if sum(end - start for _, start, end in runs) > sum(end - start for _, start, end in best):
            best = runs
    return _read_runs(lines, best)


def _csv_runs(lines: list[str], separator: str) -> Iterator[tuple[str, int, int]]:
    """Yield (separator, start, end) for each run of records of one width."""
    fewest_cells, fewest_records = _CSV_SHAPES[separator]
    records: list[tuple[int, int, int]] = []
    start = 0
    while start < len(lines):
        end = _record_end(lines, start, separator)
        width = len(_record_cells(lines, start, end, separator)) if lines[start].strip() else 0
        records.append((start, end, width))
        start = end
    run: list[tuple[int, int, int]] = []
    for record in [*records, (len(lines), len(lines), 0)]:
        if run and record[2] == run[0][2]:
            run.append(record)
            continue
        if len(run) >= fewest_records and run[0][2] >= fewest_cells:
            yield separator, run[0][0], run[-1][1]
        run = [record] if record[2] else []


def _read_runs(lines: list[str], runs: list[tuple[str, int, int]]) -> SourceDocument:
    """The raw document of ``lines`` whose table runs are ``runs`` (kind, start, end): kind
    is ``pipe`` or the separator of the run's cells; the other lines are running text."""
    blocks: list[TextLine | RawTable] = []
    cursor = 0
    bold = italic = False
    for kind, start, end in [*runs, ("end", len(lines), len(lines))]:
        for number in range(cursor, start):
            raw = lines[number].replace("\f", "")
            text, line_bold, line_italic = strip_markdown(raw)
            opening = _EMPHASIS_OPEN.match(raw.strip())
            opens_bold = opening is not None and opening.group(0).startswith(("**", "__"))
            opens_italic = opening is not None and not opens_bold
            closes = _EMPHASIS_CLOSE.search(raw.strip()) is not None
            is_bold = line_bold or bold
            is_italic = line_italic or italic
            if opens_bold and not closes:
                bold = True
            if opens_italic and not closes:
                italic = True
            if closes:
                bold = italic = False
            text = collapse_spaces(text)
            if text:
                blocks.append(TextLine(text=text, line=number + 1, bold=is_bold, italic=is_italic))
        if kind == "end":
            break
        printed = _printed_rows(lines, kind, start, end)
        kept = _drop_blank_columns([cells for _, cells in printed])
        rows = [
            RawRow(cells=tuple(_cell(c) for c in cells), line=number)
            for (number, _), cells in zip(printed, kept, strict=True)
        ]
        blocks.append(RawTable(rows=tuple(rows)))
        cursor = end
    return SourceDocument(blocks=tuple(blocks), format="text")


def _printed_rows(lines: list[str], kind: str, start: int, end: int) -> list[tuple[int, list[str]]]:
    """Each row of a table run with its first line number (1-based) and its cells."""
    printed: list[tuple[int, list[str]]] = []
    if kind == "pipe":
        header_outer = lines[start].strip().startswith("|")
        for number in range(start, end):
            line = lines[number]
            if not _PIPE_RULE.match(line):
                printed.append((number + 1, _pipe_row_cells(line, header_outer=header_outer)))
        return printed
    number = start
    while number < end:
        after = _record_end(lines, number, kind)
        printed.append((number + 1, _record_cells(lines, number, after, kind)))
        number = after
    return printed
