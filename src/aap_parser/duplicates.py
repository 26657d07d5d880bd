"""Duplicates in a batch: an announcement whose call and laureates repeat an earlier input.

The same list converted from a PDF and from a text, or two copies of one file, give the
same rows twice; counting projects over a folder would count them twice. The key is the
call's id and every laureate's region, leads, partners and title, folded (accents, case,
spacing), so that two renditions of one list match whatever their layout or producer.
"""

from __future__ import annotations

import hashlib

from aap_parser.grid import ParseWarning, WarningCode, warn
from aap_parser.models import Announcement
from aap_parser.wording import fold


def announcement_key(announcement: Announcement) -> str:
    """A digest of what makes two announcements the same list (see the module docstring)."""
    parts = [announcement.header.call.id or ""]
    for laureate in announcement.laureates:
        parts.append("|".join([
            fold(laureate.region or ""),
            "+".join(fold(lead.name) for lead in laureate.leads),
            "+".join(fold(partner.name) for partner in laureate.partners),
            fold(laureate.title or ""),
        ]))
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


class DuplicateFinder:
    """Remembers the announcements of a batch, in input order, to flag repeats."""

    def __init__(self) -> None:
        self._first: dict[str, str] = {}

    def earlier(self, path: str, announcement: Announcement) -> str | None:
        """The path of an earlier input with the same call and laureates, or None (and then
        remember this one). An announcement without laureates is never a duplicate."""
        if not announcement.laureates:
            return None
        key = announcement_key(announcement)
        if key in self._first:
            return self._first[key]
        self._first[key] = path
        return None


def duplicate_warning(first: str) -> ParseWarning:
    """The document warning a repeated announcement carries, naming the input it repeats."""
    return warn(
        WarningCode.DUPLICATE_ANNOUNCEMENT, f"repeats {first}: the same call and laureates"
    )


def flag_duplicate(announcement: Announcement, first: str) -> Announcement:
    """A copy of ``announcement`` carrying the ``duplicate-announcement`` warning."""
    warnings = [*announcement.warnings, duplicate_warning(first)]
    return announcement.model_copy(update={"warnings": warnings})
