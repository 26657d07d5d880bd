"""Mutation fuzzing: whatever bytes come in, only ``AapParseError`` may escape ``parse``.

Hypothesis truncates, flips bits in, inserts bytes into and deletes bytes from the sample
PDFs and the seed text. The default profile is small and derandomised (same inputs on
every run); ``HYPOTHESIS_PROFILE=long`` runs many random examples.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aap_parser import parse, parse_text
from aap_parser.errors import AapParseError
from tests.conftest import SAMPLES, SEED

pytestmark = pytest.mark.slow  # property-based fuzzing: long; run in full CI

PDF_SEEDS = sorted(SAMPLES.glob("seed-000-r1.*.pdf"))
TEXT_SEEDS = [SEED, SAMPLES / "seed-000-r1.docx-lo.layout.txt"]

settings.register_profile(
    "default",
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "long",
    max_examples=5000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(autouse=True)
def _quiet_pdfminer() -> None:
    """pdfminer logs each repair it makes on corrupt files."""
    logging.getLogger("pdfminer").setLevel(logging.ERROR)


@dataclass(frozen=True)
class Edit:
    """One mutation at a relative position (0..1) of the input."""

    kind: str
    where: float
    bit: int = 0
    size: int = 0
    blob: bytes = b""

    def apply(self, data: bytearray) -> None:
        """Edit ``data`` in place."""
        pos = int(self.where * len(data))
        if self.kind == "truncate":
            del data[pos:]
        elif self.kind == "flip" and data:
            data[min(pos, len(data) - 1)] ^= 1 << self.bit
        elif self.kind == "insert":
            data[pos:pos] = self.blob
        elif self.kind == "delete":
            del data[pos : pos + self.size]


where = st.floats(min_value=0, max_value=1)
edits = st.one_of(
    st.builds(Edit, kind=st.just("truncate"), where=where),
    st.builds(Edit, kind=st.just("flip"), where=where, bit=st.integers(0, 7)),
    st.builds(Edit, kind=st.just("insert"), where=where, blob=st.binary(min_size=1, max_size=64)),
    st.builds(Edit, kind=st.just("delete"), where=where, size=st.integers(1, 2048)),
)


def mutated(seed: Path, changes: list[Edit]) -> bytes:
    """The seed file's bytes with ``changes`` applied in order."""
    data = bytearray(seed.read_bytes())
    for change in changes:
        change.apply(data)
    return bytes(data)


def _error_message(data: bytes) -> str:
    """Parse; return an ``AapParseError``'s message ("" on success); anything else escapes."""
    try:
        parse(data)
    except AapParseError as error:
        return str(error)
    return ""


def test_seeds_exist() -> None:
    assert len(PDF_SEEDS) >= 3
    assert all(path.exists() for path in TEXT_SEEDS)


@given(seed=st.sampled_from(PDF_SEEDS), changes=st.lists(edits, min_size=1, max_size=6))
@settings(max_examples=settings().max_examples * 4)
def test_mutated_pdf_gives_result_or_typed_error(seed: Path, changes: list[Edit]) -> None:
    assert "\n" not in _error_message(mutated(seed, changes))


@given(seed=st.sampled_from(TEXT_SEEDS), changes=st.lists(edits, min_size=1, max_size=8))
@settings(max_examples=settings().max_examples * 2)
def test_mutated_text_gives_result_or_typed_error(seed: Path, changes: list[Edit]) -> None:
    assert "\n" not in _error_message(mutated(seed, changes))


@given(text=st.text(max_size=400))
@settings(max_examples=settings().max_examples * 4)
def test_any_string_gives_result_or_typed_error(text: str) -> None:
    try:
        parse_text(text)
        message = ""
    except AapParseError as error:
        message = str(error)
    assert "\n" not in message
