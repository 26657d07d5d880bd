"""The header test the layout-text reader is handed: this stage's wording and content rules.

A text laid out by spaces tells nothing of which lines are a header row but what they say.
The reader asks this test, which answers from the vocabulary of column roles
(:mod:`.roles`) and, for a header printed in other words, from the cells below it
(:mod:`.content`), so that the source stage itself knows nothing of roles.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from aap_parser.enrich import is_region_name
from aap_parser.layout.content import heads_rows, settle_roles
from aap_parser.layout.roles import CARRIED_ROLES, header_role, header_roles


class LaureatesHeader:
    """Header questions answered by the layout stage's wording and content rules."""

    def names_column(self, text: str) -> bool:
        """True when the header cell's wording names a role."""
        return header_role(text) is not None

    def is_header_row(self, cells: Sequence[str]) -> bool:
        """True when the row reads as a laureates header (see :func:`.roles.header_roles`)."""
        return header_roles(list(cells)) is not None

    def heads_rows(self, cells: Sequence[str], below: Sequence[Sequence[str]]) -> bool:
        """True when the row, in words outside the vocabulary or naming a role twice, reads
        as the header of the laureates rows below it (see :func:`.content.heads_rows`)."""
        return _heads_rows(tuple(cells), tuple(tuple(row) for row in below))

    def names_region(self, text: str) -> bool:
        """True when ``text`` names a French region whole (see :func:`.enrich.is_region_name`):
        the reader cuts merged cells by it."""
        return is_region_name(text)

    def merging_columns(
        self, header: Sequence[str], body: Sequence[Sequence[str]]
    ) -> frozenset[int]:
        """The region, lead and country columns, which Word tables merge over rows: named so
        by their header, or, where the header's words are outside the vocabulary, read so
        from their cells (see :func:`.content.settle_roles`)."""
        named = [header_role(text) if text.strip() else None for text in header]
        if all(role is not None for role in named):
            return frozenset(i for i, role in enumerate(named) if role in CARRIED_ROLES)
        roles, _ = settle_roles(header, body)
        return frozenset(
            i
            for i, (role, read) in enumerate(zip(named, roles, strict=True))
            if (role if role is not None else read) in CARRIED_ROLES
        )


@lru_cache(maxsize=256)
def _heads_rows(cells: tuple[str, ...], below: tuple[tuple[str, ...], ...]) -> bool:
    # Remembered: the reader asks of the same top lines while it looks for a table's start.
    return heads_rows(cells, below)


LAUREATES_HEADER = LaureatesHeader()
