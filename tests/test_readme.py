"""The README stays true: its set-up command names a shipped sample, and its Python example
prints what its comments say."""

from __future__ import annotations

import contextlib
import io
import re
import shlex

import pytest

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _blocks(language: str) -> list[str]:
    return [body for lang, body in BLOCK.findall(README) if lang == language]


def test_first_command_runs_aap_parse_on_a_shipped_sample() -> None:
    first = _blocks("sh")[0]
    words = shlex.split(first.replace("&&", " "))
    sample = words[words.index(".venv/bin/aap-parse") + 1]
    assert (ROOT / sample).is_file()


def test_second_command_runs_the_tests() -> None:
    assert "pytest" in _blocks("sh")[1]


def test_python_example_prints_its_comments(monkeypatch: pytest.MonkeyPatch) -> None:
    (example,) = _blocks("python")
    monkeypatch.chdir(ROOT)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(example, "README.md", "exec"), {"__name__": "readme"})
    expected = [line.split("# ", 1)[1].strip() for line in example.splitlines() if "print(" in line]
    assert out.getvalue().splitlines() == expected
