"""Round trip through ``pdftotext -layout``: how many laureates the layout text gives exactly.

Draws random announcements (the round-trip tests' hypothesis strategy, with a fixed seed),
prints each with one or more producers (``docx-lo``: a Word document converted by
LibreOffice; ``html``: WeasyPrint; ``word``, ``grid``, ``borderless``: our reportlab
styles), turns every PDF into layout text with poppler's ``pdftotext -layout``, parses that
text and counts the laureates read exactly as the spec holds them (a laureate matches when
every field but provenance and enrichment codes is equal; matching ignores order). The
target is 95% per producer. Needs the ``fixtures`` extra, LibreOffice and poppler-utils; it
is a script, not a test, as LibreOffice is slow and CI does not have it.

    nice -n 19 python scripts/layout_roundtrip.py --seed 1 --count 40 --producers docx-lo,html

``--keep DIR`` saves every layout text under ``DIR/texts``; ``--reuse DIR`` reads them back
instead of printing again, to score a change to the reader in seconds.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, seed, settings

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.fixtures_gen.golden import build_golden  # noqa: E402
from tests.fixtures_gen.spec import AnnouncementSpec  # noqa: E402
from tests.fixtures_gen.strategies import announcement_specs  # noqa: E402

from aap_parser import AapParseError, parse_text  # noqa: E402
from aap_parser.models import Source  # noqa: E402

PRODUCERS = ("docx-lo", "html", "word", "grid", "borderless")


# Hypothesis draws neighbouring examples alike: keep one in so many.
_SPREAD = 7


def draw_specs(number: int, count: int) -> list[AnnouncementSpec]:
    """``count`` random specs, the same for the same seed ``number``, each named apart."""
    drawn: list[AnnouncementSpec] = []

    @seed(number)
    @settings(
        max_examples=count * _SPREAD,
        database=None,
        phases=[Phase.generate],
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(spec=announcement_specs())
    def collect(spec: AnnouncementSpec) -> None:
        drawn.append(spec)

    collect()
    return [
        dataclasses.replace(spec, name=f"random-{number}-{index:03d}")
        for index, spec in enumerate(drawn[::_SPREAD][:count])
    ]


def render(producer: str, specs: list[AnnouncementSpec]) -> dict[str, bytes]:
    """Each spec's PDF as the producer prints it, by spec name."""
    if producer == "docx-lo":
        from tests.fixtures_gen.render_docx import render_docx_pdfs

        return render_docx_pdfs(specs)
    if producer == "html":
        from tests.fixtures_gen.render_html import render_html_pdfs
        from tests.fixtures_gen.spec import SpecError

        out: dict[str, bytes] = {}
        for spec in specs:
            try:
                out.update(render_html_pdfs([spec]))
            except SpecError as error:  # a WeasyPrint crash costs that spec, not the run
                print(f"  html {spec.name}: not printed ({error})")
        return out
    from tests.fixtures_gen.render_pdf import render_pdf

    return {spec.name: render_pdf(spec, producer) for spec in specs}  # type: ignore[arg-type]


def layout_text(pdf: bytes) -> str:
    """What ``pdftotext -layout`` prints for the PDF."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in.pdf"
        path.write_bytes(pdf)
        done = subprocess.run(
            ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
            check=True,
            capture_output=True,
            timeout=120,
        )
    return done.stdout.decode("utf-8")


def _laureates(data: dict[str, Any]) -> list[str]:
    """The laureates as comparable keys: every field but provenance, index and codes."""
    out = []
    for item in data["laureates"]:
        kept = {k: v for k, v in item.items() if k not in ("provenance", "region_code", "index")}
        kept["leads"] = [lead["name"] for lead in item["leads"]]
        out.append(json.dumps(kept, sort_keys=True, ensure_ascii=False))
    return out


def score(spec: AnnouncementSpec, text: str) -> tuple[int, int, str]:
    """Laureates read exactly, laureates expected, and what went wrong ("" when all)."""
    want = _laureates(build_golden(spec, Source(format="text")).model_dump(mode="json"))
    try:
        got = _laureates(parse_text(text).model_dump(mode="json"))
    except AapParseError as error:
        return 0, len(want), f"{type(error).__name__}: {error}"
    exact = sum((Counter(want) & Counter(got)).values())
    problem = "" if exact == len(want) == len(got) else f"{len(got)} read, {exact} exact"
    return exact, len(want), problem


def saved_texts(folder: Path, producer: str, specs: list[AnnouncementSpec]) -> dict[str, str]:
    """The layout texts an earlier ``--keep`` saved in ``folder`` for the producer, by spec name."""
    out: dict[str, str] = {}
    for spec in specs:
        path = folder / "texts" / f"{spec.name}.{producer}.layout.txt"
        if path.is_file():
            out[spec.name] = path.read_text("utf-8")
    return out


def run(
    producers: list[str],
    specs: list[AnnouncementSpec],
    keep: Path | None,
    report: Callable[[str], None] = print,
    reuse: Path | None = None,
) -> dict[str, tuple[int, int]]:
    """Score every producer over the specs; keep the failing texts and PDFs in ``keep``,
    and there every layout text under ``texts/`` (to score them again without printing).
    With ``reuse``, the texts saved there are read back and nothing is printed."""
    totals: dict[str, tuple[int, int]] = {}
    for producer in producers:
        pdfs: dict[str, bytes] = {}
        if reuse is not None:
            texts = saved_texts(reuse, producer, specs)
        else:
            pdfs = render(producer, specs)
            texts = {name: layout_text(pdf) for name, pdf in pdfs.items()}
        exact = expected = 0
        for spec in specs:
            if spec.name not in texts:
                continue
            text = texts[spec.name]
            if keep is not None:
                (keep / "texts").mkdir(parents=True, exist_ok=True)
                (keep / "texts" / f"{spec.name}.{producer}.layout.txt").write_text(text, "utf-8")
            got, want, problem = score(spec, text)
            exact, expected = exact + got, expected + want
            if problem:
                report(f"  {producer} {spec.name}: {problem}")
                if keep is not None:
                    keep.mkdir(parents=True, exist_ok=True)
                    (keep / f"{spec.name}.{producer}.layout.txt").write_text(text, "utf-8")
                    if spec.name in pdfs:
                        (keep / f"{spec.name}.{producer}.pdf").write_bytes(pdfs[spec.name])
        if not expected:
            report(f"{producer:10} no text")
            continue
        totals[producer] = (exact, expected)
        report(f"{producer:10} {exact}/{expected} laureates exact ({100 * exact / expected:.1f}%)")
    return totals


def producer_list(parser: argparse.ArgumentParser, text: str) -> list[str]:
    """The producers a comma-separated ``--producers`` option names (the parser's error on
    a name not among :data:`PRODUCERS`)."""
    producers = [p for p in text.split(",") if p]
    unknown = set(producers) - set(PRODUCERS)
    if unknown:
        parser.error(f"unknown producers: {', '.join(sorted(unknown))}")
    return producers


def main(argv: list[str] | None = None) -> int:
    """Parse the options, run the round trip, print the share per producer."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--producers", default="docx-lo,html,word,grid,borderless")
    parser.add_argument("--keep", type=Path, help="folder for the texts that went wrong")
    parser.add_argument("--reuse", type=Path, help="read the texts a --keep saved there")
    args = parser.parse_args(argv)
    producers = producer_list(parser, args.producers)
    specs = draw_specs(args.seed, args.count)
    totals = run(producers, specs, args.keep, reuse=args.reuse)
    return 0 if all(got >= 0.95 * want for got, want in totals.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
