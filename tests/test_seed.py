"""The real announcement we hold, as text: its golden parse, and the same from a pipe table."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from aap_parser import parse, parse_text
from tests.conftest import SEED, SEED_GOLDEN


def _golden() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SEED_GOLDEN).read_text("utf-8"))
    return data


def _seed_rows() -> list[list[str]]:
    """The seed's table rows straight from the file: an oracle independent of the parser."""
    lines = SEED.read_text("utf-8").splitlines()
    rows = [line.split("\t") for line in lines if "\t" in line]
    return rows[1:]


def _as_pipe_table(text: str, *, outer: bool) -> str:
    out = []
    for line in text.splitlines():
        if "\t" not in line:
            out.append(line)
            continue
        cells = [cell if cell.strip() else " " for cell in line.split("\t")]
        row = " | ".join(cells)
        out.append(f"| {row} |" if outer else row)
        if len(out) >= 2 and "Région" in line:
            rule = " | ".join("---" for _ in cells)
            out.append(f"| {rule} |" if outer else rule)
    return "\n".join(out) + "\n"


def _comparable(data: dict[str, Any]) -> dict[str, Any]:
    data = dict(data)
    data["source"] = {"format": data["source"]["format"]}
    data["laureates"] = [
        {k: v for k, v in laureate.items() if k != "provenance"} for laureate in data["laureates"]
    ]
    data["warnings"] = [
        (w["code"], w["severity"], w["laureate"], w["message"]) for w in data["warnings"]
    ]
    return data


def test_seed_matches_golden_in_every_field() -> None:
    announcement = parse(SEED)
    data = announcement.model_dump(mode="json")
    data["source"]["path"] = "seed.txt"
    assert data == _golden()


def test_seed_rows_match_the_file_cell_for_cell() -> None:
    announcement = parse(SEED)
    rows = _seed_rows()
    assert len(announcement.laureates) == len(rows) == 16
    region = None
    for laureate, cells in zip(announcement.laureates, rows, strict=True):
        region = cells[0] or region
        assert laureate.region == region
        assert laureate.region_carried_over == (cells[0] == "")
        assert [lead.name for lead in laureate.leads] == [cells[1]]
        assert laureate.title == cells[3]
        printed = ", ".join(
            f"{p.name} ({p.country})" if p.country else p.name for p in laureate.partners
        )
        assert printed == cells[2]


def test_contract_example_row() -> None:
    laureate = parse(SEED).laureates[4]
    assert laureate.index == 5
    assert laureate.provenance.line == 18
    assert [(p.name, p.country, p.country_code) for p in laureate.partners] == [
        ("Région centrale", "Togo", "TG"), ("Borgou", "Bénin", "BJ")]


@pytest.mark.parametrize("outer", [True, False])
def test_pipe_rendition_gives_the_same_records(outer: bool) -> None:
    text = _as_pipe_table(SEED.read_text("utf-8"), outer=outer)
    assert text.count("|") > 50
    from_pipe = _comparable(parse_text(text).model_dump(mode="json"))
    expected = _comparable(_golden())
    assert from_pipe == expected


def test_seed_in_other_encodings(tmp_path: Path) -> None:
    text = SEED.read_text("utf-8")
    expected = _comparable(_golden())
    for encoding in ("utf-8-sig", "utf-16", "cp1252"):
        path = tmp_path / f"seed.{encoding}.txt"
        path.write_bytes(text.replace("\n", "\r\n").replace("œ", "œ").encode(encoding))
        assert _comparable(parse(path).model_dump(mode="json")) == expected
