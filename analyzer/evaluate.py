"""Figures on gold-format cases, with the definitions of ../shared/tools/eval_gold.py: item count, coverage
of unanswered items, per-pattern P/R/F1 at item level (self_exemption per case only) and per case, grade
accuracy and the AUC of the score (sound reports should score higher)."""

import json
from collections import defaultdict
from pathlib import Path

from analyzer.errors import InputError
from analyzer.load import Document
from analyzer.pipeline import Mode, check
from analyzer.results import PATTERN_IDS

CASE_ONLY = {"self_exemption"}


def load_cases(directory: Path) -> list[dict]:
    paths = sorted(Path(directory).glob("*.json"))
    if not paths:
        raise InputError(directory, "no gold cases (*.json) in this folder")
    cases = []
    for path in paths:
        try:
            cases.append(json.loads(path.read_text(encoding="utf-8")))
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            raise InputError(path, f"not a gold case ({e})") from None
    return cases


def evaluate(cases: list[dict], mode: Mode = "combined") -> dict:
    item_counts = defaultdict(lambda: [0, 0, 0])
    case_counts = defaultdict(lambda: [0, 0, 0])
    coverage = [0, 0, 0]
    items_right = grade_right = 0
    sound, weak = [], []
    for case in cases:
        result = check(Document.from_text(case["report"], "report.txt"),
                       Document.from_text(case["feedback"], "feedback.txt"), mode)
        gold = case["gold"]
        gold_items = {it["index"]: it for it in gold["items"]}
        predicted = {it.index: it for it in result.items}
        items_right += len(predicted) == len(gold_items)
        for index, g in gold_items.items():
            p = predicted.get(index)
            _count(coverage, (p is None or not p.addressed), g["addressed"] is False)
        gold_trip = {(i, pat) for i, g in gold_items.items() for pat in g.get("patterns", [])}
        pred_trip = {(i, f.pattern) for i, p in predicted.items() for f in p.flags if i in gold_items}
        for pattern in PATTERN_IDS:
            if pattern in CASE_ONLY:
                continue
            g = {t for t in gold_trip if t[1] == pattern}
            pr = {t for t in pred_trip if t[1] == pattern}
            counts = item_counts[pattern]
            counts[0] += len(g & pr)
            counts[1] += len(pr - g)
            counts[2] += len(g - pr)
        gold_case = set(gold.get("report_patterns", [])) | {t[1] for t in gold_trip}
        pred_case = {f.pattern for f in result.flags} | {t[1] for t in pred_trip}
        for pattern in PATTERN_IDS:
            _count(case_counts[pattern], pattern in pred_case, pattern in gold_case)
        grade_right += result.grade == gold["quality"]
        (sound if gold["quality"] == "sound" else weak).append(result.score)
    return _summary(len(cases), item_counts, case_counts, coverage, items_right, grade_right, sound, weak)


def _count(counts: list[int], predicted: bool, truth: bool) -> None:
    if predicted and truth:
        counts[0] += 1
    elif predicted:
        counts[1] += 1
    elif truth:
        counts[2] += 1


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
    r = tp / (tp + fn) if tp + fn else (1.0 if fp == 0 else 0.0)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def auc(positives: list[float], negatives: list[float]) -> float:
    if not positives or not negatives:
        return float("nan")
    wins = sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


def _summary(n, item_counts, case_counts, coverage, items_right, grade_right, sound, weak) -> dict:
    patterns, item_f1s, case_f1s = {}, [], []
    for pattern in PATTERN_IDS:
        ip, ir, if1 = prf(*item_counts[pattern])
        cp, cr, cf1 = prf(*case_counts[pattern])
        support = item_counts[pattern][0] + item_counts[pattern][2]
        if pattern not in CASE_ONLY and (support or item_counts[pattern][1]):
            item_f1s.append(if1)
        case_f1s.append(cf1)
        patterns[pattern] = {"item": None if pattern in CASE_ONLY else (ip, ir, if1), "case": (cp, cr, cf1),
                             "support": support}
    totals = [sum(c[k] for c in item_counts.values()) for k in range(3)]
    return {
        "patterns": patterns,
        "summary": {
            "cases": n, "items_right": round(items_right / n, 3),
            "coverage_f1": round(prf(*coverage)[2], 3),
            "item_macro_f1": round(sum(item_f1s) / len(item_f1s), 3) if item_f1s else 0.0,
            "item_micro_f1": round(prf(*totals)[2], 3),
            "case_macro_f1": round(sum(case_f1s) / len(case_f1s), 3),
            "grade_acc": round(grade_right / n, 3), "score_auc": round(auc(sound, weak), 3),
        },
    }


def format_table(figures: dict) -> str:
    lines = [f"{'pattern':28} {'item P':>7} {'R':>5} {'F1':>5}   {'case P':>7} {'R':>5} {'F1':>5}  support"]
    for pattern, row in figures["patterns"].items():
        item = "      -     -     -" if row["item"] is None else "{:7.2f} {:5.2f} {:5.2f}".format(*row["item"])
        lines.append(f"{pattern:28} {item}   {row['case'][0]:7.2f} {row['case'][1]:5.2f} {row['case'][2]:5.2f}  {row['support']}")
    lines.append(" ".join(f"{k}={v}" for k, v in figures["summary"].items()))
    return "\n".join(lines)


def format_ablation(by_mode: dict[str, dict]) -> str:
    modes = list(by_mode)
    lines = [f"{'item F1 by pattern':28} " + " ".join(f"{m:>9}" for m in modes)]
    for pattern in PATTERN_IDS:
        cells = [by_mode[m]["patterns"][pattern]["item"] for m in modes]
        lines.append(f"{pattern:28} " + " ".join("        -" if c is None else f"{c[2]:9.2f}" for c in cells))
    for key in by_mode[modes[0]]["summary"]:
        if key != "cases":
            lines.append(f"{key:28} " + " ".join(f"{by_mode[m]['summary'][key]:9}" for m in modes))
    return "\n".join(lines)
