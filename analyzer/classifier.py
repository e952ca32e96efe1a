"""The trained half of detection: a classifier that reads a segment of an answer and gives, for every
pattern, the probability that the segment shows it.

Features: TF-IDF over characters (1–3) and over jieba words, counts of every lexicon group (so the
model knows what the rules know), the problem class, and what the feedback problem is (systemic, serious,
naming units …: several patterns are failures only against the problem). One calibrated logistic
regression per pattern. Thresholds are chosen by cross-validation grouped by source document, on the
training corpus only. Saved with skops beside `metadata.json`; `MODEL_CARD.md` says what the numbers mean.
"""

import csv
import functools
import hashlib
import json
import platform
import re
import time
import zipfile
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder

from analyzer.errors import InputError, ModelError
from analyzer.lexicon import load_lexicon
from analyzer.nlp import words
from analyzer.results import PATTERN_IDS

MODEL_FILE = "classifier.skops"
METADATA_FILE = "metadata.json"
LEXICONS = PATTERN_IDS + ("common", "sanctions", "problem_classes")
THRESHOLD_GRID = np.round(np.arange(0.20, 0.91, 0.05), 2)
MODEL_ONLY_PRECISION = 0.95  # a flag from the model alone needs this cross-validated precision …
MODEL_ONLY_FLOOR = 0.5  # … and a probability of at least this, whatever the corpus allows
VETO_RECALL_COST = 0.05  # the veto threshold: the probability this share of true segments fall below
FOLDS = 5

# The types beyond skops' defaults that the saved pipeline holds; a file asking for any other is refused.
TRUSTED_TYPES = [
    "analyzer.classifier.LexiconFeatures",
    "analyzer.classifier.ProblemFeatures",
    "analyzer.nlp.words",
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
]


class TrainingRow(BaseModel):
    """One labelled segment (models/training/SCHEMA.md)."""

    model_config = ConfigDict(extra="ignore")

    text: str
    labels: list[str] = []
    problem: str = ""
    problem_class: str = "other"
    unit_type: str = ""
    source: str = ""
    note: str = ""

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("empty text")
        return value

    @field_validator("labels", mode="before")
    @classmethod
    def _known_patterns(cls, value):
        if isinstance(value, str):  # CSV: "a;b" or "a,b"
            value = [v.strip() for v in value.replace(",", ";").split(";") if v.strip()]
        unknown = [v for v in value if v not in PATTERN_IDS]
        if unknown:
            raise ValueError(f"unknown pattern id {unknown[0]!r}; use one of {', '.join(PATTERN_IDS)}")
        return value


def read_rows(path: Path) -> list[TrainingRow]:
    """Rows of a JSONL or CSV file of labelled segments; a bad row stops with its line number."""
    if not path.exists():
        raise InputError(path, "file not found")
    rows = []
    for line_number, raw in _raw_rows(path):
        try:
            row = TrainingRow.model_validate(raw)
        except ValidationError as e:
            error = e.errors()[0]
            field = ".".join(str(p) for p in error["loc"]) or "row"
            raise InputError(path, f"line {line_number}: {field}: {error['msg'].removeprefix('Value error, ')}") from None
        rows.append(row.model_copy(update={"source": row.source or f"{path.stem}:{line_number}"}))
    return [_problem_apart(row) for row in rows]


# 关于“……”问题的整改：… / 整改问题：……。整改措施：… — a segment that quotes the problem it answers
QUOTED_PROBLEM = (
    re.compile(r"^(?:关于|针对|整改进展[:：]\s*针对)[“\"「『](?P<problem>[^”\"」』]{4,}?)[”\"」』]"
               r"(?:等|的)?(?:问题)?(?:的)?(?:整改)?(?:情况)?[:：，,]"),
    re.compile(r"^(?:整改问题|问题|反馈问题|存在问题|问题描述)[:：](?P<problem>[^。]+。?)(?=整改措施|整改情况|措施|整改)"),
)


def _problem_apart(row: TrainingRow) -> TrainingRow:
    """A segment that opens by quoting its problem is split in two, as the tool meets them: the feedback
    problem, and the answer that follows it."""
    if row.problem:
        return row
    for regex in QUOTED_PROBLEM:
        if (match := regex.match(row.text)) and row.text[match.end():].strip():
            return row.model_copy(update={"problem": match["problem"], "text": row.text[match.end():].strip()})
    return row


def _raw_rows(path: Path):
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".csv":
        for number, record in enumerate(csv.DictReader(text.splitlines()), start=2):
            yield number, record
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(path, f"line {number}: not valid JSON ({e.msg})") from None


def training_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.jsonl"))


class LexiconFeatures(TransformerMixin, BaseEstimator):
    """log(1 + hits) of every group of every lexicon: what the rules see, as features."""

    def __init__(self, lexicons: tuple[str, ...] = LEXICONS):
        self.lexicons = lexicons

    def fit(self, texts, y=None):
        self.groups_ = [(name, group) for name in self.lexicons for group in load_lexicon(name).groups]
        return self

    def transform(self, texts):
        rows = [[np.log1p(len(load_lexicon(name).find(text, group))) for name, group in self.groups_]
                for text in texts]
        return sparse.csr_matrix(np.array(rows, dtype=float).reshape(len(rows), len(self.groups_)))

    def get_feature_names_out(self, input_features=None):
        return np.array([f"{name}.{group}" for name, group in self.groups_])


class ProblemFeatures(TransformerMixin, BaseEstimator):
    """What the feedback problem is, read as the feedback stage reads an item: systemic, serious, a hard
    bone, naming the leadership, naming units (log 1 + how many). A segment with no problem stated gets the
    mean of those that have one: which segments quote their problem is an accident of how the corpus was
    written, and must not become a signal."""

    NAMES = ("systemic", "serious", "hard", "names_leadership", "named_units")

    def fit(self, problems, y=None):
        stated = [problem_traits(p) for p in problems if p]
        self.mean_ = np.mean(stated, axis=0) if stated else np.zeros(len(self.NAMES))
        return self

    def transform(self, problems):
        rows = [problem_traits(p) if p else self.mean_ for p in problems]
        return sparse.csr_matrix(np.array(rows, dtype=float).reshape(len(rows), len(self.NAMES)))

    def get_feature_names_out(self, input_features=None):
        return np.array(self.NAMES)


@functools.lru_cache(maxsize=4096)
def problem_traits(problem: str) -> tuple[float, ...]:
    """ProblemFeatures.NAMES of one problem. Cached: every sentence of an answer carries the same problem."""
    from analyzer.items import is_hard, is_serious, is_systemic, names_leadership, named_units

    return (is_systemic(problem), is_serious(problem), is_hard(problem), names_leadership(problem),
            float(np.log1p(len(named_units(problem)))))


def build_pipeline(seed: int = 0) -> Pipeline:
    features = ColumnTransformer([
        ("chars", TfidfVectorizer(analyzer="char", ngram_range=(1, 3), min_df=2, max_features=20000,
                                  sublinear_tf=True), "text"),
        ("words", TfidfVectorizer(tokenizer=words, token_pattern=None, lowercase=False, min_df=2,
                                  max_features=8000, sublinear_tf=True), "text"),
        ("lexicon", LexiconFeatures(), "text"),
        ("class", OneHotEncoder(handle_unknown="ignore"), ["problem_class"]),
        ("problem", ProblemFeatures(), "problem"),
    ])
    base = LogisticRegression(C=4.0, class_weight="balanced", max_iter=2000, random_state=seed)
    model = OneVsRestClassifier(CalibratedClassifierCV(base, method="sigmoid", cv=3, ensemble=False))
    return Pipeline([("features", features), ("model", model)])


def frame(texts: list[str], classes: list[str], problems: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"text": texts, "problem_class": classes, "problem": problems})


def rows_frame(rows: list[TrainingRow]) -> pd.DataFrame:
    return frame([r.text for r in rows], [r.problem_class for r in rows], [r.problem for r in rows])


def label_matrix(rows: list[TrainingRow]) -> np.ndarray:
    return np.array([[p in r.labels for p in PATTERN_IDS] for r in rows], dtype=int)


def cross_validate(rows: list[TrainingRow], seed: int = 0, folds: int = FOLDS) -> np.ndarray:
    """Out-of-fold probabilities, folds grouped by source document (no document in train and test)."""
    X = rows_frame(rows)
    y = label_matrix(rows)
    groups = [r.source for r in rows]
    oof = np.zeros(y.shape)
    for train, test in GroupKFold(n_splits=folds).split(X, y, groups):
        oof[test] = build_pipeline(seed).fit(X.iloc[train], y[train]).predict_proba(X.iloc[test])
    return oof


def choose_thresholds(y: np.ndarray, oof: np.ndarray) -> dict[str, dict]:
    """Per pattern: the F1-best threshold, and the lowest threshold from MODEL_ONLY_FLOOR up that reaches
    MODEL_ONLY_PRECISION. The corpus holds far more failures than real reports do, so a flag the model
    raises alone must clear both. And the veto threshold: the probability below which only
    VETO_RECALL_COST of the true segments fall, under which the model may set a rule's flag aside."""
    chosen = {}
    for j, pattern in enumerate(PATTERN_IDS):
        scored = [(t, *prf(y[:, j], oof[:, j] >= t)) for t in THRESHOLD_GRID]
        best = max(scored, key=lambda s: (s[3], s[0]))
        precise = [s for s in scored if s[1] >= MODEL_ONLY_PRECISION and s[2] > 0 and s[0] >= MODEL_ONLY_FLOOR]
        strict = min(precise, key=lambda s: s[0]) if precise else (1.01, 0, 0, 0)
        chosen[pattern] = {
            "threshold": float(best[0]), "precision": round(best[1], 3), "recall": round(best[2], 3),
            "f1": round(best[3], 3), "support": int(y[:, j].sum()),
            "model_only_threshold": float(strict[0]), "model_only_precision": round(strict[1], 3),
            "model_only_recall": round(strict[2], 3),
            "veto_threshold": round(float(np.quantile(oof[y[:, j] == 1, j], VETO_RECALL_COST)), 3),
        }
    return chosen


def prf(truth: np.ndarray, predicted: np.ndarray) -> tuple[float, float, float]:
    tp = int((truth & predicted).sum())
    fp = int((~truth.astype(bool) & predicted).sum())
    fn = int((truth.astype(bool) & ~predicted).sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def corpus_hash(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def lexicon_hash() -> str:
    """sha256 of the lexicons' entries (not their comments) and the user dictionary: what the features see."""
    import yaml

    from analyzer.lexicon import lexicon_dir

    digest = hashlib.sha256()
    for path in sorted(lexicon_dir().glob("*.yml")):
        groups = yaml.safe_load(path.read_text(encoding="utf-8")).get("groups", {})
        digest.update(json.dumps([path.name, groups], ensure_ascii=False, sort_keys=True).encode())
    digest.update((lexicon_dir() / "userdict.txt").read_bytes())
    return digest.hexdigest()


def train(rows: list[TrainingRow], paths: list[Path], out_dir: Path, seed: int = 0) -> dict:
    """Cross-validate, fit on everything, save the model and its metadata; returns the metadata."""
    import sklearn
    import skops
    import skops.io as sio

    started = time.perf_counter()
    y = label_matrix(rows)
    oof = cross_validate(rows, seed)
    thresholds = choose_thresholds(y, oof)
    pipeline = build_pipeline(seed).fit(rows_frame(rows), y)
    for name in ("chars", "words"):
        vectorizer = pipeline.named_steps["features"].named_transformers_[name]
        vectorizer.stop_words_ = None  # the terms min_df dropped: not needed to predict, large to store
        vectorizer.vocabulary_ = {term: int(i) for term, i in vectorizer.vocabulary_.items()}  # loads 10x faster
    out_dir.mkdir(parents=True, exist_ok=True)
    sio.dump(pipeline, out_dir / MODEL_FILE, compression=zipfile.ZIP_DEFLATED, compresslevel=9)
    metadata = {
        "labels": list(PATTERN_IDS),
        "segments": len(rows),
        "segments_without_pattern": int((y.sum(axis=1) == 0).sum()),
        "segments_with_problem": sum(bool(r.problem) for r in rows),
        "positives": {p: int(y[:, j].sum()) for j, p in enumerate(PATTERN_IDS)},
        "documents": len({r.source for r in rows}),
        "training_files": [p.name for p in paths],
        "training_sha256": corpus_hash(paths),
        "lexicon_sha256": lexicon_hash(),  # the lexicon features change with the lexicons
        "seed": seed,
        "cross_validation": {"folds": FOLDS, "grouped_by": "source",
                             "macro_f1": round(float(np.mean([t["f1"] for t in thresholds.values()])), 3)},
        "patterns": thresholds,
        "versions": {"python": platform.python_version(), "scikit-learn": sklearn.__version__,
                     "skops": skops.__version__, "numpy": np.__version__},
        "model_bytes": (out_dir / MODEL_FILE).stat().st_size,
        "train_seconds": round(time.perf_counter() - started, 1),
        "load_seconds": _load_seconds(out_dir / MODEL_FILE),
    }
    (out_dir / METADATA_FILE).write_text(json.dumps(metadata, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return metadata


def _load_seconds(path: Path) -> float:
    """Time to load the saved model once the libraries are imported (what every check pays)."""
    import skops.io as sio

    started = time.perf_counter()
    sio.load(path, trusted=TRUSTED_TYPES)
    return round(time.perf_counter() - started, 2)


def write_model_card(metadata: dict, out_dir: Path) -> Path:
    from jinja2 import Environment, PackageLoader

    template = Environment(loader=PackageLoader("analyzer", "templates")).get_template("model_card.md")
    path = out_dir / "MODEL_CARD.md"
    path.write_text(template.render(m=metadata, precision=MODEL_ONLY_PRECISION, floor=MODEL_ONLY_FLOOR,
                                    veto_cost=VETO_RECALL_COST), encoding="utf-8")
    return path


def model_dir() -> Path:
    return Path(str(resources.files("analyzer") / "models"))


class PatternModel:
    """A loaded classifier with its thresholds: probabilities per pattern for segments of text."""

    def __init__(self, pipeline, metadata: dict):
        self.pipeline, self.metadata = pipeline, metadata
        self.thresholds = {p: v["threshold"] for p, v in metadata["patterns"].items()}
        self.strict = {p: v["model_only_threshold"] for p, v in metadata["patterns"].items()}
        self.veto = {p: v["veto_threshold"] for p, v in metadata["patterns"].items()}

    def probabilities(self, texts: list[str], problem_class: str | list[str],
                      problem: str | list[str] = "") -> np.ndarray:
        """segments × PATTERN_IDS; the problem class and the feedback problem answered, one for all
        segments or one per segment."""
        if not texts:
            return np.zeros((0, len(PATTERN_IDS)))
        classes = [problem_class] * len(texts) if isinstance(problem_class, str) else problem_class
        problems = [problem] * len(texts) if isinstance(problem, str) else problem
        return self.pipeline.predict_proba(frame(texts, classes, problems))


@functools.cache
def load_model(directory: Path | None = None) -> PatternModel | None:
    """The shipped (or given) model, or None when none has been trained."""
    import skops.io as sio

    directory = directory or model_dir()
    path, meta_path = directory / MODEL_FILE, directory / METADATA_FILE
    if not path.exists():
        return None
    try:
        metadata = json.loads(meta_path.read_text(encoding="utf-8"))
        pipeline = sio.load(path, trusted=TRUSTED_TYPES)
    except (OSError, ValueError, KeyError, TypeError) as e:  # skops' untrusted-type error is a TypeError
        raise ModelError(path, f"cannot be loaded ({e}); run `analyzer train` to rebuild it") from None
    _check_lexicon_groups(pipeline, path)
    return PatternModel(pipeline, metadata)


def _check_lexicon_groups(pipeline, path: Path) -> None:
    """Once, at load: every lexicon group the model was trained on must still exist."""
    features = pipeline.named_steps["features"].named_transformers_["lexicon"]
    for name, group in features.groups_:
        if group not in load_lexicon(name).groups:
            raise ModelError(path, f"it was trained with lexicon group {name}.{group}, which is gone; "
                                   "run `analyzer train` to rebuild it")
