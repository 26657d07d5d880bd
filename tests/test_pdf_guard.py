"""The decompression-bomb guard: streams are sized in bounded steps before any page is read."""

from __future__ import annotations

import base64
import io
import logging
import time
import zlib
from typing import Any

import pdfplumber
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfminer.psparser import LIT

from aap_parser import parse
from aap_parser.errors import EncryptedPdfError, TooLargeError
from aap_parser.sources.pdf import guard
from aap_parser.sources.pdf.guard import (
    MAX_STREAM_BYTES,
    check_streams,
    inflated_size,
    inflation_bound,
)
from tests.fixtures_gen import bad_inputs as bad

FLATE, A85, DCT = LIT("FlateDecode"), LIT("ASCII85Decode"), LIT("DCTDecode")
HEX = LIT("ASCIIHexDecode")
MB = 2**20


@pytest.fixture(autouse=True)
def _quiet_pdfminer() -> None:
    """pdfminer logs each repair it makes; the assertions are what matter."""
    logging.getLogger("pdfminer").setLevel(logging.ERROR)


def test_bomb_past_the_limit_is_refused_before_layout() -> None:
    data = bad.bomb_pdf(MAX_STREAM_BYTES + 16 * MB)
    start = time.monotonic()
    with pytest.raises(TooLargeError, match="inflates to more than 64 MB") as caught:
        parse(data)
    assert time.monotonic() - start < 5
    assert "\n" not in str(caught.value)


def test_inflated_size_is_exact_below_the_limit() -> None:
    raw = b"0 0 m 10 10 l S\n" * 50_000
    assert inflated_size(zlib.compress(raw), [(FLATE, None)], 10 * MB) == len(raw)


def test_inflated_size_stops_just_past_the_limit() -> None:
    packed = zlib.compress(b" " * (20 * MB))
    size = inflated_size(packed, [(FLATE, None)], 3 * MB)
    assert 3 * MB < size <= 4 * MB


def test_chained_flate_filters_are_all_counted() -> None:
    twice = zlib.compress(zlib.compress(b" " * (8 * MB), 9), 9)
    assert len(twice) < 100_000
    assert inflated_size(twice, [(FLATE, None), (FLATE, None)], 64 * MB) == 8 * MB


def test_ascii85_before_flate_is_decoded_first() -> None:
    encoded = base64.a85encode(zlib.compress(b" " * 100_000)) + b"~>"
    assert inflated_size(encoded, [(A85, None), (FLATE, None)], MB) == 100_000


def test_streams_without_flate_count_as_stored() -> None:
    jpeg = b"\xff\xd8 jpeg bytes"
    assert inflated_size(jpeg, [(DCT, None)], MB) == len(jpeg)
    assert inflated_size(b"BT ET", [], MB) == len(b"BT ET")


def test_corrupt_flate_data_counts_what_inflates_before_the_damage() -> None:
    packed = zlib.compress(b" " * 500_000)
    assert inflated_size(packed[:-6] + b"garbage!", [(FLATE, None)], MB) <= 500_000
    assert inflated_size(b"not zlib at all", [(FLATE, None)], MB) == 0


def test_per_stream_and_total_limits_apply_to_a_document() -> None:
    with pdfplumber.open(io.BytesIO(bad.bomb_pdf(3 * MB))) as pdf:
        check_streams(pdf.doc)  # well under the default limits
        with pytest.raises(TooLargeError, match="object 4 inflates to more than 2 MB"):
            check_streams(pdf.doc, per_stream=2 * MB)
        with pytest.raises(TooLargeError, match="streams inflate to more than 1 MB"):
            check_streams(pdf.doc, per_stream=4 * MB, total=1 * MB)


def test_encrypted_pdf_message_says_how_to_give_the_password() -> None:
    with pytest.raises(EncryptedPdfError) as caught:
        parse(bad.BAD_DIR / "encrypted.pdf")
    assert "--password" in str(caught.value)
    assert "password=" in str(caught.value)


@settings(max_examples=150, deadline=None)
@given(
    payload=st.binary(max_size=3000),
    repeat=st.integers(min_value=1, max_value=400),
    chain=st.lists(st.sampled_from(["flate", "a85", "hex"]), min_size=1, max_size=3),
)
def test_inflation_bound_is_never_below_the_inflated_size(
    payload: bytes, repeat: int, chain: list[str]
) -> None:
    """The bound that lets the guard skip inflating a stream holds for any chain of the
    filters it counts, highly compressible data included."""
    encode = {
        "flate": lambda d: zlib.compress(d, 9),
        "a85": lambda d: base64.a85encode(d) + b"~>",
        "hex": lambda d: d.hex().encode() + b">",
    }
    literal = {"flate": FLATE, "a85": A85, "hex": HEX}
    data = payload * repeat
    for name in reversed(chain):
        data = encode[name](data)
    filters = [(literal[name], None) for name in chain]
    assert inflation_bound(data, filters) >= inflated_size(data, filters, 64 * MB)


def test_an_ordinary_document_is_checked_without_inflating_a_stream(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Streams bounded under both limits are not inflated; one bounded over the per-stream
    limit is, and a bomb is still refused."""
    calls: list[int] = []
    real = guard.inflated_size

    def counting(data: bytes, filters: list[Any], limit: int) -> int:
        calls.append(len(data))
        return real(data, filters, limit)

    monkeypatch.setattr(guard, "inflated_size", counting)
    with pdfplumber.open(io.BytesIO(bad.bomb_pdf(3 * MB))) as pdf:
        check_streams(pdf.doc)
        assert calls == []
        with pytest.raises(TooLargeError, match="inflates to more than 2 MB"):
            check_streams(pdf.doc, per_stream=2 * MB)
        assert calls
