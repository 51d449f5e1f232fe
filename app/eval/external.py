"""Extraction quality on the external corpora (see ``app.eval.corpora``), and a small CLI.

An *extractor* takes the paragraphs of one document and returns, for each paragraph, its mentions as
``(start, end, label)`` character spans with label PER, LOC or ORG (other labels are ignored).

* ``raw_spacy_extractor(model)``: the bare spaCy model, for the baseline.
* ``pipeline_extractor()``: hook for the full ingestion pipeline (``app.ingest``), to be wired in.

    python -m app.eval.external [--model fr_core_news_md] [--limit-docs N] [--extractor raw|pipeline]
                                [--corpora NAME ...] [--whole-docs | --paragraph-chars N]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.eval.corpora import CORPUS_FILES, DEFAULT_PARAGRAPH_CHARS, EvalDoc, load_corpus
from app.eval.scoring import ALL, PRF, SCORED_LABELS, Span, score_both

Triple = tuple[int, int, str]
Extractor = Callable[[list[str]], list[list[Triple]]]
Scores = dict[str, dict[str, PRF]]  # {"strict"|"lenient": {label: PRF}}
Predictions = list[list[list[Triple]]]  # document -> paragraph -> mentions

PIPELINE_LABELS = {"person": "PER", "place": "LOC", "organisation": "ORG"}
NEWSEYE_TABLE_PAGE = "hidden_test_fr_25"  # stock-market tables, reported with and without


def raw_spacy_extractor(model_name: str = "fr_core_news_md") -> Extractor:
    """The model's own entities, as the product's spaCy adapter returns them (MISC dropped)."""
    from app.ingest.extract import load_extractor

    model = load_extractor(model_name)

    def extract(paragraphs: list[str]) -> list[list[Triple]]:
        return [
            [(s.start, s.end, s.label) for s in spans if s.label in SCORED_LABELS]
            for spans in model.extract(paragraphs)
        ]

    return extract


def pipeline_extractor(model_name: str = "fr_core_news_md") -> Extractor:
    """The full pipeline: each document's paragraphs resolved as one article, every mention kept."""
    from app.ingest.extract import load_extractor
    from app.ingest.gazetteer import get_gazetteer
    from app.ingest.resolve import resolve

    model = load_extractor(model_name)

    def extract(paragraphs: list[str]) -> list[list[Triple]]:
        found: list[list[Triple]] = [[] for _ in paragraphs]
        for entity in resolve(paragraphs, model.extract(paragraphs), get_gazetteer()):
            for mention in entity.mentions:
                found[mention.section].append((mention.start, mention.end, PIPELINE_LABELS[entity.type]))
        return found

    return extract


EXTRACTORS: dict[str, Callable[[argparse.Namespace], Extractor]] = {
    "raw": lambda args: raw_spacy_extractor(args.model),
    "pipeline": lambda args: pipeline_extractor(args.model),
}


# --- evaluation -----------------------------------------------------------------------------------


def extract_all(docs: Sequence[EvalDoc], extractor: Extractor, docs_per_call: int = 1) -> Predictions:
    """Run ``extractor`` on the paragraphs of ``docs_per_call`` documents at a time.

    1 (the default) hands it one article per call, as the ingestion pipeline sees them; larger values
    only speed up extractors that treat every paragraph independently, such as the raw model.
    """
    predictions: Predictions = []
    for first in range(0, len(docs), docs_per_call):
        chunk = docs[first : first + docs_per_call]
        found = extractor([paragraph for doc in chunk for paragraph in doc.paragraphs])
        predictions.extend(_split_results(chunk, found))
    return predictions


def _split_results(chunk: Sequence[EvalDoc], found: list[list[Triple]]) -> Predictions:
    expected = sum(len(doc.paragraphs) for doc in chunk)
    if len(found) != expected:
        raise ValueError(f"{chunk[0].doc_id}: {len(found)} results for {expected} paragraphs")
    results, position = [], 0
    for doc in chunk:
        results.append([_checked(doc, i, found[position + i]) for i in range(len(doc.paragraphs))])
        position += len(doc.paragraphs)
    return results


def _checked(doc: EvalDoc, index: int, mentions: list[Triple]) -> list[Triple]:
    size = len(doc.paragraphs[index])
    wrong = [m for m in mentions if not 0 <= m[0] < m[1] <= size]
    if wrong:
        raise ValueError(f"{doc.doc_id} paragraph {index} ({size} chars): bad spans {wrong[:3]}")
    return [(start, end, label) for start, end, label in mentions]


def gold_spans(docs: Sequence[EvalDoc]) -> list[Span]:
    return [Span((d.doc_id, s.paragraph), s.start, s.end, s.label) for d in docs for s in d.spans]


def predicted_spans(docs: Sequence[EvalDoc], predictions: Predictions) -> list[Span]:
    return [
        Span((doc.doc_id, index), start, end, label)
        for doc, paragraphs in zip(docs, predictions, strict=True)
        for index, mentions in enumerate(paragraphs)
        for start, end, label in mentions
    ]


def score_predictions(docs: Sequence[EvalDoc], predictions: Predictions) -> Scores:
    return score_both(gold_spans(docs), predicted_spans(docs, predictions))


def evaluate(corpus_docs: Sequence[EvalDoc], extractor: Extractor, docs_per_call: int = 1) -> Scores:
    """Strict and lenient PRF (per PER/LOC/ORG and micro "ALL") of ``extractor`` on the documents."""
    return score_predictions(corpus_docs, extract_all(corpus_docs, extractor, docs_per_call))


# --- CLI ------------------------------------------------------------------------------------------


@dataclass
class Row:
    corpus: str
    docs: int
    words: int
    seconds: float
    scores: Scores


def run_corpus(name: str, extractor: Extractor, args: argparse.Namespace) -> list[Row]:
    """Score one corpus; for newseye-fr also without the stock-market page."""
    docs = load_corpus(name, args.root, None if args.whole_docs else args.paragraph_chars)
    docs = docs[: args.limit_docs] if args.limit_docs else docs
    started = time.perf_counter()
    predictions = extract_all(docs, extractor, args.docs_per_call or (64 if args.extractor == "raw" else 1))
    seconds = time.perf_counter() - started
    rows = [Row(name, len(docs), _words(docs), seconds, score_predictions(docs, predictions))]
    keep = [i for i, d in enumerate(docs) if d.doc_id != NEWSEYE_TABLE_PAGE]
    if name == "newseye-fr" and len(keep) < len(docs):
        subset = [docs[i] for i in keep]
        scores = score_predictions(subset, [predictions[i] for i in keep])
        label = f"{name} w/o {NEWSEYE_TABLE_PAGE}"
        rows.append(Row(label, len(subset), _words(subset), float("nan"), scores))
    return rows


def _words(docs: Sequence[EvalDoc]) -> int:
    return sum(len(p.split()) for d in docs for p in d.paragraphs)


def _pct(value: float) -> str:
    return f"{100 * value:.1f}"


def _prf_cell(prf: PRF) -> str:
    if not prf.tp + prf.fp + prf.fn:
        return "n/a"
    return " / ".join(_pct(v) for v in (prf.precision, prf.recall, prf.f1))


def markdown_table(rows: Sequence[Row]) -> str:
    labels = [*SCORED_LABELS, ALL]
    head = ["corpus", "docs"] + [f"{lab} P / R / F1" for lab in labels] + ["lenient F1 PER / LOC / ORG / ALL"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in rows:
        strict, lenient = row.scores["strict"], row.scores["lenient"]
        cells = [_prf_cell(strict[lab]) for lab in labels]
        loose = " / ".join(_pct(lenient[lab].f1) for lab in labels)
        lines.append("| " + " | ".join([row.corpus, str(row.docs), *cells, loose]) + " |")
    return "\n".join(lines)


def timing_table(rows: Sequence[Row]) -> str:
    lines = ["| corpus | docs | words | seconds | docs/s | words/s |", "|---|---|---|---|---|---|"]
    for r in rows:
        if r.seconds == r.seconds:  # skip NaN (re-scored subsets)
            rate = f"{r.docs / r.seconds:.1f} | {r.words / r.seconds:.0f}"
            lines.append(f"| {r.corpus} | {r.docs} | {r.words} | {r.seconds:.1f} | {rate} |")
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="NER scores on the external evaluation corpora.")
    parser.add_argument("--model", default="fr_core_news_md", help="spaCy model for the raw extractor")
    parser.add_argument("--extractor", choices=sorted(EXTRACTORS), default="raw")
    parser.add_argument("--limit-docs", type=int, default=0, help="first N documents of each corpus")
    parser.add_argument("--corpora", nargs="+", choices=sorted(CORPUS_FILES), default=list(CORPUS_FILES))
    parser.add_argument("--root", type=Path, default=None, help="corpus folder (default: $EVAL_NER_DIR)")
    parser.add_argument("--paragraph-chars", type=int, default=DEFAULT_PARAGRAPH_CHARS)
    parser.add_argument("--whole-docs", action="store_true", help="one paragraph per document")
    parser.add_argument("--docs-per-call", type=int, default=0, help="default: 64 for raw, 1 otherwise")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    started = time.perf_counter()
    extractor = EXTRACTORS[args.extractor](args)
    print(f"extractor {args.extractor} ({args.model}) loaded in {time.perf_counter() - started:.1f}s\n")
    rows = [row for name in args.corpora for row in run_corpus(name, extractor, args)]
    print(markdown_table(rows) + "\n\nStrict: exact span and label. Lenient: overlap and label.\n")
    print(timing_table(rows))


if __name__ == "__main__":
    main()
