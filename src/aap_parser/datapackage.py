"""A Frictionless Data Package describing a CSV of laureates: its columns, typed.

Written beside every CSV file (``NAME.csv`` -> ``NAME.datapackage.json``) so that a reader
(pandas, R, frictionless, a data portal) knows that codes and ids are text (``03`` stays
``03``), amounts numbers, years integers, and how list cells are joined. The descriptions
are those of docs/records.md (a test keeps the two the same).
"""

from __future__ import annotations

from typing import Any

from aap_parser.export import LIST_SEPARATOR, Explode, csv_columns

LIST = f"; several values are joined with {LIST_SEPARATOR!r}, position by position"

FIELDS: dict[str, tuple[str, str]] = {
    "source_path": ("string", "The input file's path as given."),
    "source_sha256": ("string", "SHA-256 of the input bytes, hex: the same file gives the same."),
    "call_id": ("string", "The call as an ASCII slug with its years, for joining years "
                "(generaliste-2020-2021)."),
    "date": ("date", "The announcement's date."),
    "call_name": ("string", "The call's own name as printed, without years."),
    "call_periodicity": ("string", "annuel, biennal or triennal, when stated."),
    "call_start_year": ("integer", "The first year the call covers."),
    "call_end_year": ("integer", "The last year the call covers."),
    "section": ("string", "The section heading of the laureate's table."),
    "index": ("integer", "1-based position of the laureate in its announcement."),
    "region": ("string", "The French region as printed."),
    "region_code": ("string", "INSEE code of the current region (text: 03 is not 3)."),
    "leads": ("string", "The French lead authorities" + LIST + "."),
    "lead_kinds": ("string", "Each lead's kind: region, departement, commune, epci, syndicat or "
                   "other" + LIST + "."),
    "lead_codes": ("string", "Each lead's INSEE code (SIREN for an EPCI), empty when unknown"
                   + LIST + "."),
    "partners": ("string", "The foreign partner authorities" + LIST + "."),
    "partner_countries": ("string", "Each partner's country as printed or implied" + LIST + "."),
    "partner_country_codes": ("string", "Each partner's ISO 3166-1 alpha-2 country code"
                              + LIST + "."),
    "partner_index": ("integer", "Long format: the partner's 1-based position in its laureate's "
                      "list (empty for a laureate without partners)."),
    "partner": ("string", "Long format: one foreign partner authority."),
    "partner_country": ("string", "Long format: the partner's country."),
    "partner_country_code": ("string", "Long format: the partner's ISO 3166-1 alpha-2 code."),
    "partner_count": ("integer", "How many partners the laureate has. In long format the "
                      "laureate's amount is repeated on each of its rows: sum amounts over "
                      "rows with partner_index 1 (or empty), or divide by partner_count."),
    "title": ("string", "The project title."),
    "amount_eur": ("number", "The amount granted to the laureate (not a partner's share), "
                   "in euros."),
    "amount_text": ("string", "The amount cell as printed."),
    "theme": ("string", "The theme column, when printed."),
    "programme": ("string", "The programme column, when printed."),
    "number": ("string", "The row-number column, when printed."),
    "extra": ("object", "The table's other columns, as a JSON object."),
    "warning_codes": ("string", "The codes of the warnings about this laureate, then those of "
                      "its announcement (docs/warnings.md)" + LIST + "."),
    "page": ("integer", "The page the row starts on (PDF)."),
    "line": ("integer", "The line the row starts on (text)."),
}
"""Every CSV column: its Table Schema type and its description."""


def data_package(
    csv_name: str, *, explode: Explode | None = None, excel: bool = False
) -> dict[str, Any]:
    """The data package descriptor of a CSV file named ``csv_name`` (relative to the
    descriptor), in the wide or long (``explode``) format, plain or for spreadsheets."""
    fields = []
    for name in csv_columns(explode):
        kind, description = FIELDS[name]
        field: dict[str, Any] = {"name": name, "type": kind, "description": description}
        if name in ("source_sha256",):
            field["constraints"] = {"pattern": "[0-9a-f]{64}"}
        fields.append(field)
    resource: dict[str, Any] = {
        "name": "laureates",
        "path": csv_name,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8-sig" if excel else "utf-8",
        "schema": {"fields": fields, "missingValues": [""]},
    }
    if excel:
        resource["dialect"] = {"delimiter": ";"}
        resource["description"] = (
            "Cells that begin with =, +, - or @ are prefixed with ' so that a spreadsheet "
            "keeps them as text."
        )
    return {
        "profile": "tabular-data-package",
        "name": "aap-laureates",
        "title": "Laureates of French decentralised-cooperation calls for projects",
        "resources": [resource],
    }
