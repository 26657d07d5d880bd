"""Make scanned renditions of generated announcements: image-only PDFs for the OCR reader.

Each chosen fixture PDF of ``tests/fixtures/generated`` is rendered to grey pixels at 200 or
300 dpi, turned by a small angle (at most 1 degree), given sensor noise, a few dust specks,
a slight blur and a grey paper tone, and wrapped as an image-only PDF with JPEG pages (what a
scanner's "save as PDF" gives). Beside each scan goes its golden (``<scan>.golden.json``): the
records of the rendition it was made from, its source being the scan read by OCR.

Run ``python -m tests.fixtures_gen.scan`` from the repository root; ``--check`` only reports
whether the committed files are up to date. The output is deterministic (seeded noise,
pdfium's rendering and Pillow's JPEG encoder as pinned by the lock of the day).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import sys
import time
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``tests.fixtures_gen`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    __package__ = "tests.fixtures_gen"

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter

from aap_parser.models import Source

from .files import changed_files, write_files
from .golden import GENERATED_DIR, expected_for

FIXED_DATE = time.gmtime(1592870400)
"""The PDFs' creation and change date (Pillow would stamp the time of the run)."""
SCANNED_DIR = Path(__file__).parents[1] / "fixtures" / "scanned"


@dataclass(frozen=True)
class Scan:
    """One scanned rendition: the fixture it copies and how the scanner degraded it."""

    fixture: str
    dpi: int
    angle: float
    """Degrees, counter-clockwise."""
    seed: int

    @property
    def name(self) -> str:
        """The scan's file name: ``<spec>.<style>.<dpi>dpi.pdf``."""
        return self.fixture.removesuffix(".pdf") + f".{self.dpi}dpi.pdf"


SCANS = (
    Scan("seed_2020_generaliste.word.pdf", 300, 0.7, 1),
    Scan("2020_franco_tunisien.word.pdf", 200, -0.9, 2),
    Scan("2013_jeunesse_iv.grid.pdf", 200, 0.4, 3),
    Scan("2016_climat_interim.borderless.pdf", 300, -0.5, 4),
    Scan("2024_programmes_landscape.word.pdf", 300, 1.0, 5),
    Scan("2018_franco_marocain.borderless.pdf", 200, 0.8, 6),
    Scan("2018_franco_marocain.docx-lo.pdf", 300, -0.6, 7),
    Scan("2016_climat_interim.grid.pdf", 200, 0.3, 8),
)

NOISE = 4.0
"""Standard deviation of the grey-level sensor noise."""
SPECKS = 0.0003
"""Share of pixels hit by a dust speck."""
BLUR_AT_300 = 0.7
"""Gaussian blur radius in pixels at 300 dpi (scaled with the resolution)."""
JPEG_QUALITY = 40
PAPER, INK = 243.0, 18.0
"""Grey levels of blank paper and of full ink after the scanner's tone curve."""


def degrade(page: Image.Image, scan: Scan, rng: np.random.Generator) -> Image.Image:
    """One rendered page as the scanner sees it: turned, toned, noisy, dusty and blurred."""
    turned = page.rotate(scan.angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    grey = np.asarray(turned, dtype=np.float32)
    grey = INK + grey * ((PAPER - INK) / 255.0) + rng.normal(0.0, NOISE, grey.shape)
    specks = rng.random(grey.shape) < SPECKS
    grey[specks] = rng.uniform(40.0, 150.0, int(specks.sum()))
    noisy = Image.fromarray(np.clip(grey, 0, 255).astype(np.uint8))
    return noisy.filter(ImageFilter.GaussianBlur(BLUR_AT_300 * scan.dpi / 300))


def scan_pdf(data: bytes, scan: Scan) -> bytes:
    """The image-only PDF of ``data`` scanned as ``scan`` says (JPEG pages, same page size)."""
    rng = np.random.default_rng(scan.seed)
    document = pdfium.PdfDocument(data)
    pages = []
    try:
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(scale=scan.dpi / 72, grayscale=True)
            pages.append(degrade(bitmap.to_pil().convert("L"), scan, rng))
            page.close()
    finally:
        document.close()
    out = io.BytesIO()
    pages[0].save(
        out,
        format="PDF",
        resolution=float(scan.dpi),
        quality=JPEG_QUALITY,
        creationDate=FIXED_DATE,  # Pillow stamps the time otherwise: not reproducible
        modDate=FIXED_DATE,
        save_all=True,
        append_images=pages[1:],
    )
    return out.getvalue()


def render_all() -> dict[str, bytes]:
    """Every scan and its golden, by file name."""
    files: dict[str, bytes] = {}
    for scan in SCANS:
        data = scan_pdf((GENERATED_DIR / scan.fixture).read_bytes(), scan)
        golden = expected_for(scan.fixture)
        pages = golden.source.pages
        golden.source = Source(
            path=scan.name,
            format="pdf-ocr",
            sha256=hashlib.sha256(data).hexdigest(),
            pages=pages,
        )
        files[scan.name] = data
        stem = scan.name.removesuffix(".pdf")
        files[f"{stem}.golden.json"] = (golden.model_dump_json(indent=1) + "\n").encode()
    return files


def main(argv: list[str] | None = None) -> int:
    """Write the scans (or, with ``--check``, say which differ); exit 1 when stale."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare with the files")
    args = parser.parse_args(argv)
    files = render_all()
    stale = changed_files(files, SCANNED_DIR)
    if args.check:
        for name in stale:
            print(f"stale: {name}")
        return 1 if stale else 0
    write_files(files, SCANNED_DIR, stale)
    for name in stale:
        print(f"wrote {name} ({len(files[name]) // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
