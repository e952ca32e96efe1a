from analyzer.detectors.base import Detector, ItemContext
from analyzer.results import Flag


class BlameShifting(Detector):
    """上推下卸: the cause is put on higher-level rules, history or objective conditions.

    反例: 网格员由区里统一招聘，街道管理权限有限，客观上造成管理难度较大。
    正例: 该问题虽属历史遗留，但根源在局党组监管缺位；已成立专班，追回租金12万元。

    Not flagged where the answer names a cause of the unit's own (监管缺位, 把关不严, 责任在局党组).
    """

    pattern = "blame_shifting"
    scope = "item"

    def check_item(self, ctx: ItemContext) -> list[Flag]:
        if not ctx.addressed:
            return []
        excuses = ctx.find(self.lexicon, "excuse")
        if not excuses or ctx.find(self.lexicon, "own_cause"):
            return []
        return [self.flag_hit(ctx.report, excuses[0], 0.8)]

    def admits(self, ctx: ItemContext) -> bool:
        return ctx.addressed and not ctx.find(self.lexicon, "own_cause")
