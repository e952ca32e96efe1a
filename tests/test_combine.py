"""How rules and model combine, with a stand-in model whose probabilities the test sets: a lone model flag
needs the sentence and the whole answer to agree, and no flag rests on cue words the answer negates."""

import numpy as np
import pytest

from analyzer.align import align
from analyzer.combine import apply_model
from analyzer.detectors import all_detectors
from analyzer.detectors.base import ItemContext
from analyzer.items import extract_items
from analyzer.load import Document
from analyzer.results import PATTERN_IDS

FEEDBACK = "反馈意见\n1.村级工程资料不全，3个项目无验收记录。\n2.村务公开不及时。\n"
PAPER = PATTERN_IDS.index("paper_only_fix")


class StandInModel:
    """Gives `sentence` to the first sentence of an answer, `other` to the rest, `whole` to the answer."""

    def __init__(self, sentence: float, whole: float, other: float = 0.0):
        self.sentence, self.whole, self.other = sentence, whole, other
        self.thresholds = {p: 0.3 for p in PATTERN_IDS}
        self.strict = {p: 0.6 for p in PATTERN_IDS}

    def probabilities(self, texts, problem_class):
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


@pytest.mark.parametrize("whole,source", [(0.9, "both"), (0.1, "lexicon")])
def test_a_rule_flag_the_model_agrees_with_becomes_both(whole, source):
    answer = "村委会为3个项目补写了验收记录，并补签了验收意见。"
    flags = model_flags(context(answer), StandInModel(sentence=whole, whole=whole))
    assert [f.source for f in flags] == [source]
