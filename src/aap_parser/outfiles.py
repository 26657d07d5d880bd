"""Output files written safely: a temporary file beside the target, renamed over it on
success, names that fit the file system, and write failures that name their path.

Shared by the command line, the run report and the review pages (the edges that write).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from aap_parser.export import WRITERS, OutputFormat
from aap_parser.inputs import STDIN

TEMP_PREFIX = ".aap-parse-"
"""Temporary output files are named this plus a few random letters: short, whatever the
output's own name (a long name plus a suffix could pass the file system's limit)."""

NAME_MAX = 255
"""The longest file name, in bytes, that usual file systems accept."""


class OutputError(Exception):
    """An output could not be written (read-only folder, full disk): names the path and the
    system's reason."""

    def __init__(self, target: str | Path, error: OSError) -> None:
        super().__init__(f"{target}: cannot write: {error.strerror or error}")


def json_names(paths: Sequence[str], suffix: str = ".json") -> list[str]:
    """Name each input's output file after it (``x.pdf`` -> ``x.json``), unique in order."""
    used: set[str] = set()
    names = []
    for path in paths:
        stem = "stdin" if path == STDIN else Path(path).stem
        name, n = _fit(stem, suffix), 1
        while name.lower() in used:
            n += 1
            name = _fit(stem, f"-{n}{suffix}")
        used.add(name.lower())
        names.append(name)
    return names


def _fit(stem: str, ending: str) -> str:
    """``stem + ending``, the stem shortened if the name would pass ``NAME_MAX`` bytes."""
    while stem and len(os.fsencode(stem + ending)) > NAME_MAX:
        stem = stem[:-1]
    return stem + ending


@contextlib.contextmanager
def atomic_output(path: Path, output_format: OutputFormat = WRITERS["json"]) -> Iterator[IO[Any]]:
    """Open a temp file beside ``path`` for writing; replace ``path`` with it on success.

    The stream is binary or UTF-8 text as ``output_format`` says. Readers never see a
    half-written output; on error the temp file is removed and an existing ``path`` is left
    as it was.
    """
    with writing(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".tmp", dir=path.parent)
    try:
        with writing(path):
            with _open_stream(handle, output_format) as stream:
                yield stream
            os.chmod(temp, 0o666 & ~_umask())
            os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


@contextlib.contextmanager
def writing(target: str | Path) -> Iterator[None]:
    """Report a system error while writing ``target`` as an ``OutputError`` naming it (a
    closed pipe stays a ``BrokenPipeError``: the reader left, nothing is wrong)."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as error:
        raise OutputError(target, error) from None


def _open_stream(handle: int, output_format: OutputFormat) -> IO[Any]:
    """Open a file descriptor as the stream ``output_format`` writes (bytes or UTF-8 text)."""
    if output_format.binary:
        return os.fdopen(handle, "wb")
    return os.fdopen(handle, "w", encoding="utf-8", newline=output_format.newline)


def _umask() -> int:
    """Return the process umask (mkstemp creates 0600 files; outputs get the usual mode)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
