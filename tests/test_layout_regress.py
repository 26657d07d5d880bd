"""Layout texts that once broke the reader (``tests/fixtures/layout/regress/``, made by its
``make.sh``): each must read without an internal error, into laureates of its spec."""

from __future__ import annotations

from aap_parser import parse_text
from tests.conftest import FIXTURES
from tests.fixtures_gen.spec import load_all_specs

REGRESS = FIXTURES / "layout" / "regress"


def test_a_widest_column_left_out_twice_does_not_break_the_reader() -> None:
    # A narrow numbers column printed against the regions: the widest column was chosen as
    # merged a second time, once already left out of the columns that cut rows.
    text = (REGRESS / "2023_franco_quebecois.numbered.grid.layout.txt").read_text("utf-8")
    (spec,) = [s for s in load_all_specs() if s.name == "2023_franco_quebecois"]
    titles = {row.cells[t.roles.index("title")] for t in spec.tables for row in t.rows}
    announcement = parse_text(text)
    read = [laureate.title for laureate in announcement.laureates]
    assert len(read) >= 5
    assert set(read) <= titles


def test_rows_the_reader_could_not_read_as_a_table_are_flagged() -> None:
    # A second table under a sub-heading, its header in words outside the vocabulary: its
    # rows are not read as a table. They must not pass silently into a footnote.
    text = (REGRESS / "2022_franco_palestinien.words.word.layout.txt").read_text("utf-8")
    announcement = parse_text(text)
    flagged = [w for w in announcement.warnings if w.code == "text-like-rows"]
    assert flagged
    assert flagged[0].severity == "warning"
    lines = text.split("\n")
    assert flagged[0].line is not None
    assert "Gouvernorat de" in lines[flagged[0].line - 1]


def test_running_text_after_a_table_is_not_flagged() -> None:
    text = (FIXTURES / "seed.txt").read_text("utf-8") + (
        "\n* Les montants sont indicatifs.\nContact : Délégation, bureau 3.\n"
    )
    assert not [w for w in parse_text(text).warnings if w.code == "text-like-rows"]
