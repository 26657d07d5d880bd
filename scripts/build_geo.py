"""Build the compact geographic table that aap_parser.enrich looks codes up in.

Run by hand when a new vintage of the official geographic code is wanted:

    npm pack @etalab/decoupage-administratif && tar xzf etalab-decoupage-administratif-*.tgz
    python scripts/build_geo.py package/

It reads the package's data/*.json (COG regions, départements, communes; DGCL EPCI list;
INSEE EPT list) and writes src/aap_parser/data/geo.json.gz with only what lookups need.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

OUTPUT = Path(__file__).resolve().parents[1] / "src" / "aap_parser" / "data" / "geo.json.gz"
PACKAGE_NAME = "@etalab/decoupage-administratif"


def _load(package: Path, name: str) -> list[dict[str, Any]]:
    """Read one of the package's data/NAME.json arrays."""
    with (package / "data" / f"{name}.json").open(encoding="utf-8") as handle:
        data: list[dict[str, Any]] = json.load(handle)
    return data


def _cog_year(package: Path, version: str) -> int | None:
    """Find the vintage (COG year) the package's README gives for this version."""
    readme = (package / "README.md").read_text(encoding="utf-8")
    for line in readme.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 2 and re.fullmatch(r"\d{4}", cells[0]) and cells[1] == version:
            return int(cells[0])
    return None


def departement_of(commune_code: str) -> str:
    """The département code a commune code starts with (3 characters overseas)."""
    return commune_code[:3] if commune_code[:2] in {"97", "98"} else commune_code[:2]


def _main_region(grouping: dict[str, Any], region_of: dict[str, str]) -> str:
    """The region most of an EPCI's member communes lie in (to tell homonyms apart)."""
    counts = Counter(region_of[departement_of(m["code"])] for m in grouping["membres"])
    return counts.most_common(1)[0][0] if counts else ""


def build(package: Path, cog_year: int | None) -> dict[str, Any]:
    """Reduce the package's JSON files to the compact table."""
    meta = json.loads((package / "package.json").read_text(encoding="utf-8"))
    version = str(meta["version"])
    year = cog_year if cog_year is not None else _cog_year(package, version)
    regions = [[r["code"], r["nom"]] for r in _load(package, "regions")]
    departements = [[d["code"], d["nom"], d["region"]] for d in _load(package, "departements")]
    region_of = {code: region for code, _, region in departements}

    communes: list[list[str]] = []
    current_names: dict[str, str] = {}
    former: list[list[str]] = []
    for row in _load(package, "communes"):
        if row["type"] == "commune-actuelle":
            code = row["code"]
            dep = departement_of(code)
            if dep != row["departement"] or region_of.get(dep) != row["region"]:
                sys.exit(f"commune {code}: département/region not derivable from its code")
            communes.append([code, row["nom"]])
            current_names[code] = row["nom"]
    for row in _load(package, "communes"):
        if row["type"] in {"commune-deleguee", "commune-associee"}:
            parent = row["chefLieu"]
            if parent in current_names and current_names[parent] != row["nom"]:
                former.append([row["nom"], parent])

    groupings = [
        [e["code"], e["nom"], e["type"], _main_region(e, region_of)]
        for name in ("epci", "ept")
        for e in _load(package, name)
    ]
    return {
        "source": {
            "package": PACKAGE_NAME,
            "version": version,
            "cog_year": year,
            "licence": "Licence Ouverte 2.0 (Etalab)",
        },
        "regions": regions,
        "departements": departements,
        "communes": communes,
        "former_communes": former,
        "epci": groupings,
    }


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, build the table and write it gzip'd."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", type=Path, help="unpacked npm package folder (has data/)")
    parser.add_argument("--cog-year", type=int, default=None, help="override the vintage")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    table = build(args.package, args.cog_year)
    payload = json.dumps(table, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0 keeps the committed file byte-identical across rebuilds of the same data.
    with (
        args.output.open("wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0, filename="") as handle,
    ):
        handle.write(payload)
    print(
        f"{args.output.name}: {len(table['communes'])} communes, "
        f"{len(table['former_communes'])} former, {len(table['epci'])} EPCI/EPT; "
        f"{len(payload)} bytes raw, {args.output.stat().st_size} gzip'd; "
        f"{table['source']['package']} {table['source']['version']} "
        f"(COG {table['source']['cog_year']})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
