"""The ``docx-lo`` producer: a Word document (python-docx) converted to PDF by LibreOffice.

Like an office's announcement: header block (bold direction, italic delegation, right-aligned
date, centred bold title), one table per section with its header row marked to repeat
(``w:tblHeader``), region (and lead) cells merged vertically (``w:vMerge``) with the text centred,
rows free to break across pages (Word's default), a ``PAGE`` field in the footer and, with
``render.letterhead``, a "RÉPUBLIQUE FRANÇAISE" letterhead and the ministry in the page header.
Needs python-docx and ``soffice`` (LibreOffice): only for regenerating fixtures, never in tests.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ALIGN_VERTICAL
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from .render_pdf import _blocks, column_widths, fonts_for
from .spec import AnnouncementSpec, SpecError, TableSpec

FAMILY = {"Helvetica": "Liberation Sans", "Times-Roman": "Liberation Serif", "Vera": "DejaVu Sans"}
"""The reportlab font of the spec -> the metric-compatible system font the document uses."""
LETTERHEAD = ("RÉPUBLIQUE FRANÇAISE", "Liberté", "Égalité", "Fraternité")
A4_W, A4_H = 595.3, 841.9


def _lines(p: Paragraph, lines: tuple[str, ...], bold: bool = False, italic: bool = False) -> None:
    """Write ``lines`` into one paragraph separated by line breaks."""
    for i, line in enumerate(lines):
        run = p.add_run(line)
        run.bold, run.italic = bold, italic
        if i < len(lines) - 1:
            run.add_break()


def _field(p: Paragraph, instr: str) -> None:
    """Append a Word field (``PAGE``, ``NUMPAGES``) that LibreOffice evaluates on export."""
    for kind, text in (("begin", None), ("instr", instr), ("separate", None), ("1", "1")):
        run = p.add_run()
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {text} "
        elif kind == "1":
            run.text = "1"
            el = None
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        if el is not None:
            run._r.append(el)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    p.add_run()._r.append(end)


def _shade(cell: _Cell, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _repeat_header(table: Table) -> None:
    """Mark the first row as a header row repeated on each page (``w:tblHeader``)."""
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _table(doc: DocumentObject, t: TableSpec, font: str, size: float, usable: float) -> None:
    """One laureates table with merged region (and lead) blocks."""
    table = doc.add_table(rows=len(t.rows) + 1, cols=len(t.columns))
    table.style = "Table Grid"
    table.autofit = False
    widths = column_widths(t, fonts_for(font), size, usable - 12, hyphen_breaks=True)
    for ci, head in enumerate(t.columns):
        cell = table.cell(0, ci)
        cell.text = ""
        run = cell.paragraphs[0].add_run(head)
        run.bold = True
        _shade(cell, "D9D9D9")
        cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
    for ri, row in enumerate(t.rows, start=1):
        for ci, text in enumerate(row.cells):
            table.cell(ri, ci).text = text
    for role in t.merge:
        ci = t.roles.index(role)
        for r0, r1 in _blocks(t, ci):
            cell = table.cell(r0 + 1, ci)
            if r1 > r0:
                cell = cell.merge(table.cell(r1 + 1, ci))
            cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
    for ci, w in enumerate(widths):
        for cell in table.columns[ci].cells:
            cell.width = Pt(w)
    _repeat_header(table)


def build_docx(spec: AnnouncementSpec) -> bytes:
    """The Word document of ``spec`` (see the module docstring for its look)."""
    r, h = spec.render, spec.header
    doc = Document()
    size = r.size + 1
    font = FAMILY[r.font]
    normal = doc.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(size)
    normal.paragraph_format.space_after = Pt(0)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), font)
    sec = doc.sections[0]
    w, hgt = (A4_H, A4_W) if r.landscape else (A4_W, A4_H)
    sec.orientation = WD_ORIENT.LANDSCAPE if r.landscape else WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = Pt(w), Pt(hgt)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sec, side, Pt(r.margin))
    sec.header_distance = sec.footer_distance = Pt(r.margin / 2)
    foot = sec.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    foot.add_run("Page ")
    _field(foot, "PAGE")
    foot.add_run(" sur ")
    _field(foot, "NUMPAGES")
    body_ministry = h.ministry
    if r.letterhead:
        head = sec.header.paragraphs[0]
        _lines(head, LETTERHEAD[:1], bold=True)
        _lines(sec.header.add_paragraph(), LETTERHEAD[1:], italic=True)
        if h.ministry:
            _lines(sec.header.add_paragraph(), (h.ministry,), bold=True)
        body_ministry = None
    if body_ministry:
        _lines(doc.add_paragraph(), (body_ministry,), bold=True)
        doc.add_paragraph()
    _lines(doc.add_paragraph(), h.direction, bold=True)
    _lines(doc.add_paragraph(), h.delegation, italic=True)
    doc.add_paragraph()
    date = doc.add_paragraph(h.date_line)
    date.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph()
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(h.title)
    run.bold = True
    run.font.size = Pt(size + 2)
    doc.add_paragraph()
    for t in spec.tables:
        if t.section:
            sect = doc.add_paragraph()
            sect.add_run(t.section).bold = True
            sect.paragraph_format.space_after = Pt(6)
            sect.paragraph_format.keep_with_next = True
        _table(doc, t, r.font, size, w - 2 * r.margin)
        for note in t.footnotes:
            p = doc.add_paragraph()
            p.paragraph_format.space_before = Pt(3)
            p.add_run(note).font.size = Pt(size - 1)
        doc.add_paragraph()
    buf = io.BytesIO()
    doc.core_properties.author = "python-docx"
    doc.save(buf)
    return buf.getvalue()


_CREATION = re.compile(rb"/CreationDate\(D:\d{14}[^)]*\)")
_ID = re.compile(rb"/ID \[ ?<[0-9A-Fa-f]+> ?<[0-9A-Fa-f]+> ?\]")


def _stable(pdf: bytes) -> bytes:
    """Blank the creation date and file id (same lengths, so offsets stay valid)."""
    pdf = _CREATION.sub(lambda m: re.sub(rb"\d", b"0", m.group(0)), pdf)
    return _ID.sub(lambda m: re.sub(rb"[0-9A-Fa-f](?=[0-9A-Fa-f]*>)", b"0", m.group(0)), pdf)


def convert(docs: dict[str, bytes]) -> dict[str, bytes]:
    """Convert Word documents (name -> bytes) to PDF with one headless LibreOffice run."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SpecError("LibreOffice (soffice) is needed to render the docx-lo style")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = []
        for name, data in docs.items():
            path = folder / f"{name}.docx"
            path.write_bytes(data)
            paths.append(str(path))
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{folder}/profile",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder / "out"),
                *paths,
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )
        return {name: _stable((folder / "out" / f"{name}.pdf").read_bytes()) for name in docs}


def render_docx_pdfs(specs: list[AnnouncementSpec]) -> dict[str, bytes]:
    """The ``docx-lo`` PDF of each spec, by spec name."""
    return convert({s.name: build_docx(s) for s in specs})
