"""Time the whole ``parse()`` against the floor of reading a PDF and against pdfplumber.

Four measures per file, in CPU time (the machine's other load does not count), best of
ROUNDS, runs alternating so that noise hits all alike:

- the floor: every character's text and box read through PDFium's C functions
  (FPDFText_GetUnicode, FPDFText_GetCharBox), nothing else; the ratios are to this one;
- ``floor[public]``, for reference only: the same read through pypdfium2's public methods
  (``PdfTextPage.get_text_range`` and ``get_charbox`` per character), several times slower;
- our whole parse (reading, layout, records, enrichment, models), with each backend;
- pdfplumber's bare ``page.extract_tables()``.

Targets: the default parse at most 2.5x the floor, and faster than ``extract_tables``.

Before each timed parse the bounded caches of the package (those keyed by a document's text,
such as a cell's column-role fits) are emptied, so that a round does not reuse the work of
the round before on the same file; the tables loaded once (geographic index, country names)
stay loaded, as in a long batch of different announcements.
Usage: ``python benchmarks/bench_pdf.py [ROUNDS] [PDF ...]`` (default: the r8 sample PDFs
and a generated 100-page announcement, 3 rounds).
"""

from __future__ import annotations

import ctypes
import io
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from aap_parser import parse
from aap_parser.sources.pdf.backends import BACKENDS, DEFAULT_BACKEND

SAMPLES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "samples"


def _floor(data: bytes) -> int:
    """Every character's text and box read with pypdfium2; returns the page count."""
    pdf = pdfium.PdfDocument(data)
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    for page in pdf:
        textpage = page.get_textpage()
        raw = textpage.raw
        for index in range(pdfium_c.FPDFText_CountChars(raw)):
            pdfium_c.FPDFText_GetUnicode(raw, index)
            pdfium_c.FPDFText_GetCharBox(raw, index, left, right, bottom, top)
        textpage.close()
        page.close()
    count = len(pdf)
    pdf.close()
    return count


def _public_floor(data: bytes) -> int:
    """Every character's text and box read with pypdfium2's public methods; returns the page
    count."""
    pdf = pdfium.PdfDocument(data)
    for page in pdf:
        textpage = page.get_textpage()
        for index in range(textpage.count_chars()):
            textpage.get_text_range(index, 1)
            textpage.get_charbox(index)
        textpage.close()
        page.close()
    count = len(pdf)
    pdf.close()
    return count


def _bare_tables(data: bytes) -> int:
    """pdfplumber's table extraction over every page; returns the page count."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.close()
        return len(pdf.pages)


def _ours(backend: str) -> Callable[[bytes], int]:
    def run(data: bytes) -> int:
        return parse(data, backend=backend).source.pages or 0

    return run


def _empty_text_caches() -> None:
    """Empty every bounded ``lru_cache`` of the package: the results remembered per text."""
    for name, module in list(sys.modules.items()):
        if name.split(".")[0] != "aap_parser":
            continue
        for value in vars(module).values():
            info = getattr(value, "cache_info", None)
            if callable(info) and info().maxsize is not None:
                value.cache_clear()


def _generated(pages: int) -> tuple[str, bytes]:
    """A ruled announcement of ``pages`` pages, made with the hardening catalogue's builder."""
    sys.path.insert(0, str(SAMPLES.parents[2]))
    from tests.fixtures_gen.bad_inputs import announcement_pdf

    return f"generated-{pages}-pages.pdf", announcement_pdf(pages, rows_per_page=25)


def _time(func: Callable[[bytes], int], data: bytes) -> tuple[float, int]:
    """CPU seconds taken by one call and the page count it reported."""
    _empty_text_caches()
    start = time.process_time()
    pages = func(data)
    return time.process_time() - start, pages


def main(argv: list[str]) -> int:
    """Print ms/page per measure and file, the ratios, and the overall ratios."""
    rounds = int(argv[0]) if argv and argv[0].isdigit() else 3
    paths = [Path(a) for a in argv if not a.isdigit()]
    inputs = [(p.name, p.read_bytes()) for p in paths]
    if not inputs:
        inputs = [(p.name, p.read_bytes()) for p in sorted(SAMPLES.glob("*r8*.pdf"))]
        inputs.append(_generated(100))
    others = sorted(name for name in BACKENDS if name != DEFAULT_BACKEND)
    measures: dict[str, Callable[[bytes], int]] = {
        "floor": _floor,
        "floor[public]": _public_floor,
        "parse": _ours(DEFAULT_BACKEND),
        **{f"parse[{name}]": _ours(name) for name in others},
        "extract_tables": _bare_tables,
    }
    totals = dict.fromkeys(measures, 0.0)
    for func in measures.values():
        func(inputs[0][1])  # warm up: imports, the geographic index
    for name, data in inputs:
        best = dict.fromkeys(measures, float("inf"))
        pages = 0
        for _ in range(rounds):
            for measure, func in measures.items():
                seconds, pages = _time(func, data)
                best[measure] = min(best[measure], seconds)
        for measure in measures:
            totals[measure] += best[measure]
        cells = "  ".join(f"{m} {1000 * best[m] / pages:6.1f}" for m in measures)
        print(
            f"{name:32} {pages:3d} pages  ms/page: {cells}"
            f"  parse/floor {best['parse'] / best['floor']:5.2f}"
            f"  parse/extract_tables {best['parse'] / best['extract_tables']:5.2f}"
        )
    print(
        f"overall ({DEFAULT_BACKEND}): parse/floor {totals['parse'] / totals['floor']:.2f}"
        f"  parse/extract_tables {totals['parse'] / totals['extract_tables']:.2f}"
        f"  (parse/floor[public] {totals['parse'] / totals['floor[public]']:.2f})"
        + "".join(
            f"  parse[{name}]/floor {totals[f'parse[{name}]'] / totals['floor']:.2f}"
            for name in others
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
