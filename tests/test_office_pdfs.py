"""PDFs as office tools print them: bulleted cells, compounds broken after « - » or « / »,
co-leads, groups merged across a page break, a stray line at the top of a page, text that
is not printed, pages flagged /Rotate, spreadsheet exports, tight borderless and rules-only
tables. The ``office``, ``sheet`` and ``borderless`` renditions of the ``2025_office_*``
specs show each; random specs printed in those styles parse back exactly."""

from __future__ import annotations

import dataclasses
import io
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aap_parser import parse, parse_text
from aap_parser.grid import RawTable, TextLine, join_lines
from aap_parser.layout.broken_words import rejoin, vocabulary
from aap_parser.models import Source
from aap_parser.records.leads import split_leads
from aap_parser.records.partners import split_partners
from aap_parser.sources.pdf import read_pdf
from aap_parser.wording import list_items, readable
from tests.fixtures_gen.golden import GENERATED_DIR, build_golden
from tests.fixtures_gen.render_pdf import render_pdf
from tests.fixtures_gen.spec import AnnouncementSpec
from tests.fixtures_gen.strategies import announcement_specs
from tests.test_roundtrip import _assert_same, _comparable

OFFICE = GENERATED_DIR / "2025_office_lists.office.pdf"


# --- list markers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "marker", ["•", "◦", "▪", "–", "-", "o", "·", "\uf0b7", "\uf0a7", "\uf0d8"]
)
def test_each_marked_line_is_a_partner(marker: str) -> None:
    lines = (readable(f"{marker} Commune de"), "Kaolack", readable(f"{marker} Ville de Thiès"))
    split = split_partners(join_lines(lines), lines, default_country=("Sénégal", "SN"))
    assert [p.name for p in split.partners] == ["Commune de Kaolack", "Ville de Thiès"]


def test_each_marked_line_is_a_co_lead() -> None:
    lines = ("\u2022 Ville de", "Rennes", "\u2022 Rennes", "Métropole")
    names, _ = split_leads(join_lines(lines), lines)
    assert names == ["Ville de Rennes", "Rennes Métropole"]


def test_a_dash_under_an_unmarked_line_is_no_marker() -> None:
    assert list_items(["Commune de Kita", "- Mali"]) is None
    split = split_partners("Commune de Kita - Mali", ("Commune de Kita", "- Mali"))
    assert [(p.name, p.country_code) for p in split.partners] == [("Commune de Kita", "ML")]


def test_an_unknown_private_use_character_is_dropped_with_a_warning() -> None:
    text = (
        "Région\tCollectivité\tPartenaire\tProjet\n"
        "Bretagne\tVille de Rennes\tCommune de Kaolack\uf0e4 (Sénégal)\tÉcoles\n"
    )
    announcement = parse_text(text)
    assert announcement.laureates[0].partners[0].name == "Commune de Kaolack"
    assert [w.code for w in announcement.warnings] == ["private-use-dropped"]
    assert "U+F0E4" in announcement.warnings[0].message


def test_a_known_private_use_marker_reads_as_its_mark() -> None:
    assert readable("\uf0b7 Commune") == "• Commune"


# --- wrapped joins ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["2022-", "2024"], "2022-2024"),
        (["Nouvelle-Aquitaine/", "Hubei"], "Nouvelle-Aquitaine/Hubei"),
        (["Auvergne-Rhône-", "Alpes"], "Auvergne-Rhône-Alpes"),
        (["Région Occitanie /", "Pyrénées"], "Région Occitanie / Pyrénées"),
        (["Commune de Kita -", "Mali"], "Commune de Kita - Mali"),
    ],
)
def test_a_compound_broken_after_a_hyphen_or_slash_joins(lines: list[str], joined: str) -> None:
    assert join_lines(lines) == joined


# --- the office fixture ----------------------------------------------------------------------


def _cell_lines(path: Any) -> list[tuple[str, ...]]:
    document = read_pdf(path.read_bytes())
    return [
        cell.lines for block in document.blocks if isinstance(block, RawTable)
        for row in block.rows for cell in row.cells
    ]


def test_the_office_fixture_prints_what_it_claims() -> None:
    lines = [line for cell in _cell_lines(OFFICE) for line in cell]
    assert any(line.startswith("• ") for line in lines)
    assert any(line.startswith("o ") for line in lines)
    assert any(line.startswith("– ") for line in lines)
    assert any(line.endswith(" 2022-") for line in lines)
    assert any(line.endswith(" 2022/") for line in lines)
    assert any(line.endswith("Strasbourg/") for line in lines)
    document = read_pdf(OFFICE.read_bytes())
    page_two = [b.text for b in document.blocks if isinstance(b, TextLine) and b.page == 2]
    assert "Réf. : DCTCIV/2025/0147" in page_two


def test_the_office_fixture_carries_groups_over_the_page_break() -> None:
    announcement = parse(OFFICE)
    on_page_two = [lau for lau in announcement.laureates if lau.provenance.page == 2]
    assert on_page_two
    assert all(lau.region == "Grand Est" for lau in on_page_two)
    assert all(p.country_code == "TG" for lau in on_page_two for p in lau.partners)
    assert [w.code for w in announcement.warnings if w.code.startswith("page-")] == [
        "page-stray-text"
    ]


# --- round trip ------------------------------------------------------------------------------


def _expected(spec: AnnouncementSpec) -> dict[str, Any]:
    return _comparable(build_golden(spec, Source(format="text")).model_dump(mode="json"))


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=announcement_specs())
def test_office_round_trip(spec: AnnouncementSpec) -> None:
    got = parse(render_pdf(spec, "office")).model_dump(mode="json")
    _assert_same(_comparable(got), _expected(spec))


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=announcement_specs(), gutter=st.sampled_from([0.0, 2.0]), rules=st.booleans())
def test_tight_borderless_round_trip(spec: AnnouncementSpec, gutter: float, rules: bool) -> None:
    render = dataclasses.replace(spec.render, gutter=gutter, rules=rules)
    got = parse(render_pdf(dataclasses.replace(spec, render=render), "borderless"))
    _assert_same(_comparable(got.model_dump(mode="json")), _expected(spec))


def test_the_tight_fixture_is_tight_and_ruled_only() -> None:
    pdfplumber = pytest.importorskip("pdfplumber")
    path = GENERATED_DIR / "2025_office_coleads.borderless.pdf"
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        assert len(page.lines) == 3
        assert all(line["top"] == line["bottom"] for line in page.lines)
        assert not page.rects
    table = next(b for b in read_pdf(path.read_bytes()).blocks if isinstance(b, RawTable))
    lefts = sorted(cell.bbox.x0 for cell in table.rows[1].cells if cell.bbox is not None)
    assert len(lefts) == 5


# --- co-leads checked against the authorities' names -----------------------------------------


@pytest.mark.parametrize(
    ("lines", "leads"),
    [
        (("Lannion-Trégor", "Communauté"), ["Lannion-Trégor Communauté"]),
        (("Lannion-Trégor", "Communauté de communes"), ["Lannion-Trégor Communauté de communes"]),
        (("Grenoble-Alpes", "Métropole, Ville de Grenoble"),
         ["Grenoble-Alpes Métropole", "Ville de Grenoble"]),
        (("Savoie Déchets", "Ville de Chambéry"), ["Savoie Déchets", "Ville de Chambéry"]),
        (("Metz", "Ville de Nancy"), ["Metz", "Ville de Nancy"]),
        (("Trégor", "Ville de Lannion"), ["Trégor Ville de Lannion"]),
    ],
)
def test_a_line_splits_co_leads_only_between_authorities(
    lines: tuple[str, ...], leads: list[str]
) -> None:
    assert split_leads(join_lines(lines), lines)[0] == leads


def test_the_co_lead_fixture_wraps_before_the_type_word() -> None:
    cells = _cell_lines(GENERATED_DIR / "2025_office_coleads.office.pdf")
    assert ("Lannion-Trégor", "Communauté") in cells
    leads = [[lead.name for lead in lau.leads] for lau in parse(
        GENERATED_DIR / "2025_office_coleads.office.pdf").laureates]
    assert leads[0] == ["Lannion-Trégor Communauté"]
    assert leads[2] == ["Ville de Lannion", "Lannion-Trégor Communauté"]


# --- text that is not printed ----------------------------------------------------------------


def test_unprinted_text_stays_out_of_the_fixture_reading() -> None:
    path = GENERATED_DIR / "2025_office_coleads.office.pdf"
    document = read_pdf(path.read_bytes())
    texts = [b.text for b in document.blocks if isinstance(b, TextLine)]
    cells = [line for cell in _cell_lines(path) for line in cell]
    assert "Paris, le 2 avril 2025" in texts
    assert not [t for t in texts if "2019" in t or "Imprimé" in t]
    assert "BROUILLON" not in cells
    assert "Région" in cells  # white on the header row's dark shading: printed
    announcement = parse(path)
    assert str(announcement.header.date) == "2025-04-02"
    assert announcement.footnotes == []


def _canvas(draw: Any) -> bytes:
    canvas = pytest.importorskip("reportlab.pdfgen.canvas")
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    draw(pdf)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_an_ocr_layer_is_read_when_it_is_the_page_s_only_text() -> None:
    def draw(pdf: Any) -> None:
        text = pdf.beginText(72, 700)
        text.setTextRenderMode(3)
        text.textLine("Lauréats de l'appel à projets 2021")
        pdf.drawText(text)

    lines = [b.text for b in read_pdf(_canvas(draw)).blocks if isinstance(b, TextLine)]
    assert lines == ["Lauréats de l'appel à projets 2021"]


def test_invisible_text_beside_printed_text_is_left_out() -> None:
    def draw(pdf: Any) -> None:
        pdf.drawString(72, 720, "Paris, le 23 juin 2020")
        text = pdf.beginText(72, 700)
        text.setTextRenderMode(3)
        text.textLine("Paris, le 1er janvier 2019")
        text.setTextRenderMode(0)
        pdf.drawText(text)

    lines = [b.text for b in read_pdf(_canvas(draw)).blocks if isinstance(b, TextLine)]
    assert lines == ["Paris, le 23 juin 2020"]


# --- pages whose /Rotate disagrees with their content ----------------------------------------


def test_the_office_fixture_is_flagged_rotated() -> None:
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(OFFICE) as pdf:
        assert {page.rotation for page in pdf.pages} == {90}


@pytest.mark.parametrize("rotate", [0, 90, 180, 270])
def test_a_page_drawn_upright_reads_whatever_its_rotate_flag(rotate: int) -> None:
    def draw(pdf: Any) -> None:
        pdf.setPageRotation(rotate)
        pdf.drawString(72, 760, "Paris, le 23 juin 2020")
        pdf.drawString(72, 700, "Lauréats de l'appel")

    blocks = read_pdf(_canvas(draw)).blocks
    assert [b.text for b in blocks if isinstance(b, TextLine)] == [
        "Paris, le 23 juin 2020", "Lauréats de l'appel"
    ]


@pytest.mark.parametrize(("rotate", "angle"), [(90, 90), (270, -90), (0, 90), (0, 180)])
def test_content_drawn_turned_reads_upright(rotate: int, angle: int) -> None:
    def draw(pdf: Any) -> None:
        pdf.setPageRotation(rotate)
        pdf.translate(300, 400)
        pdf.rotate(angle)
        pdf.drawString(0, 0, "Paris, le 23 juin 2020")
        pdf.drawString(0, -40, "Lauréats de l'appel")

    blocks = read_pdf(_canvas(draw)).blocks
    assert [b.text for b in blocks if isinstance(b, TextLine)] == [
        "Paris, le 23 juin 2020", "Lauréats de l'appel"
    ]


# --- spreadsheet exports ---------------------------------------------------------------------

SHEET = GENERATED_DIR / "2025_office_coleads.sheet.pdf"


def test_the_sheet_prints_its_heading_inside_the_grid() -> None:
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(SHEET) as pdf:
        page = pdf.pages[0]
        ministry = [c for c in page.chars if c["top"] < 60]
        columns = sorted({round(line["x0"]) for line in page.lines if line["x0"] == line["x1"]})
    # the letterhead line runs across a column rule: a spreadsheet's overflowing text
    assert any(ministry[0]["x0"] < x < ministry[-1]["x1"] for x in columns[1:-1])


def test_the_sheet_heading_rows_are_the_heading() -> None:
    announcement = parse(SHEET)
    assert announcement.header.ministry == "Ministère de l'Europe et des Affaires étrangères"
    assert str(announcement.header.date) == "2025-04-02"
    assert announcement.header.title == "Lauréats de l'appel à projets franco-marocain 2025"
    assert [t.columns[0] for t in announcement.tables] == ["Région"]
    assert announcement.footnotes == []


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=announcement_specs())
def test_sheet_round_trip(spec: AnnouncementSpec) -> None:
    got = parse(render_pdf(spec, "sheet")).model_dump(mode="json")
    _assert_same(_comparable(got), _expected(spec))


# --- words broken without a hyphen -----------------------------------------------------------


def test_the_narrow_sheet_column_breaks_words_anywhere() -> None:
    cells = _cell_lines(SHEET)
    assert ("Lannion-Tré", "gor", "Communau", "té") in cells


def test_words_broken_in_a_narrow_column_are_joined_with_an_info_warning() -> None:
    announcement = parse(SHEET)
    assert [lead.name for lead in announcement.laureates[0].leads] == [
        "Lannion-Trégor Communauté"
    ]
    rejoined = [w for w in announcement.warnings if w.code == "word-rejoined"]
    assert rejoined
    assert {w.severity for w in rejoined} == {"info"}
    assert all(w.laureate is not None for w in rejoined)


@pytest.mark.parametrize(
    ("lines", "printed", "joined"),
    [
        (("Commu", "nauté de communes"), ["communauté"], ("Communauté de communes",)),
        (("Commu", "nauté"), [], ("Commu", "nauté")),  # the whole is printed nowhere
        (("porte", "feuille"), ["portefeuille", "une feuille"], ("porte", "feuille")),
        (("Ville de", "Rennes"), ["villede"], ("Ville de", "Rennes")),  # a capital starts
    ],
)
def test_a_broken_word_joins_only_on_the_document_s_evidence(
    lines: tuple[str, ...], printed: list[str], joined: tuple[str, ...]
) -> None:
    words = vocabulary(printed, [lines])
    assert rejoin(lines, words)[0] == joined
