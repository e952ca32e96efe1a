"""Result types of every stage, as frozen pydantic models. The JSON of `check` is `CheckResult`."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

PATTERN_IDS = (
    "selective_rectification",
    "responsibility_pushed_down",
    "self_exemption",
    "paper_only_fix",
    "verbal_only_accountability",
    "lenient_on_serious",
    "named_only",
    "blame_shifting",
    "no_institution_building",
    "vague_measure",
)
PatternId = Literal[
    "selective_rectification",
    "responsibility_pushed_down",
    "self_exemption",
    "paper_only_fix",
    "verbal_only_accountability",
    "lenient_on_serious",
    "named_only",
    "blame_shifting",
    "no_institution_building",
    "vague_measure",
]
Source = Literal["lexicon", "classifier", "both"]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Span(Frozen):
    """A half-open character range [start, end) of a decoded text."""

    start: int
    end: int


class Flag(Frozen):
    """One finding: a pattern, the quoted evidence and why."""

    pattern: PatternId
    evidence: str
    start: int
    end: int
    source: Source = "lexicon"
    confidence: float = Field(ge=0.0, le=1.0)
    explanation: str
    detector: str
    rule: str = Field(description="the lexicon term, pattern name or model that fired")
    score_before_context: float = Field(ge=0.0, le=1.0)


class ItemResult(Frozen):
    index: int
    feedback_text: str
    heading_path: list[str] = []
    problem_class: str = "other"
    hard: bool = False
    serious: bool = False
    addressed: bool
    response: Span | None = None
    flags: list[Flag] = []
    set_aside: list[Flag] = Field(default=[], description="rule flags the model overruled: not scored, shown for review")


class ScoreDimension(Frozen):
    name: str
    label: str
    points: float
    max_points: float
    reason: str


class CheckResult(Frozen):
    schema_version: int = 1
    report: str
    feedback: str
    score: float = Field(ge=0.0, le=100.0)
    grade: Literal["sound", "weak"]
    score_breakdown: list[ScoreDimension]
    items: list[ItemResult]
    flags: list[Flag] = []
    warnings: list[str] = []
