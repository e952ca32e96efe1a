"""The one direction of flow: load → structure → feedback items → alignment → detectors → score."""

from pathlib import Path

from analyzer.align import align
from analyzer.detectors import all_detectors
from analyzer.detectors.base import ItemContext, ReportContext
from analyzer.items import extract_items
from analyzer.load import Document, load_document
from analyzer.results import CheckResult, ItemResult, Span
from analyzer.score import score


def check_files(report_path: str | Path, feedback_path: str | Path) -> CheckResult:
    report = load_document(report_path, role="report")
    feedback = load_document(feedback_path, role="feedback")
    return check(report, feedback)


def check(report: Document, feedback: Document) -> CheckResult:
    items = extract_items(feedback)
    alignments = align(items, report.text)
    contexts = [ItemContext(item, report.text, alignment) for item, alignment in zip(items, alignments)]
    detectors = all_detectors()
    for ctx in contexts:
        for detector in detectors:
            ctx.flags.extend(detector.check_item(ctx))
    report_ctx = ReportContext(report.text, contexts)
    report_flags = [f for d in detectors for f in d.check_report(report_ctx)]
    results = [_item_result(ctx) for ctx in contexts]
    total, grade, dimensions = score(results, report_flags)
    warnings = [] if items else [f"{feedback.path}: no feedback problems found"]
    return CheckResult(report=report.path, feedback=feedback.path, score=total, grade=grade,
                       score_breakdown=dimensions, items=results, flags=report_flags, warnings=warnings)


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
    )
