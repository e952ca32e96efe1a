"""The command line: `analyzer check REPORT --feedback FEEDBACK`. Exit 0 ran, 1 --fail-on met, 2 bad input."""

import sys
from pathlib import Path

import click

from analyzer.errors import AnalyzerError

FORMATS = ("text", "json", "html")


class Failure(click.ClickException):
    """One line on stderr naming the file and the reason; exit status 2 (contract.md)."""

    exit_code = 2


@click.group()
@click.version_option(package_name="rectification-analyzer")
def main():
    """Check inspection rectification reports (巡察整改报告) against the feedback they answer."""


@main.command()
@click.argument("report", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--feedback", "-f", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The inspection feedback (反馈意见) or a ledger (.xlsx/.csv) the report answers.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text: a summary for reviewers; json: the contract's result; html: a page to share.")
@click.option("--out", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the result to this file instead of standard output.")
@click.option("--fail-on", type=click.Choice(["weak", "never"]), default="never", show_default=True,
              help="Exit 1 when the report is graded weak (for scripts).")
def check(report: Path, feedback: Path, fmt: str, out: Path | None, fail_on: str):
    """Check one REPORT against its FEEDBACK: answered items, failure patterns with evidence, a score.

    Example:

        analyzer check samples/02_agri_bureau_report.txt --feedback samples/02_agri_bureau_feedback.txt
    """
    from analyzer.pipeline import check_files
    from analyzer.render import RENDERERS

    try:
        result = check_files(report, feedback)
    except AnalyzerError as e:
        raise Failure(str(e)) from None
    text = RENDERERS[fmt](result)
    if out:
        out.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=not text.endswith("\n"))
    if fail_on == "weak" and result.grade == "weak":
        sys.exit(1)


@main.command()
@click.option("--training", type=click.Path(file_okay=False, path_type=Path), default=Path("models/training"),
              show_default=True, help="Folder of labelled segments (*.jsonl, see models/training/SCHEMA.md).")
@click.option("--extra", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="More labelled segments of your own (.jsonl or .csv with text, labels, problem_class, source).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Where to save the model (default: the models folder the analyzer loads from).")
@click.option("--seed", default=0, show_default=True, help="Random seed; the same data and seed give the same model.")
def train(training: Path, extra: tuple[Path, ...], out: Path | None, seed: int):
    """Train the pattern classifier on the labelled corpus (and your own examples), with grouped
    cross-validation; saves classifier.skops, metadata.json and MODEL_CARD.md.

    Example:

        analyzer train --extra my_cases.jsonl
    """
    from analyzer.classifier import model_dir, read_rows, train as fit, training_files, write_model_card

    paths = training_files(training)
    if not paths:
        raise Failure(f"{training}: no training files (*.jsonl) in this folder")
    try:
        rows = [row for path in [*paths, *extra] for row in read_rows(path)]
    except AnalyzerError as e:
        raise Failure(str(e)) from None
    out = out or model_dir()
    click.echo(f"training on {len(rows)} segments from {len(paths) + len(extra)} files …", err=True)
    metadata = fit(rows, [*paths, *extra], out, seed)
    write_model_card(metadata, out)
    click.echo(f"saved to {out}: cross-validated macro-F1 {metadata['cross_validation']['macro_f1']}")
    for pattern, figures in metadata["patterns"].items():
        click.echo(f"  {pattern:28} F1 {figures['f1']:.3f}  threshold {figures['threshold']}")


@main.command()
@click.argument("cases", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--mode", type=click.Choice(["combined", "lexicon", "model"]), default="combined", show_default=True,
              help="Who detects: rules and model together, rules only, or the model only.")
@click.option("--ablation", is_flag=True, help="Show lexicon-only, model-only and combined side by side.")
def evaluate(cases: Path, mode: str, ablation: bool):
    """Score the analyzer on gold-format cases (contract.md): per-pattern P/R/F1, coverage of unanswered
    problems, grade accuracy and score AUC, as ../shared/tools/eval_gold.py defines them.

    Example:

        analyzer evaluate ../shared/gold/dev --ablation
    """
    from analyzer.evaluate import evaluate as score_cases, format_ablation, format_table, load_cases

    try:
        loaded = load_cases(cases)
        if ablation:
            figures = {m: score_cases(loaded, m) for m in ("lexicon", "model", "combined")}
            click.echo(format_ablation(figures))
        else:
            click.echo(format_table(score_cases(loaded, mode)))
    except AnalyzerError as e:
        raise Failure(str(e)) from None



@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--out", "-o", type=click.Path(file_okay=False, path_type=Path), default=Path("batch-results"),
              show_default=True, help="Folder for the workbook, the CSV files and the charts.")
@click.option("--workers", "-w", type=click.IntRange(min=1), help="Processes to use (default: all cores).")
@click.option("--force", is_flag=True, help="Check every pair again, even those unchanged since the last run.")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path),
              help="History database (default: history.sqlite in the output folder).")
@click.option("--no-progress", is_flag=True, help="No progress bar (for logs).")
def batch(directory: Path, out: Path, workers: int | None, force: bool, db: Path | None, no_progress: bool):
    """Check every report in DIRECTORY against its feedback, in parallel; write a workbook, CSV files and
    charts; find copied reports and problems that recur across rounds; keep a history database.

    Pairs come from DIRECTORY/manifest.csv (report, feedback, unit, township, round, date) or from the
    convention TOWNSHIP/ROUND/UNIT_report.txt beside UNIT_feedback.txt. A bad file never stops the batch:
    it is listed with its reason, and the exit status is 2 when any file failed.

    Example:

        analyzer batch samples/batch --out /tmp/batch
    """
    from analyzer import batch as batching, history
    from analyzer.batch_report import write_all
    from analyzer.classifier import load_model
    from analyzer.copies import find_copies

    try:
        jobs, failures = batching.discover(directory)
    except AnalyzerError as e:
        raise Failure(str(e)) from None
    model = load_model()
    model_sha = model.metadata["training_sha256"] if model else "no-model"
    conn = history.connect(db or out / "history.sqlite")
    stored = {o.key: o for o in history.load_all(conn)}
    outcomes, failed = batching.run(jobs, workers, {} if force else stored, model_sha, progress=not no_progress)
    failures += failed
    history.store(conn, outcomes)
    everything = history.latest_per_report([*stored.values(), *outcomes])  # this run's results last: they win
    written = write_all(out, outcomes, failures, find_copies(outcomes), history.recurring(everything))
    skipped = sum(o.cached for o in outcomes)
    click.echo(f"checked {len(outcomes)} report(s) ({skipped} unchanged, not re-checked), {len(failures)} failed")
    for failure in failures:
        click.echo(f"  failed: {failure.file}: {failure.reason}")
    click.echo(f"results: {written['workbook']}")
    if failures:
        sys.exit(2)


@main.command()
@click.option("--db", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              default=Path("batch-results/history.sqlite"), show_default=True, help="History database of `batch`.")
@click.option("--township", help="Only this township.")
def history(db: Path, township: str | None):
    """Score trends by township and round, and problems that recur in the same unit across rounds
    (屡查屡犯), from the history database that `analyzer batch` keeps.

    Example:

        analyzer history --db /tmp/batch/history.sqlite
    """
    from analyzer import history as store

    outcomes = store.latest_per_report(store.load_all(store.connect(db)))
    if township:
        outcomes = [o for o in outcomes if o.job.township == township]
    click.echo("各乡镇平均得分（按轮次）")
    for name, rounds in store.trends(outcomes).items():
        click.echo(f"  {name}: " + "  ".join(f"{r} {score:.1f}" for r, score in rounds.items()))
    recurrences = store.recurring(outcomes)
    click.echo(f"屡查屡犯：{len(recurrences)} 个问题在后一轮巡察中再次被指出")
    for r in recurrences:
        click.echo(f"  {r.township} {r.unit}（{r.earlier_round} → {r.later_round}，{r.problem_class}，相似度 {r.similarity}）")
        click.echo(f"    前：{r.earlier_problem[:60]}")
        click.echo(f"    后：{r.later_problem[:60]}")
