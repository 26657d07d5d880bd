"""Committed fixture files against what a generator renders: which differ, and writing them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path


def changed_files(files: Mapping[str, bytes], directory: Path) -> list[str]:
    """The names of ``files`` that ``directory`` lacks or holds with other bytes."""
    return [
        name
        for name, data in files.items()
        if not (directory / name).is_file() or (directory / name).read_bytes() != data
    ]


def write_files(files: Mapping[str, bytes], directory: Path, names: Iterable[str]) -> None:
    """Write the named ``files`` into ``directory`` (made if missing)."""
    directory.mkdir(parents=True, exist_ok=True)
    for name in names:
        (directory / name).write_bytes(files[name])
