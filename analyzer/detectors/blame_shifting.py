from analyzer.detectors.base import Detector, ItemContext, inside
from analyzer.results import Flag


class BlameShifting(Detector):
    """上推下卸: the cause is put on higher-level rules, history or objective conditions.

    反例: 护林员由县林业局统一选聘，乡里无权考核，加之山高路远，客观上难以巡护到位。
    正例: 问题虽与早年政策有关，但根源在乡党委对护林员疏于监管；已制定考勤办法，9月起按月考核18人。

    Not flagged where the answer names a cause of the unit's own (监管缺位, 把关不严, 责任在局党组).
    """

    pattern = "blame_shifting"
    scope = "item"

    def check_item(self, ctx: ItemContext) -> list[Flag]:
        if not ctx.addressed:
            return []
        excuses = ctx.find(self.lexicon, "excuse")
        if not excuses or self._own_cause(ctx, excuses):
            return []
        return [self.flag_hit(ctx.report, excuses[0], 0.8)]

    def admits(self, ctx: ItemContext) -> bool:
        return ctx.addressed and not self._own_cause(ctx, ctx.find(self.lexicon, "excuse"))

    def _own_cause(self, ctx: ItemContext, excuses) -> bool:
        """A cause of the unit's own (虽有历史原因，但根本在于……), not one that is itself an excuse
        (主要原因是县有关部门档案缺失)."""
        if ctx.find(self.lexicon, "own_cause_despite"):
            return True
        return any(not any(inside(e, [h]) for e in excuses) for h in ctx.find(self.lexicon, "own_cause"))
