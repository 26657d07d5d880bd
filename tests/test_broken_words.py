"""The broken-word reader's quick tests agree with the letter classes they stand for."""

from __future__ import annotations

import regex
from hypothesis import given
from hypothesis import strategies as st

from aap_parser.layout import broken_words

_TEXT = st.text(alphabet=st.sampled_from(list("ab Éé ß\n\t.-'’1İǅʰ\u0301\u00a0")), max_size=14)


@given(_TEXT, _TEXT)
def test_a_break_is_told_as_the_letter_classes_say(line: str, below: str) -> None:
    ends = regex.search(r"(\p{L}+)$", line.rstrip())
    starts = regex.match(r"^(\p{Ll}+)", below.lstrip())
    assert broken_words._broken(line, below) == (ends is not None and starts is not None)
    found = broken_words._ENDS.search(line.rstrip())
    assert (found and found.span()) == (ends and ends.span())
