"""Batch checking: pairing, parallel runs that survive bad files, caching by content, outputs, history,
copies, recurring problems, ledger checks and charts in a CJK font."""

import datetime as dt
import shutil
import sqlite3

import pandas as pd
import pytest
from click.testing import CliRunner

from analyzer.batch import discover
from analyzer.charts import FONT_FILE, cjk_font
from analyzer.cli import main
from analyzer.ledger_checks import check_ledger, deadline_date
from analyzer.load import LedgerRow
from conftest import SAMPLES
from helpers import ledger_xlsx

PAIR = ("01_qingshan_town_report.txt", "01_qingshan_town_feedback.txt")
OTHER = ("02_agri_bureau_report.txt", "02_agri_bureau_feedback.txt")


@pytest.fixture
def folder(tmp_path):
    """东山镇/2022 and 东山镇/2024 for one unit, a copy of its report in 西河乡, and a corrupt docx."""
    root = tmp_path / "in"
    for township, round_, (report, feedback), unit in [
        ("东山镇", "2022", PAIR, "桃园村"), ("东山镇", "2024", PAIR, "桃园村"),
        ("西河乡", "2024", PAIR, "柳河村"), ("西河乡", "2024", OTHER, "马岭村"),
    ]:
        target = root / township / round_
        target.mkdir(parents=True, exist_ok=True)
        text = (SAMPLES / report).read_text(encoding="utf-8")
        if unit == "柳河村":
            text = text.replace("青山镇", "柳河镇").replace("青山村", "柳河村")
        (target / f"{unit}_report.txt").write_text(text, encoding="utf-8")
        shutil.copy(SAMPLES / feedback, target / f"{unit}_feedback.txt")
    (root / "西河乡" / "2024" / "沙坝村_report.docx").write_bytes(b"PK\x03\x04broken")
    shutil.copy(SAMPLES / PAIR[1], root / "西河乡" / "2024" / "沙坝村_feedback.txt")
    (root / "西河乡" / "2024" / "孤儿村_report.txt").write_text("只有报告", encoding="utf-8")
    return root


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_convention_pairs_and_names(folder):
    jobs, failures = discover(folder)
    assert sorted((j.township, j.round, j.unit) for j in jobs) == [
        ("东山镇", "2022", "桃园村"), ("东山镇", "2024", "桃园村"), ("西河乡", "2024", "柳河村"),
        ("西河乡", "2024", "沙坝村"), ("西河乡", "2024", "马岭村")]
    assert [f.reason for f in failures] == ["no feedback file beside it (expected 孤儿村_feedback.txt/.docx/.pdf/.xlsx)"]


def test_manifest_pairs(tmp_path):
    shutil.copy(SAMPLES / PAIR[0], tmp_path / "a.txt")
    shutil.copy(SAMPLES / PAIR[1], tmp_path / "b.txt")
    (tmp_path / "manifest.csv").write_text("report,feedback,unit,township,round,date\na.txt,b.txt,青山镇党委,青山镇,第三轮,2024-01-26\n",
                                           encoding="utf-8")
    jobs, failures = discover(tmp_path)
    assert not failures
    assert (jobs[0].unit, jobs[0].township, jobs[0].round, jobs[0].date) == ("青山镇党委", "青山镇", "第三轮", "2024-01-26")


def test_batch_survives_bad_files_and_writes_everything(folder, tmp_path):
    out = tmp_path / "out"
    result = run("batch", folder, "--out", out, "--workers", "2", "--no-progress")
    assert result.exit_code == 2, result.output
    assert "checked 4 report(s) (0 unchanged, not re-checked), 2 failed" in result.output
    assert "沙坝村_report.docx: damaged zip container" in result.output
    book = pd.read_excel(out / "批量检查结果.xlsx", sheet_name=None)
    assert set(book) >= {"报告", "问题明细", "乡镇排名", "问题类型×乡镇", "疑似照抄", "屡查屡犯", "台账问题", "读取失败"}
    assert sorted(book["报告"]["单位"]) == ["柳河村", "桃园村", "桃园村", "马岭村"]
    assert list(book["乡镇排名"]["排名"]) == [1, 2]
    copies = book["疑似照抄"]
    assert {tuple(sorted((r.unit_a, r.unit_b))) for r in copies.itertuples()} == {("柳河村", "桃园村")}
    assert copies["相同段落"].str.len().min() > 0
    recurring = book["屡查屡犯"]
    assert set(recurring["unit"]) == {"桃园村"} and set(recurring["later_round"]) == {2024}
    for chart in ("各乡镇得分分布.png", "问题类型热力图.png"):
        assert (out / chart).stat().st_size > 10_000
    assert (out / "报告.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_second_run_skips_unchanged_pairs_unless_forced(folder, tmp_path):
    out = tmp_path / "out"
    run("batch", folder, "--out", out, "--workers", "1", "--no-progress")
    again = run("batch", folder, "--out", out, "--workers", "1", "--no-progress")
    assert "checked 4 report(s) (4 unchanged, not re-checked)" in again.output
    forced = run("batch", folder, "--out", out, "--workers", "1", "--no-progress", "--force")
    assert "(0 unchanged, not re-checked)" in forced.output
    rows = sqlite3.connect(out / "history.sqlite").execute("select count(*) from results").fetchone()[0]
    assert rows == 4


def test_history_shows_trends_and_recurrences(folder, tmp_path):
    out = tmp_path / "out"
    run("batch", folder, "--out", out, "--workers", "1", "--no-progress")
    result = run("history", "--db", out / "history.sqlite")
    assert result.exit_code == 0
    assert "东山镇: 2022" in result.output and "屡查屡犯：" in result.output and "桃园村（2022 → 2024" in result.output


def test_a_ledger_report_is_checked_row_by_row(tmp_path):
    ledger_xlsx(tmp_path / "台账_report.xlsx", ["问题", "整改措施", "责任人", "完成时限", "整改状态", "佐证材料"], [
        ["村级借款19.8万元未入账", "已全部纳入账内核算", "王某某", "2023年12月底", "已完成", ""],
        ["三会一课落实不到位", "进一步加强", "", "长期坚持", "持续整改", ""],
    ])
    (tmp_path / "台账_feedback.txt").write_text("1.村级借款未入账问题突出。\n2.三会一课落实不到位。\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("batch", tmp_path, "--out", out, "--workers", "1", "--no-progress")
    assert result.exit_code == 0, result.output
    findings = pd.read_excel(out / "批量检查结果.xlsx", sheet_name="台账问题")
    assert sorted(zip(findings["row"], findings["kind"])) == [
        (2, "done_without_evidence"), (3, "no_owner"), (3, "open_deadline")]


def test_ledger_checks_each_rule():
    rows = [LedgerRow(row=2, fields={"problem": "甲", "owner": "王某某", "deadline": "2024年6月底", "status": "正在整改"}),
            LedgerRow(row=3, fields={"problem": "乙", "owner": "李某某", "deadline": "2024年6月底", "status": "已完成", "evidence": "会议纪要"}),
            LedgerRow(row=4, fields={"problem": "丙"})]
    found = [(f.row, f.kind) for f in check_ledger(rows, today=dt.date(2024, 7, 1))]
    assert found == [(2, "overdue"), (4, "no_owner"), (4, "no_deadline")]


@pytest.mark.parametrize("text,date", [("2024年6月底前", dt.date(2024, 6, 30)), ("2024年2月", dt.date(2024, 2, 29)),
                                       ("2023年12月15日", dt.date(2023, 12, 15)), ("长期坚持", None)])
def test_deadline_dates(text, date):
    assert deadline_date(text) == date


def test_chart_font_has_the_chinese_glyphs():
    from matplotlib.ft2font import FT2Font

    font = cjk_font()
    assert font.get_file().endswith(FONT_FILE)
    face = FT2Font(font.get_file())
    assert all(face.get_char_index(ord(c)) for c in "各乡镇整改报告得分分布问题类型热力图选择性纸面")
