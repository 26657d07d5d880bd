"""What the layout-text reader asks of a table's printed header row.

Telling a laureates header ("Région | Collectivité chef de file | Partenaire | Projet") from
body text takes the layout stage's vocabulary of column roles, and for a header printed in
other words ("Localisation | Bénéficiaire | Homologue"), its reading of the cells below. The
reader does not own them: it is handed a :class:`HeaderTest`, so that the source stage knows
nothing of roles.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class HeaderTest(Protocol):
    """The questions the reader asks of header wording."""

    def names_column(self, text: str) -> bool:
        """True when ``text`` (one header cell) names a known column."""

    def is_header_row(self, cells: Sequence[str]) -> bool:
        """True when a row of cells reads as a laureates table's header row."""

    def heads_rows(self, cells: Sequence[str], below: Sequence[Sequence[str]]) -> bool:
        """True when a row of cells whose wording is not a laureates header (other words, a
        role named twice) reads as the header of the rows below it, from what they hold."""

    def names_region(self, text: str) -> bool:
        """True when ``text`` names a French region whole (any era's spelling)."""

    def merging_columns(
        self, header: Sequence[str], body: Sequence[Sequence[str]]
    ) -> frozenset[int]:
        """The columns whose cells a word processor merges over several rows (the region,
        the lead), by their header's wording or, for a header in other words, by what the
        cells of ``body`` hold."""
