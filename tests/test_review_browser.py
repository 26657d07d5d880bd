"""The review page in a real browser: headless Chromium draws it, and the overlay sits on
the text it describes.

Needs Debian's ``chromium`` package (CI installs it); skipped, saying so, when it is absent.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image, ImageChops

from aap_parser import parse, review
from tests.conftest import ROOT, SAMPLES

SAMPLE = SAMPLES / "seed-000-r1.borderless.pdf"
SCRIPT = ROOT / "scripts" / "review_screenshot.py"
_spec = importlib.util.spec_from_file_location("review_screenshot", SCRIPT)
assert _spec is not None
assert _spec.loader is not None
screenshots = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(screenshots)
chromium = screenshots.chromium
WINDOW = screenshots.WINDOW
DARK = 110
"""A pixel is ink when none of its channels is brighter than this."""

PROBE = """<script>
addEventListener("load", () => {
  const at = (s) => { const b = document.querySelector(s).getBoundingClientRect();
                      return [b.left, b.top, b.right, b.bottom]; };
  const shown = () => [...document.querySelectorAll("tr[id^=laureate-]")]
    .filter((row) => getComputedStyle(row).display !== "none").map((row) => row.id);
  const filter = document.querySelector("#only-warnings");
  filter.checked = true;
  const filtered = shown();
  filter.checked = false;
  document.body.dataset.probe = JSON.stringify({page: at("#page-1 svg.overlay"),
    box: at("#box-1 rect.frame"), filtered: filtered, all: shown().length});
});
</script></body>"""

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        screenshots.find_chromium() is None,
        reason="headless browser test: Chromium is not installed (apt-get install chromium)",
    ),
]


def ink_box(image: Image.Image, box: tuple[int, int, int, int]) -> tuple[int, int, int, int] | None:
    """The bounding box of the dark pixels inside ``box`` (screen pixels), or None."""
    red, green, blue = image.crop(box).split()
    brightest = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    mask = brightest.point(lambda v: 255 if v <= DARK else 0)
    found = mask.getbbox()
    if found is None:
        return None
    return (box[0] + found[0], box[1] + found[1], box[0] + found[2], box[1] + found[3])


def test_review_renders_and_the_overlay_is_aligned(tmp_path: Path) -> None:
    data = SAMPLE.read_bytes()
    announcement = parse(data)
    page = tmp_path / "review.html"
    page.write_text(review(announcement, data).replace("</body>", PROBE), encoding="utf-8")

    dom = chromium(page, tmp_path / "profile-dom", "--dump-dom").stdout
    probe = re.search(r'data-probe="([^"]+)"', dom)
    assert probe is not None, "the page did not load in Chromium"
    where = json.loads(probe.group(1).replace("&quot;", '"'))
    # the filter keeps only the rows with warnings
    assert where["all"] == len(announcement.laureates)
    doubted = sorted({w.laureate for w in announcement.warnings if w.laureate is not None})
    assert doubted
    assert where["filtered"] == [f"laureate-{index}" for index in doubted]
    shot = tmp_path / "review.png"
    chromium(page, tmp_path / "profile-shot", f"--screenshot={shot}")
    image = Image.open(shot).convert("RGB")
    assert image.size == WINDOW

    # not blank: many colours, and ink on the page image
    assert len(image.getcolors(maxcolors=1 << 20) or []) > 200
    left, top, right, bottom = where["page"]
    with pdfplumber.open(SAMPLE) as pdf:
        first = pdf.pages[0]
        scale = (right - left) / float(first.width)
        region = next(w for w in first.extract_words() if w["text"].startswith("Auvergne"))
    dark = ink_box(image, (int(left), int(top), int(right), min(int(bottom), WINDOW[1])))
    assert dark is not None

    # laureate 1's box is drawn where its provenance says, in screen pixels
    laureate = announcement.laureates[0]
    assert laureate.region == "Auvergne-Rhône-Alpes"
    assert laureate.provenance.bbox is not None
    x0, y0, x1, y1 = laureate.provenance.bbox
    expected = (left + x0 * scale, top + y0 * scale, left + x1 * scale, top + y1 * scale)
    assert where["box"] == pytest.approx(expected, abs=2)

    # ... and holds the ink of its region's name, at the place the PDF prints it
    box = [int(v) for v in where["box"]]
    column = (box[0] + 1, box[1] + 1, box[0] + (box[2] - box[0]) // 5, box[3] - 1)
    ink = ink_box(image, column)
    assert ink is not None, "no text inside laureate 1's box"
    printed = (
        left + region["x0"] * scale,
        top + region["top"] * scale,
        left + region["x1"] * scale,
    )
    assert ink[0] == pytest.approx(printed[0], abs=3)
    assert ink[1] == pytest.approx(printed[1], abs=3)
    assert ink[2] == pytest.approx(printed[2], abs=4)
