"""Parse many announcements, in parallel, each isolated and under a time and memory limit.

``parse_many`` never raises for one bad input: every input gives a ``BatchResult`` holding
either its announcement or its ``AapParseError``, in input order. Work runs in a process
pool, one file too whenever a limit is set (a process is the one place where work that
hangs can be killed): a file over the time limit has its worker killed and the pool is
recycled; a worker cannot hold more than the memory limit, and dies with its parent.
Asked for one job, it runs no pool: files are parsed in this process, bounded as well as a
process can bound itself (an alarm, an allocation limit).
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass
from types import FrameType
from typing import TYPE_CHECKING, Any, Protocol

from aap_parser.errors import AapParseError, InputError, TooLargeError
from aap_parser.inputs import INPUT_SUFFIXES, STDIN, expand_inputs, folder_inputs, read_stdin
from aap_parser.models import Announcement
from aap_parser.sources.ocr.events import on_ocr_page
from aap_parser.sources.ocr.mode import OcrMode

if TYPE_CHECKING:  # the pool's modules load only when a pool runs (-j1 runs none)
    from concurrent.futures import Future
    from multiprocessing.queues import SimpleQueue

__all__ = [
    "INPUT_SUFFIXES",
    "STDIN",
    "BatchOptions",
    "BatchResult",
    "ParseFunction",
    "expand_inputs",
    "folder_inputs",
    "internal_error",
    "parse_many",
]

_POLL_SECONDS = 0.05

OCR_PAGE_SECONDS = 30.0
"""Time a file is given, beyond the per-file limit, for each page read by OCR (a page takes
3 to 8 s on one core: the limit must not cut a normal OCR run short)."""

_Outcome = tuple[Announcement | None, AapParseError | None, tuple[str, ...]]
"""What parsing one input gave: its announcement or error, and the libraries' log notes."""

LOGGED_LIBRARIES = ("pdfminer", "pdfplumber", "aap_parser")
"""Loggers whose warnings while a file is parsed become that file's ``notes``."""

MAX_NOTES = 20
"""At most this many distinct notes are kept per file (pdfminer may repeat one per glyph)."""

BACKSTOP = 1.5
"""A worker may allocate this many times ``max_memory`` before allocations fail: the
parent's watch on its resident memory stops it first, with a clear message."""


class ParseFunction(Protocol):
    """What ``parse_many`` calls per input: ``aap_parser.parse`` or a stand-in for tests."""

    def __call__(
        self,
        source: str | bytes,
        /,
        *,
        password: str | None,
        strict: bool,
        max_pages: int | None,
        backend: str | None = None,
    ) -> Announcement: ...


@dataclass(frozen=True)
class BatchOptions:
    """How a batch parses each file and bounds it: the keyword arguments of ``parse_many``."""

    strict: bool = False
    password: str | None = None
    max_pages: int | None = None
    timeout: float | None = None
    """Seconds per file; None for no limit."""
    jobs: int | None = None
    """Worker processes; None for the CPU count (never more)."""
    max_memory: int | None = None
    """Bytes of memory each file may hold; None for no limit."""
    backend: str | None = None
    """The PDF backend's name; None for the default."""
    ocr: OcrMode = "auto"
    ocr_lang: str = "fra"

    def keywords(self) -> dict[str, Any]:
        """Return the options as ``parse_many`` keyword arguments (no backend when none is
        chosen: the parser's default then applies)."""
        words = dataclasses.asdict(self)
        if self.backend is None:
            del words["backend"]
        return words


@dataclass(frozen=True)
class BatchResult:
    """One input's outcome: exactly one of ``announcement`` and ``error`` is set."""

    path: str
    announcement: Announcement | None = None
    error: AapParseError | None = None
    notes: tuple[str, ...] = ()
    """Warnings the libraries logged while reading this input (e.g. pdfminer repairing a
    broken PDF), prefixed with the library's name; kept off stderr for the caller to show."""

    @property
    def ok(self) -> bool:
        """True when the input gave an announcement."""
        return self.error is None


@dataclass(frozen=True)
class _Options:
    """The per-file parse options, shipped to workers with each task."""

    parser: ParseFunction | None
    password: str | None
    strict: bool
    max_pages: int | None
    backend: str | None = None
    ocr: OcrMode = "auto"
    ocr_lang: str = "fra"
    max_memory: int | None = None


@dataclass(eq=False)
class _Task:
    """One input waiting for or under parsing; ``solo`` tasks run alone after a crash."""

    index: int
    path: str
    source: str | bytes
    error: AapParseError | None = None
    solo: bool = False
    started: float | None = None
    pid: int | None = None
    allowance: float = 0.0
    """Seconds added to the time limit (pages read by OCR)."""


class _Timeout(BaseException):
    """Raised by the alarm handler; a BaseException so parser code cannot swallow it."""


def parse_many(
    paths: Iterable[str | os.PathLike[str]],
    *,
    jobs: int | None = None,
    timeout: float | None = None,
    password: str | None = None,
    max_pages: int | None = None,
    strict: bool = False,
    parser: ParseFunction | None = None,
    backend: str | None = None,
    ocr: OcrMode = "auto",
    ocr_lang: str = "fra",
    max_memory: int | None = None,
) -> Generator[BatchResult, None, None]:
    """Parse each input and yield its ``BatchResult``, in input order, never raising for one.

    ``jobs`` worker processes (default and most: the CPU count) parse in parallel;
    ``timeout`` (seconds) limits each file, plus ``OCR_PAGE_SECONDS`` per page read by OCR,
    and ``max_memory`` (bytes) the memory it may hold; with either, a file runs in a worker
    even alone. ``jobs=1`` starts no worker: files are parsed one after the other in this
    process, the time limit set by an alarm (which stops Python code, not a library call
    that never returns) and the memory limit by this process's allocation limit
    (``BACKSTOP`` times ``max_memory``) while a file is parsed. ``-`` reads standard
    input once, in this process. ``parser`` replaces ``aap_parser.parse`` (it must be a
    module-level function for the process pool); ``backend`` names the PDF reader, passed on
    to it only when given; ``ocr`` and ``ocr_lang`` (see ``aap_parser.parse``) are passed to
    ``aap_parser.parse`` only.
    """
    tasks = [_Task(i, name, name) for i, name in enumerate(os.fspath(p) for p in paths)]
    options = _Options(parser, password, strict, max_pages, backend, ocr, ocr_lang, max_memory)
    _read_stdin_inputs(tasks)
    workers = max(1, min(jobs or cpu_count(), cpu_count(), len(tasks)))
    if jobs == 1 or (workers == 1 and timeout is None and max_memory is None):
        alarm = timeout if _alarm_available() else None
        for task in tasks:
            yield _parse_here(task, options, alarm)
    else:
        yield from _parse_in_pool(tasks, options, workers, timeout)


def cpu_count() -> int:
    """The CPUs this process may run on: more workers would only multiply memory."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _alarm_available() -> bool:
    """True where a SIGALRM interval timer can interrupt parsing (POSIX, main thread)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _read_stdin_inputs(tasks: list[_Task]) -> None:
    """Read standard input once for every ``-`` task (workers cannot read our stdin)."""
    data: bytes | None = None
    for task in tasks:
        if task.path != STDIN:
            continue
        if data is None:
            try:
                data = read_stdin()
            except (AttributeError, OSError, ValueError) as error:
                task.error = InputError(f"cannot read standard input: {error}")
                continue
        task.source = data


def _parse_here(task: _Task, options: _Options, timeout: float | None) -> BatchResult:
    """Parse one input in this process, under a SIGALRM timer when a timeout is set and
    with allocations past ``BACKSTOP`` times its memory limit failing, when one is set."""
    if task.error is not None:
        return _result(task, None, task.error)
    with _allocations_bounded(options.max_memory):
        if timeout is None:
            return _result(task, *_run(task.source, options))
        previous = signal.signal(signal.SIGALRM, _raise_timeout)
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            with on_ocr_page(_extend_alarm):
                outcome = _run(task.source, options)
        except _Timeout:
            outcome = (None, _timeout_error(timeout), ())
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    return _result(task, *outcome)


@contextlib.contextmanager
def _allocations_bounded(max_memory: int | None) -> Iterator[None]:
    """While the block runs, allocations past ``BACKSTOP`` times ``max_memory`` fail in
    this process (``MemoryError``); the previous limit is restored after."""
    if max_memory is None:
        yield
        return
    previous = limit_memory(int(max_memory * BACKSTOP))
    try:
        yield
    finally:
        restore_memory_limit(previous)


def _extend_alarm() -> None:
    """Give the file being parsed ``OCR_PAGE_SECONDS`` more (a page is about to be OCR'd)."""
    left = signal.getitimer(signal.ITIMER_REAL)[0]
    if left > 0:
        signal.setitimer(signal.ITIMER_REAL, left + OCR_PAGE_SECONDS)


def _raise_timeout(signum: int, frame: FrameType | None) -> None:
    """SIGALRM handler: abandon the current parse."""
    raise _Timeout


def _timeout_error(timeout: float) -> AapParseError:
    """Return the error reported for a file over the time limit."""
    return TooLargeError(f"parsing took longer than the {timeout:g} s time limit")


def _result(
    task: _Task,
    announcement: Announcement | None,
    error: AapParseError | None,
    notes: tuple[str, ...] = (),
) -> BatchResult:
    """Build a task's BatchResult, naming the input in its error."""
    if error is not None:
        error = error.with_source(task.path)
    return BatchResult(task.path, announcement, error, notes)


def _run(source: str | bytes, options: _Options) -> _Outcome:
    """Parse one source, turning every exception into an ``AapParseError`` value."""
    parser = options.parser or _default_parser()
    ocr = {} if options.parser else {"ocr": options.ocr, "ocr_lang": options.ocr_lang}
    chosen = {"backend": options.backend} if options.backend else {}
    with _logged_notes() as notes:
        try:
            announcement = parser(
                source,
                password=options.password,
                strict=options.strict,
                max_pages=options.max_pages,
                **chosen,
                **ocr,
            )
        except AapParseError as error:
            return None, error, tuple(notes)
        except MemoryError:
            return None, _memory_error(options.max_memory), tuple(notes)
        except Exception as error:
            # A bug, not bad input: still one line, and the batch goes on.
            return None, internal_error(error), tuple(notes)
    return announcement, None, tuple(notes)


class _NoteTaker(logging.Handler):
    """Keeps the distinct warnings logged while one file is parsed, as one-line notes."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.notes: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Record ``library: message`` once (our own messages without the prefix)."""
        try:
            message = " ".join(record.getMessage().split())
        except Exception:  # a library's badly formatted message: keep its template
            message = " ".join(str(record.msg).split())
        library = record.name.split(".")[0]
        note = message if library == "aap_parser" else f"{library}: {message}"
        if note not in self.notes and len(self.notes) < MAX_NOTES:
            self.notes.append(note)


@contextlib.contextmanager
def _logged_notes() -> Iterator[list[str]]:
    """Collect the libraries' warnings (``LOGGED_LIBRARIES``) while the block runs, instead
    of letting Python print them raw on stderr."""
    taker = _NoteTaker()
    loggers = [logging.getLogger(name) for name in LOGGED_LIBRARIES]
    propagate = [logger.propagate for logger in loggers]
    for logger in loggers:
        logger.addHandler(taker)
        logger.propagate = False
    try:
        yield taker.notes
    finally:
        for logger, before in zip(loggers, propagate, strict=True):
            logger.removeHandler(taker)
            logger.propagate = before


def _memory_error(limit: int | None) -> AapParseError:
    """Return the error reported for a file that needs more memory than it may have."""
    if limit is None:
        return TooLargeError("out of memory while parsing")
    return TooLargeError(f"parsing needed more than the {limit / 2**20:g} MiB memory limit")


def internal_error(error: BaseException) -> AapParseError:
    """Describe an exception that is a bug, not bad input, as one ``internal error`` value."""
    return AapParseError(f"internal error: {type(error).__name__}: {error}")


def _default_parser() -> ParseFunction:
    """Return ``aap_parser.api.parse`` (imported late: workers import only what they use)."""
    from aap_parser.api import parse

    return parse


# -- process pool -------------------------------------------------------------------------

_started: SimpleQueue[tuple[int, int, float]] | None = None


def _init_worker(started: SimpleQueue[tuple[int, int, float]], max_memory: int | None) -> None:
    """Pool initializer: keep the queue on which tasks announce that they have started,
    bound this worker's memory, and tie its life to the parent's."""
    global _started
    _started = started
    # Ctrl-C goes to the whole process group: let the parent decide, workers just stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A forked worker inherits the parent's handlers: it ends on SIGTERM, its own timer
    # stays unset (the parent enforces the time limit by killing it).
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "setitimer"):
        signal.setitimer(signal.ITIMER_REAL, 0)
    _die_with_parent()
    if max_memory is not None:
        limit_memory(int(max_memory * BACKSTOP))


def limit_memory(max_bytes: int) -> tuple[int, tuple[int, int]] | None:
    """Make allocations past ``max_bytes`` fail (``MemoryError``) in this process; returns
    the limit it replaced (``resource.setrlimit``'s arguments to restore it).

    The limit is on the data segment (heap and private writable mappings, Linux's
    RLIMIT_DATA), not the address space, which libraries reserve far beyond what they use.
    Where the system has no such limit, nothing is done (None).
    """
    try:
        import resource
    except ImportError:  # not POSIX
        return None
    kind = getattr(resource, "RLIMIT_DATA", None)
    if kind is None:
        return None
    previous = resource.getrlimit(kind)
    hard = previous[1]
    if hard != resource.RLIM_INFINITY:
        max_bytes = min(max_bytes, hard)
    resource.setrlimit(kind, (max_bytes, hard))
    return kind, previous


def restore_memory_limit(previous: tuple[int, tuple[int, int]] | None) -> None:
    """Put back the limit :func:`limit_memory` replaced (None: it set none)."""
    if previous is not None:
        import resource

        resource.setrlimit(*previous)


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when its parent dies (killed, crashed): no orphan
    goes on parsing. Elsewhere workers still stop once their task queue closes."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import multiprocessing

    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    parent = multiprocessing.parent_process()
    if parent is not None and parent.pid != os.getppid():  # it died before the request
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def _pool_task(index: int, source: str | bytes, options: _Options) -> _Outcome:
    """Worker side of one task: announce the start (for the timeout), then parse."""
    if _started is not None:
        # A SimpleQueue writes before returning: the parent sees the start even if we crash.
        _started.put((index, os.getpid(), 0.0))
    with on_ocr_page(lambda: _more_time(index)):
        return _run(source, options)


def _more_time(index: int) -> None:
    """Worker side: ask for ``OCR_PAGE_SECONDS`` more for task ``index`` (a page to OCR)."""
    if _started is not None:
        _started.put((index, os.getpid(), OCR_PAGE_SECONDS))


def _start_method() -> str:
    """How workers start: forked on Linux when this process runs a single thread (a worker
    is then ready at once, the parser already imported: a single file pays little for its
    bounds), else spawned (a fresh interpreter: safe beside other threads)."""
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return "fork"
    return "spawn"


class _PoolUnavailable(Exception):
    """The pool's workers die before running any task (e.g. spawn cannot import __main__)."""


class _Pool:
    """A process pool plus the start queue its workers report on."""

    def __init__(self, workers: int, max_memory: int | None) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context(_start_method())
        self.started: SimpleQueue[tuple[int, int, float]] = context.SimpleQueue()
        self.executor = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=_init_worker,
            initargs=(self.started, max_memory),
        )
        self.pids: set[int] = set()

    def drain_started(self, running: dict[Future[_Outcome], _Task]) -> None:
        """Record the start time and worker of tasks that reported since the last call."""
        by_index = {task.index: task for task in running.values()}
        now = time.monotonic()
        while not self.started.empty():
            index, pid, more = self.started.get()
            self.pids.add(pid)
            task = by_index.get(index)
            if task is not None and more:
                task.allowance += more
            elif task is not None and task.started is None:
                task.started, task.pid = now, pid

    def close(self, *, kill: bool) -> None:
        """Shut the pool down; with ``kill``, end its workers first (abandoned work)."""
        if kill:
            # Every worker, also one still starting that has not reported a task yet (it
            # would take one and keep shutdown() waiting for it).
            workers = getattr(self.executor, "_processes", None) or {}
            for child in list(workers.values()):
                if child.is_alive():
                    child.kill()
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.started.close()


def _parse_in_pool(
    tasks: list[_Task], options: _Options, workers: int, timeout: float | None
) -> Iterator[BatchResult]:
    """Parse in a process pool, yielding results in input order.

    Falls back to parsing in this process when the pool cannot start its workers.
    """
    done = {t.index: _result(t, None, t.error) for t in tasks if t.error is not None}
    next_index = 0
    try:
        for index, result in _pool_results(
            [t for t in tasks if t.error is None], options, workers, timeout
        ):
            done[index] = result
            while next_index in done:
                yield done.pop(next_index)
                next_index += 1
    except _PoolUnavailable:
        alarm = timeout if _alarm_available() else None
        for task in tasks[next_index:]:
            if task.index not in done:
                done[task.index] = _parse_here(task, options, alarm)
    while next_index in done:
        yield done.pop(next_index)
        next_index += 1


def _pool_results(
    tasks: list[_Task], options: _Options, workers: int, timeout: float | None
) -> Iterator[tuple[int, BatchResult]]:
    """Run tasks in a pool, at most ``workers`` at a time; yield (index, result) as done.

    At most one task per worker is in flight, so a submitted task starts at once; when a
    task exceeds ``timeout``, or its worker's resident memory ``max_memory``, the worker is
    killed, the pool recycled and the other running tasks resubmitted. A pool broken by a
    crashing worker is recycled too, and the tasks that had started are retried alone so
    the crash is charged to the right file.
    """
    from concurrent.futures import FIRST_COMPLETED, wait
    from concurrent.futures.process import BrokenProcessPool

    pending = deque(tasks)
    pool = _Pool(workers, options.max_memory)
    running: dict[Future[_Outcome], _Task] = {}
    try:
        while pending or running:
            _submit(pool, pending, running, workers, options)
            finished, _ = wait(running, timeout=_POLL_SECONDS, return_when=FIRST_COMPLETED)
            pool.drain_started(running)
            broken = [f for f in finished if isinstance(f.exception(), BrokenProcessPool)]
            if broken and not pool.pids:
                raise _PoolUnavailable
            for future in finished:
                if future not in broken:
                    task = running.pop(future)
                    yield task.index, _result(task, *_outcome(future))
            expired = _over_limits(running, timeout, options.max_memory)
            if not expired and not broken:
                continue
            for task, error in expired.items():
                yield task.index, _result(task, None, error)
            stopped = [t for t in running.values() if t not in expired]
            running.clear()
            pool.close(kill=True)
            pool = _Pool(workers, options.max_memory)
            for task in sorted(stopped, key=lambda t: t.index, reverse=True):
                if broken and task.started is not None and task.solo:
                    error = InputError(
                        "the worker process parsing this file died (crash or out of memory)"
                    )
                    yield task.index, _result(task, None, error)
                    continue
                task.solo = task.solo or bool(broken and task.started is not None)
                task.started = task.pid = None
                pending.appendleft(task)
    finally:
        pool.close(kill=bool(running))


def _outcome(future: Future[_Outcome]) -> _Outcome:
    """Return a finished task's outcome; an exception outside ``_run`` (e.g. the options
    could not be pickled, or the parser raised a BaseException) is an internal error."""
    error = future.exception()
    if error is None:
        return future.result()
    return None, internal_error(error), ()


def _submit(
    pool: _Pool,
    pending: deque[_Task],
    running: dict[Future[_Outcome], _Task],
    workers: int,
    options: _Options,
) -> None:
    """Fill free workers from ``pending``; a solo task waits for, then blocks, all others."""
    while pending and len(running) < workers:
        task = pending[0]
        if running and (task.solo or any(t.solo for t in running.values())):
            return
        pending.popleft()
        future = pool.executor.submit(_pool_task, task.index, task.source, options)
        running[future] = task


def _over_limits(
    running: dict[Future[_Outcome], _Task], timeout: float | None, max_memory: int | None
) -> dict[_Task, AapParseError]:
    """Return the running tasks past a limit, with their error: started more than
    ``timeout`` seconds ago (plus their OCR allowance), or whose worker holds more than
    ``max_memory`` bytes (the worker's own allocation limit is set higher, as a backstop:
    this way the file gets a clear message rather than a crash)."""
    now = time.monotonic()
    over: dict[_Task, AapParseError] = {}
    for task in running.values():
        if task.started is None:
            continue
        if timeout is not None and now - task.started > timeout + task.allowance:
            over[task] = _timeout_error(timeout)
        elif max_memory is not None and task.pid is not None and _over(task.pid, max_memory):
            over[task] = _memory_error(max_memory)
    return over


def _over(pid: int, max_memory: int) -> bool:
    """True when process ``pid`` holds more than ``max_memory`` bytes of resident memory
    (read on Linux; elsewhere only the worker's allocation limit applies)."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            return int(statm.read().split()[1]) * _PAGE_SIZE > max_memory
    except (OSError, ValueError, IndexError):
        return False


_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
