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

