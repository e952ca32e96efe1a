"""Cue lexicons: YAML files a domain expert edits, validated on load, matched on raw text by offsets.

A lexicon holds named groups of cues. Each group is a list of entries; an entry is a plain term
(matched literally, Aho–Corasick), or a mapping with `regex` (and optional `name`, `weight`).
Matching on the raw characters means a segmentation choice never hides a term.
"""

import functools
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal

import ahocorasick
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from analyzer.errors import LexiconError


class CueEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    term: str | None = None
    regex: str | None = None
    name: str | None = None
    weight: float = Field(default=0.8, ge=0.0, le=1.0)
    note: str | None = None

    @field_validator("regex")
    @classmethod
    def _compiles(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as e:
                raise ValueError(f"regex does not compile ({e}); check brackets and escapes") from None
        return value

    def model_post_init(self, _context) -> None:
        if (self.term is None) == (self.regex is None):
            raise ValueError("an entry needs exactly one of `term` or `regex`")

    @property
    def rule(self) -> str:
        return self.name or self.term or self.regex or ""


class LexiconFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    name: str
    version: int = 1
    scope: Literal["item", "report", "item+report", "support"]
    description: str
    explanation: dict[str, str] = {}
    groups: dict[str, list[CueEntry]]

    @field_validator("groups", mode="before")
    @classmethod
    def _plain_terms(cls, groups):
        if not isinstance(groups, dict):
            return groups
        return {k: [e if isinstance(e, dict) else {"term": str(e)} for e in (v or [])] for k, v in groups.items()}


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    text: str
    group: str
    rule: str
    weight: float


class Lexicon:
    """A validated lexicon with one automaton and one set of regexes per group."""

    def __init__(self, data: LexiconFile, path: Path):
        self.id, self.name, self.path = data.id, data.name, path
        self.description = data.description
        self.explanations = data.explanation
        self._matchers = {group: _GroupMatcher(entries) for group, entries in data.groups.items()}
        self.groups = tuple(data.groups)

    def find(self, text: str, group: str, start: int = 0, end: int | None = None) -> list[Hit]:
        if group not in self._matchers:
            raise LexiconError(self.path, None, f"no group `{group}`; add it under `groups:`")
        return self._matchers[group].find(text, group, start, len(text) if end is None else end)

    def has(self, text: str, group: str, start: int = 0, end: int | None = None) -> bool:
        return bool(self.find(text, group, start, end))

    def explain(self, key: str = "default") -> str:
        return self.explanations.get(key) or self.explanations.get("default") or self.description


class _GroupMatcher:
    def __init__(self, entries: list[CueEntry]):
        self.terms = {e.term: e for e in entries if e.term}
        self.regexes = [(re.compile(e.regex), e) for e in entries if e.regex]
        self.automaton = None
        if self.terms:
            self.automaton = ahocorasick.Automaton()
            for term in self.terms:
                self.automaton.add_word(term, term)
            self.automaton.make_automaton()

    def find(self, text: str, group: str, start: int, end: int) -> list[Hit]:
        hits = []
        if self.automaton is not None and end > start:
            for last, term in self.automaton.iter(text, start, end):
                entry = self.terms[term]
                first = last - len(term) + 1
                hits.append(Hit(first, last + 1, term, group, entry.rule, entry.weight))
        for regex, entry in self.regexes:
            for m in regex.finditer(text, start, end):
                if m.end() > m.start():
                    hits.append(Hit(m.start(), m.end(), m.group(0), group, entry.rule, entry.weight))
        return _longest_first(hits)


def _longest_first(hits: list[Hit]) -> list[Hit]:
    """Drop hits inside a longer hit (批评教育 inside 口头批评教育), keep reading order."""
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        if kept and hit.start >= kept[-1].start and hit.end <= kept[-1].end:
            continue
        kept.append(hit)
    return kept


def lexicon_dir() -> Path:
    return Path(str(resources.files("analyzer") / "lexicons"))


@functools.cache
def load_lexicon(name: str, directory: Path | None = None) -> Lexicon:
    path = (directory or lexicon_dir()) / f"{name}.yml"
    return parse_lexicon(path)


def parse_lexicon(path: Path) -> Lexicon:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise LexiconError(path, None, f"cannot be read ({e.strerror})") from None
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as e:
        line = e.problem_mark.line + 1 if getattr(e, "problem_mark", None) else None
        raise LexiconError(path, line, f"not valid YAML ({getattr(e, 'problem', e)}); check indentation and quotes") from None
    try:
        return Lexicon(LexiconFile.model_validate(raw), path)
    except ValidationError as e:
        error = e.errors()[0]
        line = _line_of(text, error["loc"])
        where = ".".join(str(p) for p in error["loc"])
        reason = error["msg"].removeprefix("Value error, ")
        raise LexiconError(path, line, f"{where}: {reason}") from None


def _line_of(text: str, loc: tuple) -> int | None:
    """The 1-based line of the YAML node at a pydantic error location."""
    node = yaml.compose(text)
    line = None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            found = next((v for k, v in node.value if k.value == str(key)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            found = node.value[key]
        else:
            found = None
        if found is None:
            break
        node, line = found, found.start_mark.line + 1
    return line
