"""Rules and model together. The classifier reads each sentence of an item's answer (and the answer as a
whole, for the patterns that judge the whole: slogans only, a bare deferral, no rule made).

- A lexicon flag the model agrees with (probability at or above its threshold) becomes `source: both`.
- For six patterns the model reads well on real answers (slogans, paper redone, criticism only, excuses,
  named units only, no rule made), a lexicon flag that both readings score below the veto threshold
  (chosen by cross-validation so that it would cost 5% of true segments) is set aside: most often a cue
  word in a sound sentence. It is kept on the item as `set_aside`, with the reason, for the reviewer to
  see; it does not count in the score.
- Where no rule fired, the model alone may flag if two readings agree: the reading that decides the
  pattern (the best sentence, or the whole answer for the patterns judged on the whole) clears the
  stricter model-only threshold (chosen by cross-validation for precision), and the other reading clears
  the ordinary threshold. A sentence that only looks like the pattern out of context, in an answer that
  as a whole does not, is left alone. The detector's counter-evidence must not rule the pattern out; the
  flag quotes the sentence that scored highest and says that the model found it.
"""

import re

import numpy as np

from analyzer.align import METADATA_FIELDS
from analyzer.classifier import PatternModel
from analyzer.detectors import ORDER
from analyzer.detectors.base import Detector, ItemContext, negated
from analyzer.results import PATTERN_IDS, Flag

WHOLE_ANSWER = {"vague_measure", "selective_rectification", "no_institution_building"}
# The model may overrule a rule only where it reads the pattern well on real answers: on the eval/ sets
# (validation, holdouts 1–8) no rule flag the labels confirm scored below the veto threshold for these six.
# For a bare deferral, push-down (whose paraphrases it misses) and seriousness, some did.
VETO_PATTERNS = {"vague_measure", "paper_only_fix", "verbal_only_accountability", "blame_shifting", "named_only",
                 "no_institution_building"}
MODEL_PATTERNS = tuple(p for p in ORDER if p != "self_exemption")  # judged on the whole report
METADATA_FIELD = re.compile(rf"\s*{METADATA_FIELDS}\s*[:：]")
MODEL_NOTE = "（模型判断：该句与训练语料中此类问题的表述相近，未命中规则词表，请人工复核。）"
VETO_NOTE = "（已搁置：规则词命中，但模型判断该段表述与此类问题不符，未计入评分，请人工复核。）"


def apply_model(contexts: list[ItemContext], model: PatternModel, detectors: dict[str, Detector],
                alone: bool) -> None:
    """Add the model's view to each ctx.flags. With `alone`, the model decides without the lexicon flags.
    Every answer's sentences and whole go to the model in one call (one call per item costs 5x more)."""
    answered = [(ctx, sentences) for ctx in contexts if (sentences := _judged_sentences(ctx))]
    texts, classes, problems = [], [], []
    for ctx, sentences in answered:
        segments = [ctx.report[s:e] for s, e in sentences]
        texts += segments + [" ".join(segments)]
        classes += [ctx.item.problem_class] * (len(segments) + 1)
        problems += [ctx.item.text] * (len(segments) + 1)
    probs = model.probabilities(texts, classes, problems)
    row = 0
    for ctx, sentences in answered:
        _judge(ctx, sentences, probs[row:row + len(sentences) + 1], model, detectors, alone)
        row += len(sentences) + 1


def _judged_sentences(ctx: ItemContext) -> list[tuple[int, int]]:
    if not ctx.addressed:
        return []
    return [(s, e) for s, e in ctx.sentences if not _metadata(ctx.report[s:e])]


def _judge(ctx: ItemContext, sentences, probs: np.ndarray, model: PatternModel, detectors: dict[str, Detector],
           alone: bool) -> None:
    """probs: one row per sentence, then one for the whole answer."""
    for pattern in MODEL_PATTERNS:
        j = PATTERN_IDS.index(pattern)
        column = probs[:-1, j]
        best = int(np.argmax(column))
        sentence_p, whole_p = float(column[best]), float(probs[-1, j])
        p, other = (whole_p, sentence_p) if pattern in WHOLE_ANSWER else (sentence_p, whole_p)
        existing = [f for f in ctx.flags if f.pattern == pattern]
        if existing and pattern in VETO_PATTERNS and not alone and max(p, other) < model.veto[pattern]:
            _set_aside(ctx, existing)
            continue
        if existing:
            ctx.flags[:] = [_agree(f, p, model.thresholds[pattern]) if f in existing else f for f in ctx.flags]
            continue
        if alone:
            raised = p >= model.thresholds[pattern]
        else:
            raised = p >= model.strict[pattern] and other >= model.thresholds[pattern]
        start, end = sentences[0] if pattern in WHOLE_ANSWER else sentences[best]
        if raised and detectors[pattern].admits(ctx) and not _cues_negated(detectors[pattern], ctx.report, start, end):
            ctx.flags.append(_model_flag(detectors[pattern], ctx.report, start, end, p))


def _set_aside(ctx: ItemContext, flags: list[Flag]) -> None:
    ctx.flags[:] = [f for f in ctx.flags if f not in flags]
    ctx.set_aside += [f.model_copy(update={"explanation": f.explanation + VETO_NOTE}) for f in flags]


def _cues_negated(detector: Detector, report: str, start: int, end: int) -> bool:
    """The sentence holds the pattern's cue words only under a negation (没有以补写记录了事): the model reads
    the words, the rules read the 没有."""
    hits = [h for group in detector.lexicon.groups for h in detector.lexicon.find(report, group, start, end)]
    return bool(hits) and all(negated(report, h) for h in hits)


def _metadata(sentence: str) -> bool:
    """责任人：… / 完成时限：… lines: fields a rule reads, no wording for the model to judge."""
    return bool(METADATA_FIELD.match(sentence))


def _agree(flag: Flag, probability: float, threshold: float) -> Flag:
    if flag.source != "lexicon" or probability < threshold:
        return flag
    confidence = round(max(flag.confidence, (flag.confidence + probability) / 2), 3)
    return flag.model_copy(update={"source": "both", "confidence": confidence})


def _model_flag(detector: Detector, report: str, start: int, end: int, probability: float) -> Flag:
    flag = detector.flag(report, start, end, probability, rule="classifier", before=probability)
    return flag.model_copy(update={"source": "classifier", "explanation": flag.explanation + MODEL_NOTE})
