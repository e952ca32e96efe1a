"""Loading: each format and encoding, ledgers, and every bad input with its exact message."""

import pytest

from analyzer.errors import InputError
from analyzer.load import load_document
from helpers import blank_pdf, docx_with_table, ledger_xlsx, numbered_docx, text_pdf

TEXT = "一、财务方面\n1.白条入账17笔。\n2.账外借款19.8万元。\n"


@pytest.mark.parametrize("encoding,prefix", [
    ("utf-8", b""),
    ("utf-8", b"\xef\xbb\xbf"),
    ("gb18030", b""),
    ("gbk", b""),
    ("utf-16", b""),
])
def test_text_encodings_decode_to_the_same_text(write, encoding, prefix):
    path = write("f.txt", prefix + TEXT.encode(encoding))
    assert load_document(path).text == TEXT


def test_gb18030_only_characters_are_kept(write):
    text = "关于“𠀀”字的问题：1.䶮字姓名录入错误。"  # characters outside GBK
    assert load_document(write("f.txt", text.encode("gb18030"))).text == text


def test_docx_renders_automatic_numbering(tmp_path):
    path = numbered_docx(tmp_path / "f.docx", [
        (None, "反馈意见"), (0, "财务方面"), (1, "白条入账。"), (1, "账外负债。"), (0, "党建方面"), (1, "三会一课不落实。")])
    assert load_document(path).text.split("\n") == [
        "反馈意见", "一、财务方面", "1.白条入账。", "2.账外负债。", "二、党建方面", "1.三会一课不落实。"]


def test_docx_tables_keep_reading_order_and_ledger_labels(tmp_path):
    path = docx_with_table(tmp_path / "r.docx", "整改台账如下：", [
        ["问题", "整改措施", "责任人"], ["白条入账", "逐笔核实", "王某某"]])
    assert load_document(path).text.split("\n") == ["整改台账如下：", "问题：白条入账　整改措施：逐笔核实　责任人：王某某"]


def test_pdf_text_layer(tmp_path):
    path = text_pdf(tmp_path / "f.pdf", ["1. Problem one", "2. Problem two"])
    text = load_document(path).text
    assert "Problem one" in text and "Problem two" in text


def test_xlsx_ledger_as_feedback_is_a_numbered_list_with_merged_cells_filled(tmp_path):
    path = ledger_xlsx(tmp_path / "l.xlsx", ["方面", "反馈问题", "整改措施", "完成时限"], [
        ["财务", "白条入账17笔", "逐笔核实", "2024年3月底"],
        [None, "账外借款19.8万元", "纳入账内", "长期坚持"],
    ], merge="A2:A3")
    doc = load_document(path, role="feedback")
    assert doc.text == "1．白条入账17笔\n2．账外借款19.8万元"
    assert [r.row for r in doc.ledger] == [2, 3]
    assert doc.ledger[1].fields["deadline"] == "长期坚持"


def test_xlsx_ledger_as_report_keeps_field_labels(tmp_path):
    path = ledger_xlsx(tmp_path / "l.xlsx", ["问题", "整改措施", "责任人", "整改状态"],
                       [["白条入账", "逐笔核实", "王某某", "已完成"]])
    assert load_document(path).text == "问题：白条入账　整改措施：逐笔核实　责任人：王某某　整改状态：已完成"


def test_csv_ledger_in_gb18030(write):
    path = write("l.csv", "存在问题,整改措施\n白条入账,逐笔核实\n", encoding="gb18030")
    assert load_document(path, role="feedback").text == "1．白条入账"


def test_content_is_sniffed_not_the_extension(tmp_path):
    path = numbered_docx(tmp_path / "renamed.txt", [(0, "财务方面")])
    assert load_document(path).text == "一、财务方面"


@pytest.mark.parametrize("name,content,reason", [
    ("empty.txt", b"", "the file is empty"),
    ("blank.txt", b"  \n\n ", "the file is empty"),
    ("bin.txt", bytes(range(256)) * 4, "binary data, not a text document"),
    ("bad.docx", b"PK\x03\x04garbage", "damaged zip container; the .docx/.xlsx file is corrupted"),
    ("renamed.docx", "普通文本".encode(), "not a valid .docx file (corrupted, or another format renamed)"),
    ("old.doc", b"\xd0\xcf\x11\xe0" + b"\x00" * 64, "old binary Word/Excel format (.doc/.xls); save it as .docx or .xlsx"),
    ("fake.pdf", "普通文本".encode(), "not a valid PDF file (no %PDF header)"),
    ("nohead.csv", "序号,金额\n1,3\n".encode(), "no problem column found (expected a header such as 问题 / 反馈问题 / 存在问题)"),
])
def test_bad_input_names_file_and_reason(write, name, content, reason):
    path = write(name, content)
    with pytest.raises(InputError) as caught:
        load_document(path)
    assert str(caught.value) == f"{path}: {reason}"


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="file not found$"):
        load_document(tmp_path / "nope.txt")


def test_folder_is_not_a_file(tmp_path):
    with pytest.raises(InputError, match="is a folder, not a file$"):
        load_document(tmp_path)


def test_pdf_without_text_layer(tmp_path):
    path = blank_pdf(tmp_path / "scan.pdf")
    with pytest.raises(InputError) as caught:
        load_document(path)
    assert str(caught.value) == f"{path}: the PDF has no text layer (a scanned image?); run OCR on it first"


def test_ledger_without_problem_column(tmp_path):
    path = ledger_xlsx(tmp_path / "l.xlsx", ["序号", "金额"], [[1, 3]])
    with pytest.raises(InputError, match="no problem column found"):
        load_document(path, role="feedback")
