"""Each pattern is a detector file, a lexicon file and a case file; the cases run through the pipeline.

Case files (`tests/cases/<pattern>.yml`) hold small feedback/report pairs with the expected judgement
for one item (or `report`). A case that the rules are known to miss carries `known_miss: reason`; it is
reported as an expected failure, so a fix shows up as an unexpected pass.
"""

from pathlib import Path

import pytest
import yaml

from analyzer.detectors import ORDER, all_detectors
from analyzer.lexicon import lexicon_dir
from analyzer.load import Document
from analyzer.pipeline import check
from analyzer.results import PATTERN_IDS

CASES = Path(__file__).parent / "cases"
DETECTORS = Path(__file__).parent.parent / "analyzer" / "detectors"


def _cases():
    for path in sorted(CASES.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            marks = [pytest.mark.xfail(reason=case["known_miss"], strict=True)] if case.get("known_miss") else []
            yield pytest.param(data["pattern"], case, id=f"{data['pattern']}:{case['name']}", marks=marks)


@pytest.mark.parametrize("pattern", PATTERN_IDS)
def test_every_pattern_has_detector_lexicon_and_cases(pattern):
    assert (DETECTORS / f"{pattern}.py").is_file()
    assert (lexicon_dir() / f"{pattern}.yml").is_file()
    assert (CASES / f"{pattern}.yml").is_file()


def test_registry_runs_every_pattern_once():
    assert [d.pattern for d in all_detectors()] == list(ORDER)
    assert sorted(ORDER) == sorted(PATTERN_IDS)


@pytest.mark.parametrize("pattern", PATTERN_IDS)
def test_detector_docstring_gives_a_weak_and_a_sound_example(pattern):
    detector = next(d for d in all_detectors() if d.pattern == pattern)
    assert "反例" in type(detector).__doc__ and "正例" in type(detector).__doc__


@pytest.mark.parametrize("pattern,case", list(_cases()))
def test_case(pattern, case):
    result = check(Document.from_text(case["report"], "report.txt"), Document.from_text(case["feedback"], "feedback.txt"))
    if case["item"] == "report":
        flags = result.flags
    else:
        flags = next(it.flags for it in result.items if it.index == case["item"])
    found = [f for f in flags if f.pattern == pattern]
    assert bool(found) == case["flagged"], case.get("note", "")
    for flag in found:
        assert case["report"][flag.start:flag.end] == flag.evidence
