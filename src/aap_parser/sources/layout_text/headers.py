"""What the layout-text reader asks of a table's printed header row.

Telling a laureates header ("Région | Collectivité chef de file | Partenaire | Projet") from
body text takes the layout stage's vocabulary of column roles. The reader does not own it:
it is handed a :class:`HeaderTest`, so that the source stage knows nothing of roles.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class HeaderTest(Protocol):
    """The three questions the reader asks of header wording."""

    def names_column(self, text: str) -> bool:
        """True when ``text`` (one header cell) names a known column."""

    def is_header_row(self, cells: Sequence[str]) -> bool:
        """True when a row of cells reads as a laureates table's header row."""

    def merges_down(self, text: str) -> bool:
        """True when a column headed ``text`` holds cells a word processor merges over
        several rows (the region, the lead)."""
