"""The record contract: the validated Pydantic models aap-parser returns and serialises.

Field names and meanings here are what users and downstream tools rely on (see
``docs/records.md``). Fields filled by optional stages (codes, amounts, provenance) are
always present and ``None`` when unknown.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

from aap_parser.grid import ParseWarning

Role = Literal[
    "region", "lead", "partners", "country", "title", "amount", "theme", "programme", "number",
    "extra",
]
"""What a table column holds. ``extra`` columns keep their values under their printed header."""

LeadKind = Literal["region", "departement", "commune", "epci", "syndicat", "other"]
CountrySource = Literal["cell", "column", "row", "call"]


def _decimal_to_json(value: Decimal) -> int | float:
    """Emit a whole amount as a JSON integer and any other as a JSON number."""
    return int(value) if value == value.to_integral_value() else float(value)


JsonDecimal = Annotated[
    Decimal, PlainSerializer(_decimal_to_json, return_type=int | float, when_used="json")
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, validate_assignment=True)


class Source(_Model):
    """Where the announcement came from."""

    path: str | None = Field(None, description="The input's path as given, or None for a string.")
    format: Literal["pdf", "pdf-ocr", "text"] = Field(
        description="pdf, text, or pdf-ocr when pages were read by OCR."
    )
    sha256: str | None = Field(None, description="SHA-256 of the input bytes (hex).")
    pages: int | None = Field(None, description="Page count for a PDF.")


class Call(_Model):
    """The call for projects the laureates answered."""

    name: str | None = Field(None, description="The call's own name, e.g. 'Généraliste'.")
    periodicity: Literal["annuel", "biennal", "triennal"] | None = None
    start_year: int | None = None
    end_year: int | None = None
    bilateral_country: str | None = Field(
        None, description="For a bilateral call (e.g. franco-sénégalais), the partner country."
    )
    bilateral_country_code: str | None = None

    @property
    def id(self) -> str | None:
        """The call as an ASCII slug for joining years: its name folded to lower-case ASCII
        words joined by ``-``, then its first year, then its last when different
        (``generaliste-2020-2021``, ``jeunesse-vi-2019-2020``, ``franco-senegalais-2018``).
        None when neither name nor year is known. The printed ``name`` is kept as it is."""
        from aap_parser.wording import fold

        words = "".join(c if c.isascii() and c.isalnum() else " " for c in fold(self.name or ""))
        parts = [*words.split()]
        years = [self.start_year, self.end_year]
        if years[0] is not None:
            parts.append(str(years[0]))
        if years[1] is not None and years[1] != years[0]:
            parts.append(str(years[1]))
        return "-".join(parts) or None


class Header(_Model):
    """The announcement's heading block."""

    ministry: str | None = None
    direction: str | None = None
    delegation: str | None = None
    place: str | None = None
    date: dt.date | None = None
    title: str | None = None
    call: Call = Field(default_factory=Call)


class TableInfo(_Model):
    """One laureates table as printed: its section heading, columns and their roles."""

    section: str | None = None
    columns: list[str]
    roles: list[Role]
    pages: list[int] = Field(default_factory=list)


class Lead(_Model):
    """A French local authority leading the project."""

    name: str
    kind: LeadKind | None = None
    code: str | None = Field(
        None, description="INSEE code (region, département, commune) or SIREN (EPCI)."
    )


class Partner(_Model):
    """A foreign partner authority."""

    name: str
    country: str | None = Field(None, description="The country as printed (or implied).")
    country_code: str | None = Field(None, description="ISO 3166-1 alpha-2.")
    country_from: CountrySource | None = Field(
        None,
        description="Where the country came from: the cell, a country column, a per-row "
        "programme naming a bilateral call, or the call.",
    )


class Provenance(_Model):
    """Where a laureate's row stands in the input."""

    page: int | None = Field(None, description="1-based page (PDF).")
    line: int | None = Field(None, description="1-based line of the row's first line (text).")
    bbox: tuple[float, float, float, float] | None = Field(
        None, description="The row's box on its page: x0, top, x1, bottom in PDF points."
    )


class Laureate(_Model):
    """One project selected in the call: one row of a laureates table."""

    index: int = Field(description="1-based position among the announcement's laureates.")
    section: str | None = None
    region: str | None = None
    region_code: str | None = None
    region_carried_over: bool = False
    leads: list[Lead] = Field(default_factory=list)
    lead_carried_over: bool = False
    partners: list[Partner] = Field(default_factory=list)
    title: str | None = None
    amount_eur: JsonDecimal | None = None
    amount_text: str | None = Field(None, description="The amount cell as printed.")
    amount_note: str | None = Field(None, description="A footnote mark printed with the amount.")
    theme: str | None = None
    programme: str | None = None
    number: str | None = None
    extra: dict[str, str] = Field(default_factory=dict)
    provenance: Provenance = Field(default_factory=Provenance)


class Announcement(_Model):
    """A whole announcement: its header, tables, laureates, footnotes and warnings."""

    source: Source
    header: Header = Field(default_factory=Header)
    tables: list[TableInfo] = Field(default_factory=list)
    laureates: list[Laureate] = Field(default_factory=list)
    footnotes: list[str] = Field(default_factory=list)
    warnings: list[ParseWarning] = Field(default_factory=list)
