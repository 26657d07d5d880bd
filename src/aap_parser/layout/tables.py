"""Lay out the raw document: find header rows, stitch page parts, carry merged cells over.

Input is a :class:`~aap_parser.grid.SourceDocument`; output is a :class:`Layout`: the
heading lines, one :class:`LaidOutTable` per printed table (its section heading, columns
and roles, and rows whose cells are aligned to the columns), footnotes and warnings.
Nothing here interprets a cell's content beyond what layout needs (is it empty, does it
continue a row broken at a page end).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import regex

from aap_parser.enrich import is_region_name
from aap_parser.errors import NoTableError
from aap_parser.grid import (
    BBox,
    Block,
    ParseWarning,
    RawCell,
    RawRow,
    RawTable,
    SourceDocument,
    TextLine,
    WarningCode,
    collapse_spaces,
    join_lines,
    running_key,
    running_lines,
    warn,
)
from aap_parser.header import is_page_furniture, paragraphs, read_header
from aap_parser.layout.broken_words import Vocabulary, rejoin, vocabulary
from aap_parser.layout.content import (
    ContentHead,
    content_header_row,
    head_from_content,
    realign,
    settle_roles,
)
from aap_parser.layout.roles import CARRIED_ROLES, header_role, header_roles
from aap_parser.models import Header, Role
from aap_parser.wording import stops_mid_phrase

_FOOTNOTE_START = regex.compile(r"^(?:\*+|\(\d+\)|\d+\)|\[\d+\]|nb\b|n\.b\.|note\b|source\b)",
                                regex.IGNORECASE)
_STARTS_LOWER = regex.compile(r"^[\p{Ll}(\[)’'«\"]")
_MAX_SECTION_CHARS = 160
_MAX_SECTION_WORDS = 10
_SECTION_WORDS = regex.compile(
    r"projets?\s+(?:retenus?|s[ée]lectionn[ée]s?|laur[ée]ats?)|sous\s+conditions?|"
    r"liste\s+(?:compl[ée]mentaire|principale|d[’']attente)|\bAAP\b|appels?\s+[àa]\s+projets?|"
    r"\b(?:annuel|biennal|triennal)(?:le)?s?\b|\bvolet\b|\bcat[ée]gorie\b",
    regex.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class LaidOutRow:
    """A body row with exactly one cell per column and the columns carried from above.

    ``warnings`` are those about this row (cells it had too many or too few of): the
    records stage gives them the number of the laureate the row becomes.
    """

    cells: tuple[RawCell, ...]
    page: int | None = None
    line: int | None = None
    bbox: BBox | None = None
    carried: frozenset[int] = frozenset()
    overflow: tuple[str, ...] = ()
    warnings: tuple[ParseWarning, ...] = ()


@dataclass(frozen=True, slots=True)
class LaidOutTable:
    """One printed table: section heading, columns as printed, their roles, its rows."""

    section: str | None
    columns: tuple[str, ...]
    roles: tuple[Role, ...]
    pages: tuple[int, ...]
    rows: tuple[LaidOutRow, ...]


@dataclass(frozen=True, slots=True)
class Layout:
    """The document laid out: heading lines, tables, footnotes, warnings about the document
    (a skipped table, an empty one; each row carries its own), and the header read from the
    heading lines."""

    heading: tuple[TextLine, ...]
    tables: tuple[LaidOutTable, ...]
    footnotes: tuple[str, ...]
    warnings: tuple[ParseWarning, ...]
    header: Header = field(default_factory=Header)


@dataclass
class _Builder:
    section: str | None
    columns: tuple[str, ...]
    roles: tuple[Role, ...]
    pages: list[int] = field(default_factory=list)
    rows: list[LaidOutRow] = field(default_factory=list)
    last_part: RawTable | None = None
    group_region: RawCell | None = None

    def freeze(self) -> LaidOutTable:
        return LaidOutTable(self.section, self.columns, self.roles, tuple(self.pages),
                            tuple(self.rows))


def find_header_row(rows: Sequence[RawRow], limit: int = 4) -> tuple[int, list[Role]] | None:
    """Index and roles of the first row among the first ``limit`` that reads as a header;
    rows of one text each (a heading printed in a spreadsheet's grid) do not count."""
    counted = 0
    for index, row in enumerate(rows):
        roles = header_roles(list(row.texts))
        if roles is not None:
            return index, roles
        if not _one_text(row):
            counted += 1
            if counted >= limit:
                return None
    return None


def _one_text(row: RawRow) -> bool:
    """A row with one non-empty cell at most."""
    return sum(not cell.is_empty for cell in row.cells) <= 1


def _grid_heading(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """A table whose header row comes under two rows of one text each or more (a sheet
    printed with gridlines, its letterhead, date and title in the grid): those rows are
    running text, the table starts at its header row."""
    out: list[Block] = []
    for block in blocks:
        found = find_header_row(block.rows) if isinstance(block, RawTable) else None
        if not isinstance(block, RawTable) or found is None or found[0] < 2:
            out.append(block)
            continue
        above = block.rows[:found[0]]
        if not all(_one_text(row) for row in above):
            out.append(block)
            continue
        for row in above:
            cell = next((cell for cell in row.cells if not cell.is_empty), None)
            if cell is not None:
                out.append(TextLine(cell.text, page=row.page, line=row.line, bbox=cell.bbox))
        out.append(replace(block, rows=block.rows[found[0]:]))
    return tuple(out)


def lay_out(document: SourceDocument) -> Layout:
    """Turn the raw document into laid-out tables (see the module docstring).

    A chain of small steps, each a function of the one before: :func:`_grid_heading` ->
    :func:`_skip_headerless_tables` -> :func:`_drop_running_text` -> :func:`_table_parts`
    -> :func:`_take_heading` -> :func:`_assemble` (tables joined across pages, rows placed)
    -> :func:`_empty_tables` -> :func:`_carry_over`.
    """
    blocks, skipped = _skip_headerless_tables(_grid_heading(document.blocks))
    blocks = _drop_running_text(blocks, _repeated_page_text(document))
    parts, tail = _table_parts(blocks)
    if not parts:
        raise NoTableError(
            "no laureates table found: no row names the expected columns "
            "(région, collectivité chef de file, partenaire, titre du projet)"
        )
    header, heading, parts = _take_heading(parts)
    builders, footnotes, joined = _assemble(parts)
    footnotes.extend(_footnotes(list(tail)))
    after = [line for part in parts[1:] for line in part.above] + list(tail)
    warnings = [*skipped, *joined, *_empty_tables(builders), *_text_like_rows(after)]
    words = vocabulary(
        itertools.chain((line.text for line in heading), footnotes),
        (cell.lines for builder in builders for row in builder.rows for cell in row.cells),
    )
    tables = tuple(_carry_over(_rejoin_words(builder.freeze(), words)) for builder in builders)
    return Layout(tuple(heading), tables, tuple(footnotes), tuple(warnings), header)


def _rejoin_words(table: LaidOutTable, words: Vocabulary) -> LaidOutTable:
    """Join the words a narrow column broke without a hyphen (:mod:`.broken_words`), each
    with an ``info`` warning on its row."""
    rows: list[LaidOutRow] = []
    for row in table.rows:
        cells: list[RawCell] = []
        notes: list[ParseWarning] = []
        for cell in row.cells:
            lines, joined = rejoin(cell.lines, words)
            cells.append(replace(cell, lines=lines) if joined else cell)
            notes += [warn(
                WarningCode.WORD_REJOINED,
                f"{word!r} read as one word broken at the line end (printed whole elsewhere)",
                page=row.page, line=row.line) for word in joined]
        rows.append(replace(row, cells=tuple(cells), warnings=(*row.warnings, *notes))
                    if notes else row)
    return replace(table, rows=tuple(rows))


@dataclass(frozen=True, slots=True)
class _Part:
    """One table block and the running text printed above it, since the table before."""

    above: tuple[TextLine, ...]
    table: RawTable


def _skip_headerless_tables(
    blocks: Sequence[Block],
) -> tuple[tuple[Block, ...], list[ParseWarning]]:
    """Leave out the tables printed before the first one with a header row or cells that read
    as a laureates table (nothing tells what their columns mean), with a warning for each that
    holds text. A headerless table after it is the same table going on, or a new one read from
    its cells (see :func:`_assemble`), and is kept."""
    kept: list[Block] = []
    warnings: list[ParseWarning] = []
    opened = False
    for block in blocks:
        if isinstance(block, RawTable) and not opened:
            opened = find_header_row(block.rows) is not None or _content_head(block) is not None
            if not opened:
                if any(not cell.is_empty for row in block.rows for cell in row.cells):
                    warnings.append(warn(
                        WarningCode.TABLE_WITHOUT_HEADER,
                        "a table with no recognisable header row was skipped",
                        page=block.page, line=block.rows[0].line if block.rows else None))
                continue
        kept.append(block)
    return tuple(kept), warnings


def _drop_running_text(blocks: Sequence[Block], running: frozenset[str]) -> tuple[Block, ...]:
    """Drop page furniture (page numbers), and after the first table the running headers
    and footers: above it, a running header (letterhead, ministry) is the heading's."""
    kept: list[Block] = []
    after_table = False
    for block in blocks:
        if isinstance(block, RawTable):
            after_table = True
        elif is_page_furniture(block.text) or (after_table and running_key(block) in running):
            continue
        kept.append(block)
    return tuple(kept)


def _table_parts(blocks: Sequence[Block]) -> tuple[list[_Part], tuple[TextLine, ...]]:
    """Each table block with the text above it, and the text after the last table."""
    parts: list[_Part] = []
    pending: list[TextLine] = []
    for block in blocks:
        if isinstance(block, TextLine):
            pending.append(block)
        else:
            parts.append(_Part(tuple(pending), block))
            pending = []
    return parts, tuple(pending)


def _take_heading(parts: list[_Part]) -> tuple[Header, list[TextLine], list[_Part]]:
    """Read the header from the text above the first table; what follows the heading there
    (a section title) stays above the first table."""
    first = parts[0]
    header, heading, section = _split_heading(list(first.above))
    return header, heading, [_Part(tuple(section), first.table), *parts[1:]]


def _assemble(parts: Sequence[_Part]) -> tuple[list[_Builder], list[str], list[ParseWarning]]:
    """Join each table part to the table it opens or continues, and place its rows.

    Returns the tables being built, in order, the footnotes found between them and the
    warnings about text that could not be placed."""
    builders: list[_Builder] = []
    footnotes: list[str] = []
    warnings: list[ParseWarning] = []
    for part in parts:
        found = find_header_row(part.table.rows)
        above = list(part.above)
        stray = _stray_page_top(builders[-1] if builders else None, part.table, found, above)
        if stray:
            above = [line for line in above if all(line is not s for s in stray)]
            printed = " / ".join(line.text for line in stray)
            warnings.append(warn(
                WarningCode.PAGE_STRAY_TEXT,
                f"text {printed!r} at the top of page {part.table.page}, inside a row that "
                "goes on from the page before, was ignored", page=part.table.page))
        notes, section = _split_between(above)
        footnotes.extend(notes)
        fresh = None
        if found is None and builders and _next_section(part.table, section, builders[-1]):
            builders.append(_Builder(section, builders[-1].columns, builders[-1].roles))
            _place_rows(builders, part.table, part.table.rows, footnotes)
            continue
        if found is None and not (builders and _plainly_continues(part.table, section,
                                                                   builders[-1])):
            fresh = _content_head(part.table)
            if fresh is not None and builders and _next_part(fresh, part.table, section,
                                                              builders[-1]):
                fresh = None
        head = found or fresh
        if head is None:
            body = _continue_table(builders[-1], part.table, section, footnotes, warnings)
        else:
            body = _open_table(builders, part.table, head, section, warnings)
        _place_rows(builders, part.table, body, footnotes)
    return builders, footnotes, warnings


def _content_head(table: RawTable) -> ContentHead | None:
    """The head of a table no header row of the vocabulary opens, read from its cells."""
    return head_from_content([row.texts for row in table.rows])


def _next_part(head: ContentHead, table: RawTable, section: str | None, current: _Builder) -> bool:
    """Whether a part the cells read as a laureates table goes on with the table above: it has
    no header row of its own (a header row fills every column; the rest of a row cut by the
    page end does not) and as many columns, and it is on a new page (text printed between is
    then a footnote) or no section is printed between. A part under a header row is opened as
    a table, which goes on with the one above if the header repeats."""
    if head.index is not None and all(not cell.is_empty for cell in table.rows[head.index].cells):
        return False
    return len(head.roles) == len(current.columns) and (section is None or table.page is not None)


def _plainly_continues(table: RawTable, section: str | None, current: _Builder) -> bool:
    """Whether a part no header row of the vocabulary opens goes on with the table above
    whatever roles its cells would be given (:func:`_next_part` for any head read from them):
    as many printed columns and no header row of its own (:func:`_headless_as_wide`), and
    on a new page or under no heading. Tested first: it spares the role search over the
    whole part."""
    return (section is None or table.page is not None) and _headless_as_wide(table, current)


def _next_section(table: RawTable, section: str | None, current: _Builder) -> bool:
    """Whether a part of text under a heading is the next section of the table above (a list
    grouped under headings, the header row printed once): as many printed columns and no
    header row of its own (:func:`_headless_as_wide`), whatever its cells say of roles."""
    return section is not None and table.page is None and _headless_as_wide(table, current)


def _headless_as_wide(table: RawTable, current: _Builder) -> bool:
    """As many printed columns as the table above, and no row the cells read as a header, or
    one that does not fill every column (the rest of a row cut by the page end)."""
    index, width = content_header_row([row.texts for row in table.rows], current.roles)
    if width != len(current.columns):
        return False
    return index is None or any(cell.is_empty for cell in table.rows[index].cells)


def _open_table(
    builders: list[_Builder],
    table: RawTable,
    head: tuple[int, list[Role]] | ContentHead,
    section: str | None,
    warnings: list[ParseWarning],
) -> Sequence[RawRow]:
    """A part with a header row (or cells read as a laureates table): a new table, or the
    last one going on (same roles or columns, no section between) when it repeats its header.
    The cells weigh in the roles (see :mod:`aap_parser.layout.content`); a role they decided
    is warned. Returns the rows under the header."""
    if isinstance(head, ContentHead):
        index = -1 if head.index is None else head.index
        columns, roles, notes = head.columns, head.roles, head.notes
    else:
        index = head[0]
        columns = tuple(table.rows[index].texts)
        two_level = _two_level_header(table.rows, index)
        if two_level is not None:
            columns = two_level[0]
            index += 1
        roles, notes = settle_roles(columns, [row.texts for row in table.rows[index + 1:]])
    line = table.rows[max(index, 0)].line if table.rows else None
    warnings.extend(warn(code, message, page=table.page, line=line) for code, message in notes)
    body: Sequence[RawRow] = table.rows[index + 1:]
    above = [_spanning_text(row) for row in table.rows[:index]]
    if section is None and above and above[-1] is not None:
        section = above[-1]
    current = builders[-1] if builders else None
    same = current is not None and (roles == current.roles or columns == current.columns)
    if current is not None and same and section is None:
        if current.last_part is not None:
            body = _stitch(current, current.last_part, body)
        return body
    builders.append(_Builder(section, columns, tuple(roles)))
    return body


def _continue_table(
    current: _Builder,
    table: RawTable,
    section: str | None,
    footnotes: list[str],
    warnings: list[ParseWarning],
) -> Sequence[RawRow]:
    """A part without a header row goes on with the table above; a heading printed between
    the two cannot open a table without columns, so it is kept as a footnote, warned."""
    if section is not None:
        warnings.append(warn(
            WarningCode.HEADING_WITHOUT_HEADER,
            f"text {section!r} between table parts was kept as a footnote",
            page=table.page))
        footnotes.append(section)
    if current.last_part is not None:
        return _stitch(current, current.last_part, table.rows)
    return table.rows


def _place_rows(
    builders: list[_Builder], table: RawTable, body: Sequence[RawRow], footnotes: list[str]
) -> None:
    """Add a part's body rows to the last table. A row with text in its first cell only is
    a footnote, a region naming the rows below it, or a section heading opening a new table
    with the same columns."""
    current = builders[-1]
    if table.page is not None and table.page not in current.pages:
        current.pages.append(table.page)
    for row in body:
        text = _spanning_text(row)
        if text is not None and _FOOTNOTE_START.match(text):
            footnotes.append(text)
        elif text is not None and "region" in current.roles and is_region_name(text):
            current.group_region = RawCell(lines=(text,))
        elif text is not None:
            current = _Builder(text, current.columns, current.roles, last_part=table)
            builders.append(current)
            if table.page is not None:
                current.pages.append(table.page)
        else:
            _add_row(current, row)
    current.last_part = table


def _empty_tables(builders: Sequence[_Builder]) -> list[ParseWarning]:
    """A warning for each table that has a header but no rows, unless its header heads the
    sections that follow it (a header row, then a heading over each group of rows)."""
    return [
        warn(
            WarningCode.TABLE_WITHOUT_ROWS,
            f"the table with columns {' | '.join(builder.columns)} has a header but no rows",
            page=builder.pages[0] if builder.pages else None,
        )
        for builder, after in zip(builders, [*builders[1:], None], strict=True)
        if not builder.rows and not _heads_sections(builder, after)
    ]


def _heads_sections(builder: _Builder, after: _Builder | None) -> bool:
    """True when ``after`` is a section opened under ``builder``'s header row."""
    return (
        after is not None
        and after.section is not None
        and after.section != builder.section
        and after.columns == builder.columns
        and after.roles == builder.roles
    )


def _stray_page_top(current: _Builder | None, block: RawTable,
                    found: tuple[int, list[Role]] | None,
                    pending: list[TextLine]) -> list[TextLine]:
    """Text printed at the top of a page above a table part whose first row continues the row
    broken at the end of the page before (a stamp, a reference number): it is no section and
    no footnote, since nothing is printed between the two halves of a row."""
    if current is None or not current.rows or current.last_part is None or block.page is None:
        return []
    if block.page == current.last_part.page:
        return []
    top = [line for line in pending if line.page == block.page]
    if not top:
        return []
    if found is not None and tuple(found[1]) != current.roles:
        return []
    body = block.rows[found[0] + 1:] if found is not None else block.rows
    rows = [row for row in body if not all(cell.is_empty for cell in row.cells)]
    if not rows or not _continues(current.roles, current.rows[-1], rows[0], current.last_part):
        return []
    return top


def _two_level_header(
    rows: Sequence[RawRow], index: int
) -> tuple[tuple[str, ...], list[Role]] | None:
    """Columns and roles of a header printed on two rows ("Collectivités" over "française" and
    "partenaire"), when the row under the header row is itself only header vocabulary.

    A top cell left blank by a horizontal merge takes the text of the nearest one on its left.
    """
    if index + 1 >= len(rows):
        return None
    top, below = rows[index].texts, rows[index + 1].texts
    filled = [text for text in below if text]
    if len(filled) < 2 or any(header_role(text) is None for text in filled):
        return None
    columns: list[str] = []
    carried = ""
    for i, lower in enumerate(below):
        upper = top[i] if i < len(top) else ""
        carried = upper or (carried if lower else "")
        columns.append(" ".join(part for part in (upper or carried, lower) if part))
    roles = header_roles(columns)
    return (tuple(columns), roles) if roles is not None else None


def _spanning_text(row: RawRow) -> str | None:
    """The text of a row that holds one cell of text in its first column and nothing else:
    a heading printed across the table (a section such as "Projets retenus sous conditions",
    a region naming the group below, or a note)."""
    if len(row.cells) < 3 or row.cells[0].is_empty:
        return None
    if any(not cell.is_empty for cell in row.cells[1:]):
        return None
    text = row.cells[0].text
    return text if len(text) <= _MAX_SECTION_CHARS else None


def _repeated_page_text(document: SourceDocument) -> frozenset[str]:
    """Running headers and footers of the document (see :func:`aap_parser.grid.running_lines`)."""
    return running_lines(block for block in document.blocks if isinstance(block, TextLine))


def _split_heading(lines: list[TextLine]) -> tuple[Header, list[TextLine], list[TextLine]]:
    """Read the header from the lines above the first table and split them into the heading
    and the first table's section.

    The section is the last paragraph the heading reader could not place, when it closes the
    run and reads as a sub-heading; it is handed to :func:`_split_between` by the caller.
    """
    header, leftovers = read_header(lines)
    if not leftovers:
        return header, lines, []
    groups = paragraphs(leftovers)
    last = groups[-1]
    if lines and last.lines[-1] is lines[-1] and _is_section(last.text):
        kept = [line for line in lines if all(line is not other for other in last.lines)]
        return header, kept, list(last.lines)
    return header, lines, []


def _is_section(text: str) -> bool:
    """A sub-heading: short, no footnote mark; either in the vocabulary of sections or a
    short phrase that is not a sentence ("Le comité a retenu les projets suivants :" is not)."""
    if not text or len(text) > _MAX_SECTION_CHARS or _FOOTNOTE_START.match(text):
        return False
    if _SECTION_WORDS.search(text):
        return True
    return len(text.split()) <= _MAX_SECTION_WORDS and not text.rstrip().endswith((".", ":"))


def _split_between(lines: list[TextLine]) -> tuple[list[str], str | None]:
    """Text between two tables: footnotes of the one above, then the next one's heading."""
    if not lines:
        return [], None
    groups = paragraphs(lines)
    last = groups[-1].text
    if _is_section(last):
        return _footnotes([line for group in groups[:-1] for line in group.lines]), last
    return _footnotes(lines), None


# Cells of a space-aligned row: text, a gap of 3+ spaces, text, twice or more in a line;
# lines of one run are at most this many lines apart (a cell's wrapped lines between).
_COLUMNED = regex.compile(r"\S {3,}\S.*?\S {3,}\S")
_RUN_GAP = 3


def _text_like_rows(lines: Sequence[TextLine]) -> list[ParseWarning]:
    """One warning for each run of lines after the first table that are printed in columns
    like table rows but were not read as a table (a header in words the reader does not
    know, say): laureates may be missing, and the text is kept as a footnote."""
    warnings: list[ParseWarning] = []
    last: tuple[int | None, int] | None = None  # page and line of the last such line
    for line in lines:
        if line.line is None or not _COLUMNED.search(line.text):
            continue
        if last is None or last[0] != line.page or line.line - last[1] > _RUN_GAP:
            shown = collapse_spaces(line.text)
            shown = shown[:80] + "…" if len(shown) > 80 else shown
            warnings.append(warn(
                WarningCode.TEXT_LIKE_ROWS,
                f"text after the table printed in columns, like rows, was not read as a "
                f"table: {shown!r}",
                page=line.page, line=line.line))
        last = (line.page, line.line)
    return warnings


def _footnotes(lines: list[TextLine]) -> list[str]:
    """Footnote paragraphs; a line opening with a footnote mark always starts a new one."""
    notes: list[list[TextLine]] = []
    for group in paragraphs(lines):
        for line in group.lines:
            if not notes or line is group.lines[0] or _FOOTNOTE_START.match(line.text):
                notes.append([line])
            else:
                notes[-1].append(line)
    return [join_lines([line.text for line in note]) for note in notes]


def _is_repeat_header(row: RawRow, builder: _Builder) -> bool:
    """Whether a row repeats the table's header: the same cells, or cells naming the same
    roles. Each cell of a role must name it (checked column by column first, as a body row
    fails at once) before the whole row is read as a header."""
    texts = row.texts
    if texts == builder.columns and any(texts):
        return True
    if any(
        role != "extra" and (header_role(text) if text.strip() else None) != role
        for text, role in zip(texts, builder.roles, strict=False)
    ):
        return False
    roles = header_roles(list(texts))
    return roles is not None and tuple(roles) == builder.roles


def _add_row(builder: _Builder, row: RawRow) -> None:
    if all(cell.is_empty for cell in row.cells):
        return
    if _is_repeat_header(row, builder):
        return
    width = len(builder.columns)
    cells = list(row.cells)
    overflow: tuple[str, ...] = ()
    warnings: list[ParseWarning] = []
    while len(cells) > width and cells[-1].is_empty:
        cells.pop()
    if len(cells) > width:
        overflow = tuple(cell.text for cell in cells[width:])
        warnings.append(warn(
            WarningCode.ROW_EXTRA_CELLS,
            f"row has {len(cells)} cells for {width} columns; the extra cells are kept in extra",
            page=row.page, line=row.line, cells=tuple(cell.text for cell in row.cells)))
        cells = cells[:width]
    elif len(cells) < width:
        if len(row.cells) < width and any(not c.is_empty for c in row.cells):
            cells = _realigned(builder, row, warnings)
        cells.extend(RawCell() for _ in range(width - len(cells)))
    if builder.group_region is not None:
        region = builder.roles.index("region")
        if cells[region].is_empty:
            cells[region] = builder.group_region
        builder.group_region = None
    builder.rows.append(LaidOutRow(tuple(cells), row.page, row.line, row.bbox, overflow=overflow,
                                   warnings=tuple(warnings)))


def _realigned(builder: _Builder, row: RawRow, warnings: list[ParseWarning]) -> list[RawCell]:
    """A row printed short, its cells placed in the columns their content fits (see
    :func:`~aap_parser.layout.content.realign`); the columns left out are named in a warning."""
    width = len(builder.columns)
    kept = realign([cell.text for cell in row.cells], builder.roles, has_above=bool(builder.rows))
    cells = [RawCell() for _ in range(width)]
    for cell, column in zip(row.cells, kept, strict=True):
        cells[column] = cell
    left_out = [i for i in range(width) if i not in kept]
    names = ", ".join(
        f"{builder.columns[i] or f'column {i + 1}'} ({builder.roles[i]})" for i in left_out)
    how = "left to right" if list(kept) == list(range(len(kept))) else "by their content"
    warnings.append(warn(
        WarningCode.ROW_MISSING_CELLS,
        f"row has {len(row.cells)} cells for {width} columns; cells were placed {how} and "
        f"{names} left empty",
        page=row.page, line=row.line, cells=tuple(cell.text for cell in row.cells)))
    return cells


def _stitch(builder: _Builder, previous: RawTable, body: Sequence[RawRow]) -> Sequence[RawRow]:
    """Join a row broken at the page end: the first row of this part continues the last one."""
    rows = [row for row in body if not all(cell.is_empty for cell in row.cells)]
    if not rows or not builder.rows:
        return body
    first = rows[0]
    last = builder.rows[-1]
    if not _continues(builder.roles, last, first, previous):
        return body
    merged = tuple(
        _merge_cells(a, b) for a, b in zip(last.cells, _pad(first.cells, len(last.cells)),
                                           strict=True)
    )
    builder.rows[-1] = replace(last, cells=merged)
    skip = body.index(first)
    return body[skip + 1:]


def _pad(cells: tuple[RawCell, ...], width: int) -> tuple[RawCell, ...]:
    if len(cells) >= width:
        return cells[:width]
    return cells + tuple(RawCell() for _ in range(width - len(cells)))


def _merge_cells(above: RawCell, below: RawCell) -> RawCell:
    if below.is_empty:
        return above
    return RawCell(lines=above.lines + below.lines, bbox=above.bbox,
                   merged_from_above=above.merged_from_above)


def _continues(roles: tuple[Role, ...], last: LaidOutRow, first: RawRow,
               previous: RawTable) -> bool:
    """Whether ``first`` (top of a new page) is the rest of ``last`` (bottom of the page before).

    A new row names its lead; the rest of a broken row leaves the lead blank (or continues its
    text in lower case) and shows that it continues: a cell starting in lower case or with a
    bracket, a cell above ending mid-phrase (hyphen, comma, article), or a blank key cell.
    """
    if previous.rows and previous.rows[-1].bbox is not None and not previous.reaches_page_bottom:
        return False
    cells = _pad(first.cells, len(roles))
    if _complements(roles, last, cells):
        return True
    lead = roles.index("lead") if "lead" in roles else None
    if (
        lead is not None
        and not cells[lead].is_empty
        and not _STARTS_LOWER.match(cells[lead].text)
        and not (not last.cells[lead].is_empty and _left_open(last.cells[lead].text))
    ):
        return False
    starts_lower = any(not c.is_empty and _STARTS_LOWER.match(c.text) for c in cells)
    above_open = any(
        not below.is_empty and not above.is_empty and _left_open(above.text)
        for above, below in zip(last.cells, cells, strict=False)
    )
    key_blank = any(
        cells[i].is_empty for i, role in enumerate(roles) if role in ("partners", "title")
    )
    return starts_lower or above_open or key_blank


def _complements(roles: tuple[Role, ...], last: LaidOutRow, cells: tuple[RawCell, ...]) -> bool:
    """The row above lacks its partners or title and the row below fills only cells left blank
    above: one row whose cells the page break parted (a producer keeping a cell's lines together
    moves some cells whole to the next page, e.g. a one-line merged region stays behind)."""
    key_missing = any(
        last.cells[i].is_empty for i, role in enumerate(roles) if role in ("partners", "title")
    )
    filled = [i for i, cell in enumerate(cells) if not cell.is_empty]
    return key_missing and bool(filled) and all(last.cells[i].is_empty for i in filled)


def _left_open(text: str) -> bool:
    """A cell text that stops mid-phrase: a hyphen, comma, article or an open bracket."""
    return stops_mid_phrase(text)


def _carry_over(table: LaidOutTable) -> LaidOutTable:
    """Fill blank region, lead and country cells, and any vertically merged cell (also one
    merged across a page break), from the row above."""
    rows: list[LaidOutRow] = []
    previous: tuple[RawCell, ...] | None = None
    # A column merged down a group somewhere: at a page top, a blank cell of it is the rest
    # of a group merged across the page break (the producer prints the text on one page).
    merged = {i for row in table.rows for i, cell in enumerate(row.cells) if cell.merged_from_above}
    page: int | None = None
    for row in table.rows:
        cells = list(row.cells)
        carried: set[int] = set()
        page_top = row.page is not None and page is not None and row.page != page
        page = row.page if row.page is not None else page
        for i, cell in enumerate(cells):
            role = table.roles[i]
            if previous is None or not cell.is_empty:
                continue
            merged_here = cell.merged_from_above or (page_top and i in merged)
            if (role in CARRIED_ROLES or merged_here) and not previous[i].is_empty:
                cells[i] = RawCell(lines=previous[i].lines, bbox=cell.bbox, merged_from_above=True)
                carried.add(i)
        if carried or row.carried:  # a row with nothing carried stays as it is
            row = replace(row, cells=tuple(cells), carried=frozenset(carried))
        previous = row.cells
        rows.append(row)
    return replace(table, rows=tuple(rows))
