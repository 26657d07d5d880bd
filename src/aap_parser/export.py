"""Serialise announcements to JSON, JSON Lines and CSV (plain, or for spreadsheets).

Pure functions over :mod:`aap_parser.models`: the CLI and library users share them, so a
file written by ``aap-parse`` and one written from Python are the same bytes.

The default CSV is faithful to the data: a cell is written as parsed, even one that begins
with ``=``, ``+``, ``-`` or ``@``, which a spreadsheet would run as a formula. The
``csv-excel`` format is for opening in a spreadsheet: UTF-8 with a byte-order mark, ``;``
between cells, and such cells prefixed with ``'`` so that they stay text.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal, Protocol, TextIO, TypeVar

from aap_parser.models import Announcement, Laureate, Partner

T = TypeVar("T")

Explode = Literal["partners"]
"""Long format: one row per laureate x partner instead of one row per laureate."""

LIST_SEPARATOR = "; "
"""How several leads or partners (and their countries, kinds, codes) share one CSV cell."""

ANNOUNCEMENT_FIELDS = (
    "source_path",
    "source_sha256",
    "call_id",
    "date",
    "call_name",
    "call_periodicity",
    "call_start_year",
    "call_end_year",
)
"""The announcement's fields merged into every laureate row of JSON Lines and CSV."""

CSV_COLUMNS = (
    *ANNOUNCEMENT_FIELDS,
    "section",
    "index",
    "region",
    "region_code",
    "leads",
    "lead_kinds",
    "lead_codes",
    "partners",
    "partner_countries",
    "partner_country_codes",
    "partner_count",
    "title",
    "amount_eur",
    "amount_text",
    "theme",
    "programme",
    "number",
    "extra",
    "warning_codes",
    "page",
    "line",
)
"""CSV header, one row per laureate; list cells are joined with ``LIST_SEPARATOR``."""

CSV_PARTNER_COLUMNS = ("partner_index", "partner", "partner_country", "partner_country_code")
"""In long format these replace the three ``partner*`` list columns; ``partner_count`` stays,
so that a laureate's amount (repeated on each of its partner rows) is counted once."""

FORMULA_STARTS = ("=", "+", "-", "@")
"""First characters that make a spreadsheet read a cell as a formula."""


def to_json(announcement: Announcement) -> str:
    """Return the announcement as a JSON document (indent 2, non-ASCII kept as is)."""
    return json.dumps(announcement.model_dump(mode="json"), indent=2, ensure_ascii=False)


def write_json(
    announcements: Iterable[Announcement], stream: TextIO, *, explode: Explode | None = None
) -> int:
    """Write each announcement as a :func:`to_json` document and a newline; return the count.

    ``explode`` is accepted for a uniform writer signature; a JSON document is never exploded.
    """
    count = 0
    for announcement in announcements:
        stream.write(to_json(announcement) + "\n")
        count += 1
    return count


def announcement_fields(announcement: Announcement) -> dict[str, Any]:
    """Return the announcement-level values every laureate row carries (source, date, call)."""
    header = announcement.header
    return {
        "source_path": announcement.source.path,
        "source_sha256": announcement.source.sha256,
        "call_id": header.call.id,
        "date": header.date.isoformat() if header.date else None,
        "call_name": header.call.name,
        "call_periodicity": header.call.periodicity,
        "call_start_year": header.call.start_year,
        "call_end_year": header.call.end_year,
    }


def laureate_records(
    announcements: Iterable[Announcement], *, explode: Explode | None = None
) -> Iterator[dict[str, Any]]:
    """Yield one flat JSON-ready dict per laureate (or per laureate x partner when exploded).

    A laureate without partners still gives one exploded row, with ``partner`` null, so
    no laureate is ever lost in long format.
    """
    for announcement in announcements:
        common = announcement_fields(announcement)
        for laureate in announcement.laureates:
            record = {**common, **laureate.model_dump(mode="json")}
            record["partner_count"] = len(laureate.partners)
            record["warning_codes"] = warning_codes(announcement, laureate)
            if explode is None:
                yield record
                continue
            partners = record.pop("partners")
            for position, partner in _partner_slots(partners):
                yield {**record, "partner_index": position, "partner": partner}


def warning_codes(announcement: Announcement, laureate: Laureate) -> list[str]:
    """The codes of the warnings that name ``laureate``, then of the document's own."""
    return [w.code for w in announcement.warnings if w.laureate == laureate.index] + [
        w.code for w in announcement.warnings if w.laureate is None
    ]


def to_jsonl(
    announcements: Iterable[Announcement], *, explode: Explode | None = None
) -> Iterator[str]:
    """Yield one JSON line (without newline) per laureate, announcement fields merged in."""
    for record in laureate_records(announcements, explode=explode):
        yield json.dumps(record, ensure_ascii=False)


def write_jsonl(
    announcements: Iterable[Announcement], stream: TextIO, *, explode: Explode | None = None
) -> int:
    """Write :func:`to_jsonl` lines to ``stream``; return the number of lines written."""
    count = 0
    for line in to_jsonl(announcements, explode=explode):
        stream.write(line + "\n")
        count += 1
    return count


def csv_columns(explode: Explode | None = None) -> tuple[str, ...]:
    """Return the CSV header for the wide (default) or long (``explode``) format."""
    if explode is None:
        return CSV_COLUMNS
    at = CSV_COLUMNS.index("partners")
    return (*CSV_COLUMNS[:at], *CSV_PARTNER_COLUMNS, *CSV_COLUMNS[at + 3 :])


def to_csv_rows(
    announcements: Iterable[Announcement], *, explode: Explode | None = None
) -> Iterator[dict[str, str]]:
    """Yield one CSV row (column -> text, keys in :func:`csv_columns` order) per laureate."""
    columns = csv_columns(explode)
    for announcement in announcements:
        common = {k: _cell(v) for k, v in announcement_fields(announcement).items()}
        for laureate in announcement.laureates:
            row = {**common, **_laureate_cells(laureate)}
            row["warning_codes"] = _joined(warning_codes(announcement, laureate))
            if explode is None:
                row.update(_partner_cells(laureate.partners))
                yield {column: row[column] for column in columns}
                continue
            for position, partner in _partner_slots(laureate.partners):
                row.update(
                    partner_index=_cell(position),
                    partner=partner.name if partner else "",
                    partner_country=_cell(partner.country if partner else None),
                    partner_country_code=_cell(partner.country_code if partner else None),
                )
                yield {column: row[column] for column in columns}


def write_csv(
    announcements: Iterable[Announcement], stream: TextIO, *, explode: Explode | None = None
) -> int:
    """Write a header and :func:`to_csv_rows` to ``stream`` (open it with ``newline=""``).

    Returns the number of data rows written.
    """
    writer = csv.DictWriter(stream, fieldnames=csv_columns(explode))
    writer.writeheader()
    count = 0
    for row in to_csv_rows(announcements, explode=explode):
        writer.writerow(row)
        count += 1
    return count


def write_excel_csv(
    announcements: Iterable[Announcement], stream: TextIO, *, explode: Explode | None = None
) -> int:
    """Write the CSV for a spreadsheet: a byte-order mark, ``;`` between cells, and every
    cell that would read as a formula prefixed with ``'`` (see the module docstring)."""
    stream.write("\ufeff")
    writer = csv.DictWriter(stream, fieldnames=csv_columns(explode), delimiter=";")
    writer.writeheader()
    count = 0
    for row in to_csv_rows(announcements, explode=explode):
        writer.writerow({column: spreadsheet_safe(text) for column, text in row.items()})
        count += 1
    return count


def spreadsheet_safe(text: str) -> str:
    """``text`` prefixed with ``'`` when it begins like a formula, else as it is."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _laureate_cells(laureate: Laureate) -> dict[str, str]:
    """Return a laureate's own CSV cells (everything but its partners)."""
    leads = laureate.leads
    return {
        "section": _cell(laureate.section),
        "index": _cell(laureate.index),
        "region": _cell(laureate.region),
        "region_code": _cell(laureate.region_code),
        "leads": _joined(lead.name for lead in leads),
        "lead_kinds": _joined(lead.kind for lead in leads),
        "lead_codes": _joined(lead.code for lead in leads),
        "title": _cell(laureate.title),
        "amount_eur": _cell(laureate.amount_eur),
        "amount_text": _cell(laureate.amount_text),
        "theme": _cell(laureate.theme),
        "programme": _cell(laureate.programme),
        "number": _cell(laureate.number),
        "extra": json.dumps(laureate.extra, ensure_ascii=False) if laureate.extra else "",
        "partner_count": _cell(len(laureate.partners)),
        "page": _cell(laureate.provenance.page),
        "line": _cell(laureate.provenance.line),
    }


def _partner_cells(partners: list[Partner]) -> dict[str, str]:
    """Return the wide-format partner cells: names, countries and codes, position-aligned."""
    return {
        "partners": _joined(p.name for p in partners),
        "partner_countries": _joined(p.country for p in partners),
        "partner_country_codes": _joined(p.country_code for p in partners),
    }


def _partner_slots(partners: list[T]) -> Iterator[tuple[int | None, T | None]]:
    """Yield (1-based position, partner) per partner, or a single (None, None) when none."""
    if not partners:
        yield None, None
        return
    yield from enumerate(partners, start=1)


def _joined(values: Iterable[str | None]) -> str:
    """Join list values for one CSV cell; unknown values stay as empty slots to keep positions."""
    items = [v or "" for v in values]
    return LIST_SEPARATOR.join(items) if any(items) else ""


def _cell(value: str | int | Decimal | None) -> str:
    """Render one scalar as CSV text: empty for unknown, plain digits for amounts."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral_value() else str(value)
    return str(value)


class Writer(Protocol):
    """Write announcements to an open stream (text, or bytes for a binary format); return
    the number of documents or rows written."""

    def __call__(
        self, announcements: Iterable[Announcement], stream: Any, /, *, explode: Explode | None
    ) -> int: ...


@dataclass(frozen=True)
class OutputFormat:
    """One output format: how it is named and recognised, and the function that writes it."""

    name: str
    title: str
    """Its name in messages ("JSON Lines")."""
    suffixes: tuple[str, ...]
    """File extensions that select it, the usual one first."""
    write: Writer
    rows: bool
    """True: one row per laureate, all inputs in one file (``explode`` applies). False: one
    document per input, so several inputs need one file each."""
    binary: bool = False
    """True when ``write`` takes a binary stream."""
    newline: str | None = None
    """The ``newline`` a text stream is opened with (``""`` for CSV, which writes its own)."""
    described: bool = False
    """True when a file of this format gets a data package describing its columns beside it
    (``NAME.datapackage.json``, see :mod:`aap_parser.datapackage`)."""


WRITERS: Mapping[str, OutputFormat] = {
    f.name: f
    for f in (
        OutputFormat("json", "JSON", (".json",), write_json, rows=False),
        OutputFormat("jsonl", "JSON Lines", (".jsonl", ".ndjson"), write_jsonl, rows=True),
        OutputFormat("csv", "CSV", (".csv",), write_csv, rows=True, newline="", described=True),
        OutputFormat(
            "csv-excel", "CSV for spreadsheets", (".csv",), write_excel_csv, rows=True,
            newline="", described=True,
        ),
    )
}
"""Every output format by name: the CLI builds its choices, messages and dispatch from it,
so adding a format is one entry here."""


def format_for_suffix(suffix: str) -> OutputFormat | None:
    """Return the format a file extension (``".csv"``, any case) selects, or None."""
    for output_format in WRITERS.values():
        if suffix.lower() in output_format.suffixes:
            return output_format
    return None
