"""The report of a run: one CSV row per input, for resuming and auditing a batch.

Columns: the input's path and SHA-256, its status (``ok``, ``duplicate`` when written but
repeating an earlier input, ``skipped-duplicate`` with ``--skip-duplicates``,
``skipped-existing`` with ``--skip-existing``, ``failed``), its laureates, its warnings by
severity, the input it repeats and the error message.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from aap_parser.batch import BatchResult
from aap_parser.inputs import STDIN

COLUMNS = (
    "path", "sha256", "status", "laureates", "errors", "warnings", "infos", "duplicate_of",
    "message",
)


@dataclass
class RunReport:
    """The rows of the report, in input order, and where it goes."""

    path: Path
    rows: list[dict[str, str]] = field(default_factory=list)

    def add(self, result: BatchResult, *, duplicate_of: str | None, skipped: bool) -> None:
        """Record one parsed (or failed) input."""
        announcement = result.announcement
        if announcement is None:
            self.rows.append(self._row(result.path, "failed", message=str(result.error or "")))
            return
        counts = dict.fromkeys(("error", "warning", "info"), 0)
        for warning in announcement.warnings:
            counts[warning.severity] += 1
        status = "ok" if duplicate_of is None else "skipped-duplicate" if skipped else "duplicate"
        self.rows.append(self._row(
            result.path,
            status,
            sha256=announcement.source.sha256 or "",
            laureates=str(len(announcement.laureates)),
            errors=str(counts["error"]),
            warnings=str(counts["warning"]),
            infos=str(counts["info"]),
            duplicate_of=duplicate_of or "",
        ))

    def skipped(self, path: str, message: str) -> None:
        """Record an input left out because its output exists."""
        self.rows.append(self._row(path, "skipped-existing", message=message))

    def write(self) -> None:
        """Write the report (UTF-8 CSV with a header row), replacing it atomically."""
        from aap_parser.export import WRITERS
        from aap_parser.outfiles import atomic_output

        with atomic_output(self.path, WRITERS["csv"]) as stream:
            writer = csv.DictWriter(stream, fieldnames=COLUMNS)
            writer.writeheader()
            writer.writerows(self.rows)

    @staticmethod
    def _row(path: str, status: str, **values: str) -> dict[str, str]:
        row = dict.fromkeys(COLUMNS, "")
        row.update(path=path, status=status, **values)
        row["sha256"] = row["sha256"] or _sha256(path)
        return row


def _sha256(path: str) -> str:
    """The SHA-256 of a file ('' for standard input or a file that cannot be read)."""
    if path == STDIN:
        return ""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""
