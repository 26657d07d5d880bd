"""Resident memory and time while parsing a very long PDF and a batch of PDFs.

Shows that memory stays flat: pages are read one at a time and their caches flushed, so
a 2,000-page announcement costs about what its records weigh, and a batch of 200 files
does not grow from file to file. Also checks that time is linear in pages.

    python benchmarks/bench_memory.py                 # 2,000 pages, 200 files
    python benchmarks/bench_memory.py --pages 200 --files 40
    python benchmarks/bench_memory.py --pages 1000 --files 0 --text-rows 0 --bomb-mb 0 \
        --backend pdfium                              # the long PDF alone, one backend
"""

from __future__ import annotations

import argparse
import logging
import resource
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.fixtures_gen.bad_inputs import (
    announcement_layout_text,
    announcement_pdf,
    announcement_text,
    bomb_pdf,
    laureate_row,
)

from aap_parser import parse, parse_text

BACKEND: dict[str, str] = {}
"""``parse``'s backend argument for the long PDF, when one is chosen."""


def rss_mib() -> float:
    """Current resident set size in MiB (VmRSS), or the peak where /proc is missing."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return peak_mib()


def peak_mib() -> float:
    """Peak resident set size of this process so far, in MiB (ru_maxrss is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Sampler:
    """Samples resident memory every ``period`` seconds in a background thread."""

    def __init__(self, period: float = 0.25) -> None:
        self.period = period
        self.samples: list[tuple[float, float]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._start = 0.0

    def _run(self) -> None:
        while not self._stop.is_set():
            self.samples.append((time.monotonic() - self._start, rss_mib()))
            self._stop.wait(self.period)

    def __enter__(self) -> Sampler:
        self._start = time.monotonic()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def profile(self, points: int = 10) -> list[float]:
        """RSS at ``points`` evenly spaced moments of the run."""
        if not self.samples:
            return []
        step = max(1, len(self.samples) // points)
        return [*[rss for _, rss in self.samples[::step]][:points], self.samples[-1][1]]


def timed(label: str, work: Callable[[], object]) -> tuple[float, list[float]]:
    """Run ``work`` under the sampler; print and return its seconds and RSS profile (and
    the highest RSS sampled while it ran: the process's peak may come from before)."""
    before = rss_mib()
    with Sampler() as sampler:
        start = time.monotonic()
        result = work()
        seconds = time.monotonic() - start
    profile = sampler.profile()
    shown = " ".join(f"{value:.0f}" for value in profile)
    during = max((rss for _, rss in sampler.samples), default=before)
    print(f"{label}: {seconds:.1f} s; RSS MiB over the run: {shown}; before {before:.0f}, "
          f"highest during {during:.0f}; process peak {peak_mib():.0f}")
    if result is not None:
        print(f"  -> {result}")
    return seconds, profile


def long_pdf(pages: int) -> None:
    """Parse a ruled-table PDF of ``pages`` pages, compared with one a tenth as long."""
    for count in sorted({max(1, pages // 10), pages}):
        start = time.monotonic()
        data = announcement_pdf(count)
        built = time.monotonic() - start
        print(f"built {count}-page PDF: {len(data) / 1e6:.1f} MB in {built:.1f} s")

        def work(data: bytes = data) -> str:
            announcement = parse(data, **BACKEND)
            return f"{len(announcement.laureates)} laureates, {len(announcement.warnings)} warnings"

        seconds, _ = timed(f"parse {count} pages", work)
        print(f"  {1000 * seconds / count:.1f} ms per page")
        timed(f"read {count} pages' ink only", lambda data=data: read_ink(data))


def read_ink(data: bytes) -> str:
    """Every page's characters and rules read by the backend, then dropped: what reading
    pages holds by itself (it must not grow with the pages read: each is closed once read)."""
    from aap_parser.sources.pdf.backends import BACKENDS, DEFAULT_BACKEND

    pdf = BACKENDS[BACKEND.get("backend", DEFAULT_BACKEND)](data, None)
    try:
        glyphs = sum(len(ink.glyphs) for ink in pdf.pages())
    finally:
        pdf.close()
    return f"{glyphs} characters read"


def batch(files: int) -> None:
    """Parse ``files`` different small PDFs one after another; RSS must not grow."""
    inputs = [announcement_pdf(1 + i % 3, rows_per_page=20 + i % 7) for i in range(files)]
    checkpoints: list[float] = []

    def work() -> str:
        laureates = 0
        for index, data in enumerate(inputs, start=1):
            laureates += len(parse(data).laureates)
            if index % max(1, files // 10) == 0:
                checkpoints.append(rss_mib())
        return f"{laureates} laureates from {files} files"

    timed(f"batch of {files} PDFs", work)
    print("  RSS MiB after each tenth of the batch: " + " ".join(f"{v:.0f}" for v in checkpoints))


def long_text(rows: int) -> None:
    """Parse tab-separated and space-aligned texts of ``rows`` and a tenth as many rows."""
    for count in sorted({max(1, rows // 10), rows}):
        for kind, text in (
            ("tab", announcement_text([laureate_row(i) for i in range(count)])),
            ("aligned", announcement_layout_text(count)),
        ):

            def work(text: str = text) -> str:
                return f"{len(parse_text(text).laureates)} laureates"

            seconds, _ = timed(f"parse {kind} text of {count} rows", work)
            print(f"  {1000 * seconds / count:.2f} ms per row")


def bomb(inflated: int) -> None:
    """Parse a decompression bomb: a small PDF whose page inflates to ``inflated`` bytes."""
    data = bomb_pdf(inflated)
    print(f"bomb: {len(data) / 1e6:.2f} MB of PDF inflating to {inflated / 1e6:.0f} MB")

    def work() -> str:
        try:
            parse(data)
        except Exception as error:  # report whatever comes out
            return f"{type(error).__name__}: {error}"
        return "parsed"

    timed("parse bomb", work)


def main(argv: list[str] | None = None) -> int:
    """Run the chosen measurements and print the numbers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000, help="pages of the long PDF (0: skip)")
    parser.add_argument("--files", type=int, default=200, help="PDFs in the batch (0: skip)")
    parser.add_argument("--text-rows", type=int, default=2000, help="long texts' rows (0: skip)")
    parser.add_argument("--bomb-mb", type=int, default=400, help="bomb's inflated MB (0: skip)")
    parser.add_argument("--backend", help="PDF backend of the long PDF (default: the default)")
    args = parser.parse_args(argv)
    if args.backend:
        BACKEND["backend"] = args.backend
    logging.disable(logging.CRITICAL)
    print(f"start: RSS {rss_mib():.0f} MiB")
    if args.files:
        batch(args.files)
    if args.text_rows:
        long_text(args.text_rows)
    if args.pages:
        long_pdf(args.pages)
    if args.bomb_mb:
        bomb(args.bomb_mb * 1_000_000)
    return 0


if __name__ == "__main__":
    sys.exit(main())
