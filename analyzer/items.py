"""Stage 3, feedback items: number the problems of a feedback document as contract.md defines them.

An item is an innermost numbered part (1. （1） 1、 ① and prose 一是……) under any headings; a heading
with nothing numbered under it is itself one item; recommendation sections (意见建议) hold no items.
"""

import re

from analyzer.lexicon import load_lexicon
from analyzer.load import Document
from analyzer.results import Frozen
from analyzer.structure import Node, heading_of, outline, split_lines

CLASS_ORDER = ("funds", "bidding", "works", "environment", "land", "petitions", "party_org",
               "integrity", "personnel", "governance")
UNIT_SUFFIX = re.compile(r"(村|社区|镇|乡|街道|分公司|子公司|中学|小学|卫生院|分院|科)$")


class FeedbackItem(Frozen):
    index: int
    start: int
    end: int
    text: str
    heading_path: list[str]
    problem_class: str
    hard: bool
    serious: bool
    systemic: bool
    names_leadership: bool
    named_units: list[str]


def extract_items(doc: Document) -> list[FeedbackItem]:
    text = doc.text
    root = outline(text, prose=not doc.is_ledger)
    common = load_lexicon("common")
    leaves = [(n, path) for n, path in _leaves(root, [], text, common)]
    if not leaves:
        leaves = [(n, []) for n in _paragraph_nodes(text, common)]
    return [_item(i, node, path, text) for i, (node, path) in enumerate(leaves, start=1)]


def _leaves(node: Node, path: list[str], text: str, common):
    for child in node.children:
        title = child.title(text)
        if child.kind != "prose" and common.has(heading_of(title), "recommendation_heading"):
            continue
        if child.children:
            yield from _leaves(child, path + [title], text, common)
        else:
            yield child, path


def _paragraph_nodes(text: str, common) -> list[Node]:
    """A feedback with no numbering: each paragraph after the opening one is a problem."""
    lines = [ln for ln in split_lines(text) if ln.text.strip() and not common.has(ln.text, "closing")]
    body = lines[2:] if len(lines) > 3 else lines
    return [Node("paragraph", "", ln.start, ln.end, ln.end) for ln in body]


def _item(index: int, node: Node, path: list[str], text: str) -> FeedbackItem:
    start, end = node.start, _trim_closing(text, node)
    item_text = text[start:end].strip()
    context = " ".join(path + [item_text])
    return FeedbackItem(
        index=index,
        start=start,
        end=end,
        text=item_text,
        heading_path=path,
        problem_class=problem_class(item_text, " ".join(path)),
        hard=is_hard(context),
        serious=is_serious(item_text),
        systemic=is_systemic(item_text),
        names_leadership=names_leadership(item_text),
        named_units=named_units(item_text),
    )


def _trim_closing(text: str, node: Node) -> int:
    """End the item before closing lines (请……整改, signature, date) that follow the last problem."""
    common = load_lexicon("common")
    end = node.end
    for line in split_lines(text[node.start:node.end])[1:]:
        if common.has(line.text, "closing"):
            end = node.start + line.start
            break
    return end


def problem_class(item_text: str, heading_text: str = "") -> str:
    """The class with the most cue hits in the item; heading hits break ties."""
    lexicon = load_lexicon("problem_classes")
    best, best_score = "other", 0.0
    for name in CLASS_ORDER:
        score = len(lexicon.find(item_text, name)) + 0.5 * len(lexicon.find(heading_text, name))
        if score > best_score:
            best, best_score = name, score
    return best


def is_hard(text: str) -> bool:
    """A problem the study calls a hard bone (环境污染, 征地拆迁款拖欠, 群众信访投诉 …)."""
    return load_lexicon("problem_classes").has(text, "hard")


def is_serious(text: str) -> bool:
    """A serious class of problem (违规发放, 挪用, 账外负债, 规避招标 …)."""
    return load_lexicon("lenient_on_serious").has(text, "serious")


def names_leadership(text: str) -> bool:
    """The feedback names the leadership itself as the failing actor (党委……不到位, 主要负责人……)."""
    return load_lexicon("self_exemption").has(text, "leadership_actor")


def is_systemic(text: str) -> bool:
    """A missing rule, a recurring fault, or a management-wide irregularity (管理混乱)."""
    lexicon = load_lexicon("no_institution_building")
    return lexicon.has(text, "systemic") or lexicon.has(text, "management_gap")


def named_units(text: str) -> list[str]:
    """Villages, communities, departments … named in a feedback item (柳湾村, 青石社区, 骨科)."""
    lexicon = load_lexicon("named_only")
    names = [h.text for h in lexicon.find(text, "named_unit")]
    names = [n for n in names if not lexicon.has(UNIT_SUFFIX.sub("", n), "not_a_name")]
    names += [n for h in lexicon.find(text, "named_list") for n in listed_names(h.text)]  # named outright
    return list(dict.fromkeys(names))


def listed_names(listing: str) -> list[str]:
    """东坪、西岭、河口3个村 → 东坪村, 西岭村, 河口村; 物业公司、建材公司 → both."""
    match = re.fullmatch(r"(.+?)\s*(?:\d+|[两二三四五六七八九十])\s*个\s*(.+)", listing)
    if not match:
        return re.split(r"[、和及与]", listing)
    stems, suffix = re.split(r"[、和及与]", match.group(1)), match.group(2)
    return [stem if stem.endswith(suffix) else stem + suffix for stem in stems if stem]
