from analyzer.detectors.base import Detector, ItemContext
from analyzer.results import Flag


class NamedOnly(Detector):
    """蜻蜓点水: only the units the inspectors named are fixed; nothing across the jurisdiction.

    反例: 已督促青石社区、桂园社区完成整改；对巡察指出的4个村党支部进行了督导。
    正例: 对青石社区、桂园社区立行立改，同时对全街道12个社区开展专项排查，发现同类问题3个，已全部整改。

    Needs a feedback item whose named units stand for a wider practice (two or more named, a sampled
    finding 抽查8个其中5个, or 如/其中/等), an answer that stays with them (names them, or says
    巡察指出的N个), and no sign of extension (举一反三, 全面排查, 全镇X个村, 专项治理). One named unit
    that is the whole of the problem is not flagged.
    """

    pattern = "named_only"
    scope = "item"

    def check_item(self, ctx: ItemContext) -> list[Flag]:
        if not ctx.addressed or ctx.find(self.lexicon, "extension"):
            return []
        scoped = ctx.find(self.lexicon, "scope_named")
        if scoped:
            return [self.flag_hit(ctx.report, scoped[0], 0.8)]
        names = ctx.item.named_units
        if not self._stands_for_more(ctx.item.text, names):
            return []
        mentions = [h for h in ctx.find(self.lexicon, "named_unit") if h.text in names]
        return [self.flag_hit(ctx.report, mentions[0], 0.75)] if mentions else []

    def _stands_for_more(self, feedback: str, names: list[str]) -> bool:
        if self.lexicon.has(feedback, "sampled"):
            return True
        return bool(names) and (len(names) >= 2 or self.lexicon.has(feedback, "example_marker"))
