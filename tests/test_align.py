"""Alignment: quoted answers, paraphrases, answers out of order or covering several problems."""

import numpy as np

from analyzer.align import _answered_by, align, answer_blocks
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


def test_a_section_by_aspect_is_split_where_its_paragraphs_answer_different_problems():
    report = ("一、财务管理方面的整改\n"
              "一是针对借款游离账外的问题。村委会已将27.6万元借款全部纳入账内核算。\n"
              "二是针对果园续包未公开竞价的问题。已终止原合同，经公开竞价重新发包。\n"
              "经镇经管站复核，上述两项均已销号。\n")
    found = answers(report)
    assert len(found[1]) == 1 and "纳入账内核算" in found[1][0] and "公开竞价" not in found[1][0]
    assert "重新发包" in found[2][0] and "经管站复核" in found[2][0]  # the closing paragraph continues it
    assert found[3] == []


def test_prose_answers_inside_one_paragraph_are_split():
    report = ("二、党建和财务方面\n一是针对三会一课执行不严格问题，支部自2024年1月起每月召开支委会，党课每季度1次。"
              "二是针对借款未入账问题，27.6万元借款已全部入账。\n")
    found = answers(report)
    assert "支委会" in found[3][0] and "借款" not in found[3][0]
    assert "借款已全部入账" in found[1][0]


def test_numbered_ledger_rows_and_a_lone_answer_section():
    report = ("整改情况报告\n巡察组反馈问题后，党支部召开会议研究，制定整改方案。\n"
              "一、反馈问题整改情况\n"
              "问题1：借款未入账。\n整改措施：27.6万元借款已入账。\n责任人：会计王某某\n"
              "问题2：果园续包未公开竞价。\n整改措施：终止原合同，公开竞价重新发包。\n责任人：主任李某某\n")
    found = answers(report)
    assert ["王某某" in b for b in found[1]] == [True]  # the opening paragraph answers nothing
    assert "李某某" in found[2][0] and "王某某" not in found[2][0]


def test_a_closing_totals_paragraph_belongs_to_no_answer():
    report = ("一、关于“三会一课”执行不严格问题\n已于2024年1月起每月召开支委会。\n"
              "截至2024年6月，3个问题均已整改完成，给予党纪处分1人。\n")
    found = answers(report)
    assert found[3] and "党纪处分" not in found[3][0]


def test_results_section_answers_nothing():
    report = ("一、关于“三会一课”执行不严格问题\n已于2024年1月起每月召开支委会。\n"
              "二、关于借款未入账问题\n27.6万元借款已全部入账。\n"
              "三、整改成效\n果园续包等问题正在推进，给予党纪处分1人。\n")
    found = answers(report)
    assert found[2] == []


def test_an_aspect_section_answers_its_problems_by_its_own_yishi_erShi():
    report = ("一、财务和果园管理方面\n一是规范借款核算。27.6万元借款已全部纳入账内核算。"
              "二是果园重新发包。已终止原合同，85亩果园经公开竞价重新发包。\n")
    found = answers(report)
    assert "借款" in found[1][0] and "果园" not in found[1][0]
    assert "公开竞价" in found[2][0]


def test_measures_numbered_inside_one_answer_stay_together():
    report = ("1.关于“村级借款未入账问题突出”问题\n一是27.6万元借款已全部入账。二是果园承包合同另行清理。"
              "三是对报账员进行了批评教育。\n")
    found = answers(report)
    assert "批评教育" in found[1][0] and "27.6万元" in found[1][0]


def test_a_plainly_stated_problem_is_answered_however_the_body_is_worded():
    weak_body = np.array([0.02, 0.11, 0.03])  # every score under MIN_SIMILARITY
    assert _answered_by(weak_body, stated=np.array([0.0, 0.25, 0.0])) == [1]
    assert _answered_by(weak_body, stated=np.array([0.0, 0.1, 0.0])) == []  # the statement is weak too
    assert _answered_by(weak_body, stated=np.array([0.3, 0.0, 0.0])) == []  # statement and body disagree


def test_a_plainly_stated_problem_is_answered_beside_the_body_s_best_match():
    body_reads_like_1 = np.array([0.18, 0.13, 0.02])  # the body blames and explains in the words of problem 1
    assert _answered_by(body_reads_like_1, stated=np.array([0.05, 0.3, 0.0])) == [0, 1]
    assert _answered_by(body_reads_like_1, stated=np.array([0.05, 0.1, 0.0])) == [0]


def test_a_section_titled_like_a_summary_that_names_a_problem_answers_it():
    report = ("一、集体果园续包竞价推进情况\n85亩果园已终止原合同，经公开竞价重新发包，每亩租金提高到80元。\n"
              "二、下一步打算\n继续巩固整改成果。\n")
    found = answers(report)
    assert found[2] and "公开竞价" in found[2][0]
    assert all("巩固" not in block for blocks in found.values() for block in blocks)


def test_a_numbered_answer_whose_body_runs_on_its_line_is_judged_by_its_heading():
    report = ("1.借款入账。27.6万元借款已全部纳入账内核算，今后一律不得以个人名义借款。\n"
              "2.果园重新发包。已终止原合同，85亩果园经公开竞价重新发包。\n")
    found = answers(report)
    assert found[1] and "今后一律" in found[1][0]  # 今后 in the body does not make a 下一步 section


def test_a_ledger_row_keeps_its_cause_analysis():
    feedback = "反馈意见\n①机动地发包不公开，386亩机动地续包未经公开程序。\n②村务公开栏更新不及时。\n"
    report = ("问题1：机动地发包不公开\n原因分析：系上届村两委遗留问题，承包户投入较大。\n整改措施：承包费调整为每亩260元。\n"
              "问题2：村务公开不及时\n整改措施：每月10日前更新公开栏。\n")
    found = answers(report, feedback)
    assert any("上届村两委" in block for block in found[1])
