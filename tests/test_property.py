"""Any text as report or feedback gives a valid result or a clean input error; evidence is exact."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analyzer.errors import InputError
from analyzer.load import Document
from analyzer.pipeline import check

FRAGMENTS = ["一、", "（一）", "1.", "（1）", "①", "一是", "二是", "关于“", "”问题的整改", "整改措施：", "约谈",
             "口头批评教育", "补签", "党内警告", "举一反三", "历史遗留", "下一步将研究", "已全部完成整改", "\n",
             "。", "，", "账外负债", "给予党纪处分0人", "由各村自行整改", "高度重视", "问题：", "责任人：各村"]
chinese = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=40).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=chinese, feedback=chinese)
def test_any_text_gives_a_result_whose_evidence_is_exact(report, feedback):
    try:
        result = check(Document.from_text(report, "r.txt"), Document.from_text(feedback, "f.txt"))
    except InputError:
        return
    assert 0 <= result.score <= 100
    for flag in result.flags + [f for item in result.items for f in item.flags]:
        assert report[flag.start:flag.end] == flag.evidence
    for item in result.items:
        if item.response:
            assert 0 <= item.response.start <= item.response.end <= len(report)


@settings(max_examples=30, deadline=None)
@given(data=st.binary(max_size=200))
def test_any_bytes_load_or_fail_cleanly(tmp_path_factory, data):
    from analyzer.load import load_document

    path = tmp_path_factory.mktemp("bytes") / "f.txt"
    path.write_bytes(data)
    try:
        load_document(path)
    except InputError as e:
        assert str(e).startswith(str(path)) and "\n" not in str(e)
