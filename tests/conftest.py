"""Where the test inputs live, named once for every test module.

Fixture files are committed under ``tests/fixtures/``: the real seed announcement as text and
its golden JSON, the seed printed as PDF by several producers (``samples/``), generated
announcements (``generated/``), layout-text renditions (``layout/``) and hostile inputs
(``bad/``). The scripts that make them all live in ``tests/fixtures_gen/``. Long property,
fuzz and round-trip tests are marked ``slow`` where they are written, the runs over the
eight-fold samples here: ``pytest -m "not slow"`` is the quick run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
"""The repository root."""
FIXTURES = ROOT / "tests" / "fixtures"
SEED = FIXTURES / "seed.txt"
"""The one real announcement, verbatim (tab-separated text)."""
SEED_GOLDEN = FIXTURES / "seed.golden.json"
"""What parsing the seed must give."""
SAMPLES = FIXTURES / "samples"
"""The seed as PDFs and layout text from several producers."""
LAYOUT = FIXTURES / "layout"
"""``pdftotext -layout`` renditions of invented announcements, with their expected rows."""
GENERATED = FIXTURES / "generated"
"""Announcements generated from ``tests/fixtures_gen/specs``, with their goldens."""
BAD = FIXTURES / "bad"
"""Small hostile and broken inputs (``tests/fixtures_gen/bad_inputs.py``)."""

LONG_SAMPLES = "-r8."
"""In a test id, names a sample that prints the seed eight times over: the same checks as the
single copy (``-r1.``), on a long document, so those runs are ``slow``."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the runs over the eight-fold samples ``slow`` (one rule instead of one per test)."""
    for item in items:
        if LONG_SAMPLES in item.nodeid:
            item.add_marker(pytest.mark.slow)
