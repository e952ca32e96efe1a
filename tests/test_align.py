"""Alignment: quoted answers, paraphrases, answers out of order or covering several problems."""

from analyzer.align import align, answer_blocks
from analyzer.items import extract_items
from analyzer.load import Document

FEEDBACK = """反馈意见
一、财务方面
1.村级借款未入账问题突出，27.6万元借款游离账外。
2.集体果园85亩续包时未公开竞价，租金每亩仅28元。
二、党建方面
3.“三会一课”执行不严格，全年党课仅讲2次。
"""


def answers(report: str, feedback: str = FEEDBACK) -> dict[int, list[str]]:
    items = extract_items(Document.from_text(feedback, "f.txt"))
    return {it.index: [report[b.start:b.end] for b in a.blocks] for it, a in zip(items, align(items, report))}


def test_quoted_answers_out_of_order_and_an_unanswered_problem():
    report = ("整改报告\n一、总体情况\n反馈问题3个，已全部完成整改。\n二、具体问题\n"
              "1.关于“‘三会一课’执行不严格”问题的整改\n整改措施：自2024年1月起每月召开支委会。\n"
              "2.关于“村级借款未入账问题突出”问题的整改\n整改措施：27.6万元借款已全部入账。\n")
    found = answers(report)
    assert found[1] and "27.6万元借款已全部入账" in found[1][0]
    assert found[3] and "每月召开支委会" in found[3][0]
    assert found[2] == []


def test_paraphrased_answers_in_one_section():
    report = ("一、财务方面的整改\n针对账外借款未入账的问题，村委会已将27.6万元借款全部纳入账内核算。\n"
              "针对果园续包价格偏低的问题，已终止原合同并公开竞价重新发包，租金提高到每亩80元。\n")
    found = answers(report)
    assert "借款全部纳入账内" in found[1][0]
    assert "公开竞价重新发包" in found[2][0]
    assert found[3] == []


def test_one_answer_covering_two_problems():
    report = "1.关于“借款未入账”和“果园续包未公开竞价”问题的整改\n整改措施：27.6万元借款入账；85亩果园终止合同后公开竞价。\n"
    found = answers(report)
    assert found[1] == found[2] != []


def test_ledger_lines_stay_together():
    report = ("问题：村级借款未入账\n整改措施：27.6万元借款入账\n责任人：王某某\n"
              "问题：三会一课落实不到位\n整改措施：每月召开支委会\n责任人：李某某\n")
    blocks = answer_blocks(report)
    assert [report[b.start:b.end].split("\n")[0] for b in blocks] == ["问题：村级借款未入账", "问题：三会一课落实不到位"]
    found = answers(report)
    assert "王某某" in found[1][0] and "李某某" in found[3][0]


def test_opening_and_next_steps_answer_nothing():
    report = ("整改报告\n县委巡察组反馈了借款入账、果园发包和三会一课等问题，我们高度重视。\n"
              "一、下一步打算\n继续抓好借款入账、果园发包和三会一课问题整改。\n"
              "二、具体整改\n1.关于“三会一课”问题\n已于2024年1月起每月召开支委会。\n")
    found = answers(report)
    assert found[1] == [] and found[2] == []
    assert found[3]


def test_body_starts_after_the_restated_problem():
    report = "1.关于“村级借款未入账问题突出”问题的整改：27.6万元借款已全部入账。\n"
    block = answer_blocks(report)[0]
    assert report[block.body_start:block.end] == "27.6万元借款已全部入账。"
