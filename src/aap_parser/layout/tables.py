"""Lay out the raw document: find header rows, stitch page parts, carry merged cells over.

Input is a :class:`~aap_parser.grid.SourceDocument`; output is a :class:`Layout`: the
heading lines, one :class:`LaidOutTable` per printed table (its section heading, columns
and roles, and rows whose cells are aligned to the columns), footnotes and warnings.
Nothing here interprets a cell's content beyond what layout needs (is it empty, does it
continue a row broken at a page end).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import regex

from aap_parser.enrich import is_region_name
from aap_parser.errors import NoTableError
from aap_parser.grid import BBox, RawCell, RawRow, RawTable, SourceDocument, TextLine, join_lines
from aap_parser.header import is_page_furniture, paragraphs, read_header
from aap_parser.layout.content import ContentHead, head_from_content, realign, settle_roles
from aap_parser.layout.roles import header_role, header_roles
from aap_parser.models import Role

_FOOTNOTE_START = regex.compile(r"^(?:\*+|\(\d+\)|\d+\)|\[\d+\]|nb\b|n\.b\.|note\b|source\b)",
                                regex.IGNORECASE)
_CONTINUES = regex.compile(r"(?:[-‐,;:/(]|\b(?:de|du|des|la|le|les|l[’']|d[’']|et|à|au|aux|en|"
                           r"pour|par|sur|dans|avec|un|une))$", regex.IGNORECASE)
_STARTS_LOWER = regex.compile(r"^[\p{Ll}(\[)’'«\"]")
_DIGITS = regex.compile(r"\d+")
_CARRY_ROLES: frozenset[Role] = frozenset({"region", "lead"})
_MAX_SECTION_CHARS = 160
_MAX_SECTION_WORDS = 10
_SECTION_WORDS = regex.compile(
    r"projets?\s+(?:retenus?|s[ée]lectionn[ée]s?|laur[ée]ats?)|sous\s+conditions?|"
    r"liste\s+(?:compl[ée]mentaire|principale|d[’']attente)|\bAAP\b|appels?\s+[àa]\s+projets?|"
    r"\b(?:annuel|biennal|triennal)(?:le)?s?\b|\bvolet\b|\bcat[ée]gorie\b",
    regex.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class LayoutWarning:
    """A layout problem worth telling the user, with where it happened."""

    code: str
    message: str
    page: int | None = None
    line: int | None = None
    cells: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class LaidOutRow:
    """A body row with exactly one cell per column and the columns carried from above."""

    cells: tuple[RawCell, ...]
    page: int | None = None
    line: int | None = None
    bbox: BBox | None = None
    carried: frozenset[int] = frozenset()
    overflow: tuple[str, ...] = ()


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
    """The document laid out: heading lines, tables, footnotes, warnings."""

    heading: tuple[TextLine, ...]
    tables: tuple[LaidOutTable, ...]
    footnotes: tuple[str, ...]
    warnings: tuple[LayoutWarning, ...]


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
    """Index and roles of the first row among the first ``limit`` that reads as a header."""
    for index, row in enumerate(rows[:limit]):
        roles = header_roles(list(row.texts))
        if roles is not None:
            return index, roles
    return None


def lay_out(document: SourceDocument) -> Layout:
    """Turn the raw document into laid-out tables (see the module docstring)."""
    furniture = _repeated_page_text(document)
    warnings: list[LayoutWarning] = []
    heading: list[TextLine] | None = None
    pending: list[TextLine] = []
    builders: list[_Builder] = []
    footnotes: list[str] = []
    current: _Builder | None = None

    for block in document.blocks:
        if isinstance(block, TextLine):
            # A running header (letterhead, ministry) above the first table is the heading's.
            repeated = heading is not None and _furniture_key(block) in furniture
            if not is_page_furniture(block.text) and not repeated:
                pending.append(block)
            continue
        found = find_header_row(block.rows)
        fresh = None
        if found is None and (current is None or block.page is None):
            fresh = head_from_content([row.texts for row in block.rows])
        if found is None and fresh is None and current is None:
            if any(not cell.is_empty for row in block.rows for cell in row.cells):
                warnings.append(LayoutWarning(
                    "table-without-header",
                    "a table with no recognisable header row was skipped",
                    page=block.page, line=block.rows[0].line if block.rows else None))
            continue
        if heading is None:
            heading, pending = _split_heading(pending)
        notes, section = _split_between(pending)
        pending = []
        footnotes.extend(notes)
        if fresh is not None and current is not None and _next_part(fresh, section, current):
            fresh = None
        if found is not None or fresh is not None:
            if found is not None:
                index = found[0]
                columns = tuple(block.rows[index].texts)
                two_level = _two_level_header(block.rows, index)
                if two_level is not None:
                    columns = two_level[0]
                    index += 1
                roles, role_notes = settle_roles(
                    columns, [row.texts for row in block.rows[index + 1:]])
            else:
                assert fresh is not None
                index = -1 if fresh.index is None else fresh.index
                columns, roles, role_notes = fresh.columns, fresh.roles, fresh.notes
            warnings.extend(
                LayoutWarning(code, message, page=block.page, line=block.rows[max(index, 0)].line)
                for code, message in role_notes)
            body: Sequence[RawRow] = block.rows[index + 1:]
            above = [_spanning_text(row) for row in block.rows[:index]]
            if section is None and above and above[-1] is not None:
                section = above[-1]
            same = current is not None and section is None and (
                tuple(roles) == current.roles or columns == current.columns)
            if current is None or not same:
                current = _Builder(section, columns, tuple(roles))
                builders.append(current)
            elif current.last_part is not None:
                body = _stitch(current, current.last_part, body)
        else:
            assert current is not None
            if section is not None:
                warnings.append(LayoutWarning(
                    "heading-without-header",
                    f"text {section!r} between table parts was kept as a footnote",
                    page=block.page))
                footnotes.append(section)
            body = block.rows
            if current.last_part is not None:
                body = _stitch(current, current.last_part, body)
        if block.page is not None and block.page not in current.pages:
            current.pages.append(block.page)
        for row in body:
            text = _spanning_text(row)
            if text is not None and _FOOTNOTE_START.match(text):
                footnotes.append(text)
            elif text is not None and "region" in current.roles and is_region_name(text):
                current.group_region = RawCell(lines=(text,))
            elif text is not None:
                current = _Builder(text, current.columns, current.roles, last_part=block)
                builders.append(current)
                if block.page is not None:
                    current.pages.append(block.page)
            else:
                _add_row(current, row, warnings)
        current.last_part = block

    if not builders:
        raise NoTableError(
            "no laureates table found: no row names the expected columns "
            "(région, collectivité chef de file, partenaire, titre du projet)"
        )
    footnotes.extend(_footnotes(pending))
    for builder in builders:
        if not builder.rows:
            warnings.append(LayoutWarning(
                "table-without-rows",
                f"the table with columns {' | '.join(builder.columns)} has a header but no rows",
                page=builder.pages[0] if builder.pages else None))
    tables = [_carry_over(builder.freeze()) for builder in builders]
    return Layout(tuple(heading or ()), tuple(tables), tuple(footnotes), tuple(warnings))


def _next_part(head: ContentHead, section: str | None, current: _Builder) -> bool:
    """A text table without a header row, right under one as wide, continues it."""
    return head.index is None and section is None and len(head.roles) == len(current.columns)


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


def _furniture_key(line: TextLine) -> str:
    return _DIGITS.sub("#", " ".join(line.text.split()).lower())


def _repeated_page_text(document: SourceDocument) -> frozenset[str]:
    """Running headers and footers: text lines printed alike on two pages or more."""
    pages_of: dict[str, set[int]] = {}
    for block in document.blocks:
        if isinstance(block, TextLine) and block.page is not None:
            pages_of.setdefault(_furniture_key(block), set()).add(block.page)
    return frozenset(key for key, pages in pages_of.items() if len(pages) >= 2)


def _split_heading(lines: list[TextLine]) -> tuple[list[TextLine], list[TextLine]]:
    """Split the lines above the first table into the heading and the first table's section.

    The section is the last paragraph the heading reader could not place, when it closes the
    run and reads as a sub-heading; it is handed to :func:`_split_between` by the caller.
    """
    _, leftovers = read_header(lines)
    if not leftovers:
        return lines, []
    groups = paragraphs(leftovers)
    last = groups[-1]
    if lines and last.lines[-1] is lines[-1] and _is_section(last.text):
        kept = [line for line in lines if all(line is not other for other in last.lines)]
        return kept, list(last.lines)
    return lines, []


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
    if any(row.texts) and row.texts == builder.columns:
        return True
    roles = header_roles(list(row.texts))
    return roles is not None and tuple(roles) == builder.roles


def _add_row(builder: _Builder, row: RawRow, warnings: list[LayoutWarning]) -> None:
    if all(cell.is_empty for cell in row.cells):
        return
    if _is_repeat_header(row, builder):
        return
    width = len(builder.columns)
    cells = list(row.cells)
    overflow: tuple[str, ...] = ()
    while len(cells) > width and cells[-1].is_empty:
        cells.pop()
    if len(cells) > width:
        overflow = tuple(cell.text for cell in cells[width:])
        warnings.append(LayoutWarning(
            "row-extra-cells",
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
    builder.rows.append(LaidOutRow(tuple(cells), row.page, row.line, row.bbox, overflow=overflow))


def _realigned(builder: _Builder, row: RawRow, warnings: list[LayoutWarning]) -> list[RawCell]:
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
    warnings.append(LayoutWarning(
        "row-missing-cells",
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
    return _CONTINUES.search(text) is not None or text.count("(") > text.count(")")


def _carry_over(table: LaidOutTable) -> LaidOutTable:
    """Fill blank region and lead cells, and any vertically merged cell, from the row above."""
    rows: list[LaidOutRow] = []
    previous: tuple[RawCell, ...] | None = None
    for row in table.rows:
        cells = list(row.cells)
        carried: set[int] = set()
        for i, cell in enumerate(cells):
            role = table.roles[i]
            if previous is None or not cell.is_empty:
                continue
            if (role in _CARRY_ROLES or cell.merged_from_above) and not previous[i].is_empty:
                cells[i] = RawCell(lines=previous[i].lines, bbox=cell.bbox, merged_from_above=True)
                carried.add(i)
        previous = tuple(cells)
        rows.append(replace(row, cells=tuple(cells), carried=frozenset(carried)))
    return replace(table, rows=tuple(rows))
