"""Lists grouped under region headings: the header row once, then each region printed as a
heading over its rows, with no region column.

The seed's table written that way (as tab text, where a heading is a line of its own, and as
a pipe table, where it is a row of one cell) must give the seed's laureates: the region (and
its code) from the heading, the section named after it, and no warning the seed has not.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from aap_parser import Announcement, parse_text
from tests.conftest import SEED


def _seed_parts() -> tuple[list[str], list[list[str]]]:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    first = next(i for i, line in enumerate(lines) if "\t" in line)
    return lines[:first], [line.split("\t") for line in lines[first:] if "\t" in line]


def _tab_headings() -> str:
    heading, rows = _seed_parts()
    out = ["\t".join(rows[0][1:])]
    for row in rows[1:]:
        if row[0]:
            out.append(row[0])
        out.append("\t".join(row[1:]))
    return "\n".join([*heading, *out]) + "\n"


def _pipe_headings() -> str:
    heading, rows = _seed_parts()
    out = ["| " + " | ".join(rows[0][1:]) + " |", "|---|---|---|"]
    for row in rows[1:]:
        if row[0]:
            out.append(f"| **{row[0]}** | | |")
        out.append("| " + " | ".join(row[1:]) + " |")
    return "\n".join([*heading, *out]) + "\n"


WRITERS: dict[str, Callable[[], str]] = {"tab": _tab_headings, "pipe": _pipe_headings}


def _comparable(announcement: Announcement) -> list[dict[str, object]]:
    return [
        laureate.model_dump(exclude={"provenance", "section", "region_carried_over"})
        for laureate in announcement.laureates
    ]


@pytest.mark.parametrize("name", WRITERS)
def test_region_headings_give_the_seed(name: str) -> None:
    seed = parse_text(SEED.read_text(encoding="utf-8"))
    grouped = parse_text(WRITERS[name]())
    assert _comparable(grouped) == _comparable(seed)
    assert all(laureate.section == laureate.region for laureate in grouped.laureates)
    assert all(laureate.region_carried_over for laureate in grouped.laureates)
    assert [w.code for w in grouped.warnings] == [w.code for w in seed.warnings]


def test_a_heading_that_is_no_region_gives_no_region() -> None:
    text = _pipe_headings().replace("**Bretagne**", "**Projets retenus sous conditions**")
    grouped = parse_text(text)
    (moved,) = [
        one for one in grouped.laureates if one.section == "Projets retenus sous conditions"
    ]
    assert moved.region is None
    assert moved.region_code is None
