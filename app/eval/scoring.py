"""Span-level NER scores: strict (CoNLL exact match) and lenient (overlap), per label and micro "ALL".

A span is anything with ``paragraph`` (any hashable locator, e.g. ``(doc_id, index)``), ``start``,
``end`` (character offsets, end exclusive) and ``label``. Only PER, LOC and ORG are scored; spans with
other labels are ignored on both sides.

* strict: a prediction is a true positive when a gold span has the same locator, offsets and label
  (duplicates count once per copy, as a multiset).
* lenient: a prediction and a gold span match when they share the locator and label and their
  character ranges overlap; each gold and each prediction is used in at most one match, and the
  number of matches is maximised (bipartite matching), so one long prediction covering two gold
  mentions earns one true positive and one false negative.

Precision, recall and F1 are 0.0 when their denominator is 0.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

SCORED_LABELS = ("PER", "LOC", "ORG")
ALL = "ALL"


class SpanLike(Protocol):
    @property
    def paragraph(self) -> Hashable: ...

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def label(self) -> str: ...


@dataclass(frozen=True)
class Span:
    """A concrete span; ``paragraph`` locates the text (``(doc_id, index)`` across a corpus)."""

    paragraph: Hashable
    start: int
    end: int
    label: str


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float
    tp: int
    fp: int
    fn: int

    @classmethod
    def from_counts(cls, tp: int, fp: int, fn: int) -> PRF:
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return cls(precision, recall, f1, tp, fp, fn)


Key = tuple[Hashable, int, int, str]


def score(gold: Iterable[SpanLike], predicted: Iterable[SpanLike], lenient: bool = False) -> dict[str, PRF]:
    """PRF per label in ``SCORED_LABELS`` plus the micro-average ``"ALL"``."""
    gold_keys, pred_keys = _keys(gold), _keys(predicted)
    counts = {}
    for label in SCORED_LABELS:
        g = [k for k in gold_keys if k[3] == label]
        p = [k for k in pred_keys if k[3] == label]
        tp = _lenient_tp(g, p) if lenient else _strict_tp(g, p)
        counts[label] = (tp, len(p) - tp, len(g) - tp)
    result = {label: PRF.from_counts(*c) for label, c in counts.items()}
    result[ALL] = PRF.from_counts(*(sum(c[i] for c in counts.values()) for i in range(3)))
    return result


def score_both(gold: Sequence[SpanLike], predicted: Sequence[SpanLike]) -> dict[str, dict[str, PRF]]:
    return {"strict": score(gold, predicted), "lenient": score(gold, predicted, lenient=True)}


def _keys(spans: Iterable[SpanLike]) -> list[Key]:
    return [(s.paragraph, s.start, s.end, s.label) for s in spans if s.label in SCORED_LABELS]


def _strict_tp(gold: list[Key], predicted: list[Key]) -> int:
    return sum((Counter(gold) & Counter(predicted)).values())


def _lenient_tp(gold: list[Key], predicted: list[Key]) -> int:
    """Maximum one-to-one matching of overlapping spans, computed per paragraph."""
    by_paragraph: defaultdict[Hashable, tuple[list[Key], list[Key]]] = defaultdict(lambda: ([], []))
    for key in gold:
        by_paragraph[key[0]][0].append(key)
    for key in predicted:
        by_paragraph[key[0]][1].append(key)
    return sum(_max_matching(g, p) for g, p in by_paragraph.values())


def _overlaps(a: Key, b: Key) -> bool:
    return a[1] < b[2] and b[1] < a[2]


def _max_matching(gold: list[Key], predicted: list[Key]) -> int:
    """Size of a maximum bipartite matching (Kuhn's augmenting paths); groups are small."""
    edges = [[j for j, p in enumerate(predicted) if _overlaps(g, p)] for g in gold]
    owner: dict[int, int] = {}  # prediction index -> gold index
    return sum(_augment(i, edges, owner, set()) for i in range(len(gold)))


def _augment(i: int, edges: list[list[int]], owner: dict[int, int], seen: set[int]) -> bool:
    for j in edges[i]:
        if j in seen:
            continue
        seen.add(j)
        if j not in owner or _augment(owner[j], edges, owner, seen):
            owner[j] = i
            return True
    return False
