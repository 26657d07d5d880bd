"""Time the ``pdftotext -layout`` text path against the PDF path, per laureate row.

Reading a PDF's layout text must cost at most twice what reading the PDF itself costs per
row. Each pair is a PDF and the layout text pdftotext printed for it (the r8 seed sample
and the generated LibreOffice and WeasyPrint announcements); runs alternate between the two
so that machine noise hits both alike, and the best of the rounds counts.
Usage: ``python benchmarks/bench_layout_text.py [ROUNDS] [--profile]``.
"""

from __future__ import annotations

import cProfile
import pstats
import sys
import time
from pathlib import Path

from aap_parser import parse
from aap_parser.errors import AapParseError

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
SAMPLES = FIXTURES / "samples"
GENERATED = FIXTURES / "generated"
LAYOUT = FIXTURES / "layout" / "generated"


def _pairs() -> list[tuple[Path, Path]]:
    """Each PDF with the layout text printed for it."""
    pairs = [(SAMPLES / "seed-000-r8.docx-lo.pdf", SAMPLES / "seed-000-r8.docx-lo.layout.txt")]
    for text in sorted(LAYOUT.glob("*.layout.txt")):
        pairs.append((GENERATED / text.name.replace(".layout.txt", ".pdf"), text))
    return pairs


def _time(data: bytes | Path) -> tuple[float, int]:
    """Seconds taken by one parse and the laureates it read (none when it fails)."""
    start = time.process_time()
    try:
        laureates = len(parse(data).laureates)
    except AapParseError:
        laureates = 0
    return time.process_time() - start, laureates


def main(argv: list[str]) -> int:
    """Print ms/row of both paths per pair, and the overall ratio text / PDF."""
    rounds = int(argv[0]) if argv and argv[0].isdigit() else 3
    pairs = _pairs()
    if "--profile" in argv:
        profile = cProfile.Profile()
        profile.enable()
        for _, text in pairs:
            _time(text)
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
        return 0
    total_pdf = total_text = 0.0
    total_rows = 0
    for pdf, text in pairs:
        pdf_data = pdf.read_bytes()
        pdf_times: list[float] = []
        text_times: list[float] = []
        rows = 0
        for _ in range(rounds):
            seconds, rows = _time(pdf_data)
            pdf_times.append(seconds)
            seconds, _ = _time(text)
            text_times.append(seconds)
        best_pdf, best_text = min(pdf_times), min(text_times)
        total_pdf += best_pdf
        total_text += best_text
        total_rows += rows
        per = max(rows, 1)
        print(
            f"{text.name:48} {rows:4d} rows  pdf {1000 * best_pdf / per:6.1f} ms/row"
            f"  layout text {1000 * best_text / per:6.1f} ms/row"
            f"  ratio {best_text / best_pdf:5.2f}"
        )
    print(
        f"overall: pdf {1000 * total_pdf / total_rows:.1f} ms/row, layout text "
        f"{1000 * total_text / total_rows:.1f} ms/row, ratio {total_text / total_pdf:.2f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
