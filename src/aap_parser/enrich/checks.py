"""Checks of a parsed announcement's codes against its own rows.

A lead's official code must lie in its row's region: a code the row disproves is a wrong
homonym or a bad guess. ``disproved_codes`` lists any that got through, for the check
script over all fixtures and for tests; a région or département named exactly keeps its code
against the row, with a ``lead-region-conflict`` warning, and is reported apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from aap_parser.enrich.leads import code_region
from aap_parser.grid import WarningCode
from aap_parser.models import Announcement


@dataclass(frozen=True, slots=True)
class Disproved:
    """A lead code that lies outside its row's region."""

    laureate: int
    lead: str
    code: str
    code_region: str
    row_region: str
    warned: bool


def disproved_codes(announcement: Announcement) -> list[Disproved]:
    """Every lead code of ``announcement`` outside its row's region; ``warned`` says whether
    the laureate carries the warning that reports the conflict."""
    warned = {
        w.laureate for w in announcement.warnings if w.code == WarningCode.LEAD_REGION_CONFLICT
    }
    found = []
    for laureate in announcement.laureates:
        if laureate.region_code is None:
            continue
        for lead in laureate.leads:
            if lead.code is None:
                continue
            where = code_region(lead.kind, lead.code)
            if where is not None and where != laureate.region_code:
                found.append(Disproved(
                    laureate.index, lead.name, lead.code, where, laureate.region_code,
                    laureate.index in warned,
                ))
    return found
