"""Regenerate ``tests/fixtures/generated`` from ``tests/fixtures_gen/specs/*.json``.

For each spec: one PDF per style it lists (``<spec>.<style>.pdf``), the tab and pipe text
renditions (``<spec>.tab.txt``, ``<spec>.pipe.txt``), the expected records
(``<spec>.golden.json``, its source being the first PDF style) and a ``manifest.json`` giving each
rendition's source fields, table pages and row pages. Run ``python -m tests.fixtures_gen.generate``
from the repository root; ``--check`` only reports whether the files are up to date.

The outside producers' renditions (``<spec>.docx-lo.pdf`` by LibreOffice, ``<spec>.html.pdf`` by
WeasyPrint) need those programs and are not byte-reproducible: they are rendered only with
``--external``; otherwise their committed files and manifest entries are kept as they are.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make ``tests.fixtures_gen`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    __package__ = "tests.fixtures_gen"

from aap_parser.models import Source

from .files import changed_files, write_files
from .golden import GENERATED_DIR, MANIFEST, build_golden
from .render_pdf import render_pdf_info
from .render_text import render_pipe, render_tab
from .spec import SPECS_DIR, AnnouncementSpec, load_all_specs

EXTERNAL_STYLES = ("docx-lo", "html")
"""Styles printed by outside producers, after the reportlab ones, for every spec."""


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _json_bytes(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def render_spec(spec: AnnouncementSpec) -> tuple[dict[str, bytes], dict[str, Any]]:
    """Every file of one spec (name -> bytes) and its manifest entries."""
    files: dict[str, bytes] = {}
    entries: dict[str, Any] = {}
    golden_source: tuple[Source, list[list[int]]] | None = None
    for style in spec.render.styles:
        name = f"{spec.name}.{style}.pdf"
        pdf = render_pdf_info(spec, style)
        source = Source(path=name, format="pdf", sha256=_sha(pdf.data), pages=pdf.pages)
        files[name] = pdf.data
        entries[name] = {
            "spec": spec.name,
            "style": style,
            "source": source.model_dump(mode="json"),
            "table_pages": pdf.table_pages,
            "row_pages": pdf.row_pages,
            "broken_rows": pdf.broken_rows,
        }
        golden_source = golden_source or (source, pdf.table_pages)
    for kind, text in (("tab", render_tab(spec)), ("pipe", render_pipe(spec))):
        name = f"{spec.name}.{kind}.txt"
        data = text.encode("utf-8")
        source = Source(path=name, format="text", sha256=_sha(data), pages=None)
        files[name] = data
        entries[name] = {
            "spec": spec.name,
            "style": kind,
            "source": source.model_dump(mode="json"),
            "table_pages": [[] for _ in spec.tables],
            "row_pages": [None] * sum(len(t.rows) for t in spec.tables),
            "broken_rows": [],
        }
        golden_source = golden_source or (source, [[] for _ in spec.tables])
    assert golden_source is not None
    golden = build_golden(spec, golden_source[0], golden_source[1])
    files[f"{spec.name}.golden.json"] = _json_bytes(golden.model_dump(mode="json"))
    return files, entries


def external_entry(spec: AnnouncementSpec, style: str, data: bytes) -> dict[str, Any]:
    """The manifest entry of an outside producer's PDF, its placement read back from it."""
    from .placement import locate

    name = f"{spec.name}.{style}.pdf"
    where = locate(spec, data)
    source = Source(path=name, format="pdf", sha256=_sha(data), pages=where.pages)
    return {
        "spec": spec.name,
        "style": style,
        "source": source.model_dump(mode="json"),
        "table_pages": where.table_pages,
        "row_pages": where.row_pages,
        "broken_rows": where.broken_rows,
    }


def render_external(specs: list[AnnouncementSpec]) -> tuple[dict[str, bytes], dict[str, Any]]:
    """Every spec printed by LibreOffice (from a Word document) and by WeasyPrint (from HTML)."""
    from .render_docx import render_docx_pdfs
    from .render_html import render_html_pdfs

    files: dict[str, bytes] = {}
    entries: dict[str, Any] = {}
    for style, pdfs in (("docx-lo", render_docx_pdfs(specs)), ("html", render_html_pdfs(specs))):
        for spec in specs:
            name = f"{spec.name}.{style}.pdf"
            files[name] = pdfs[spec.name]
            entries[name] = external_entry(spec, style, pdfs[spec.name])
    return files, entries


def committed_external(directory: Path = GENERATED_DIR) -> dict[str, Any]:
    """The manifest entries of the committed outside producers' PDFs."""
    path = directory / MANIFEST
    if not path.exists():
        return {}
    files: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))["files"]
    return {n: e for n, e in files.items() if e["style"] in EXTERNAL_STYLES}


def render_all(
    specs: list[AnnouncementSpec], external: dict[str, Any] | None = None
) -> dict[str, bytes]:
    """Every generated file, manifest included; the outside producers' PDFs are not rendered
    here, only listed: ``external`` (default: the committed ones) gives their manifest entries."""
    files: dict[str, bytes] = {}
    manifest: dict[str, Any] = {}
    for spec in specs:
        spec_files, entries = render_spec(spec)
        files.update(spec_files)
        manifest.update(entries)
    names = {s.name for s in specs}
    kept = committed_external() if external is None else external
    manifest.update({n: e for n, e in kept.items() if e["spec"] in names})
    files[MANIFEST] = _json_bytes({"files": dict(sorted(manifest.items()))})
    return files


def _ours(path: Path) -> bool:
    return (
        path.name == MANIFEST
        or path.suffix in (".pdf", ".txt")
        or path.name.endswith(".golden.json")
    )


def main(argv: list[str] | None = None) -> int:
    """Write (or with ``--check`` compare) the generated fixtures; 1 when out of date."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--specs", type=Path, default=SPECS_DIR)
    parser.add_argument("--out", type=Path, default=GENERATED_DIR)
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    parser.add_argument(
        "--external", action="store_true", help="also print with LibreOffice and WeasyPrint"
    )
    args = parser.parse_args(argv)
    out: Path = args.out
    specs = load_all_specs(args.specs)
    if args.external:
        external_files, external = render_external(specs)
    else:
        external_files, external = {}, committed_external(out)
    files = render_all(specs, external)
    listed = set(files) | set(external)
    files.update(external_files)
    stale = [p for p in out.glob("*") if _ours(p) and p.name not in listed] if out.exists() else []
    changed = changed_files(files, out)
    if args.check:
        for n in changed:
            print(f"out of date: {n}")
        for p in stale:
            print(f"stale: {p.name}")
        return 1 if changed or stale else 0
    write_files(files, out, changed)
    for p in stale:
        p.unlink()
    total = sum(len(d) for d in files.values())
    print(f"{len(files)} files ({len(changed)} written, {len(stale)} removed), {total} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
