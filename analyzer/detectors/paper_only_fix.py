from analyzer.detectors.base import Detector, ItemContext
from analyzer.results import Flag


class PaperOnlyFix(Detector):
    """隔靴搔痒 / 纸面整改: the "fix" is paperwork made after the fact.

    反例: 与原租户补签了仓库租赁协议，租金仍按旧价收取，资料已装订归档。
    正例: 解除原租赁协议，经挂网竞价重新出租，年租金由1.2万元升至3.5万元，随后补签廉洁承诺。

    Flags an answer whose paper cues (补写/补签/补办/补开会议追认/完善资料/规范归档) stand with no sign
    that the act itself was redone (重新招标, 公开竞价, 退回, 实地核查 …).
    """

    pattern = "paper_only_fix"
    scope = "item"

    def check_item(self, ctx: ItemContext) -> list[Flag]:
        if not ctx.addressed:
            return []
        cues = ctx.find(self.lexicon, "cue")
        if not cues or ctx.find(self.lexicon, "redone"):
            return []
        confidence = min(0.95, 0.7 + 0.1 * len(cues) + 0.05 * len(ctx.find(self.lexicon, "weak_cue")))
        return [self.flag_hit(ctx.report, cues[0], confidence)]

    def admits(self, ctx: ItemContext) -> bool:
        return ctx.addressed and not ctx.find(self.lexicon, "redone")
