"""Speed figures, printed as ratios so they can be compared across machines (run from the repository root):

    python bench/bench.py [--reports 16]

- reports/second of `batch` with 1 and with 2 worker processes, on copies of the same sample pair, after
  everything is loaded once (forked workers inherit it);
- the time of the whole pipeline on one pair divided by the time of a bare `jieba.lcut` over the same
  characters (both warm, in this process).
"""

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import jieba

from analyzer.batch import discover, run
from analyzer.load import load_document
from analyzer.nlp import jieba_tokenizer
from analyzer.pipeline import check

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PAIR = ("01_qingshan_town_report.txt", "01_qingshan_town_feedback.txt")


def batch_rate(folder: Path, workers: int) -> float:
    jobs, _ = discover(folder)
    started = time.perf_counter()
    outcomes, failures = run(jobs, workers, {}, "bench", progress=False)
    assert len(outcomes) == len(jobs) and not failures
    return len(jobs) / (time.perf_counter() - started)


def pipeline_to_jieba(repeats: int = 5) -> float:
    report = load_document(SAMPLES / PAIR[0])
    feedback = load_document(SAMPLES / PAIR[1], role="feedback")
    check(report, feedback)  # warm: dictionaries, lexicons, model
    jieba_tokenizer()
    text = report.text + feedback.text
    jieba.lcut(text)
    started = time.perf_counter()
    for _ in range(repeats):
        check(report, feedback)
    pipeline = time.perf_counter() - started
    started = time.perf_counter()
    for _ in range(repeats):
        jieba.lcut(text)
    return pipeline / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=16)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n in range(args.reports):
            shutil.copy(SAMPLES / PAIR[0], folder / f"unit{n:03d}_report.txt")
            shutil.copy(SAMPLES / PAIR[1], folder / f"unit{n:03d}_feedback.txt")
        pipeline_to_jieba(repeats=1)  # load dictionaries, lexicons and model first: forked workers share them
        one = batch_rate(folder, 1)
        two = batch_rate(folder, 2)
    chars = len(load_document(SAMPLES / PAIR[0]).text) + len(load_document(SAMPLES / PAIR[1]).text)
    print(f"reports: {args.reports} copies of {PAIR[0]} ({chars} characters with its feedback)")
    print(f"batch, 1 worker : {one:.2f} reports/s")
    print(f"batch, 2 workers: {two:.2f} reports/s  (speed-up {two / one:.2f}x)")
    print(f"pipeline time / jieba.lcut time on the same characters: {pipeline_to_jieba():.1f}")


if __name__ == "__main__":
    main()
