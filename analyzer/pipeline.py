"""The one direction of flow: load → structure → feedback items → alignment → detectors → score.

`mode` chooses who detects: `lexicon` (rules only), `model` (the classifier only, with the structural
finding of unanswered items), or `combined` (rules, confirmed or completed by the classifier). Without
a trained model, `combined` is rules only.
"""

from pathlib import Path
from typing import Literal

from analyzer.align import align
from analyzer.classifier import load_model
from analyzer.combine import apply_model
from analyzer.detectors import all_detectors
from analyzer.detectors.base import ItemContext, ReportContext
from analyzer.errors import ModelError
from analyzer.items import extract_items
from analyzer.load import Document, load_document
from analyzer.results import CheckResult, ItemResult, Span
from analyzer.score import score

Mode = Literal["lexicon", "model", "combined"]


def check_files(report_path: str | Path, feedback_path: str | Path, mode: Mode = "combined") -> CheckResult:
    report = load_document(report_path, role="report")
    feedback = load_document(feedback_path, role="feedback")
    return check(report, feedback, mode)


def check(report: Document, feedback: Document, mode: Mode = "combined") -> CheckResult:
    items = extract_items(feedback)
    alignments = align(items, report.text)
    contexts = [ItemContext(item, report.text, alignment) for item, alignment in zip(items, alignments, strict=True)]
    detectors = {d.pattern: d for d in all_detectors()}
    model = _model(mode)
    for ctx in contexts:
        if mode == "model":
            ctx.flags.extend(detectors["selective_rectification"].unanswered(ctx))
        else:
            for detector in detectors.values():
                ctx.flags.extend(detector.check_item(ctx))
    if model is not None:
        apply_model(contexts, model, detectors, alone=mode == "model")
    report_ctx = ReportContext(report.text, contexts)
    report_detectors = [detectors["selective_rectification"]] if mode == "model" else detectors.values()
    report_flags = [f for d in report_detectors for f in d.check_report(report_ctx)]
    results = [_item_result(ctx) for ctx in contexts]
    total, grade, dimensions = score(results, report_flags)
    warnings = [] if items else [f"{feedback.path}: no feedback problems found"]
    return CheckResult(report=report.path, feedback=feedback.path, score=total, grade=grade,
                       score_breakdown=dimensions, items=results, flags=report_flags, warnings=warnings)


def _model(mode: Mode):
    if mode == "lexicon":
        return None
    model = load_model()
    if model is None and mode == "model":
        raise ModelError("models/", "no trained model is installed; run `analyzer train` first")
    return model


def _item_result(ctx: ItemContext) -> ItemResult:
    span = ctx.alignment.span
    item = ctx.item
    return ItemResult(
        index=item.index,
        feedback_text=item.text,
        heading_path=item.heading_path,
        problem_class=item.problem_class,
        hard=item.hard,
        serious=item.serious,
        addressed=ctx.addressed,
        response=Span(start=span[0], end=span[1]) if span else None,
        flags=ctx.flags,
        set_aside=ctx.set_aside,
    )
