"""Layout text of header variants: how many laureates ``pdftotext -layout`` text gives exactly.

The committed specs, changed as the text variants change them (header words outside the
vocabulary, columns reordered, a « Projet » column of row numbers, a per-row programme
column: ``tests/fixtures_gen/variants.py``), printed by the three reportlab styles, turned
into layout text by poppler's ``pdftotext -layout`` and parsed; a laureate counts when every
field the variants compare is equal. Needs the ``fixtures`` extra and poppler-utils; a script,
not a test (the committed layout fixtures are the tests).

    python scripts/layout_variants.py [--keep DIR]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from scripts.layout_roundtrip import layout_text  # noqa: E402
from tests.fixtures_gen import variants  # noqa: E402
from tests.fixtures_gen.render_pdf import render_pdf_info  # noqa: E402
from tests.fixtures_gen.spec import (  # noqa: E402
    AnnouncementSpec,
    PdfStyle,
    SpecError,
    load_all_specs,
)

KINDS: dict[str, Callable[[AnnouncementSpec], AnnouncementSpec | None]] = {
    "words": variants._reworded,
    "reordered": variants._reordered,
    "numbered": variants._numbered,
    "programme": variants._with_programme,
}
STYLES: tuple[PdfStyle, ...] = ("word", "grid", "borderless")


def main(argv: list[str] | None = None) -> int:
    """Print every variant text read short of exact, then the share per kind and style."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="folder for the layout texts")
    args = parser.parse_args(argv)
    totals: dict[tuple[str, PdfStyle], list[int]] = {}
    for spec in load_all_specs():
        for kind, change in KINDS.items():
            changed = change(spec)
            if changed is None:
                continue
            for style in STYLES:
                try:
                    pdf = render_pdf_info(changed, style).data
                except SpecError:  # the table is too wide for the style's page
                    continue
                text = layout_text(pdf)
                if args.keep is not None:
                    args.keep.mkdir(parents=True, exist_ok=True)
                    (args.keep / f"{spec.name}.{kind}.{style}.txt").write_text(text, "utf-8")
                golden = variants.expected(variants.TextVariant(spec.name, changed), text)
                exact, wanted = variants.score(text, golden)
                total = totals.setdefault((kind, style), [0, 0])
                total[0] += exact
                total[1] += wanted
                if exact < wanted:
                    print(f"  {spec.name} {kind} {style}: {exact}/{wanted}")
    for (kind, printed), (exact, wanted) in sorted(totals.items()):
        share = 100 * exact / wanted
        print(f"{kind:10} {printed:10} {exact}/{wanted} laureates exact ({share:.1f}%)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
