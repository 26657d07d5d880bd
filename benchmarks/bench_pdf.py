"""Time the whole ``parse()`` against pdfplumber's bare ``page.extract_tables()``.

The full parse (reading, layout, records, enrichment, models) must be no slower than
pdfplumber's own table finder on the same files. Runs alternate between the two so that
machine noise hits both alike. Usage: ``python benchmarks/bench_pdf.py [ROUNDS] [PDF ...]``
(default: the r8 sample PDFs and a generated 100-page announcement, 3 rounds).
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

import pdfplumber

from aap_parser import parse

SAMPLES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "samples"


def _bare_tables(data: bytes) -> int:
    """pdfplumber's table extraction over every page; returns the page count."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.close()
        return len(pdf.pages)


def _ours(data: bytes) -> int:
    """Our whole parse; returns the page count."""
    return parse(data).source.pages or 0


def _generated(pages: int) -> tuple[str, bytes]:
    """A ruled announcement of ``pages`` pages, made with the hardening catalogue's builder."""
    sys.path.insert(0, str(SAMPLES.parents[2]))
    from tests.fixtures_gen.bad_inputs import announcement_pdf

    return f"generated-{pages}-pages.pdf", announcement_pdf(pages, rows_per_page=25)


def _time(func: object, data: bytes) -> tuple[float, int]:
    """Seconds taken by one call and the page count it reported."""
    start = time.perf_counter()
    pages = func(data)  # type: ignore[operator]
    return time.perf_counter() - start, pages


def main(argv: list[str]) -> int:
    """Print ms/page for both readers per file and the overall ratio."""
    rounds = int(argv[0]) if argv and argv[0].isdigit() else 3
    paths = [Path(a) for a in argv if not a.isdigit()]
    inputs = [(p.name, p.read_bytes()) for p in paths]
    if not inputs:
        inputs = [(p.name, p.read_bytes()) for p in sorted(SAMPLES.glob("*r8*.pdf"))]
        inputs.append(_generated(100))
    total_ours = total_bare = 0.0
    for name, data in inputs:
        ours: list[float] = []
        bare: list[float] = []
        pages = 0
        for _ in range(rounds):
            seconds, pages = _time(_ours, data)
            ours.append(seconds)
            seconds, _ = _time(_bare_tables, data)
            bare.append(seconds)
        best_ours, best_bare = min(ours), min(bare)
        total_ours += best_ours
        total_bare += best_bare
        print(
            f"{name:32} {pages:3d} pages  parse {1000 * best_ours / pages:7.1f} ms/page"
            f"  extract_tables {1000 * best_bare / pages:7.1f} ms/page"
            f"  ratio {best_ours / best_bare:5.2f}"
        )
    if total_bare:
        print(f"overall ratio parse / extract_tables: {total_ours / total_bare:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
