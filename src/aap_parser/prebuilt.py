"""Lookup tables computed ahead of time and shipped in the package data, for a cheap start.

Folding tens of thousands of official names into comparison keys, or reading pycountry's
catalogues, costs more than parsing a short announcement. The tables are therefore built
once (``python scripts/build_lookups.py``) into ``aap_parser/data/``, as JSON (gzip'd when
the name ends in ``.gz``; the geographic index is read at every run and stays plain, as
inflating it would cost more than decoding it), each with a
fingerprint of what it was computed from (the folding rules applied to probe names, the
alias tables, the source data). A table whose fingerprint no longer matches the code is
ignored and the caller computes the lookups itself, slower but right; a test requires the
shipped tables to match a fresh build.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path
from typing import Any

PROBE_NAMES = (
    "Saint-Étienne", "ST ETIENNE", "L'Haÿ-les-Roses", "Œuilly", "Les Abymes",
    "Châlons-en-Champagne", "CC du Pays d’Orthe et Arrigans", "Ste-Foy-lès-Lyon",
    "Métropole d'Aix-Marseille-Provence", "Côte d’Ivoire", "Moldova, République de",
    "ﬁlière", "Ｔｏｋｙｏ", "Bosnie-Herzégovine", "Québec (Canada)", "Saint-Pierre-et-Miquelon",
)
"""Names whose folding a table's fingerprint records: a change to the wording rules shows."""


def fingerprint(fold: Callable[[str], str], *parts: Iterable[Any]) -> str:
    """A short digest of ``fold`` over :data:`PROBE_NAMES` and of the other ``parts``."""
    digest = hashlib.sha256()
    digest.update(json.dumps([fold(name) for name in PROBE_NAMES]).encode())
    for part in parts:
        digest.update(json.dumps(sorted(map(repr, part))).encode())
    return digest.hexdigest()[:16]


def load(name: str, expected: str) -> dict[str, Any] | None:
    """The packaged table ``name``, or None when it is missing, unreadable or stale."""
    try:
        raw = resources.files("aap_parser").joinpath("data", name).read_bytes()
        table: dict[str, Any] = json.loads(gzip.decompress(raw) if _zipped(name) else raw)
    except (OSError, ValueError):
        return None
    return table if table.get("fingerprint") == expected else None


def dump(path: Path, expected: str, table: dict[str, Any]) -> bytes:
    """Write ``table`` with its fingerprint to ``path`` (compact JSON, gzip'd when the name
    ends in ``.gz``, reproducible byte for byte); returns the bytes written."""
    text = json.dumps({"fingerprint": expected, **table}, ensure_ascii=False,
                      separators=(",", ":"), sort_keys=True).encode("utf-8")
    data = gzip.compress(text, mtime=0) if _zipped(path.name) else text
    path.write_bytes(data)
    return data


def _zipped(name: str) -> bool:
    """Whether the table file ``name`` is stored gzip'd."""
    return name.endswith(".gz")
