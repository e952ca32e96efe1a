"""How rules and model combine, with a stand-in model whose probabilities the test sets: a lone model flag
needs the sentence and the whole answer to agree, no flag rests on cue words the answer negates, and a rule
flag the model rules out is set aside where the reviewer still sees it."""

import json

import numpy as np
import pytest

from analyzer.align import align
from analyzer.combine import VETO_NOTE, apply_model
from analyzer.detectors import all_detectors
from analyzer.detectors.base import ItemContext
from analyzer.items import extract_items
from analyzer.load import Document
from analyzer.render import render_html, render_json, render_text
from analyzer.results import PATTERN_IDS, CheckResult, Flag, ItemResult

FEEDBACK = "反馈意见\n1.村级工程资料不全，3个项目无验收记录。\n2.村务公开不及时。\n"
PAPER = PATTERN_IDS.index("paper_only_fix")


class StandInModel:
    """Gives `sentence` to the first sentence of an answer, `other` to the rest, `whole` to the answer."""

    def __init__(self, sentence: float, whole: float, other: float = 0.0):
        self.sentence, self.whole, self.other = sentence, whole, other
        self.thresholds = {p: 0.3 for p in PATTERN_IDS}
        self.strict = {p: 0.6 for p in PATTERN_IDS}
        self.veto = {p: 0.05 for p in PATTERN_IDS}

    def probabilities(self, texts, problem_class, problem=""):
        probs = np.zeros((len(texts), len(PATTERN_IDS)))
        probs[:-1, PAPER] = self.other
        probs[0, PAPER] = self.sentence
        probs[-1, PAPER] = self.whole
        return probs


def context(answer: str) -> ItemContext:
    report = f"整改报告\n1.关于“村级工程资料不全”问题\n{answer}\n2.关于村务公开问题\n2024年3月起每月公开。\n"
    items = extract_items(Document.from_text(FEEDBACK, "f.txt"))
    return ItemContext(items[0], report, align(items, report)[0])


def model_flags(ctx: ItemContext, model) -> list:
    detectors = {d.pattern: d for d in all_detectors()}
    for detector in detectors.values():
        ctx.flags.extend(detector.check_item(ctx))
    apply_model([ctx], model, detectors, alone=False)
    return [f for f in ctx.flags if f.pattern == "paper_only_fix"]


ANSWER = "村委会对3个项目的验收情况作了说明，相关材料装订成册。已于2024年5月完成。"


def test_a_lone_model_flag_needs_sentence_and_answer_to_agree():
    assert model_flags(context(ANSWER), StandInModel(sentence=0.9, whole=0.1)) == []
    flags = model_flags(context(ANSWER), StandInModel(sentence=0.9, whole=0.5))
    assert [f.source for f in flags] == ["classifier"]
    assert flags[0].evidence == "村委会对3个项目的验收情况作了说明，相关材料装订成册。"
    assert "模型判断" in flags[0].explanation


def test_no_lone_flag_on_cue_words_the_answer_negates():
    answer = "村委会没有以补写记录了事，3个项目已重新组织验收。"
    assert model_flags(context(answer), StandInModel(sentence=0.9, whole=0.9)) == []


PAPERWORK = "村委会为3个项目补写了验收记录，并补签了验收意见。"


@pytest.mark.parametrize("whole,source", [(0.9, "both"), (0.1, "lexicon")])
def test_a_rule_flag_the_model_agrees_with_becomes_both(whole, source):
    flags = model_flags(context(PAPERWORK), StandInModel(sentence=whole, whole=whole))
    assert [f.source for f in flags] == [source]


def test_a_rule_flag_both_readings_rule_out_is_set_aside_not_dropped():
    ctx = context(PAPERWORK)
    assert model_flags(ctx, StandInModel(sentence=0.01, whole=0.01)) == []
    assert [f.pattern for f in ctx.set_aside] == ["paper_only_fix"]
    assert ctx.set_aside[0].evidence in PAPERWORK and "已搁置" in ctx.set_aside[0].explanation


def test_one_reading_above_the_veto_keeps_the_rule_flag():
    ctx = context(PAPERWORK)
    assert [f.source for f in model_flags(ctx, StandInModel(sentence=0.2, whole=0.01))] == ["lexicon"]
    assert ctx.set_aside == []


def test_a_set_aside_flag_is_shown_in_every_format():
    flag = Flag(pattern="paper_only_fix", evidence="补签了验收意见", start=0, end=7, confidence=0.8,
                explanation="补签为事后补手续。" + VETO_NOTE, detector="paper_only_fix", rule="补签",
                score_before_context=0.8)
    item = ItemResult(index=1, feedback_text="村级工程资料不全", addressed=True, set_aside=[flag])
    result = CheckResult(report="r.txt", feedback="f.txt", score=95, grade="sound", score_breakdown=[], items=[item])
    assert "【第1项·已搁置】纸面整改" in render_text(result)
    assert "<s>纸面整改</s> 已搁置" in render_html(result)
    assert json.loads(render_json(result))["items"][0]["set_aside"][0]["evidence"] == "补签了验收意见"


def test_the_batch_findings_table_lists_set_aside_flags_apart():
    from analyzer.batch import Job, Outcome
    from analyzer.batch_report import SET_ASIDE, flags_table

    flag = Flag(pattern="paper_only_fix", evidence="补签了验收意见", start=0, end=7, confidence=0.8,
                explanation="……" + VETO_NOTE, detector="paper_only_fix", rule="补签", score_before_context=0.8)
    item = ItemResult(index=1, feedback_text="村级工程资料不全", addressed=True, set_aside=[flag])
    result = CheckResult(report="r.txt", feedback="f.txt", score=95, grade="sound", score_breakdown=[], items=[item])
    table = flags_table([Outcome(job=Job(report="r.txt", feedback="f.txt", unit="某村"), key="k", result=result)])
    assert table[["问题序号", "pattern", "状态"]].values.tolist() == [["1", "paper_only_fix", SET_ASIDE]]
