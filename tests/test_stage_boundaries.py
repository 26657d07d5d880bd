"""Stage boundaries: the source stage reads bytes into the raw document and knows nothing of
the later stages (column roles, records, enrichment, the header, the models, export); the
layout stage reaches no records or export module; the value readers (amounts, countries,
calls) sit below every stage."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import aap_parser

PACKAGE = Path(aap_parser.__file__).parent
SOURCE_FILES = sorted((PACKAGE / "sources").rglob("*.py"))

# What a source reader may use of the package besides the source stage itself.
ALLOWED = (
    "aap_parser.sources", "aap_parser.grid", "aap_parser.errors", "aap_parser.wording",
    "aap_parser.collector",
)


def _imported(source: str, package: str) -> set[str]:
    """Every module of the package that ``source`` imports, at any depth (imports inside
    functions too), relative imports resolved against ``package``."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            # ``from aap_parser import grid`` imports the module named after the dot.
            names = [f"{base}.{alias.name}" for alias in node.names]
            found.update(names if base in ("aap_parser", "aap_parser.sources") else [base])
    return {name for name in found if name == "aap_parser" or name.startswith("aap_parser.")}


def _package_of(path: Path) -> str:
    return ".".join(path.relative_to(PACKAGE.parent).parts[:-1])


def _outside(names: set[str]) -> list[str]:
    return sorted(
        name
        for name in names
        if not any(name == ok or name.startswith(ok + ".") for ok in ALLOWED)
    )


@pytest.mark.parametrize("path", SOURCE_FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_source_modules_import_no_later_stage(path: Path) -> None:
    names = _imported(path.read_text(encoding="utf-8"), _package_of(path))
    assert not _outside(names), f"{path.relative_to(PACKAGE)} imports {_outside(names)}"


@pytest.mark.parametrize(
    "line",
    [
        "from aap_parser.layout.roles import header_role",
        "import aap_parser.records.partners",
        "from aap_parser import models",
        "from ...header import read_header",
        "from ... import enrich",
        "from aap_parser.layout import lay_out",
    ],
)
def test_the_check_finds_an_import_of_a_later_stage(line: str) -> None:
    source = f"def read() -> None:\n    {line}\n"
    assert _outside(_imported(source, "aap_parser.sources.pdf"))


def test_the_check_allows_the_raw_document_and_the_stage_itself() -> None:
    source = (
        "from aap_parser.grid import TextLine\nfrom .ink import Glyph\n"
        "from ..text import split_lines\nfrom aap_parser.errors import InputError\n"
        "from aap_parser import grid\n"
    )
    assert not _outside(_imported(source, "aap_parser.sources.pdf"))


def test_every_source_module_is_checked() -> None:
    assert {p.parent.name for p in SOURCE_FILES} >= {"sources", "pdf", "layout_text", "backends"}


VALUE_FILES = sorted((PACKAGE / "values").rglob("*.py"))
LAYOUT_FILES = sorted((PACKAGE / "layout").rglob("*.py"))
VALUES_ALLOWED = (
    "aap_parser.values", "aap_parser.grid", "aap_parser.wording", "aap_parser.prebuilt"
)
LAYOUT_FORBIDDEN = ("aap_parser.records", "aap_parser.build", "aap_parser.export")


@pytest.mark.parametrize("path", VALUE_FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_value_readers_import_no_stage(path: Path) -> None:
    """Amounts, countries and calls are read by several stages: they sit below all of them."""
    names = _imported(path.read_text(encoding="utf-8"), _package_of(path))
    outside = sorted(
        name for name in names
        if not any(name == ok or name.startswith(ok + ".") for ok in VALUES_ALLOWED)
    )
    assert not outside, f"{path.relative_to(PACKAGE)} imports {outside}"


@pytest.mark.parametrize("path", LAYOUT_FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_layout_modules_import_no_later_stage(path: Path) -> None:
    names = _imported(path.read_text(encoding="utf-8"), _package_of(path))
    later = sorted(
        name for name in names
        if any(name == no or name.startswith(no + ".") for no in LAYOUT_FORBIDDEN)
    )
    assert not later, f"{path.relative_to(PACKAGE)} imports {later}"
