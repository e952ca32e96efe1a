"""Feedback items are numbered as contract.md defines them."""

from analyzer.items import extract_items
from analyzer.load import Document


def items_of(text: str, ledger: bool = False):
    doc = Document.from_text(text, "feedback.txt")
    return extract_items(doc)


def test_innermost_numbered_problems_under_headings():
    text = "反馈意见\n前言。\n一、财务方面\n1.白条入账。\n2.账外负债。\n二、党建方面\n3.三会一课不落实。"
    assert [it.text for it in items_of(text)] == ["1.白条入账。", "2.账外负债。", "3.三会一课不落实。"]
    assert items_of(text)[0].heading_path == ["财务方面"]


def test_heading_without_numbered_problems_is_one_problem():
    text = "一、财务方面\n1.白条入账。\n二、局党组执行三重一大制度不严格，3项支出未经集体研究。"
    items = items_of(text)
    assert [it.index for it in items] == [1, 2]
    assert items[1].text.startswith("二、局党组执行")


def test_three_levels_with_a_bare_subheading():
    text = ("一、主体责任方面\n（一）招投标管理不严\n1.拆分项目。\n2.先施工后招标。\n"
            "（二）三重一大执行不严格。\n二、干部方面\n（一）轮岗不到位。")
    assert [it.text.split("。")[0] for it in items_of(text)] == [
        "1.拆分项目", "2.先施工后招标", "（二）三重一大执行不严格", "（一）轮岗不到位"]


def test_prose_enumerations_numbered_on_across_headings():
    text = "一、甲方面\n一是问题A。二是问题B。\n二、乙方面\n一是问题C。二是问题D。三是问题E。"
    assert [it.text for it in items_of(text)] == ["一是问题A。", "二是问题B。", "一是问题C。", "二是问题D。", "三是问题E。"]


def test_mixed_numbered_then_prose():
    text = "一、甲方面\n1.问题A。\n2.问题B。\n二、乙方面\n一是问题C。二是问题D。"
    assert [it.index for it in items_of(text)] == [1, 2, 3, 4]


def test_recommendations_are_not_problems():
    text = "一、问题\n1.问题A。\n2.问题B。\n二、意见建议\n一是加强学习。二是完善制度。"
    assert len(items_of(text)) == 2


def test_closing_lines_are_not_part_of_the_last_problem():
    text = "一、问题\n1.问题A。\n2.问题B。\n\n请你单位在2个月内完成整改。\n县委第一巡察组\n2024年5月8日"
    assert items_of(text)[-1].text == "2.问题B。"


def test_circled_and_fullwidth_numbers():
    text = "一、财务\n①问题A。\n②问题B。\n二、党建\n1．问题C。"
    assert len(items_of(text)) == 3


def test_no_numbering_falls_back_to_paragraphs():
    text = "反馈意见\n现将发现的问题反馈如下：\n村级借款19.8万元未入账。\n三会一课不落实。"
    assert [it.text for it in items_of(text)] == ["村级借款19.8万元未入账。", "三会一课不落实。"]


def test_class_hard_serious_systemic_and_named_units():
    text = ("1.征地补偿款长期拖欠，群众多次上访。\n2.枫林社区、荷塘社区违规发放补贴3.7万元。\n"
            "3.财务管理混乱，白条入账屡次发现。")
    first, second, third = items_of(text)
    assert (first.problem_class, first.hard) == ("land", True)
    assert second.serious and second.named_units == ["枫林社区", "荷塘社区"]
    assert third.systemic and third.problem_class == "funds"


def test_a_heading_whose_problems_mention_a_suggestion_is_not_a_recommendations_section():
    text = ("一、财务方面。一是白条入账。二是账外负债。\n"
            "二、党建方面。一是组织生活会批评意见多为工作建议。二是党课未按计划开展。\n"
            "三、意见建议\n一是健全制度。二是加强监督。")
    assert [it.index for it in items_of(text)] == [1, 2, 3, 4]
