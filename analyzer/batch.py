"""Batch checking: find report/feedback pairs in a folder, check them in parallel, never stop for one bad
file, and skip pairs whose content has not changed since the last run.

Pairs come from `manifest.csv` (columns report, feedback, unit, township, round, date; paths relative to
the folder) or, without one, from the folder convention `TOWNSHIP/ROUND/UNIT_report.EXT` beside
`UNIT_feedback.EXT` (any depth; township and round are the first two folder levels, when present).
"""

import csv
import hashlib
import io
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from tqdm import tqdm

from analyzer import __version__
from analyzer.errors import AnalyzerError, InputError
from analyzer.ledger_checks import LedgerFinding, check_ledger
from analyzer.load import decode_text, load_document
from analyzer.results import CheckResult, Frozen

MANIFEST = "manifest.csv"
REPORT_SUFFIXES = ("_report", "_整改报告", "整改报告")
FEEDBACK_SUFFIXES = ("_feedback", "_反馈意见", "反馈意见")
EXTENSIONS = (".txt", ".docx", ".pdf", ".xlsx", ".csv")


class Job(Frozen):
    report: str
    feedback: str
    unit: str
    township: str = ""
    round: str = ""
    date: str = ""


class Failure(Frozen):
    file: str
    reason: str


class Outcome(Frozen):
    job: Job
    key: str  # sha256 of the job, both files' bytes and the analyzer's version: unchanged pairs are skipped
    result: CheckResult
    ledger_findings: list[LedgerFinding] = []
    report_text: str = ""
    cached: bool = False


def discover(directory: Path) -> tuple[list[Job], list[Failure]]:
    if not directory.is_dir():
        raise InputError(directory, "is not a folder")
    manifest = directory / MANIFEST
    return _from_manifest(manifest) if manifest.exists() else _from_convention(directory)


def _from_manifest(manifest: Path) -> tuple[list[Job], list[Failure]]:
    text = decode_text(manifest, manifest.read_bytes())
    rows = list(csv.DictReader(io.StringIO(text)))
    missing = {"report", "feedback"} - set(rows[0].keys() if rows else [])
    if missing:
        raise InputError(manifest, f"missing column(s) {', '.join(sorted(missing))}; expected report, feedback, unit, township, round, date")
    jobs, failures = [], []
    for line, row in enumerate(rows, start=2):
        if not (row.get("report") or "").strip() or not (row.get("feedback") or "").strip():
            failures.append(Failure(file=f"{manifest}:{line}", reason="row without a report or a feedback file"))
            continue
        report = manifest.parent / row["report"].strip()
        jobs.append(Job(report=str(report), feedback=str(manifest.parent / row["feedback"].strip()),
                        unit=(row.get("unit") or report.stem).strip(), township=(row.get("township") or "").strip(),
                        round=(row.get("round") or "").strip(), date=(row.get("date") or "").strip()))
    return jobs, failures


def _from_convention(directory: Path) -> tuple[list[Job], list[Failure]]:
    jobs, failures = [], []
    for report in sorted(p for p in directory.rglob("*") if p.suffix.lower() in EXTENSIONS and _unit_of(p)):
        unit = _unit_of(report)
        feedback = _feedback_beside(report, unit)
        if feedback is None:
            failures.append(Failure(file=str(report), reason=f"no feedback file beside it (expected {unit}_feedback.txt/.docx/.pdf/.xlsx)"))
            continue
        parts = report.relative_to(directory).parent.parts
        jobs.append(Job(report=str(report), feedback=str(feedback), unit=unit,
                        township=parts[0] if parts else "", round=parts[1] if len(parts) > 1 else ""))
    return jobs, failures


def _unit_of(path: Path) -> str:
    for suffix in REPORT_SUFFIXES:
        if path.stem.endswith(suffix) and len(path.stem) > len(suffix):
            return path.stem[: -len(suffix)]
    return ""


def _feedback_beside(report: Path, unit: str) -> Path | None:
    for suffix in FEEDBACK_SUFFIXES:
        for ext in EXTENSIONS:
            candidate = report.with_name(f"{unit}{suffix}{ext}")
            if candidate.exists():
                return candidate
    return None


def content_key(job: Job, model_sha: str) -> str:
    """Who and what: the job's identity (unit, township, round, files) and both files' bytes."""
    identity = "|".join([__version__, model_sha, job.unit, job.township, job.round, job.date, job.report, job.feedback])
    digest = hashlib.sha256(identity.encode())
    for path in (job.report, job.feedback):
        try:
            digest.update(Path(path).read_bytes())
        except OSError:
            digest.update(path.encode())  # unreadable: the check itself will report it
    return digest.hexdigest()


def check_job(job: Job) -> Outcome | Failure:
    """One pair, in a worker process; any input problem comes back as a Failure."""
    from analyzer.pipeline import check

    try:
        report = load_document(job.report, role="report")
        feedback = load_document(job.feedback, role="feedback")
        result = check(report, feedback)
    except AnalyzerError as e:
        return Failure(file=getattr(e, "path", job.report), reason=getattr(e, "reason", str(e)))
    except Exception as e:  # a bug must not stop the batch; it is listed like a bad file
        return Failure(file=job.report, reason=f"internal error {type(e).__name__}: {e}")
    findings = check_ledger(report.ledger) if report.is_ledger else []
    return Outcome(job=job, key="", result=result, ledger_findings=findings, report_text=report.text)


def run(jobs: list[Job], workers: int | None, cached: dict[str, Outcome], model_sha: str,
        progress: bool = True) -> tuple[list[Outcome], list[Failure]]:
    """Check every job not in `cached` (by content key), in parallel, with a progress bar."""
    keyed = [(job, content_key(job, model_sha)) for job in jobs]
    outcomes = [cached[key].model_copy(update={"job": job, "cached": True}) for job, key in keyed if key in cached]
    todo = [(job, key) for job, key in keyed if key not in cached]
    failures: list[Failure] = []
    workers = max(1, min(workers or os.cpu_count() or 1, len(todo) or 1))
    bar = tqdm(total=len(todo), desc="检查报告", unit="份", disable=not progress)
    if workers == 1:
        results = map(check_job, [job for job, _ in todo])
        _collect(results, todo, outcomes, failures, bar)
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            _collect(pool.map(check_job, [job for job, _ in todo]), todo, outcomes, failures, bar)
    bar.close()
    return outcomes, failures


def _collect(results, todo, outcomes: list[Outcome], failures: list[Failure], bar) -> None:
    for (_, key), outcome in zip(todo, results, strict=True):
        if isinstance(outcome, Failure):
            failures.append(outcome)
        else:
            outcomes.append(outcome.model_copy(update={"key": key}))
        bar.update(1)
