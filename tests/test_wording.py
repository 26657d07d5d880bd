"""The French wording rules: compatibility characters, folding, lines that go on,
separators and authority type words; and the compatibility rule where text enters."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import regex

from aap_parser import parse_text
from aap_parser.grid import TextLine, join_lines
from aap_parser.layout.headers import LAUREATES_HEADER
from aap_parser.sources import read_source, read_text
from aap_parser.wording import (
    LEAD_AUTHORITY_WORDS,
    PARTNER_AUTHORITY_WORDS,
    SOFT_HYPHEN,
    SepKind,
    first_word,
    fold,
    readable,
    separators,
    split_at,
    stops_mid_phrase,
    words_pattern,
)

# --- compatibility characters ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "seen"),
    [
        ("\ufb01lière", "filière"),
        ("Ru\ufb01sque", "Rufisque"),
        ("e\ufb00ets \ufb02euve \ufb03ce ba\ufb04e", "effets fleuve ffice baffle"),
        ("\ufb05 \ufb06", "st st"),
        ("Saint\u200b-Louis\u2060", "Saint-Louis"),
        ("\ufeffLauréats", "Lauréats"),
        ("1\u202f000\u00a0€", "1 000 €"),
        ("\uff24\uff41\uff4b\uff41\uff52\uff08\uff33\uff45\uff4e\uff09", "Dakar(Sen)"),
        ("fi\u00adlière", "filière"),
        ("Lauréats", "Lauréats"),
    ],
)
def test_readable_gives_the_letters_a_reader_sees(printed: str, seen: str) -> None:
    assert readable(printed) == seen


def test_a_soft_hyphen_ending_a_line_joins_the_word_halves() -> None:
    text = readable("la fi\u00ad\nlière\u00ad  \nsuite")
    assert text == "la fi\u00ad\nlière\u00ad  \nsuite"
    assert readable(SOFT_HYPHEN) == SOFT_HYPHEN  # a glyph of its own: a line end, maybe
    assert join_lines(["la fi\u00ad", "lière"]) == "la filière"
    assert join_lines(["Ruf\u00ad"]) == "Ruf"


def test_text_input_is_made_readable_once_where_it_enters() -> None:
    text = (
        "Région\tCollectivité\tPartenaire\tProjet\n"
        "Bretagne\tVille de Rennes\tCommune de Ru\ufb01sque\u200b (Sénégal)\t"
        "La \ufb01li\u00adère lait\n"
    )
    rows = [b for b in read_text(text, LAUREATES_HEADER).blocks if not isinstance(b, TextLine)]
    cells = [cell.text for row in rows[0].rows for cell in row.cells]  # type: ignore[union-attr]
    assert "Commune de Rufisque (Sénégal)" in cells
    assert "La filière lait" in cells
    laureate = parse_text(text).laureates[0]
    assert laureate.partners[0].name == "Commune de Rufisque"
    assert laureate.title == "La filière lait"


def test_text_bytes_are_made_readable_too() -> None:
    data = "Lauréats de la \ufb01lière\u202f: projets\n".encode()
    blocks = read_source(data, headers=LAUREATES_HEADER).blocks
    lines = [b.text for b in blocks if isinstance(b, TextLine)]
    assert lines == ["Lauréats de la filière : projets"]


def _vera_pdf(*lines: str) -> bytes:
    """A one-page PDF of ``lines`` in reportlab's own Vera TrueType font (it has ligatures)."""
    reportlab = pytest.importorskip("reportlab")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
    pdfmetrics.registerFont(TTFont("Vera", str(font)))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.setFont("Vera", 12)
    for number, line in enumerate(lines):
        pdf.drawString(72, 720 - 16 * number, line)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_pdf_characters_are_made_readable_as_read() -> None:
    data = _vera_pdf(
        "Lauréats de la \ufb01lière", "Ru\ufb01sque et Thiès\u00a0: la \ufb02otte", "a\u00adb"
    )
    blocks = read_source(data, headers=LAUREATES_HEADER).blocks
    lines = [b.text for b in blocks if isinstance(b, TextLine)]
    assert lines == ["Lauréats de la filière", "Rufisque et Thiès : la flotte", "ab"]


# --- folding ---------------------------------------------------------------------------------


def test_fold_drops_accents_ligatures_case_and_apostrophes() -> None:
    assert fold("Côte d’Ivoire") == fold("COTE D'IVOIRE") == "cote d ivoire"
    assert fold("Cœur-de-Savoie") == "coeur de savoie"
    assert fold("Județ Cluj") == "judet cluj"
    assert fold("Sønderborg, Łódź") == "sonderborg lodz"
    assert first_word("Sous-préfecture de Kara") == "sous"


# --- lines that go on ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    ["Communauté de", "Région Sud -", "Grenoble-Alpes,", "la ville d’", "projet pour",
     "coopération à", "Ville (Sénégal", "Tambacounda et", "Auvergne-Rhône-", "Nouvelle-Aquitaine/",
     "eau & ", "Ville de Dakar ;", "Commune DE"],
)
def test_lines_that_stop_mid_phrase(line: str) -> None:
    assert stops_mid_phrase(line)


@pytest.mark.parametrize(
    "line",
    ["Communauté de communes", "Ville de Dakar (Sénégal)", "volet A", "Plan D", "", "Métropole",
     "Commune de Kaolack", "2022"],
)
def test_lines_that_can_end(line: str) -> None:
    assert not stops_mid_phrase(line)


# --- separators ------------------------------------------------------------------------------


def test_separators_have_kinds() -> None:
    text = "Dakar, Thiès ; Kita et Kayes / Lomé - Kara\nSokodé"
    found = [(s.kind, s.text) for s in separators(text)]
    assert found == [
        (SepKind.COMMA, ", "),
        (SepKind.SEMICOLON, " ; "),
        (SepKind.AND, " et "),
        (SepKind.SLASH, " / "),
        (SepKind.DASH, " - "),
        (SepKind.LINE, "\n"),
    ]


def test_a_hyphen_or_et_inside_a_word_separates_nothing() -> None:
    assert list(separators("Saint-Louis, Tambacounda-Kédougou et Bethléem")) != []
    assert [s.kind for s in separators("Saint-Louis Tambacounda-Kédougou Kethiès")] == []
    commas = frozenset({SepKind.COMMA})
    assert split_at("Mali, Niger et Tchad", commas) == ["Mali", "Niger et Tchad"]


# --- authority type words --------------------------------------------------------------------


def test_authority_type_words() -> None:
    assert {"commune", "province", "cercle", "oblast", "judet"} <= PARTNER_AUTHORITY_WORDS
    assert {"commune", "communaute", "metropole", "sivom", "cc"} <= LEAD_AUTHORITY_WORDS
    assert "province" not in LEAD_AUTHORITY_WORDS
    assert "grand" not in PARTNER_AUTHORITY_WORDS


def test_the_wording_module_imports_no_stage() -> None:
    source = (Path(__file__).parents[1] / "src" / "aap_parser" / "wording.py").read_text("utf-8")
    assert "from aap_parser" not in source
    assert "import aap_parser" not in source


def test_words_pattern_names_elided_words_with_their_apostrophe() -> None:
    pattern = regex.compile(words_pattern(frozenset({"de", "des", "l"})) + "$")
    assert pattern.match("des")
    assert pattern.match("l’")
    assert pattern.match("l'")
    assert not pattern.match("l")
