"""Check that no lead code contradicts its row's region, over every announcement given.

    python scripts/check_codes.py tests/fixtures

Parses every .pdf, .txt and .md under the paths given (files that are not announcements are
counted apart), and prints each lead code that lies outside its row's region. Exits 1 if any
is not reported by a warning.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from aap_parser import AapParseError, parse
from aap_parser.enrich.checks import disproved_codes

SUFFIXES = (".pdf", ".txt", ".md")


def main(argv: list[str] | None = None) -> int:
    """Parse the inputs, print every disproved code and the totals."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    args = parser.parse_args(argv)
    files = sorted(
        path
        for root in args.paths
        for path in ([root] if root.is_file() else root.rglob("*"))
        if path.suffix.lower() in SUFFIXES
    )
    parsed = failed = leads = silent = warned = 0
    for path in files:
        try:
            announcement = parse(path)
        except AapParseError:
            failed += 1
            continue
        parsed += 1
        leads += sum(1 for item in announcement.laureates for lead in item.leads if lead.code)
        for found in disproved_codes(announcement):
            warned += found.warned
            silent += not found.warned
            print(f"{path}: laureate {found.laureate}: {found.lead!r} has code {found.code} "
                  f"(region {found.code_region}), row region {found.row_region}"
                  f"{'' if found.warned else ' - NOT WARNED'}")
    print(f"{parsed} announcements ({failed} not parsed), {leads} coded leads: "
          f"{silent} codes contradict their row unwarned, {warned} conflicts warned")
    return 1 if silent else 0


if __name__ == "__main__":
    raise SystemExit(main())
