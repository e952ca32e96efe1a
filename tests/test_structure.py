"""Structure: numbering variants, nesting by first appearance, prose enumerations, sentence offsets."""

import pytest

from analyzer.structure import cn_value, marker_of, outline, sentences


@pytest.mark.parametrize("line,kind,label", [
    ("一、财务方面", "cn", "一、"),
    ("十二、其他", "cn", "十二、"),
    ("（一）招投标", "paren_cn", "（一）"),
    ("(二)合同", "paren_cn", "(二)"),
    ("1.白条入账", "arabic", "1."),
    ("1．白条入账", "arabic", "1．"),
    ("1、白条入账", "arabic", "1、"),
    ("１．全角数字", "arabic", "１．"),
    ("12. 第十二项", "arabic", "12."),
    ("（1）账外负债", "paren_arabic", "（1）"),
    ("(３)全角括号数字", "paren_arabic", "(３)"),
    ("①合同遗失", "circled", "①"),
    ("　　2.缩进的问题", "arabic", "　　2."),
    ("4、2022年秋季学期多收住宿费", "arabic", "4、"),
    ("1.2023年至2024年采购设备", "arabic", "1."),
])
def test_markers(line, kind, label):
    assert marker_of(line) == (kind, label)


@pytest.mark.parametrize("line", ["2023年9月，巡察组进驻", "1.5万元已退回", "一是加强管理", "村党支部", "1."])
def test_not_markers(line):
    assert marker_of(line) is None


def test_nesting_follows_first_appearance():
    text = "（一）甲方面\n1.问题甲\n2.问题乙\n（二）乙方面\n1.问题丙"
    root = outline(text)
    assert [c.label for c in root.children] == ["（一）", "（二）"]
    assert [c.title(text) for c in root.children[0].children] == ["问题甲", "问题乙"]
    assert root.children[1].children[0].text(text) == "1.问题丙"


def test_spans_cover_body_lines():
    text = "一、甲\n1.问题甲\n补充说明。\n2.问题乙"
    first = outline(text).children[0].children[0]
    assert first.text(text) == "1.问题甲\n补充说明。"


def test_prose_enumeration_inside_a_paragraph():
    text = "一、财务方面\n一是白条入账。二是账外负债。三是坐收坐支。"
    heading = outline(text).children[0]
    assert [c.text(text) for c in heading.children] == ["一是白条入账。", "二是账外负债。", "三是坐收坐支。"]


def test_prose_enumeration_across_lines_and_words_that_are_not_markers():
    text = "二、党建方面\n一是统一是关键，组织生活不规范；\n二是发展党员不规范。"
    heading = outline(text).children[0]
    assert [c.label for c in heading.children] == ["一是", "二是"]


def test_a_single_yishi_is_no_enumeration():
    text = "一、党建方面\n一是组织生活不规范。"
    assert outline(text).children[0].children == []


def test_prose_can_be_switched_off():
    text = "一、甲\n一是A。二是B。"
    assert outline(text, prose=False).children[0].children == []


@pytest.mark.parametrize("numeral,value", [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23)])
def test_chinese_numerals(numeral, value):
    assert cn_value(numeral) == value


def test_sentence_offsets_index_the_text():
    text = "整改措施：一是退回。二是约谈！\n整改进展：已完成"
    spans = sentences(text)
    assert [text[s:e] for s, e in spans] == ["整改措施：一是退回。", "二是约谈！", "整改进展：已完成"]
