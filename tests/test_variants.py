"""Text variants of every spec (other header words, no header row, no ``---`` rule, rows printed
short, reordered columns, a row-number column, a per-row programme column, all at once) parse to
their golden records; what was guessed is warned."""

from __future__ import annotations

from typing import Any

import pytest

from aap_parser import parse
from aap_parser.errors import StrictModeError
from aap_parser.models import Announcement
from tests.fixtures_gen.render_pdf import render_pdf
from tests.fixtures_gen.variants import (
    VARIANTS_DIR,
    TextVariant,
    all_variants,
    comparable,
    expected,
    main,
    render_variant,
)

FIXTURES = sorted(p.name for p in VARIANTS_DIR.glob("*.txt"))
VARIANTS = {f"{v.name}.txt": v for v, _, _ in all_variants()}


def _golden(name: str) -> dict[str, Any]:
    path = VARIANTS_DIR / name.replace(".txt", ".golden.json")
    return Announcement.model_validate_json(path.read_text(encoding="utf-8")).model_dump(
        mode="json"
    )


@pytest.fixture(scope="module")
def parsed() -> dict[str, dict[str, Any]]:
    return {name: parse(VARIANTS_DIR / name).model_dump(mode="json") for name in FIXTURES}


def test_variants_are_up_to_date() -> None:
    assert main(["--check"]) == 0
    assert set(FIXTURES) == set(VARIANTS)


@pytest.mark.parametrize("name", FIXTURES)
def test_variant_matches_golden(name: str, parsed: dict[str, dict[str, Any]]) -> None:
    got, expected = parsed[name], _golden(name)
    assert got["header"] == expected["header"]
    assert got["tables"] == expected["tables"]
    assert got["footnotes"] == expected["footnotes"]
    assert [comparable(x) for x in got["laureates"]] == [
        comparable(x) for x in expected["laureates"]
    ]


def _codes(data: dict[str, Any]) -> set[str]:
    return {w["code"] for w in data["warnings"]}


@pytest.mark.parametrize("name", [n for n in FIXTURES if ".noheader" in n])
def test_a_table_without_header_row_is_warned(
    name: str, parsed: dict[str, dict[str, Any]]
) -> None:
    assert "header-missing" in _codes(parsed[name])


@pytest.mark.parametrize("name", [n for n in FIXTURES if n.endswith((".words.txt", ".web.txt"))])
def test_roles_read_from_the_cells_name_their_column(
    name: str, parsed: dict[str, dict[str, Any]]
) -> None:
    notes = [w["message"] for w in parsed[name]["warnings"] if w["code"] == "column-role"]
    assert notes
    assert all(m.startswith("column ") and " read as " in m for m in notes)


@pytest.mark.parametrize("name", [n for n in FIXTURES if VARIANTS[n].short_rows])
def test_a_row_printed_short_is_warned_and_fails_strict(
    name: str, parsed: dict[str, dict[str, Any]]
) -> None:
    variant = VARIANTS[name]
    printed_short = sum(1 for t in variant.spec.tables for row in t.rows if "" in row.cells)
    short = [w for w in parsed[name]["warnings"] if w["code"] == "row-missing-cells"]
    assert len(short) == printed_short > 0
    assert all(w["severity"] == "error" and w["laureate"] is not None for w in short)
    with pytest.raises(StrictModeError):
        parse(VARIANTS_DIR / name, strict=True)


PDF_VARIANTS = [
    (v, style)
    for v, _, _ in all_variants()
    if v.name.endswith((".words", ".noheader")) and not v.name.startswith("2018_long")
    for style in ("word", "borderless")
    if style in v.spec.render.styles
]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("variant", "style"), PDF_VARIANTS, ids=[f"{v.name}-{style}" for v, style in PDF_VARIANTS]
)
def test_pdf_rendition_of_a_variant_reads_exactly(variant: TextVariant, style: str) -> None:
    """The same variants printed as PDF (in the styles their spec lists): the roles come from
    the cells there too."""
    text = render_variant(variant)
    want = [comparable(x) for x in expected(variant, text).model_dump(mode="json")["laureates"]]
    got = parse(render_pdf(variant.spec, style)).model_dump(mode="json")
    assert [comparable(x) for x in got["laureates"]] == want


@pytest.mark.parametrize("name", [n for n in FIXTURES if VARIANTS[n].grouped])
def test_groups_under_region_headings_are_sections_of_one_table(
    name: str, parsed: dict[str, dict[str, Any]]
) -> None:
    assert not _codes(parsed[name]) & {"header-missing", "table-without-rows"}
    laureates = parsed[name]["laureates"]
    assert laureates
    assert all(x["region"] == x["section"] for x in laureates)
    assert all(x["region_code"] for x in laureates)
