"""Layout texts that once broke the reader (``tests/fixtures/layout/regress/``, made by its
``make.sh``): each must read without an internal error, every laureate as its spec holds it."""

from __future__ import annotations

from pathlib import Path

import pytest

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


_VARIANTS = {
    "numbered": variants._numbered,
    "words": variants._reworded,
    "programme": variants._with_programme,
    "reordered": variants._reordered,
}


@pytest.mark.parametrize(
    "path", sorted(REGRESS.glob("*.layout.txt")), ids=lambda path: path.name.split(".layout")[0]
)
def test_every_laureate_reads_as_its_spec_holds_it(path: Path) -> None:
    # Each text once broke in its own way: a header printed in other words, naming a role
    # twice (« Projet » over row numbers, « Titre du projet »), cells glued a space apart
    # in the header or the rows, a second table under a sub-heading. All read exactly now.
    name, kind, _style = path.name.split(".")[:3]
    (spec,) = [s for s in load_all_specs() if s.name == name]
    changed = _VARIANTS[kind](spec)
    assert changed is not None
    text = path.read_text("utf-8")
    golden = variants.expected(variants.TextVariant(name, changed), text)
    assert variants.score(text, golden) == (len(golden.laureates), len(golden.laureates))
    assert not [w for w in parse_text(text).warnings if w.code == "text-like-rows"]


def test_running_text_after_a_table_is_not_flagged() -> None:
    text = (FIXTURES / "seed.txt").read_text("utf-8") + (
        "\n* Les montants sont indicatifs.\nContact : Délégation, bureau 3.\n"
    )
    assert not [w for w in parse_text(text).warnings if w.code == "text-like-rows"]
