"""Find the announcements a run is given: files, folders searched for them, standard input.

Kept apart from :mod:`aap_parser.batch`, which only runs the parsing of what is found here.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path

INPUT_SUFFIXES = (".pdf", ".txt", ".md")
"""File types a folder input is searched for."""

STDIN = "-"
"""The input name that stands for standard input (read as bytes)."""


def expand_inputs(inputs: Iterable[str | os.PathLike[str]]) -> list[str]:
    """Replace each folder by its .pdf/.txt/.md files (recursive, sorted, hidden skipped).

    Files and ``-`` are kept as given, missing paths too (parsing reports them); a folder
    holding no such file contributes nothing (the caller may report it).
    """
    expanded: list[str] = []
    for item in inputs:
        name = os.fspath(item)
        if is_folder(name):
            expanded.extend(str(p) for p in folder_inputs(Path(name)))
        else:
            expanded.append(name)
    return expanded


def is_folder(name: str) -> bool:
    """True when the input ``name`` is a folder (``-`` never is)."""
    return name != STDIN and Path(name).is_dir()


def folder_inputs(folder: Path) -> list[Path]:
    """Return the announcement files under ``folder``, recursively, sorted by path."""
    found = []
    for path in folder.rglob("*"):
        relative = path.relative_to(folder).parts
        if any(part.startswith(".") for part in relative):
            continue
        if path.suffix.lower() in INPUT_SUFFIXES and path.is_file():
            found.append(path)
    return sorted(found)


def read_stdin() -> bytes:
    """Read all of standard input as bytes (raises OSError, ValueError or AttributeError
    when it is closed or not a byte stream)."""
    return sys.stdin.buffer.read()


def text_name(name: str) -> str:
    """An input's name as valid text for outputs: bytes of the file name that are not UTF-8
    (which Python keeps as lone surrogates) are written ``\\xNN``."""
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate no file system gave: escape it as it is
        return name.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")
