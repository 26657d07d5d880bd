"""Reliability under hostile files, faults and signals: every file has a hard bound in time
and memory, nothing is lost, nothing unsafe reaches the terminal.

The hostile files are in tests/fixtures/bad/ (``python -m tests.fixtures_gen.bad_inputs``).
Whatever could hang runs in a subprocess with a timeout, so a regression fails, not stalls.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from aap_parser import batch, cli, parse
from aap_parser.batch import parse_many
from aap_parser.errors import AapParseError, TooLargeError
from aap_parser.models import Announcement, Laureate, Source
from aap_parser.sources import is_pdf
from tests.conftest import BAD, SEED
from tests.fixtures_gen import bad_inputs as bad

AAP_PARSE = Path(sys.executable).with_name("aap-parse")
needs_script = pytest.mark.skipif(not AAP_PARSE.exists(), reason="aap-parse is not installed")


def aap_parse(
    *args: str, cwd: Path = BAD, stdin: bytes | None = None, limit: float = 60
) -> subprocess.CompletedProcess[bytes]:
    """Run the installed command; a hang fails the test after ``limit`` seconds instead of
    stalling the suite."""
    return subprocess.run(
        [str(AAP_PARSE), *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        timeout=limit,
        check=False,
    )


def run(*args: str) -> Result:
    """Run aap-parse in-process with separate stdout and stderr."""
    return CliRunner().invoke(cli.main, list(args), catch_exceptions=False)


def stubborn_parse(source: str | bytes, /, **options: object) -> Announcement:
    """A parser that swallows every interruption: only killing its process stops it."""
    while True:
        with contextlib.suppress(BaseException):  # the point: deaf to the timer
            time.sleep(60)


def greedy_parse(source: str | bytes, /, **options: object) -> Announcement:
    """A parser that asks for 4 GiB at once."""
    hoard = bytearray(4 * 2**30)
    raise AssertionError(f"allocated {len(hoard)} bytes past the limit")


def pid_parse(source: str | bytes, /, **options: object) -> Announcement:
    """A parser that names the process it ran in."""
    laureate = Laureate(index=1, title=str(os.getpid()))
    return Announcement(source=Source(path=None, format="text"), laureates=[laureate])


# --- 1. reference cycles, and a time limit that holds for one file ----------------------


@needs_script
@pytest.mark.parametrize("name", ["resources-cycle.pdf", "contents-cycle.pdf"])
def test_reference_cycle_ends_with_a_typed_error(name: str) -> None:
    from_stdin = aap_parse("-", stdin=(BAD / name).read_bytes())
    for done in (aap_parse(name, "--timeout", "20"), from_stdin):
        lines = done.stderr.decode().splitlines()
        assert done.returncode == 1
        assert lines[-1].startswith("aap-parse: error: ")
        assert "time limit" not in lines[-1]
        assert "Traceback" not in done.stderr.decode()


def test_reference_cycle_is_read_as_null_with_a_note() -> None:
    (result,) = parse_many([str(BAD / "resources-cycle.pdf")], timeout=30)

    assert isinstance(result.error, AapParseError)
    assert "PDF object 6 refers back to itself: read as null" in result.notes


def test_one_file_past_the_time_limit_is_stopped_even_deaf_to_the_timer(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("x")
    began = time.monotonic()
    (result,) = parse_many([str(path)], timeout=0.5, parser=stubborn_parse)

    assert isinstance(result.error, TooLargeError)
    assert "0.5 s time limit" in str(result.error)
    assert time.monotonic() - began < 30


# --- 2. a memory limit per worker, and no more workers than CPUs ------------------------


def test_one_file_over_the_memory_limit_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("x")
    (result,) = parse_many([str(path)], max_memory=256 * 2**20, parser=greedy_parse)

    assert isinstance(result.error, TooLargeError)
    assert "256 MiB memory limit" in str(result.error)


def test_one_job_parses_in_this_process_with_the_limits_set(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("x")
    (result,) = parse_many([str(path)], jobs=1, timeout=60, max_memory=2**30, parser=pid_parse)

    assert result.announcement is not None
    assert result.announcement.laureates[0].title == str(os.getpid())


@pytest.mark.skipif(not hasattr(resource, "RLIMIT_DATA"), reason="no data-segment limit here")
def test_one_job_bounds_this_process_memory_then_restores_its_limit(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("x")
    before = resource.getrlimit(resource.RLIMIT_DATA)
    (result,) = parse_many([str(path)], jobs=1, max_memory=256 * 2**20, parser=greedy_parse)

    assert isinstance(result.error, TooLargeError)
    assert "256 MiB memory limit" in str(result.error)
    assert resource.getrlimit(resource.RLIMIT_DATA) == before


def test_nested_forms_are_refused_before_any_page_is_read() -> None:
    began = time.monotonic()
    with pytest.raises(TooLargeError, match="draws forms more than 100,000 times"):
        parse(BAD / "nested-forms.pdf")
    assert time.monotonic() - began < 30


def test_jobs_are_capped_at_the_cpu_count(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "cpu_count", lambda: 1)
    paths = []
    for name in "abc":
        (tmp_path / name).write_text(name)
        paths.append(str(tmp_path / name))
    results = list(parse_many(paths, jobs=8, timeout=60, parser=pid_parse))

    pids = {r.announcement.laureates[0].title for r in results if r.announcement}
    assert len(pids) == 1
    assert pids != {str(os.getpid())}


def test_memory_sizes_are_read_with_binary_units() -> None:
    assert [cli.memory_size(t) for t in ("0", "512M", "1GiB", "1.5g", "2048")] == [
        0,
        512 * 2**20,
        2**30,
        3 * 2**29,
        2048,
    ]
    assert run(str(SEED), "--max-memory", "lots").exit_code == 2


# --- 3. UTF-8 with one invalid byte -----------------------------------------------------


def test_one_bad_byte_keeps_a_utf8_file_utf8() -> None:
    announcement = parse(BAD / "utf8-bad-byte.txt")
    seed = parse(SEED)

    assert [lau.region for lau in announcement.laureates] == [lau.region for lau in seed.laureates]
    assert [lau.title for lau in announcement.laureates] == [lau.title for lau in seed.laureates]
    (bad,) = [w for w in announcement.warnings if w.code == "undecodable-bytes"]
    assert (bad.line, bad.message) == (14, "invalid UTF-8 byte 0xFF replaced by U+FFFD")
    assert announcement.laureates[0].partners[0].name == "Cercle de \ufffdNiafunké"


# --- 4. file names: bytes that are not UTF-8, names near the length limit ---------------


def test_a_file_name_that_is_not_utf8_is_escaped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    os.mkdir(b"in")
    shutil.copy(SEED, b"in/caf\xe9.txt")
    Path("in/notes.txt").write_text("pas une annonce\n", encoding="utf-8")
    os.rename(b"in/notes.txt", b"in/\xff\x1b[2J.txt")
    result = run("in", "-o", "all.jsonl", "-q")

    rows = [json.loads(line) for line in Path("all.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 16
    assert rows[0]["source_path"] == "in/caf\\xe9.txt"
    assert result.stderr.startswith("aap-parse: error: in/\\377\\033[2J.txt: ")
    assert "\x1b" not in result.stderr


def test_a_long_file_name_does_not_stop_a_folder_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("in").mkdir()
    long_name = "l" * 250 + ".txt"
    for name in (long_name, "m" * 252 + ".md", "short.txt"):
        shutil.copy(SEED, Path("in") / name)
    result = run("in", "-o", "out/", "-q")

    assert result.exit_code == 0, result.stderr
    written = sorted(p.name for p in Path("out").iterdir())
    assert written == ["l" * 250 + ".json", "m" * 250 + ".json", "short.json"]


# --- 5. SIGTERM is handled like Ctrl-C -------------------------------------------------


def _children(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` (Linux /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


@needs_script
@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_sigterm_stops_the_workers_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    slow = bad.nested_forms_pdf(depth=4, fan_out=17)  # under the form limit, long to read
    for n in range(3):
        (tmp_path / f"forms-{n}.pdf").write_bytes(slow)
    command = [str(AAP_PARSE), "-j", "2", "--backend", "pdfminer", "-o", "all.csv", "-q", "."]
    process = subprocess.Popen(command, cwd=tmp_path, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while len(_children(process.pid)) < 2 and time.monotonic() < deadline:  # the 2 workers
        time.sleep(0.2)
    time.sleep(1.0)
    children = _children(process.pid)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)

    assert process.returncode == 143
    assert stderr.decode().splitlines()[-1] == "aap-parse: error: terminated"
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".tmp") == []
    time.sleep(1.0)
    alive = [pid for pid in children if Path(f"/proc/{pid}").exists() and "Z" not in _state(pid)]
    assert alive == []


def _state(pid: int) -> str:
    """A process's state letter (``Z`` for a zombie waiting to be reaped)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"


# --- 6. nothing unsafe printed; the PDF library's warnings under our prefix -------------


def test_control_characters_from_a_document_are_quoted(tmp_path: Path) -> None:
    result = run(str(BAD / "control-characters.txt"), "--show")

    assert result.exit_code == 0
    assert "\x1b" not in result.stdout
    assert "\x07" not in result.stdout
    assert "\\033]0;pwned\\aDéveloppement des services" in result.stdout
    assert "partner: \\033[2JCercle de Niafunké" in result.stdout


def test_pdfminer_warnings_come_under_our_prefix_and_go_with_quiet() -> None:
    pdfminer = logging.getLogger("pdfminer")
    level = pdfminer.level
    pdfminer.setLevel(logging.WARNING)  # other tests quieten it
    try:
        _check_pdfminer_warnings()
    finally:
        pdfminer.setLevel(level)


def _check_pdfminer_warnings() -> None:
    """pdfminer's warnings come as ``aap-parse: warning: FILE: pdfminer: ...``, not with -q."""
    loud = run(str(BAD / "pdfminer-warnings.pdf"), "--backend", "pdfminer")
    quiet = run(str(BAD / "pdfminer-warnings.pdf"), "--backend", "pdfminer", "-q")
    name = str(BAD / "pdfminer-warnings.pdf")

    notes = [line for line in loud.stderr.splitlines() if "pdfminer" in line]
    assert notes[0] == (
        f"aap-parse: warning: {name}: pdfminer: Cannot set gray level because /'P0' is an "
        "invalid float value"
    )
    assert all(line.startswith("aap-parse: ") for line in loud.stderr.splitlines())
    errors = [line for line in loud.stderr.splitlines() if " error: " in line]
    assert quiet.stderr.splitlines() == errors


# --- 7. a PDF starts with its header; write failures name the path ----------------------


def test_a_text_mentioning_the_pdf_signature_is_read_as_text() -> None:
    assert len(parse(BAD / "mentions-pdf.txt").laureates) == 16
    starts = [b"%PDF-1.7\n", b"\r\n  %PDF-1.4", b"\xef\xbb\xbf%PDF-1.4", b"\x00\x00\x01%PDF-1.3"]
    assert all(is_pdf(data) for data in starts)
    mentions = [b"Une version PDF (voir %PDF-1.7)", "# Lauréats\n%PDF-1.4".encode()]
    assert not any(is_pdf(data) for data in mentions)


def test_a_write_failure_names_the_path_and_the_reason(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    target = tmp_path / "file" / "all.csv"
    result = run(str(SEED), "-o", str(target))

    assert result.exit_code == 1
    assert result.stderr.startswith(f"aap-parse: error: {target}: cannot write: ")
    assert "internal error" not in result.stderr
