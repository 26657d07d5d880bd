"""Property: a random spec printed as a text table with random header words outside the
vocabulary, its header row dropped, its blank cells dropped (rows printed short), with or without
the ``---`` rule, reads back to the spec's laureates. Rows printed short may warn but must be
right. A few examples per run; HYPOTHESIS_PROFILE=long (see test_roundtrip) for thousands."""

from __future__ import annotations

import os
from dataclasses import replace

from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from aap_parser import parse_text
from tests.fixtures_gen.spec import AnnouncementSpec, TableSpec
from tests.fixtures_gen.strategies import announcement_specs
from tests.fixtures_gen.variants import SYNONYMS, TextVariant, comparable, expected, render_variant


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
    tab = draw(st.booleans())
    return TextVariant(
        name="random",
        spec=spec,
        header=header,
        rule=not tab and draw(st.booleans()),
        outer=True,
        short_rows=draw(st.booleans()),
        tab=tab,
    )


def _has_blank_cells(tables: tuple[TableSpec, ...]) -> bool:
    return any("" in row.cells for t in tables for row in t.rows)


EXAMPLES = 2000 if os.environ.get("HYPOTHESIS_PROFILE") == "long" else 25


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(variant=text_variants())
def test_reworded_headerless_and_short_tables_read_back(variant: TextVariant) -> None:
    text = render_variant(variant)
    note(text)
    got = parse_text(text).model_dump(mode="json")
    want = expected(variant, text).model_dump(mode="json")
    assert [t["roles"] for t in got["tables"]] == [t["roles"] for t in want["tables"]]
    for ours, theirs in zip(got["laureates"], want["laureates"], strict=False):
        assert comparable(ours) == comparable(theirs), f"laureate {theirs['index']}"
    assert len(got["laureates"]) == len(want["laureates"])
    codes = [w["code"] for w in got["warnings"]]
    if variant.short_rows and _has_blank_cells(variant.spec.tables):
        assert "row-missing-cells" in codes
    if not variant.header:
        assert "header-missing" in codes
