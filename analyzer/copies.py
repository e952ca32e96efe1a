"""Reports copied from another unit's report (照抄照搬): MinHash over character shingles after masking
place names, person names and numbers, then the passages the two share."""

import re

from datasketch import MinHash, MinHashLSH

from analyzer.batch import Outcome
from analyzer.lexicon import load_lexicon
from analyzer.results import Frozen
from analyzer.structure import sentences

SHINGLE = 5
PERMUTATIONS = 128
COPY_SIMILARITY = 0.5  # estimated Jaccard of masked shingles from which two reports are a copied pair
MIN_PASSAGE = 15  # characters a shared sentence needs to be quoted
PERSON = re.compile(r"[\u4e00-\u9fa5]某某?")
NUMBER = re.compile(r"[0-9０-９]+(\.[0-9]+)?")


class CopyPair(Frozen):
    unit_a: str
    township_a: str
    round_a: str
    report_a: str
    unit_b: str
    township_b: str
    round_b: str
    report_b: str
    similarity: float
    shared_passages: list[str]


def mask(text: str) -> str:
    """Names of places and people and all numbers replaced (keeping every offset), so a copy with the
    names swapped still matches."""
    lexicon = load_lexicon("named_only")
    for hit in sorted(lexicon.find(text, "named_unit"), key=lambda h: -h.start):
        text = text[:hit.start] + "〇" * (hit.end - hit.start) + text[hit.end:]
    text = PERSON.sub(lambda m: "某" * len(m.group()), text)
    return NUMBER.sub(lambda m: "#" * len(m.group()), text)


def _minhash(text: str) -> MinHash:
    signature = MinHash(num_perm=PERMUTATIONS, seed=1)
    compact = re.sub(r"\s", "", text)
    for i in range(max(1, len(compact) - SHINGLE + 1)):
        signature.update(compact[i:i + SHINGLE].encode("utf-8"))
    return signature


def find_copies(outcomes: list[Outcome]) -> list[CopyPair]:
    """Pairs of reports of different units whose masked texts are near-copies."""
    masked = [mask(o.report_text) for o in outcomes]
    signatures = [_minhash(m) for m in masked]
    index = MinHashLSH(threshold=COPY_SIMILARITY, num_perm=PERMUTATIONS)
    for i, signature in enumerate(signatures):
        index.insert(str(i), signature)
    pairs = []
    for i, signature in enumerate(signatures):
        for j in sorted(int(k) for k in index.query(signature)):
            a, b = outcomes[i], outcomes[j]
            if j <= i or (a.job.township, a.job.unit) == (b.job.township, b.job.unit):
                continue
            similarity = signature.jaccard(signatures[j])
            if similarity >= COPY_SIMILARITY:
                pairs.append(_pair(a, b, similarity, masked[i], masked[j]))
    return sorted(pairs, key=lambda p: -p.similarity)


def _pair(a: Outcome, b: Outcome, similarity: float, masked_a: str, masked_b: str) -> CopyPair:
    b_sentences = {masked_b[s:e] for s, e in sentences(masked_b)}
    shared = [a.report_text[s:e] for s, e in sentences(masked_a)
              if e - s >= MIN_PASSAGE and masked_a[s:e] in b_sentences]
    return CopyPair(unit_a=a.job.unit, township_a=a.job.township, round_a=a.job.round, report_a=a.job.report,
                    unit_b=b.job.unit, township_b=b.job.township, round_b=b.job.round, report_b=b.job.report,
                    similarity=round(similarity, 3), shared_passages=shared)
