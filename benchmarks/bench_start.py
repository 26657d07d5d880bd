"""Time ``aap-parse`` end to end on the 2-page sample, as a user runs it, against its target.

Each run is a fresh process (``aap-parse SAMPLE -o OUT --force -q``), timed from outside:
wall time and the CPU time of the process and its children (a worker, if any). Also shows
where a run's time goes, in fresh interpreters: Python's own start, importing the command
line, the geographic index, and ``-j 1`` (no worker). Usage:

    python benchmarks/bench_start.py [RUNS]      # default 10; prints medians

Python compiles a module's source on the first import and caches the bytecode
(``__pycache__``): the timings are of an installed package, whose bytecode is cached.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "fixtures" / "samples" / "seed-000-r1.docx-lo.pdf"
AAP_PARSE = Path(sys.executable).with_name("aap-parse")
TARGET_SECONDS = 0.35
"""The whole command on the 2-page sample, wall time (median)."""

_PHASES = {
    "python startup": "pass",
    "import the command line": "import aap_parser.cli",
    "import the PDF reader too": "import aap_parser.cli, aap_parser.api, aap_parser.sources.pdf",
    "import, load the geo index": (
        "from aap_parser.enrich.geodata import geo_index\ngeo_index()"
    ),
}


def _timed(command: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one run of ``command``, its children included."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _medians(command: list[str], runs: int) -> tuple[float, float]:
    """Median wall and CPU seconds over ``runs`` runs, after one warm-up run."""
    _timed(command)
    samples = [_timed(command) for _ in range(runs)]
    return (
        statistics.median(s[0] for s in samples),
        statistics.median(s[1] for s in samples),
    )


def main(argv: list[str]) -> int:
    """Time the command (default and ``-j 1``) and the phases; print the medians."""
    runs = int(argv[1]) if len(argv) > 1 else 10
    if not AAP_PARSE.exists():
        print(f"aap-parse is not installed next to {sys.executable}", file=sys.stderr)
        return 2
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True)
    with tempfile.TemporaryDirectory() as folder:
        out = os.path.join(folder, "out.json")
        command = [str(AAP_PARSE), str(SAMPLE), "-o", out, "--force", "-q"]
        wall, cpu = _medians(command, runs)
        verdict = "met" if wall <= TARGET_SECONDS else "NOT met"
        print(f"aap-parse, 2-page sample:  {wall:6.3f} s wall  {cpu:6.3f} s CPU  (median of "
              f"{runs}; target {TARGET_SECONDS} s wall: {verdict})")
        wall, cpu = _medians([*command, "-j", "1"], runs)
        print(f"the same with -j 1:        {wall:6.3f} s wall  {cpu:6.3f} s CPU")
    for label, code in _PHASES.items():
        wall, cpu = _medians([sys.executable, "-c", code], runs)
        print(f"{label + ':':26s} {wall:6.3f} s wall  {cpu:6.3f} s CPU")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
