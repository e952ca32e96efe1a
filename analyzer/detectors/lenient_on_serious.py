from analyzer.detectors.base import Detector, ItemContext
from analyzer.results import Flag


class LenientOnSerious(Detector):
    """避重就轻: a serious problem met with talk or with no sanction at all.

    反例: 关于套取村级保洁经费2.4万元的问题，责令报账员写出检讨，对其进行约谈。
    正例: 套取的2.4万元已全部追缴，给予报账员党内严重警告处分，线索移交县纪委监委。

    Serious classes (账外负债, 违规发放, 套取, 截留挪用, 规避招标, 偷工减料, 虚列项目 …) are read from the
    feedback item; the answer needs discipline of the second form or above, a referral, or money
    recovered. A contractor's rework at its own cost is not money recovered.
    """

    pattern = "lenient_on_serious"
    scope = "item"

    def check_item(self, ctx: ItemContext) -> list[Flag]:
        if not (ctx.addressed and ctx.item.serious):
            return []
        acts = ctx.accountability
        if acts.proportionate:
            return []
        if acts.talk:
            return [self.flag_hit(ctx.report, acts.talk[0], 0.85, "talk")]
        if acts.zero_counts:
            return [self.flag_hit(ctx.report, acts.zero_counts[0], 0.8, "zero")]
        start, end = ctx.sentences[0] if ctx.sentences else (ctx.alignment.span or (0, 0))
        return [self.flag(ctx.report, start, end, 0.7, "none", rule="no sanction")]

    def admits(self, ctx: ItemContext) -> bool:
        return ctx.addressed and ctx.item.serious and not ctx.accountability.proportionate
