from analyzer.detectors.base import Detector, ItemContext, does_something, is_concrete
from analyzer.lexicon import load_lexicon
from analyzer.results import Flag


class VagueMeasure(Detector):
    """措施不细: the whole answer is slogans, with no who, what or when.

    反例: 社区党委将进一步强化责任意识，切实规范议事程序，确保各项制度落地见效。
    正例: 9月起每月第二个周三召开两委联席会，由社区书记周某主持，已开4次，纪要在公示栏公开。

    Flags an answer none of whose sentences holds a date, a quantity, a named person or document or an
    act done. An office as 责任人 and 长期坚持 as 时限 count for nothing. A bare deferral is
    selective_rectification instead.
    """

    pattern = "vague_measure"
    scope = "item"

    def check_item(self, ctx: ItemContext) -> list[Flag]:
        if not ctx.addressed or ctx.has_flag("selective_rectification") or not ctx.sentences:
            return []
        if any(self._substantive(ctx.report, s, e) for s, e in ctx.sentences):
            return []
        common = load_lexicon("common")
        slogans = ctx.find(common, "slogan")
        ledger = ctx.find(common, "vague_owner") + ctx.find(common, "vague_deadline")
        if ledger:
            return [self.flag_hit(ctx.report, ledger[0], 0.85, "ledger")]
        if slogans:
            start, end = ctx.sentences[0]
            for s, e in ctx.sentences:
                if any(s <= h.start < e for h in slogans):
                    start, end = s, e
                    break
            return [self.flag(ctx.report, start, end, 0.8, rule=slogans[0].rule)]
        return []

    def _substantive(self, report: str, start: int, end: int) -> bool:
        """A sentence that does or fixes something checkable; study and "put in a prominent place"
        alone (组织干部认真学习了相关规定) are slogans unless a date, number, person or document goes with them."""
        if not (is_concrete(report, start, end) or does_something(report, start, end)):
            return False
        if not self.lexicon.has(report, "hollow_act", start, end):
            return True
        common = load_lexicon("common")
        return any(common.has(report, g, start, end) for g in ("date", "quantity", "person", "document"))

    def admits(self, ctx: ItemContext) -> bool:
        return ctx.addressed and not ctx.has_flag("selective_rectification")
