from analyzer.detectors.base import Detector, ItemContext, sentence_of
from analyzer.results import Flag


class ResponsibilityPushedDown(Detector):
    """抓下不抓上 / 主体责任下移: the fix or the blame is handed to villages, departments or a deputy.

    反例: 将该问题交给涉及的两个组自行处理；明确由分管副乡长负责督促落实。
    正例: 乡党委书记牵头，乡党委会议研究整改方案，班子成员分片督导；日常保洁由各组保洁员负责。

    Not flagged where the leadership takes a named measure of its own, or where the lower level only
    carries routine duties (日常巡查, 管护) inside a fix the leadership leads.
    """

    pattern = "responsibility_pushed_down"
    scope = "item"

    def check_item(self, ctx: ItemContext) -> list[Flag]:
        if not self.admits(ctx):
            return []
        deputies = [h for h in ctx.find(self.lexicon, "deputy_handoff") if not self._named_owner(ctx, h)]
        for hit in sorted(ctx.find(self.lexicon, "handoff") + deputies, key=lambda h: h.start):
            start, end = sentence_of(ctx.report, hit.start)
            if not self.lexicon.has(ctx.report, "routine", start, end):
                return [self.flag_hit(ctx.report, hit, 0.8)]
        return []

    @staticmethod
    def _named_owner(ctx: ItemContext, hit) -> bool:
        """由分管副镇长孙某某负责 + a measure: a named owner, unless the problem is the leadership's own."""
        return "某" in hit.text and not ctx.item.names_leadership

    def admits(self, ctx: ItemContext) -> bool:
        return ctx.addressed and not ctx.find(self.lexicon, "leadership_owns")
