"""The records stage: laid-out rows become validated laureates.

Each row's cells are read by their column's role: the lead cell is split into French
authorities, the partner cell into foreign partners with their countries (from the cell,
a country column, a per-row programme naming a bilateral call, or the document's bilateral
call), the amount cell into euros; every name gets its official code where one can be found.
Whatever needed a guess leaves a warning, and every warning about a row (the layout stage's and
this stage's) names the laureate it became.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from aap_parser.enrich import classify_lead, is_region_name, match_region
from aap_parser.grid import ParseWarning, RawCell, WarningCode, warn
from aap_parser.layout import LaidOutRow, LaidOutTable
from aap_parser.models import Call, Laureate, Lead, LeadKind, Partner, Provenance, TableInfo
from aap_parser.records.leads import split_leads
from aap_parser.records.partners import pair_countries, split_partners
from aap_parser.values.amounts import parse_amount
from aap_parser.values.calls import bilateral_country
from aap_parser.wording import private_use


@dataclass
class RecordsResult:
    """Laureates and table descriptions built from the laid-out tables, with warnings."""

    tables: list[TableInfo] = field(default_factory=list)
    laureates: list[Laureate] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)


def build_records(tables: Sequence[LaidOutTable], call: Call) -> RecordsResult:
    """Build every laureate of every table, numbered in document order."""
    result = RecordsResult()
    default_country = (
        (call.bilateral_country, call.bilateral_country_code)
        if call.bilateral_country and call.bilateral_country_code
        else None
    )
    for table in tables:
        result.tables.append(TableInfo(
            section=table.section, columns=list(table.columns), roles=list(table.roles),
            pages=list(table.pages),
        ))
        for row in table.rows:
            laureate = _laureate(len(result.laureates) + 1, table, row, default_country,
                                 result.warnings)
            result.laureates.append(laureate)
    return result


class _RowWarnings:
    """The warnings of one row, each stamped with its laureate and the row's place."""

    def __init__(self, into: list[ParseWarning], laureate: int, row: LaidOutRow) -> None:
        self._into, self._laureate, self._row = into, laureate, row
        self.extend(row.warnings)

    def extend(self, found: Sequence[ParseWarning | None]) -> None:
        """Record each warning (None: nothing to record) for this row's laureate."""
        for warning in found:
            if warning is None:
                continue
            self._into.append(replace(
                warning,
                laureate=self._laureate,
                page=warning.page if warning.page is not None else self._row.page,
                line=warning.line if warning.line is not None else self._row.line,
            ))


def _extra_key(table: LaidOutTable, index: int, extra: dict[str, str]) -> str:
    name = table.columns[index].strip() or f"column {index + 1}"
    key, n = name, 2
    while key in extra:
        key, n = f"{name} ({n})", n + 1
    return key


def _laureate(
    index: int,
    table: LaidOutTable,
    row: LaidOutRow,
    default_country: tuple[str, str] | None,
    into: list[ParseWarning],
) -> Laureate:
    # The fields are gathered first and validated once, when the laureate is made: an
    # assignment to a model field is validated each time.
    warnings = _RowWarnings(into, index, row)
    values: dict[str, Any] = {
        "index": index,
        "section": table.section,
        "provenance": Provenance(
            page=row.page, line=row.line, bbox=row.bbox.as_tuple() if row.bbox else None
        ),
    }
    extra: dict[str, str] = {}
    country_cell: RawCell | None = None
    partners_cell: RawCell | None = None
    lead_cell: RawCell | None = None
    programme_country: tuple[str, str] | None = None
    for i, (role, printed) in enumerate(zip(table.roles, row.cells, strict=True)):
        cell = _printable(printed, warnings)
        text = cell.text
        if role == "region":
            values["region"] = text or None
            values["region_carried_over"] = i in row.carried
        elif role == "lead":
            lead_cell = cell
            values["lead_carried_over"] = i in row.carried
        elif role == "partners":
            partners_cell = cell
        elif role == "country":
            country_cell = cell
        elif role == "title":
            values["title"] = text or None
        elif role == "amount":
            values.update(_amount(text, warnings))
        elif role in ("theme", "programme", "number"):
            values[role] = text or None
            if role == "programme":
                programme_country = bilateral_country(text)
        elif text:
            extra[_extra_key(table, i, extra)] = text
    for n, text in enumerate(row.overflow, start=len(table.columns) + 1):
        if text:
            extra[f"column {n}"] = text
    if extra:
        values["extra"] = extra
    if values.get("region") is None and "region" not in table.roles and _names_region(
        table.section
    ):
        # Regions printed as headings over their rows, not in a column.
        values["region"], values["region_carried_over"] = table.section, True
    region_code: str | None = None
    if values.get("region"):
        region = match_region(values["region"])
        region_code = values["region_code"] = region.code
        warnings.extend([region.warning])
    if lead_cell is not None:
        values["leads"] = _leads(lead_cell, region_code, warnings)
    partners = _partners(
        partners_cell, country_cell, programme_country or default_country, warnings
    )
    if programme_country is not None:
        partners = [
            p.model_copy(update={"country_from": "row"}) if p.country_from == "call" else p
            for p in partners
        ]
    values["partners"] = partners
    return Laureate(**values)


def _printable(cell: RawCell, warnings: _RowWarnings) -> RawCell:
    """The cell without private-use characters: glyphs of a symbol font that name no letter
    (known list markers were read as such where the text entered)."""
    if not private_use("".join(cell.lines))[1]:
        return cell  # the common cell: its lines are read once, together
    cleaned = [private_use(line) for line in cell.lines]
    dropped = "".join(gone for _, gone in cleaned)
    if not dropped:
        return cell
    codes = " ".join(f"U+{ord(ch):04X}" for ch in dict.fromkeys(dropped))
    warnings.extend([warn(
        WarningCode.PRIVATE_USE_DROPPED, f"symbol character(s) {codes} dropped from {cell.text!r}"
    )])
    return replace(cell, lines=tuple(line for line, _ in cleaned))


def _leads(
    cell: RawCell, region_code: str | None, warnings: _RowWarnings
) -> list[Lead]:
    """The lead authorities of a cell, coded with the row's region settling homonyms."""
    if cell.is_empty:
        return []
    found, notes = _coded_leads(cell.text, cell.lines, region_code)
    warnings.extend(notes)
    return [Lead(name=name, kind=kind, code=code) for name, kind, code in found]


@lru_cache(maxsize=2048)
def _coded_leads(
    text: str, lines: tuple[str, ...], region_code: str | None
) -> tuple[tuple[tuple[str, LeadKind | None, str | None], ...], tuple[ParseWarning | None, ...]]:
    """Each lead of a cell as (name, kind, code), and the warnings, in order: remembered per
    cell and region, since a document prints the same lead on many rows."""
    names, notes = split_leads(text, lines)
    found = []
    warned: list[ParseWarning | None] = list(notes)
    for name in names:
        match = classify_lead(name, region_code)
        warned.append(match.warning)
        found.append((name, match.kind, match.code))
    return tuple(found), tuple(warned)


def _partners(
    cell: RawCell | None,
    country_cell: RawCell | None,
    default_country: tuple[str, str] | None,
    warnings: _RowWarnings,
) -> list[Partner]:
    if cell is None or cell.is_empty:
        return []
    column_given = country_cell is not None and not country_cell.is_empty
    split = split_partners(
        cell.text,
        cell.lines,
        default_country=None if column_given else default_country,
        country_column=column_given,
    )
    warnings.extend(split.warnings)
    partners = split.partners
    if country_cell is not None and column_given:
        partners, notes = pair_countries(partners, country_cell.text)
        warnings.extend(notes)
    return partners


def _amount(text: str, warnings: _RowWarnings) -> dict[str, Any]:
    """The amount fields of a laureate read from its amount cell."""
    parsed = parse_amount(text)
    warnings.extend([parsed.warning])
    return {"amount_text": text or None, "amount_eur": parsed.value, "amount_note": parsed.note}


def _names_region(section: str | None) -> bool:
    """True when a table's section heading is a French region's name, exactly."""
    return section is not None and is_region_name(section)
