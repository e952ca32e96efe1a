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

