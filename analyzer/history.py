"""History of checked reports in an embedded SQLite database: every result with its unit, township, round
and date, so analysts can follow scores over rounds and find problems that recur (屡查屡犯, study §一(三))."""

import json
import sqlite3
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from analyzer.batch import Job, Outcome
from analyzer.ledger_checks import LedgerFinding
from analyzer.nlp import content_tokens
from analyzer.results import CheckResult, Frozen

SCHEMA = """
create table if not exists results (
    key text primary key, report text, feedback text, unit text, township text, round text, date text,
    score real, grade text, result_json text, report_text text, ledger_json text,
    checked_at text default current_timestamp
)"""
SAME_PROBLEM = 0.3  # TF-IDF cosine of two feedback problems of one class, read as the same problem
SAME_PROBLEM_ANY_CLASS = 0.5


class Recurrence(Frozen):
    unit: str
    township: str
    earlier_round: str
    later_round: str
    problem_class: str
    similarity: float
    earlier_problem: str
    later_problem: str


def connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.execute(SCHEMA)
    return conn


def store(conn: sqlite3.Connection, outcomes: list[Outcome]) -> None:
    rows = [(o.key, o.job.report, o.job.feedback, o.job.unit, o.job.township, o.job.round, o.job.date,
             o.result.score, o.result.grade, o.result.model_dump_json(), o.report_text,
             json.dumps([f.model_dump() for f in o.ledger_findings], ensure_ascii=False))
            for o in outcomes if not o.cached]
    conn.executemany("insert or replace into results (key, report, feedback, unit, township, round, date, score, "
                     "grade, result_json, report_text, ledger_json) values (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    conn.commit()


def load_all(conn: sqlite3.Connection) -> list[Outcome]:
    rows = conn.execute("select key, report, feedback, unit, township, round, date, result_json, report_text, "
                        "ledger_json from results order by township, unit, round").fetchall()
    return [Outcome(job=Job(report=r[1], feedback=r[2], unit=r[3], township=r[4], round=r[5], date=r[6]), key=r[0],
                    result=CheckResult.model_validate_json(r[7]), report_text=r[8],
                    ledger_findings=[LedgerFinding(**f) for f in json.loads(r[9] or "[]")], cached=True)
            for r in rows]


def latest_per_report(outcomes: list[Outcome]) -> list[Outcome]:
    """One result per (township, unit, round): a report checked again after a change replaces the old one."""
    latest: dict[tuple[str, str, str], Outcome] = {}
    for outcome in outcomes:
        latest[(outcome.job.township, outcome.job.unit, outcome.job.round)] = outcome
    return list(latest.values())


def trends(outcomes: list[Outcome]) -> dict[str, dict[str, float]]:
    """township → round → mean score."""
    table: dict[str, dict[str, list[float]]] = {}
    for o in outcomes:
        table.setdefault(o.job.township or "（未分乡镇）", {}).setdefault(o.job.round or "—", []).append(o.result.score)
    return {t: {r: round(float(np.mean(s)), 1) for r, s in sorted(rounds.items())} for t, rounds in sorted(table.items())}


def recurring(outcomes: list[Outcome]) -> list[Recurrence]:
    """Problems of one unit found again in a later round: same class and similar wording, or very similar."""
    by_unit: dict[tuple[str, str], list[Outcome]] = {}
    for o in outcomes:
        by_unit.setdefault((o.job.township, o.job.unit), []).append(o)
    found = []
    for (township, unit), rounds in sorted(by_unit.items()):
        rounds.sort(key=lambda o: o.job.round)
        for i, earlier in enumerate(rounds):
            for later in rounds[i + 1:]:
                if later.job.round != earlier.job.round:
                    found.extend(_matches(unit, township, earlier, later))
    return found


def _matches(unit: str, township: str, earlier: Outcome, later: Outcome) -> list[Recurrence]:
    old, new = earlier.result.items, later.result.items
    if not old or not new:
        return []
    vectors = TfidfVectorizer(analyzer=content_tokens).fit_transform([it.feedback_text for it in old + new])
    similarity = (vectors[: len(old)] @ vectors[len(old):].T).toarray()
    matches = []
    for j, later_item in enumerate(new):
        i = int(np.argmax(similarity[:, j]))
        score, earlier_item = float(similarity[i, j]), old[i]
        same_class = earlier_item.problem_class == later_item.problem_class != "other"
        if score >= SAME_PROBLEM_ANY_CLASS or (same_class and score >= SAME_PROBLEM):
            matches.append(Recurrence(unit=unit, township=township, earlier_round=earlier.job.round,
                                      later_round=later.job.round, problem_class=later_item.problem_class,
                                      similarity=round(score, 3), earlier_problem=earlier_item.feedback_text,
                                      later_problem=later_item.feedback_text))
    return matches
