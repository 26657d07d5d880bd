"""The visual review page, read back with the standard library's HTML parser."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest

from aap_parser import parse, review
from aap_parser.errors import InputError
from aap_parser.grid import RawTable
from aap_parser.layout.headers import LAUREATES_HEADER
from aap_parser.models import Announcement
from aap_parser.sources import read_source
from aap_parser.sources.ocr import tesseract
from tests.conftest import FIXTURES, SAMPLES, SEED

R1_PDF = SAMPLES / "seed-000-r1.docx-lo.pdf"
R1_TEXT = SAMPLES / "seed-000-r1.docx-lo.layout.txt"


@dataclass
class Element:
    """A start tag seen by the parser, with the figure (page) it stands in."""

    tag: str
    attrs: dict[str, str]
    page: str | None


@dataclass
class Page(HTMLParser):
    """Collects every element with its attributes and the text of each warning."""

    elements: list[Element] = field(default_factory=list)
    warning_texts: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__()
        self._page: str | None = None
        self._in_warning = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "figure":
            self._page = values.get("data-page")
        if tag == "li" and "warning" in values.get("class", "").split():
            self.warning_texts.append("")
            self._in_warning = 1
        elif self._in_warning and tag == "li":
            self._in_warning += 1
        self.elements.append(Element(tag, values, self._page))

    def handle_endtag(self, tag: str) -> None:
        if tag == "figure":
            self._page = None
        if tag == "li" and self._in_warning:
            self._in_warning -= 1

    def handle_data(self, data: str) -> None:
        if self._in_warning:
            self.warning_texts[-1] += data

    def having(self, attribute: str) -> list[Element]:
        return [e for e in self.elements if attribute in e.attrs]

    def classed(self, name: str, tag: str | None = None) -> list[Element]:
        return [
            e
            for e in self.elements
            if name in e.attrs.get("class", "").split() and (tag is None or e.tag == tag)
        ]

    def by_id(self, ident: str) -> Element:
        (found,) = [e for e in self.elements if e.attrs.get("id") == ident]
        return found


def read_page(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    return page


@cache
def reviewed(path: Path) -> tuple[Announcement, str]:
    data = path.read_bytes()
    announcement = parse(data)
    return announcement, review(announcement, data, name=path.name)


def test_pdf_review_has_one_image_and_one_overlay_per_page() -> None:
    announcement, text = reviewed(R1_PDF)
    page = read_page(text)
    assert announcement.source.pages == 2
    images = [e for e in page.elements if e.tag == "img"]
    overlays = page.classed("overlay", "svg")
    assert [e.page for e in images] == ["1", "2"]
    assert [e.page for e in overlays] == ["1", "2"]
    assert all(e.attrs["src"].startswith("data:image/jpeg;base64,") for e in images)
    for overlay in overlays:
        width, height = overlay.attrs["viewbox"].split()[2:]
        assert abs(float(width) - 595.3) < 0.1
        assert abs(float(height) - 841.89) < 0.1


def test_every_laureate_has_one_box_with_its_provenance() -> None:
    announcement, text = reviewed(R1_PDF)
    page = read_page(text)
    boxes = page.having("data-laureate")
    assert [int(b.attrs["data-laureate"]) for b in boxes] == list(range(1, 17))
    for box, laureate in zip(boxes, announcement.laureates, strict=True):
        assert box.page == str(laureate.provenance.page)
        assert laureate.provenance.bbox is not None
        drawn = [float(v) for v in box.attrs["data-bbox"].split()]
        assert drawn == pytest.approx(laureate.provenance.bbox, abs=0.01)
        assert box.attrs["id"] == f"box-{laureate.index}"


def test_boxes_and_rows_link_to_each_other() -> None:
    announcement, text = reviewed(R1_PDF)
    page = read_page(text)
    hrefs = [e.attrs["href"] for e in page.elements if e.tag == "a" and "href" in e.attrs]
    for laureate in announcement.laureates:
        row = page.by_id(f"laureate-{laureate.index}")
        assert row.tag == "tr"
        assert f"#box-{laureate.index}" in hrefs
        assert f"#laureate-{laureate.index}" in hrefs


def test_merged_and_carried_over_cells_are_shaded() -> None:
    """The region merged over laureates 1-3 is one shaded block; rows 2 and 3 take from it."""
    announcement, text = reviewed(R1_PDF)
    page = read_page(text)
    page1 = [e for e in page.classed("cell", "rect") if e.page == "1"]

    def at(top: float) -> list[set[str]]:
        return [
            set(e.attrs["class"].split())
            for e in page1
            if abs(float(e.attrs["y"]) - top) < 0.01 and abs(float(e.attrs["x"]) - 56.45) < 0.01
        ]

    first, second, third = announcement.laureates[:3]
    assert [first.region_carried_over, second.region_carried_over] == [False, True]
    boxes = [lau.provenance.bbox for lau in (first, second, third)]
    assert all(box is not None for box in boxes)
    assert {"merged"} <= at(boxes[0][1])[0]  # type: ignore[index]
    assert "carried" not in at(boxes[0][1])[0]  # type: ignore[index]
    for box in boxes[1:]:
        assert any("carried" in classes for classes in at(box[1]))  # type: ignore[index]
    carried = [lau for lau in announcement.laureates if lau.region_carried_over]
    assert len([e for e in page.classed("carried") if e.tag == "rect"]) >= len(carried)


def test_table_cells_as_read_are_drawn() -> None:
    """Every raw cell of every table is one rectangle on its page."""
    _, text = reviewed(R1_PDF)
    document = read_source(R1_PDF.read_bytes(), headers=LAUREATES_HEADER)
    expected: dict[str, int] = {}
    for table in (b for b in document.blocks if isinstance(b, RawTable)):
        for row in table.rows:
            expected[str(row.page)] = expected.get(str(row.page), 0) + len(row.cells)
    page = read_page(text)
    drawn: dict[str, int] = {}
    for cell in page.classed("cell", "rect"):
        assert cell.page is not None
        drawn[cell.page] = drawn.get(cell.page, 0) + 1
    assert drawn == expected


def test_text_review_boxes_lines_and_links_warnings() -> None:
    announcement, text = reviewed(R1_TEXT)
    page = read_page(text)
    assert not [e for e in page.elements if e.tag == "img"]
    assert len(page.classed("overlay")) == 1
    boxes = page.having("data-laureate")
    assert [int(b.attrs["data-laureate"]) for b in boxes] == list(range(1, 17))
    for box, laureate in zip(boxes, announcement.laureates, strict=True):
        first, last = (int(v) for v in box.attrs["data-lines"].split())
        assert first == laureate.provenance.line
        assert last >= first


def test_warnings_link_to_their_laureate_and_outline_its_box() -> None:
    """The lead without an official code ('Savoie Déchets') is laureate 3's warning."""
    for path in (R1_PDF, R1_TEXT):
        announcement, text = reviewed(path)
        page = read_page(text)
        (warning,) = announcement.warnings
        assert warning.laureate == 3
        (item,) = page.classed("warning", "li")
        assert item.attrs["data-for"] == "3"
        assert "Savoie Déchets" in page.warning_texts[0]
        assert f"sev-{warning.severity}" in item.attrs["class"].split()
        assert f"sev-{warning.severity}" in page.by_id("box-3").attrs["class"].split()
        links = [e.attrs.get("href") for e in page.elements if e.tag == "a"]
        assert "#laureate-3" in links
        assert "clean" not in page.by_id("laureate-3").attrs["class"].split()
        assert "clean" in page.by_id("laureate-1").attrs["class"].split()
        assert "clean" in page.by_id("box-1").attrs["class"].split()


def test_text_cells_are_outlined_where_printed() -> None:
    """In a tab-separated text each cell is found at its place on its line."""
    announcement, text = reviewed(SEED)
    page = read_page(text)
    lines = SEED.read_text(encoding="utf-8").splitlines()
    first = announcement.laureates[0]
    assert first.provenance.line is not None
    line = lines[first.provenance.line - 1].expandtabs(8)
    row_top = f"top:calc({first.provenance.line - 1}*"
    cells = [e for e in page.classed("cell") if row_top in e.attrs["style"]]
    spans = []
    for cell in cells:
        style = dict(part.split(":", 1) for part in cell.attrs["style"].split(";"))
        start, width = int(style["left"].removesuffix("ch")), int(style["width"].removesuffix("ch"))
        spans.append(line[start : start + width])
    assert spans == [
        "Auvergne-Rhône-Alpes",
        "Conseil départemental de l'Allier",
        "Cercle de Niafunké (Mali)",
        "Développement des services sociaux de base",
    ]


def test_every_warning_is_listed_once_with_its_code() -> None:
    for path in (R1_PDF, R1_TEXT):
        announcement, text = reviewed(path)
        page = read_page(text)
        items = page.classed("warning", "li")
        assert len(items) == len(announcement.warnings) >= 1
        for warning, body in zip(announcement.warnings, page.warning_texts, strict=True):
            assert warning.code in body
            assert warning.message in body


def test_filter_and_self_containment() -> None:
    for path in (R1_PDF, R1_TEXT):
        _, text = reviewed(path)
        page = read_page(text)
        checkbox = page.by_id("only-warnings")
        assert checkbox.attrs["type"] == "checkbox"
        for element in page.elements:
            for attribute in ("src", "href"):
                value = element.attrs.get(attribute, "")
                assert not value.lower().startswith(("http:", "https:", "//")), value
        assert not [e for e in page.elements if e.tag in ("link", "iframe")]
        assert not [e for e in page.elements if e.tag == "script" and e.attrs.get("src")]


@pytest.mark.slow
def test_ten_page_review_stays_under_three_megabytes() -> None:
    path = SAMPLES / "seed-000-r8.reportlab.pdf"
    data = path.read_bytes()
    announcement = parse(data)
    assert announcement.source.pages == 10
    assert len(review(announcement, data).encode("utf-8")) < 3_000_000


def test_other_bytes_than_those_parsed_are_refused() -> None:
    announcement, _ = reviewed(R1_PDF)
    with pytest.raises(InputError, match="not the input this announcement was parsed from"):
        review(announcement, R1_TEXT.read_bytes())


def test_a_region_centred_in_its_merged_block_is_outlined_where_printed() -> None:
    """In layout text the merged region is printed beside laureate 2's lines; it is still
    outlined, and laureate 1's box keeps to its own lines."""
    announcement, text = reviewed(R1_TEXT)
    page = read_page(text)
    lines = R1_TEXT.read_text(encoding="utf-8").splitlines()
    first, second = announcement.laureates[:2]
    box = page.by_id("box-1")
    assert [int(v) for v in box.attrs["data-lines"].split()] == [
        first.provenance.line,
        (second.provenance.line or 0) - 1,
    ]
    printed = next(n for n, line in enumerate(lines, 1) if "Auvergne-Rhône-" in line)
    assert printed >= (second.provenance.line or 0)
    starts = [e.attrs["style"] for e in page.classed("cell")]
    assert any(style.startswith(f"top:calc({printed - 1}*") for style in starts)


@pytest.mark.slow
@pytest.mark.skipif("fra" not in tesseract.languages(), reason="Tesseract (fra) not installed")
def test_a_scanned_page_shows_the_words_the_ocr_was_unsure_of() -> None:
    path = FIXTURES / "scanned" / "2013_jeunesse_iv.grid.200dpi.pdf"
    announcement, text = reviewed(path)
    assert announcement.source.format == "pdf-ocr"
    document = read_source(path.read_bytes(), headers=LAUREATES_HEADER)
    assert document.doubts
    page = read_page(text)
    assert len([e for e in page.elements if e.tag == "img"]) == announcement.source.pages
    marks = page.classed("doubt", "g")
    assert [(m.page, float(m.attrs["data-confidence"])) for m in marks] == [
        (str(d.page), d.confidence) for d in document.doubts
    ]
    assert len(page.having("data-laureate")) == len(announcement.laureates)
