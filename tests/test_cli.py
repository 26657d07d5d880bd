"""The aap-parse command on real inputs: outputs, errors, batches, safety of writes."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner, Result

from aap_parser import cli, parse
from aap_parser.models import Announcement
from tests.conftest import SAMPLES, SEED

SCHEMA = Announcement.model_json_schema(mode="serialization")
NOT_AN_ANNOUNCEMENT = "Compte rendu de réunion\n\nAucun tableau ici, seulement du texte.\n"


def run(*args: str, stdin: bytes | None = None) -> Result:
    """Run aap-parse in-process with separate stdout and stderr."""
    return CliRunner().invoke(cli.main, list(args), input=stdin, catch_exceptions=False)


def error_lines(result: Result) -> list[str]:
    """Return the stderr lines that report errors."""
    return [line for line in result.stderr.splitlines() if line.startswith("aap-parse: error:")]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder holding the seed as announcement.txt, and a file that is not one."""
    shutil.copy(SEED, tmp_path / "announcement.txt")
    (tmp_path / "notes.txt").write_text(NOT_AN_ANNOUNCEMENT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(scope="module")
def seed_announcement() -> Announcement:
    """The seed parsed by the library, to compare the CLI's output with."""
    return parse(SEED)


def test_single_file_prints_the_announcement_as_json(
    folder: Path, seed_announcement: Announcement
) -> None:
    result = run("announcement.txt")

    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    expected = seed_announcement.model_dump(mode="json")
    expected["source"]["path"] = "announcement.txt"
    assert document == expected
    assert len(document["laureates"]) == 16
    jsonschema.validate(document, SCHEMA)
    assert "Auvergne-Rhône-Alpes" in result.stdout  # ensure_ascii off


def test_output_file_is_written_atomically_and_never_clobbered(folder: Path) -> None:
    first = run("announcement.txt", "-o", "out.json")
    assert first.exit_code == 0, first.stderr
    written = (folder / "out.json").read_text(encoding="utf-8")
    jsonschema.validate(json.loads(written), SCHEMA)
    assert written.endswith("}\n")
    mode = stat.S_IMODE((folder / "out.json").stat().st_mode)
    assert mode & 0o044  # readable by others as any new file, not mkstemp's 0600

    (folder / "out.json").write_text("keep me")
    again = run("announcement.txt", "-o", "out.json")
    assert again.exit_code == 1
    assert error_lines(again) == ["aap-parse: error: out.json: exists; use --force to overwrite"]
    assert (folder / "out.json").read_text() == "keep me"

    forced = run("announcement.txt", "-o", "out.json", "--force")
    assert forced.exit_code == 0
    assert (folder / "out.json").read_text(encoding="utf-8") == written
    assert sorted(p.name for p in folder.iterdir()) == ["announcement.txt", "notes.txt", "out.json"]


def test_an_input_is_never_overwritten_even_with_force(folder: Path) -> None:
    before = (folder / "announcement.txt").read_bytes()
    result = run("announcement.txt", "-o", "announcement.txt", "--format", "json", "--force")

    assert result.exit_code == 1
    assert "is one of the inputs" in result.stderr
    assert (folder / "announcement.txt").read_bytes() == before


def test_stdin_is_read_as_bytes(folder: Path, seed_announcement: Announcement) -> None:
    result = run("-", stdin=SEED.read_bytes())

    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["source"]["path"] is None
    assert document["laureates"] == seed_announcement.model_dump(mode="json")["laureates"]


def test_bad_input_is_one_error_line_and_exit_1(folder: Path) -> None:
    result = run("notes.txt")

    assert result.exit_code == 1
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("aap-parse: error: notes.txt: ")
    assert "Traceback" not in result.stderr

    missing = run("missing.pdf")
    assert missing.exit_code == 1
    assert missing.stderr.startswith("aap-parse: error: missing.pdf: ")


def test_batch_to_folder_isolates_failures_and_summarises(
    folder: Path, seed_announcement: Announcement
) -> None:
    sub = folder / "more"
    sub.mkdir()
    shutil.copy(SEED, sub / "announcement.md")
    result = run("announcement.txt", "notes.txt", "more", "-o", "out/", "--jobs", "1")

    assert result.exit_code == 1
    assert [line.split(":")[2].strip() for line in error_lines(result)] == ["notes.txt"]
    assert sorted(p.name for p in (folder / "out").iterdir()) == [
        "announcement-2.json",
        "announcement.json",
    ]
    for path in (folder / "out").iterdir():
        jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), SCHEMA)
    # The copy in more/ repeats announcement.txt: flagged, written all the same.
    warnings = 2 * len(seed_announcement.warnings) + 1
    assert result.stderr.splitlines()[-1] == (
        f"aap-parse: 3 files, 32 laureates, {warnings} warnings (0 error, {warnings} warning, "
        "0 info), 1 failures, 1 duplicates"
    )
    warning_lines = [x for x in result.stderr.splitlines() if x.startswith("aap-parse: warning:")]
    assert len(warning_lines) == warnings
    assert warning_lines[-1] == (
        f"aap-parse: warning: {Path('more', 'announcement.md')}: repeats announcement.txt: the "
        "same call and laureates [duplicate-announcement, warning]"
    )
    assert all(line.endswith(", warning]") for line in warning_lines)


def test_empty_folder_is_reported(folder: Path) -> None:
    (folder / "empty").mkdir()
    result = run("empty", "announcement.txt", "-o", "all.jsonl")

    assert result.exit_code == 1
    assert error_lines(result) == [
        "aap-parse: error: empty: no .pdf, .txt or .md file in this folder"
    ]
    assert len((folder / "all.jsonl").read_text(encoding="utf-8").splitlines()) == 16


def jsonl(path: Path) -> list[dict[str, Any]]:
    """Read a JSON Lines file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_jsonl_and_csv_outputs(folder: Path, seed_announcement: Announcement) -> None:
    assert run("announcement.txt", "announcement.txt", "-o", "all.jsonl").exit_code == 0
    records = jsonl(folder / "all.jsonl")
    assert len(records) == 32
    assert records[0]["source_path"] == "announcement.txt"
    assert records[0]["title"] == seed_announcement.laureates[0].title

    assert run("announcement.txt", "-o", "all.csv").exit_code == 0
    with (folder / "all.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [row["region"] for row in rows] == [x.region for x in seed_announcement.laureates]
    assert rows[4]["partners"] == "; ".join(p.name for p in seed_announcement.laureates[4].partners)

    assert run("announcement.txt", "-o", "long.jsonl", "--explode", "partners").exit_code == 0
    long = jsonl(folder / "long.jsonl")
    assert len(long) == sum(max(1, len(x.partners)) for x in seed_announcement.laureates)
    assert len(long) > 16


def test_format_option_overrides_and_writes_to_stdout(folder: Path) -> None:
    result = run("announcement.txt", "--format", "csv")

    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    assert len(rows) == 16

    several = run("announcement.txt", "announcement.txt")
    assert several.exit_code == 0
    assert len(several.stdout.splitlines()) == 32  # JSON Lines by default for several


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "no INPUT"),
        (("a.txt", "b.txt", "-o", "x.json"), "several inputs"),
        (("a.txt", "-o", "x.out"), "cannot tell the format"),
        (("a.txt", "--explode", "partners"), "--explode needs"),
        (("a.txt", "-o", "dir/", "--format", "csv"), "one JSON per input"),
        (("a.txt", "--jobs", "0"), "--jobs"),
    ],
)
def test_usage_errors_exit_2(folder: Path, args: tuple[str, ...], message: str) -> None:
    result = run(*args)

    assert result.exit_code == 2
    assert message in result.stderr
    assert not (folder / "dir").exists()


def test_json_schema_option(folder: Path) -> None:
    result = run("--json-schema")

    assert result.exit_code == 0
    assert json.loads(result.stdout) == SCHEMA


def test_show_prints_the_table_not_json(folder: Path, seed_announcement: Announcement) -> None:
    result = run("announcement.txt", "--show")

    assert result.exit_code == 0
    assert not result.stdout.lstrip().startswith("{")
    for laureate in seed_announcement.laureates:
        assert f"title:   {laureate.title}" in result.stdout
    assert "Auvergne-Rhône-Alpes" in result.stdout
    warnings = seed_announcement.warnings
    assert result.stdout.rstrip().endswith(f"16 laureates, {len(warnings)} warnings")
    assert result.stdout.count("\nwarning: ") == len(warnings)


def test_options_reach_the_batch(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    def fake_parse_many(paths: list[str], **options: Any) -> Iterator[Any]:
        seen.update(options, paths=paths)
        return iter([])

    monkeypatch.setattr(cli, "parse_many", fake_parse_many)
    args = ("announcement.txt", "--password", "pw", "--max-pages", "3", "--timeout", "0", "-j", "2")
    assert run(*args, "--strict", "--ocr", "never", "--ocr-lang", "fra+eng").exit_code == 0
    assert seen == {
        "paths": ["announcement.txt"],
        "strict": True,
        "password": "pw",
        "max_pages": 3,
        "timeout": None,
        "jobs": 2,
        "ocr": "never",
        "ocr_lang": "fra+eng",
    }
    run("announcement.txt")
    assert (seen["max_pages"], seen["timeout"], seen["jobs"], seen["strict"]) == (
        500,
        60,
        None,
        False,
    )


def test_an_unexpected_exception_is_one_line(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(paths: list[str], **options: Any) -> Iterator[Any]:
        raise RuntimeError("bug\nwith two lines")

    monkeypatch.setattr(cli, "parse_many", broken)
    result = run("announcement.txt")

    assert result.exit_code == 1
    assert result.stderr == "aap-parse: error: internal error: RuntimeError: bug with two lines\n"


def test_pool_output_is_identical_to_sequential(folder: Path) -> None:
    shutil.copy(SEED, folder / "second.txt")
    inputs = ("announcement.txt", "notes.txt", "second.txt")
    sequential = run(*inputs, "-o", "one.csv", "-j", "1", "-q")
    pooled = run(*inputs, "-o", "two.csv", "-j", "2", "-q")

    assert sequential.exit_code == pooled.exit_code == 1
    assert sequential.stderr == pooled.stderr
    assert len(error_lines(pooled)) == 1
    assert (folder / "one.csv").read_bytes() == (folder / "two.csv").read_bytes()
    assert (folder / "one.csv").read_text(encoding="utf-8").count("\n") == 33


def test_real_pdf_gives_the_text_laureates(folder: Path, seed_announcement: Announcement) -> None:
    pdf = SAMPLES / "seed-000-r1.reportlab.pdf"
    result = run(str(pdf))

    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    jsonschema.validate(document, SCHEMA)
    assert document["source"]["format"] == "pdf"
    assert [x["title"] for x in document["laureates"]] == [
        x.title for x in seed_announcement.laureates
    ]


def console_script() -> str:
    """The installed aap-parse next to this interpreter."""
    script = Path(sys.executable).with_name("aap-parse")
    assert script.exists()
    return str(script)


def test_console_script_end_to_end(folder: Path) -> None:
    ok = subprocess.run(
        [console_script(), "-", "--format", "jsonl"],
        input=SEED.read_bytes(),
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    assert len(ok.stdout.decode("utf-8").splitlines()) == 16

    bad = subprocess.run(
        [console_script(), "notes.txt", "missing.txt", "-o", "out/"],
        capture_output=True,
        timeout=60,
        check=False,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    stderr = bad.stderr.decode("utf-8").splitlines()
    assert bad.returncode == 1
    assert [line.split(":")[2].strip() for line in stderr[:2]] == ["notes.txt", "missing.txt"]
    assert stderr[-1] == (
        "aap-parse: 2 files, 0 laureates, 0 warnings (0 error, 0 warning, 0 info), 2 failures"
    )
    assert not (folder / "out").exists() or not any((folder / "out").iterdir())
