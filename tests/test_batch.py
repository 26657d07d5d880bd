"""Batch parsing: order, isolation of bad files, timeouts and crashes, pool = sequential."""

from __future__ import annotations

import io
import os
import pickle
import subprocess
import sys
import time
from pathlib import Path

import pytest

from aap_parser.batch import BatchResult, expand_inputs, parse_many
from aap_parser.errors import InputError, NoTableError, TooLargeError
from aap_parser.models import Announcement, Laureate, Source
from tests.conftest import SEED


def fake_parse(
    source: str | bytes, /, *, password: str | None, strict: bool, max_pages: int | None
) -> Announcement:
    """Stand-in parser driven by the input's content (module level: the pool pickles it)."""
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    command = data.decode().strip()
    if command == "sleep":
        time.sleep(60)
    elif command == "fail":
        raise NoTableError("no laureates table", line=3)
    elif command == "bug":
        raise ValueError("boom")
    elif command == "crash":
        os._exit(3)
    path = None if isinstance(source, bytes) else source
    title = f"{command} pw={password} strict={strict} max={max_pages}"
    return Announcement(
        source=Source(path=path, format="text"), laureates=[Laureate(index=0, title=title)]
    )


def make_inputs(folder: Path, *commands: str) -> list[str]:
    """Write one small file per command and return their paths, in order."""
    paths = []
    for i, command in enumerate(commands):
        path = folder / f"{i:02d}-{command}.txt"
        path.write_text(command)
        paths.append(str(path))
    return paths


def titles(results: list[BatchResult]) -> list[str | None]:
    """Return each result's first laureate title, or its error text."""
    return [
        r.announcement.laureates[0].title if r.announcement else f"error: {r.error}"
        for r in results
    ]


def test_sequential_results_keep_order_and_isolate_failures(tmp_path: Path) -> None:
    paths = make_inputs(tmp_path, "a", "fail", "bug", "b")
    missing = str(tmp_path / "missing.txt")
    results = list(
        parse_many([*paths, missing], jobs=1, parser=fake_parse, password="pw", max_pages=7)
    )

    assert [r.path for r in results] == [*paths, missing]
    assert [r.ok for r in results] == [True, False, False, True, False]
    assert titles(results)[0] == "a pw=pw strict=False max=7"
    assert isinstance(results[1].error, NoTableError)
    assert str(results[1].error) == f"{paths[1]}: line 3: no laureates table"
    assert results[1].error.source == paths[1]
    assert str(results[2].error) == f"{paths[2]}: internal error: ValueError: boom"
    # The stand-in parser raises a plain FileNotFoundError: reported as an internal error.
    assert "FileNotFoundError" in str(results[4].error)
    for result in results:
        assert (result.announcement is None) != (result.error is None)
        assert "\n" not in str(result.error or "")


def test_pool_gives_the_same_results_as_sequential(tmp_path: Path) -> None:
    paths = make_inputs(tmp_path, "a", "fail", "b")
    sequential = list(parse_many(paths, jobs=1, parser=fake_parse, strict=True))
    pooled = list(parse_many(paths, jobs=2, parser=fake_parse, strict=True))

    assert titles(pooled) == titles(sequential)
    assert titles(pooled)[2] == "b pw=None strict=True max=None"
    assert [r.path for r in pooled] == paths
    assert [type(r.error) for r in pooled] == [type(None), NoTableError, type(None)]
    assert pooled[1].error is not None
    assert pooled[1].error.line == 3


def test_pool_kills_a_file_over_the_time_limit_and_goes_on(tmp_path: Path) -> None:
    paths = make_inputs(tmp_path, "sleep", "a", "b", "c")
    began = time.monotonic()
    results = list(parse_many(paths, jobs=2, timeout=1.5, parser=fake_parse))
    elapsed = time.monotonic() - began

    assert isinstance(results[0].error, TooLargeError)
    assert "1.5 s time limit" in str(results[0].error)
    assert [r.ok for r in results] == [False, True, True, True]
    assert titles(results)[1:] == [f"{c} pw=None strict=False max=None" for c in "abc"]
    assert elapsed < 20


def test_single_file_timeout_is_enforced_in_process(tmp_path: Path) -> None:
    (path,) = make_inputs(tmp_path, "sleep")
    began = time.monotonic()
    (result,) = parse_many([path], jobs=1, timeout=0.3, parser=fake_parse)

    assert isinstance(result.error, TooLargeError)
    assert time.monotonic() - began < 5


def test_a_crashing_worker_is_charged_to_its_file_only(tmp_path: Path) -> None:
    paths = make_inputs(tmp_path, "a", "crash", "b")
    results = list(parse_many(paths, jobs=2, timeout=30, parser=fake_parse))

    assert [r.ok for r in results] == [True, False, True]
    assert isinstance(results[1].error, InputError)
    assert "worker process" in str(results[1].error)


def test_stdin_is_read_once_as_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b"from-stdin"))
    monkeypatch.setattr(sys, "stdin", stdin)
    results = list(parse_many(["-", "-"], jobs=1, parser=fake_parse))

    assert titles(results) == ["from-stdin pw=None strict=False max=None"] * 2
    assert [r.path for r in results] == ["-", "-"]


def test_errors_survive_the_trip_from_a_worker() -> None:
    error = NoTableError("no table", page=2, line=9).with_source("x.pdf")
    copy = pickle.loads(pickle.dumps(error))

    assert type(copy) is NoTableError
    assert (copy.source, copy.page, copy.line, str(copy)) == ("x.pdf", 2, 9, str(error))


def test_expand_inputs_searches_folders_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ("b/z.PDF", "b/a.md", "a.txt", "notes.docx", ".hidden/x.pdf", "c.pdf"):
        (tmp_path / name).write_text("x")
    lone = tmp_path / "lone.json"

    expanded = expand_inputs([tmp_path, "-", lone])

    names = [str(Path(p).relative_to(tmp_path)) for p in expanded[:4]]
    assert names == ["a.txt", "b/a.md", "b/z.PDF", "c.pdf"]
    assert expanded[4:] == ["-", str(lone)]


def test_pool_falls_back_to_this_process_when_workers_cannot_start(tmp_path: Path) -> None:
    # A script read from stdin has no file for spawn to re-import: the workers die at start.
    seed = SEED
    script = (
        "from aap_parser.batch import parse_many\n"
        f"results = list(parse_many([{str(seed)!r}] * 2 + ['missing.txt'], jobs=2, timeout=60))\n"
        "print([(r.ok, len(r.announcement.laureates) if r.announcement else 0) for r in results])\n"
    )
    done = subprocess.run(
        [sys.executable, "-"],
        input=script,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[(True, 16), (True, 16), (False, 0)]"
