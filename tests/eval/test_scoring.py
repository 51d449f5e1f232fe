import pytest

from app.eval.corpora import GoldSpan
from app.eval.scoring import PRF, Span, score, score_both


def counts(prf: PRF) -> tuple[int, int, int]:
    return prf.tp, prf.fp, prf.fn


def test_strict_needs_exact_offsets_and_label() -> None:
    gold = [GoldSpan(0, 0, 10, "PER"), GoldSpan(0, 20, 25, "LOC"), GoldSpan(1, 0, 5, "ORG")]
    predicted = [Span(0, 0, 10, "PER"), Span(0, 20, 24, "LOC"), Span(1, 0, 5, "LOC")]
    result = score(gold, predicted)
    assert counts(result["PER"]) == (1, 0, 0)
    assert counts(result["LOC"]) == (0, 2, 1)
    assert counts(result["ORG"]) == (0, 0, 1)
    assert counts(result["ALL"]) == (1, 2, 2)
    assert result["ALL"].precision == pytest.approx(1 / 3)
    assert result["ALL"].recall == pytest.approx(1 / 3)
    assert result["ALL"].f1 == pytest.approx(1 / 3)


def test_lenient_accepts_overlap_with_the_same_label_only() -> None:
    gold = [GoldSpan(0, 0, 26, "PER"), GoldSpan(0, 30, 36, "LOC")]
    predicted = [Span(0, 6, 26, "PER"), Span(0, 33, 40, "ORG")]
    result = score(gold, predicted, lenient=True)
    assert counts(result["PER"]) == (1, 0, 0)
    assert counts(result["LOC"]) == (0, 0, 1)
    assert counts(result["ORG"]) == (0, 1, 0)
    assert counts(score(gold, predicted)["PER"]) == (0, 1, 1)


def test_lenient_touching_spans_do_not_overlap() -> None:
    assert counts(score([GoldSpan(0, 0, 5, "LOC")], [Span(0, 5, 9, "LOC")], lenient=True)["LOC"]) == (0, 1, 1)


def test_lenient_one_prediction_cannot_match_two_gold_spans() -> None:
    gold = [GoldSpan(0, 0, 5, "LOC"), GoldSpan(0, 6, 12, "LOC")]
    result = score(gold, [Span(0, 0, 12, "LOC")], lenient=True)
    assert counts(result["LOC"]) == (1, 0, 1)


def test_lenient_one_gold_span_cannot_match_two_predictions() -> None:
    predicted = [Span(0, 0, 5, "PER"), Span(0, 6, 12, "PER")]
    result = score([GoldSpan(0, 0, 12, "PER")], predicted, lenient=True)
    assert counts(result["PER"]) == (1, 1, 0)


def test_lenient_matching_is_maximal_not_greedy() -> None:
    gold = [GoldSpan(0, 0, 10, "ORG"), GoldSpan(0, 20, 30, "ORG")]
    predicted = [Span(0, 5, 25, "ORG"), Span(0, 2, 4, "ORG")]  # greedy in order would pair 5-25 with 0-10
    assert counts(score(gold, predicted, lenient=True)["ORG"]) == (2, 0, 0)


def test_spans_in_different_paragraphs_never_match() -> None:
    gold = [Span(("doc-a", 0), 0, 5, "PER")]
    predicted = [Span(("doc-b", 0), 0, 5, "PER"), Span(("doc-a", 1), 0, 5, "PER")]
    assert counts(score(gold, predicted)["PER"]) == (0, 2, 1)
    assert counts(score(gold, predicted, lenient=True)["PER"]) == (0, 2, 1)


def test_strict_duplicates_count_once_each() -> None:
    result = score([GoldSpan(0, 0, 5, "PER")], [Span(0, 0, 5, "PER"), Span(0, 0, 5, "PER")])
    assert counts(result["PER"]) == (1, 1, 0)


def test_other_labels_are_ignored_and_empty_scores_are_zero() -> None:
    result = score([GoldSpan(0, 0, 5, "MISC")], [Span(0, 0, 5, "MISC")])
    assert set(result) == {"PER", "LOC", "ORG", "ALL"}
    assert result["ALL"] == PRF(0.0, 0.0, 0.0, 0, 0, 0)


def test_micro_average_and_f1() -> None:
    gold = [GoldSpan(0, 0, 5, "PER"), GoldSpan(0, 10, 15, "LOC"), GoldSpan(0, 20, 25, "LOC")]
    predicted = [Span(0, 0, 5, "PER"), Span(0, 10, 15, "LOC"), Span(0, 30, 35, "ORG")]
    both = score_both(gold, predicted)
    assert both["strict"]["ALL"] == PRF(2 / 3, 2 / 3, pytest.approx(2 / 3), 2, 1, 1)  # type: ignore[arg-type]
    assert both["strict"]["LOC"] == PRF(1.0, 0.5, pytest.approx(2 / 3), 1, 0, 1)  # type: ignore[arg-type]
    assert both["lenient"]["ALL"] == both["strict"]["ALL"]
