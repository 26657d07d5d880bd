"""The ``aap-parse`` command: announcements (PDF or text) to JSON, JSON Lines or CSV.

Errors are one line ``aap-parse: error: FILE: message`` on stderr (exit 1; 2 for usage
errors), never a traceback. Batches run in a process pool, one bad file never stops them.
In a batch, an announcement that repeats an earlier input is flagged
(``duplicate-announcement``), and ``--report`` writes one CSV row per input.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import IO, TYPE_CHECKING, Any, TextIO

import click

from aap_parser import __version__
from aap_parser.batch import BatchOptions, BatchResult, internal_error, parse_many
from aap_parser.duplicates import DuplicateFinder, flag_duplicate
from aap_parser.export import WRITERS, Explode, OutputFormat, format_for_suffix
from aap_parser.grid import ParseWarning
from aap_parser.inputs import STDIN, expand_inputs, is_folder
from aap_parser.models import Announcement
from aap_parser.outfiles import OutputError, atomic_output, json_names, writing
from aap_parser.runs import RunReport
from aap_parser.sources.ocr.mode import OCR_MODES, OcrMode

if TYPE_CHECKING:
    from aap_parser.visual.files import ReviewWriter

PROG = "aap-parse"
DEFAULT_FORMAT = "json"
"""The format of one input's output when neither -o's extension nor --format tells it."""
DEFAULT_SEVERAL_FORMAT = "jsonl"
"""The same for several inputs (a row format: they share one stream)."""


class CliError(Exception):
    """A run-stopping problem reported as one ``aap-parse: error:`` line, exit 1."""


class Terminated(KeyboardInterrupt):
    """Raised on SIGTERM: the run stops and cleans up as on Ctrl-C, with exit status 143."""


def _terminate(signum: int, frame: FrameType | None) -> None:
    """SIGTERM handler: stop the run like Ctrl-C does."""
    raise Terminated


_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\udc80-\udcff]")
"""Characters that must not reach a terminal as they are: control characters (escape
sequences can move the cursor, retitle the window or clear the screen), bidirectional
overrides, and bytes of a file name that are not UTF-8."""

_C_ESCAPES = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\v": "\\v"}


def printable(text: str) -> str:
    """Text safe to print on a terminal, quoted as git and coreutils quote names: ``\\n``,
    ``\\r``..., other control characters and non-UTF-8 bytes in octal (``\\033``), bidi
    overrides as ``\\u202e``."""

    def quote(match: re.Match[str]) -> str:
        char = match.group()
        code = ord(char)
        if char in _C_ESCAPES:
            return _C_ESCAPES[char]
        if 0xDC80 <= code <= 0xDCFF:
            return f"\\{code - 0xDC00:03o}"
        if code > 0xFF:
            return f"\\u{code:04x}"
        return f"\\{code:03o}"

    return _UNSAFE.sub(quote, text)


MEMORY_UNITS = {"": 1, "K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40}
"""Binary units a ``--max-memory`` size may carry (``512M``, ``1GiB``)."""


def memory_size(text: str) -> int:
    """The bytes a size such as ``512M``, ``1GiB`` or ``0`` stands for (a usage error if none)."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMGT]?)(?:i?B)?\s*", text, re.IGNORECASE)
    if match is None:
        raise click.BadParameter(f"{text!r} is not a size such as 512M or 1GiB")
    return int(float(match.group(1)) * MEMORY_UNITS[match.group(2).upper()])


@dataclass(frozen=True)
class Options:
    """Everything the command line asked for, typed, passed from ``main`` to the run."""

    inputs: tuple[str, ...]
    output: str | None
    format: str | None
    explode: Explode | None
    force: bool
    quiet: bool
    show: bool
    batch: BatchOptions
    review: str | None = None
    verbose: bool = False
    excel: bool = False
    skip_duplicates: bool = False
    skip_existing: bool = False
    report: str | None = None


@dataclass
class Plan:
    """What to write where, decided from the options before any parsing."""

    format: OutputFormat
    output: Path | None
    directory: bool = False
    explode: Explode | None = None
    several: bool = False
    targets: list[Path] = field(default_factory=list)
    total: int = 0


SEVERITIES = ("error", "warning", "info")


@dataclass
class Tally:
    """Counts for the closing summary line."""

    files: int = 0
    laureates: int = 0
    warnings: int = 0
    failures: int = 0
    by_severity: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SEVERITIES, 0))
    duplicates: int = 0
    skipped: int = 0

    def summary(self) -> str:
        """The closing line: files, laureates, warnings by severity, failures."""
        severities = ", ".join(f"{self.by_severity[s]} {s}" for s in SEVERITIES)
        text = (
            f"{PROG}: {self.files} files, {self.laureates} laureates, "
            f"{self.warnings} warnings ({severities}), {self.failures} failures"
        )
        if self.duplicates:
            text += f", {self.duplicates} duplicates"
        if self.skipped:
            text += f", {self.skipped} skipped"
        return text


class Console:
    """Writes messages on stderr, clearing the progress bar's line first while one is drawn."""

    def __init__(self, *, quiet: bool, verbose: bool = False) -> None:
        self.quiet = quiet
        self.verbose = verbose
        self.bar_active = False

    def shows(self, severity: str) -> bool:
        """Whether a warning of ``severity`` is printed: none with -q, every one with -v,
        else errors and warnings (the ``info`` normalisations are counted, not printed)."""
        if self.quiet:
            return False
        return self.verbose or severity != "info"

    def error(self, message: str) -> None:
        """Print one ``aap-parse: error:`` line."""
        self.line(f"{PROG}: error: {' '.join(message.split())}")

    def line(self, text: str) -> None:
        """Print one line on stderr, its control characters quoted (see ``printable``)."""
        if self.bar_active:
            click.echo("\r\x1b[K", nl=False, err=True)
        click.echo(printable(text), err=True)

    def progress(self, results: Iterator[BatchResult], total: int) -> Iterator[BatchResult]:
        """Pass results through, drawing a progress bar on stderr when it is a terminal."""
        if self.quiet or not _is_terminal(sys.stderr):
            yield from results
            return
        with click.progressbar(length=total, label="parsing", file=sys.stderr) as bar:
            self.bar_active = True
            try:
                for result in results:
                    yield result
                    bar.update(1)
            finally:
                self.bar_active = False


def _suffix_list(formats: Iterable[OutputFormat]) -> str:
    """Return the usual extensions of ``formats``, for help and messages: '.json, .csv'."""
    return ", ".join(f.suffixes[0] for f in formats)


def _titles(formats: Iterable[OutputFormat]) -> str:
    """Return the formats' names joined for a message: 'JSON Lines or CSV'."""
    return " or ".join(f.title for f in formats)


ROW_FORMATS = tuple(f for f in WRITERS.values() if f.rows)
DOCUMENT_FORMATS = tuple(f for f in WRITERS.values() if not f.rows)


Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def _option_group(*options: Decorator) -> Decorator:
    """Combine click options into one decorator that adds them in the order given."""

    def apply(command: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed(options):
            command = option(command)
        return command

    return apply


output_options = _option_group(
    click.option(
        "-o",
        "--output",
        metavar="PATH",
        help=f"Output file ({_suffix_list(WRITERS.values())}) or folder (ending in '/'): "
        "one JSON per input. Default: standard output.",
    ),
    click.option(
        "--format",
        "format_",
        type=click.Choice(list(WRITERS)),
        help="Output format; overrides the -o extension.",
    ),
    click.option(
        "--explode",
        type=click.Choice(["partners"]),
        help=f"{_titles(ROW_FORMATS)}: one row per laureate x partner (long format).",
    ),
    click.option("--force", is_flag=True, help="Overwrite existing output files."),
    click.option(
        "--excel",
        is_flag=True,
        help="CSV for a spreadsheet: UTF-8 with BOM, ';' between cells, cells that begin "
        "with = + - @ prefixed with '.",
    ),
    click.option(
        "--skip-duplicates",
        is_flag=True,
        help="Leave out an announcement that repeats an earlier input (it is still reported).",
    ),
    click.option(
        "--skip-existing",
        is_flag=True,
        help="With -o FOLDER/: leave out the inputs whose output file exists (resume a batch).",
    ),
    click.option(
        "--report",
        metavar="FILE.csv",
        help="Write one CSV row per input: path, sha256, status, laureates, warnings by "
        "severity, error.",
    ),
)
"""The options that choose where and how the results are written."""


def _check_backend(name: str | None) -> str | None:
    """The ``--backend`` value, checked against the PDF backends' registry (imported only
    when the option is given: the PDF libraries load when a PDF is read)."""
    if name is None:
        return None
    from aap_parser.sources.pdf.backends import BACKENDS

    if name not in BACKENDS:
        raise click.BadParameter(f"{name!r} is not one of {', '.join(sorted(BACKENDS))}")
    return name


def batch_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add the options that say how each file is parsed and bounded, handed to ``command``
    as one ``batch: BatchOptions`` argument."""

    @functools.wraps(command)
    def with_batch(
        *args: Any,
        strict: bool,
        password: str | None,
        max_pages: int,
        backend: str | None,
        timeout: float,
        jobs: int | None,
        ocr: OcrMode,
        ocr_lang: str,
        max_memory: int,
        **kwargs: Any,
    ) -> Any:
        batch = BatchOptions(
            strict=strict,
            password=password,
            max_pages=max_pages,
            timeout=timeout or None,
            jobs=jobs,
            max_memory=max_memory or None,
            backend=backend,
            ocr=ocr,
            ocr_lang=ocr_lang,
        )
        return command(*args, batch=batch, **kwargs)

    return _option_group(
        click.option("--strict", is_flag=True, help="Turn parse warnings into errors."),
        click.option("--password", metavar="TEXT", help="Password of encrypted PDFs."),
        click.option(
            "--max-pages",
            type=click.IntRange(min=1),
            default=500,
            show_default=True,
            help="Refuse PDFs with more pages.",
        ),
        click.option(
            "--backend",
            metavar="NAME",
            callback=lambda _ctx, _param, value: _check_backend(value),
            help="Library reading PDF characters and rules: pdfium (default) or pdfminer.",
        ),
        click.option(
            "--timeout",
            type=click.FloatRange(min=0),
            default=60.0,
            show_default=True,
            metavar="SECONDS",
            help="Time limit per file, plus 30 s per page read by OCR; 0 for none.",
        ),
        click.option(
            "--ocr",
            type=click.Choice(OCR_MODES),
            default="auto",
            show_default=True,
            help="Read PDF pages by OCR (Tesseract): those without text, every page, or none.",
        ),
        click.option(
            "--ocr-lang",
            default="fra",
            show_default=True,
            metavar="LANG",
            help="Tesseract language of the OCR (e.g. fra, fra+eng).",
        ),
        click.option(
            "-j",
            "--jobs",
            type=click.IntRange(min=1),
            help="Files parsed in parallel (worker processes; 1: in this process, no "
            "worker). Default and most: CPU count.",
        ),
        click.option(
            "--max-memory",
            metavar="SIZE",
            default="1GiB",
            callback=lambda _ctx, _param, value: memory_size(value),
            show_default=True,
            help="Memory limit per file (e.g. 512M, 2G); 0 for none.",
        ),
    )(with_batch)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("inputs", nargs=-1, metavar="INPUT...")
@output_options
@batch_options
@click.option("-q", "--quiet", is_flag=True, help="Print errors only: no progress bar, warnings "
              "or summary.")
@click.option("-v", "--verbose", is_flag=True, help="Print every warning, info ones included.")
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
    format_: str | None,
    explode: Explode | None,
    force: bool,
    excel: bool,
    skip_duplicates: bool,
    skip_existing: bool,
    report: str | None,
    batch: BatchOptions,
    quiet: bool,
    verbose: bool,
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
    options = Options(
        inputs=inputs,
        output=output,
        format=format_,
        explode=explode,
        force=force,
        quiet=quiet,
        show=show,
        batch=batch,
        review=review,
        verbose=verbose,
        excel=excel,
        skip_duplicates=skip_duplicates,
        skip_existing=skip_existing,
        report=report,
    )
    console = Console(quiet=quiet, verbose=verbose)
    on_term = _on_sigterm(_terminate)
    try:
        code = _run(options, console)
    except click.UsageError:
        raise
    except (CliError, OutputError) as error:
        console.error(str(error))
        code = 1
    except KeyboardInterrupt as stop:
        terminated = isinstance(stop, Terminated)
        console.error("terminated" if terminated else "interrupted")
        code = 143 if terminated else 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, as other tools do.
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        code = 1
    except Exception as error:
        # A bug: still one line, no traceback.
        console.error(str(internal_error(error)))
        code = 1
    finally:
        _on_sigterm(on_term)
    sys.exit(code)


def _on_sigterm(handler: Any) -> Any:
    """Install ``handler`` for SIGTERM where this thread may (the main one); return the one
    it replaces."""
    if threading.current_thread() is not threading.main_thread():
        return handler
    return signal.signal(signal.SIGTERM, handler)


def _run(options: Options, console: Console) -> int:
    """Parse the inputs and write the outputs; return the exit code."""
    tally = Tally()
    paths: list[str] = []
    for item in options.inputs:
        found = expand_inputs([item])
        if not found:
            console.error(f"{item}: no .pdf, .txt or .md file in this folder")
            tally.failures += 1
        paths.extend(found)
    plan = _plan(options)
    runs = RunReport(Path(options.report)) if options.report else None
    if plan.directory:
        assert plan.output is not None
        plan.targets = [plan.output / name for name in json_names(paths, plan.format.suffixes[0])]
    if options.skip_existing:
        paths = _skip_existing(plan, paths, tally, console, runs)
    _check_targets(plan, paths, force=options.force)
    if runs is not None:
        _check_report(runs.path, plan, paths, force=options.force)
    plan.total = len(paths)
    reviews = _reviews(options, paths, several=plan.several)

    batch = parse_many(paths, **options.batch.keywords())
    results: Iterator[BatchResult] = batch
    try:
        if reviews is not None:
            results = reviews.tap(results, report=console.error)
        parsed = _parsed(results, plan, tally, console, options, runs)
        if plan.format.rows:
            _write_rows(parsed, plan, show=options.show)
        else:
            _write_documents(parsed, plan, tally, console, show=options.show)
    finally:
        # Stops the workers at once when the run ends early (error, Ctrl-C, SIGTERM).
        close = getattr(batch, "close", None)
        if close is not None:
            close()
    if runs is not None:
        runs.write()
    if plan.several and not options.quiet:
        console.line(tally.summary())
    elif plan.targets and tally.files and not tally.failures and not options.quiet:
        console.line(_wrote(plan.targets[0], tally))
    return 1 if tally.failures or (reviews is not None and reviews.failures) else 0


def _wrote(target: Path, tally: Tally) -> str:
    """The one-line success message of a single input: ``wrote out.json: 36 laureates, 1
    warning``."""
    laureates = f"{tally.laureates} laureate{'s' if tally.laureates != 1 else ''}"
    warnings = f"{tally.warnings} warning{'s' if tally.warnings != 1 else ''}"
    return f"wrote {target}: {laureates}, {warnings}"


def _skip_existing(
    plan: Plan, paths: list[str], tally: Tally, console: Console, runs: RunReport | None
) -> list[str]:
    """Leave out the inputs whose output file in the -o folder exists (a resumed batch)."""
    kept_paths: list[str] = []
    kept_targets: list[Path] = []
    for path, target in zip(paths, plan.targets, strict=True):
        if target.exists():
            tally.skipped += 1
            if not console.quiet:
                console.line(f"{PROG}: {path}: skipped, {target} exists")
            if runs is not None:
                runs.skipped(path, f"{target} exists")
            continue
        kept_paths.append(path)
        kept_targets.append(target)
    plan.targets = kept_targets
    return kept_paths


def _check_report(report: Path, plan: Plan, inputs: Sequence[str], *, force: bool) -> None:
    """Refuse a --report file that is an input or an output, or exists without --force."""
    taken = {Path(p).resolve() for p in inputs if p != STDIN} | {
        t.resolve() for t in plan.targets
    }
    if report.resolve() in taken:
        raise CliError(f"{report}: is an input or an output; choose another report file")
    if report.exists() and not force:
        raise CliError(f"{report}: exists; use --force to overwrite")


def _reviews(options: Options, paths: Sequence[str], *, several: bool) -> ReviewWriter | None:
    """The writer of the --review pages, if asked for (imported only then)."""
    if options.review is None:
        return None
    from aap_parser.visual.files import ReviewWriter

    try:
        return ReviewWriter.plan(
            options.review,
            paths,
            several=several,
            force=options.force,
            parsing=options.batch,
        )
    except FileExistsError as error:
        raise CliError(str(error)) from None
    except ValueError as error:
        raise click.UsageError(str(error)) from None


def _plan(options: Options) -> Plan:
    """Decide format and destination from -o, --format and --explode (usage errors here)."""
    output = options.output
    several = len(options.inputs) > 1 or any(is_folder(i) for i in options.inputs)
    target = Path(output) if output and output != STDIN else None
    directory = target is not None and ((output or "").endswith(("/", os.sep)) or target.is_dir())
    if directory:
        if options.format is not None and WRITERS[options.format].rows:
            raise click.UsageError(
                f"-o FOLDER/ writes one {_titles(DOCUMENT_FORMATS)} per input; "
                f"use a {' or '.join(f.suffixes[0] for f in ROW_FORMATS)} file"
            )
        chosen = WRITERS[options.format or DEFAULT_FORMAT]
    elif options.format is not None:
        chosen = WRITERS[options.format]
    elif options.excel and target is None:
        chosen = WRITERS["csv-excel"]
    elif target is not None:
        found = format_for_suffix(target.suffix)
        if found is None:
            raise click.UsageError(
                f"cannot tell the format of {output!r}: use {_suffix_list(WRITERS.values())}, "
                "a folder ending in '/', or --format"
            )
        chosen = found
    else:
        chosen = WRITERS[DEFAULT_SEVERAL_FORMAT if several else DEFAULT_FORMAT]
    if not chosen.rows and several and not directory:
        raise click.UsageError(
            f"several inputs: use -o FOLDER/, a {' or '.join(f.suffixes[0] for f in ROW_FORMATS)}"
            " file"
        )
    if options.explode and not chosen.rows:
        raise click.UsageError(f"--explode needs {_titles(ROW_FORMATS)} output")
    if options.excel:
        if not chosen.name.startswith("csv"):
            raise click.UsageError("--excel needs CSV output")
        chosen = WRITERS["csv-excel"]
    if options.skip_existing and not directory:
        raise click.UsageError("--skip-existing needs -o FOLDER/")
    targets = [] if directory or target is None else [target]
    return Plan(chosen, target, directory, options.explode, several, targets)


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


def _write_documents(
    parsed: Iterator[tuple[int, Announcement]],
    plan: Plan,
    tally: Tally,
    console: Console,
    *,
    show: bool,
) -> None:
    """Write one document per input: to stdout, the -o file or a file in the -o folder (an
    output that cannot be written there fails its input only)."""
    if plan.directory:
        assert plan.output is not None
        with writing(plan.output):
            plan.output.mkdir(parents=True, exist_ok=True)
    for position, announcement in parsed:
        if plan.targets:
            try:
                with atomic_output(plan.targets[position], plan.format) as stream:
                    plan.format.write([announcement], stream, explode=None)
            except OutputError as error:
                if not plan.directory:
                    raise
                console.error(str(error))
                tally.failures += 1
        elif not show:
            with writing("standard output"):
                plan.format.write([announcement], _stdout(plan.format), explode=None)


def _write_rows(parsed: Iterator[tuple[int, Announcement]], plan: Plan, *, show: bool) -> None:
    """Write every laureate as rows, streaming, to stdout or the -o file."""
    announcements = (announcement for _, announcement in parsed)
    if plan.targets:
        with atomic_output(plan.targets[0], plan.format) as stream:
            plan.format.write(announcements, stream, explode=plan.explode)
        if plan.format.described:
            _write_package(plan.targets[0], plan)
    elif show:
        # --show without -o: the tables are the output.
        for _ in announcements:
            pass
    else:
        with writing("standard output"):
            plan.format.write(announcements, _stdout(plan.format), explode=plan.explode)


def _write_package(target: Path, plan: Plan) -> None:
    """Write the Frictionless data package describing the CSV ``target`` beside it."""
    from aap_parser.datapackage import data_package

    descriptor = data_package(
        target.name, explode=plan.explode, excel=plan.format is WRITERS["csv-excel"]
    )
    package = target.with_name(f"{target.stem}.datapackage.json")
    with atomic_output(package, WRITERS["json"]) as stream:
        stream.write(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n")


def _stdout(output_format: OutputFormat) -> IO[Any]:
    """Return standard output as the stream a format writes: bytes or text."""
    return sys.stdout.buffer if output_format.binary else sys.stdout


def _parsed(
    results: Iterator[BatchResult],
    plan: Plan,
    tally: Tally,
    console: Console,
    options: Options,
    runs: RunReport | None,
) -> Iterator[tuple[int, Announcement]]:
    """Each input's announcement with its position, after the progress bar, the tally,
    the duplicate check and the error or warning report (and the terminal table with
    ``--show``); failures, and duplicates with ``--skip-duplicates``, left out."""
    progress = console.progress(results, plan.total) if plan.several else results
    duplicates = DuplicateFinder()
    for position, result in enumerate(progress):
        first = None
        if result.announcement is not None:
            first = duplicates.earlier(result.path, result.announcement)
            if first is not None:
                result = BatchResult(result.path, flag_duplicate(result.announcement, first))
                tally.duplicates += 1
        skip = first is not None and options.skip_duplicates
        if runs is not None:
            runs.add(result, duplicate_of=first, skipped=skip)
        announcement = _account(result, tally, console, quiet=options.show)
        if announcement is None or skip:
            continue
        if options.show:
            show_announcement(announcement, result.path)
        yield position, announcement


def _account(
    result: BatchResult, tally: Tally, console: Console, *, quiet: bool
) -> Announcement | None:
    """Count a result, report its error or warnings on stderr; return its announcement."""
    tally.files += 1
    if not console.quiet:
        for note in result.notes:
            console.line(f"{PROG}: warning: {result.path}: {note}")
    if result.error is not None or result.announcement is None:
        tally.failures += 1
        console.error(str(result.error))
        return None
    announcement = result.announcement
    tally.laureates += len(announcement.laureates)
    tally.warnings += len(announcement.warnings)
    for warning in announcement.warnings:
        tally.by_severity[warning.severity] += 1
        if not quiet and console.shows(warning.severity):
            console.line(f"{PROG}: warning: {result.path}: {_describe(warning)}")
    return announcement


def _describe(warning: ParseWarning) -> str:
    """A warning for one line: place, laureate, message, then its code and severity."""
    laureate = f"laureate {warning.laureate}: " if warning.laureate is not None else ""
    return f"{_where(warning)}{laureate}{warning.message} [{warning.code}, {warning.severity}]"


def _where(item: Any) -> str:
    """Return 'page P, line L: ' for an item with page/line attributes, or ''."""
    parts = []
    if getattr(item, "page", None) is not None:
        parts.append(f"page {item.page}")
    if getattr(item, "line", None) is not None:
        parts.append(f"line {item.line}")
    return f"{', '.join(parts)}: " if parts else ""


def _is_terminal(stream: TextIO) -> bool:
    """True when ``stream`` is an interactive terminal."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def show_announcement(announcement: Announcement, path: str) -> None:
    """Print an announcement's tables for reading in a terminal, warnings highlighted (the
    document's text quoted by ``printable``)."""
    header = announcement.header
    title = header.title or "(no title)"
    date = f" ({header.date.isoformat()})" if header.date else ""
    _show(f"== {path}: {title}{date}", bold=True)
    section: str | None = None
    for laureate in announcement.laureates:
        if laureate.section and laureate.section != section:
            section = laureate.section
            _show(f"-- {section}", bold=True)
        region = laureate.region or "?"
        if laureate.region_code:
            region += f" [{laureate.region_code}]"
        _show(f"#{laureate.index:<3} {region}")
        for lead in laureate.leads:
            detail = ", ".join(x for x in (lead.kind, lead.code) if x)
            _show(f"     lead:    {lead.name}" + (f" ({detail})" if detail else ""))
        for partner in laureate.partners:
            detail = ", ".join(x for x in (partner.country, partner.country_code) if x)
            _show(f"     partner: {partner.name}" + (f" ({detail})" if detail else ""))
        _show(f"     title:   {laureate.title or ''}")
        if laureate.amount_eur is not None or laureate.amount_text:
            amount = laureate.amount_text or f"{laureate.amount_eur} €"
            _show(f"     amount:  {amount}")
    for warning in announcement.warnings:
        _show(f"warning: {_describe(warning)}", fg="yellow", bold=True)
    _show(f"{len(announcement.laureates)} laureates, {len(announcement.warnings)} warnings")


def _show(text: str, **style: Any) -> None:
    """Print one line of ``--show`` output on stdout, quoted by ``printable``."""
    click.secho(printable(text), **style)
