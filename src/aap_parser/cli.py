"""The ``aap-parse`` command: announcements (PDF or text) to JSON, JSON Lines or CSV.

Errors are one line ``aap-parse: error: FILE: message`` on stderr (exit 1; 2 for usage
errors), never a traceback. Batches run in a process pool, one bad file never stops them.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TextIO

import click

from aap_parser import __version__
from aap_parser.batch import STDIN, BatchResult, expand_inputs, parse_many
from aap_parser.export import Explode, to_json, write_csv, write_jsonl
from aap_parser.models import Announcement

if TYPE_CHECKING:
    from aap_parser.visual.files import ReviewWriter

PROG = "aap-parse"
Format = Literal["json", "jsonl", "csv"]
SUFFIX_FORMATS: dict[str, Format] = {
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
}
"""Output format implied by the ``-o`` file's extension."""


class CliError(Exception):
    """A run-stopping problem reported as one ``aap-parse: error:`` line, exit 1."""


@dataclass
class Plan:
    """What to write where, decided from the options before any parsing."""

    format: Format
    output: Path | None
    directory: bool = False
    explode: Explode | None = None
    targets: list[Path] = field(default_factory=list)
    total: int = 0


@dataclass
class Tally:
    """Counts for the closing summary line."""

    files: int = 0
    laureates: int = 0
    warnings: int = 0
    failures: int = 0


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("inputs", nargs=-1, metavar="INPUT...")
@click.option(
    "-o",
    "--output",
    metavar="PATH",
    help="Output file (.json, .jsonl, .csv) or folder (ending in '/'): one JSON per input. "
    "Default: standard output.",
)
@click.option(
    "--format",
    "format_",
    type=click.Choice(["json", "jsonl", "csv"]),
    help="Output format; overrides the -o extension.",
)
@click.option(
    "--explode",
    type=click.Choice(["partners"]),
    help="JSON Lines/CSV: one row per laureate x partner (long format).",
)
@click.option("--force", is_flag=True, help="Overwrite existing output files.")
@click.option("--strict", is_flag=True, help="Turn parse warnings into errors.")
@click.option("--password", metavar="TEXT", help="Password of encrypted PDFs.")
@click.option(
    "--max-pages",
    type=click.IntRange(min=1),
    default=500,
    show_default=True,
    help="Refuse PDFs with more pages.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=60.0,
    show_default=True,
    metavar="SECONDS",
    help="Time limit per file; 0 for none.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="Files parsed in parallel (worker processes). Default: CPU count.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, warnings or summary.")
@click.option("--show", is_flag=True, help="Print the parsed tables in the terminal.")
@click.option(
    "--review",
    metavar="PATH",
    help="Also write a visual review: an HTML file, or a folder (ending in '/') with one "
    "page per input and an index.html.",
)
@click.option(
    "--json-schema",
    is_flag=True,
    help="Print the JSON Schema of the JSON output and exit.",
)
@click.version_option(__version__, prog_name=PROG)
def main(
    inputs: tuple[str, ...],
    output: str | None,
    format_: Format | None,
    explode: Explode | None,
    force: bool,
    strict: bool,
    password: str | None,
    max_pages: int,
    timeout: float,
    jobs: int | None,
    quiet: bool,
    show: bool,
    review: str | None,
    json_schema: bool,
) -> None:
    """Read announcements of decentralised-cooperation call laureates (PDF or text).

    INPUT is a file, a folder (searched for .pdf, .txt and .md files) or '-' for
    standard input.
    """
    if json_schema:
        schema = Announcement.model_json_schema(mode="serialization")
        click.echo(json.dumps(schema, indent=2, ensure_ascii=False))
        return
    if not inputs:
        raise click.UsageError("no INPUT given (a file, a folder or '-')")
    try:
        code = _run(
            inputs,
            output=output,
            format_=format_,
            explode=explode,
            force=force,
            options={
                "strict": strict,
                "password": password,
                "max_pages": max_pages,
                "timeout": timeout or None,
                "jobs": jobs,
            },
            quiet=quiet,
            show=show,
            review=review,
        )
    except click.UsageError:
        raise
    except CliError as error:
        _error(str(error))
        code = 1
    except KeyboardInterrupt:
        _error("interrupted")
        code = 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, as other tools do.
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        code = 1
    except Exception as error:
        # A bug: still one line, no traceback.
        _error(f"internal error: {type(error).__name__}: {' '.join(str(error).split())}")
        code = 1
    sys.exit(code)


def _run(
    inputs: Sequence[str],
    *,
    output: str | None,
    format_: Format | None,
    explode: Explode | None,
    force: bool,
    options: dict[str, Any],
    quiet: bool,
    show: bool,
    review: str | None = None,
) -> int:
    """Parse the inputs and write the outputs; return the exit code."""
    tally = Tally()
    paths: list[str] = []
    for item in inputs:
        found = expand_inputs([item])
        if not found:
            _error(f"{item}: no .pdf, .txt or .md file in this folder")
            tally.failures += 1
        paths.extend(found)
    several = len(inputs) > 1 or any(i != STDIN and Path(i).is_dir() for i in inputs)
    plan = _plan(output, format_, explode, several=several)
    if plan.directory:
        assert plan.output is not None
        plan.targets = [plan.output / name for name in json_names(paths)]
    _check_targets(plan, paths, force=force)
    plan.total = len(paths)
    reviews = _reviews(review, paths, several=several, force=force, password=options["password"])

    results = parse_many(paths, **options)
    if reviews is not None:
        results = reviews.tap(results, report=_error)
    if plan.format == "json":
        _write_json(results, plan, tally, quiet=quiet, show=show, several=several)
    else:
        _write_table(results, plan, tally, quiet=quiet, show=show, several=several)
    if several and not quiet:
        click.echo(
            f"{PROG}: {tally.files} files, {tally.laureates} laureates, "
            f"{tally.warnings} warnings, {tally.failures} failures",
            err=True,
        )
    return 1 if tally.failures or (reviews is not None and reviews.failures) else 0


def _reviews(
    destination: str | None,
    paths: Sequence[str],
    *,
    several: bool,
    force: bool,
    password: str | None,
) -> ReviewWriter | None:
    """The writer of the --review pages, if asked for (imported only then)."""
    if destination is None:
        return None
    from aap_parser.visual.files import ReviewWriter

    try:
        return ReviewWriter.plan(
            destination, paths, several=several, force=force, password=password
        )
    except FileExistsError as error:
        raise CliError(str(error)) from None
    except ValueError as error:
        raise click.UsageError(str(error)) from None


def _plan(
    output: str | None, format_: Format | None, explode: Explode | None, *, several: bool
) -> Plan:
    """Decide format and destination from -o, --format and --explode (usage errors here)."""
    target = Path(output) if output and output != STDIN else None
    directory = target is not None and ((output or "").endswith(("/", os.sep)) or target.is_dir())
    if directory:
        if format_ not in (None, "json"):
            raise click.UsageError(
                "-o FOLDER/ writes one JSON per input; use a .jsonl or .csv file"
            )
        chosen: Format = "json"
    elif format_ is not None:
        chosen = format_
    elif target is not None:
        if target.suffix.lower() not in SUFFIX_FORMATS:
            raise click.UsageError(
                f"cannot tell the format of {output!r}: use .json, .jsonl, .csv, "
                "a folder ending in '/', or --format"
            )
        chosen = SUFFIX_FORMATS[target.suffix.lower()]
    else:
        chosen = "jsonl" if several else "json"
    if chosen == "json" and several and not directory:
        raise click.UsageError("several inputs: use -o FOLDER/, a .jsonl or .csv file")
    if explode and chosen == "json":
        raise click.UsageError("--explode needs JSON Lines or CSV output")
    targets = [] if directory or target is None else [target]
    return Plan(chosen, target, directory, explode, targets)


def json_names(paths: Sequence[str]) -> list[str]:
    """Name each input's JSON file after it (``x.pdf`` -> ``x.json``), unique in order."""
    used: set[str] = set()
    names = []
    for path in paths:
        stem = "stdin" if path == STDIN else Path(path).stem
        name, n = f"{stem}.json", 1
        while name.lower() in used:
            n += 1
            name = f"{stem}-{n}.json"
        used.add(name.lower())
        names.append(name)
    return names


def _check_targets(plan: Plan, inputs: Sequence[str], *, force: bool) -> None:
    """Refuse to overwrite an input (ever) or an existing file (without --force)."""
    sources = {Path(p).resolve() for p in inputs if p != STDIN}
    for target in plan.targets:
        if target.resolve() in sources:
            raise CliError(f"{target}: is one of the inputs; choose another output")
        if target.is_dir():
            raise CliError(f"{target}: is a folder")
        if target.exists() and not force:
            raise CliError(f"{target}: exists; use --force to overwrite")


def _write_json(
    results: Iterator[BatchResult],
    plan: Plan,
    tally: Tally,
    *,
    quiet: bool,
    show: bool,
    several: bool,
) -> None:
    """Write one JSON document per input: to stdout, the -o file or the -o folder."""
    if plan.directory:
        assert plan.output is not None
        plan.output.mkdir(parents=True, exist_ok=True)
    parsed = _parsed(results, plan, tally, quiet=quiet, show=show, several=several)
    for position, announcement in parsed:
        text = to_json(announcement) + "\n"
        if plan.targets:
            with atomic_output(plan.targets[position]) as stream:
                stream.write(text)
        elif not show:
            click.echo(text, nl=False)


def _write_table(
    results: Iterator[BatchResult],
    plan: Plan,
    tally: Tally,
    *,
    quiet: bool,
    show: bool,
    several: bool,
) -> None:
    """Write every laureate as JSON Lines or CSV, streaming, to stdout or the -o file."""

    def announcements() -> Iterator[Announcement]:
        parsed = _parsed(results, plan, tally, quiet=quiet, show=show, several=several)
        return (announcement for _, announcement in parsed)

    write = write_csv if plan.format == "csv" else write_jsonl
    if not plan.targets:
        if show:
            # --show without -o: the tables are the output.
            for _ in announcements():
                pass
            return
        write(announcements(), sys.stdout, explode=plan.explode)
        return
    with atomic_output(plan.targets[0], newline="" if plan.format == "csv" else None) as stream:
        write(announcements(), stream, explode=plan.explode)


def _parsed(
    results: Iterator[BatchResult],
    plan: Plan,
    tally: Tally,
    *,
    quiet: bool,
    show: bool,
    several: bool,
) -> Iterator[tuple[int, Announcement]]:
    """Each input's announcement with its position, after the progress bar, the tally and
    the error or warning report (and the terminal table with ``--show``); failures skipped."""
    for position, result in enumerate(_progress(results, plan.total, quiet=quiet, several=several)):
        announcement = _account(result, tally, quiet=quiet or show)
        if announcement is None:
            continue
        if show:
            show_announcement(announcement, result.path)
        yield position, announcement


def _account(result: BatchResult, tally: Tally, *, quiet: bool) -> Announcement | None:
    """Count a result, report its error or warnings on stderr; return its announcement."""
    tally.files += 1
    if result.error is not None or result.announcement is None:
        tally.failures += 1
        _error(f"{result.path}: {result.error}")
        return None
    announcement = result.announcement
    tally.laureates += len(announcement.laureates)
    tally.warnings += len(announcement.warnings)
    if not quiet:
        for warning in announcement.warnings:
            _stderr_line(f"{PROG}: warning: {result.path}: {_where(warning)}{warning.message}")
    return announcement


def _where(item: Any) -> str:
    """Return 'page P, line L: ' for an item with page/line attributes, or ''."""
    parts = []
    if getattr(item, "page", None) is not None:
        parts.append(f"page {item.page}")
    if getattr(item, "line", None) is not None:
        parts.append(f"line {item.line}")
    return f"{', '.join(parts)}: " if parts else ""


def _progress(
    results: Iterator[BatchResult], total: int, *, quiet: bool, several: bool
) -> Iterator[BatchResult]:
    """Pass results through, drawing a progress bar on stderr for batches on a terminal."""
    global _bar_active
    if quiet or not several or not _is_terminal(sys.stderr):
        yield from results
        return
    with click.progressbar(length=total, label="parsing", file=sys.stderr) as bar:
        _bar_active = True
        try:
            for result in results:
                yield result
                bar.update(1)
        finally:
            _bar_active = False


_bar_active = False
"""True while a progress bar is drawn: messages then clear its line first."""


def _is_terminal(stream: TextIO) -> bool:
    """True when ``stream`` is an interactive terminal."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


@contextlib.contextmanager
def atomic_output(path: Path, *, newline: str | None = None) -> Iterator[TextIO]:
    """Open a temp file beside ``path`` for writing; replace ``path`` with it on success.

    Readers never see a half-written output; on error the temp file is removed and an
    existing ``path`` is left as it was.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline=newline) as stream:
            yield stream
        os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _umask() -> int:
    """Return the process umask (mkstemp creates 0600 files; outputs get the usual mode)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def show_announcement(announcement: Announcement, path: str) -> None:
    """Print an announcement's tables for reading in a terminal, warnings highlighted."""
    header = announcement.header
    title = header.title or "(no title)"
    date = f" ({header.date.isoformat()})" if header.date else ""
    click.secho(f"== {path}: {title}{date}", bold=True)
    section: str | None = None
    for laureate in announcement.laureates:
        if laureate.section and laureate.section != section:
            section = laureate.section
            click.secho(f"-- {section}", bold=True)
        region = laureate.region or "?"
        if laureate.region_code:
            region += f" [{laureate.region_code}]"
        click.echo(f"#{laureate.index:<3} {region}")
        for lead in laureate.leads:
            detail = ", ".join(x for x in (lead.kind, lead.code) if x)
            click.echo(f"     lead:    {lead.name}" + (f" ({detail})" if detail else ""))
        for partner in laureate.partners:
            detail = ", ".join(x for x in (partner.country, partner.country_code) if x)
            click.echo(f"     partner: {partner.name}" + (f" ({detail})" if detail else ""))
        click.echo(f"     title:   {laureate.title or ''}")
        if laureate.amount_eur is not None or laureate.amount_text:
            amount = laureate.amount_text or f"{laureate.amount_eur} €"
            click.echo(f"     amount:  {amount}")
    for warning in announcement.warnings:
        click.secho(f"warning: {_where(warning)}{warning.message}", fg="yellow", bold=True)
    click.echo(f"{len(announcement.laureates)} laureates, {len(announcement.warnings)} warnings")


def _error(message: str) -> None:
    """Print one ``aap-parse: error:`` line on stderr."""
    _stderr_line(f"{PROG}: error: {' '.join(message.split())}")


def _stderr_line(text: str) -> None:
    """Print one line on stderr, first clearing a progress bar's line if one is drawn."""
    if _bar_active:
        click.echo("\r\x1b[K", nl=False, err=True)
    click.echo(text, err=True)
