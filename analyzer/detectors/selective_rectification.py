from analyzer.detectors.base import Detector, ItemContext, ReportContext, does_something
from analyzer.lexicon import load_lexicon
from analyzer.results import Flag


class SelectiveRectification(Detector):
    """抓易不抓难 / 选择性整改: a problem gets no response, or only a deferral.

    反例: 关于"学校食堂外包不规范"问题：因合同未到期，待明年条件成熟时再统一研究。
    正例: 已于2024年3月终止外包合同，食堂改由学校自营，责任人：副校长陈某，5月通过县教育局验收。

    An unanswered item is flagged at the report's claim that everything is done, if it makes one;
    a deferral is flagged at the deferral when no other sentence of the answer does anything concrete.
    """

    pattern = "selective_rectification"
    scope = "item+report"

    def check_item(self, ctx: ItemContext) -> list[Flag]:
        if not ctx.addressed:
            return self.unanswered(ctx)
        deferrals = ctx.find(self.lexicon, "deferral")
        if self.lexicon.has(ctx.item.text, "finite_problem"):
            deferrals += ctx.find(self.lexicon, "open_ended")  # 长期坚持 for a sum owed
        if not deferrals or ctx.find(self.lexicon, "plan"):
            return []
        if any(self._acts(ctx.report, s, e) and not _holds(deferrals, s, e) for s, e in ctx.sentences):
            return []
        return [self.flag_hit(ctx.report, deferrals[0], 0.8, "deferral")]

    def _acts(self, report: str, start: int, end: int) -> bool:
        """A sentence that does something, other than report upwards or explain (由于……). Handing the fix
        to others (责成各社区自行清理) is an answer, weighed by responsibility_pushed_down, not a deferral."""
        if self.lexicon.has(report, "not_action", start, end):
            return False
        return does_something(report, start, end) or load_lexicon("responsibility_pushed_down").has(
            report, "handoff", start, end)

    def admits(self, ctx: ItemContext) -> bool:
        return ctx.addressed and not ctx.find(self.lexicon, "plan")

    def unanswered(self, ctx: ItemContext) -> list[Flag]:
        """The flag of an item nothing answers: at the report's claim that all is done, if it makes one."""
        if ctx.addressed:
            return []
        claims = load_lexicon("common").find(ctx.report, "completion_claim")
        if claims:
            return [self.flag_hit(ctx.report, claims[0], 0.9, "unanswered_claim", before=0.85)]
        return [self.flag(ctx.report, 0, 0, 0.85, "unanswered", rule="no response")]

    def check_report(self, ctx: ReportContext) -> list[Flag]:
        found = ctx.item_flags(self.pattern)
        if not found:
            return []
        first = found[0]
        return [self.flag(ctx.report, first.start, first.end, first.confidence, "report", first.rule)]


def _holds(hits, start: int, end: int) -> bool:
    return any(start <= h.start < end for h in hits)
