"""``aap-parse --review``: a review page beside the output, or a folder of them with an index."""

from __future__ import annotations

import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from aap_parser import cli
from aap_parser.sources.ocr import tesseract
from tests.conftest import SAMPLES, SEED

PDF = SAMPLES / "seed-000-r1.docx-lo.pdf"
TEXT = SEED


def run(*args: str, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(cli.main, list(args), input=stdin, catch_exceptions=False)


class Rows(HTMLParser):
    """The cells of each table body row, the links and the laureate boxes of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.links: list[str] = []
        self.laureates: list[str] = []
        self.in_cell = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "tr":
            self.rows.append([])
        if tag == "td":
            self.rows[-1].append("")
            self.in_cell = True
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        if "data-laureate" in values:
            self.laureates.append(values["data-laureate"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self.in_cell = False

    def handle_data(self, data: str) -> None:
        if self.in_cell:
            self.rows[-1][-1] += data


def read(path: Path) -> Rows:
    rows = Rows()
    rows.feed(path.read_text(encoding="utf-8"))
    return rows


def test_review_beside_the_json(tmp_path: Path) -> None:
    plain = run(str(PDF), "-o", str(tmp_path / "plain.json"), "-q")
    result = run(str(PDF), "-o", str(tmp_path / "out.json"), "--review", str(tmp_path / "r.html"))
    assert plain.exit_code == result.exit_code == 0
    assert (tmp_path / "out.json").read_bytes() == (tmp_path / "plain.json").read_bytes()
    assert read(tmp_path / "r.html").laureates == [str(n) for n in range(1, 17)]


def test_review_folder_has_a_page_per_input_and_an_index(tmp_path: Path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("Compte rendu de réunion\n\nAucun tableau ici.\n", encoding="utf-8")
    folder = tmp_path / "review"
    result = run(
        str(PDF), str(TEXT), str(bad), "-j", "1", "-o", str(tmp_path / "out.jsonl"),
        "--review", f"{folder}/",
    )
    assert result.exit_code == 1  # the notes are not an announcement
    assert sorted(p.name for p in folder.iterdir()) == [
        "index.html",
        "seed-000-r1.docx-lo.html",
        "seed.html",
    ]
    index = read(folder / "index.html")
    assert index.links == ["seed-000-r1.docx-lo.html", "seed.html"]
    pdf, text, notes = (row for row in index.rows if row)  # the header row has no td
    # input, status, laureates, then errors / warnings / info
    assert pdf == [str(PDF), "parsed", "16", "", "1", ""]
    assert text == [str(TEXT), "parsed", "16", "", "1", ""]
    assert notes[0] == str(bad)
    assert notes[1].startswith("failed no laureates table")
    assert notes[2:] == ["", "", "", ""]
    assert len((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()) == 32


def test_several_inputs_need_a_review_folder(tmp_path: Path) -> None:
    result = run(str(PDF), str(TEXT), "-o", str(tmp_path / "o.jsonl"), "--review", "r.html")
    assert result.exit_code == 2
    assert "--review needs a folder" in result.stderr


def test_an_existing_review_is_kept_without_force(tmp_path: Path) -> None:
    page = tmp_path / "r.html"
    page.write_text("mine", encoding="utf-8")
    result = run(str(TEXT), "-o", str(tmp_path / "o.json"), "--review", str(page))
    assert result.exit_code == 1
    assert "exists; use --force" in result.stderr
    assert page.read_text(encoding="utf-8") == "mine"
    forced = run(str(TEXT), "-o", str(tmp_path / "o.json"), "--review", str(page), "--force")
    assert forced.exit_code == 0
    assert read(page).laureates == [str(n) for n in range(1, 17)]


def test_standard_input_gets_no_review_but_its_output(tmp_path: Path) -> None:
    result = run(
        "-", "-o", str(tmp_path / "o.json"), "--review", str(tmp_path / "r.html"),
        stdin=TEXT.read_bytes(),
    )
    assert result.exit_code == 1
    assert "no review for standard input" in result.stderr
    assert (tmp_path / "o.json").exists()
    assert not (tmp_path / "r.html").exists()


def test_a_run_without_review_loads_no_renderer(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from aap_parser import cli\n"
        "try:\n"
        f"    cli.main([{str(PDF)!r}, '-o', {str(tmp_path / 'o.json')!r}, '-q'])\n"
        "except SystemExit as end:\n"
        "    assert end.code == 0, end.code\n"
        "loaded = [m for m in ('aap_parser.visual', 'PIL.Image') if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    assert (tmp_path / "o.json").exists()


@pytest.mark.slow
@pytest.mark.skipif("fra" not in tesseract.languages(), reason="Tesseract (fra) not installed")
def test_the_review_reads_the_input_as_it_was_parsed(tmp_path: Path) -> None:
    """With --ocr always the review draws what the OCR read, not the text layer."""
    page = tmp_path / "r.html"
    result = run(str(PDF), "-o", str(tmp_path / "o.json"), "--ocr", "always", "--review", str(page))
    assert result.exit_code == 0, result.stderr
    parsed = json.loads((tmp_path / "o.json").read_text(encoding="utf-8"))
    assert parsed["source"]["format"] == "pdf-ocr"
    text = page.read_text(encoding="utf-8")
    assert '<span class="chip">OCR</span>' in text
    assert read(page).laureates == [str(n) for n in range(1, len(parsed["laureates"]) + 1)]
