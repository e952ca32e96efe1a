"""Stage 2, structure: the numbered hierarchy of a document, its lines and sentences, with offsets.

Official documents number their parts 一、 （一） 1. 1、 1． （1） ①, in full- or half-width forms, and
enumerate inside paragraphs with 一是……二是……. Which marker is the outer one differs from document to
document, so nesting follows the order in which marker kinds first appear (as a reader would).
"""

import re
from dataclasses import dataclass, field

CN_NUMERALS = "一二三四五六七八九十"
MARKERS = (  # (kind, regex on the start of a line, after indentation)
    ("cn", re.compile(rf"[{CN_NUMERALS}]{{1,3}}\s*[、.．，,]")),
    ("paren_cn", re.compile(rf"[（(]\s*[{CN_NUMERALS}]{{1,3}}\s*[）)]")),
    ("paren_arabic", re.compile(r"[（(]\s*[0-9０-９]{1,2}\s*[）)]")),
    # 3.5万元 is no marker; 4、2023年 and 1.2023年 are (a year, not a decimal)
    ("arabic", re.compile(r"[0-9０-９]{1,2}\s*(?:、|[.．](?![0-9０-９])|[.．](?=[0-9０-９]{4}\s*年))")),
    ("circled", re.compile(r"[①-⑳]")),
)
PROSE_MARKER = re.compile(rf"(?:^|(?<=[。；;：:，,！？!?\s]))([{CN_NUMERALS}]{{1,2}})是(?=[^，,的])")
SENTENCE_END = re.compile(r"[。！？；!?;]+|\n")
CN_VALUE = {c: i for i, c in enumerate(CN_NUMERALS, start=1)}


def cn_value(numeral: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20."""
    if numeral.startswith("十"):
        numeral = "一" + numeral
    if "十" in numeral:
        tens, _, ones = numeral.partition("十")
        return CN_VALUE.get(tens, 1) * 10 + CN_VALUE.get(ones, 0)
    return CN_VALUE.get(numeral, 0)


@dataclass(frozen=True)
class Line:
    start: int
    end: int  # exclusive, before the line break
    text: str


@dataclass
class Node:
    """A numbered part: its marker, its heading line, and everything up to the next part at its level."""

    kind: str  # a MARKERS kind, "prose" for 一是……, or "root"
    label: str
    start: int
    title_end: int
    end: int = 0
    children: list["Node"] = field(default_factory=list)
    parent: "Node | None" = field(default=None, repr=False)

    def text(self, source: str) -> str:
        return source[self.start:self.end]

    def title(self, source: str) -> str:
        return source[self.start + len(self.label):self.title_end].strip()

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def split_lines(text: str) -> list[Line]:
    lines, pos = [], 0
    for raw in text.split("\n"):
        stripped = raw.rstrip("\r")
        lines.append(Line(pos, pos + len(stripped), stripped))
        pos += len(raw) + 1
    return lines


def heading_of(title: str) -> str:
    """A numbered line's heading, without the text that may run on after it on the same line
    (三、党建方面。一是…… / 3．代收款项全额退还。……)."""
    return re.split(r"[。：:]", title, maxsplit=1)[0]


def marker_of(line: str) -> tuple[str, str] | None:
    """(kind, label) of a numbered line, label including any indentation before it."""
    body = line.lstrip(" \t\u3000")
    indent = len(line) - len(body)
    for kind, regex in MARKERS:
        match = regex.match(body)
        if match and len(body) > match.end():
            return kind, line[:indent + match.end()]
    return None


def outline(text: str, prose: bool = True) -> Node:
    """The tree of numbered parts. With `prose`, 一是……二是…… runs in body text become child nodes."""
    root = Node("root", "", 0, 0, len(text))
    stack: list[Node] = [root]
    for line in split_lines(text):
        found = marker_of(line.text)
        if not found:
            continue
        kind, label = found
        kinds = [n.kind for n in stack]
        if kind in kinds:
            del stack[kinds.index(kind):]
        node = Node(kind, label, line.start, line.end, parent=stack[-1])
        stack[-1].children.append(node)
        stack.append(node)
    _close(root, len(text))
    if prose:
        for node in list(root.walk()):
            _add_prose_children(node, text)
    return root


def _close(node: Node, end: int) -> None:
    node.end = end
    for i, child in enumerate(node.children):
        # a part ends at the line break before its next sibling, or where its parent ends
        _close(child, node.children[i + 1].start - 1 if i + 1 < len(node.children) else end)


def own_ranges(node: Node) -> list[tuple[int, int]]:
    """The parts of a node's span not covered by its numbered children."""
    ranges, cursor = [], node.start if node.kind != "root" else 0
    for child in node.children:
        if child.kind == "prose":
            continue
        if child.start > cursor:
            ranges.append((cursor, child.start))
        cursor = max(cursor, child.end)
    if node.end > cursor:
        ranges.append((cursor, node.end))
    return ranges


def _add_prose_children(node: Node, text: str) -> None:
    if node.kind == "prose":
        return
    hits = []
    for start, end in own_ranges(node):
        hits.extend(m for m in PROSE_MARKER.finditer(text, start, end))
    run = prose_run(hits)
    if len(run) < 2:
        return
    for i, match in enumerate(run):
        line_end = text.find("\n", match.start())
        line_end = len(text) if line_end < 0 else line_end
        end = run[i + 1].start() if i + 1 < len(run) else min(line_end, node.end)
        child = Node("prose", match.group(0), match.start(), end, end, parent=node)
        node.children.append(child)
    node.children.sort(key=lambda n: n.start)


def prose_run(hits: list[re.Match]) -> list[re.Match]:
    """The first run 一是, 二是, 三是 … in order; other 'X是' (唯一是, 统一是) are ignored."""
    run: list[re.Match] = []
    for match in hits:
        value = cn_value(match.group(1))
        if value == len(run) + 1:
            run.append(match)
        elif value == 1 and not run:
            run.append(match)
    return run


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans in text[start:end], ends after the closing punctuation, blanks dropped."""
    end = len(text) if end is None else end
    spans, cursor = [], start
    for match in SENTENCE_END.finditer(text, start, end):
        stop = match.end() if match.group(0) != "\n" else match.start()
        if text[cursor:stop].strip():
            spans.append(_strip_span(text, cursor, stop))
        cursor = match.end()
    if text[cursor:end].strip():
        spans.append(_strip_span(text, cursor, end))
    return spans


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
