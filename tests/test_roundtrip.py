"""Round trips: a random announcement rendered as PDF (three styles) or text (tab, pipe) parses
back to the records it was made from. A few examples per run; set HYPOTHESIS_PROFILE=long for
thousands."""

from __future__ import annotations

import contextlib
import os
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aap_parser import AapParseError, parse, parse_text
from aap_parser.models import Source
from tests.fixtures_gen.golden import build_golden
from tests.fixtures_gen.render_pdf import render_pdf
from tests.fixtures_gen.render_text import render_pipe, render_tab
from tests.fixtures_gen.spec import AnnouncementSpec
from tests.fixtures_gen.strategies import announcement_specs

pytestmark = pytest.mark.slow  # random announcements rendered and parsed back: long

settings.register_profile("default", max_examples=6, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=2000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def _comparable(data: dict[str, Any]) -> dict[str, Any]:
    """What every rendition must reproduce: header, tables' columns and roles, laureates."""
    return {
        "header": data["header"],
        "tables": [(t["section"], t["columns"], t["roles"]) for t in data["tables"]],
        "footnotes": data["footnotes"],
        "laureates": [
            {k: v for k, v in item.items() if k not in ("provenance", "region_code")}
            | {"leads": [lead["name"] for lead in item["leads"]]}
            for item in data["laureates"]
        ],
    }


def _assert_same(got: dict[str, Any], expected: dict[str, Any]) -> None:
    """Compare part by part, so that a failure names the first differing laureate."""
    for key in ("header", "tables", "footnotes"):
        assert got[key] == expected[key], key
    for ours, theirs in zip(got["laureates"], expected["laureates"], strict=False):
        assert ours == theirs, f"laureate {theirs['index']}"
    assert len(got["laureates"]) == len(expected["laureates"])


def _expected(spec: AnnouncementSpec) -> dict[str, Any]:
    golden = build_golden(spec, Source(format="text"))
    return _comparable(golden.model_dump(mode="json"))


@pytest.mark.parametrize("style", ["word", "grid", "borderless"])
@given(spec=announcement_specs())
def test_pdf_round_trip(style: str, spec: AnnouncementSpec) -> None:
    data = render_pdf(spec, style)  # type: ignore[arg-type]
    _assert_same(_comparable(parse(data).model_dump(mode="json")), _expected(spec))


@given(spec=announcement_specs(), pipe=st.booleans())
def test_text_round_trip(spec: AnnouncementSpec, pipe: bool) -> None:
    text = render_pipe(spec) if pipe else render_tab(spec)
    _assert_same(_comparable(parse_text(text).model_dump(mode="json")), _expected(spec))


@settings(max_examples=60)
@given(text=st.text())
def test_parse_text_raises_only_parse_errors(text: str) -> None:
    with contextlib.suppress(AapParseError):
        parse_text(text)
