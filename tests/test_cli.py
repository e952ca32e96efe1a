"""The CLI through click's CliRunner: the JSON contract on every sample, formats, exit codes, errors."""

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from analyzer.cli import main
from analyzer.load import load_document
from analyzer.results import PATTERN_IDS
from conftest import SAMPLES

PAIRS = [
    ("01_qingshan_town_report.txt", "01_qingshan_town_feedback.txt"),
    ("02_agri_bureau_report.txt", "02_agri_bureau_feedback.txt"),
    ("03_hekou_village_report.docx", "03_hekou_village_feedback.docx"),
    ("04_shiling_township_report.gb18030.txt", "04_shiling_township_feedback.txt"),
    ("05_county_hospital_report.txt", "05_county_hospital_feedback.xlsx"),
    ("06_city_invest_group_report.txt", "06_city_invest_group_feedback.txt"),
]
FLAG_FIELDS = {"pattern", "evidence", "start", "end", "source", "confidence", "explanation"}


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.parametrize("report,feedback", PAIRS)
def test_json_on_samples_keeps_the_contract(report, feedback):
    result = run("check", SAMPLES / report, "--feedback", SAMPLES / feedback, "--format", "json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["schema_version"] == 1 and out["report"].endswith(report)
    assert 0 <= out["score"] <= 100 and out["grade"] in ("sound", "weak")
    assert [it["index"] for it in out["items"]] == list(range(1, len(out["items"]) + 1))
    text = load_document(SAMPLES / report).text
    flags = out["flags"] + [f for it in out["items"] for f in it["flags"]]
    for item in out["items"]:
        assert isinstance(item["addressed"], bool) and item["feedback_text"]
        assert (item["response"] is None) == (not item["addressed"])
    for flag in flags:
        assert FLAG_FIELDS <= flag.keys() and flag["pattern"] in PATTERN_IDS
        assert text[flag["start"]:flag["end"]] == flag["evidence"]
        assert flag["source"] in ("lexicon", "classifier", "both") and flag["explanation"]


def test_json_keeps_chinese_readable():
    report, feedback = PAIRS[0]
    result = run("check", SAMPLES / report, "--feedback", SAMPLES / feedback, "--format", "json")
    assert "整改" in result.output and "\\u" not in result.output


def test_samples_show_sound_and_weak_reports():
    grades = {}
    for report, feedback in PAIRS:
        out = json.loads(run("check", SAMPLES / report, "--feedback", SAMPLES / feedback, "--format", "json").output)
        grades[report[:2]] = out["grade"]
    assert grades == {"01": "weak", "02": "sound", "03": "weak", "04": "sound", "05": "weak", "06": "weak"}


def test_text_format_is_a_chinese_summary(tmp_path):
    report, feedback = PAIRS[0]
    result = run("check", SAMPLES / report, "--feedback", SAMPLES / feedback)
    assert result.exit_code == 0
    for heading in ("得分", "一、逐项对照", "二、发现及依据", "三、评分明细", "依据："):
        assert heading in result.output


def test_html_escapes_report_text(write):
    report = write("r.txt", "1.关于“白条入账”问题的整改\n<script>alert(1)</script>要进一步加强财务管理。\n")
    feedback = write("f.txt", "1.白条入账17笔。\n")
    result = run("check", report, "--feedback", feedback, "--format", "html")
    assert result.exit_code == 0
    assert "<script>alert" not in result.output and "&lt;script&gt;" in result.output


def test_out_writes_the_file(tmp_path):
    report, feedback = PAIRS[1]
    out = tmp_path / "result.json"
    result = run("check", SAMPLES / report, "--feedback", SAMPLES / feedback, "--format", "json", "--out", out)
    assert result.exit_code == 0 and result.output == ""
    assert json.loads(out.read_text(encoding="utf-8"))["grade"] == "sound"


def test_fail_on_weak_exits_1():
    report, feedback = PAIRS[0]
    assert run("check", SAMPLES / report, "--feedback", SAMPLES / feedback, "--fail-on", "weak").exit_code == 1
    report, feedback = PAIRS[1]
    assert run("check", SAMPLES / report, "--feedback", SAMPLES / feedback, "--fail-on", "weak").exit_code == 0


def test_bad_input_is_one_line_exit_2(tmp_path):
    feedback = SAMPLES / PAIRS[0][1]
    result = run("check", tmp_path / "missing.txt", "--feedback", feedback)
    assert result.exit_code == 2
    assert result.output == f"Error: {tmp_path / 'missing.txt'}: file not found\n"


def test_python_dash_m_works():
    report, feedback = PAIRS[1]
    proc = subprocess.run([sys.executable, "-m", "analyzer", "check", str(SAMPLES / report), "--feedback",
                           str(SAMPLES / feedback), "--format", "json"], capture_output=True, text=True)
    assert proc.returncode == 0 and json.loads(proc.stdout)["grade"] == "sound"


def test_every_command_has_help_with_an_example():
    for name, command in main.commands.items():
        assert command.help and "analyzer" in command.help, name
