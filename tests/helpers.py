"""Builders for test documents in the formats users send (Word with automatic numbering, PDF, Excel)."""

import openpyxl
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls


def numbered_docx(path, paragraphs, levels=(("chineseCounting", "%1、"), ("decimal", "%2."))):
    """paragraphs: (level or None, text). Numbered ones get Word's numbering, not literal numbers."""
    doc = Document()
    numbering = doc.part.numbering_part.element
    lvls = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                   f'<w:lvlText w:val="{text}"/></w:lvl>' for i, (fmt, text) in enumerate(levels))
    numbering.append(parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="5">{lvls}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="5"><w:abstractNumId w:val="5"/></w:num>'))
    for level, text in paragraphs:
        p = doc.add_paragraph(text)
        if level is not None:
            p._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="5"/></w:numPr>'))
    doc.save(path)
    return path


def docx_with_table(path, before, rows):
    doc = Document()
    doc.add_paragraph(before)
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    doc.save(path)
    return path


def ledger_xlsx(path, header, rows, merge=None):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    book.save(path)
    return path


def text_pdf(path, lines=("Hello PDF",)):
    """A minimal one-page PDF whose text layer holds `lines` (ASCII, Helvetica)."""
    ops = "BT /F1 12 Tf 72 720 Td " + " ".join(f"({line}) Tj 0 -16 Td" for line in lines) + " ET"
    return _pdf(path, ops.encode())


def blank_pdf(path):
    """A one-page PDF with no text at all, as a scanned page without OCR looks to a text reader."""
    return _pdf(path, b"0 0 1 rg 10 10 50 50 re f")


def _pdf(path, stream: bytes):
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path

