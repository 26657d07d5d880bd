"""Long-run mutation fuzzer: only ``AapParseError`` may escape ``aap_parser.parse``.

Mutates the sample PDFs and the seed text (truncation, bit flips, byte insertions,
deletions, chunk duplication, splices), parses each mutant under a time and memory limit,
and saves every other exception (or hang) with its input and traceback in a folder.

    python scripts/fuzz.py --minutes 20 --seed 1 --out fuzz-findings
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import random
import resource
import signal
import sys
import time
import traceback
from collections import Counter
from pathlib import Path
from types import FrameType

from aap_parser import parse
from aap_parser.errors import AapParseError

REPO = Path(__file__).resolve().parents[1]
CORPUS_GLOBS = (
    "tests/fixtures/samples/*.pdf",
    "tests/fixtures/samples/*.txt",
    "tests/fixtures/seed.txt",
    "tests/fixtures/generated/*.pdf",
    "tests/fixtures/generated/*.txt",
)


class Hang(Exception):
    """One input took longer than the per-input time limit."""


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


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise Hang("input took longer than the time limit")


def _where(exc: BaseException, ours_only: bool) -> str:
    frames = list(traceback.extract_tb(exc.__traceback__))
    if ours_only:
        frames = [f for f in frames if "aap_parser" in f.filename] or frames
    return f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"


def signature(exc: BaseException) -> str:
    """An unexpected exception's identity: type, innermost aap_parser frame, first cause."""
    root = exc
    while (parent := root.__cause__ or root.__context__) is not None:
        root = parent
    return f"{type(exc).__name__}@{_where(exc, True)}<-{type(root).__name__}@{_where(root, False)}"


def run(
    minutes: float, seed: int, out: Path, per_input: int, extra: list[Path], only: str | None
) -> int:
    """Fuzz for ``minutes``; returns the number of distinct unexpected failures saved."""
    rng = random.Random(seed)
    corpus = load_corpus(extra, only)
    out.mkdir(parents=True, exist_ok=True)
    signal.signal(signal.SIGALRM, _on_alarm)
    deadline = time.monotonic() + minutes * 60
    tried = 0
    outcomes: Counter[str] = Counter()
    seen: set[str] = set()
    while time.monotonic() < deadline:
        name, base = rng.choice(corpus)
        data, how = mutate(base, rng, rng.choice(corpus)[1])
        tried += 1
        signal.alarm(per_input)
        try:
            parse(data)
            outcomes["ok"] += 1
        except AapParseError as error:
            outcomes[type(error).__name__] += 1
        except (Exception, RecursionError, MemoryError) as exc:  # the bugs we hunt
            sig = signature(exc)
            outcomes["BUG " + sig] += 1
            if sig not in seen:
                seen.add(sig)
                digest = hashlib.sha256(data).hexdigest()[:12]
                (out / f"{digest}.bin").write_bytes(data)
                (out / f"{digest}.txt").write_text(
                    f"{sig}\nbase={name} mutation={how} size={len(data)}\n\n"
                    + "".join(traceback.format_exception(exc)),
                    encoding="utf-8",
                )
                print(f"[{tried}] new failure {sig} from {name} ({how}) -> {digest}", flush=True)
        finally:
            signal.alarm(0)
        if tried % 500 == 0:
            print(f"[{tried}] {dict(outcomes)}", flush=True)
    print(f"tried {tried} inputs in {minutes} min: {dict(outcomes)}", flush=True)
    print(f"distinct unexpected failures: {len(seen)} (saved in {out})", flush=True)
    return len(seen)


def main(argv: list[str] | None = None) -> int:
    """Command line: time budget, random seed, findings folder, per-input limits."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=20.0, help="time budget")
    parser.add_argument("--seed", type=int, default=0, help="random seed (reproducible runs)")
    parser.add_argument("--out", type=Path, default=Path("fuzz-findings"), help="findings folder")
    parser.add_argument("--per-input", type=int, default=60, help="seconds allowed per input")
    parser.add_argument("--max-gib", type=float, default=3.0, help="address-space limit, GiB")
    parser.add_argument("--only", choices=["pdf", "text"], help="fuzz only this kind of seed")
    parser.add_argument("extra", nargs="*", type=Path, help="more seed inputs")
    args = parser.parse_args(argv)
    logging.disable(logging.CRITICAL)  # pdfminer logs every repair it makes
    limit = int(args.max_gib * 2**30)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    found = run(args.minutes, args.seed, args.out, args.per_input, args.extra, args.only)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
