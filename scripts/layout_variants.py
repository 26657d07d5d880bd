"""Layout text of header variants: how many laureates ``pdftotext -layout`` text gives exactly.

The committed specs, changed as the text variants change them (header words outside the
vocabulary, columns reordered, a « Projet » column of row numbers, a per-row programme
column: ``tests/fixtures_gen/variants.py``), printed by each producer of the round trip
(``scripts/layout_roundtrip.py``: LibreOffice from a Word document, WeasyPrint, three reportlab
styles), turned into layout text by poppler's ``pdftotext -layout`` and parsed; a laureate
counts when every field the variants compare is equal. Needs the ``fixtures`` extra and
poppler-utils (LibreOffice for ``docx-lo``); a script, not a test (the committed layout
fixtures are the tests).

    python scripts/layout_variants.py [--producers word,grid,borderless,html,docx-lo] [--keep DIR]
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from scripts.layout_roundtrip import layout_text, producer_list, render  # noqa: E402
from tests.fixtures_gen import variants  # noqa: E402
from tests.fixtures_gen.spec import AnnouncementSpec, SpecError, load_all_specs  # noqa: E402

KINDS: dict[str, Callable[[AnnouncementSpec], AnnouncementSpec | None]] = {
    "words": variants._reworded,
    "reordered": variants._reordered,
    "numbered": variants._numbered,
    "programme": variants._with_programme,
}


def _changed() -> list[tuple[str, str, AnnouncementSpec]]:
    """Each spec's variants: kind, spec name and the changed spec, named apart."""
    out = []
    for spec in load_all_specs():
        for kind, change in KINDS.items():
            changed = change(spec)
            if changed is not None:
                named = dataclasses.replace(changed, name=f"{spec.name}.{kind}")
                out.append((kind, spec.name, named))
    return out


def main(argv: list[str] | None = None) -> int:
    """Print every variant text read short of exact, then the share per kind and producer."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--producers", default="word,grid,borderless")
    parser.add_argument("--keep", type=Path, help="folder for the layout texts")
    args = parser.parse_args(argv)
    producers = producer_list(parser, args.producers)
    totals: dict[tuple[str, str], list[int]] = {}
    changed = _changed()
    for producer in producers:
        for kind, name, spec in changed:
            try:
                pdfs = render(producer, [spec])
            except SpecError:  # the table does not fit the producer's page
                continue
            if spec.name not in pdfs:
                continue
            text = layout_text(pdfs[spec.name])
            if args.keep is not None:
                args.keep.mkdir(parents=True, exist_ok=True)
                (args.keep / f"{spec.name}.{producer}.txt").write_text(text, "utf-8")
            golden = variants.expected(variants.TextVariant(name, spec), text)
            exact, wanted = variants.score(text, golden)
            total = totals.setdefault((kind, producer), [0, 0])
            total[0] += exact
            total[1] += wanted
            if exact < wanted:
                print(f"  {spec.name} {producer}: {exact}/{wanted}")
    for (kind, producer), (exact, wanted) in sorted(totals.items()):
        share = 100 * exact / wanted
        print(f"{kind:10} {producer:10} {exact}/{wanted} laureates exact ({share:.1f}%)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
