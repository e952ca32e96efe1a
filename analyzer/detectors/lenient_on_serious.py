from analyzer.detectors.base import Detector, ItemContext, accountability
from analyzer.results import Flag


class LenientOnSerious(Detector):
    """避重就轻: a serious problem met with talk or with no sanction at all.

    反例: 针对违规发放补贴5.3万元的问题，责令停止发放，对两名社区书记进行提醒谈话。
    正例: 违规发放的5.3万元已全部清退，给予社区党委书记党内警告处分，移交区纪委监委处理。

    Serious classes (账外负债, 违规发放, 套取, 截留挪用, 规避招标, 偷工减料, 虚列项目 …) are read from the
    feedback item; the answer needs discipline of the second form or above, a referral, or money
    recovered. A contractor's rework at its own cost is not money recovered.
    """

    pattern = "lenient_on_serious"
    scope = "item"

    def check_item(self, ctx: ItemContext) -> list[Flag]:
        if not (ctx.addressed and ctx.item.serious):
            return []
        acts = accountability(ctx)
        if acts.proportionate:
            return []
        if acts.talk:
            return [self.flag_hit(ctx.report, acts.talk[0], 0.85, "talk")]
        if acts.zero_counts:
            return [self.flag_hit(ctx.report, acts.zero_counts[0], 0.8, "zero")]
        start, end = ctx.sentences[0] if ctx.sentences else (ctx.alignment.span or (0, 0))
        return [self.flag(ctx.report, start, end, 0.7, "none", rule="no sanction")]

    def admits(self, ctx: ItemContext) -> bool:
        return ctx.addressed and ctx.item.serious and not accountability(ctx).proportionate
