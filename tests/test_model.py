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
    for key in ("f1", "veto_threshold"):
        assert {p: f[key] for p, f in figures.items()} == {p: f[key] for p, f in shipped.items()}


def test_probabilities_follow_the_wording(model):
    probs = model.probabilities(["对出纳进行了口头批评教育，要求今后注意。", "交由各村自行整改到位。"], "funds")
    assert probs.shape == (2, len(PATTERN_IDS))
    assert np.argmax(probs[0]) == PATTERN_IDS.index("verbal_only_accountability")
    assert np.argmax(probs[1]) == PATTERN_IDS.index("responsibility_pushed_down")


def test_the_model_reads_the_answer_against_its_problem(model):
    """The same one-off answer is a failure to build rules only against a systemic problem."""
    answer = ["镇党委组织各村报账员集中学习财经纪律，对巡察指出的白条支出逐笔核实，已全部补齐正规票据。"]
    systemic = model.probabilities(answer, "funds", "村级财务报销制度不健全，白条入账问题在多个村反复出现。")
    single = model.probabilities(answer, "funds", "2023年柳湾村有1笔3000元支出以白条入账。")
    j = PATTERN_IDS.index("no_institution_building")
    assert systemic[0, j] >= model.thresholds["no_institution_building"] > single[0, j]


def test_a_training_segment_that_quotes_its_problem_is_split_in_two(tmp_path):
    path = tmp_path / "extra.jsonl"
    path.write_text(json.dumps({"text": "关于“财务制度不健全”问题的整改：组织学习一次。", "labels": []},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    [row] = read_rows(path)
    assert (row.problem, row.text) == ("财务制度不健全", "组织学习一次。")


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
