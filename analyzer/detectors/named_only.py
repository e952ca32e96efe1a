from analyzer.detectors.base import Detector, ItemContext, in_future
from analyzer.items import listed_names
from analyzer.results import Flag


class NamedOnly(Detector):
    """蜻蜓点水: only the units the inspectors named are fixed; nothing across the jurisdiction.

    反例: 已督促被点名的柏树村、竹林村停止违规收费；对抽查发现问题的3个组进行了督导。
    正例: 柏树村、竹林村立行立改，同时对全乡16个村逐村排查，又发现同类问题2个，均已整改。

    Needs a feedback item whose named units stand for a wider practice (a sampled finding 抽查8个其中5个,
    examples, or two or more units in the same breach), an answer that stays with them
    (names them, or says 巡察指出的N个), and no extension actually done (举一反三, 全面排查, 全镇X个村).
    A named unit that is the whole of the problem (one village's own breach, one project) is not flagged.
    """

    pattern = "named_only"
    scope = "item"

    def check_item(self, ctx: ItemContext) -> list[Flag]:
        if not self.admits(ctx):
            return []
        scoped = ctx.find(self.lexicon, "scope_named")
        if scoped:
            return [self.flag_hit(ctx.report, scoped[0], 0.8)]
        names = ctx.item.named_units
        mentions = [h for h in ctx.find(self.lexicon, "named_unit") if h.text in names]
        mentions += [h for h in ctx.find(self.lexicon, "named_list")
                     if any(_same_unit(listed, name) for listed in listed_names(h.text) for name in names)]
        mentions.sort(key=lambda h: h.start)
        return [self.flag_hit(ctx.report, mentions[0], 0.75)] if mentions else []

    def admits(self, ctx: ItemContext) -> bool:
        if not ctx.addressed or self._extends(ctx):
            return False
        return bool(ctx.find(self.lexicon, "scope_named")) or self._stands_for_more(ctx.item)

    def _extends(self, ctx: ItemContext) -> bool:
        """举一反三 actually done, not promised (今后将举一反三)."""
        return any(not in_future(ctx.report, h) for h in ctx.find(self.lexicon, "extension"))

    def _stands_for_more(self, item) -> bool:
        """The named units are examples of a practice: a sample (抽查6个村，其中4个), examples (如…, 等3个村),
        or several units in the same breach. One named unit in breach, or one project located across
        several (道路工程涉及柳湾村、杨庄村), is the whole problem."""
        if self.lexicon.has(item.text, "sampled"):
            return True
        if not item.named_units:
            return False
        if self.lexicon.has(item.text, "example_marker"):
            return True
        return len(item.named_units) >= 2 and not self._located_across(item)

    def _located_across(self, item) -> bool:
        positions = [item.text.find(name) for name in item.named_units if name in item.text]
        return bool(positions) and self.lexicon.has(item.text[:min(positions)], "located_across")


def _same_unit(a: str, b: str) -> bool:
    """责令城关三中 and 城关三中: a list match may carry the verb before it."""
    return a.endswith(b) or b.endswith(a)
