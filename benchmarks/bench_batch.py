"""Measure batch parsing speed-up: the sample PDFs parsed with 1 worker, then N workers.

Usage: ``python benchmarks/bench_batch.py [--jobs 2] [--repeat 1] [PDF...]`` (default: the
8 PDFs of tests/fixtures/samples). Prints wall times and the speed-up; checks that both
runs give the same announcements.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from aap_parser.batch import BatchResult, parse_many

SAMPLES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "samples"


def timed(paths: list[str], jobs: int, timeout: float | None) -> tuple[float, list[BatchResult]]:
    """Parse ``paths`` with ``jobs`` workers; return the wall time and the results."""
    began = time.perf_counter()
    results = list(parse_many(paths, jobs=jobs, timeout=timeout))
    return time.perf_counter() - began, results


def main() -> None:
    """Run the benchmark and print one line per configuration."""
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("pdfs", nargs="*", type=Path)
    options.add_argument("--jobs", type=int, default=2)
    options.add_argument("--repeat", type=int, default=1, help="best of N runs")
    options.add_argument("--timeout", type=float, default=120.0)
    args = options.parse_args()
    paths = [str(p) for p in (args.pdfs or sorted(SAMPLES.glob("*.pdf")))]
    print(f"{len(paths)} PDFs")
    baseline: list[BatchResult] | None = None
    times: dict[int, float] = {}
    for jobs in (1, args.jobs):
        best = float("inf")
        for _ in range(args.repeat):
            elapsed, results = timed(paths, jobs, args.timeout)
            best = min(best, elapsed)
        failures = sum(not r.ok for r in results)
        laureates = sum(len(r.announcement.laureates) for r in results if r.announcement)
        print(f"jobs={jobs}: {best:.2f} s, {laureates} laureates, {failures} failures")
        if baseline is not None:
            same = [r.announcement for r in results] == [r.announcement for r in baseline]
            print(f"same announcements as jobs=1: {same}")
        baseline = results
        times[jobs] = best
    print(f"speed-up x{times[1] / times[args.jobs]:.2f} with {args.jobs} workers")


if __name__ == "__main__":
    main()
