"""Layout texts that once broke the reader (``tests/fixtures/layout/regress/``, made by its
``make.sh``): each must read without an internal error, into laureates of its spec."""

from __future__ import annotations

from aap_parser import parse_text
from tests.conftest import FIXTURES
from tests.fixtures_gen import variants
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


def test_a_second_table_headed_in_other_words_is_read_exactly() -> None:
    # A second table under a sub-heading, its header in words outside the vocabulary
    # (« Localisation | Structure | Homologue | Libellé | Enveloppe »), its first cells glued
    # a space apart: its header is told by what the rows below hold, and every laureate of
    # both tables reads as its spec holds it.
    name = "2022_franco_palestinien"
    text = (REGRESS / f"{name}.words.word.layout.txt").read_text("utf-8")
    (spec,) = [s for s in load_all_specs() if s.name == name]
    reworded = variants._reworded(spec)
    assert reworded is not None
    golden = variants.expected(variants.TextVariant(name, reworded), text)
    assert variants.score(text, golden) == (7, 7)
    assert not [w for w in parse_text(text).warnings if w.code == "text-like-rows"]


def test_running_text_after_a_table_is_not_flagged() -> None:
    text = (FIXTURES / "seed.txt").read_text("utf-8") + (
        "\n* Les montants sont indicatifs.\nContact : Délégation, bureau 3.\n"
    )
    assert not [w for w in parse_text(text).warnings if w.code == "text-like-rows"]
