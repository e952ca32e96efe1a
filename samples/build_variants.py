"""Make the non-text samples from their .txt sources (run from the repository root):

    python samples/build_variants.py

- pair 03: feedback and report as Word files whose headings use Word's automatic numbering
  (the literal 一、 （一） 1． are removed from the text and drawn by a numbering definition);
- pair 04: the report saved as GB18030;
- pair 05: the feedback as an Excel ledger (整改台账) with a merged 方面 column.
"""

from pathlib import Path

import openpyxl
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from analyzer.structure import marker_of

HERE = Path(__file__).parent
WORD_FORMATS = {  # marker kind -> (numFmt, lvlText with %N for this level)
    "cn": ("chineseCounting", "%{n}、"),
    "paren_cn": ("chineseCounting", "（%{n}）"),
    "arabic": ("decimal", "%{n}．"),
    "paren_arabic": ("decimal", "（%{n}）"),
    "circled": ("decimalEnclosedCircle", "%{n}"),
}


def write_numbered_docx(text: str, path: Path) -> None:
    lines = text.split("\n")
    kinds = list(dict.fromkeys(found[0] for line in lines if (found := marker_of(line))))
    doc = Document()
    numbering = doc.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{WORD_FORMATS[k][0]}"/>'
        f'<w:lvlText w:val="{WORD_FORMATS[k][1].format(n=i + 1)}"/></w:lvl>'
        for i, k in enumerate(kinds))
    numbering.append(parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="7">'
                               f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="7"><w:abstractNumId w:val="7"/></w:num>'))
    for line in lines:
        found = marker_of(line)
        paragraph = doc.add_paragraph(line[len(found[1]):].lstrip() if found else line)
        if found:
            paragraph._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{kinds.index(found[0])}"/>'
                f'<w:numId w:val="7"/></w:numPr>'))
    doc.save(path)


def write_ledger_xlsx(text: str, path: Path) -> None:
    """One row per （n） problem; the 方面 column is one merged cell, as real ledgers have it."""
    problems = [line[len(found[1]):] for line in text.split("\n") if (found := marker_of(line))]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "整改台账"
    sheet.append(["方面", "序号", "反馈问题", "整改措施", "责任领导", "责任人", "完成时限", "整改状态"])
    for n, problem in enumerate(problems, start=1):
        sheet.append(["巡察反馈问题", n, problem, "", "", "", "", ""])
    sheet.merge_cells(start_row=2, start_column=1, end_row=len(problems) + 1, end_column=1)
    sheet.column_dimensions["C"].width = 80
    book.save(path)


def main() -> None:
    for name in ("03_hekou_village_feedback", "03_hekou_village_report"):
        write_numbered_docx((HERE / f"{name}.txt").read_text(encoding="utf-8"), HERE / f"{name}.docx")
    report = (HERE / "04_shiling_township_report.txt").read_text(encoding="utf-8")
    (HERE / "04_shiling_township_report.gb18030.txt").write_bytes(report.encode("gb18030"))
    feedback = (HERE / "05_county_hospital_feedback.txt").read_text(encoding="utf-8")
    write_ledger_xlsx(feedback, HERE / "05_county_hospital_feedback.xlsx")


if __name__ == "__main__":
    main()
