"""Rebuild the lookup tables that ship prebuilt in the package data (see aap_parser.prebuilt).

Run after changing the folding rules (aap_parser.wording, aap_parser.enrich.normalise), the
country aliases, the geographic table (scripts/build_geo.py) or the pycountry version:

    python scripts/build_lookups.py

It writes src/aap_parser/data/geo-index.json (the geographic table's columns with the
comparison key of every commune, département and EPCI name) and
src/aap_parser/data/countries.json.gz (folded country names, French short names,
subdivisions); tests/test_prebuilt.py checks they are current.
"""

from __future__ import annotations

import sys
from pathlib import Path

from aap_parser import prebuilt
from aap_parser.enrich import geodata
from aap_parser.values import countries

DATA = Path(__file__).resolve().parents[1] / "src" / "aap_parser" / "data"


def main() -> int:
    """Write both tables and say how big they are."""
    for name, (expected, table) in (
        (geodata.INDEX_FILE, geodata.build_index()),
        (countries.LOOKUPS_FILE, countries.build_lookups()),
    ):
        data = prebuilt.dump(DATA / name, expected, dict(table))
        print(f"{name}: {len(data) // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
