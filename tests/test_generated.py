"""Every generated announcement, in every rendition (PDF styles, tab and pipe text), parses to
its golden records: header, tables, laureates, footnotes, source."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from aap_parser import Announcement, parse
from aap_parser.enrich.checks import disproved_codes
from tests.fixtures_gen.golden import GENERATED_DIR, expected_for, load_manifest

FIXTURES = sorted(load_manifest(GENERATED_DIR)["files"])
LAYOUT_CODES = ("row-", "table-", "heading-")


def _laureates(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Laureates without provenance and enrichment codes (checked in their own tests)."""
    out = []
    for laureate in data["laureates"]:
        item = {k: v for k, v in laureate.items() if k not in ("provenance", "region_code")}
        item["leads"] = [lead["name"] for lead in laureate["leads"]]
        out.append(item)
    return out


@pytest.fixture(scope="module")
def parsed() -> dict[str, dict[str, Any]]:
    return {name: parse(GENERATED_DIR / name).model_dump(mode="json") for name in FIXTURES}


@pytest.mark.parametrize("name", FIXTURES)
def test_rendition_matches_golden(name: str, parsed: dict[str, dict[str, Any]]) -> None:
    got = parsed[name]
    expected = expected_for(name).model_dump(mode="json")
    assert got["source"] | {"path": None} == expected["source"] | {"path": None}
    assert got["header"] == expected["header"]
    assert got["tables"] == expected["tables"]
    assert got["footnotes"] == expected["footnotes"]
    assert _laureates(got) == _laureates(expected)
    assert not [w for w in got["warnings"] if w["code"].startswith(LAYOUT_CODES)]


@pytest.mark.parametrize("name", FIXTURES)
def test_provenance_points_into_the_source(name: str, parsed: dict[str, dict[str, Any]]) -> None:
    got = parsed[name]
    for laureate in got["laureates"]:
        where = laureate["provenance"]
        if name.endswith(".pdf"):
            assert 1 <= where["page"] <= got["source"]["pages"]
            x0, top, x1, bottom = where["bbox"]
            assert x0 < x1
            assert top < bottom
        else:
            assert where["line"] >= 1


def test_every_fixture_region_gets_a_code(parsed: dict[str, dict[str, Any]]) -> None:
    regions = {
        laureate["region"]: laureate["region_code"]
        for data in parsed.values()
        for laureate in data["laureates"]
        if laureate["region"]
    }
    assert len(regions) > 20
    assert {name: code for name, code in regions.items() if code is None} == {}


def test_fixture_files_are_those_of_the_manifest() -> None:
    on_disk = {p.name for p in Path(GENERATED_DIR).iterdir() if p.suffix in (".pdf", ".txt")}
    assert on_disk == set(FIXTURES)


def test_no_lead_code_lies_outside_its_row_region(parsed: dict[str, dict[str, Any]]) -> None:
    for name, data in parsed.items():
        assert disproved_codes(Announcement.model_validate(data)) == [], name
