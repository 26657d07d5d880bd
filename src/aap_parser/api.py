"""The library's entry points: ``parse`` (a file or bytes) and ``parse_text`` (a string).

They run the pipeline source -> grid -> layout -> records -> models and are the only
place where a file is read. Every failure comes out as an :class:`AapParseError` naming
the input.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from pathlib import Path

from aap_parser.build import build_records
from aap_parser.collector import collector_paused
from aap_parser.errors import AapParseError, InputError, StrictModeError
from aap_parser.grid import SourceDocument
from aap_parser.inputs import text_name
from aap_parser.layout import lay_out
from aap_parser.layout.doubts import place_doubts
from aap_parser.layout.headers import LAUREATES_HEADER
from aap_parser.layout.snap import snap_headers, snap_names
from aap_parser.models import Announcement, Source
from aap_parser.sources import read_source, read_text
from aap_parser.sources.ocr.mode import OcrMode

PathLike = str | os.PathLike[str]


def parse(
    source: PathLike | bytes,
    *,
    password: str | None = None,
    strict: bool = False,
    max_pages: int | None = None,
    backend: str | None = None,
    ocr: OcrMode = "auto",
    ocr_lang: str = "fra",
) -> Announcement:
    """Parse an announcement file (PDF or text, told apart by content) or its bytes.

    ``password`` opens an encrypted PDF; ``max_pages`` refuses longer PDFs; ``strict``
    turns any warning into a :class:`StrictModeError`; ``backend`` names the library that
    reads a PDF's characters and rules (see ``aap_parser.sources.pdf.backends.BACKENDS``).
    ``ocr`` reads PDF pages by OCR: those without a text layer (``"auto"``), all
    (``"always"``) or none (``"never"``), in the Tesseract language ``ocr_lang``.
    """
    name: str | None = None
    if isinstance(source, bytes):
        data = source
    else:
        name = os.fspath(source)
        data = _read_file(Path(name))
    try:
        document = read_source(
            data,
            headers=LAUREATES_HEADER,
            password=password,
            max_pages=max_pages,
            backend=backend,
            ocr=ocr,
            ocr_lang=ocr_lang,
        )
        with collector_paused():  # layout and records: many objects, no cycle to free
            return _finish(document, data, name, strict)
    except AapParseError as error:
        if name:
            error.with_source(name)
        raise


def parse_text(text: str, *, strict: bool = False, name: str | None = None) -> Announcement:
    """Parse an announcement given as a string (tab, pipe or space-aligned table)."""
    try:
        document = read_text(text, LAUREATES_HEADER)
        return _finish(document, text.encode("utf-8"), name, strict)
    except AapParseError as error:
        if name:
            error.with_source(name)
        raise


def _read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", source=str(path)) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", source=str(path)) from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}", source=str(path)) from None


def _finish(document: SourceDocument, data: bytes, name: str | None, strict: bool) -> Announcement:
    """Lay out, build records and assemble the announcement."""
    if document.format == "pdf-ocr":
        document = snap_headers(document)
    layout = lay_out(document)
    if document.format == "pdf-ocr":
        tables, unplaced = place_doubts(snap_names(layout.tables), document.doubts)
        layout = replace(layout, tables=tables, warnings=(*layout.warnings, *unplaced))
    header = layout.header
    records = build_records(layout.tables, header.call)
    warnings = [*document.warnings, *layout.warnings, *records.warnings]
    announcement = Announcement(
        source=Source(
            path=None if name is None else text_name(name),
            format=document.format,
            sha256=hashlib.sha256(data).hexdigest(),
            pages=document.pages,
        ),
        header=header,
        tables=records.tables,
        laureates=records.laureates,
        footnotes=list(layout.footnotes),
        warnings=warnings,
    )
    if strict and warnings:
        first = warnings[0]
        raise StrictModeError(
            f"{len(warnings)} warning(s) in strict mode; first: {first.code}: {first.message}",
            page=first.page,
            line=first.line,
        )
    return announcement
