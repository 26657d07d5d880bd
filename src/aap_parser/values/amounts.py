"""Read an amount cell (« 30 000 € », « 45.000 € », « 9 500* ») as a Decimal in euros.

Thousands are grouped by spaces (no-break and narrow ones too), dots or apostrophes; the
decimal mark is a comma (a dot only when followed by one or two digits). A footnote mark
(« * », « (1) », a superscript) is returned apart. A blank or a lone dash is no amount,
silently; anything else that is not one amount gives None and a warning.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import regex

from aap_parser.grid import ParseWarning, WarningCode, collapse_spaces, warn


@dataclass(frozen=True, slots=True)
class AmountParse:
    """An amount cell read: its value in euros, its footnote mark, and what went wrong."""

    value: Decimal | None
    note: str | None = None
    warning: ParseWarning | None = None


_NOTE = regex.compile(r"\*+|\(\s*(?:\d{1,2}|[a-z]|\*+)\s*\)|[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
_CURRENCY = regex.compile(r"€|\b(?:d['’]\s*)?euros?\b|\beur\b|\bht\b|\bttc\b", regex.IGNORECASE)
_SCALE = regex.compile(r"^(?P<num>.*\d)\s*(?P<unit>k|m|millions?|mille)\s*$", regex.IGNORECASE)
_BLANK = regex.compile(r"^[-‐‑–—/.\s]*$")
_GROUP = r"[ .'’]"
_NUMBER = regex.compile(
    rf"^(?P<int>\d{{1,3}}(?:{_GROUP}\d{{3}})+|\d+)(?:,(?P<dec>\d{{1,2}}))?$"
    rf"|^(?P<int2>\d+)\.(?P<dec2>\d{{1,2}})$"
    rf"|^(?P<int3>\d{{1,3}}(?:,\d{{3}})+)$"
)
_SCALES = {"k": Decimal(1000), "mille": Decimal(1000), "m": Decimal(10**6)}


def parse_amount(text: str) -> AmountParse:
    """Read one amount cell; see the module docstring for the accepted forms."""
    printed = collapse_spaces(text)
    if _BLANK.match(printed):
        return AmountParse(None)
    notes = [m.group(0).replace(" ", "") for m in _NOTE.finditer(printed)]
    note = "".join(notes) or None
    bare = collapse_spaces(_CURRENCY.sub(" ", _NOTE.sub(" ", printed)))
    scale = Decimal(1)
    warning: ParseWarning | None = None
    scaled = _SCALE.match(bare)
    if scaled:
        unit = scaled.group("unit").casefold()
        scale = _SCALES["m" if unit.startswith("m") and unit != "mille" else unit]
        bare = scaled.group("num").strip()
        warning = warn(
            WarningCode.AMOUNT_ABBREVIATED,
            f"abbreviated amount {printed!r} read as a multiple of {scale}",
        )
    value = _number(bare)
    if value is None:
        return AmountParse(
            None, note, warn(WarningCode.AMOUNT_UNREADABLE, f"unreadable amount {printed!r}")
        )
    number, ambiguous = value
    if ambiguous and warning is None:
        warning = warn(
            WarningCode.AMOUNT_THOUSANDS,
            f"amount {printed!r} has a comma before three digits: read as thousands",
        )
    amount = number * scale
    if scale != 1 and amount == amount.to_integral_value():
        amount = amount.quantize(Decimal(1))
    return AmountParse(amount, note, warning)


def _number(text: str) -> tuple[Decimal, bool] | None:
    """Parse a bare number; the flag marks a comma read as a thousands separator."""
    match = _NUMBER.match(text)
    if match is None:
        return None
    ambiguous = False
    if match.group("int") is not None:
        digits = regex.sub(_GROUP, "", match.group("int"))
        decimals = match.group("dec")
    elif match.group("int2") is not None:
        digits, decimals = match.group("int2"), match.group("dec2")
    else:
        digits, decimals, ambiguous = match.group("int3").replace(",", ""), None, True
    try:
        return Decimal(f"{digits}.{decimals}" if decimals else digits), ambiguous
    except InvalidOperation:
        return None
