from analyzer.detectors.base import Detector, ItemContext, ReportContext, negated
from analyzer.lexicon import load_lexicon
from analyzer.results import Flag

TITLE_CHARS = 60  # where the reporting unit names itself


def leadership_sanctioned(report: str, start: int = 0, end: int | None = None) -> bool:
    """A sanction on the reporting unit's own leadership in report[start:end]: a township's 村党支部书记 is
    not its leadership, a village's own 支部书记 is."""
    ladder = load_lexicon("sanctions")
    title = report.lstrip()[:TITLE_CHARS]
    village = ladder.has(title, "village_reporter")
    for hit in ladder.find(report, "leadership_target", start, end):
        before = report[max(0, hit.start - 6):hit.start]
        if village or not ladder.has(before, "subordinate_prefix"):
            return True
    return False


class SelfExemption(Detector):
    """抓人不抓己: the leadership examines and punishes others but never itself.

    反例: 对3名网格员进行批评教育，责成社区会计补齐台账。（全文无班子自我检视）
    正例: 党委班子召开专题民主生活会逐一检视自身；书记签字承诺对整改真实性负责。

    Report: no self-examination by the leadership (专题民主生活会, 对照检查, 书记带头剖析, 书面承诺) and no
    sanction on the leadership itself. Item: the feedback names the leadership as the failing actor
    and the answer hands the work down.
    """

    pattern = "self_exemption"
    scope = "item+report"

    def check_item(self, ctx: ItemContext) -> list[Flag]:
        """The feedback names the leadership; the answer hands the work down or sanctions others."""
        if not (ctx.addressed and ctx.item.names_leadership) or ctx.find(self.lexicon, "self_exam"):
            return []
        if ctx.find(load_lexicon("responsibility_pushed_down"), "leadership_owns"):
            return []
        if any(leadership_sanctioned(ctx.report, start, end) for start, end in ctx.body):
            return []
        ladder = load_lexicon("sanctions")
        others = [f for f in ctx.flags if f.pattern == "responsibility_pushed_down"]
        if others:
            return [self.flag(ctx.report, others[0].start, others[0].end, 0.7, "item", others[0].rule)]
        sanctions = ctx.find(ladder, "level1") + ctx.find(ladder, "level2_up")
        return [self.flag_hit(ctx.report, sanctions[0], 0.65, "item")] if sanctions else []

    def admits(self, ctx: ItemContext) -> bool:
        return False  # judged on the whole report, by rules

    def check_report(self, ctx: ReportContext) -> list[Flag]:
        report = ctx.report
        own = [h for h in self.lexicon.find(report, "self_exam") if not negated(report, h)]
        if own or leadership_sanctioned(report):
            return []
        ladder = load_lexicon("sanctions")
        sanctions = ladder.find(report, "level1") + ladder.find(report, "level2_up")
        if sanctions:
            return [self.flag_hit(report, sanctions[0], 0.75, "report")]
        return [self.flag(report, 0, 0, 0.65, "report", rule="no self-examination")]
