"""The training corpus: schema, size, no duplicates or near-duplicates, and nothing from the gold cases."""

import json
import re

import pytest
from rapidfuzz import fuzz, process

from analyzer.classifier import read_rows, training_files
from analyzer.errors import InputError
from analyzer.results import PATTERN_IDS
from conftest import ROOT

TRAINING = ROOT / "models" / "training"
GOLD = ROOT.parent / "shared" / "gold"
RUN = 12  # characters a segment may not share with a gold case


@pytest.fixture(scope="module")
def rows():
    return [row for path in training_files(TRAINING) for row in read_rows(path)]


def test_enough_segments_per_pattern_and_without(rows):
    counts = {p: sum(p in r.labels for r in rows) for p in PATTERN_IDS}
    assert min(counts.values()) >= 80, counts
    assert sum(not r.labels for r in rows) >= 800


def test_every_segment_names_its_document_class_and_unit(rows):
    classes = {"funds", "bidding", "works", "environment", "land", "petitions", "party_org", "integrity",
               "personnel", "governance", "other", "report"}
    units = {"village", "township", "county_bureau", "soe", "school", "hospital"}
    for row in rows:
        assert row.source and row.note and row.problem_class in classes and row.unit_type in units, row


def _normal(text: str) -> str:
    return re.sub(r"[\W\d\sA-Za-z某_]", "", text)


def test_no_duplicates_or_near_duplicates(rows):
    texts = [_normal(r.text) for r in rows]
    assert len(set(texts)) == len(texts)
    scores = process.cdist(texts, texts, scorer=fuzz.ratio, score_cutoff=90, workers=-1)
    pairs = [(i, j) for i, j in zip(*scores.nonzero()) if i < j]
    assert not pairs, [(rows[i].text, rows[j].text) for i, j in pairs[:5]]


@pytest.mark.skipif(not GOLD.is_dir(), reason="../shared/gold is not beside this checkout")
def test_no_segment_shares_a_run_with_a_gold_case(rows):
    runs = set()
    for path in GOLD.glob("*/*.json"):
        case = json.loads(path.read_text(encoding="utf-8"))
        for text in (case["feedback"], case["report"]):
            runs.update(text[i:i + RUN] for i in range(len(text) - RUN + 1))
    shared = [t for r in rows for t in (r.text, r.problem) if any(t[i:i + RUN] in runs for i in range(len(t) - RUN + 1))]
    assert not shared, shared[:3]


def test_extra_rows_from_csv(tmp_path):
    path = tmp_path / "extra.csv"
    path.write_text("text,labels,problem_class,source\n对会计口头批评教育了事,verbal_only_accountability,funds,my-1\n"
                    "已追缴全部资金并给予党内警告,,funds,my-1\n", encoding="utf-8")
    rows = read_rows(path)
    assert [r.labels for r in rows] == [["verbal_only_accountability"], []]


@pytest.mark.parametrize("line,message", [
    ('{"text": "约谈了事", "labels": ["oral_only"]}',
     "line 2: labels: unknown pattern id 'oral_only'; use one of " + ", ".join(PATTERN_IDS)),
    ('{"text": "约谈了事", "labels": [', "line 2: not valid JSON (Expecting value)"),
    ('{"labels": []}', "line 2: text: Field required"),
])
def test_bad_extra_rows_name_the_line(tmp_path, line, message):
    path = tmp_path / "extra.jsonl"
    path.write_text('{"text": "已全部追缴", "labels": []}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_rows(path)
    assert str(caught.value) == f"{path}: {message}"
