import pytest

from app.eval.corpora import EvalDoc, GoldSpan
from app.eval.external import Row, evaluate, extract_all, markdown_table

DOCS = [
    EvalDoc("a", ["Jean Dupont vit à Paris.", "Rien."], [GoldSpan(0, 0, 11, "PER"), GoldSpan(0, 18, 23, "LOC")]),
    EvalDoc("b", ["Le sieur Jean Dupont."], [GoldSpan(0, 3, 20, "PER")]),
]


def fake_extractor(paragraphs: list[str]) -> list[list[tuple[int, int, str]]]:
    found = []
    for text in paragraphs:
        start = text.find("Jean Dupont")
        found.append([(start, start + 11, "PER")] if start >= 0 else [])
    return found


def test_evaluate_scores_each_document_paragraph() -> None:
    scores = evaluate(DOCS, fake_extractor)
    strict, lenient = scores["strict"], scores["lenient"]
    assert (strict["PER"].tp, strict["PER"].fp, strict["PER"].fn) == (1, 1, 1)
    assert (lenient["PER"].tp, lenient["PER"].fp, lenient["PER"].fn) == (2, 0, 0)
    assert (strict["ALL"].tp, strict["ALL"].fp, strict["ALL"].fn) == (1, 1, 2)


def test_extractor_must_answer_every_paragraph() -> None:
    with pytest.raises(ValueError, match="1 results for 2 paragraphs"):
        extract_all(DOCS, lambda paragraphs: [[]])


def test_markdown_table_layout() -> None:
    table = markdown_table([Row("demo", 2, 9, 0.1, evaluate(DOCS, fake_extractor))])
    header, _rule, line = table.splitlines()
    assert header.startswith("| corpus | docs | PER P / R / F1 |")
    cells = [cell.strip() for cell in line.strip("|").split("|")]
    assert cells == [
        "demo",
        "2",
        "50.0 / 50.0 / 50.0",
        "0.0 / 0.0 / 0.0",
        "n/a",
        "50.0 / 33.3 / 40.0",
        "100.0 / 0.0 / 0.0 / 80.0",
    ]


def test_several_documents_per_call_give_the_same_predictions() -> None:
    calls: list[int] = []

    def counting(paragraphs: list[str]) -> list[list[tuple[int, int, str]]]:
        calls.append(len(paragraphs))
        return fake_extractor(paragraphs)

    assert extract_all(DOCS, counting, docs_per_call=2) == extract_all(DOCS, fake_extractor)
    assert calls == [3]


def test_spans_outside_the_paragraph_are_rejected() -> None:
    with pytest.raises(ValueError, match="b paragraph 0"):
        extract_all(DOCS[1:], lambda paragraphs: [[(10, 99, "PER")]])
