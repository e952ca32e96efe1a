"""What every detector shares: the contexts it reads, the flag it builds, and the cue helpers.

An item detector reads one feedback item and the body of its answer (titles that merely restate the
problem are left out); a report detector reads the whole report and the item results so far.
"""

import functools
import re
from dataclasses import dataclass, field
from typing import ClassVar

from analyzer.align import METADATA_FIELDS, Alignment, restates_problem
from analyzer.items import FeedbackItem
from analyzer.lexicon import Hit, Lexicon, load_lexicon
from analyzer.results import Flag
from analyzer.structure import sentences

CLAUSE_BREAK = re.compile(r"[，,。；;：:！？!?\n]")
MAX_CLAUSE = 60  # longest clause quoted as evidence around a cue
NEGATION_WINDOW = 6  # characters before a cue, inside its clause, searched for 未/杜绝/不能以 …


FIELD_START = re.compile(rf"[ \t\u3000]+(?={METADATA_FIELDS}\s*[:：])")


def fields(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A ledger line holding several fields (责任人：… 完成时限：… 整改状态：…) cut into one span per field."""
    cuts = [m.end() for m in FIELD_START.finditer(text, start, end)]
    bounds = [start, *cuts, end]
    return [(a, a + len(text[a:b].rstrip())) for a, b in zip(bounds, bounds[1:]) if text[a:b].strip()]


@dataclass
class ItemContext:
    item: FeedbackItem
    report: str
    alignment: Alignment
    flags: list[Flag] = field(default_factory=list)
    set_aside: list[Flag] = field(default_factory=list)  # rule flags the model overruled, kept for review

    @property
    def addressed(self) -> bool:
        return self.alignment.addressed

    @functools.cached_property
    def body(self) -> list[tuple[int, int]]:
        return [(b.body_start, b.end) for b in self.alignment.blocks if b.end > b.body_start]

    @functools.cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentences of the answer body, bare status fields (整改状态：已完成) left out."""
        common = load_lexicon("common")
        spans = [f for start, end in self.body for s in sentences(self.report, start, end)
                 for f in fields(self.report, *s)]
        return [(s, e) for s, e in spans
                if not common.has(self.report[s:e], "status_only") and not restates_problem(self.report[s:e])]

    def find(self, lexicon: Lexicon, group: str, keep_negated: bool = False) -> list[Hit]:
        """Hits of a lexicon group in the answer body, negated ones dropped unless asked for."""
        hits = [h for start, end in self.body for h in lexicon.find(self.report, group, start, end)]
        return hits if keep_negated else [h for h in hits if not negated(self.report, h)]

    @functools.cached_property
    def accountability(self) -> "Accountability":
        """The sanctions, referrals and recoveries of this answer (read once, used by several detectors)."""
        return read_accountability(self)

    def has_flag(self, pattern: str) -> bool:
        return any(f.pattern == pattern for f in self.flags)


@dataclass
class ReportContext:
    report: str
    items: list[ItemContext]

    def item_flags(self, pattern: str) -> list[Flag]:
        return [f for ctx in self.items for f in ctx.flags if f.pattern == pattern]


def negated(text: str, hit: Hit) -> bool:
    """True when a negation word stands shortly before the hit in the same clause (未约谈, 杜绝补签)."""
    window_start = max(0, hit.start - NEGATION_WINDOW)
    window = text[window_start:hit.start]
    breaks = list(CLAUSE_BREAK.finditer(window))
    if breaks:
        window = window[breaks[-1].end():]
    return load_lexicon("common").has(window, "negation")


def inside(hit: Hit, others: list[Hit]) -> bool:
    return any(o.start <= hit.start and hit.end <= o.end for o in others)


def clause_of(text: str, start: int, end: int, limit: int = MAX_CLAUSE) -> tuple[int, int]:
    """The clause (between ，。；： and line breaks) around text[start:end], or the span itself when longer
    than `limit`."""
    left = start
    while left > 0 and not CLAUSE_BREAK.match(text[left - 1]):
        left -= 1
    right = end
    while right < len(text) and not CLAUSE_BREAK.match(text[right]):
        right += 1
    while left < start and text[left].isspace():
        left += 1
    return (left, right) if right - left <= limit else (start, end)


def overlaps(hit: Hit, others: list[Hit]) -> bool:
    return any(o.start < hit.end and hit.start < o.end for o in others)


def in_future(text: str, hit: Hit) -> bool:
    """True when the hit's sentence promises it for later (今后将举一反三, 下一步，将视情开展复核)."""
    start, _ = sentence_of(text, hit.start)
    return load_lexicon("common").has(text, "future", start, hit.start)


def sentence_of(text: str, position: int) -> tuple[int, int]:
    """The sentence around a character position."""
    start = position
    while start > 0 and text[start - 1] not in "。！？；!?;\n":
        start -= 1
    end = position
    while end < len(text) and text[end] not in "。！？；!?;\n":
        end += 1
    if end < len(text) and text[end] != "\n":
        end += 1
    return start, end


def is_concrete(text: str, start: int, end: int) -> bool:
    """A sentence with a date, a quantity, a named person or document, or an act done."""
    if explains(text, start, end):
        return False
    common = load_lexicon("common")
    if common.has(text, "vague_owner", start, end) or common.has(text, "vague_deadline", start, end):
        start = _after_field_labels(text, start, end)
    groups = ("date", "quantity", "person", "act_done")
    if any(common.has(text, g, start, end) for g in groups):
        return True
    studied = common.find(text, "study_document", start, end)
    if any(not overlaps(h, studied) for h in common.find(text, "document", start, end)):
        return True
    return load_lexicon("vague_measure").has(text, "concrete_verb", start, end)


def explains(text: str, start: int, end: int) -> bool:
    """A sentence about how the problem arose (由于……, 系2019年签订, 历史遗留): no act of the answer."""
    if load_lexicon("common").has(text, "explanation", start, end):
        return True
    return load_lexicon("blame_shifting").has(text, "excuse", start, end)


def does_something(text: str, start: int, end: int) -> bool:
    """A sentence reporting an act, however small (进行了, 已对, 完成, 召开, 追缴), not a slogan."""
    if explains(text, start, end):
        return False
    start = _after_leading_label(text, start, end)
    if load_lexicon("common").has(text, "action", start, end):
        return True
    return load_lexicon("vague_measure").has(text, "concrete_verb", start, end)


def _after_leading_label(text: str, start: int, end: int) -> int:
    """Skip a field label such as 完成时限： so that its 完成 is not read as an act."""
    labels = load_lexicon("common").find(text, "field_label", start, end)
    return labels[0].end if labels and not text[start:labels[0].start].strip() else start


def _after_field_labels(text: str, start: int, end: int) -> int:
    """Skip 责任人：党建办 / 完成时限：长期坚持 fields: an office and 长期坚持 name nobody and no date."""
    common = load_lexicon("common")
    vague = common.find(text, "vague_owner", start, end) + common.find(text, "vague_deadline", start, end)
    return max(start, max(h.end for h in vague))


class Detector:
    """Base class: a subclass sets `pattern` and `scope` and overrides `check_item` / `check_report`."""

    pattern: ClassVar[str]
    scope: ClassVar[str]  # "item", "report" or "item+report"

    def __init__(self):
        self.lexicon = load_lexicon(self.pattern)

    def check_item(self, ctx: ItemContext) -> list[Flag]:
        return []

    def check_report(self, ctx: ReportContext) -> list[Flag]:
        return []

    def admits(self, ctx: ItemContext) -> bool:
        """Whether the pattern can hold for this item at all: its counter-evidence is absent. A flag
        proposed by the classifier is kept only where this is true."""
        return ctx.addressed

    def flag(self, report: str, start: int, end: int, confidence: float, explanation: str = "default",
             rule: str = "", before: float | None = None) -> Flag:
        return Flag(
            pattern=self.pattern,
            evidence=report[start:end],
            start=start,
            end=end,
            source="lexicon",
            confidence=round(confidence, 3),
            explanation=self.lexicon.explain(explanation),
            detector=type(self).__name__,
            rule=rule or self.pattern,
            score_before_context=round(confidence if before is None else before, 3),
        )

    def flag_hit(self, report: str, hit: Hit, confidence: float, explanation: str = "default",
                 before: float | None = None) -> Flag:
        """A flag quoting the clause around the cue (对会计进行了口头批评教育), so a reader sees it in use."""
        start, end = clause_of(report, hit.start, hit.end)
        return self.flag(report, start, end, confidence, explanation, hit.rule,
                         hit.weight if before is None else before)


@dataclass(frozen=True)
class Accountability:
    """What an answer did to the people at fault, on the ladder of sanctions.yml."""

    talk: list[Hit]  # 第一种形态 actually given
    discipline: list[Hit]  # 第二种形态 and above
    referral: list[Hit]
    recovery: list[Hit]
    minor_fault: list[Hit]
    zero_counts: list[Hit]

    @property
    def proportionate(self) -> bool:
        return bool(self.discipline or self.referral or self.recovery)


def read_accountability(ctx: ItemContext) -> Accountability:
    ladder = load_lexicon("sanctions")
    not_sanctions = ctx.find(load_lexicon("verbal_only_accountability"), "not_a_sanction", keep_negated=True)
    zero = ctx.find(ladder, "zero_count", keep_negated=True)
    excluded = not_sanctions + zero
    talk = [h for h in ctx.find(ladder, "level1") if not inside(h, excluded)]
    discipline = [h for h in ctx.find(ladder, "level2_up") if not overlaps(h, zero)]
    failed = ctx.find(ladder, "failed_recovery", keep_negated=True)
    return Accountability(
        talk=talk,
        discipline=discipline,
        referral=ctx.find(ladder, "referral"),
        recovery=[h for h in ctx.find(ladder, "recovery") if not overlaps(h, failed)],
        minor_fault=ctx.find(ladder, "minor_fault"),
        zero_counts=zero,
    )
