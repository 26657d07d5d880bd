"""What users import from ``aap_parser``: the entry points, every error class and the
warning type, and errors whose text names the file and the place."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import aap_parser
from aap_parser import AapParseError, InputError, NoTableError, parse
from aap_parser import errors as errors_module


def test_every_error_class_is_importable_from_the_package() -> None:
    classes = {
        name for name, value in vars(errors_module).items()
        if isinstance(value, type) and issubclass(value, AapParseError)
    }
    assert classes <= set(aap_parser.__all__)
    assert all(getattr(aap_parser, name) is getattr(errors_module, name) for name in classes)
    assert "ParseWarning" in aap_parser.__all__


def test_error_text_names_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.pdf"
    with pytest.raises(InputError) as caught:
        parse(missing)
    assert str(caught.value) == f"{missing}: no such file"


def test_error_text_names_the_file_and_the_place(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Rien ici.\nPas de tableau.\n", encoding="utf-8")
    with pytest.raises(NoTableError) as caught:
        parse(path)
    assert str(caught.value).startswith(f"{path}: no laureates table")
    error = NoTableError("no table", page=2, line=9).with_source("x.pdf")
    assert str(error) == "x.pdf: page 2, line 9: no table"


def test_package_names_load_their_modules_on_first_use() -> None:
    code = (
        "import sys, aap_parser\n"
        "print('aap_parser.models' in sys.modules, 'pydantic' in sys.modules)\n"
        "from aap_parser import Announcement, WarningCode\n"
        "print(Announcement.__module__, WarningCode.__module__)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["False", "False", "aap_parser.models", "aap_parser.grid"]


def test_module_runs_the_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "aap_parser", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("aap-parse, version ")
