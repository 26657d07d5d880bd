"""Build the compact geographic table that aap_parser.enrich looks codes up in.

Run by hand when a new vintage of the official geographic code is wanted:

    npm pack @etalab/decoupage-administratif && tar xzf etalab-decoupage-administratif-*.tgz
    python scripts/build_geo.py package/ --history OLD/package ...

It reads the package's data/*.json (COG regions, départements, communes; DGCL EPCI list;
INSEE EPT list) and writes src/aap_parser/data/geo.json.gz with only what lookups need.

Each ``--history`` folder is an older version of the same package, unpacked: its
``historique-communes.json`` (the COG's history of every commune since 1943: renamings,
mergers, communes nouvelles; version 0.7.0 ships it) and its EPCI list give the former names
of today's communes and EPCI, so that an announcement of 2015 naming « Évry » (now
Évry-Courcouronnes) or an EPCI since merged finds today's code. The announcements run from
2013 on: the history of 0.7.0 (COG 2019) and the EPCI lists of 0.3.0 (2018), 0.7.0, 1.1.1,
2.3.1, 3.1.1, 4.1.0 and 5.3.0 cover them.
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


def _resolver(package: Path, current: dict[str, str]) -> dict[str, str]:
    """Old commune code -> today's code: today's own codes and their ``anciensCodes``."""
    resolve = {code: code for code in current}
    for row in _load(package, "communes"):
        if row["type"] == "commune-actuelle":
            for old in row.get("anciensCodes", []):
                resolve.setdefault(old, row["code"])
    return resolve


def _history_names(
    history: Path, resolve: dict[str, str], current: dict[str, str]
) -> set[tuple[str, str]]:
    """(former name, today's code) for every commune name in the COG history that is not
    today's name: follow each entry's successor (or, for a delegated or associated commune,
    the commune it belongs to) to its last code, and that code to today's."""
    path = history / "data" / "historique-communes.json"
    if not path.exists():
        return set()
    entries = {row["id"]: row for row in json.loads(path.read_text(encoding="utf-8"))}
    names: set[tuple[str, str]] = set()
    for row in entries.values():
        last, seen = row, {row["id"]}
        while True:
            step = last.get("successeur") or last.get("pole")
            if not step or step in seen or step not in entries:
                break
            seen.add(step)
            last = entries[step]
        today = resolve.get(last["code"])
        if today is not None and row["nom"] != current[today]:
            names.add((row["nom"], today))
    return names


def _history_groupings(
    history: Path, resolve: dict[str, str], members_of: dict[str, set[str]], names: dict[str, str]
) -> set[tuple[str, str]]:
    """(former name, today's SIREN) for the EPCI of an older list: the same SIREN renamed, or,
    for one merged since, today's EPCI that holds most of its member communes."""
    path = history / "data" / "epci.json"
    if not path.exists():
        return set()
    epci_of: dict[str, str] = {m: siren for siren, ms in members_of.items() for m in ms}
    out: set[tuple[str, str]] = set()
    for row in json.loads(path.read_text(encoding="utf-8")):
        siren = row["code"]
        if siren not in names:
            counts = Counter(
                epci_of[today]
                for member in row.get("membres", [])
                if (today := resolve.get(member["code"])) in epci_of
            )
            if not counts:
                continue
            siren = counts.most_common(1)[0][0]
        if row["nom"] != names[siren]:
            out.add((row["nom"], siren))
    return out


def build(package: Path, cog_year: int | None, history: list[Path] | None = None) -> dict[str, Any]:
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
    resolve = _resolver(package, current_names)
    known = {(name, code) for name, code in former}
    members_of = {
        e["code"]: {m["code"] for m in e["membres"]}
        for name in ("epci", "ept")
        for e in _load(package, name)
    }
    grouping_names = {siren: name for siren, name, _, _ in groupings}
    former_groupings: set[tuple[str, str]] = set()
    for folder in history or []:
        known |= _history_names(folder, resolve, current_names)
        former_groupings |= _history_groupings(folder, resolve, members_of, grouping_names)
    former = [list(pair) for pair in sorted(known)]
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
        "former_epci": [list(pair) for pair in sorted(former_groupings)],
    }


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, build the table and write it gzip'd."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", type=Path, help="unpacked npm package folder (has data/)")
    parser.add_argument("--cog-year", type=int, default=None, help="override the vintage")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument(
        "--history", type=Path, action="append", default=[],
        help="an older version of the package, unpacked (repeatable): former names",
    )
    args = parser.parse_args(argv)
    table = build(args.package, args.cog_year, args.history)
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
        f"{len(table['former_communes'])} former, {len(table['epci'])} EPCI/EPT, "
        f"{len(table['former_epci'])} former EPCI names; "
        f"{len(payload)} bytes raw, {args.output.stat().st_size} gzip'd; "
        f"{table['source']['package']} {table['source']['version']} "
        f"(COG {table['source']['cog_year']})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
