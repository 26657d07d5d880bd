"""Hostile and broken inputs: a typed one-line ``AapParseError``, or a parse with warnings.

The small inputs are committed in tests/fixtures/bad/ (made by ``python -m
tests.fixtures_gen.bad_inputs``); the big ones (decompression bomb, long PDF, multi-MB cell)
are built here, scaled down.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from aap_parser import parse, parse_text
from aap_parser.errors import (
    AapParseError,
    EncryptedPdfError,
    InputError,
    NoTableError,
    NoTextLayerError,
)
from aap_parser.models import Announcement
from aap_parser.sources.pdf import reader
from aap_parser.sources.pdf.backends import BACKENDS, DEFAULT_BACKEND
from tests.fixtures_gen import bad_inputs as bad

BAD = bad.BAD_DIR
AAP_PARSE = Path(sys.executable).with_name("aap-parse")


@pytest.fixture(
    autouse=True,
    params=[
        pytest.param(name, marks=[] if name == DEFAULT_BACKEND else [pytest.mark.slow])
        for name in sorted(BACKENDS)
    ],
)
def _each_backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every case with each PDF backend (the CLI's subprocesses use the default one); the
    quick run (``-m "not slow"``) tries the default one only."""
    monkeypatch.setattr(reader, "DEFAULT_BACKEND", request.param)


@pytest.fixture(autouse=True)
def _quiet_pdfminer() -> Iterator[None]:
    """pdfminer logs each repair it makes on corrupt files; the assertions are what matter
    (its level is restored after each test: other tests read those warnings)."""
    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


def _rows(announcement: Announcement) -> list[dict[str, Any]]:
    """The laureates' content, without provenance (line numbers differ between encodings)."""
    return [
        laureate.model_dump(include={"region", "leads", "partners", "title", "extra"})
        for laureate in announcement.laureates
    ]


def _expected_rows(count: int) -> list[dict[str, Any]]:
    """The laureates of the plain UTF-8 announcement of ``count`` synthetic rows."""
    text = bad.announcement_text([bad.laureate_row(i) for i in range(count)])
    return _rows(parse_text(text))


def test_committed_catalogue_is_up_to_date() -> None:
    for name, data in bad.render_catalogue():
        stale = f"{name}: run python -m tests.fixtures_gen.bad_inputs"
        assert (BAD / name).read_bytes() == data, stale


def test_committed_catalogue_is_small() -> None:
    assert sum(path.stat().st_size for path in BAD.iterdir()) < 500_000


ERRORS = [
    ("empty.txt", InputError, "empty file"),
    ("empty.pdf", InputError, "empty file"),
    ("random.pdf", InputError, "binary content"),
    ("random.txt", InputError, "binary content"),
    ("truncated-40.pdf", InputError, "corrupt or truncated PDF"),
    ("truncated-95.pdf", InputError, "corrupt or truncated PDF"),
    ("bit-flips.pdf", InputError, "corrupt or truncated PDF"),
    ("zero-pages.pdf", InputError, "no pages"),
    ("encrypted.pdf", EncryptedPdfError, "password is needed"),
    ("scanned.pdf", NoTextLayerError, "OCR"),
    ("no-table.pdf", NoTableError, "no laureates table"),
    ("no-table.txt", NoTableError, "no laureates table"),
]


@pytest.mark.parametrize(("name", "error", "fragment"), ERRORS)
def test_bad_input_gives_typed_one_line_error(
    name: str, error: type[AapParseError], fragment: str
) -> None:
    with pytest.raises(error) as caught:
        parse(BAD / name)
    message = str(caught.value)
    assert fragment in message
    assert "\n" not in message
    assert caught.value.source == str(BAD / name)


@pytest.mark.parametrize("name", ["no-mediabox.pdf", "broken-page-dict.pdf"])
def test_broken_page_tree_gives_typed_error(name: str) -> None:
    with pytest.raises(InputError, match="corrupt or truncated PDF"):
        parse(BAD / name)


def test_zero_size_text_is_not_corruption() -> None:
    assert len(parse(BAD / "zero-size-text.pdf").laureates) == 5


def test_dense_grid_of_rules_is_fast() -> None:
    start = time.monotonic()
    with pytest.raises(NoTableError):
        parse(BAD / "dense-grid.pdf")
    assert time.monotonic() - start < 2.0


def test_bad_bytes_give_same_error_without_a_name() -> None:
    with pytest.raises(InputError, match="corrupt or truncated"):
        parse((BAD / "truncated-40.pdf").read_bytes())


def test_encrypted_pdf_opens_with_its_password() -> None:
    opened = parse(BAD / "encrypted.pdf", password=bad.PASSWORD)
    plain = parse(bad.announcement_pdf())
    assert len(opened.laureates) == 24
    assert _rows(opened) == _rows(plain)


def test_copy_protected_pdf_opens_without_password() -> None:
    protected = parse(BAD / "owner-password-only.pdf")
    assert len(protected.laureates) == 24
    assert _rows(protected) == _rows(parse(bad.announcement_pdf()))


def test_encrypted_pdf_with_wrong_password_says_so() -> None:
    with pytest.raises(EncryptedPdfError, match="password given is wrong"):
        parse(BAD / "encrypted.pdf", password="not-the-password")


def test_text_named_pdf_is_read_as_text() -> None:
    announcement = parse(BAD / "text-named.pdf")
    assert announcement.source.format == "text"
    assert _rows(announcement) == _rows(parse(bad.SEED_TEXT))
    assert len(announcement.laureates) > 0


@pytest.mark.parametrize(
    "name", ["cp1252.txt", "utf16-bom.txt", "crlf.txt", "nul-bytes.txt", "mixed-tabs.txt"]
)
def test_text_encodings_and_whitespace_give_the_same_laureates(name: str) -> None:
    announcement = parse(BAD / name)
    assert _rows(announcement) == _expected_rows(4)
    assert announcement.header.date is not None


def test_nul_bytes_are_removed_with_a_warning() -> None:
    announcement = parse(BAD / "nul-bytes.txt")
    assert [w.message for w in announcement.warnings] == ["NUL characters removed from the text"]


def test_row_with_extra_cell_is_kept_with_a_warning() -> None:
    announcement = parse(BAD / "extra-cells.txt")
    assert len(announcement.laureates) == 4
    assert "Cellule en trop" in announcement.laureates[2].extra.values()
    assert [w.code for w in announcement.warnings] == ["row-extra-cells"]
    assert announcement.warnings[0].line is not None


def test_row_with_fewer_cells_is_kept_with_a_warning() -> None:
    announcement = parse(BAD / "fewer-cells.txt")
    short = announcement.laureates[2]
    assert len(announcement.laureates) == 4
    assert (short.region, short.title, short.partners) == (bad.laureate_row(2)[0], None, [])
    assert [w.code for w in announcement.warnings] == ["row-missing-cells"]


def test_header_without_rows_is_reported() -> None:
    announcement = parse(BAD / "header-only.txt")
    assert announcement.laureates == []
    assert [w.code for w in announcement.warnings] == ["table-without-rows"]


def test_continuation_row_naming_a_region_is_not_a_header() -> None:
    rows_per_page = 25  # page 2 then starts with row 24, whose lead is "Région …"
    leads = (*bad.LEADS[:4], ("Hauts-de-France", "Région Hauts-de-France"))
    announcement = parse(bad.announcement_pdf(2, rows_per_page=rows_per_page, leads=leads))
    assert len(announcement.laureates) == 2 * rows_per_page - 1
    assert len(announcement.tables) == 1
    assert all(laureate.title for laureate in announcement.laureates)
    assert announcement.warnings == []


# --- big inputs, scaled down (full sizes are measured in benchmarks/) --------------------


def test_decompression_bomb_is_bounded() -> None:
    data = bad.bomb_pdf(60_000_000)  # 60 KB of PDF, 60 MB of content stream
    assert len(data) < 100_000
    start = time.monotonic()
    with pytest.raises(NoTableError):
        parse(data)
    assert time.monotonic() - start < 20


@pytest.mark.slow
def test_long_pdf_keeps_every_row() -> None:
    pages, rows_per_page = 12, 30
    start = time.monotonic()
    announcement = parse(bad.announcement_pdf(pages, rows_per_page=rows_per_page))
    elapsed = time.monotonic() - start
    assert len(announcement.laureates) == pages * rows_per_page - 1
    assert announcement.warnings == []
    assert sorted(announcement.tables[0].pages) == list(range(1, pages + 1))
    assert elapsed < 30


@pytest.mark.slow
def test_text_cost_is_linear_in_rows() -> None:
    def seconds(count: int) -> float:
        """The least CPU time (not wall time: the machine may be busy) of two parses."""
        text = bad.announcement_text([bad.laureate_row(i) for i in range(count)])
        times = []
        for _ in range(2):
            start = time.process_time()
            assert len(parse_text(text).laureates) == count
            times.append(time.process_time() - start)
        return min(times)

    seconds(50)  # warm the lookup tables
    small, large = seconds(500), seconds(2000)
    assert large < 8 * small + 0.5  # 4x the rows; quadratic cost would be ~16x


def test_multi_megabyte_cell_is_kept_whole() -> None:
    data = bad.big_cell_text(3_000_000)
    start = time.monotonic()
    announcement = parse(data)
    assert time.monotonic() - start < 15
    assert len(announcement.laureates) == 3
    title = announcement.laureates[1].title or ""
    assert len(title) > 2_900_000
    assert title.startswith("développement durable")


# --- the CLI prints one error line, exit 1, no traceback ---------------------------------


@pytest.mark.skipif(not AAP_PARSE.exists(), reason="aap-parse is not installed next to python")
@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("encrypted.pdf", "password"),
        ("truncated-40.pdf", "corrupt or truncated PDF"),
        ("scanned.pdf", "no text layer"),
        ("zero-pages.pdf", "no pages"),
        ("random.txt", "binary content"),
    ],
)
def test_cli_prints_one_error_line(name: str, fragment: str) -> None:
    result = subprocess.run(
        [str(AAP_PARSE), "-q", name],
        cwd=BAD,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"aap-parse: error: {name}: ")
    assert fragment in lines[0]
    assert "Traceback" not in result.stderr
