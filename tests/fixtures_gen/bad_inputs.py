"""The catalogue of hostile and broken inputs, and a command that writes it to tests/fixtures/bad/.

Small inputs are committed (``python -m tests.fixtures_gen.bad_inputs``; ``--check`` says
whether the committed files are up to date); big ones (decompression bomb, 2,000-page PDF,
multi-MB cell) are built on the fly by the tests and benchmarks from the functions here.
Everything is deterministic: fixed random seeds, reportlab's invariant mode.
"""

from __future__ import annotations

import argparse
import codecs
import io
import random
import sys
import zlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from reportlab.lib import pdfencrypt
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from tests.fixtures_gen.files import changed_files, write_files

REPO = Path(__file__).resolve().parents[2]
BAD_DIR = REPO / "tests" / "fixtures" / "bad"
SAMPLE_PDF = REPO / "tests" / "fixtures" / "samples" / "seed-000-r1.docx-lo.pdf"
SEED_TEXT = REPO / "tests" / "fixtures" / "seed.txt"
PASSWORD = "cooperation"

HEADING = (
    "Direction générale de la mondialisation",
    "Délégation pour l'action extérieure des collectivités territoriales",
    "Paris, le 3 mars 2021",
    "Lauréats de l'appel à projets « Jeunesse 2021 »",
)
COLUMNS = (
    "Région",
    "Collectivité territoriale française chef de file",
    "Collectivité locale partenaire",
    "Titre du projet",
)
LEADS = (
    ("Bretagne", "Commune de Rennes"),
    ("Occitanie", "Ville de Toulouse"),
    ("Grand Est", "Eurométropole de Strasbourg"),
    ("Normandie", "Conseil départemental du Calvados"),
    ("Hauts-de-France", "Conseil régional des Hauts-de-France"),
)
COUNTRIES = ("Sénégal", "Maroc", "Bénin", "Viêt Nam", "Madagascar", "Tunisie")


def laureate_row(index: int, leads: Sequence[tuple[str, str]] = LEADS) -> tuple[str, str, str, str]:
    """A synthetic laureates-table row: real French leads, numbered partners and titles."""
    region, lead = leads[index % len(leads)]
    country = COUNTRIES[index % len(COUNTRIES)]
    return (
        region,
        lead,
        f"Commune de Partenaire-{index} ({country})",
        f"Projet d'appui à la jeunesse numéro {index}",
    )


# --- text inputs ------------------------------------------------------------------------


def announcement_text(rows: Sequence[Sequence[str]], *, header: bool = True) -> str:
    """A tab-separated text announcement: heading lines, then the table."""
    lines = [*HEADING, ""]
    if header:
        lines.append("\t".join(COLUMNS))
    lines += ["\t".join(row) for row in rows]
    return "\n".join(lines) + "\n"


def announcement_layout_text(count: int) -> str:
    """The announcement as ``pdftotext -layout`` prints it: columns aligned with spaces."""
    widths = (20, 40, 45)
    header = ("Région", "Collectivité chef de file", "Collectivité partenaire", "Titre du projet")

    def line(cells: Sequence[str]) -> str:
        return "".join(c.ljust(w) for c, w in zip(cells, widths, strict=False)) + cells[-1]

    rows = [line(header), *(line(laureate_row(i)) for i in range(count))]
    return "\n".join([*HEADING, "", *rows]) + "\n"


def seed_text() -> bytes:
    """The one real announcement as tab-separated UTF-8 text."""
    return SEED_TEXT.read_bytes()


def empty() -> bytes:
    """A zero-byte file."""
    return b""


def random_bytes(seed: int = 7, size: int = 4096) -> bytes:
    """Random bytes (no PDF signature): neither a PDF nor text."""
    return random.Random(seed).randbytes(size)


def no_table_text() -> bytes:
    """An announcement heading and prose, with no laureates table."""
    prose = "La liste des lauréats sera publiée ultérieurement sur le site du ministère."
    return ("\n".join([*HEADING, "", prose]) + "\n").encode("utf-8")


def header_only_text() -> bytes:
    """A heading and the table's header row, but no laureate row."""
    return announcement_text([]).encode("utf-8")


def cp1252_text() -> bytes:
    """The sample announcement in Windows-1252, as French office software writes it."""
    return announcement_text([laureate_row(i) for i in range(4)]).encode("cp1252")


def utf16_bom_text() -> bytes:
    """The sample announcement in UTF-16 with a byte-order mark."""
    return codecs.BOM_UTF16_LE + announcement_text([laureate_row(i) for i in range(4)]).encode(
        "utf-16-le"
    )


def crlf_text() -> bytes:
    """The sample announcement with Windows line ends."""
    text = announcement_text([laureate_row(i) for i in range(4)])
    return text.replace("\n", "\r\n").encode("utf-8")


def nul_text() -> bytes:
    """The sample announcement with stray NUL bytes inside words and at line ends."""
    text = announcement_text([laureate_row(i) for i in range(4)])
    return text.replace("Commune", "Com\x00mune").replace("\n", "\x00\n").encode("utf-8")


def mixed_tabs_text() -> bytes:
    """Tabs padded with spaces around them, and doubled tabs inside the header line."""
    rows = [laureate_row(i) for i in range(4)]
    lines = [*HEADING, "", "  \t ".join(COLUMNS)]
    lines += [" \t  ".join(row) + "   " for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def extra_cells_text() -> bytes:
    """One row with a fifth cell beyond the four header columns."""
    rows: list[Sequence[str]] = [laureate_row(i) for i in range(4)]
    rows[2] = (*rows[2], "Cellule en trop")
    return announcement_text(rows).encode("utf-8")


def fewer_cells_text() -> bytes:
    """One row with only two of the four cells (no partner, no title)."""
    rows: list[Sequence[str]] = [laureate_row(i) for i in range(4)]
    rows[2] = rows[2][:2]
    return announcement_text(rows).encode("utf-8")


def big_cell_text(cell_bytes: int = 4_000_000) -> bytes:
    """A valid announcement whose one title cell holds several MB of words (no line breaks)."""
    words = "développement durable des territoires partenaires "
    title = (words * (cell_bytes // len(words) + 1))[:cell_bytes]
    rows: list[Sequence[str]] = [laureate_row(i) for i in range(3)]
    rows[1] = (*rows[1][:3], title)
    return announcement_text(rows).encode("utf-8")


# --- PDF inputs -------------------------------------------------------------------------


Encryption = str | pdfencrypt.StandardEncryption | None


def _canvas(buf: io.BytesIO, encrypt: Encryption = None) -> canvas.Canvas:
    return canvas.Canvas(buf, pagesize=landscape(A4), invariant=True, encrypt=encrypt)


def _draw_heading(pdf: canvas.Canvas, top: float) -> float:
    pdf.setFont("Helvetica", 10)
    for line in HEADING:
        pdf.drawString(40, top, line)
        top -= 16
    return top - 10


def _draw_ruled_rows(pdf: canvas.Canvas, rows: Sequence[Sequence[str]], top: float) -> None:
    """Rows of a ruled table (one text line per cell) from ``top`` down."""
    xs = (40, 170, 400, 600, 800)
    height = 16.0
    pdf.setFont("Helvetica", 7)
    for i, row in enumerate(rows):
        y = top - i * height
        for x, cell in zip(xs, row, strict=False):
            pdf.drawString(x + 3, y - 11, cell[:60])
        pdf.line(xs[0], y, xs[-1], y)
    bottom = top - len(rows) * height
    pdf.line(xs[0], bottom, xs[-1], bottom)
    for x in xs:
        pdf.line(x, top, x, bottom)


def announcement_pdf(
    n_pages: int = 1,
    *,
    rows_per_page: int = 25,
    table: bool = True,
    encrypt: Encryption = None,
    leads: Sequence[tuple[str, str]] = LEADS,
) -> bytes:
    """A ruled-table announcement PDF: heading on page 1, the table continued over pages."""
    buf = io.BytesIO()
    pdf = _canvas(buf, encrypt)
    index = 0
    for page in range(n_pages):
        top = _draw_heading(pdf, A4[0] - 40) if page == 0 else A4[0] - 40
        if table:
            rows: list[Sequence[str]] = [COLUMNS] if page == 0 else []
            while len(rows) < rows_per_page:
                rows.append(laureate_row(index, leads))
                index += 1
            _draw_ruled_rows(pdf, rows, top)
        else:
            pdf.drawString(40, top, "La liste des lauréats sera publiée ultérieurement.")
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def zero_size_text_pdf() -> bytes:
    """A valid announcement with two lines of zero-size (invisible) text under its table."""
    buf = io.BytesIO()
    pdf = _canvas(buf)
    top = _draw_heading(pdf, A4[0] - 40)
    _draw_ruled_rows(pdf, [COLUMNS, *(laureate_row(i) for i in range(5))], top)
    pdf.setFont("Helvetica", 0)
    pdf.drawString(40, 40, "texte invisible")
    pdf.drawString(40, 30, "texte invisible")
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


def dense_grid_pdf(lines: int = 100) -> bytes:
    """A page of graph paper: ``lines`` vertical and ``lines`` horizontal rules, one date line.

    Every rule meets every other, so a ruled-table finder sees a lines x lines grid.
    """
    step = 600 / lines
    content = b"BT /F1 10 Tf 1 0 0 1 40 780 Tm (Paris, le 3 mars 2021) Tj ET\n"
    content += b"".join(b"%.2f 0 m %.2f 792 l S\n" % (i * step, i * step) for i in range(lines))
    content += b"".join(b"0 %.2f m 612 %.2f l S\n" % (i * step, i * step) for i in range(lines))
    return _assemble_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def encrypted_pdf() -> bytes:
    """A valid one-page announcement encrypted with the user password ``PASSWORD``."""
    return announcement_pdf(encrypt=PASSWORD)


def owner_password_pdf() -> bytes:
    """A copy-protected announcement: encrypted with an owner password only, opens freely."""
    protection = pdfencrypt.StandardEncryption(
        "", ownerPassword=PASSWORD, canPrint=0, canModify=0, canCopy=0, strength=128
    )
    return announcement_pdf(encrypt=protection)


def no_table_pdf() -> bytes:
    """A PDF with the announcement heading and prose but no table."""
    return announcement_pdf(table=False)


def scanned_pdf() -> bytes:
    """An image-only page, as a scanner makes it: no text layer at all."""
    from PIL import Image

    rng = random.Random(3)
    image = Image.new("L", (160, 110), 255)
    image.putdata([255 if rng.random() > 0.1 else 0 for _ in range(160 * 110)])
    buf = io.BytesIO()
    pdf = _canvas(buf)
    pdf.drawInlineImage(image, 40, 40, width=760, height=520)
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


def sample_pdf() -> bytes:
    """A real producer's rendering of the seed announcement."""
    return SAMPLE_PDF.read_bytes()


def truncated_pdf(fraction: float) -> bytes:
    """The sample PDF cut after ``fraction`` of its bytes."""
    data = sample_pdf()
    return data[: int(len(data) * fraction)]


def bit_flipped_pdf(seed: int = 11, flips: int = 64) -> bytes:
    """The sample PDF with ``flips`` random single-bit flips past its signature."""
    data = bytearray(sample_pdf())
    rng = random.Random(seed)
    for _ in range(flips):
        pos = rng.randrange(16, len(data))
        data[pos] ^= 1 << rng.randrange(8)
    return bytes(data)


def _assemble_pdf(objects: Sequence[bytes]) -> bytes:
    """A PDF file from numbered object bodies (1..n; object 1 is the catalog), with xref."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def zero_pages_pdf() -> bytes:
    """A well-formed PDF whose page tree is empty."""
    return _assemble_pdf(
        [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    )


def no_mediabox_pdf() -> bytes:
    """A one-page PDF whose page has no /MediaBox, not even inherited (pdfplumber fails)."""
    return _assemble_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R >>",
        ]
    )


def broken_page_dict_pdf() -> bytes:
    """A one-page PDF whose page dictionary has a key without a value (a syntax error)."""
    return _assemble_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Orphan >>",
        ]
    )


def _deflate_chunks(head: bytes, filler: bytes, total: int) -> bytes:
    """Deflate ``head`` followed by ``filler`` repeated to ``total`` bytes, without holding it."""
    packer = zlib.compressobj(9)
    parts = [packer.compress(head)]
    block = filler * (1_048_576 // len(filler))
    remaining = total
    while remaining > 0:
        piece = block[: min(remaining, len(block))]
        parts.append(packer.compress(piece))
        remaining -= len(piece)
    parts.append(packer.flush())
    return b"".join(parts)


def bomb_pdf(inflated_bytes: int = 400_000_000, filler: bytes = b" ") -> bytes:
    """A valid one-page PDF whose content stream inflates to ``inflated_bytes`` (~1000:1).

    The stream starts with real text, then repeats ``filler``: spaces (a pure decompression
    bomb; every reader inflates the stream whole) or drawing operators (an object bomb).
    """
    head = b"BT /F1 12 Tf 72 720 Td (Laur\xe9ats de l'appel \xe0 projets) Tj ET\n"
    stream = _deflate_chunks(head, filler, inflated_bytes)
    return _assemble_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)
            + stream
            + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        ]
    )


_PAGE_TEXT = b"BT /F1 12 Tf 72 720 Td (Laur\xe9ats de l'appel \xe0 projets) Tj ET\n"
_HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def _stream(content: bytes, extra: bytes = b"") -> bytes:
    """A stream object's body holding ``content`` (uncompressed)."""
    return b"<< /Length %d %s>>\nstream\n" % (len(content), extra) + content + b"\nendstream"


def resources_cycle_pdf() -> bytes:
    """A page whose /Resources is object 6, and object 6 is a reference to itself."""
    return _assemble_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
            b" /Resources 6 0 R >>",
            _stream(_PAGE_TEXT),
            _HELVETICA,
            b"6 0 R",
        ]
    )


def contents_cycle_pdf() -> bytes:
    """A page whose /Contents is object 4, a reference to object 5, a reference to object 4."""
    return _assemble_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
            b" /Resources << /Font << /F1 6 0 R >> >> >>",
            b"5 0 R",
            b"4 0 R",
            _HELVETICA,
        ]
    )


def nested_forms_pdf(depth: int = 9, fan_out: int = 10) -> bytes:
    """A few KB that draw ``fan_out ** depth`` characters: each form draws the one below it
    ``fan_out`` times, the last one a line of text (a memory and time bomb, not a stream
    bomb: nothing here inflates)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /XObject << /X %d 0 R >> >> >>" % (5 + depth),
        _stream(b"/X Do\n"),
        _stream(_PAGE_TEXT, b"/Type /XObject /Subtype /Form /BBox [0 0 612 792]"
                b" /Resources << /Font << /F1 %d 0 R >> >> " % (6 + depth)),
    ]
    for level in range(1, depth + 1):
        below = 4 + level  # the form drawn by this one
        objects.append(
            _stream(
                b"q 1 0 0 1 0 0 cm /X Do Q\n" * fan_out,
                b"/Type /XObject /Subtype /Form /BBox [0 0 612 792]"
                b" /Resources << /XObject << /X %d 0 R >> >> " % below,
            )
        )
    objects.append(_HELVETICA)
    return _assemble_pdf(objects)


def pdfminer_warnings_pdf() -> bytes:
    """The announcement's first line, then colour operators with invalid operands, which
    pdfminer reports through its own logger as it reads them."""
    content = _PAGE_TEXT + b"/P0 g /P1 G (x) 1 k\n"
    return _assemble_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            _stream(content),
            _HELVETICA,
        ]
    )


def utf8_bad_byte_text() -> bytes:
    """The sample announcement in UTF-8 with one invalid byte (0xFF) in its seventh row."""
    data = seed_text()
    at = data.index(b"Niafunk")
    return data[:at] + b"\xff" + data[at:]


def mentions_pdf_text() -> bytes:
    """A text announcement whose first lines mention a ``%PDF-`` signature."""
    return b"Version PDF (signature %PDF-1.7) disponible sur demande.\n\n" + seed_text()


def control_characters_text() -> bytes:
    """The sample announcement with terminal escape sequences in a title cell (set the
    window title, ended by a BEL) and in a partner cell (clear the screen)."""
    text = seed_text().decode("utf-8")
    title = "Développement des services"
    text = text.replace(title, "\x1b]0;pwned\x07" + title, 1)
    text = text.replace("Cercle de Niafunké", "\x1b[2JCercle de Niafunké", 1)
    return text.encode("utf-8")


# --- the committed catalogue -------------------------------------------------------------

CATALOGUE: dict[str, Callable[[], bytes]] = {
    "empty.txt": empty,
    "empty.pdf": empty,
    "text-named.pdf": seed_text,
    "random.pdf": random_bytes,
    "random.txt": lambda: random_bytes(seed=8),
    "truncated-40.pdf": lambda: truncated_pdf(0.40),
    "truncated-95.pdf": lambda: truncated_pdf(0.95),
    "bit-flips.pdf": bit_flipped_pdf,
    "zero-pages.pdf": zero_pages_pdf,
    "no-mediabox.pdf": no_mediabox_pdf,
    "broken-page-dict.pdf": broken_page_dict_pdf,
    "encrypted.pdf": encrypted_pdf,
    "owner-password-only.pdf": owner_password_pdf,
    "scanned.pdf": scanned_pdf,
    "no-table.pdf": no_table_pdf,
    "zero-size-text.pdf": zero_size_text_pdf,
    "dense-grid.pdf": dense_grid_pdf,
    "no-table.txt": no_table_text,
    "header-only.txt": header_only_text,
    "cp1252.txt": cp1252_text,
    "utf16-bom.txt": utf16_bom_text,
    "crlf.txt": crlf_text,
    "nul-bytes.txt": nul_text,
    "mixed-tabs.txt": mixed_tabs_text,
    "extra-cells.txt": extra_cells_text,
    "fewer-cells.txt": fewer_cells_text,
    "resources-cycle.pdf": resources_cycle_pdf,
    "contents-cycle.pdf": contents_cycle_pdf,
    "nested-forms.pdf": nested_forms_pdf,
    "pdfminer-warnings.pdf": pdfminer_warnings_pdf,
    "utf8-bad-byte.txt": utf8_bad_byte_text,
    "mentions-pdf.txt": mentions_pdf_text,
    "control-characters.txt": control_characters_text,
}


def render_catalogue() -> Iterator[tuple[str, bytes]]:
    """Each committed file's name and bytes."""
    for name, build in CATALOGUE.items():
        yield name, build()


def main(argv: list[str] | None = None) -> int:
    """Write the catalogue to tests/fixtures/bad/ (or, with --check, compare it)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale files")
    args = parser.parse_args(argv)
    files = dict(render_catalogue())
    stale = changed_files(files, BAD_DIR)
    if not args.check:
        write_files(files, BAD_DIR, stale)
    verb = "stale" if args.check else "written"
    print(f"{len(stale)} file(s) {verb}: {' '.join(stale) or '-'}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
