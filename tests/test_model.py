"""The shipped classifier: it loads, it was trained on the committed corpus, training reproduces its
cross-validated figures, and its flags keep the evidence contract."""

import json

import numpy as np
import pytest
from click.testing import CliRunner

from analyzer.classifier import (choose_thresholds, corpus_hash, cross_validate, label_matrix, lexicon_hash,
                                 load_model, model_dir, read_rows, training_files)
from analyzer.cli import main
from analyzer.load import Document
from analyzer.pipeline import check
from analyzer.results import PATTERN_IDS
from conftest import ROOT, SAMPLES

TRAINING = ROOT / "models" / "training"


@pytest.fixture(scope="module")
def model():
    loaded = load_model()
    assert loaded is not None, "no model shipped; run `analyzer train`"
    return loaded


def test_metadata_describes_the_committed_corpus(model):
    meta = model.metadata
    assert meta["labels"] == list(PATTERN_IDS)
    assert meta["training_sha256"] == corpus_hash(training_files(TRAINING))
    assert meta["lexicon_sha256"] == lexicon_hash(), "the lexicons changed since training: run `analyzer train`"
    assert (model_dir() / "MODEL_CARD.md").read_text(encoding="utf-8").count("| `") == len(PATTERN_IDS)


def test_training_reproduces_the_shipped_cross_validated_figures(model):
    rows = [row for path in training_files(TRAINING) for row in read_rows(path)]
    figures = choose_thresholds(label_matrix(rows), cross_validate(rows, seed=model.metadata["seed"]))
    shipped = model.metadata["patterns"]
    assert {p: f["f1"] for p, f in figures.items()} == {p: f["f1"] for p, f in shipped.items()}


def test_probabilities_follow_the_wording(model):
    probs = model.probabilities(["对出纳进行了口头批评教育，要求今后注意。", "交由各村自行整改到位。"], "funds")
    assert probs.shape == (2, len(PATTERN_IDS))
    assert np.argmax(probs[0]) == PATTERN_IDS.index("verbal_only_accountability")
    assert np.argmax(probs[1]) == PATTERN_IDS.index("responsibility_pushed_down")


@pytest.mark.parametrize("mode", ["combined", "model"])
def test_model_flags_keep_the_evidence_contract(mode):
    report = (SAMPLES / "01_qingshan_town_report.txt").read_text(encoding="utf-8")
    feedback = (SAMPLES / "01_qingshan_town_feedback.txt").read_text(encoding="utf-8")
    result = check(Document.from_text(report, "r.txt"), Document.from_text(feedback, "f.txt"), mode)
    flags = [f for item in result.items for f in item.flags]
    assert flags
    for flag in flags:
        assert report[flag.start:flag.end] == flag.evidence
        if flag.source == "classifier":
            assert "模型判断" in flag.explanation and flag.rule == "classifier"
    if mode == "model":
        assert {f.source for f in flags} <= {"classifier", "lexicon"}  # lexicon: only unanswered items


def test_evaluate_prints_the_eval_gold_summary_and_an_ablation():
    runner = CliRunner()
    plain = runner.invoke(main, ["evaluate", str(SAMPLES / "gold")])
    assert plain.exit_code == 0 and "item_macro_f1=" in plain.output.splitlines()[-1]
    ablation = runner.invoke(main, ["evaluate", str(SAMPLES / "gold"), "--ablation"])
    assert ablation.exit_code == 0
    assert ablation.output.splitlines()[0].split()[-3:] == ["lexicon", "model", "combined"]


def test_train_rejects_unknown_pattern_ids_with_the_line(tmp_path):
    extra = tmp_path / "mine.jsonl"
    extra.write_text(json.dumps({"text": "约谈了事", "labels": ["too_soft"]}, ensure_ascii=False) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["train", "--training", str(TRAINING), "--extra", str(extra),
                                       "--out", str(tmp_path / "m")])
    assert result.exit_code == 2
    assert "mine.jsonl: line 1: labels: unknown pattern id 'too_soft'" in result.output


def test_a_model_trained_on_a_lexicon_group_that_is_gone_is_refused_at_load(model):
    import copy

    from analyzer.classifier import _check_lexicon_groups
    from analyzer.errors import ModelError

    pipeline = copy.deepcopy(model.pipeline)
    features = pipeline.named_steps["features"].named_transformers_["lexicon"]
    features.groups_ = [*features.groups_, ("named_only", "no_such_group")]
    with pytest.raises(ModelError, match="named_only.no_such_group, which is gone; run `analyzer train`"):
        _check_lexicon_groups(pipeline, model_dir() / "classifier.skops")
