"""How right a parse of a scanned announcement is, against its golden.

A laureate is right when its structure is exact (region, leads, partner count, partner
country codes, amount) and every string (region, leads, partners, title, extra cells) is at
least ``STRING_RATIO`` alike (difflib ratio) to the printed one. The heading is right when
its date, place and call are exact. Shared by the OCR golden tests and the OCR benchmark.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

STRING_RATIO = 0.97


def ratio(a: str | None, b: str | None) -> float:
    """difflib's similarity of two strings (1.0 when both are missing)."""
    if a is None or b is None:
        return 1.0 if a == b else 0.0
    return difflib.SequenceMatcher(None, a, b).ratio()


def _strings(laureate: dict[str, Any]) -> list[str | None]:
    return [
        laureate["region"],
        *(lead["name"] for lead in laureate["leads"]),
        *(partner["name"] for partner in laureate["partners"]),
        laureate["title"],
        *(str(v) for v in laureate.get("extra", {}).values()),
    ]


def _structure(laureate: dict[str, Any]) -> tuple[Any, ...]:
    return (
        len(laureate["leads"]),
        len(laureate["partners"]),
        tuple(p.get("country_code") for p in laureate["partners"]),
        laureate.get("amount"),
        tuple(sorted(laureate.get("extra", {}))),
    )


@dataclass
class Score:
    """One scan's score: laureates right, string similarities, heading, problems found."""

    laureates: int = 0
    right: int = 0
    similarities: list[float] = field(default_factory=list)
    heading_right: bool = False
    problems: list[str] = field(default_factory=list)


def score(got: dict[str, Any], expected: dict[str, Any]) -> Score:
    """Compare a parse (``model_dump(mode="json")``) with the golden announcement."""
    out = Score(laureates=len(expected["laureates"]))
    heading = ("date", "place", "call")
    out.heading_right = all(got["header"][k] == expected["header"][k] for k in heading)
    if not out.heading_right:
        out.problems.append(f"heading: {[got['header'][k] for k in heading]}")
    if len(got["laureates"]) != len(expected["laureates"]):
        out.problems.append(f"{len(got['laureates'])} laureates, {out.laureates} expected")
    for index, (a, b) in enumerate(zip(got["laureates"], expected["laureates"], strict=False), 1):
        ratios = [ratio(x, y) for x, y in zip(_strings(a), _strings(b), strict=False)]
        same_shape = _structure(a) == _structure(b) and len(_strings(a)) == len(_strings(b))
        exact = a["region"] == b["region"] and [x["name"] for x in a["leads"]] == [
            x["name"] for x in b["leads"]
        ]
        out.similarities += ratios
        if same_shape and exact and min(ratios, default=1.0) >= STRING_RATIO:
            out.right += 1
        else:
            out.problems.append(f"laureate {index}: {_strings(a)} != {_strings(b)}")
    return out
