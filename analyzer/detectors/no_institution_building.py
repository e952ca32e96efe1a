import re

from analyzer.detectors.base import Detector, ItemContext, ReportContext, inside, sentence_of
from analyzer.lexicon import Hit
from analyzer.results import Flag

FUTURE = re.compile(r"下一步|下步|进一步|将|计划|拟")


class NoInstitutionBuilding(Detector):
    """敷衍塞责: a systemic problem is fixed case by case, with no rule or mechanism made.

    反例: 对巡察指出的3笔采购逐一补正，组织后勤人员集中学习《政府采购法》。
    正例: 修订《院内采购管理规定》，5万元以上采购一律进入县交易平台，8月以来9批次均已执行。

    Item: the feedback names a systemic fault (制度不健全, 管理混乱, 屡次, 依然存在, a breach repeated across
    years and projects) and the answer makes no rule. Re-reading an existing rule is not making one; a
    promise for later (下一步将健全制度) is not one either. Report: systemic problems in the feedback and
    no rule made anywhere in the report.
    """

    pattern = "no_institution_building"
    scope = "item+report"

    def check_item(self, ctx: ItemContext) -> list[Flag]:
        cue = self._systemic_cue(ctx)
        if cue is None or self._rules_made(ctx.report, ctx.body):
            return []
        start, end = ctx.sentences[0] if ctx.sentences else (0, 0)
        return [self.flag(ctx.report, start, end, 0.7, "item", rule=cue.rule)]

    def admits(self, ctx: ItemContext) -> bool:
        return self._systemic_cue(ctx) is not None and not self._rules_made(ctx.report, ctx.body)

    def _systemic_cue(self, ctx: ItemContext) -> Hit | None:
        """The feedback's systemic wording, where this answer can fail to build rules at all."""
        if not (ctx.addressed and ctx.item.systemic) or ctx.has_flag("vague_measure"):
            return None
        if systemic := self.lexicon.find(ctx.item.text, "systemic"):
            return systemic[0]
        if ctx.has_flag("paper_only_fix"):
            return None  # a management gap answered by redoing records is paper_only_fix (conventions)
        return next(iter(self.lexicon.find(ctx.item.text, "management_gap")), None)

    def check_report(self, ctx: ReportContext) -> list[Flag]:
        if not any(item.item.systemic for item in ctx.items):
            return []
        if self._rules_made(ctx.report, [(0, len(ctx.report))]):
            return []
        return [self.flag(ctx.report, 0, 0, 0.7, "report", rule="no rule in report")]

    def _rules_made(self, report: str, ranges: list[tuple[int, int]]) -> bool:
        for start, end in ranges:
            excluded = self.lexicon.find(report, "not_institution", start, end)
            for hit in self.lexicon.find(report, "institution", start, end):
                s, e = sentence_of(report, hit.start)
                if not inside(hit, excluded) and not FUTURE.search(report[s:hit.start]):
                    return True
        return False
