from analyzer.detectors.base import Detector, ItemContext
from analyzer.results import Flag


class VerbalOnlyAccountability(Detector):
    """和风细雨 / 口头问责: the strongest sanction is talk (批评教育, 提醒谈话, 约谈, 诫勉, 书面检讨).

    反例: 对经手的出纳钱某某进行了谈话提醒，要求其今后严格执行财经纪律。
    正例: 给予站长党内警告处分，对出纳进行约谈，多领的0.8万元已全部退还。

    Only where the feedback describes a breach that calls for discipline (违规, 挪用, 规避招标 …); a lapse of
    supervision or records is answered in proportion by talk. Not flagged beside a second-form or heavier
    sanction, a referral, money recovered, a reasoned finding of minor fault, or for a minor slip (笔误, 格式).
    """

    pattern = "verbal_only_accountability"
    scope = "item"

    def check_item(self, ctx: ItemContext) -> list[Flag]:
        if not ctx.addressed:
            return []
        acts = ctx.accountability
        if not acts.talk or not self.admits(ctx):
            return []
        return [self.flag_hit(ctx.report, acts.talk[0], 0.85)]

    def admits(self, ctx: ItemContext) -> bool:
        acts = ctx.accountability
        return ctx.addressed and self._calls_for_discipline(ctx.item) and not (acts.proportionate or acts.minor_fault)

    def _calls_for_discipline(self, item) -> bool:
        """A serious problem or a breach (违规发放, 挪用, 规避招标 …), not a lapse of supervision or records nor a
        minor slip (a minor word such as 考勤 does not make a serious problem minor)."""
        if item.serious:
            return True
        if self.lexicon.has(item.text, "minor_problem"):
            return False
        return self.lexicon.has(item.text, "breach")
