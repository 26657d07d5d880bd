"""Property: a random spec printed as a text table with random header words outside the
vocabulary, its header row dropped, its blank cells dropped (rows printed short), with or without
the ``---`` rule, or written by a spreadsheet (tab or semicolons, partner lists broken over lines
in quoted cells), reads back to the spec's laureates. Rows printed short may warn but must be
right. A few examples per run; HYPOTHESIS_PROFILE=long (see test_roundtrip) for thousands."""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Any

from hypothesis import HealthCheck, assume, given, note, settings
from hypothesis import strategies as st

from aap_parser import parse_text
from tests.fixtures_gen.spec import AnnouncementSpec, TableSpec
from tests.fixtures_gen.strategies import announcement_specs
from tests.fixtures_gen.variants import (
    SYNONYMS,
    TextVariant,
    comparable,
    expected,
    grouped_by_region,
    render_variant,
)


@st.composite
def text_variants(draw: st.DrawFn) -> TextVariant:
    """A random spec, reworded, and how it is printed."""
    spec: AnnouncementSpec = draw(announcement_specs(realistic=True))
    header = draw(st.booleans())
    tables = []
    for t in spec.tables:
        columns = tuple(
            draw(st.sampled_from(SYNONYMS[role])) if header else "" for role in t.roles
        )
        tables.append(replace(t, columns=columns))
    spec = replace(spec, tables=tuple(tables))
    # A sheet writes every cell, blank or not; without a header a one-row table saved as
    # CSV is one line of prose.
    sheet = draw(st.sampled_from(["", "\t", ";"])) if header else ""
    tab = not sheet and draw(st.booleans())
    return TextVariant(
        name="random",
        spec=spec,
        header=header,
        rule=not tab and draw(st.booleans()),
        outer=True,
        short_rows=not sheet and draw(st.booleans()),
        tab=tab,
        sheet=sheet,
    )


def _has_blank_cells(tables: tuple[TableSpec, ...]) -> bool:
    return any("" in row.cells for t in tables for row in t.rows)


def _read_back(variant: TextVariant) -> tuple[dict[str, Any], dict[str, Any]]:
    """The variant printed, parsed and expected (as JSON); its laureates must be the same."""
    text = render_variant(variant)
    note(text)
    got = parse_text(text).model_dump(mode="json")
    want = expected(variant, text).model_dump(mode="json")
    for ours, theirs in zip(got["laureates"], want["laureates"], strict=False):
        assert comparable(ours) == comparable(theirs), f"laureate {theirs['index']}"
    assert len(got["laureates"]) == len(want["laureates"])
    return got, want


EXAMPLES = 2000 if os.environ.get("HYPOTHESIS_PROFILE") == "long" else 25


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(variant=text_variants())
def test_reworded_headerless_and_short_tables_read_back(variant: TextVariant) -> None:
    got, want = _read_back(variant)
    assert [t["roles"] for t in got["tables"]] == [t["roles"] for t in want["tables"]]
    codes = [w["code"] for w in got["warnings"]]
    if variant.short_rows and _has_blank_cells(variant.spec.tables):
        assert "row-missing-cells" in codes
    if not variant.header:
        assert "header-missing" in codes


@st.composite
def grouped_variants(draw: st.DrawFn) -> TextVariant:
    """A random spec whose list can be printed grouped under region headings, so printed."""
    spec: AnnouncementSpec = draw(announcement_specs(realistic=True))
    grouped = grouped_by_region(spec)
    assume(grouped is not None)
    assert grouped is not None
    return TextVariant(name="random", spec=grouped, grouped=True, tab=draw(st.booleans()))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(variant=grouped_variants())
def test_lists_grouped_under_region_headings_read_back(variant: TextVariant) -> None:
    got, _ = _read_back(variant)
    codes = {w["code"] for w in got["warnings"]}
    assert not codes & {"header-missing", "table-without-rows"}
