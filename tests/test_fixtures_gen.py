"""Tests of the fixture generator: specs, goldens, renditions, determinism, random specs."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from typing import Any

import pdfplumber
import pytest
from hypothesis import HealthCheck, given, settings

from aap_parser.grid import join_lines
from aap_parser.models import Announcement, Source
from tests.conftest import ROOT, SEED
from tests.fixtures_gen.files import changed_files
from tests.fixtures_gen.generate import render_all
from tests.fixtures_gen.golden import GENERATED_DIR, build_golden, expected_for, load_manifest
from tests.fixtures_gen.render_pdf import render_pdf, render_pdf_info, wrap
from tests.fixtures_gen.render_text import render_pipe, render_tab
from tests.fixtures_gen.spec import (
    AnnouncementSpec,
    SpecError,
    load_all_specs,
    spec_from_dict,
)
from tests.fixtures_gen.strategies import announcement_specs

SPECS = load_all_specs()
BY_NAME = {s.name: s for s in SPECS}
TEXT_SOURCE = Source(path=None, format="text", sha256=None, pages=None)


def _raw(name: str) -> dict[str, Any]:
    path = ROOT / "tests" / "fixtures_gen" / "specs" / f"{name}.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_corpus_size_and_names() -> None:
    assert 12 <= len(SPECS) <= 16
    assert "seed_2020_generaliste" in BY_NAME
    long_rows = sum(len(t.rows) for t in BY_NAME["2018_long_generaliste"].tables)
    assert 60 <= long_rows <= 120


def test_committed_files_are_up_to_date_and_deterministic() -> None:
    """Regenerating every spec gives byte-identical files (reportlab ``invariant=1``)."""
    files = render_all(SPECS)
    assert changed_files(files, GENERATED_DIR) == []
    assert sum(len(d) for d in files.values()) < 3_000_000


def test_rendering_twice_is_identical_for_every_style_and_font() -> None:
    for name in ("2014_egalite_femmes_hommes", "2013_jeunesse_iv", "2018_franco_marocain"):
        spec = BY_NAME[name]
        for style in ("word", "grid", "borderless"):
            assert render_pdf(spec, style) == render_pdf(spec, style)


def test_goldens_validate_and_match_specs() -> None:
    for spec in SPECS:
        text = (GENERATED_DIR / f"{spec.name}.golden.json").read_text(encoding="utf-8")
        golden = Announcement.model_validate_json(text)
        assert len(golden.laureates) == sum(len(t.rows) for t in spec.tables)
        assert [lau.index for lau in golden.laureates] == list(range(1, len(golden.laureates) + 1))
        assert golden.warnings == []
        rebuilt = build_golden(spec, golden.source, [t.pages for t in golden.tables])
        assert rebuilt == golden


def test_manifest_lists_every_rendition_with_its_checksum() -> None:
    manifest = load_manifest()["files"]
    for spec in SPECS:
        expected = {f"{spec.name}.{s}.pdf" for s in spec.render.styles}
        expected |= {f"{spec.name}.tab.txt", f"{spec.name}.pipe.txt"}
        assert expected <= set(manifest)
    for name, entry in manifest.items():
        data = (GENERATED_DIR / name).read_bytes()
        assert entry["source"]["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["source"]["path"] == name
        exp = expected_for(name)
        assert exp.source.format == ("pdf" if name.endswith(".pdf") else "text")
        if name.endswith(".pdf"):
            with pdfplumber.open(GENERATED_DIR / name) as pdf:
                assert exp.source.pages == len(pdf.pages)


def test_seed_spec_reproduces_the_seed_text() -> None:
    """The seed spec's tab rendition is the seed announcement (leading blank lines aside)."""
    text = render_tab(BY_NAME["seed_2020_generaliste"])
    rows = [line.split("\t") for line in text.splitlines() if "\t" in line]
    assert len(rows) == 17
    assert rows[1] == [
        "Auvergne-Rhône-Alpes",
        "Conseil départemental de l'Allier",
        "Cercle de Niafunké (Mali)",
        "Développement des services sociaux de base",
    ]
    assert text.strip() == SEED.read_text(encoding="utf-8").strip()


def test_golden_carries_region_and_lead_over() -> None:
    golden = build_golden(BY_NAME["2016_climat_interim"], TEXT_SOURCE)
    second = golden.laureates[1]
    assert second.region == "Alsace-Champagne-Ardenne-Lorraine"
    assert second.region_carried_over
    assert second.lead_carried_over
    assert [lead.name for lead in second.leads] == ["Eurométropole de Strasbourg"]
    co = golden.laureates[6]
    assert [lead.name for lead in co.leads] == ["Grenoble-Alpes Métropole", "Ville de Grenoble"]
    assert not co.lead_carried_over


def test_golden_amounts_notes_countries_and_extra() -> None:
    g = build_golden(BY_NAME["2019_sections_outremer"], TEXT_SOURCE)
    mayotte = g.laureates[3]
    assert (mayotte.amount_text, str(mayotte.amount_eur), mayotte.amount_note) == (
        "9 500*",
        "9500",
        "*",
    )
    assert g.footnotes[0].startswith("* sous réserve")
    assert [lau.section for lau in g.laureates][-1] == "Projets retenus sous conditions"
    assert g.laureates[6].extra == {"Observations": "Convention à signer avant le 31 décembre"}
    assert g.laureates[8].extra == {}
    bilateral = build_golden(BY_NAME["2017_franco_senegalais"], TEXT_SOURCE)
    assert {
        (p.country, p.country_code, p.country_from) for p in bilateral.laureates[0].partners
    } == {("Sénégal", "SN", "call")}
    column = build_golden(BY_NAME["2014_egalite_femmes_hommes"], TEXT_SOURCE)
    assert [(p.name, p.country_code, p.country_from) for p in column.laureates[1].partners] == [
        ("Cercle de Kayes", "ML", "column"),
        ("Région de Tillabéri", "NE", "column"),
    ]
    assert column.laureates[0].region is None


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["tables"][0]["rows"][0]["cells"].__setitem__(0, ""), "first row"),
        (lambda d: d["tables"][0]["rows"][1]["cells"].__setitem__(1, ""), "not merged"),
        (lambda d: d["tables"][0]["rows"][0]["cells"].pop(), "cells for"),
        (lambda d: d["tables"][0]["rows"][0].pop("partners"), "no expected partners"),
        (lambda d: d["tables"][0].__setitem__("roles", ["region", "lead", "lead", "title"]), "two"),
        (lambda d: d["render"].__setitem__("font", "Arial"), "font"),
    ],
)
def test_bad_specs_are_rejected(mutate: Any, message: str) -> None:
    data = _raw("seed_2020_generaliste")
    mutate(data)
    with pytest.raises(SpecError, match=message):
        spec_from_dict(data)


def test_wrap_breaks_compounds_at_hyphens_and_reads_back() -> None:
    lines = wrap("Auvergne-Rhône-Alpes", "Helvetica", 9, 80, hyphen_breaks=True)
    assert lines == ["Auvergne-Rhône-", "Alpes"]
    text = "Coopération décentralisée, « jeunesse » et l’accès à l'eau potable des quartiers"
    for width in (40, 80, 150, 400):
        assert join_lines(wrap(text, "Times-Roman", 10, width, hyphen_breaks=True)) == text


def test_word_pdf_repeats_header_and_breaks_rows_across_pages() -> None:
    spec = BY_NAME["2018_long_generaliste"]
    info = render_pdf_info(spec, "word")
    assert info.pages >= 3
    path = GENERATED_DIR / "2018_long_generaliste.word.pdf"
    with pdfplumber.open(path) as pdf:
        texts = [page.extract_text() or "" for page in pdf.pages]
        assert all("Collectivité partenaire" in t for t in texts)
        assert texts[0].count("Collectivité partenaire") == 1
        assert [t.strip().splitlines()[-1] for t in texts] == [
            f"{i}/{len(texts)}" for i in range(1, len(texts) + 1)
        ]
    assert info.row_pages == sorted(p for p in info.row_pages if p is not None)
    assert info.broken_rows, "no row is broken across a page boundary"
    for row in info.broken_rows:  # a broken row's title continues at the top of the next page
        title = spec.tables[0].rows[row].cells[3]
        page = info.row_pages[row]
        assert page is not None
        assert title.split()[-1] in " ".join(texts[page].splitlines()[:4])


def test_word_pdf_centres_merged_region_over_its_group() -> None:
    path = GENERATED_DIR / "seed_2020_generaliste.word.pdf"
    with pdfplumber.open(path) as pdf:
        words = pdf.pages[0].extract_words()
    region_x1 = next(w for w in words if w["text"] == "Région")["x1"] + 20
    grand = next(w for w in words if w["text"] == "Grand" and w["x1"] < region_x1)
    first_row = next(w for w in words if w["text"] == "Développer")
    metz = next(w for w in words if w["text"] == "Metz")
    # "Grand Est" spans four rows: it sits between its group's first and last rows
    assert first_row["top"] < grand["top"] < metz["top"]


def test_borderless_pdf_has_no_ruling_lines() -> None:
    path = GENERATED_DIR / "2013_jeunesse_iv.borderless.pdf"
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        assert page.lines == []
        assert page.rects == []
        assert "Nord-Pas-de-Calais" in (page.extract_text() or "")


def test_pipe_rendition_variants() -> None:
    no_outer = render_pipe(BY_NAME["2014_egalite_femmes_hommes"]).splitlines()
    row = next(line for line in no_outer if line.startswith("Ville de Chambéry"))
    assert row.endswith("30 000")
    assert not row.startswith("|")
    generic = render_pipe(BY_NAME["2018_franco_marocain"]).splitlines()
    head = generic.index(next(line for line in generic if "Colonne1" in line))
    assert generic[head + 1].startswith("| --- |")
    assert generic[head + 2] == (
        "| N° | Collectivité française | Collectivité marocaine partenaire"
        " | Intitulé du projet | Montant MEAE |"
    )
    carried = render_pipe(BY_NAME["seed_2020_generaliste"]).splitlines()
    assert "|  | Savoie Déchets |" in "\n".join(carried)


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(announcement_specs())
def test_random_specs_render_everywhere_and_keep_their_cells(spec: AnnouncementSpec) -> None:
    for style in spec.render.styles:
        assert render_pdf(spec, style).startswith(b"%PDF")
    tab_rows = [line.split("\t") for line in render_tab(spec).splitlines() if "\t" in line]
    table = spec.tables[0]
    assert tab_rows == [list(table.columns), *(list(r.cells) for r in table.rows)]
    golden = build_golden(spec, TEXT_SOURCE)
    assert len(golden.laureates) == len(table.rows)
    assert all(lau.leads for lau in golden.laureates)
    assert dataclasses.replace(spec, name="x").tables == spec.tables
