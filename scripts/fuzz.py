"""Long-run mutation fuzzer: every input ends with a result or an ``AapParseError``, within
the time and memory bounds, whatever its bytes.

Mutates the sample PDFs and the seed text at the byte level (truncation, bit flips, byte
insertions, deletions, chunk duplication, splices) and, for PDFs, at the structure level:
an incremental update appends a hostile page to the document (reference cycles, nested
forms, operator floods, broken fonts; see ``STRUCTURES``). Mutants are parsed the way
``aap-parse`` parses them, by ``parse_many`` in two workers under ``--per-input`` seconds and
``--max-mib`` of memory; an internal error or a crashed worker is a finding, saved with its
input (and the traceback of parsing it again here), as is a batch that outlives its bound.

    nice -n 19 python scripts/fuzz.py --minutes 20 --seed 1 --out fuzz-findings

``--backend`` picks the PDF reader (the default one otherwise); the run ends with the
count of each outcome and the largest worker's peak resident memory. Inputs stopped at
the time limit are kept in ``OUT/slow/`` (not findings: the bound did its job).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import logging
import random
import re
import resource
import signal
import sys
import tempfile
import time
import traceback
import zlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import FrameType

from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfparser import PDFParser

from aap_parser import parse
from aap_parser.batch import BatchResult, parse_many
from aap_parser.sources.pdf.backends import BACKENDS, DEFAULT_BACKEND

REPO = Path(__file__).resolve().parents[1]
CORPUS_GLOBS = (
    "tests/fixtures/samples/*.pdf",
    "tests/fixtures/samples/*.txt",
    "tests/fixtures/seed.txt",
    "tests/fixtures/generated/*.pdf",
    "tests/fixtures/generated/*.txt",
)


def load_corpus(extra: list[Path], only: str | None) -> list[tuple[str, bytes]]:
    """The seed inputs (the repo's samples and generated fixtures, plus any given paths)."""
    paths = sorted({p for pattern in CORPUS_GLOBS for p in REPO.glob(pattern)})
    if only:
        paths = [p for p in paths if p.suffix == f".{only.replace('text', 'txt')}"]
    return [(p.name, p.read_bytes()) for p in [*paths, *extra]]


def mutate(data: bytes, rng: random.Random, donor: bytes) -> tuple[bytes, str]:
    """One to four random edits of ``data``; returns the mutant and a short description."""
    out = bytearray(data)
    steps: list[str] = []
    for _ in range(rng.randint(1, 4)):
        kind = rng.choice(("truncate", "flip", "insert", "delete", "duplicate", "splice"))
        n = len(out)
        if n == 0:
            kind = "insert"
        if kind == "truncate":
            cut = rng.randint(0, n)
            del out[cut:]
        elif kind == "flip":
            for _ in range(rng.randint(1, 16)):
                pos = rng.randrange(n)
                out[pos] ^= 1 << rng.randrange(8)
        elif kind == "insert":
            pos = rng.randint(0, n)
            blob = rng.choice(
                (
                    bytes(rng.randrange(256) for _ in range(rng.randint(1, 64))),
                    b"\t" * rng.randint(1, 40),
                    b"\n" * rng.randint(1, 40),
                    b"\x00" * rng.randint(1, 40),
                    b"(" * rng.randint(1, 40),
                    b"obj 9999 0 R ",
                    b"/Length 999999999 ",
                    b"|---|---|\n",
                )
            )
            out[pos:pos] = blob
        elif kind == "delete":
            pos = rng.randrange(n)
            del out[pos : pos + rng.randint(1, max(1, n // 10))]
        elif kind == "duplicate":
            pos = rng.randrange(n)
            chunk = out[pos : pos + rng.randint(1, 4096)]
            out[rng.randint(0, n) : rng.randint(0, n)] = chunk
        else:
            pos = rng.randint(0, len(donor))
            out[rng.randint(0, n) :] = donor[pos : pos + rng.randint(1, 8192)]
        steps.append(kind)
    return bytes(out), "+".join(steps)


# --- structure-aware mutations: a hostile page appended by an incremental update ----------

_OBJ = re.compile(rb"(\d+)\s+\d+\s+obj\b")
_PAGES_REF = re.compile(
    rb"/Type\s*/Catalog\b[^>]*?/Pages\s+(\d+\s+\d+\s+R)"
    rb"|/Pages\s+(\d+\s+\d+\s+R)[^>]*?/Type\s*/Catalog\b"
)
_STARTXREF = re.compile(rb"startxref\s+(\d+)")
_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
_TEXT = b"BT /F1 11 Tf 40 700 Td (R\xe9gion Collectivit\xe9 partenaire Titre du projet) Tj ET\n"


def _stream(content: bytes, head: bytes = b"", *, deflate: bool = False) -> bytes:
    """A stream object's body (Flate-compressed if asked)."""
    if deflate:
        content, head = zlib.compress(content), head + b" /Filter /FlateDecode"
    return b"<< /Length %d %s >>\nstream\n" % (len(content), head) + content + b"\nendstream"


class _Page:
    """The objects of one hostile page, numbered from ``first``: resources and contents."""

    def __init__(self, first: int) -> None:
        self.next = first
        self.objects: dict[int, bytes] = {}
        self.fonts: dict[bytes, int] = {}
        self.xobjects: dict[bytes, int] = {}
        self.contents: list[int] = []
        self.resources_ref: int | None = None
        """An object standing for the whole /Resources (e.g. one that refers to itself)."""
        self.kids_cycle = False
        """True: the page tree lists itself among its kids."""

    def add(self, body: bytes) -> int:
        """Number a new object; returns its number."""
        number, self.next = self.next, self.next + 1
        self.objects[number] = body
        return number

    def resources(self) -> bytes:
        """The page's /Resources dictionary."""
        fonts = b" ".join(b"/%s %d 0 R" % (k, v) for k, v in self.fonts.items())
        forms = b" ".join(b"/%s %d 0 R" % (k, v) for k, v in self.xobjects.items())
        return b"<< /Font << %s >> /XObject << %s >> >>" % (fonts, forms)


def _cycle(page: _Page, rng: random.Random) -> str:
    """References that come back to themselves, where objects are resolved."""
    kind = rng.choice(("self-resources", "ring-contents", "font", "xobject", "kids", "length"))
    if kind == "self-resources":
        number = page.next
        page.resources_ref = page.add(b"%d 0 R" % number)
    elif kind == "ring-contents":
        a = page.next
        page.add(b"%d 0 R" % (a + 1))
        page.add(b"%d 0 R" % a)
        page.contents.append(a)
    elif kind == "font":
        number = page.next
        page.fonts[b"F%d" % rng.randint(1, 3)] = page.add(b"%d 0 R" % number)
    elif kind == "xobject":
        number = page.next
        page.xobjects[b"X9"] = page.add(b"%d 0 R" % number)
        page.contents.append(page.add(_stream(b"/X9 Do\n")))
    elif kind == "kids":
        page.kids_cycle = True
    else:
        number = page.next
        page.contents.append(page.add(b"<< /Length %d 0 R >>\nstream\nq Q\nendstream" % number))
    return f"cycle-{kind}"


def _nested_forms(page: _Page, rng: random.Random) -> str:
    """Forms drawing the form below them several times: fan_out ** depth glyphs."""
    depth, fan_out = rng.randint(2, 9), rng.randint(2, 12)
    font = page.add(_FONT)
    below = page.add(_stream(_TEXT, b"/Type /XObject /Subtype /Form /BBox [0 0 612 792]"
                             b" /Resources << /Font << /F1 %d 0 R >> >>" % font))
    for _ in range(depth):
        below = page.add(_stream(b"q /X Do Q\n" * fan_out,
                                 b"/Type /XObject /Subtype /Form /BBox [0 0 612 792]"
                                 b" /Resources << /XObject << /X %d 0 R >> >>" % below))
    page.xobjects[b"N"] = below
    page.contents.append(page.add(_stream(b"/N Do\n")))
    return f"forms-{fan_out}^{depth}"


_FLOOD_OPERATORS = (
    b"0 0 m 600 800 l S\n",
    b"10 10 5 5 re f\n",
    b"BT /F1 9 Tf 20 20 Td (x) Tj ET\n",
    b"q 1 0 0 1 0 0 cm\n",
    b"Q\n",
    b"BT\n",
    b"/Missing Do\n",
    b"0 0 0 rg 1 w [] 0 d\n",
    b"(\\050) ' \n",
    b"1e308 1e308 m 1 1 l S\n",
)


def _flood(page: _Page, rng: random.Random) -> str:
    """One operator repeated tens of thousands of times (compressed: a few KB on disk)."""
    operator = rng.choice(_FLOOD_OPERATORS)
    count = rng.choice((1_000, 20_000, 200_000))
    page.fonts.setdefault(b"F1", page.add(_FONT))
    page.contents.append(page.add(_stream(operator * count, deflate=True)))
    return f"flood-{operator.split()[-1].decode(errors='replace')}x{count}"


_BROKEN_FONTS = (
    b"<< /Type /Font /Subtype /Type1 >>",
    b"<< /Type /Font /Subtype /TrueType /BaseFont /Arial /FirstChar -5 /LastChar 99999"
    b" /Widths [1 2 /x] >>",
    b"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H"
    b" /DescendantFonts [ (junk) ] >>",
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding"
    b" << /Differences [ 1000000000 /a /b -3 /c ] >> >>",
    b"<< /Type /Font /Subtype /Type3 /FontMatrix [0 0 0 0 0 0] /CharProcs << >>"
    b" /Encoding << /Differences [0 /g] >> /FirstChar 0 /LastChar 0 /Widths [0] >>",
)


def _broken_font(page: _Page, rng: random.Random) -> str:
    """A font whose dictionary, program or ToUnicode map is broken, then used."""
    choice = rng.randrange(len(_BROKEN_FONTS) + 2)
    if choice < len(_BROKEN_FONTS):
        font = page.add(_BROKEN_FONTS[choice])
    elif choice == len(_BROKEN_FONTS):
        cmap = bytes(rng.randrange(256) for _ in range(rng.randint(10, 400)))
        to_unicode = page.add(_stream(b"begincmap 1 beginbfchar <01> <" + cmap.hex().encode()))
        font = page.add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica"
                        b" /ToUnicode %d 0 R >>" % to_unicode)
    else:
        program = page.add(_stream(bytes(rng.randrange(256) for _ in range(2000))))
        descriptor = page.add(b"<< /Type /FontDescriptor /FontName /Bad /Flags 4"
                              b" /FontBBox [0 0 1] /FontFile2 %d 0 R >>" % program)
        font = page.add(b"<< /Type /Font /Subtype /TrueType /BaseFont /Bad"
                        b" /FontDescriptor %d 0 R >>" % descriptor)
    page.fonts[b"F1"] = font
    page.contents.append(page.add(_stream(_TEXT * rng.randint(1, 40))))
    return f"font-{choice}"


STRUCTURES: tuple[Callable[[_Page, random.Random], str], ...] = (
    _cycle,
    _nested_forms,
    _flood,
    _broken_font,
)
"""The hostile-page ingredients a structural mutation combines."""


def structural_mutation(data: bytes, rng: random.Random) -> tuple[bytes, str] | None:
    """Append a hostile page to a PDF by an incremental update: a new catalog whose page
    tree holds the hostile page before the document's own pages. None if ``data`` shows no
    page tree reference to keep (its catalog is in a compressed object stream)."""
    tree_ref = _page_tree_ref(data)
    startxref = list(_STARTXREF.finditer(data))
    if tree_ref is None or not startxref:
        return None
    first = max((int(m.group(1)) for m in _OBJ.finditer(data)), default=0) + 10
    page = _Page(first)
    steps = [rng.choice(STRUCTURES)(page, rng) for _ in range(rng.randint(1, 3))]
    catalog, tree, leaf = page.next, page.next + 1, page.next + 2
    contents = b" ".join(b"%d 0 R" % n for n in page.contents)
    resources = page.resources() if page.resources_ref is None else b"%d 0 R" % page.resources_ref
    loop = b" %d 0 R" % tree if page.kids_cycle else b""
    kids = b"[%d 0 R %s%s]" % (leaf, tree_ref, loop)
    page.objects[catalog] = b"<< /Type /Catalog /Pages %d 0 R >>" % tree
    page.objects[tree] = b"<< /Type /Pages /Kids %s /Count 99 >>" % kids
    page.objects[leaf] = (
        b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources %s /Contents [%s] >>"
        % (tree, resources, contents)
    )
    return _append_update(data, page.objects, catalog, int(startxref[-1].group(1))), "+".join(steps)


def _page_tree_ref(data: bytes) -> bytes | None:
    """The reference to the document's page tree (``b"2 0 R"``): read in the file, or, when
    the catalog sits in a compressed object stream, from pdfminer's reading of it."""
    found = _PAGES_REF.search(data)
    if found is not None:
        return found.group(1) or found.group(2)
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        reference = document.catalog["Pages"]
        return b"%d 0 R" % reference.objid
    except Exception:  # not readable as a PDF: byte mutations only
        return None


def _append_update(data: bytes, objects: dict[int, bytes], root: int, previous: int) -> bytes:
    """``data`` with ``objects`` appended as an incremental update whose trailer names
    ``root`` as the catalog."""
    out = bytearray(data if data.endswith(b"\n") else data + b"\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n" + b"".join(
        b"%d 1\n%010d 00000 n \n" % (number, offsets[number]) for number in sorted(objects)
    )
    out += b"trailer\n<< /Size %d /Root %d 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (
        max(objects) + 1,
        root,
        previous,
        xref,
    )
    return bytes(out)


# --- the run -------------------------------------------------------------------------------


class Hang(Exception):
    """Parsing a finding again, in this process, took longer than the time limit."""


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise Hang("input took longer than the time limit")


def _traceback(data: bytes, seconds: int, backend: str | None) -> str:
    """Parse ``data`` again here, to show where it fails (the worker only names the error)."""
    signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(seconds)
    try:
        parse(data, **({"backend": backend} if backend else {}))
    except BaseException as exc:  # the finding's own exception, whatever it is
        return "".join(traceback.format_exception(exc))
    finally:
        signal.alarm(0)
    return "(parsed without error in this process)"


def classify(result: BatchResult) -> str:
    """The outcome of one input: ``ok``, an expected error type, a bound that stopped it, or
    ``BUG ...`` (an internal error, a crashed worker)."""
    error = result.error
    if error is None:
        return "ok"
    text = str(error)
    if "internal error" in text:
        return "BUG " + text.split("internal error: ", 1)[1][:80]
    if "worker process" in text:
        return "BUG worker died"
    if "time limit" in text:
        return "stopped at the time limit"
    if "memory limit" in text:
        return "stopped at the memory limit"
    return type(error).__name__


def run(
    minutes: float,
    seed: int,
    out: Path,
    per_input: int,
    max_mib: int,
    extra: list[Path],
    only: str | None,
    batch: int = 16,
    backend: str | None = None,
) -> int:
    """Fuzz for ``minutes``; returns the number of distinct findings saved."""
    rng = random.Random(seed)
    corpus = load_corpus(extra, only)
    out.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + minutes * 60
    tried = 0
    outcomes: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    seen: set[str] = set()
    with tempfile.TemporaryDirectory(prefix="aap-fuzz-") as folder:
        while time.monotonic() < deadline:
            mutants = []
            for n in range(batch):
                name, base = rng.choice(corpus)
                made = structural_mutation(base, rng) if rng.random() < 0.5 else None
                data, how = made or mutate(base, rng, rng.choice(corpus)[1])
                kinds["structure" if made else "bytes"] += 1
                path = Path(folder) / f"{n:02d}{Path(name).suffix}"
                path.write_bytes(data)
                mutants.append((str(path), name, how, data))
            began = time.monotonic()
            results = list(
                parse_many([m[0] for m in mutants], jobs=2, timeout=per_input,
                           max_memory=max_mib * 2**20, backend=backend)
            )
            if time.monotonic() - began > batch * (per_input + 30):
                outcomes["BUG batch past its time bound"] += 1
            for (_, name, how, data), result in zip(mutants, results, strict=True):
                tried += 1
                outcome = classify(result)
                outcomes[outcome] += 1
                if outcome == "stopped at the time limit":  # kept to see what is slow
                    slow = out / "slow"
                    slow.mkdir(exist_ok=True)
                    digest = hashlib.sha256(data).hexdigest()[:12]
                    (slow / f"{digest}{Path(name).suffix}").write_bytes(data)
                    (slow / f"{digest}.txt").write_text(f"base={name} mutation={how}\n")
                if not outcome.startswith("BUG") or outcome in seen:
                    continue
                seen.add(outcome)
                digest = hashlib.sha256(data).hexdigest()[:12]
                (out / f"{digest}.bin").write_bytes(data)
                (out / f"{digest}.txt").write_text(
                    f"{outcome}\nbase={name} mutation={how} size={len(data)}\n\n"
                    + _traceback(data, per_input, backend),
                    encoding="utf-8",
                )
                print(f"[{tried}] new finding {outcome} from {name} ({how}) -> {digest}")
            if tried % (batch * 25) == 0:
                print(f"[{tried}] {dict(outcomes)}", flush=True)
            sys.stdout.flush()
    print(f"tried {tried} inputs in {minutes} min ({dict(kinds)}): {dict(outcomes)}", flush=True)
    print(f"distinct findings: {len(seen)} (saved in {out})", flush=True)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"largest worker's peak resident memory: {peak:.0f} MiB", flush=True)
    return len(seen)


def main(argv: list[str] | None = None) -> int:
    """Command line: time budget, random seed, findings folder, per-input limits."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=20.0, help="time budget")
    parser.add_argument("--seed", type=int, default=0, help="random seed (reproducible runs)")
    parser.add_argument("--out", type=Path, default=Path("fuzz-findings"), help="findings folder")
    parser.add_argument("--per-input", type=int, default=10, help="seconds allowed per input")
    parser.add_argument("--max-mib", type=int, default=1024, help="memory per input, MiB")
    parser.add_argument("--only", choices=["pdf", "text"], help="fuzz only this kind of seed")
    parser.add_argument("--backend", choices=sorted(BACKENDS), help="PDF backend (default: "
                        f"{DEFAULT_BACKEND})")
    parser.add_argument("extra", nargs="*", type=Path, help="more seed inputs")
    args = parser.parse_args(argv)
    logging.disable(logging.CRITICAL)  # pdfminer logs every repair it makes
    found = run(
        args.minutes, args.seed, args.out, args.per_input, args.max_mib, args.extra, args.only,
        backend=args.backend,
    )
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
