"""The ``pdftotext -layout`` text of the generated announcements parses to their golden records.

Each file in ``fixtures/layout/generated`` is the layout text of one generated PDF (LibreOffice
or WeasyPrint style, see ``make.sh`` there); its expected records are that announcement's
golden: header, tables (columns, roles, section), footnotes and every laureate field but
provenance and enrichment codes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from aap_parser import parse
from tests.conftest import GENERATED, LAYOUT

LAYOUT_GENERATED = LAYOUT / "generated"

def _comparable(data: dict[str, Any]) -> dict[str, Any]:
    """The parts of a parse result the layout text must reproduce (no source, warnings,
    provenance, region codes, lead kinds and codes, table pages)."""
    laureates = []
    for laureate in data["laureates"]:
        item = {k: v for k, v in laureate.items() if k not in ("provenance", "region_code")}
        item["leads"] = [lead["name"] for lead in laureate["leads"]]
        laureates.append(item)
    return {
        "header": data["header"],
        "tables": [{k: v for k, v in t.items() if k != "pages"} for t in data["tables"]],
        "footnotes": data["footnotes"],
        "laureates": laureates,
    }


def _cases() -> list[Any]:
    cases = []
    for path in sorted(LAYOUT_GENERATED.glob("*.layout.txt")):
        cases.append(pytest.param(path, id=path.name))
    return cases


def test_every_generated_pdf_style_has_its_layout_text() -> None:
    assert len(_cases()) == 28
    for case in _cases():
        path = case.values[0]
        assert (GENERATED / f"{path.name.split('.')[0]}.golden.json").is_file()


@pytest.mark.parametrize("path", _cases())
def test_layout_text_gives_the_golden_records(path: Path) -> None:
    golden = json.loads((GENERATED / f"{path.name.split('.')[0]}.golden.json").read_text("utf-8"))
    got = _comparable(parse(path).model_dump(mode="json"))
    want = _comparable(golden)
    assert got["header"] == want["header"]
    assert got["tables"] == want["tables"]
    assert got["footnotes"] == want["footnotes"]
    assert len(got["laureates"]) == len(want["laureates"])
    for index, (mine, theirs) in enumerate(zip(got["laureates"], want["laureates"], strict=True)):
        assert mine == theirs, f"laureate {index + 1}"
