from analyzer.detectors.base import Detector, ItemContext, accountability
from analyzer.results import Flag


class VerbalOnlyAccountability(Detector):
    """和风细雨 / 口头问责: the strongest sanction is talk (批评教育, 提醒谈话, 约谈, 诫勉, 书面检讨).

    反例: 对时任报账员张某某进行了口头批评教育，要求其深刻吸取教训。
    正例: 给予村党支部书记党内警告处分，对报账员进行约谈，违规发放的1.2万元已全部退回。

    Not flagged beside a second-form or heavier sanction, a referral, money recovered, a reasoned
    finding of minor fault, or for a minor slip (笔误, 格式) that did not call for discipline.
    """

    pattern = "verbal_only_accountability"
    scope = "item"

    def check_item(self, ctx: ItemContext) -> list[Flag]:
        if not ctx.addressed:
            return []
        acts = accountability(ctx)
        if not acts.talk or not self.admits(ctx):
            return []
        return [self.flag_hit(ctx.report, acts.talk[0], 0.85)]

    def admits(self, ctx: ItemContext) -> bool:
        acts = accountability(ctx)
        minor = self.lexicon.has(ctx.item.text, "minor_problem")
        return ctx.addressed and not (acts.proportionate or acts.minor_fault or minor)
