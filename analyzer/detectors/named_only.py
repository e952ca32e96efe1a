from analyzer.detectors.base import Detector, ItemContext
from analyzer.results import Flag


class NamedOnly(Detector):
    """蜻蜓点水: only the units the inspectors named are fixed; nothing across the jurisdiction.

    反例: 已督促青石社区、桂园社区完成整改。
    正例: 对青石社区、桂园社区立行立改，同时对全街道12个社区开展专项排查，发现同类问题3个，已全部整改。

    Needs named units (or a sampled finding, 抽查8个其中5个) in the feedback item, an answer that
    mentions them, and no sign of extension (举一反三, 全面排查, 全镇X个村, 专项治理).
    """

    pattern = "named_only"
    scope = "item"

    def check_item(self, ctx: ItemContext) -> list[Flag]:
        if not ctx.addressed or ctx.find(self.lexicon, "extension"):
            return []
        names = ctx.item.named_units
        if not names and not self.lexicon.has(ctx.item.text, "sampled"):
            return []
        mentions = [h for h in ctx.find(self.lexicon, "named_unit") if not names or h.text in names]
        if not mentions:
            return []
        return [self.flag_hit(ctx.report, mentions[0], 0.75)]
