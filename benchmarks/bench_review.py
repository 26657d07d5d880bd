"""Measure the visual review: size of the HTML page and time to draw it, per input and page.

Usage: ``python benchmarks/bench_review.py [--limit-mb 3] [FILE...]`` (default: the r8
samples of tests/fixtures/samples, 8 to 10 pages each). The parse is not counted; the
review's time includes re-reading the source and rendering the pages; the render column is
pypdfium2 and JPEG encoding alone. Exits 1 when a
review of 10 pages or fewer is over the limit.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from aap_parser import parse, review
from aap_parser.sources import is_pdf
from aap_parser.visual.images import render_pages

SAMPLES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "samples"


def main() -> None:
    """Review each input once and print size and time per page."""
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("files", nargs="*", type=Path)
    options.add_argument("--limit-mb", type=float, default=3.0)
    args = options.parse_args()
    files = args.files or sorted(SAMPLES.glob("seed-000-r8.*"))
    over = False
    for path in files:
        data = path.read_bytes()
        announcement = parse(data)
        began = time.perf_counter()
        size = len(review(announcement, data).encode("utf-8"))
        spent = time.perf_counter() - began
        pages = announcement.source.pages or 1
        render = ""
        if is_pdf(data):
            began = time.perf_counter()
            sum(1 for _ in render_pages(data))
            render = f"  render {1000 * (time.perf_counter() - began) / pages:4.0f} ms/page"
        print(
            f"{path.name:36} {pages:3} pages {size / 1e6:6.2f} MB "
            f"{spent:6.2f} s  {1000 * spent / pages:5.0f} ms/page{render}"
        )
        over |= pages <= 10 and size > args.limit_mb * 1e6
    sys.exit(1 if over else 0)


if __name__ == "__main__":
    main()
