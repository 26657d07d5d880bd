"""Text renditions of a spec: the seed's tab-separated form and a markdown pipe table.

Both print the header block line by line (direction and delegation wrapped as in the spec, with
markdown ** / * emphasis), then each table; a blank cell is a cell carried over from above.
"""

from __future__ import annotations

from .spec import AnnouncementSpec, TableSpec


def _header_lines(spec: AnnouncementSpec) -> list[str]:
    """The heading block: ministry, bold direction, italic delegation, date and title."""
    h = spec.header
    lines: list[str] = []
    if h.ministry:
        lines += [h.ministry, ""]
    direction = list(h.direction)
    direction[0] = "**" + direction[0]
    direction[-1] += "**"
    delegation = list(h.delegation)
    delegation[0] = "*" + delegation[0]
    delegation[-1] += "*"
    lines += [*direction, *delegation, "", h.date_line, "", h.title, ""]
    return lines


def _tab_table(t: TableSpec) -> list[str]:
    lines = [t.section, ""] if t.section else []
    lines.append("\t".join(t.columns))
    lines += ["\t".join(row.cells) for row in t.rows]
    if t.footnotes:
        lines += ["", *t.footnotes]
    return lines


def render_tab(spec: AnnouncementSpec) -> str:
    """The seed's form: header lines, then tab-separated rows; blank cell = carried over."""
    lines = _header_lines(spec)
    for i, t in enumerate(spec.tables):
        if i:
            lines.append("")
        lines += _tab_table(t)
    return "\n".join(lines) + "\n"


def _pipe_row(cells: list[str] | tuple[str, ...], outer: bool) -> str:
    """One markdown pipe row; an empty cell prints as ``|  |``."""
    inner = " | ".join(cells)
    return f"| {inner} |" if outer else inner


def _pipe_table(t: TableSpec, outer: bool, artefact: str | None) -> list[str]:
    lines = [t.section, ""] if t.section else []
    n = len(t.columns)
    rule = _pipe_row(["---"] * n, outer)
    if artefact == "empty_header":
        lines += [_pipe_row([""] * n, outer), rule, _pipe_row(t.columns, outer)]
    elif artefact == "generic_header":
        generic = [f"Colonne{i + 1}" for i in range(n)]
        lines += [_pipe_row(generic, outer), rule, _pipe_row(t.columns, outer)]
    else:
        lines += [_pipe_row(t.columns, outer), rule]
    lines += [_pipe_row(row.cells, outer) for row in t.rows]
    if t.footnotes:
        lines += ["", *t.footnotes]
    return lines


def render_pipe(spec: AnnouncementSpec) -> str:
    """A markdown pipe table rendition (outer pipes and header artefacts per the spec)."""
    lines = _header_lines(spec)
    for i, t in enumerate(spec.tables):
        if i:
            lines.append("")
        lines += _pipe_table(t, spec.render.pipe_outer, spec.render.pipe_artefact)
    return "\n".join(lines) + "\n"
