"""Stage 6, score: a transparent rubric, each dimension with its points and the reason, summing to 0–100.

Dimensions follow what a sound report has (study §三): every problem answered (hard ones weigh double),
concrete measures, accountability in proportion, ownership at the right level, extension across the
jurisdiction, and rules made for systemic problems.
"""

from analyzer.results import Flag, ItemResult, ScoreDimension

SOUND_AT = 80.0  # a report scoring below this, or carrying any report-level flag, is weak
HARD_WEIGHT = 2.0
REPORT_PENALTY = 0.5  # share of a dimension lost to a report-level flag on it

RUBRIC = (  # (name, Chinese label, points, item patterns that cost the item its share, report pattern)
    ("coverage", "问题覆盖", 30, ("selective_rectification",), "selective_rectification"),
    ("concreteness", "措施具体", 20, ("vague_measure", "paper_only_fix"), None),
    ("accountability", "问责到位", 15, ("verbal_only_accountability", "lenient_on_serious"), None),
    ("ownership", "责任担当", 15, ("responsibility_pushed_down", "blame_shifting"), "self_exemption"),
    ("extension", "举一反三", 10, ("named_only",), None),
    ("institution", "建章立制", 10, ("no_institution_building",), "no_institution_building"),
)


def score(items: list[ItemResult], report_flags: list[Flag]) -> tuple[float, str, list[ScoreDimension]]:
    report_patterns = {f.pattern for f in report_flags}
    weights = [HARD_WEIGHT if it.hard else 1.0 for it in items]
    total_weight = sum(weights) or 1.0
    dimensions = []
    for name, label, points, patterns, report_pattern in RUBRIC:
        lost = [it.index for it in items if _costs(it, patterns)]
        share = sum(w for it, w in zip(items, weights, strict=True) if it.index not in lost) / total_weight
        earned = points * share
        reason = f"{len(items) - len(lost)}/{len(items)} 个问题无此类问题"
        if lost:
            reason += f"；存在问题的序号：{'、'.join(map(str, lost))}"
        if report_pattern and report_pattern in report_patterns:
            earned *= REPORT_PENALTY
            reason += f"；报告层面存在 {report_pattern}"
        dimensions.append(ScoreDimension(name=name, label=label, points=round(earned, 1),
                                         max_points=points, reason=reason))
    total = round(sum(d.points for d in dimensions), 1)
    grade = "sound" if total >= SOUND_AT and not report_patterns else "weak"
    return total, grade, dimensions


def _costs(item: ItemResult, patterns: tuple[str, ...]) -> bool:
    unanswered = not item.addressed and "selective_rectification" in patterns
    return unanswered or any(f.pattern in patterns for f in item.flags)
