"""Stage 1, load: turn a .txt/.docx/.pdf/.xlsx/.csv file into decoded text (and ledger rows).

The kind is sniffed from the content, not only the extension. Every failure is an `InputError`
naming the file and the reason.
"""

import csv
import io
import re
import zipfile
from pathlib import Path

from analyzer.errors import InputError
from analyzer.results import Frozen

LEDGER_HEADERS = {  # field -> header spellings seen in real 整改台账 (compared without spaces)
    "problem": ("反馈问题", "存在问题", "巡察反馈问题", "问题描述", "问题清单", "具体问题", "问题表现", "问题"),
    "measure": ("整改措施", "措施", "整改举措"),
    "leader": ("责任领导", "牵头领导"),
    "owner": ("责任人", "责任单位", "责任部门", "责任科室", "责任股室", "整改责任人"),
    "deadline": ("完成时限", "整改时限", "时限", "完成时间", "整改期限"),
    "status": ("整改状态", "整改进展", "进展情况", "完成情况", "状态", "整改情况"),
    "evidence": ("佐证材料", "佐证", "整改佐证", "佐证资料"),
}
FIELD_LABELS = {"problem": "问题", "measure": "整改措施", "leader": "责任领导", "owner": "责任人",
                "deadline": "完成时限", "status": "整改状态", "evidence": "佐证材料"}


class LedgerRow(Frozen):
    row: int  # 1-based row number in the sheet, for findings a reader can look up
    fields: dict[str, str]


class Document(Frozen):
    path: str
    text: str
    kind: str  # txt | docx | pdf | xlsx | csv
    ledger: list[LedgerRow] = []

    @property
    def is_ledger(self) -> bool:
        return bool(self.ledger)

    @classmethod
    def from_text(cls, text: str, path: str = "<text>") -> "Document":
        """A document already decoded (gold cases, tests, other programs)."""
        return cls(path=path, text=text, kind="txt")


def load_document(path: str | Path, role: str = "report") -> Document:
    """Read `path`; `role` ("report" or "feedback") decides how a ledger is rendered as text."""
    path = Path(path)
    data = _read_bytes(path)
    kind = _sniff(path, data)
    if kind == "docx":
        text = docx_text(path, data)
    elif kind == "pdf":
        text = _pdf_text(path, data)
    elif kind in ("xlsx", "csv"):
        rows = _xlsx_rows(path, data) if kind == "xlsx" else _csv_rows(path, data)
        ledger = ledger_from_rows(path, rows)
        return Document(path=str(path), text=ledger_text(ledger, role), kind=kind, ledger=ledger)
    else:
        text = decode_text(path, data)
    if not text.strip():
        raise InputError(path, "the file holds no text")
    return Document(path=str(path), text=text, kind=kind)


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise InputError(path, "file not found")
    if path.is_dir():
        raise InputError(path, "is a folder, not a file")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(path, f"cannot be read ({e.strerror})") from None
    if not data.strip():
        raise InputError(path, "the file is empty")
    return data


def _sniff(path: Path, data: bytes) -> str:
    suffix = path.suffix.lower()
    if data.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            raise InputError(path, "damaged zip container; the .docx/.xlsx file is corrupted") from None
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        raise InputError(path, "a zip archive that is neither a Word (.docx) nor an Excel (.xlsx) file")
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(path, "old binary Word/Excel format (.doc/.xls); save it as .docx or .xlsx")
    if suffix in (".docx", ".xlsx"):
        raise InputError(path, f"not a valid {suffix} file (corrupted, or another format renamed)")
    if suffix == ".pdf":
        raise InputError(path, "not a valid PDF file (no %PDF header)")
    return "csv" if suffix == ".csv" else "txt"


# --- plain text -------------------------------------------------------------------------------

def decode_text(path: Path, data: bytes) -> str:
    """Strict decodes first (UTF-8 with or without BOM, UTF-16 with BOM, GB18030), a guesser last."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _checked(path, data.decode("utf-16"))
    if b"\x00" in data:
        raise InputError(path, "binary data, not a text document")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return _checked(path, data.decode(encoding))
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(path, "unknown text encoding (not UTF-8 or GB18030); save it as UTF-8")
    return _checked(path, str(best))


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")


def _checked(path: Path, text: str) -> str:
    if len(_CONTROL.findall(text)) > max(3, len(text) // 100):
        raise InputError(path, "binary data, not a text document")
    return text


# --- Word ---------------------------------------------------------------------------------------

def docx_text(path: Path, data: bytes) -> str:
    """Paragraphs and tables in reading order, with Word's automatic numbering rendered."""
    from docx import Document as open_docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        doc = open_docx(io.BytesIO(data))
    except Exception as e:  # python-docx raises many types for a broken package
        raise InputError(path, f"corrupted .docx file ({type(e).__name__})") from None
    numbering = _Numbering(doc)
    lines = []
    for child in doc.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, doc)
            lines.append(numbering.label(paragraph) + paragraph.text)
        elif tag == "tbl":
            lines.extend(_table_lines(Table(child, doc)))
    return "\n".join(lines)


def _table_lines(table) -> list[str]:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:  # a merged cell repeats: keep it once
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(p.text.strip() for p in cell.paragraphs if p.text.strip()))
        rows.append(cells)
    if not rows:
        return []
    columns = _header_columns(rows[0])
    if "problem" not in columns:
        return ["　".join(c for c in cells if c) for cells in rows]
    header = rows[0]
    return ["　".join(f"{header[i]}：{cells[i]}" for i in range(min(len(header), len(cells))) if cells[i])
            for cells in rows[1:]]


class _Numbering:
    """Renders the label (一、 （一） 1. ①) that Word's automatic numbering draws before a paragraph."""

    def __init__(self, doc):
        from docx.oxml.ns import qn

        self.qn = qn
        self.counters: dict[str, list[int]] = {}
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        try:
            root = doc.part.numbering_part.element
        except (NotImplementedError, KeyError):
            return
        abstract = {a.get(qn("w:abstractNumId")): self._levels(a) for a in root.findall(qn("w:abstractNum"))}
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is not None:
                self.levels[num.get(qn("w:numId"))] = abstract.get(ref.get(qn("w:val")), {})
        self.styles = doc.styles

    def _levels(self, abstract) -> dict[int, tuple[str, str, int]]:
        qn, levels = self.qn, {}
        for lvl in abstract.findall(qn("w:lvl")):
            fmt = lvl.find(qn("w:numFmt"))
            text = lvl.find(qn("w:lvlText"))
            start = lvl.find(qn("w:start"))
            levels[int(lvl.get(qn("w:ilvl")))] = (
                fmt.get(qn("w:val")) if fmt is not None else "decimal",
                text.get(qn("w:val")) if text is not None else "",
                int(start.get(qn("w:val"))) if start is not None else 1,
            )
        return levels

    def _num_pr(self, paragraph):
        ppr = paragraph._p.pPr
        if ppr is not None and ppr.numPr is not None:
            return ppr.numPr
        style = paragraph.style
        while style is not None:  # numbering inherited from a list style such as 标题 1
            sppr = style.element.pPr
            if sppr is not None and sppr.numPr is not None:
                return sppr.numPr
            style = style.base_style
        return None

    def label(self, paragraph) -> str:
        num_pr = self._num_pr(paragraph) if self.levels else None
        if num_pr is None or num_pr.numId is None:
            return ""
        num_id = str(num_pr.numId.val)
        ilvl = num_pr.ilvl.val if num_pr.ilvl is not None else 0
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, [0] * 9)
        fmt, text, start = levels[ilvl]
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else start
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        if fmt in ("bullet", "none"):
            return ""

        def render(match: re.Match) -> str:
            level = int(match.group(1)) - 1
            level_fmt, _, level_start = levels.get(level, ("decimal", "", 1))
            return format_number(counters[level] or level_start, level_fmt)

        return re.sub(r"%(\d)", render, text)


_CN_DIGITS = "零一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def chinese_number(n: int) -> str:
    if n < 10:
        return _CN_DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")
    return str(n)


def format_number(n: int, fmt: str) -> str:
    if fmt.startswith(("chineseCounting", "ideographDigital", "japaneseCounting", "taiwaneseCounting")):
        return chinese_number(n)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n)
    if fmt == "decimalFullWidth":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26)
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman.lower() if fmt == "lowerRoman" else roman
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + numeral, n - value
    return out


# --- PDF ------------------------------------------------------------------------------------------

def _pdf_text(path: Path, data: bytes) -> str:
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [page.extract_text() or "" for page in pdf.pages]
    except Exception as e:  # pdfminer raises many types for a broken file
        raise InputError(path, f"damaged PDF file ({type(e).__name__})") from None
    text = "\n".join(pages)
    if not text.strip():
        raise InputError(path, "the PDF has no text layer (a scanned image?); run OCR on it first")
    return text


# --- ledgers (整改台账) --------------------------------------------------------------------------

def _xlsx_rows(path: Path, data: bytes) -> list[list[str]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as e:  # openpyxl raises many types for a broken workbook
        raise InputError(path, f"damaged Excel file ({type(e).__name__})") from None
    for sheet in book.worksheets:  # the first sheet with a problem column
        rows = _sheet_rows(sheet)
        if any("problem" in _header_columns(r) for r in rows[:10]):
            return rows
    return _sheet_rows(book.worksheets[0])


def _sheet_rows(sheet) -> list[list[str]]:
    grid = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    for merged in sheet.merged_cells.ranges:  # a merged cell's value belongs to every cell it spans
        value = grid[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row - 1, min(merged.max_row, len(grid))):
            for c in range(merged.min_col - 1, min(merged.max_col, len(grid[r]))):
                grid[r][c] = value
    return grid


def _cell_text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%Y年%m月%d日")
    return re.sub(r"\s*\n\s*", " ", str(value).strip())


def _csv_rows(path: Path, data: bytes) -> list[list[str]]:
    reader = csv.reader(io.StringIO(decode_text(path, data)))
    return [[_cell_text(c) for c in row] for row in reader]


def _header_columns(cells: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for i, cell in enumerate(cells):
        name = re.sub(r"\s", "", cell or "")
        for key, spellings in LEDGER_HEADERS.items():
            if key not in columns and name in spellings:
                columns[key] = i
                break
    return columns


def ledger_from_rows(path: Path, rows: list[list[str]]) -> list[LedgerRow]:
    """Rows under the header; consecutive rows of one (merged) problem become one row."""
    for header_at, cells in enumerate(rows[:10]):
        columns = _header_columns(cells)
        if "problem" in columns:
            break
    else:
        raise InputError(path, "no problem column found (expected a header such as 问题 / 反馈问题 / 存在问题)")
    ledger: list[LedgerRow] = []
    for number, cells in enumerate(rows[header_at + 1:], start=header_at + 2):
        values = {k: cells[i] for k, i in columns.items() if i < len(cells) and cells[i]}
        if not values.get("problem"):
            continue
        if ledger and ledger[-1].fields["problem"] == values["problem"]:
            ledger[-1] = LedgerRow(row=ledger[-1].row, fields=_merge_fields(ledger[-1].fields, values))
        else:
            ledger.append(LedgerRow(row=number, fields=values))
    if not ledger:
        raise InputError(path, "the ledger has a problem column but no problem rows")
    return ledger


def _merge_fields(a: dict[str, str], b: dict[str, str]) -> dict[str, str]:
    merged = dict(a)
    for key, value in b.items():
        if key not in merged:
            merged[key] = value
        elif value not in merged[key]:
            merged[key] += "；" + value
    return merged


def ledger_text(ledger: list[LedgerRow], role: str) -> str:
    """Feedback: a numbered problem list. Report: one labelled line per row, as reports paste them."""
    if role == "feedback":
        return "\n".join(f"{n}．{row.fields['problem']}" for n, row in enumerate(ledger, start=1))
    return "\n".join(
        "　".join(f"{FIELD_LABELS[k]}：{row.fields[k]}" for k in FIELD_LABELS if row.fields.get(k))
        for row in ledger)
