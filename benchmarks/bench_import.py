"""Time ``import aap_parser`` and the geographic table's first lookup, each in a fresh interpreter.

The table must load lazily: importing the package (or ``aap_parser.enrich``) must not read it,
and the first ``classify_lead`` pays for it once. Usage:
``python benchmarks/bench_import.py [ROUNDS]`` (default 5); prints medians in milliseconds.
"""

from __future__ import annotations

import statistics
import subprocess
import sys

_PROBES = {
    "python startup (baseline)": "pass",
    "import aap_parser": "import aap_parser",
    "import aap_parser.enrich": "import aap_parser.enrich",
}

_LOOKUP = """
import time
start = time.perf_counter()
import aap_parser.enrich as enrich
imported = time.perf_counter()
enrich.classify_lead("Ville de Metz", "44")
first = time.perf_counter()
enrich.classify_lead("Conseil départemental de la Vienne", "75")
enrich.region_code("Nouvelle-Aquitaine")
second = time.perf_counter()
print(imported - start, first - imported, second - first)
"""


def _wall(code: str) -> float:
    """Wall-clock seconds for a fresh interpreter to run ``code``."""
    import time

    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def _lookup_times() -> tuple[float, float, float]:
    """(import enrich, first lookup, next two lookups) in seconds, in a fresh interpreter."""
    out = subprocess.run(
        [sys.executable, "-c", _LOOKUP], check=True, capture_output=True, text=True
    ).stdout.split()
    return float(out[0]), float(out[1]), float(out[2])


def main(argv: list[str]) -> int:
    """Run each probe ``ROUNDS`` times and print the medians."""
    rounds = int(argv[1]) if len(argv) > 1 else 5
    for label, code in _PROBES.items():
        runs = [_wall(code) for _ in range(rounds)]
        print(f"{label:32s} {statistics.median(runs) * 1000:8.1f} ms (wall, median of {rounds})")
    samples = [_lookup_times() for _ in range(rounds)]
    for position, label in enumerate(("import enrich (in-process)", "first lookup (loads table)")):
        value = statistics.median(s[position] for s in samples)
        print(f"{label:32s} {value * 1000:8.1f} ms")
    later = statistics.median(s[2] for s in samples) / 2
    print(f"{'later lookup (each)':32s} {later * 1000:8.3f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
