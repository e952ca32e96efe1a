from analyzer.detectors.base import Detector, ItemContext, sentence_of
from analyzer.results import Flag


NAMED_OWNER_RULES = {"交由分管领导", "交由纪检部门"}


class ResponsibilityPushedDown(Detector):
    """抓下不抓上 / 主体责任下移: the fix or the blame is handed to villages, departments or a deputy.

    反例: 将该问题交由涉及的两个村自行整改；明确由分管副局长负责督促落实。
    正例: 镇党委书记牵头，班子成员包村督导，镇党委会议研究制定整改方案；日常巡查由所在社区负责。

    Not flagged where the leadership takes a named measure of its own, or where the lower level only
    carries routine duties (日常巡查, 管护) inside a fix the leadership leads.
    """

    pattern = "responsibility_pushed_down"
    scope = "item"

    def check_item(self, ctx: ItemContext) -> list[Flag]:
        if not self.admits(ctx):
            return []
        for hit in ctx.find(self.lexicon, "handoff"):
            start, end = sentence_of(ctx.report, hit.start)
            if self.lexicon.has(ctx.report, "routine", start, end):
                continue
            if hit.rule in NAMED_OWNER_RULES and "某" in hit.text and not ctx.item.names_leadership:
                continue  # 由分管副镇长孙某某负责 + a measure: a named owner, not a handoff
            return [self.flag_hit(ctx.report, hit, 0.8)]
        return []

    def admits(self, ctx: ItemContext) -> bool:
        return ctx.addressed and not ctx.find(self.lexicon, "leadership_owns")
