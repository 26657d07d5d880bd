"""Text sources: encodings, line ends, tab and pipe tables, markdown emphasis."""

from __future__ import annotations

import codecs
from functools import partial

import pytest

from aap_parser import sources
from aap_parser.errors import InputError
from aap_parser.grid import RawTable, TextLine
from aap_parser.layout.headers import LAUREATES_HEADER
from aap_parser.sources import is_pdf
from aap_parser.sources.text import decode_text, read_delimited_text, split_lines

read_source = partial(sources.read_source, headers=LAUREATES_HEADER)

SAMPLE = (
    "Paris, le 23 juin 2020\nRégion\tPorteur\tPartenaire\n"
    "Île-de-France\tVal-de-Marne\tYên Bái (Viêt Nam)\n"
)


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
        SAMPLE.encode("utf-16"),
        SAMPLE.encode("utf-16-le"),
        SAMPLE.replace("Viêt Nam", "Vietnam").replace("Yên Bái", "Yen Bai").encode("cp1252"),
        SAMPLE.replace("\n", "\r\n").encode("utf-8"),
    ],
)
def test_encodings_decode_to_the_same_lines(data: bytes) -> None:
    decoded = decode_text(data)
    lines = split_lines(decoded.text)
    assert lines[0] == "Paris, le 23 juin 2020"
    assert lines[2].startswith("Île-de-France\tVal-de-Marne\t")
    assert not decoded.warnings


def test_windows_1252_specials() -> None:
    decoded = decode_text("Œuvre d’art « été »".encode("cp1252"))
    assert decoded.text == "Œuvre d’art « été »"
    assert decoded.encoding == "cp1252"


def test_nul_bytes_removed_with_warning() -> None:
    decoded = decode_text(b"R\x00egion\tPorteur")
    assert decoded.text == "Region\tPorteur"
    assert decoded.warnings


def test_pdf_detected_by_content_not_name() -> None:
    assert is_pdf(b"%PDF-1.7\n...")
    assert is_pdf(b"\xef\xbb\xbf junk %PDF-1.4")
    assert not is_pdf(b"Region\tPorteur")


def test_pipe_table_with_and_without_outer_pipes() -> None:
    text = (
        "**Délégation pour l'action extérieure**\n\n"
        "| Région | Porteur | Partenaire |\n|---|:---:|---|\n"
        "| Bretagne | Rennes | Sfax (Tunisie)<br>Sousse (Tunisie) |\n|  | Brest | Tyr (Liban) |\n"
        "\nRégion | Porteur | Partenaire\n--- | --- | ---\nCorse | Bastia | Tyr (Liban)\n"
    )
    document = read_delimited_text(split_lines(text))
    kinds = [type(block) for block in document.blocks]
    assert kinds == [TextLine, RawTable, RawTable]
    heading = document.blocks[0]
    assert isinstance(heading, TextLine)
    assert heading.bold
    assert heading.text == "Délégation pour l'action extérieure"
    first, second = document.blocks[1], document.blocks[2]
    assert isinstance(first, RawTable)
    assert isinstance(second, RawTable)
    assert [row.texts for row in first.rows] == [
        ("Région", "Porteur", "Partenaire"),
        ("Bretagne", "Rennes", "Sfax (Tunisie) Sousse (Tunisie)"),
        ("", "Brest", "Tyr (Liban)"),
    ]
    assert first.rows[1].cells[2].lines == ("Sfax (Tunisie)", "Sousse (Tunisie)")
    assert [row.line for row in first.rows] == [3, 5, 6]
    assert second.rows[1].texts == ("Corse", "Bastia", "Tyr (Liban)")


def test_text_without_table_reads_as_lines_only() -> None:
    document = read_source(b"Just a letter.\nNothing tabular here.\n")
    assert all(isinstance(block, TextLine) for block in document.blocks)


def test_pipe_rows_with_outer_pipes_under_a_header_without() -> None:
    text = (
        "Région | Porteur | Partenaire\n--- | --- | ---\n"
        "| Corse | Bastia | Tyr (Liban) |\n | Ajaccio | Sousse (Tunisie)\n"
    )
    (table,) = read_delimited_text(split_lines(text)).blocks
    assert isinstance(table, RawTable)
    assert [row.texts for row in table.rows[1:]] == [
        ("Corse", "Bastia", "Tyr (Liban)"), ("", "Ajaccio", "Sousse (Tunisie)")]


def test_empty_and_binary_inputs_are_input_errors() -> None:
    with pytest.raises(InputError, match="empty file"):
        read_source(b"  \n")
    with pytest.raises(InputError, match="binary content"):
        read_source(bytes(range(256)) * 4)


def test_markdown_escapes_are_printed_characters() -> None:
    text = (
        "| Région | Porteur | Partenaire |\n|---|---|---|\n"
        "| Corse | Bastia | Tyr \\(Liban\\) |\n\n\\* sous réserve\n"
    )
    document = read_delimited_text(split_lines(text))
    table, note = document.blocks
    assert isinstance(table, RawTable)
    assert table.rows[1].texts == ("Corse", "Bastia", "Tyr (Liban)")
    assert isinstance(note, TextLine)
    assert note.text == "* sous réserve"
