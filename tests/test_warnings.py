"""The warning vocabulary: every code the parser can emit is documented once, with its
severity, and every documented code exists."""

from __future__ import annotations

from pathlib import Path

import regex

import aap_parser
from aap_parser import ParseWarning, WarningCode, parse_text
from aap_parser.grid import SEVERITY

ROOT = Path(__file__).parent.parent
DOC_ROW = regex.compile(r"^\| `([a-z-]+)` \| (info|warning|error) \|", regex.MULTILINE)


def _documented() -> dict[str, str]:
    text = (ROOT / "docs" / "warnings.md").read_text("utf-8")
    rows = DOC_ROW.findall(text)
    codes = [code for code, _ in rows]
    assert len(codes) == len(set(codes)), "a code is documented twice"
    return dict(rows)


def test_every_code_is_documented_with_its_severity_and_nothing_else() -> None:
    assert _documented() == {str(code): severity for code, severity in SEVERITY.items()}
    assert set(SEVERITY) == set(WarningCode)


def test_every_code_is_emitted_somewhere() -> None:
    """A code in the vocabulary that no stage emits would be documentation of nothing."""
    package = Path(aap_parser.__file__).parent
    sources = "\n".join(
        path.read_text("utf-8") for path in package.rglob("*.py") if path.name != "grid.py"
    )
    unused = [code.name for code in WarningCode if f"WarningCode.{code.name}" not in sources]
    assert unused == []


def test_records_md_links_the_warning_list() -> None:
    assert "(warnings.md)" in (ROOT / "docs" / "records.md").read_text("utf-8")


def test_warnings_in_the_output_are_the_stage_type() -> None:
    text = (
        "Région\tCollectivité chef de file\tPartenaire\tProjet\n"
        "Bretange\tRennes\tSfax (Tunisie)\tEau\n"
    )
    announcement = parse_text(text)
    assert announcement.warnings == [ParseWarning(
        "region-approximate", "warning",
        "region 'Bretange' read as 'Bretagne' (53) by approximate match",
        laureate=1, line=2,
    )]
    assert announcement.model_dump(mode="json")["warnings"][0]["laureate"] == 1
