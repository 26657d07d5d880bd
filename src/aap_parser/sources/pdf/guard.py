"""Refuse decompression bombs before pdfminer inflates a stream whole in memory.

pdfminer decodes a stream with one ``zlib.decompress`` call, so a page of a few hundred KB
can inflate to gigabytes. Before any page is read, each Flate stream that layout may decode
(page contents, forms, fonts, CMaps, object streams; not images, which layout never
decodes) is inflated here in bounded steps with the output thrown away, and the document is
refused past ``MAX_STREAM_BYTES`` for one stream or ``MAX_TOTAL_BYTES`` for all of them.
Real announcement pages inflate to well under 1 MB each, so the limits only stop bombs.
A stream is inflated only when the most its filters can give (Deflate's ceiling is 1032
bytes per byte) leaves the limits in doubt: an ordinary file's streams are sized by bound.

The check runs on pdfminer's reading of the file's objects whichever backend then reads the
pages. Streams pdfminer already inflated while opening the file (cross-reference streams, the
object stream holding the catalogue) are not covered: they are read before this check.
"""

from __future__ import annotations

import io
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from pdfminer.ascii85 import ascii85decode, asciihexdecode
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import (
    LITERALS_ASCII85_DECODE,
    LITERALS_ASCIIHEX_DECODE,
    LITERALS_FLATE_DECODE,
    PDFStream,
    resolve1,
)
from pdfminer.psparser import LIT

from aap_parser.errors import TooLargeError
from aap_parser.sources.pdf.backends.pdfminer_objects import AcyclicDocument

MAX_STREAM_BYTES = 64 * 2**20
"""Largest inflated stream accepted (64 MB): one announcement page is a few dozen KB."""

MAX_TOTAL_BYTES = 256 * 2**20
"""Largest inflated size of all streams together (256 MB): long documents stay far below."""

_STEP = 2**20
"""Bytes of output inflated at a time: the most memory one step of the check holds."""

_IMAGE = LIT("Image")


def _inflate(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """Inflate a Flate stream given in pieces, yielding at most ``_STEP`` bytes at a time.

    Stops quietly at corrupt data: pdfminer keeps what came before, and so does the count.
    """
    inflater = zlib.decompressobj()
    for chunk in chunks:
        pending = chunk
        while pending:
            try:
                out = inflater.decompress(pending, _STEP)
            except zlib.error:
                return
            if out:
                yield out
            pending = inflater.unconsumed_tail


def inflated_size(data: bytes, filters: list[Any], limit: int) -> int:
    """Size of ``data`` once its Flate filters are applied, counted up to just past ``limit``.

    ASCII filters before the first Flate one are applied (their output is shorter than
    their input); counting stops at the first other filter, whose input size is returned.
    """
    pieces: Iterable[bytes] | None = None
    for name, _params in filters:
        if name in LITERALS_FLATE_DECODE:
            pieces = _inflate(pieces if pieces is not None else (data,))
        elif pieces is None and name in LITERALS_ASCII85_DECODE:
            data = ascii85decode(data)
        elif pieces is None and name in LITERALS_ASCIIHEX_DECODE:
            data = asciihexdecode(data)
        else:
            break
    if pieces is None:
        return len(data)
    total = 0
    for piece in pieces:
        total += len(piece)
        if total > limit:
            break
    return total


FLATE_MAX_RATIO = 1032
"""Most bytes Deflate data inflates to per byte: a 258-byte match coded in two bits (a
Huffman code of one 1-bit length symbol and one 1-bit distance), the format's ceiling."""


def inflation_bound(data: bytes, filters: list[Any]) -> int:
    """An upper bound of :func:`inflated_size` without decoding: the filters' largest
    output for this input (ASCII85 gives at most 4 bytes per 5 characters, or per "z";
    hex one per 2 digits; Flate at most ``FLATE_MAX_RATIO`` times its input), plus a margin."""
    size = len(data)
    decoded = False  # counting goes on after an ASCII filter only before the first Flate
    for index, (name, _params) in enumerate(filters):
        if name in LITERALS_FLATE_DECODE:
            size = size * FLATE_MAX_RATIO + 1024
            decoded = True
        elif not decoded and name in LITERALS_ASCII85_DECODE:
            zeros = data.count(b"z") if index == 0 else size  # "z" read in the stored bytes
            size = 4 * zeros + (size - min(zeros, size)) * 4 // 5 + 4
        elif not decoded and name in LITERALS_ASCIIHEX_DECODE:
            size = size // 2 + 1
        else:
            break
    return size


def _direct_streams(document: Any) -> Iterator[tuple[int, PDFStream]]:
    """Every stream object of the document with its number (streams are never compressed)."""
    seen: set[int] = set()
    for xref in document.xrefs:
        for objid in xref.get_objids():
            if objid in seen:
                continue
            seen.add(objid)
            try:
                if xref.get_pos(objid)[0] is not None:
                    continue  # inside an object stream: cannot be a stream itself
                obj = document.getobj(objid)
            except Exception:  # a broken object is reported when (if) a page uses it
                continue
            if isinstance(obj, PDFStream):
                yield objid, obj


def _stored(stream: PDFStream) -> tuple[bytes, list[Any]] | None:
    """A stream's bytes as stored (deciphered if encrypted) and its filters; None if unreadable."""
    data, objid, genno = stream.rawdata, stream.objid, stream.genno
    if data is None:
        return None
    try:
        filters = stream.get_filters()
        if stream.decipher and objid is not None and genno is not None:
            data = stream.decipher(objid, genno, data, stream.attrs)
    except Exception:  # unreadable filters or cipher: pdfminer reports it if a page uses it
        return None
    return data, filters


def check_pdf(data: bytes, password: str | None = None) -> int:
    """Open the PDF's object structure (no page content is read), run :func:`check_streams`
    on it and walk its page tree; the number of pages.

    This is the one reading of the file's structure, whichever backend reads the pages
    afterwards, so that every backend refuses the same broken, encrypted or oversized files.
    pdfminer's errors on a file that cannot be opened pass through for the reader to type.
    """
    document = AcyclicDocument(PDFParser(io.BytesIO(data)), password=password or "")
    check_streams(document)
    check_forms(document)
    return sum(1 for _ in PDFPage.create_pages(document))


MAX_FORM_DRAWS = 100_000
"""Most times one form may end up drawn through the forms it draws, and they draw: a real
page draws a logo or a table a few times; forms nested to draw each other ten times over,
ten levels deep, draw the last one a billion times from a few KB (a form bomb)."""

_DO = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s*Do\b")
_FORM = LIT("Form")


def check_forms(document: Any, *, limit: int = MAX_FORM_DRAWS) -> None:
    """Raise ``TooLargeError`` if a form XObject of the pdfminer ``document`` draws, through
    the forms it draws (counted by their ``Do`` operators), more than ``limit`` forms."""
    draws: dict[int, int] = {}
    for objid, stream in _direct_streams(document):
        if resolve1(stream.get("Subtype")) is not _FORM:
            continue
        if _form_draws(stream, objid, draws, set()) > limit:
            raise TooLargeError(
                f"PDF form {objid} draws forms more than {limit:,} times (a form bomb?)"
            )


def _form_draws(stream: PDFStream, objid: int, draws: dict[int, int], open_: set[int]) -> int:
    """How many forms drawing ``stream`` draws in all, itself included (memoised in
    ``draws``; a form drawing itself, directly or not, counts once)."""
    if objid in draws:
        return draws[objid]
    if objid in open_:
        return 1
    open_.add(objid)
    total = 1
    try:
        content = stream.get_data()
        forms = resolve1(resolve1(stream.get("Resources") or {}).get("XObject") or {})
    except Exception:  # unreadable: pdfminer or the backend reports it if a page uses it
        content, forms = b"", {}
    for name, count in Counter(_DO.findall(content or b"")).items():
        reference = forms.get(name.decode("latin-1")) if isinstance(forms, dict) else None
        child = resolve1(reference)
        if isinstance(child, PDFStream) and resolve1(child.get("Subtype")) is _FORM:
            child_id = getattr(reference, "objid", None) or id(child)
            total += count * _form_draws(child, child_id, draws, open_)
        if total > MAX_FORM_DRAWS * 10:
            break
    open_.discard(objid)
    draws[objid] = total
    return total


def check_streams(
    document: Any, *, per_stream: int = MAX_STREAM_BYTES, total: int = MAX_TOTAL_BYTES
) -> None:
    """Raise ``TooLargeError`` if a non-image stream of the pdfminer ``document`` inflates
    beyond ``per_stream`` bytes, or all of them together beyond ``total`` bytes.

    A stream is inflated only where its bound (:func:`inflation_bound`) leaves the answer
    open: each stream whose bound passes ``per_stream``, then, while the sizes known and
    the bounds of the others add up past ``total``, the others, largest bound first. An
    ordinary file's streams are bounded well under both limits: none is inflated here.
    """
    inflated = 0  # the streams' sizes: inflated where measured, else bounded
    unsure: list[tuple[int, int, tuple[bytes, list[Any]]]] = []  # bound, objid, stored
    for objid, stream in _direct_streams(document):
        if resolve1(stream.get("Subtype")) is _IMAGE or (stored := _stored(stream)) is None:
            continue
        bound = inflation_bound(*stored)
        if bound > per_stream:
            inflated += _measured(objid, stored, per_stream)
        else:
            inflated += bound
            unsure.append((bound, objid, stored))
    unsure.sort(key=lambda item: item[0])
    while inflated > total and unsure:
        bound, objid, stored = unsure.pop()
        size = _measured(objid, stored, per_stream)
        inflated += size - bound
    if inflated > total:
        raise TooLargeError(
            f"the PDF's streams inflate to more than {total // 2**20} MB"
            " (a decompression bomb?)"
        )


def _measured(objid: int, stored: tuple[bytes, list[Any]], per_stream: int) -> int:
    """A stream's inflated size, counted up to just past ``per_stream`` (0 for bad ASCII85
    or hex data, which pdfminer reports if a page uses it); ``TooLargeError`` past it."""
    try:
        size = inflated_size(*stored, per_stream)
    except Exception:
        return 0
    if size > per_stream:
        raise TooLargeError(
            f"PDF object {objid} inflates to more than {per_stream // 2**20} MB"
            " (a decompression bomb?)"
        )
    return size
