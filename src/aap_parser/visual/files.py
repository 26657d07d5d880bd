"""Writing review pages for the command line: one file, or a folder with an ``index.html``.

The writer sits on the stream of batch results and passes each one on unchanged, so the
JSON, JSON Lines and CSV writers see the same results in the same order. An input whose
review cannot be made is reported and counted; the batch goes on.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from aap_parser.batch import BatchOptions, BatchResult
from aap_parser.errors import AapParseError
from aap_parser.inputs import STDIN
from aap_parser.outfiles import atomic_output, json_names
from aap_parser.visual import review
from aap_parser.visual.html import IndexEntry, index_entry, index_page

INDEX = "index.html"


def review_names(paths: Sequence[str]) -> list[str]:
    """Name each input's review after it (``x.pdf`` -> ``x.html``), unique in order, never
    ``index.html`` (named as the JSON files are, with the index's name taken first)."""
    return json_names([INDEX, *paths], ".html")[1:]


class ReviewWriter:
    """Writes the review of each parsed input as its result goes by."""

    def __init__(self, targets: list[Path], index: Path | None, parsing: BatchOptions) -> None:
        self.targets = targets
        self.index = index
        self.parsing = parsing
        self.failures = 0

    @classmethod
    def plan(
        cls,
        destination: str,
        paths: Sequence[str],
        *,
        several: bool,
        force: bool,
        parsing: BatchOptions,
    ) -> ReviewWriter:
        """Decide where each review goes; ``parsing`` holds the options the inputs are parsed
        with, to read them again the same way.

        Raises ``ValueError`` for a file destination with several inputs and
        ``FileExistsError`` for an existing file without ``force`` or a review over an input.
        """
        target = Path(destination)
        if destination.endswith(("/", os.sep)) or target.is_dir():
            targets = [target / name for name in review_names(paths)]
            index: Path | None = target / INDEX
        elif several:
            raise ValueError("several inputs: --review needs a folder (ending in '/')")
        else:
            targets, index = [target], None
        sources = {Path(p).resolve() for p in paths if p != STDIN}
        for path in [*targets, *([index] if index else [])]:
            if path.resolve() in sources:
                raise FileExistsError(f"{path}: is one of the inputs; choose another review path")
            if path.is_dir():
                raise FileExistsError(f"{path}: is a folder")
            if path.exists() and not force:
                raise FileExistsError(f"{path}: exists; use --force to overwrite")
        return cls(targets, index, parsing)

    def tap(
        self, results: Iterator[BatchResult], report: Callable[[str], None]
    ) -> Iterator[BatchResult]:
        """Pass every result on, writing its review first; the index once all have passed."""
        entries: list[IndexEntry] = []
        for target, result in zip(self.targets, results, strict=False):
            entries.append(self._write(target, result, report))
            yield result
        if self.index is not None:
            _write_text(self.index, index_page(entries))

    def _write(
        self, target: Path, result: BatchResult, report: Callable[[str], None]
    ) -> IndexEntry:
        """Write one input's review; return its index line."""
        announcement = result.announcement
        if announcement is None:
            error = str(result.error or "failed").removeprefix(f"{result.path}: ")
            return IndexEntry(result.path, None, error)
        href: str | None = target.name
        try:
            if result.path == STDIN:
                raise AapParseError("no review for standard input (give a file)")
            data = Path(result.path).read_bytes()
            _write_text(
                target,
                review(
                    announcement,
                    data,
                    password=self.parsing.password,
                    backend=self.parsing.backend,
                    ocr=self.parsing.ocr,
                    ocr_lang=self.parsing.ocr_lang,
                    name=result.path,
                ),
            )
        except (AapParseError, OSError) as error:
            report(f"{result.path}: review: {error}")
            self.failures += 1
            href = None
        return index_entry(result.path, href, announcement)


def _write_text(path: Path, text: str) -> None:
    """Write a page atomically (readers never see half of it)."""
    with atomic_output(path) as stream:
        stream.write(text)
