"""How well and how fast the OCR reader reads the scanned fixture announcements.

Reports, over ``tests/fixtures/scanned`` (or the scans given): the share of laureates right
(structure exact, every string at least 97 % alike: see ``tests/fixtures_gen/scan_score.py``),
the mean string similarity, the headings right, and the seconds per page at 300 dpi with
their split between rendering (with deskew), rule finding and recognition. Targets: >= 90 %
laureates right, <= 8 s a page (aim 3). The CPU seconds a page are printed too: on a
loaded machine they, not the wall time, say what a page costs. ``--page-pass`` reads whole
pages in one Tesseract pass instead of cell by cell, to compare the two. Run under ``nice``
on a shared machine. Usage: ``python benchmarks/bench_ocr.py [--page-pass] [SCAN.pdf ...]``.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fixtures_gen.scan import SCANNED_DIR, SCANS  # noqa: E402
from tests.fixtures_gen.scan_score import score  # noqa: E402

from aap_parser import parse  # noqa: E402
from aap_parser.sources.ocr import page as ocr_page  # noqa: E402
from aap_parser.sources.ocr.layer import OcrLayer  # noqa: E402


def _cpu() -> tuple[float, float]:
    """CPU seconds used so far by this process and by its finished children (Tesseract)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def main(argv: list[str] | None = None) -> int:
    """Parse each scan, score it, time its pages; print one line per scan and the totals."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page-pass", action="store_true", help="one pass a page, no cells")
    parser.add_argument("scans", nargs="*", type=Path)
    args = parser.parse_args(argv)
    ocr_page.BY_CELL = not args.page_pass
    paths = args.scans or [SCANNED_DIR / s.name for s in SCANS]
    seconds: dict[str, list[float]] = {"render": [], "rules": [], "recognise": []}
    totals, right, laureates, similarities, headings = [], 0, 0, [], 0
    cpu_pages, cpu_own, cpu_tesseract = 0, 0.0, 0.0
    original_read = OcrLayer.read

    def timed_read(self: OcrLayer, index: int) -> object:
        before = dict(self.seconds)
        ink = original_read(self, index)
        if "300dpi" in name:
            for step in seconds:
                seconds[step].append(self.seconds[step] - before.get(step, 0.0))
        return ink

    OcrLayer.read = timed_read  # type: ignore[method-assign,assignment]
    for path in paths:
        name = path.name
        expected = json.loads(path.with_name(name[:-4] + ".golden.json").read_text("utf-8"))
        clock, (own, children) = time.perf_counter(), _cpu()
        got = parse(path).model_dump(mode="json")
        elapsed = time.perf_counter() - clock
        if "300dpi" in name:
            after_own, after_children = _cpu()
            cpu_pages += got["source"]["pages"] or 1
            cpu_own += after_own - own
            cpu_tesseract += after_children - children
        result = score(got, expected)
        pages = got["source"]["pages"] or 1
        totals.append(elapsed / pages)
        right += result.right
        laureates += result.laureates
        similarities += result.similarities
        headings += result.heading_right
        print(
            f"{name:48} {result.right:3}/{result.laureates:<3} right"
            f"  similarity {statistics.mean(result.similarities or [0]):.4f}"
            f"  heading {'ok' if result.heading_right else 'WRONG'}"
            f"  {elapsed / pages:5.1f} s/page"
        )
        for problem in result.problems:
            print(f"    {problem}")
    mode = "page pass" if args.page_pass else "cell by cell"
    share = 100 * right / max(laureates, 1)
    print(f"\n{mode}: {right}/{laureates} laureates right ({share:.1f} %),"
          f" mean string similarity {statistics.mean(similarities or [0]):.4f},"
          f" headings right {headings}/{len(paths)}")
    print(f"parse: {statistics.mean(totals):.1f} s/page on average (all scans)")
    if seconds["render"]:
        split = {step: statistics.mean(values) for step, values in seconds.items()}
        print(
            f"at 300 dpi: {sum(split.values()):.2f} s/page of OCR = render+deskew "
            f"{split['render']:.2f} + rules {split['rules']:.2f} + recognition "
            f"{split['recognise']:.2f} (over {len(seconds['render'])} pages)"
        )
        print(
            f"CPU at 300 dpi: {(cpu_own + cpu_tesseract) / cpu_pages:.2f} s/page "
            f"(Tesseract {cpu_tesseract / cpu_pages:.2f}, the rest of the parse "
            f"{cpu_own / cpu_pages:.2f}): the wall time on an idle core"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
