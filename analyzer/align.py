"""Stage 4, alignment: find each feedback item's answer in the report.

The report is cut into answer blocks: a numbered answer with its body (1.关于"……"问题的整改 + 整改措施 …),
or, outside numbered sections, each paragraph (ledger lines 问题：… 整改措施：… stay together). A section
whose parts name different problems (一是针对……问题, 问题2：…), or a section by 方面 whose own 一是……二是……
answer different problems, is cut into those parts. Every block goes to the item it matches best — by
quotation of the problem or by similarity of segmented text (TF-IDF over jieba words and character
bigrams) — and to any other item it matches nearly as well (one answer covering several problems).
Summary, results and next-step sections and closing totals answer no single problem.
"""

import functools
import re

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from analyzer.items import FeedbackItem
from analyzer.lexicon import load_lexicon
from analyzer.nlp import content_tokens
from analyzer.results import Frozen
from analyzer.structure import CN_NUMERALS, PROSE_MARKER, Node, heading_of, outline, own_ranges, prose_run, split_lines

MIN_SIMILARITY = 0.12  # below this a block is about no item (cosine of TF-IDF vectors)
NEAR_BEST = 0.8  # a block also answers every item it matches at least this share of its best
ENUMERATOR = rf"(?:[{CN_NUMERALS}]{{1,2}}是|[0-9０-９]{{1,2}}\s*[.．、])?"  # 一是针对…… / 2.关于……
METADATA_FIELDS = r"(?:责任领导|责任单位|责任部门|责任股室|责任科室|责任人|完成时限|整改时限|整改状态|佐证材料)"
LEDGER_FIELD = re.compile(rf"\s*(?:整改措施|整改情况|整改进展|原因分析|原因剖析|问题原因|{METADATA_FIELDS})\s*[:：]")  # 整改措施：… 责任人：…
PROBLEM_LABEL = r"(?:问题|反馈问题|存在问题)\s*[0-9０-９一二三四五六七八九十]{0,3}\s*[:：]"  # 问题：/ 问题3：
OPENER_CLAUSE = re.compile(  # 关于“……”问题的整改： / 针对……的问题， — restates the problem, answers nothing
    rf"\s*{ENUMERATOR}\s*(关于|针对|对于|就)(?:“[^”]*”|[^。：:\n“])*?(问题|情况|事项)[^。：:，,；\n]{{0,8}}[。：:，,；]")
LEDGER_PROBLEM_LINE = re.compile(rf"\s*{PROBLEM_LABEL}[^\n]*")
CLOSING_LINE = re.compile(r"\s*(下一步|下步|(通过|经过)[^，。；]{0,8}(整改|整治|努力)[，,])")  # 下一步…… / 通过整改，……
SHORT_TITLE = 40
QUOTE_MATCH = 0.6  # share of a quotation's bigrams an item must hold to be the problem it names
QUOTE = re.compile(r"[“\"「『]([^”\"」』]{4,80})[”\"」』]")
TITLE_ONLY = re.compile(rf"\s*{ENUMERATOR}\s*[^。，,；;：:\n]{{2,30}}问题[。：:]?\s*")
ENUMERATED = re.compile(rf"\s*[{CN_NUMERALS}]{{1,2}}是")
PART_OPENER = re.compile(  # a part that names the problem it answers: 一是针对…… / 二是光伏收益使用问题。 / 问题2：
    rf"\s*{ENUMERATOR}\s*(针对|关于|对于|{PROBLEM_LABEL}|【问题】)|\s*[{CN_NUMERALS}]{{1,2}}是[^。，,；;\n]{{2,30}}?问题[。：:，,；]")


class Block(Frozen):
    start: int
    end: int
    body_start: int  # after a numbered answer's title line; == start for a paragraph block
    parts: tuple["Block", ...] = ()  # a section's paragraphs and 一是/二是 pieces, for _split_by_problem


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


def answer_blocks(report: str, items: list[FeedbackItem] = ()) -> list[Block]:
    """With the feedback items, a section titled like a summary (一、民生实事推进情况) that names one of
    them is an answer."""
    common = load_lexicon("common")
    root = outline(report, prose=False)
    blocks: list[Block] = []
    is_summary = functools.cache(lambda title: _is_summary(title, common, items))  # asked twice per title
    _collect(root, report, is_summary, blocks)
    return [_trimmed(b, report) for b in blocks if report[b.start:b.end].strip()]


def _trimmed(block: Block, report: str) -> Block:
    """Without trailing blank lines, the signature and date that close a report, and a closing paragraph
    about the report as a whole (截至6月底，7个问题均已整改…… / 下一步……)."""
    common = load_lexicon("common")
    end = block.end
    while True:
        while end > block.start and report[end - 1].isspace():
            end -= 1
        line_start = report.rfind("\n", block.start, end) + 1
        if line_start <= block.body_start or not _closes_report(report[line_start:end], common):
            break
        end = line_start
    parts = tuple(p.model_copy(update={"end": min(p.end, end)}) for p in block.parts if p.start < end)
    return Block(start=block.start, end=end, body_start=min(block.body_start, end), parts=parts)


def _collect(node: Node, report: str, is_summary, blocks: list[Block]) -> None:
    if node.kind != "root" and is_summary(node.title(report)):
        return
    if node.kind == "root" and _has_answer_sections(node, report, is_summary):
        for child in node.children:  # the opening and closing paragraphs answer no problem
            _collect(child, report, is_summary, blocks)
        return
    if node.children or node.kind == "root":
        for start, end in own_ranges(node):
            skip_title = node.kind != "root" and start == node.start
            blocks.extend(_paragraph_blocks(report, start, end, skip_title))
        for child in node.children:
            _collect(child, report, is_summary, blocks)
        return
    paragraphs = _paragraph_blocks(report, node.title_end, node.end, False)
    if report[node.start:node.end].strip():
        body_start = _body_start(report, node.start + len(node.label), node.title_end)
        parts = tuple(piece for p in paragraphs for piece in _prose_pieces(report, p))
        blocks.append(Block(start=node.start, end=node.end, body_start=body_start, parts=parts))


def _prose_pieces(report: str, paragraph: Block) -> list[Block]:
    """A paragraph cut at its run of 一是……二是……, the text before the run kept as a piece of its own."""
    run = prose_run(list(PROSE_MARKER.finditer(report, paragraph.start, paragraph.end)))
    if len(run) < 2:
        return [paragraph]
    cuts = [m.start() for m in run]
    if report[paragraph.start:cuts[0]].strip():
        cuts.insert(0, paragraph.start)
    bounds = zip(cuts, cuts[1:] + [paragraph.end])
    return [Block(start=a, end=b, body_start=_body_start(report, a, b, numbered=False)) for a, b in bounds]


def _closes_report(line: str, common) -> bool:
    return common.has(line, "signature") or common.has(line, "completion_claim") or bool(CLOSING_LINE.match(line))


def restates_problem(sentence: str) -> bool:
    """针对……的问题。 / 关于……问题的整改： / 一是食堂财务管理问题。 standing alone: it names the
    problem, it answers nothing."""
    match = OPENER_CLAUSE.match(sentence)
    return (bool(match) and not sentence[match.end():].strip()) or bool(TITLE_ONLY.fullmatch(sentence))


def _is_summary(title: str, common, items: list[FeedbackItem]) -> bool:
    """总体情况 / 下一步打算 … but not an answer (关于……问题, ……方面, 民生实事推进情况) whose title happens to
    say 开展情况, 推进情况 or 组织领导. Only the heading counts, not the answer that may run on after it on
    the same line (代收款项全额退还。……学校决定今后一律……)."""
    title = heading_of(title)
    if not common.has(title, "summary_heading") or re.search(r"关于|问题|针对|方面", title):
        return False
    return not (items and similarity_matrix(items, [title]).max() >= 2 * MIN_SIMILARITY)


def _has_answer_sections(root: Node, report: str, is_summary) -> bool:
    """Numbered sections that answer problems: two or more, or one that says so (一、反馈问题整改情况)."""
    answers = [n for n in root.walk() if n.kind != "root" and not is_summary(n.title(report))]
    return len(answers) >= 2 or any(re.search(r"问题|整改|反馈|方面", n.title(report)) for n in answers)


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
    return bool(LEDGER_FIELD.match(line))


def _is_ledger_problem(line: str) -> bool:
    return bool(LEDGER_PROBLEM_LINE.match(line))


def _is_ledger_row(text: str) -> bool:
    return _is_ledger_problem(text) or _is_ledger_field(text)


def align(items: list[FeedbackItem], report: str, blocks: list[Block] | None = None) -> list[Alignment]:
    blocks = answer_blocks(report, items) if blocks is None else blocks
    if not items or not blocks:
        return [Alignment() for _ in items]
    blocks = [part for block in blocks for part in _split_by_problem(block, items, report)]
    texts = [report[b.start:b.end] for b in blocks]
    scores = similarity_matrix(items, texts)
    stated = similarity_matrix(items, [report[b.start:b.body_start] for b in blocks])
    chosen: list[list[Block]] = [[] for _ in items]
    for j, block in enumerate(blocks):
        quoted = quoted_items(texts[j], items)
        for i in quoted or _answered_by(scores[:, j], stated[:, j]):
            chosen[i].append(block)
    return [Alignment(blocks=tuple(c)) for c in chosen]


def _split_by_problem(block: Block, items: list[FeedbackItem], report: str) -> list[Block]:
    """A section cut at the parts that name the problem they answer (一是针对……问题， / 问题2：…), or
    where it names none at its 一是……二是……, each with the parts that follow it, where the pieces answer
    two or more different problems."""
    starts = [p.start for p in block.parts if PART_OPENER.match(report, p.start, p.end)]
    if len(starts) < 2 and _covers_an_aspect(report[block.start:block.body_start], items):
        # no problems named in a section by 方面: its own 一是……二是…… answer them in turn
        starts = [p.start for p in block.parts if ENUMERATED.match(report, p.start, p.end)]
    if len(starts) < 2:
        return [block]
    bounds = ([block.parts[0].start] if block.parts[0].start < starts[0] else []) + starts + [block.parts[-1].end]
    pieces = [Block(start=a, end=b, body_start=_body_start(report, a, b, numbered=False))
              for a, b in zip(bounds, bounds[1:])]
    texts = [report[p.start:p.end] for p in pieces]
    scores = similarity_matrix(items, texts)
    targets = {_target(texts[j], scores[:, j], items) for j in range(len(pieces))}
    return pieces if len(targets - {None}) >= 2 else [block]


def _covers_an_aspect(title: str, items: list[FeedbackItem]) -> bool:
    """二、资金和财务管理方面 / 关于“……”和“……”问题: a heading over several problems, not over one."""
    return "方面" in title or len(quoted_items(title, items)) >= 2


def _target(text: str, scores: np.ndarray, items: list[FeedbackItem]) -> int | None:
    quoted = quoted_items(text, items)
    if quoted:
        return quoted[0]
    best = int(np.argmax(scores))
    return best if scores[best] >= MIN_SIMILARITY else None


def _answered_by(scores: np.ndarray, stated: np.ndarray) -> list[int]:
    """Items a block answers: its best match and near ties; where the block states which problem it
    answers (针对……的问题), near ties must hold for that statement too. A block whose statement names
    its problem plainly (关于镇区道路工程发包问题) answers that problem too, even where its body, which
    may explain or blame, reads more like another one."""
    best = float(scores.max())
    candidates = list(np.flatnonzero(scores >= max(MIN_SIMILARITY, NEAR_BEST * best)))
    if len(candidates) > 1 and stated[candidates].max() > 0:
        best_stated = float(stated[candidates].max())
        candidates = [i for i in candidates if stated[i] >= NEAR_BEST * best_stated]
    named = int(np.argmax(stated))
    body_leans = scores[named] >= MIN_SIMILARITY or named == int(np.argmax(scores))
    if stated[named] >= 2 * MIN_SIMILARITY and body_leans and named not in candidates:  # 关于排水管网工程质量问题
        candidates.append(named)
    return [int(i) for i in candidates]


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
