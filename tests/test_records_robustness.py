"""The records text functions take any cell text without raising."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aap_parser.records.leads import split_leads
from aap_parser.records.partners import pair_countries, split_partners
from aap_parser.values.amounts import parse_amount
from aap_parser.values.calls import bilateral_country
from aap_parser.values.countries import country_code

_CELL_CHARS = st.sampled_from(list("abcéÉ ’'()-–/,;:*.0123456789€\n\u00a0")) | st.characters()
_cell = st.lists(_CELL_CHARS, max_size=60).map("".join)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(text=_cell, lines=st.lists(_cell, max_size=3))
def test_any_text_is_handled(text: str, lines: list[str]) -> None:
    split = split_partners(text, tuple(lines), default_country=None)
    assert all(p.name.strip() for p in split.partners)
    paired, _ = pair_countries(split.partners, text)
    assert len(paired) >= len(split.partners)  # pairing may split « place, place »
    names, _ = split_leads(text, tuple(lines))
    assert all(name.strip() for name in names)
    amount = parse_amount(text)
    assert amount.value is None or isinstance(amount.value, Decimal)
    if amount.value is None and amount.warning is None:  # silent only for a blank cell
        assert not any(ch.isalnum() for ch in text)
    bilateral_country(text)
    country_code(text)
