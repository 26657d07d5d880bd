"""The PDF backends agree: pdfminer is the oracle of the default pypdfium2 backend.

Every PDF fixture (generated announcements, the shared samples, the hostile catalogue) is
parsed with each backend; the records must be identical, provenance boxes within 1 pt
(PDFium computes in single precision and boxes a glyph from its own advance widths), and a
file one backend refuses the other refuses with the same typed error.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest

from aap_parser import parse
from aap_parser.errors import AapParseError
from aap_parser.sources.pdf.backends import BACKENDS, DEFAULT_BACKEND

FIXTURES = Path(__file__).parent / "fixtures"
PDFS = sorted(p for p in FIXTURES.rglob("*.pdf") if "scanned" not in p.parts)
"""Every PDF fixture but the scans, whose pages are read by OCR whichever backend opens them."""
BOX_TOLERANCE = 1.0


@pytest.fixture(autouse=True)
def _quiet_pdfminer() -> None:
    """pdfminer logs each repair it makes on corrupt files; the comparison is what matters."""
    logging.getLogger("pdfminer").setLevel(logging.ERROR)


def _outcome(path: Path, backend: str) -> Any:
    """The announcement as JSON data, or the typed error's class and reason (the page a
    backend names for a broken page may differ: one finds it opening, one reading)."""
    try:
        return json.loads(parse(path, backend=backend).model_dump_json())
    except AapParseError as error:
        # The reason's words before any library detail: "corrupt or truncated PDF (...)".
        return {"error": type(error).__name__, "says": error.reason.split("(")[0]}


def _differences(a: Any, b: Any, where: str = "") -> list[str]:
    """Where two JSON values differ, boxes compared within ``BOX_TOLERANCE``."""
    if isinstance(a, dict) and isinstance(b, dict):
        return [d for key in sorted(a.keys() | b.keys())
                for d in _differences(a.get(key), b.get(key), f"{where}.{key}")]
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        if where.endswith("bbox"):
            far = any(abs(x - y) > BOX_TOLERANCE for x, y in zip(a, b, strict=True))
            return [f"{where}: {a} != {b}"] if far else []
        return [d for i, (x, y) in enumerate(zip(a, b, strict=True))
                for d in _differences(x, y, f"{where}[{i}]")]
    return [] if a == b else [f"{where}: {a!r} != {b!r}"]


def test_every_kind_of_fixture_is_compared() -> None:
    folders = {path.parent.name for path in PDFS}
    assert {"generated", "samples", "bad"} <= folders
    assert len(PDFS) >= 80


def test_the_registry_names_both_backends_and_the_default() -> None:
    assert {"pdfium", "pdfminer"} <= BACKENDS.keys()
    assert DEFAULT_BACKEND == "pdfium"


def test_the_comparison_sees_a_box_moved_by_more_than_a_point() -> None:
    box = {"laureates": [{"bbox": [10.0, 20.0, 30.0, 40.0]}]}
    near = {"laureates": [{"bbox": [10.9, 20.0, 30.0, 40.0]}]}
    far = {"laureates": [{"bbox": [11.2, 20.0, 30.0, 40.0]}]}
    assert _differences(box, near) == []
    assert _differences(box, far) == [
        ".laureates[0].bbox: [10.0, 20.0, 30.0, 40.0] != [11.2, 20.0, 30.0, 40.0]"
    ]
    assert _differences({"title": "a"}, {"title": "b"}) == [".title: 'a' != 'b'"]


@pytest.mark.parametrize(
    "path",
    [FIXTURES / "samples" / name for name in ("seed-000-r1.html.pdf", "seed-000-r8.docx-lo.pdf")],
    ids=lambda p: p.name,
)
def test_backends_agree_on_the_seed_sample(path: Path) -> None:
    assert _differences(_outcome(path, "pdfminer"), _outcome(path, "pdfium")) == []


@pytest.mark.slow
@pytest.mark.parametrize("path", PDFS, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_backends_give_identical_records(path: Path) -> None:
    assert _differences(_outcome(path, "pdfminer"), _outcome(path, "pdfium")) == []
