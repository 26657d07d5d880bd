"""The seed announcement as published by four producers (PDF) and as layout text: every file
gives the seed's header and laureates, character for character (r8: 8 times over, in order)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from aap_parser import parse
from tests.conftest import SAMPLES, SEED_GOLDEN

SAMPLE_FILES = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".pdf", ".txt"))


def _golden() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SEED_GOLDEN).read_text("utf-8"))
    return data


def _records(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [{k: v for k, v in item.items() if k not in ("provenance", "index")}
            for item in data["laureates"]]


def test_every_sample_is_here() -> None:
    assert len(SAMPLE_FILES) == 10


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=[p.name for p in SAMPLE_FILES])
def test_sample_gives_the_seed(path: Path) -> None:
    golden = _golden()
    got = parse(path).model_dump(mode="json")
    repeat = 8 if "-r8." in path.name else 1
    assert got["header"] == golden["header"]
    assert _records(got) == _records(golden) * repeat
    assert [item["index"] for item in got["laureates"]] == list(range(1, 16 * repeat + 1))
    assert [(t["columns"], t["roles"]) for t in got["tables"]] == [
        (t["columns"], t["roles"]) for t in golden["tables"]]
    assert got["footnotes"] == []
    assert [w["message"] for w in got["warnings"]] == [
        w["message"] for w in golden["warnings"]] * repeat
    if path.suffix == ".pdf":
        assert got["source"]["format"] == "pdf"
        pages = got["source"]["pages"]
        assert got["tables"][0]["pages"] == list(range(1, pages + 1))
        for laureate in got["laureates"]:
            assert 1 <= laureate["provenance"]["page"] <= pages
            assert laureate["provenance"]["bbox"] is not None


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=[p.name for p in SAMPLE_FILES])
def test_sample_warnings_name_their_laureate(path: Path) -> None:
    """The lead without an official code (« Savoie Déchets ») is warned about on its own row:
    the warning names that laureate and the page (PDF) or line (text) it was printed on."""
    got = parse(path)
    savoie = [item for item in got.laureates if item.leads[0].name == "Savoie Déchets"]
    assert savoie
    assert [(w.code, w.severity, w.laureate) for w in got.warnings] == [
        ("lead-kind-guessed", "warning", item.index) for item in savoie]
    for warning, item in zip(got.warnings, savoie, strict=True):
        assert (warning.page, warning.line) == (item.provenance.page, item.provenance.line)
