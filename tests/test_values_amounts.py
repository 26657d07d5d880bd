"""Amount cells read as euros, with footnote marks apart and warnings for doubtful forms."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aap_parser.values.amounts import parse_amount


@pytest.mark.parametrize(
    ("text", "value", "note"),
    [
        ("30 000", "30000", None),
        ("30 000 €", "30000", None),
        ("45.000 €", "45000", None),
        ("64.039 €", "64039", None),
        ("63 710 euros", "63710", None),
        ("7 500 euros", "7500", None),
        ("9 500*", "9500", "*"),
        ("9 500 € (1)", "9500", "(1)"),
        ("9 500¹", "9500", "¹"),
        ("30 000,50 €", "30000.50", None),
        ("1 200 000", "1200000", None),
        ("1.234.567,89 €", "1234567.89", None),
        ("30\u00a0000\u00a0€", "30000", None),
        ("30\u202f000\u202f€", "30000", None),
        ("€ 12 000", "12000", None),
        ("12 000 EUR", "12000", None),
        ("0", "0", None),
    ],
)
def test_parse_amount(text: str, value: str, note: str | None) -> None:
    parsed = parse_amount(text)
    assert parsed.value == Decimal(value)
    assert parsed.note == note
    assert parsed.warning is None


@pytest.mark.parametrize(
    ("text", "value"),
    [("30k€", "30000"), ("30 K€", "30000"), ("1,2 M€", "1200000"), ("30,000", "30000")],
)
def test_doubtful_amounts_are_read_with_a_warning(text: str, value: str) -> None:
    parsed = parse_amount(text)
    assert parsed.value == Decimal(value)
    assert parsed.warning is not None


@pytest.mark.parametrize("text", ["", "   ", "-", "–"])
def test_blank_amount_is_none_silently(text: str) -> None:
    assert parse_amount(text) == parse_amount("")
    assert parse_amount(text).value is None
    assert parse_amount(text).warning is None


@pytest.mark.parametrize("text", ["abc", "à définir", "1 2345", "30 000 € (dont 5 000 €)"])
def test_unreadable_amount_warns(text: str) -> None:
    parsed = parse_amount(text)
    assert parsed.value is None
    assert parsed.warning is not None
    assert (parsed.warning.code, parsed.warning.severity) == ("amount-unreadable", "error")
    assert text in parsed.warning.message


def test_dot_thousands_never_read_as_decimals() -> None:
    assert parse_amount("45.000").value == Decimal(45000)
    assert parse_amount("45.5").value == Decimal("45.5")


@given(
    euros=st.integers(min_value=0, max_value=9_999_999),
    group=st.sampled_from([" ", ".", "\u00a0", "\u202f"]),
    suffix=st.sampled_from(["", " €", "€", " euros", " EUR"]),
)
def test_grouped_integers_round_trip(euros: int, group: str, suffix: str) -> None:
    printed = f"{euros:,}".replace(",", group) + suffix
    parsed = parse_amount(printed)
    assert parsed.value == Decimal(euros)
    assert parsed.warning is None
