"""The announcement spec: what a fixture prints and what a correct parser must read from it.

A spec is written once (``specs/*.json``) and rendered many ways (PDF styles, tab and pipe
text); the expected records (``golden.py``) are derived from the same spec, so every rendition
of it must parse to the same laureates.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal, cast, get_args

Role = Literal[
    "region",
    "lead",
    "partners",
    "country",
    "title",
    "amount",
    "theme",
    "programme",
    "number",
    "extra",
]
PdfStyle = Literal["word", "grid", "borderless", "office", "sheet"]
PipeArtefact = Literal["empty_header", "generic_header"]
Periodicity = Literal["annuel", "biennal", "triennal"]
CountryFrom = Literal["cell", "column", "row", "call"]

ROLES: tuple[str, ...] = get_args(Role)
PDF_STYLES: tuple[str, ...] = get_args(PdfStyle)
FONTS = ("Helvetica", "Times-Roman", "Vera")
MERGEABLE = ("region", "lead", "country")


class SpecError(ValueError):
    """A spec that is malformed or cannot be printed unambiguously."""


@dataclass(frozen=True)
class CallSpec:
    """The call as a correct parser must read it from the title."""

    name: str | None = None
    periodicity: Periodicity | None = None
    start_year: int | None = None
    end_year: int | None = None
    bilateral_country: str | None = None
    bilateral_country_code: str | None = None


@dataclass(frozen=True)
class HeaderSpec:
    """The heading block as printed (line by line) plus what it must be read as."""

    direction: tuple[str, ...]
    delegation: tuple[str, ...]
    date_line: str
    title: str
    place: str
    date: str
    call: CallSpec
    ministry: str | None = None


@dataclass(frozen=True)
class PartnerSpec:
    """One expected foreign partner."""

    name: str
    country: str | None
    country_code: str | None
    country_from: CountryFrom | None


@dataclass(frozen=True)
class RowSpec:
    """One printed row (cells as printed, ``""`` = carried over) and its expected reading."""

    cells: tuple[str, ...]
    leads: tuple[str, ...] | None = None
    partners: tuple[PartnerSpec, ...] = ()
    amount_eur: Decimal | None = None
    amount_note: str | None = None


@dataclass(frozen=True)
class TableSpec:
    """One laureates table: optional sub-heading, printed columns, their roles, rows, notes."""

    columns: tuple[str, ...]
    roles: tuple[Role, ...]
    rows: tuple[RowSpec, ...]
    section: str | None = None
    merge: tuple[Role, ...] = ("region",)
    footnotes: tuple[str, ...] = ()

    def col(self, role: Role) -> int | None:
        """The index of the first column with ``role``, or None."""
        return self.roles.index(role) if role in self.roles else None


@dataclass(frozen=True)
class RenderSpec:
    """How to print the spec: PDF styles, font, size, page and text options."""

    styles: tuple[PdfStyle, ...] = ("word", "borderless")
    font: str = "Helvetica"
    size: float = 9.0
    landscape: bool = False
    margin: float = 56.0
    pipe_outer: bool = True
    pipe_artefact: PipeArtefact | None = None
    split_rows: bool = True
    letterhead: bool = False
    """docx-lo only: "RÉPUBLIQUE FRANÇAISE" letterhead and the ministry in the page header."""
    stamp: str | None = None
    """office only: a stray line (a stamp, a reference) printed at the top of page 2 only."""
    narrow: float = 0.0
    """sheet only: the lead column this many points wide, words too long for it broken
    anywhere with no hyphen (a very narrow column)."""
    gutter: float = 6.0
    """borderless only: points between two columns, beyond each cell's 3 pt padding."""
    rules: bool = False
    """borderless only: horizontal rules above and under the header and under the table."""
    rotate: int = 0
    """office only: the /Rotate flag every page carries, its content drawn upright all the
    same (as a printer or ``qpdf --rotate`` leaves it; a viewer shows it sideways)."""
    unprinted: bool = False
    """office only: text in the text layer a reader does not see (invisible, white on white,
    outside the crop box), and the header row printed white on dark grey."""


@dataclass(frozen=True)
class AnnouncementSpec:
    """A whole announcement to print, with the records it must parse to."""

    name: str
    header: HeaderSpec
    tables: tuple[TableSpec, ...]
    render: RenderSpec = field(default_factory=RenderSpec)
    description: str = ""


# ---------------------------------------------------------------- reading and checking


def _req(obj: dict[str, Any], key: str, where: str) -> Any:
    if key not in obj:
        raise SpecError(f"{where}: missing key {key!r}")
    return obj[key]


def _str_tuple(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SpecError(f"{where}: expected a string or a list of strings")
    return tuple(value)


def _decimal(value: Any, where: str) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation as exc:
        raise SpecError(f"{where}: not a number: {value!r}") from exc


def _partner(
    value: Any, default_from: CountryFrom | None, call: CallSpec, where: str
) -> PartnerSpec:
    """Read ``[name]``, ``[name, country, code]`` or ``[name, country, code, from]``.

    Without a country, a bilateral call's country is implied (``country_from`` "call").
    """
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not 1 <= len(value) <= 4:
        raise SpecError(f"{where}: a partner is [name, country, code(, from)]")
    name, country, code, from_ = [*value, None, None, None][:4]
    if country is None and default_from == "call":
        country, code = call.bilateral_country, call.bilateral_country_code
    if from_ is None and country is not None:
        from_ = default_from
    if from_ is not None and from_ not in get_args(CountryFrom):
        raise SpecError(f"{where}: bad country_from {from_!r}")
    return PartnerSpec(str(name), country, code, cast(CountryFrom | None, from_))


def _row(
    value: Any,
    table_roles: tuple[Role, ...],
    default_from: CountryFrom | None,
    call: CallSpec,
    where: str,
) -> RowSpec:
    if isinstance(value, list):
        value = {"cells": value}
    if not isinstance(value, dict):
        raise SpecError(f"{where}: a row is a list of cells or an object")
    cells = _str_tuple(_req(value, "cells", where), where)
    if len(cells) != len(table_roles):
        raise SpecError(f"{where}: {len(cells)} cells for {len(table_roles)} columns")
    leads = value.get("leads")
    partners = tuple(
        _partner(p, default_from, call, f"{where} partner {i}")
        for i, p in enumerate(value.get("partners", []))
    )
    return RowSpec(
        cells=cells,
        leads=None if leads is None else _str_tuple(leads, where),
        partners=partners,
        amount_eur=_decimal(value.get("amount_eur"), where),
        amount_note=value.get("amount_note"),
    )


def spec_from_dict(data: dict[str, Any]) -> AnnouncementSpec:
    """Build and check a spec from its JSON form (see ``docs/variants.md``)."""
    name = str(_req(data, "name", "spec"))
    h = _req(data, "header", name)
    c = h.get("call", {})
    call = CallSpec(
        name=c.get("name"),
        periodicity=c.get("periodicity"),
        start_year=c.get("start_year"),
        end_year=c.get("end_year"),
        bilateral_country=c.get("bilateral_country"),
        bilateral_country_code=c.get("bilateral_country_code"),
    )
    header = HeaderSpec(
        ministry=h.get("ministry"),
        direction=_str_tuple(_req(h, "direction", name), name),
        delegation=_str_tuple(_req(h, "delegation", name), name),
        date_line=str(_req(h, "date_line", name)),
        title=str(_req(h, "title", name)),
        place=str(_req(h, "place", name)),
        date=str(_req(h, "date", name)),
        call=call,
    )
    tables: list[TableSpec] = []
    for ti, t in enumerate(_req(data, "tables", name)):
        where = f"{name} table {ti}"
        roles = cast(tuple[Role, ...], _str_tuple(_req(t, "roles", where), where))
        default_from: CountryFrom | None = (
            "column" if "country" in roles else "call" if call.bilateral_country else "cell"
        )
        rows = tuple(
            _row(r, roles, default_from, call, f"{where} row {ri}")
            for ri, r in enumerate(_req(t, "rows", where))
        )
        tables.append(
            TableSpec(
                columns=_str_tuple(_req(t, "columns", where), where),
                roles=roles,
                rows=rows,
                section=t.get("section"),
                merge=cast(tuple[Role, ...], _str_tuple(t.get("merge", ["region"]), where)),
                footnotes=_str_tuple(t.get("footnotes", []), where),
            )
        )
    r = data.get("render", {})
    render = RenderSpec(
        styles=cast(
            tuple[PdfStyle, ...], _str_tuple(r.get("styles", ["word", "borderless"]), name)
        ),
        font=r.get("font", "Helvetica"),
        size=float(r.get("size", 9.0)),
        landscape=bool(r.get("landscape", False)),
        margin=float(r.get("margin", 56.0)),
        pipe_outer=bool(r.get("pipe_outer", True)),
        pipe_artefact=r.get("pipe_artefact"),
        split_rows=bool(r.get("split_rows", True)),
        letterhead=bool(r.get("letterhead", False)),
        stamp=r.get("stamp"),
        unprinted=bool(r.get("unprinted", False)),
        rotate=int(r.get("rotate", 0)),
        gutter=float(r.get("gutter", 6.0)),
        narrow=float(r.get("narrow", 0.0)),
        rules=bool(r.get("rules", False)),
    )
    spec = AnnouncementSpec(name, header, tuple(tables), render, str(data.get("description", "")))
    check_spec(spec)
    return spec


def check_spec(spec: AnnouncementSpec) -> None:
    """Raise :class:`SpecError` unless the spec is complete and printable without ambiguity."""
    r = spec.render
    if not set(r.styles) <= set(PDF_STYLES):
        raise SpecError(f"{spec.name}: unknown style in {r.styles}")
    if r.font not in FONTS:
        raise SpecError(f"{spec.name}: font {r.font!r} is not one of {FONTS}")
    if not 7 <= r.size <= 12:
        raise SpecError(f"{spec.name}: font size {r.size} out of range")
    if not spec.tables:
        raise SpecError(f"{spec.name}: no table")
    if not r.pipe_outer and any(
        row.cells[0] == "" or row.cells[-1] == "" for t in spec.tables for row in t.rows
    ):
        raise SpecError(f"{spec.name}: without outer pipes, first and last cells must be printed")
    for ti, t in enumerate(spec.tables):
        where = f"{spec.name} table {ti}"
        if len(t.columns) != len(t.roles):
            raise SpecError(f"{where}: {len(t.columns)} columns but {len(t.roles)} roles")
        if not set(t.roles) <= set(ROLES):
            raise SpecError(f"{where}: unknown role in {t.roles}")
        for role in ("region", "lead", "partners", "title"):
            if t.roles.count(role) > 1:
                raise SpecError(f"{where}: two {role} columns")
        if "lead" not in t.roles or "partners" not in t.roles:
            raise SpecError(f"{where}: a laureates table needs lead and partners columns")
        if not set(t.merge) <= set(MERGEABLE) or any(m not in t.roles for m in t.merge):
            raise SpecError(f"{where}: merge {t.merge} must name region/lead columns present")
        if not t.rows:
            raise SpecError(f"{where}: no rows")
        _check_rows(t, where)


def _check_rows(t: TableSpec, where: str) -> None:
    """Carried-over cells need a row above and nest (lead blank only under a blank region)."""
    rc, lc, ac, pc = t.col("region"), t.col("lead"), t.col("amount"), t.col("partners")
    for ri, row in enumerate(t.rows):
        w = f"{where} row {ri}"
        region_blank = rc is not None and row.cells[rc] == ""
        lead_blank = lc is not None and row.cells[lc] == ""
        if (region_blank or lead_blank) and ri == 0:
            raise SpecError(f"{w}: first row cannot carry a cell over")
        if lead_blank and "lead" not in t.merge:
            raise SpecError(f"{w}: blank lead but the lead column is not merged")
        if lead_blank and rc is not None and not region_blank:
            raise SpecError(f"{w}: a lead carried over must stay in its region group")
        if lead_blank and row.leads is not None:
            raise SpecError(f"{w}: a carried-over lead takes the leads of the row above")
        if not lead_blank and row.leads is not None and not row.leads:
            raise SpecError(f"{w}: empty leads")
        if pc is not None and row.cells[pc] and not row.partners:
            raise SpecError(f"{w}: partners cell printed but no expected partners")
        if ac is not None and row.cells[ac] and row.amount_eur is None:
            raise SpecError(f"{w}: amount printed but amount_eur missing")
        for ci, cell in enumerate(row.cells):
            if cell != cell.strip() or "  " in cell or "\t" in cell or "\n" in cell:
                raise SpecError(f"{w}: cell {ci} has stray whitespace: {cell!r}")


def load_spec(path: Path) -> AnnouncementSpec:
    """Read and check one ``specs/*.json`` file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise SpecError(f"{path.name}: invalid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise SpecError(f"{path.name}: top level must be an object")
    spec = spec_from_dict(data)
    if spec.name != path.stem:
        raise SpecError(f"{path.name}: name {spec.name!r} differs from the file name")
    return spec


SPECS_DIR = Path(__file__).parent / "specs"


def load_all_specs(directory: Path = SPECS_DIR) -> list[AnnouncementSpec]:
    """Every spec in ``directory``, sorted by name."""
    return [load_spec(p) for p in sorted(directory.glob("*.json"))]
