"""The OCR reader: skew, rules and words from page bitmaps; closed-list correction; scanned
fixtures parsed to their goldens (slow: Tesseract reads every page)."""

from __future__ import annotations

import json
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image, ImageDraw

from aap_parser import parse
from aap_parser.batch import parse_many
from aap_parser.errors import NoTextLayerError, TooLargeError
from aap_parser.grid import BBox, Doubt, RawCell, RawRow, RawTable, SourceDocument
from aap_parser.layout import LaidOutRow, LaidOutTable
from aap_parser.layout.doubts import place_doubts
from aap_parser.layout.snap import snap_headers, snap_names
from aap_parser.models import Announcement, Source
from aap_parser.sources.ocr import tesseract
from aap_parser.sources.ocr.events import page_starting
from aap_parser.sources.ocr.glyphs import to_glyphs
from aap_parser.sources.ocr.render import ink_threshold, skew_angle, straighten
from aap_parser.sources.ocr.rules import find_rules
from aap_parser.sources.ocr.tesseract import OcrWord, parse_hocr
from aap_parser.sources.pdf.ink import TEXT
from aap_parser.sources.pdf.lines import build_lines
from tests.fixtures_gen.scan import SCANNED_DIR, SCANS
from tests.fixtures_gen.scan_score import score

HAS_TESSERACT = "fra" in tesseract.languages()
needs_tesseract = pytest.mark.skipif(not HAS_TESSERACT, reason="Tesseract (fra) not installed")


def _page(draw_on: Any, size: tuple[int, int] = (1200, 900)) -> np.ndarray:
    image = Image.new("L", size, 255)
    draw_on(ImageDraw.Draw(image))
    return np.asarray(image, dtype=np.uint8).copy()


def _text_rows(draw: ImageDraw.ImageDraw) -> None:
    """Rows of word-like blobs, as body text looks to the skew finder."""
    for y in range(100, 800, 40):
        for x in range(100, 1100, 90):
            draw.rectangle((x, y, x + 60, y + 14), fill=0)


@pytest.mark.parametrize("angle", [-0.9, -0.3, 0.5, 1.0])
def test_skew_is_measured_and_undone(angle: float) -> None:
    page = _page(_text_rows)
    turned = np.asarray(
        Image.fromarray(page).rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=255)
    )
    found = skew_angle(turned, 300)
    assert found == pytest.approx(angle, abs=0.08)
    assert skew_angle(straighten(turned, found), 300) == pytest.approx(0.0, abs=0.08)


def test_rules_become_segments_in_points_and_are_erased() -> None:
    def grid(draw: ImageDraw.ImageDraw) -> None:
        for y in (150, 300, 450):
            draw.line((150, y, 1050, y), fill=0, width=3)
        for x in (150, 600, 1050):
            draw.line((x, 150, x, 450), fill=0, width=3)
        draw.rectangle((200, 200, 240, 230), fill=0)  # a letter: too short to be a rule

    page = _page(grid)
    segments, cleaned = find_rules(page, ink_threshold(page), 300)
    rows = sorted(round(s.pos * 300 / 72) for s in segments if s.horizontal)
    cols = sorted(round(s.pos * 300 / 72) for s in segments if not s.horizontal)
    assert rows == [150, 300, 450]
    assert cols == [150, 600, 1050]
    assert all(s.lo * 300 / 72 == pytest.approx(149, abs=3) for s in segments)
    assert cleaned[300, 150:1050].min() == 255  # the rule is gone
    assert cleaned[215, 220] == 0  # the letter is kept


HOCR = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><body>
<div class='ocr_page' id='page_1' title='image "a.pgm"; bbox 0 0 900 300; ppageno 0'>
 <span class='ocr_line' id='line_1_1' title="bbox 100 50 500 90; baseline 0 -10; x_size 40">
  <span class='ocrx_word' id='word_1_1' title='bbox 100 50 250 80; x_wconf 96'>Conseil</span>
  <span class='ocrx_word' id='word_1_2' title='bbox 270 50 500 90; x_wconf 41'>r&#233;gional</span>
 </span>
</div>
<div class='ocr_page' id='page_2' title='image "b.pgm"; bbox 0 0 900 300; ppageno 1'>
 <span class='ocr_line' id='line_2_1' title="bbox 10 10 100 50; baseline 0 0; x_size 40">
  <span class='ocrx_word' id='word_2_1' title='bbox 10 10 100 50; x_wconf 90'>ler</span>
 </span>
</div></body></html>"""


def test_hocr_gives_words_with_baseline_size_and_confidence() -> None:
    first, second = parse_hocr(HOCR, 2)
    assert [(w.text, w.confidence) for w in first] == [("Conseil", 96.0), ("régional", 41.0)]
    assert first[0].baseline == 80.0
    assert first[0].line_size == 40.0
    assert first[0].line == first[1].line != second[0].line


def test_words_become_glyphs_of_one_line_with_the_page_size() -> None:
    first, second = parse_hocr(HOCR, 2)
    ink = np.full((300, 900), 255, dtype=np.uint8)
    ink[50:80, 100:500:9] = 0  # thin strokes
    glyphs = to_glyphs(first + second, ink, 128, 288)  # 4 px per point
    lines = build_lines(glyphs)
    assert [line.text for line in lines] == ["1er", "Conseil régional"]
    assert lines[1].size == 10.0  # x_size 40 px at 288 dpi
    assert lines[1].x0 == pytest.approx(25.0 - 0.7)  # the ink, widened by a side bearing


def test_specks_are_dropped_but_punctuation_kept() -> None:
    line = {"confidence": 30.0, "baseline": 100.0, "line_size": 40.0, "line": 1}
    speck = OcrWord("LE", x0=10, top=95, x1=40, bottom=100, **line)
    guillemet = OcrWord("«", x0=50, top=80, x1=60, bottom=90, **line)
    word = OcrWord("Jeunesse", x0=70, top=70, x1=200, bottom=100, **line)
    ink = np.full((200, 300), 255, dtype=np.uint8)
    text = "".join(g[TEXT] for g in to_glyphs([speck, guillemet, word], ink, 128, 300))
    assert text == "« Jeunesse"


def _table(rows: list[tuple[str, ...]]) -> LaidOutTable:
    roles = ("region", "lead", "partners", "title")
    return LaidOutTable(
        section=None,
        columns=("Région", "Chef de file", "Partenaire", "Titre"),
        roles=roles,
        pages=(1,),
        rows=tuple(
            LaidOutRow(tuple(RawCell((text,)) for text in row), page=1) for row in rows
        ),
    )


def test_closed_lists_correct_names_and_leave_free_text_alone() -> None:
    tables = snap_names(
        (
            _table(
                [
                    (
                        "lle-de-France",
                        "Conseil départemental du Val de Mame",
                        "Manizales, Caldas (Colornbie)",
                        "Appui a la gouvernanse locale",
                    ),
                    ("Bretagne", "Conseil général du Nord", "Ségou (Mali)", "Echanges"),
                    ("Centre-Val de Loire", "Ville Dorléans", "", ""),
                ]
            ),
        )
    )
    first, second, third = (tuple(c.text for c in row.cells) for row in tables[0].rows)
    assert first == (
        "Île-de-France",
        "Conseil départemental du Val de Marne",
        "Manizales, Caldas (Colombie)",
        "Appui a la gouvernanse locale",
    )
    assert second == ("Bretagne", "Conseil général du Nord", "Ségou (Mali)", "Echanges")
    warnings = tables[0].rows[0].warnings
    assert [(w.code, w.severity) for w in warnings] == [("ocr-name-corrected", "info")] * 3
    assert "'lle-de-France' read as 'Île-de-France'" in warnings[0].message
    assert tables[0].rows[1].warnings == ()
    assert third[1] == "Ville d'Orléans"


def test_a_misread_header_row_is_put_right_only_if_it_then_reads_as_a_header() -> None:
    header = ("N°", "Région", "Collectivité française", "Fartenaire(s)", "Intitulé du proiet")
    body = ("1", "Bretagne", "Ville de Rennes", "Fartenaire", "Proiet")
    table = RawTable(tuple(RawRow(tuple(RawCell((t,)) for t in row), page=1) for row in
                           (header, body)))
    document = snap_headers(SourceDocument(blocks=(table,), format="pdf-ocr"))
    rows = document.blocks[0].rows  # type: ignore[union-attr]
    assert [c.text for c in rows[0].cells][3:] == ["Partenaire(s)", "Intitulé du projet"]
    assert [c.text for c in rows[1].cells] == list(body)  # no header: left as read
    assert [w.code for w in document.warnings] == ["ocr-name-corrected"] * 2


def test_an_ambiguous_or_far_name_is_left_as_read() -> None:
    tables = snap_names((_table([("és P d'Azur", "Ville de Xqzw", "", "")]),))
    assert tuple(c.text for c in tables[0].rows[0].cells)[:2] == ("és P d'Azur", "Ville de Xqzw")
    assert tables[0].rows[0].warnings == ()


def test_doubtful_words_warn_on_their_row_or_the_document() -> None:
    table = _table([("Bretagne", "Ville de Rennes", "Ségou (Mali)", "Echanges")])
    row = replace(table.rows[0], bbox=BBox(50, 300, 550, 340))
    table = replace(table, rows=(row,))
    doubts = [
        Doubt("Ségou", 41.0, 1, BBox(300, 310, 330, 320)),
        Doubt("Echanges", 55.0, 1, BBox(400, 310, 450, 320)),
        Doubt("Paris", 30.0, 1, BBox(400, 60, 450, 70)),  # in the heading
        Doubt("Rennes", 30.0, 2, BBox(300, 310, 330, 320)),  # same place, next page
    ]
    tables, unplaced = place_doubts((table,), doubts)
    (on_row,) = tables[0].rows[0].warnings
    assert on_row.code == "ocr-low-confidence"
    assert on_row.message == "OCR unsure of 'Ségou' (41 %), 'Echanges' (55 %)"
    assert [(w.page, w.message) for w in unplaced] == [
        (1, "OCR unsure of 'Paris' (30 %)"),
        (2, "OCR unsure of 'Rennes' (30 %)"),
    ]


SCAN = SCANNED_DIR / SCANS[1].name


def test_ocr_never_keeps_the_no_text_layer_error() -> None:
    with pytest.raises(NoTextLayerError, match="OCR is off"):
        parse(SCAN, ocr="never")


def test_missing_tesseract_gives_a_one_line_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tesseract.shutil, "which", lambda name: None)
    with pytest.raises(NoTextLayerError, match="apt-get install tesseract-ocr tesseract-ocr-fra"):
        parse(SCAN)


def _golden(name: str) -> dict[str, Any]:
    path = SCANNED_DIR / (name.removesuffix(".pdf") + ".golden.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_scan_goldens_are_those_of_their_source() -> None:
    for scan in SCANS:
        golden = _golden(scan.name)
        assert golden["source"]["format"] == "pdf-ocr"
        assert Path(SCANNED_DIR / scan.name).stat().st_size < 600_000


@pytest.mark.slow
@needs_tesseract
@pytest.mark.parametrize("scan", SCANS, ids=lambda s: s.name)
def test_scan_parses_to_its_golden(scan: Any) -> None:
    got = parse(SCANNED_DIR / scan.name).model_dump(mode="json")
    expected = _golden(scan.name)
    assert got["source"] | {"path": None} == expected["source"] | {"path": None}
    assert got["tables"] == expected["tables"]
    result = score(got, expected)
    assert result.heading_right, result.problems
    assert result.right == result.laureates, result.problems
    assert sum(result.similarities) / len(result.similarities) >= 0.99


@pytest.mark.slow
@needs_tesseract
def test_ocr_always_reads_a_text_pdf_by_its_pixels() -> None:
    source = SCANNED_DIR.parent / "generated" / SCANS[1].fixture
    got = parse(source, ocr="always")
    assert got.source.format == "pdf-ocr"
    assert [x.region for x in got.laureates] == [x.region for x in parse(source).laureates]


def ocr_pages_parse(
    source: str | bytes, /, *, password: str | None, strict: bool, max_pages: int | None
) -> Announcement:
    """Stand-in parser: "ocr" reads two pages by OCR, then both kinds take 1 s."""
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    if data.strip() == b"ocr":
        page_starting()
        page_starting()
    time.sleep(1.0)
    return Announcement(source=Source(format="pdf-ocr"))


@pytest.mark.parametrize("jobs", [1, 2])
def test_time_limit_grows_with_the_pages_read_by_ocr(tmp_path: Path, jobs: int) -> None:
    scanned, plain = tmp_path / "scan.pdf", tmp_path / "plain.pdf"
    scanned.write_text("ocr")
    plain.write_text("plain")
    inputs = [scanned] if jobs == 1 else [scanned, plain]
    results = list(parse_many(inputs, jobs=jobs, timeout=0.5, parser=ocr_pages_parse))
    assert results[0].ok, results[0].error
    if jobs == 2:
        assert isinstance(results[1].error, TooLargeError)
