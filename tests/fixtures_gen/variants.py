"""Text variants of a spec as lists are printed on the web: other header words, no header row,
pipe tables without their ``---`` line, rows printed one cell short, columns in another order,
a row-number column, a per-row programme column; and as a spreadsheet writes it, a tab table
copied from a sheet or a sheet saved as CSV with semicolons, each list of partners broken over
lines inside its quoted cell; and grouped under region headings (the header row printed once,
each region a heading over its rows, no region column).

Each variant is a transformed spec printed as text, with the laureates a correct parser must read
from it (``build_golden`` of the transformed spec). The header words are chosen outside the
parser's vocabulary on purpose: the column roles must come from what the cells hold. Run
``python -m tests.fixtures_gen.variants`` to write ``tests/fixtures/variants`` (``--check``
compares, ``--score`` counts the laureates read exactly).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make ``tests.fixtures_gen`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    __package__ = "tests.fixtures_gen"

from aap_parser.enrich import is_region_name
from aap_parser.models import Announcement, Source

from .files import changed_files, write_files
from .golden import build_golden
from .render_text import _header_lines
from .spec import AnnouncementSpec, PartnerSpec, Role, RowSpec, TableSpec, load_all_specs

VARIANTS_DIR = Path(__file__).parents[1] / "fixtures" / "variants"

# Header words for each role, most of them outside the parser's header vocabulary.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "region": ("Territoire", "Localisation", "Zone", "Implantation"),
    "lead": ("Maître d'ouvrage", "Bénéficiaire", "Lauréat", "Structure"),
    "partners": ("Lieu de réalisation", "Contrepartie", "Homologue", "Jumelage"),
    "title": ("Libellé", "Nature du projet", "Description", "Action"),
    "amount": ("Aide accordée", "Enveloppe", "Participation de l'État", "Crédits"),
    "country": ("Destination", "Zone géographique", "État partenaire", "Nation"),
    "number": ("Projet", "Dossier", "Réf.", "Ligne"),
    "programme": ("Guichet", "Fenêtre", "Procédure", "Session"),
    "theme": ("Thématique", "Secteur", "Domaine", "Thème"),
}


@dataclass(frozen=True)
class TextVariant:
    """A variant: its spec (printed columns may be blank), how it prints, what it reads as."""

    name: str
    spec: AnnouncementSpec
    header: bool = True
    rule: bool = True
    outer: bool = True
    short_rows: bool = False
    junk_header: bool = False
    tab: bool = False
    sheet: str = ""
    """The separator a spreadsheet writes the table with (a tab, ";"), quoting as CSV does;
    empty: a tab or pipe table as typed."""
    grouped: bool = False
    """The tables are the groups of a list under region headings: the header row is printed
    over the first only, and each group's rows take their region from its heading."""


def _pick(key: str, options: tuple[str, ...]) -> str:
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return options[digest[0] % len(options)]


def _map_tables(
    spec: AnnouncementSpec, change: Callable[[TableSpec], TableSpec]
) -> AnnouncementSpec:
    return replace(spec, tables=tuple(change(t) for t in spec.tables))


def _reworded(spec: AnnouncementSpec) -> AnnouncementSpec:
    def change(t: TableSpec) -> TableSpec:
        columns = tuple(
            column if role == "extra" else _pick(f"{spec.name}/{role}", SYNONYMS[role])
            for column, role in zip(t.columns, t.roles, strict=True)
        )
        return replace(t, columns=columns)

    return _map_tables(spec, change)


def _reordered(spec: AnnouncementSpec) -> AnnouncementSpec:
    """Columns printed in another order: title and partners swapped, region after the lead."""

    def change(t: TableSpec) -> TableSpec:
        order = list(range(len(t.roles)))
        pc, tc, rc, lc = t.col("partners"), t.col("title"), t.col("region"), t.col("lead")
        if pc is not None and tc is not None:
            order[pc], order[tc] = order[tc], order[pc]
        if rc is not None and lc is not None:
            order[rc], order[lc] = order[lc], order[rc]
        return _permuted(t, order)

    return _map_tables(spec, change)


def _permuted(t: TableSpec, order: list[int]) -> TableSpec:
    rows = tuple(replace(row, cells=tuple(row.cells[i] for i in order)) for row in t.rows)
    return replace(
        t,
        columns=tuple(t.columns[i] for i in order),
        roles=tuple(t.roles[i] for i in order),
        rows=rows,
    )


def _added_column(
    t: TableSpec, role: Role, column: str, values: list[str], at: int
) -> TableSpec:
    rows = tuple(
        replace(row, cells=(*row.cells[:at], value, *row.cells[at:]))
        for row, value in zip(t.rows, values, strict=True)
    )
    return replace(
        t,
        columns=(*t.columns[:at], column, *t.columns[at:]),
        roles=(*t.roles[:at], role, *t.roles[at:]),
        rows=rows,
    )


def _numbered(spec: AnnouncementSpec) -> AnnouncementSpec | None:
    """A first column "Projet" holding row numbers (tables that have none)."""
    if any("number" in t.roles for t in spec.tables):
        return None
    start = 0
    tables = []
    for t in spec.tables:
        values = [str(start + i + 1) for i in range(len(t.rows))]
        start += len(t.rows)
        tables.append(_added_column(t, "number", "Projet", values, 0))
    return replace(spec, tables=tuple(tables))


def _programme_name(spec: AnnouncementSpec) -> str:
    call = spec.header.call
    year = call.start_year or 2020
    if call.bilateral_country and call.name and call.name.lower().startswith("franco-"):
        return f"{call.name[0].upper()}{call.name[1:]} {year}"
    return f"{call.name or 'Généraliste'} {year}"


def _with_programme(spec: AnnouncementSpec) -> AnnouncementSpec | None:
    """A per-row programme column before the title: a bilateral programme's name gives the
    partners without a printed country their country (``country_from`` "row")."""
    if any("programme" in t.roles for t in spec.tables):
        return None
    name = _programme_name(spec)

    def change(t: TableSpec) -> TableSpec:
        at = t.col("title") or len(t.roles)
        added = _added_column(t, "programme", "Programme", [name] * len(t.rows), at)
        if "country" in t.roles:
            return added
        rows = tuple(
            replace(row, partners=tuple(_from_row(p) for p in row.partners)) for row in added.rows
        )
        return replace(added, rows=rows)

    return _map_tables(spec, change)


def _from_row(partner: PartnerSpec) -> PartnerSpec:
    return replace(partner, country_from="row") if partner.country_from == "call" else partner


def _headerless(spec: AnnouncementSpec) -> AnnouncementSpec:
    return _map_tables(spec, lambda t: replace(t, columns=("",) * len(t.columns)))


def _can_shorten(spec: AnnouncementSpec) -> bool:
    return any(
        any(cell == "" for cell in row.cells) for t in spec.tables for row in t.rows
    )


def variants(spec: AnnouncementSpec) -> Iterator[TextVariant]:
    """Every text variant of one spec."""
    n = spec.name
    yield TextVariant(f"{n}.words", _reworded(spec))
    yield TextVariant(f"{n}.noheader", _headerless(spec), header=False)
    yield TextVariant(f"{n}.norule", spec, rule=False, outer=spec.render.pipe_outer)
    yield TextVariant(f"{n}.norule-inner", spec, rule=False, outer=False)
    if _can_shorten(spec):
        yield TextVariant(f"{n}.short", spec, short_rows=True)
    yield TextVariant(f"{n}.reordered", _reordered(spec))
    numbered = _numbered(spec)
    if numbered is not None:
        yield TextVariant(f"{n}.numbered", numbered)
    programme = _with_programme(spec)
    if programme is not None:
        yield TextVariant(f"{n}.programme", programme)
    web = _reworded(_reordered(spec))
    yield TextVariant(
        f"{n}.web", web, rule=False, short_rows=_can_shorten(spec), junk_header=True
    )
    yield TextVariant(f"{n}.noheader-tab", _headerless(_reordered(spec)), header=False, tab=True)
    yield TextVariant(f"{n}.sheet", spec, sheet="\t")
    yield TextVariant(f"{n}.csv", spec, sheet=";")
    grouped = grouped_by_region(spec)
    if grouped is not None:
        yield TextVariant(f"{n}.headings", grouped, grouped=True)
        yield TextVariant(f"{n}.headings-tab", grouped, grouped=True, tab=True)


def grouped_by_region(spec: AnnouncementSpec) -> AnnouncementSpec | None:
    """The spec's tables cut into one table per region, headed by the region's name, without
    the region column; None when that cannot print the same laureates (a table with its own
    sub-heading or no region column, a region that is not a region's exact name, or a group
    whose first row carries a cell over from the group before)."""
    tables: list[TableSpec] = []
    for t in spec.tables:
        at = t.col("region")
        if at is None or t.section is not None:
            return None
        groups: list[tuple[str, list[RowSpec]]] = []
        for row in t.rows:
            if row.cells[at]:
                groups.append((row.cells[at], []))
            elif not groups:
                return None
            groups[-1][1].append(replace(row, cells=row.cells[:at] + row.cells[at + 1 :]))
        for number, (region, rows) in enumerate(groups):
            if not is_region_name(region) or "" in rows[0].cells:
                return None
            tables.append(TableSpec(
                columns=t.columns[:at] + t.columns[at + 1 :],
                roles=t.roles[:at] + t.roles[at + 1 :],
                rows=tuple(rows),
                section=region,
                merge=tuple(role for role in t.merge if role != "region"),
                footnotes=t.footnotes if number == len(groups) - 1 else (),
            ))
    return replace(spec, tables=tuple(tables))


def _row_cells(row: RowSpec, short: bool) -> list[str]:
    cells = list(row.cells)
    return [c for c in cells if c] if short else cells


def render_variant(v: TextVariant) -> str:
    """The variant printed as text: the heading block, then each table."""
    lines = _header_lines(v.spec)
    for i, t in enumerate(v.spec.tables):
        if i:
            lines.append("")
        if t.section:
            lines += [t.section, ""]
        header = v.header and not (v.grouped and i)
        if v.sheet:
            lines += _sheet_lines(v, t)
        elif v.tab:
            if header:
                lines.append("\t".join(t.columns))
            lines += ["\t".join(_row_cells(row, v.short_rows)) for row in t.rows]
        else:
            columns = list(t.columns) + (["<p>"] if v.junk_header else [])
            if header:
                lines.append(_pipe(columns, v.outer))
            if v.rule and not (v.grouped and i):
                lines.append(_pipe(["---"] * len(columns), v.outer))
            lines += [_pipe(_row_cells(row, v.short_rows), v.outer) for row in t.rows]
        if t.footnotes:
            lines += ["", *t.footnotes]
    return "\n".join(lines) + "\n"


def _sheet_lines(v: TextVariant, t: TableSpec) -> list[str]:
    """A table as a spreadsheet writes it: CSV with the variant's separator, each partner
    of a list on a line of its own inside the cell (which the sheet then quotes)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=v.sheet, lineterminator="\n")
    if v.header:
        writer.writerow(t.columns)
    for row in t.rows:
        writer.writerow([cell.replace("), ", "),\n") for cell in _row_cells(row, v.short_rows)])
    return out.getvalue().rstrip("\n").split("\n")


def _pipe(cells: list[str], outer: bool) -> str:
    inner = " | ".join(cells)
    return f"| {inner} |" if outer else inner


def printable(v: TextVariant) -> bool:
    """Without outer pipes a row cannot start or end with a blank cell."""
    if v.outer or v.tab or v.short_rows:
        return True
    return all(row.cells[0] and row.cells[-1] for t in v.spec.tables for row in t.rows)


def expected(v: TextVariant, text: str) -> Announcement:
    """The announcement a correct parser reads from the variant's text."""
    data = text.encode("utf-8")
    source = Source(
        path=f"{v.name}.txt", format="text", sha256=hashlib.sha256(data).hexdigest(), pages=None
    )
    golden = build_golden(v.spec, source, [[] for _ in v.spec.tables])
    if not v.header:
        laureates = iter(golden.laureates)
        for t in v.spec.tables:
            extras = [i for i, role in enumerate(t.roles) if role == "extra"]
            for row, laureate in zip(t.rows, laureates, strict=False):
                laureate.extra = {f"column {i + 1}": row.cells[i] for i in extras if row.cells[i]}
    if v.grouped:
        for laureate in golden.laureates:
            laureate.region, laureate.region_carried_over = laureate.section, True
    return golden


def all_variants() -> list[tuple[TextVariant, str, Announcement]]:
    """Every variant of every committed spec, with its text and expected announcement."""
    out = []
    for spec in load_all_specs():
        for v in variants(spec):
            if not printable(v):
                continue
            text = render_variant(v)
            out.append((v, text, expected(v, text)))
    return out


def comparable(laureate: dict[str, Any]) -> dict[str, Any]:
    """A laureate without provenance and enrichment codes (checked elsewhere)."""
    item = {k: v for k, v in laureate.items() if k not in ("provenance", "region_code")}
    item["leads"] = [lead["name"] for lead in laureate["leads"]]
    return item


def score(text: str, golden: Announcement) -> tuple[int, int]:
    """(laureates read exactly, laureates expected) for one variant's text."""
    from aap_parser import parse_text
    from aap_parser.errors import AapParseError

    want = [comparable(x) for x in golden.model_dump(mode="json")["laureates"]]
    try:
        got = [comparable(x) for x in parse_text(text).model_dump(mode="json")["laureates"]]
    except AapParseError:
        return 0, len(want)
    exact = sum(1 for a, b in zip(got, want, strict=False) if a == b)
    return exact, len(want)


def main(argv: list[str] | None = None) -> int:
    """Write, check or score the variants."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=VARIANTS_DIR)
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    parser.add_argument("--score", action="store_true", help="count laureates read exactly")
    args = parser.parse_args(argv)
    out: Path = args.out
    files: dict[str, bytes] = {}
    total = exact = 0
    for v, text, golden in all_variants():
        files[f"{v.name}.txt"] = text.encode("utf-8")
        golden_json = json.dumps(golden.model_dump(mode="json"), ensure_ascii=False, indent=1)
        files[f"{v.name}.golden.json"] = (golden_json + "\n").encode("utf-8")
        if args.score:
            got, want = score(text, golden)
            exact += got
            total += want
            print(f"{v.name}: {got}/{want}")
    if args.score:
        print(f"laureates exact: {exact}/{total} ({exact / max(total, 1):.0%})")
        return 0
    changed = changed_files(files, out)
    if args.check:
        for n in changed:
            print(f"out of date: {n}")
        return 1 if changed else 0
    write_files(files, out, changed)
    print(f"{len(files)} files ({len(changed)} written)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
