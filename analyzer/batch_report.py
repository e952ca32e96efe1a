"""Batch outputs: tables (one row per report, per flag, per township, pattern × township, failures, copies,
recurring problems, ledger findings) written as one Excel workbook and as CSV files, plus PNG charts."""

from pathlib import Path

import pandas as pd

from analyzer.batch import Failure, Outcome
from analyzer.charts import pattern_heatmap, score_by_township
from analyzer.copies import CopyPair
from analyzer.history import Recurrence
from analyzer.render import GRADE_NAMES, PATTERN_NAMES
from analyzer.results import PATTERN_IDS

NO_TOWNSHIP = "（未分乡镇）"


def reports_table(outcomes: list[Outcome]) -> pd.DataFrame:
    rows = []
    for o in outcomes:
        flags = o.result.flags + [f for item in o.result.items for f in item.flags]
        counts = {PATTERN_NAMES[p]: sum(f.pattern == p for f in flags) for p in PATTERN_IDS}
        unanswered = [str(item.index) for item in o.result.items if not item.addressed]
        rows.append({"单位": o.job.unit, "乡镇": o.job.township or NO_TOWNSHIP, "轮次": o.job.round, "日期": o.job.date,
                     "得分": o.result.score, "评级": GRADE_NAMES[o.result.grade], "问题数": len(o.result.items),
                     "未回应问题": "、".join(unanswered), **counts, "台账问题": len(o.ledger_findings),
                     "整改报告": o.job.report, "反馈意见": o.job.feedback})
    return pd.DataFrame(rows)


COUNTED, SET_ASIDE = "计入", "已搁置（不计分）"


def flags_table(outcomes: list[Outcome]) -> pd.DataFrame:
    """Every finding, and every rule finding the model set aside, so that a reviewer sees both."""
    rows = []
    for o in outcomes:
        located = [(str(item.index), f, COUNTED) for item in o.result.items for f in item.flags]
        located += [(str(item.index), f, SET_ASIDE) for item in o.result.items for f in item.set_aside]
        located += [("全文", f, COUNTED) for f in o.result.flags]
        for where, f, status in located:
            rows.append({"单位": o.job.unit, "乡镇": o.job.township or NO_TOWNSHIP, "轮次": o.job.round, "问题序号": where,
                         "问题类型": PATTERN_NAMES[f.pattern], "pattern": f.pattern, "状态": status,
                         "依据原文": f.evidence, "起": f.start, "止": f.end, "来源": f.source, "置信度": f.confidence,
                         "说明": f.explanation, "整改报告": o.job.report})
    return pd.DataFrame(rows, columns=["单位", "乡镇", "轮次", "问题序号", "问题类型", "pattern", "状态", "依据原文", "起",
                                       "止", "来源", "置信度", "说明", "整改报告"])


def townships_table(reports: pd.DataFrame) -> pd.DataFrame:
    grouped = reports.groupby("乡镇").agg(报告数=("得分", "size"), 平均得分=("得分", "mean"), 最低得分=("得分", "min"),
                                        薄弱报告数=("评级", lambda g: int((g == GRADE_NAMES["weak"]).sum())))
    grouped["平均得分"] = grouped["平均得分"].round(1)
    grouped = grouped.sort_values("平均得分", ascending=False)
    grouped.insert(0, "排名", range(1, len(grouped) + 1))
    return grouped.reset_index()


def pattern_matrix(reports: pd.DataFrame) -> pd.DataFrame:
    """Rows: patterns (Chinese names); columns: townships; cells: number of flags."""
    names = [PATTERN_NAMES[p] for p in PATTERN_IDS]
    return reports.groupby("乡镇")[names].sum().T


def write_all(out: Path, outcomes: list[Outcome], failures: list[Failure], copies: list[CopyPair],
              recurrences: list[Recurrence]) -> dict[str, Path]:
    out.mkdir(parents=True, exist_ok=True)
    reports = reports_table(outcomes)
    tables = {
        "报告": reports,
        "问题明细": flags_table(outcomes),
        "乡镇排名": townships_table(reports) if len(reports) else pd.DataFrame(),
        "问题类型×乡镇": pattern_matrix(reports).reset_index(names="问题类型") if len(reports) else pd.DataFrame(),
        "疑似照抄": pd.DataFrame([{**c.model_dump(exclude={"shared_passages"}), "相同段落": "\n".join(c.shared_passages)}
                              for c in copies]),
        "屡查屡犯": pd.DataFrame([r.model_dump() for r in recurrences]),
        "台账问题": pd.DataFrame([{"单位": o.job.unit, "整改报告": o.job.report, **f.model_dump()}
                              for o in outcomes for f in o.ledger_findings]),
        "读取失败": pd.DataFrame([f.model_dump() for f in failures], columns=["file", "reason"]),
    }
    written = {"workbook": out / "批量检查结果.xlsx"}
    with pd.ExcelWriter(written["workbook"], engine="openpyxl") as book:
        for name, table in tables.items():
            table.to_excel(book, sheet_name=name, index=False)
    for name, table in tables.items():
        path = out / f"{name.replace('×', 'x')}.csv"
        table.to_csv(path, index=False, encoding="utf-8-sig")  # the BOM lets Excel open it in Chinese
        written[name] = path
    if len(reports):
        written["score_chart"] = score_by_township(reports, out / "各乡镇得分分布.png")
        written["pattern_chart"] = pattern_heatmap(pattern_matrix(reports), out / "问题类型热力图.png")
    return written
