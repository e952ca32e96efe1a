"""jieba with the domain user dictionary, and spaCy `blank("zh")` on top of it, loaded once per process.

jieba's dictionary is process-wide (spaCy's jieba segmenter uses the same one), so this module is the
only place that loads it.
"""

import functools
import logging
import re

from analyzer.lexicon import lexicon_dir

_CJK = re.compile(r"[\u4e00-\u9fff]")
STOPWORDS = frozenset(
    "关于 问题 整改 情况 方面 进行 工作 相关 有关 存在 开展 落实 加强 进一步 要求 对于 以及 其中 我们 "
    "已经 完成 推进 部分 没有 未能 目前 截至 通过 按照 根据 确保 切实 不断 提高 同时 严格 规范 全面 "
    "一是 二是 三是 四是 五是 的 了 和 与 及 在 对 为 将 由 是 等 中 并 已 把 从 向 被 于 之 其 该 "
    "措施 整改措施 整改进展 整改情况 责任人 完成时限 整改状态".split()
)


@functools.cache
def jieba_tokenizer():
    """jieba, with the user dictionary (口头批评教育, 举一反三, 建章立制 stay whole) loaded once."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.load_userdict(str(lexicon_dir() / "userdict.txt"))
    return jieba


@functools.cache
def spacy_pipeline():
    """spaCy blank("zh") whose tokenizer is the jieba above; a sentencizer on Chinese punctuation."""
    import spacy

    jieba_tokenizer()
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("sentencizer", config={"punct_chars": ["。", "！", "？", "；", "!", "?", "\n"]})
    return nlp


def words(text: str) -> list[str]:
    """Tokens of `text` from spaCy's tokenizer (jieba with the domain dictionary), spaces dropped."""
    return [token.text for token in spacy_pipeline().tokenizer(text) if token.text.strip()]


def content_tokens(text: str) -> list[str]:
    """Features for similarity: content words plus character bigrams of each CJK word.

    Module-level (not a lambda) so a vectorizer using it can be saved and loaded again.
    """
    tokens = []
    for word in words(text):
        if word in STOPWORDS or not (_CJK.search(word) or any(c.isdigit() for c in word)):
            continue
        tokens.append(word)
        if len(word) > 2 and _CJK.match(word):
            tokens.extend(word[i:i + 2] for i in range(len(word) - 1))
    return tokens
