"""Stage 7, render: one function per output format (text for reviewers, JSON per contract.md, HTML)."""

import functools

from jinja2 import Environment, PackageLoader, select_autoescape

from analyzer.results import CheckResult, Flag

PATTERN_NAMES = {
    "selective_rectification": "选择性整改",
    "responsibility_pushed_down": "责任下移",
    "self_exemption": "抓人不抓己",
    "paper_only_fix": "纸面整改",
    "verbal_only_accountability": "口头问责",
    "lenient_on_serious": "避重就轻",
    "named_only": "只改点名问题",
    "blame_shifting": "上推下卸",
    "no_institution_building": "未建章立制",
    "vague_measure": "措施不细",
}
GRADE_NAMES = {"sound": "合格", "weak": "薄弱"}
EVIDENCE_WIDTH = 60


def render_json(result: CheckResult) -> str:
    return result.model_dump_json(indent=2)


def render_text(result: CheckResult) -> str:
    lines = [
        f"整改报告：{result.report}",
        f"反馈意见：{result.feedback}",
        f"得分：{result.score:.1f} / 100　　评级：{GRADE_NAMES[result.grade]}（{result.grade}）",
        "",
        "一、逐项对照",
        f"{'序号':<4}{'回应':<4}{'类别':<12}发现的问题",
    ]
    for item in result.items:
        answered = "是" if item.addressed else "否"
        patterns = "、".join(PATTERN_NAMES[f.pattern] for f in item.flags) or "—"
        kind = item.problem_class + ("·难点" if item.hard else "") + ("·严重" if item.serious else "")
        lines.append(f"{item.index:<6}{answered:<5}{kind:<14}{patterns}")
    lines += ["", "二、发现及依据"]
    for item in result.items:
        for flag in item.flags:
            lines += _flag_lines(f"第{item.index}项", flag)
        for flag in item.set_aside:
            lines += _flag_lines(f"第{item.index}项·已搁置", flag)
    for flag in result.flags:
        lines += _flag_lines("全文", flag)
    if not any(item.flags for item in result.items) and not result.flags:
        lines.append("未发现问题。")
    lines += ["", "三、评分明细"]
    for d in result.score_breakdown:
        lines.append(f"{d.label}：{d.points:g}/{d.max_points:g}　{d.reason}")
    for warning in result.warnings:
        lines.append(f"注意：{warning}")
    return "\n".join(lines) + "\n"


def _flag_lines(where: str, flag: Flag) -> list[str]:
    quote = flag.evidence.replace("\n", " ")
    if len(quote) > EVIDENCE_WIDTH:
        quote = quote[:EVIDENCE_WIDTH] + "……"
    located = f"「{quote}」（第{flag.start}–{flag.end}字）" if flag.evidence else "（报告中无对应内容）"
    return [f"【{where}】{PATTERN_NAMES[flag.pattern]}（{flag.pattern}，置信度{flag.confidence:.2f}，{flag.source}）",
            f"　　依据：{located}", f"　　说明：{flag.explanation}"]


@functools.cache
def _environment() -> Environment:
    return Environment(loader=PackageLoader("analyzer", "templates"), autoescape=select_autoescape(["html"]))


def render_html(result: CheckResult) -> str:
    template = _environment().get_template("report.html")
    return template.render(result=result, names=PATTERN_NAMES, grades=GRADE_NAMES)


RENDERERS = {"text": render_text, "json": render_json, "html": render_html}
