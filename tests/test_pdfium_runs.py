"""The pypdfium2 backend's shortcuts read exactly what asking PDFium of every character reads.

The backend asks once per run of one text object's characters for the object, its font and
the baseline, and bisects for where a run ends; asking every character's object and origin
must give the very same glyphs, on the shared samples and on pages where the shortcuts do
not hold (text turned, printed right to left, drawn in forms).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from aap_parser.sources.pdf.backends import pdfium
from aap_parser.sources.pdf.ink import PageInk

SAMPLES = sorted((Path(__file__).parent / "fixtures" / "samples").glob("*r8*.pdf"))
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _read(data: bytes) -> list[PageInk]:
    pdf = pdfium.PdfiumBackend(data, None)
    try:
        return list(pdf.pages())
    finally:
        pdf.close()


def _read_per_character(data: bytes, monkeypatch: pytest.MonkeyPatch) -> list[PageInk]:
    """The pages read asking every character's object and origin."""
    with monkeypatch.context() as patch:
        patch.setattr(pdfium, "_reorders", lambda text: True)
        patch.setattr(pdfium._Origin, "level", lambda *args: None)
        return _read(data)


def _pdf(draw: Callable[[Any], None]) -> bytes:
    canvas = pytest.importorskip("reportlab.pdfgen.canvas")
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    draw(pdf)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _turned(pdf: Any) -> None:
    pdf.setFont("Helvetica", 10)
    pdf.drawString(72, 700, "Région centrale (Togo), Borgou (Bénin)")
    for angle in (30, 90, 180, 270):
        pdf.saveState()
        pdf.translate(300, 400)
        pdf.rotate(angle)
        pdf.drawString(10, 0, f"Commune de Rufisque {angle}")
        pdf.restoreState()
    text = pdf.beginText(72, 650)
    text.setFont("Helvetica", 10)
    text.textOut("Lauréats")
    text.setRise(3)
    text.textOut("1")
    text.setRise(0)
    text.textOut(" du Sénégal")
    pdf.drawText(text)


def _in_forms(pdf: Any) -> None:
    pdf.beginForm("cell")
    pdf.setFont("Helvetica", 9)
    pdf.drawString(10, 10, "Conseil départemental de Kaffrine")
    pdf.endForm()
    pdf.doForm("cell")
    pdf.translate(100, 300)
    pdf.scale(1.5, 1.5)
    pdf.doForm("cell")


def _right_to_left(pdf: Any) -> None:
    if not DEJAVU.exists():
        pytest.skip("no DejaVu Sans font on this machine")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("DejaVu", str(DEJAVU)))
    pdf.setFont("DejaVu", 11)
    pdf.drawString(72, 700, "Région (Maroc) : مرحبا بالعالم, Haïfa (Israël) : שלום עולם.")
    pdf.drawString(72, 680, "Commune de Rufisque (Sénégal)")


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_the_samples_read_alike_either_way(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = path.read_bytes()
    assert _read(data) == _read_per_character(data, monkeypatch)


@pytest.mark.parametrize("draw", [_turned, _in_forms, _right_to_left])
def test_odd_pages_read_alike_either_way(
    draw: Callable[[Any], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _pdf(draw)
    pages = _read(data)
    assert any(page.glyphs for page in pages)
    assert pages == _read_per_character(data, monkeypatch)


def test_a_page_with_right_to_left_text_is_read_per_character() -> None:
    assert pdfium._reorders("Haïfa : שלום")
    assert pdfium._reorders("Rabat : مرحبا")
    assert not pdfium._reorders("Région centrale (Togo), Borgou (Bénin) – 2020")


def test_a_document_read_right_to_left_is_told_apart() -> None:
    data = _pdf(lambda pdf: pdf.drawString(72, 700, "Rufisque"))
    preferences = b"/Type /Catalog /ViewerPreferences << /Direction /R2L >>"
    flagged = data.replace(b"/Type /Catalog", preferences)
    assert b"/R2L" in flagged
    for document, expected in ((data, False), (flagged, True)):
        pdf = pdfium.pdfium.PdfDocument(document)
        try:
            assert pdfium._reads_right_to_left(pdf.raw) is expected
        finally:
            pdf.close()
