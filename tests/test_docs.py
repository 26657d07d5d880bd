"""The docs stay true: usage.md's examples run, cli.md documents every option."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from aap_parser import cli
from tests.conftest import ROOT, SEED

DOCS = ROOT / "docs"
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def blocks(name: str, language: str) -> list[str]:
    """Return the fenced code blocks of one language in a docs page, in order."""
    text = (DOCS / name).read_text(encoding="utf-8")
    return [body for lang, body in BLOCK.findall(text) if lang == language]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder the usage examples expect: announcement.txt and announcements/."""
    shutil.copy(SEED, tmp_path / "announcement.txt")
    (tmp_path / "announcements").mkdir()
    shutil.copy(SEED, tmp_path / "announcements" / "2020.txt")
    shutil.copy(SEED, tmp_path / "announcements" / "2020-copy.md")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_usage_python_examples_run(workdir: Path) -> None:
    examples = blocks("usage.md", "python")
    assert len(examples) >= 4
    namespace: dict[str, object] = {"__name__": "usage_example"}
    for example in examples:
        exec(compile(example, "docs/usage.md", "exec"), namespace)


def test_usage_command_examples_run(workdir: Path) -> None:
    commands = [
        line.removeprefix("$ ")
        for block in blocks("usage.md", "console")
        for line in block.splitlines()
        if line.startswith("$ ")
    ]
    assert len(commands) >= 4
    for command in commands:
        argv = shlex.split(command)
        assert argv[0] == "aap-parse"
        result = CliRunner().invoke(cli.main, argv[1:], catch_exceptions=False)
        assert result.exit_code == 0, f"{command}: {result.stderr}"
    assert len((workdir / "laureates.csv").read_text(encoding="utf-8").splitlines()) > 16
    assert sorted(p.name for p in (workdir / "json").iterdir()) == ["2020-copy.json", "2020.json"]


def test_every_option_is_documented() -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    options = [opt for param in cli.main.params for opt in param.opts if opt.startswith("-")]
    assert "--output" in options
    missing = [opt for opt in options if f"`{opt}" not in text]
    assert missing == []


def test_usage_links_to_the_cli_page() -> None:
    assert "(cli.md)" in (DOCS / "usage.md").read_text(encoding="utf-8")


def test_usage_multi_year_workflow_runs(workdir: Path) -> None:
    """The multi-year section end to end: its commands, then its pandas snippet (``py``
    blocks) over the files they wrote, with the data packages valid."""
    import frictionless  # a test dependency: validates the data packages
    text = (DOCS / "usage.md").read_text(encoding="utf-8")
    section = text[text.index("## A multi-year dataset"):]
    found = BLOCK.findall(section)
    commands = [line.removeprefix("$ ") for lang, body in found if lang == "console"
                for line in body.splitlines() if line.startswith("$ ")]
    assert len(commands) >= 3
    for command in commands:
        result = CliRunner().invoke(cli.main, shlex.split(command)[1:], catch_exceptions=False)
        assert result.exit_code == 0, f"{command}: {result.stderr}"
    for name in ("projects", "partners"):
        report = frictionless.validate(str(workdir / f"{name}.datapackage.json"))
        assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])
    snippets = [body for lang, body in found if lang == "py"]
    assert snippets
    namespace: dict[str, object] = {"__name__": "usage_example"}
    for snippet in snippets:
        exec(compile(snippet, "docs/usage.md", "exec"), namespace)
