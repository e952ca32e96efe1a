"""Stage 4, alignment: find each feedback item's answer in the report.

The report is cut into answer blocks: a numbered answer with its body (1.关于"……"问题的整改 + 整改措施 …),
or, where a section answers several problems in prose (针对……的问题, 一是……) or in ledger lines
(问题：… 整改措施：…), each paragraph. Every block goes to the item it matches best — by quotation of the
problem or by similarity of segmented text (TF-IDF over jieba words and character bigrams) — and to any
other item it matches nearly as well (one answer covering several problems). Summary and next-step
sections answer no single problem.
"""

import re

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from analyzer.items import FeedbackItem
from analyzer.lexicon import load_lexicon
from analyzer.nlp import content_tokens
from analyzer.results import Frozen
from analyzer.structure import Node, outline, own_ranges, split_lines

MIN_SIMILARITY = 0.12  # below this a block is about no item (cosine of TF-IDF vectors)
NEAR_BEST = 0.8  # a block also answers every item it matches at least this share of its best
OPENER_CLAUSE = re.compile(  # 关于“……”问题的整改： / 针对……的问题， — restates the problem, answers nothing
    r"\s*(关于|针对|对于|就)(?:“[^”]*”|[^。：:\n“])*?(问题|情况|事项)[^。：:，,；\n]{0,8}[。：:，,；]")
LEDGER_PROBLEM_LINE = re.compile(r"\s*(问题|反馈问题|存在问题)\s*[:：][^\n]*")
SHORT_TITLE = 40
QUOTE_MATCH = 0.6  # share of a quotation's bigrams an item must hold to be the problem it names
QUOTE = re.compile(r"[“\"「『]([^”\"」』]{4,80})[”\"」』]")
ANSWER_OPENER = re.compile(r"^\s*(针对|关于|对于|就|问题\s*[:：]|【问题】)")


class Block(Frozen):
    start: int
    end: int
    body_start: int  # after a numbered answer's title line; == start for a paragraph block


class Alignment(Frozen):
    blocks: tuple[Block, ...] = ()

    @property
    def addressed(self) -> bool:
        return bool(self.blocks)

    @property
    def span(self) -> tuple[int, int] | None:
        if not self.blocks:
            return None
        return min(b.start for b in self.blocks), max(b.end for b in self.blocks)


def answer_blocks(report: str) -> list[Block]:
    common = load_lexicon("common")
    root = outline(report, prose=False)
    blocks: list[Block] = []
    _collect(root, report, common, blocks)
    return [_trimmed(b, report) for b in blocks if report[b.start:b.end].strip()]


def _trimmed(block: Block, report: str) -> Block:
    """Without trailing blank lines and the signature and date that close a report."""
    common = load_lexicon("common")
    end = block.end
    while True:
        while end > block.start and report[end - 1].isspace():
            end -= 1
        line_start = report.rfind("\n", block.start, end) + 1
        if line_start <= block.body_start or not common.has(report[line_start:end], "signature"):
            break
        end = line_start
    return Block(start=block.start, end=end, body_start=min(block.body_start, end))


def _collect(node: Node, report: str, common, blocks: list[Block]) -> None:
    if node.kind != "root" and _is_summary(node.title(report), common):
        return
    if node.kind == "root" and _has_answer_sections(node, report, common):
        for child in node.children:  # the opening and closing paragraphs answer no problem
            _collect(child, report, common, blocks)
        return
    if node.children or node.kind == "root":
        for start, end in own_ranges(node):
            skip_title = node.kind != "root" and start == node.start
            blocks.extend(_paragraph_blocks(report, start, end, skip_title))
        for child in node.children:
            _collect(child, report, common, blocks)
        return
    paragraphs = _paragraph_blocks(report, node.title_end, node.end, False)
    if sum(bool(ANSWER_OPENER.match(report[p.start:p.end])) for p in paragraphs) >= 2:
        blocks.extend(paragraphs)  # a section answering several problems one paragraph each
    elif report[node.start:node.end].strip():
        body_start = _body_start(report, node.start + len(node.label), node.title_end)
        blocks.append(Block(start=node.start, end=node.end, body_start=body_start))


def restates_problem(sentence: str) -> bool:
    """针对……的问题。 / 关于……问题的整改： standing alone: it quotes the feedback, it answers nothing."""
    match = OPENER_CLAUSE.match(sentence)
    return bool(match) and not sentence[match.end():].strip()


def _is_summary(title: str, common) -> bool:
    """总体情况 / 下一步打算 … but not an answer whose quoted problem happens to say 开展情况."""
    return common.has(title, "summary_heading") and not re.search(r"关于|问题|针对", title)


def _has_answer_sections(root: Node, report: str, common) -> bool:
    return sum(not _is_summary(n.title(report), common) for n in root.walk() if n.kind != "root") >= 2


def _paragraph_blocks(report: str, start: int, end: int, skip_title: bool) -> list[Block]:
    """Paragraphs of report[start:end]; ledger lines (问题：… then 整改措施：…) stay with their problem."""
    blocks: list[Block] = []
    lines = [ln for ln in split_lines(report[start:end]) if ln.text.strip()]
    if skip_title and lines:
        lines = lines[1:]
    for line in lines:
        a, b = start + line.start, start + line.end
        continues_ledger = blocks and _is_ledger_field(line.text) and not _is_ledger_problem(line.text)
        if continues_ledger and _is_ledger_row(report[blocks[-1].start:blocks[-1].end]):
            blocks[-1] = blocks[-1].model_copy(update={"end": b})
        else:
            blocks.append(Block(start=a, end=b, body_start=_body_start(report, a, b, numbered=False)))
    return blocks


def _body_start(report: str, start: int, title_end: int, numbered: bool = True) -> int:
    """Where the answer proper begins: after a restated problem (关于……问题的整改：, 问题：……) or a
    short heading line; the restatement quotes the feedback and must not count as the answer."""
    for regex in (OPENER_CLAUSE, LEDGER_PROBLEM_LINE):
        match = regex.match(report, start, title_end)
        if match:
            return match.end()
    line = report[start:title_end]
    if numbered and len(line.strip()) <= SHORT_TITLE and not re.search(r"[。；]", line.rstrip("。")):
        return min(title_end + 1, len(report))
    return start


def _is_ledger_field(line: str) -> bool:
    return bool(re.match(r"^\s*(整改措施|整改情况|整改进展|整改状态|责任领导|责任单位|责任部门|责任人|完成时限|整改时限|佐证材料)\s*[:：]", line))


def _is_ledger_problem(line: str) -> bool:
    return bool(re.match(r"^\s*(问题|反馈问题|存在问题)\s*[:：]", line))


def _is_ledger_row(text: str) -> bool:
    return _is_ledger_problem(text) or _is_ledger_field(text)


def align(items: list[FeedbackItem], report: str, blocks: list[Block] | None = None) -> list[Alignment]:
    blocks = answer_blocks(report) if blocks is None else blocks
    if not items or not blocks:
        return [Alignment() for _ in items]
    texts = [report[b.start:b.end] for b in blocks]
    scores = similarity_matrix(items, texts)
    stated = similarity_matrix(items, [report[b.start:b.body_start] for b in blocks])
    chosen: list[list[Block]] = [[] for _ in items]
    for j, block in enumerate(blocks):
        quoted = quoted_items(texts[j], items)
        for i in quoted or _answered_by(scores[:, j], stated[:, j]):
            chosen[i].append(block)
    return [Alignment(blocks=tuple(c)) for c in chosen]


def _answered_by(scores: np.ndarray, stated: np.ndarray) -> list[int]:
    """Items a block answers: its best match and near ties; where the block states which problem it
    answers (针对……的问题), near ties must hold for that statement too."""
    best = float(scores.max())
    if best < MIN_SIMILARITY:
        return []
    candidates = np.flatnonzero(scores >= max(MIN_SIMILARITY, NEAR_BEST * best))
    best_stated = float(stated[candidates].max())
    if len(candidates) > 1 and best_stated > 0:
        candidates = [i for i in candidates if stated[i] >= NEAR_BEST * best_stated]
    return list(candidates)


def similarity_matrix(items: list[FeedbackItem], block_texts: list[str]) -> np.ndarray:
    """items × blocks: cosine of TF-IDF vectors over jieba words and character bigrams."""
    item_texts = [it.text for it in items]
    vectorizer = TfidfVectorizer(analyzer=content_tokens, sublinear_tf=True)
    try:
        matrix = vectorizer.fit_transform(item_texts + block_texts)
    except ValueError:  # no content word anywhere (a report of punctuation): nothing is similar
        return np.zeros((len(items), len(block_texts)))
    return (matrix[: len(items)] @ matrix[len(items):].T).toarray()


def quoted_items(block_text: str, items: list[FeedbackItem]) -> list[int]:
    """Items a block names by quotation (关于"道路工程分段发包"问题): for each quote, the item that
    holds the largest share of its character bigrams, if that share is at least QUOTE_MATCH."""
    found: list[int] = []
    for quote in QUOTE.findall(block_text):
        grams = {quote[i:i + 2] for i in range(len(quote) - 1) if not quote[i:i + 2].isspace()}
        if len(grams) < 3:
            continue
        shares = [sum(g in it.text for g in grams) / len(grams) for it in items]
        best = int(np.argmax(shares))
        if shares[best] >= QUOTE_MATCH and best not in found:
            found.append(best)
    return found
