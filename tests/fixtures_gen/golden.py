"""The expected records of a spec: the :class:`aap_parser.models.Announcement` a correct parser
must return for any rendition of it (provenance and the source's checksum aside).

Fields follow the printed cells by column role; region and lead are carried over from the row
above when their cell is blank; leads, partners and amounts are written out in the spec.
Enrichment fields (``region_code``, lead ``kind``/``code``) are left None: they are checked
elsewhere.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from aap_parser.models import (
    Announcement,
    Call,
    Header,
    Laureate,
    Lead,
    Partner,
    Source,
    TableInfo,
)

from .spec import AnnouncementSpec, HeaderSpec, TableSpec


def expected_header(h: HeaderSpec) -> Header:
    """The header a parser must read: wrapped lines joined by one space."""
    c = h.call
    return Header(
        ministry=h.ministry,
        direction=" ".join(h.direction),
        delegation=" ".join(h.delegation),
        place=h.place,
        date=dt.date.fromisoformat(h.date),
        title=h.title,
        call=Call(
            name=c.name,
            periodicity=c.periodicity,
            start_year=c.start_year,
            end_year=c.end_year,
            bilateral_country=c.bilateral_country,
            bilateral_country_code=c.bilateral_country_code,
        ),
    )


def _table_laureates(t: TableSpec, first_index: int) -> list[Laureate]:
    """The laureates of one table, region and lead carried over where blank."""
    out: list[Laureate] = []
    region: str | None = None
    leads: list[str] = []
    rc, lc = t.col("region"), t.col("lead")
    for row in t.rows:
        region_blank = rc is not None and row.cells[rc] == ""
        if rc is not None and not region_blank:
            region = row.cells[rc]
        lead_blank = lc is not None and row.cells[lc] == ""
        if lc is not None and not lead_blank:
            leads = list(row.leads) if row.leads is not None else [row.cells[lc]]
        lau = Laureate(
            index=first_index + len(out) + 1,
            section=t.section,
            region=region if rc is not None else None,
            region_code=None,
            region_carried_over=region_blank,
            leads=[Lead(name=n, kind=None, code=None) for n in leads],
            lead_carried_over=lead_blank,
            partners=[
                Partner(
                    name=p.name,
                    country=p.country,
                    country_code=p.country_code,
                    country_from=p.country_from,
                )
                for p in row.partners
            ],
            amount_text=None,
            amount_note=None,
        )
        for ci, role in enumerate(t.roles):
            cell = row.cells[ci]
            if role == "title":
                lau.title = cell or None
            elif role == "amount" and cell:
                lau.amount_text = cell
                lau.amount_eur = row.amount_eur
                lau.amount_note = row.amount_note
            elif role == "theme":
                lau.theme = cell or None
            elif role == "programme":
                lau.programme = cell or None
            elif role == "number":
                lau.number = cell or None
            elif role == "extra" and cell:
                lau.extra = {**lau.extra, t.columns[ci]: cell}
        out.append(lau)
    return out


def build_golden(
    spec: AnnouncementSpec, source: Source, table_pages: Sequence[Sequence[int]] = ()
) -> Announcement:
    """The announcement a correct parser returns for ``spec`` read from ``source``."""
    laureates: list[Laureate] = []
    tables: list[TableInfo] = []
    footnotes: list[str] = []
    for ti, t in enumerate(spec.tables):
        laureates.extend(_table_laureates(t, len(laureates)))
        pages = list(table_pages[ti]) if ti < len(table_pages) else []
        tables.append(
            TableInfo(section=t.section, columns=list(t.columns), roles=list(t.roles), pages=pages)
        )
        footnotes.extend(t.footnotes)
    return Announcement(
        source=source,
        header=expected_header(spec.header),
        tables=tables,
        laureates=laureates,
        footnotes=footnotes,
        warnings=[],
    )


GENERATED_DIR = Path(__file__).parents[1] / "fixtures" / "generated"
MANIFEST = "manifest.json"


def load_manifest(directory: Path = GENERATED_DIR) -> dict[str, Any]:
    """The generated fixtures' manifest: ``{"files": {name: {...}}}`` (see ``generate.py``)."""
    data: dict[str, Any] = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    return data


def expected_for(fixture: str, directory: Path = GENERATED_DIR) -> Announcement:
    """The golden of ``fixture``'s spec with that rendition's own source and table pages.

    ``fixture`` is a file name under ``tests/fixtures/generated`` (e.g. ``x.word.pdf``).
    """
    entry = load_manifest(directory)["files"][fixture]
    golden = Announcement.model_validate_json(
        (directory / f"{entry['spec']}.golden.json").read_text(encoding="utf-8")
    )
    golden.source = Source.model_validate(entry["source"])
    for table, pages in zip(golden.tables, entry["table_pages"], strict=True):
        table.pages = list(pages)
    return golden
