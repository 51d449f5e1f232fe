from pathlib import Path

import pytest

from app.eval.corpora import CORPUS_FILES, EvalDoc, GoldSpan, default_root, load_corpus

COLUMNS = "TOKEN NE-COARSE-LIT NE-COARSE-METO NE-FINE-LIT NE-FINE-METO NE-FINE-COMP NE-NESTED NEL-LIT NEL-METO MISC"
HEADER = COLUMNS.replace(" ", "\t")


def hipe_doc(doc_id: str, rows: list[tuple[str, str, str]]) -> list[str]:
    comments = [
        f"# hipe2022:document_id = {doc_id}",
        "# hipe2022:date = 1900-01-01",
        "# hipe2022:language = fr",
    ]
    return comments + [f"{tok}\t{tag}\tO\t{tag}\tO\tO\tO\t_\t_\t{misc}" for tok, tag, misc in rows]


def write(root: Path, corpus: str, lines: list[str]) -> Path:
    path = root / CORPUS_FILES[corpus]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


HIPE_ROWS = [
    ("Le", "O", "_"),
    ("sieur", "B-pers", "_"),
    ("Jean", "I-pers", "NoSpaceAfter"),
    (",", "I-pers", "_"),
    ("maître", "I-pers", "EndOfLine"),
    ("à", "I-pers", "_"),
    ("Couvet", "I-pers", "NoSpaceAfter"),
    (".", "O", "EndOfSentence"),
    ("M", "B-pers", "NoSpaceAfter"),
    (".", "I-pers", "EndOfSentence"),
    ("Dupont", "I-pers", "_"),
    ("vit", "O", "_"),
    ("à", "O", "_"),
    ("Neuchâtel", "B-loc", "NoSpaceAfter"),
    (".", "O", "EndOfLine|EndOfSentence"),
    ("#e", "O", "_"),
    ("L", "B-prod", "NoSpaceAfter"),
    ("'", "I-prod", "NoSpaceAfter"),
    ("Impartial", "I-prod", "_"),
    ("et", "O", "_"),
    ("la", "O", "_"),
    ("BNS", "B-org", "NoSpaceAfter|Partial-0:1"),
    (".", "O", "EndOfSentence"),
]
HIPE_TEXT = "Le sieur Jean, maître à Couvet. M. Dupont vit à Neuchâtel. #e L'Impartial et la BNS."


@pytest.fixture
def hipe_root(tmp_path: Path) -> Path:
    second = hipe_doc("GDL-2", [("Berne", "B-loc", "_"), ("Berne", "I-loc", "_"), ("Zoug", "I-org", "_")])
    return write(tmp_path, "hipe2020-fr", [HEADER, *hipe_doc("EXP-1", HIPE_ROWS), *second])


def test_hipe_whole_document(hipe_root: Path) -> None:
    first, second = load_corpus("hipe2020-fr", hipe_root, paragraph_chars=None)
    assert first.doc_id == "EXP-1"
    assert first.paragraphs == [HIPE_TEXT]
    assert first.spans == [
        GoldSpan(0, 3, 30, "PER"),
        GoldSpan(0, 32, 41, "PER"),
        GoldSpan(0, 48, 57, "LOC"),
        GoldSpan(0, 80, 83, "ORG"),
    ]
    assert [first.mention_text(s) for s in first.spans] == [
        "sieur Jean, maître à Couvet",
        "M. Dupont",
        "Neuchâtel",
        "BNS",
    ]
    assert second == EvalDoc("GDL-2", ["Berne Berne Zoug"], [GoldSpan(0, 0, 11, "LOC"), GoldSpan(0, 12, 16, "ORG")])


def test_hipe_paragraphs_close_at_sentence_ends_but_never_inside_a_mention(hipe_root: Path) -> None:
    doc = load_corpus("hipe2020-fr", hipe_root, paragraph_chars=1)[0]
    assert doc.paragraphs == [
        "Le sieur Jean, maître à Couvet.",
        "M. Dupont vit à Neuchâtel.",
        "#e L'Impartial et la BNS.",
    ]
    assert doc.spans == [
        GoldSpan(0, 3, 30, "PER"),
        GoldSpan(1, 0, 9, "PER"),
        GoldSpan(1, 16, 25, "LOC"),
        GoldSpan(2, 21, 24, "ORG"),
    ]


def test_hipe_paragraph_size_threshold(hipe_root: Path) -> None:
    doc = load_corpus("hipe2020-fr", hipe_root, paragraph_chars=40)[0]
    assert doc.paragraphs == [
        "Le sieur Jean, maître à Couvet. M. Dupont vit à Neuchâtel.",
        "#e L'Impartial et la BNS.",
    ]


NEWSEYE_ROWS = [
    ("Le", "O", "NoSpaceAfter"),
    ("vin", "O", "_"),
    ("con¬", "O", "NoSpaceAfter|EndOfLine"),
    ("tenu", "O", "_"),
    ("à", "O", "_"),
    ("Rau¬", "B-LOC", "NoSpaceAfter|EndOfLine"),
    ("court", "B-LOC", "NoSpaceAfter"),
    (".", "O", "NoSpaceAfter|EndOfSentence"),
    ("Ce", "O", "_"),
    ("jour", "O", "NoSpaceAfter"),
    ("-", "O", "NoSpaceAfter"),
    ("là", "O", "NoSpaceAfter"),
    (",", "O", "_"),
    ("Marie¬", "B-PER", "NoSpaceAfter|EndOfLine"),
    ("Adélaïde", "I-PER", "_"),
    ("d", "O", "NoSpaceAfter"),
    ("'", "O", "NoSpaceAfter"),
    ("Autriche", "B-LOC", "_"),
    ("lut", "O", "_"),
    ("Le", "B-HumanProd", "_"),
    ("Matin", "I-HumanProd", "NoSpaceAfter"),
    (".", "O", "NoSpaceAfter|EndOfSentence"),
    ("—", "O", "_"),
    ("Paris", "B-LOC", "_"),
]


def test_newseye_spacing_hyphenation_and_merged_mentions(tmp_path: Path) -> None:
    root = write(tmp_path, "newseye-fr", [HEADER, *hipe_doc("hidden_test_fr_1", NEWSEYE_ROWS)])
    (doc,) = load_corpus("newseye-fr", root, paragraph_chars=None)
    text = "Le vin contenu à Raucourt. Ce jour-là, Marie-Adélaïde d'Autriche lut Le Matin.— Paris"
    assert doc.paragraphs == [text]
    assert doc.spans == [
        GoldSpan(0, 17, 25, "LOC"),
        GoldSpan(0, 39, 53, "PER"),
        GoldSpan(0, 56, 64, "LOC"),
        GoldSpan(0, 80, 85, "LOC"),
    ]
    assert [doc.mention_text(s) for s in doc.spans] == ["Raucourt", "Marie-Adélaïde", "Autriche", "Paris"]


WIKINEURAL = """0\tSelon\tO
1\tl'\tO
2\tONU\tB-ORG
3\t(\tO
4\tNew\tB-LOC
5\tYork\tI-LOC
6\t)\tO
7\t,\tO
8\tJean\tB-PER
9\tDupont\tI-PER
10\ta\tO
11\tvu\tO
12\tParis\tI-LOC
13\tà\tO
14\t50\tO
15\t%\tO
16\t.\tO

0\tLe\tO
1\tTour\tB-MISC
2\tde\tI-MISC
3\tFrance\tI-LOC
4\t.\tO
"""


def test_wikineural_detokenisation_and_ill_formed_tags(tmp_path: Path) -> None:
    path = tmp_path / CORPUS_FILES["wikineural-fr"]
    path.parent.mkdir(parents=True)
    path.write_text(WIKINEURAL, encoding="utf-8")
    first, second = load_corpus("wikineural-fr", tmp_path)
    assert first.doc_id == "sent-0"
    assert first.paragraphs == ["Selon l'ONU ( New York), Jean Dupont a vu Paris à 50%."]
    assert first.spans == [
        GoldSpan(0, 8, 11, "ORG"),
        GoldSpan(0, 14, 22, "LOC"),
        GoldSpan(0, 25, 36, "PER"),
        GoldSpan(0, 42, 47, "LOC"),
    ]
    assert second == EvalDoc("sent-1", ["Le Tour de France."], [GoldSpan(0, 11, 17, "LOC")])


def test_unknown_corpus_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown corpus"):
        load_corpus("conll2003", tmp_path)


def test_default_root_is_relative_to_the_repository(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("EVAL_NER_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    repo = Path(__file__).resolve().parents[2]
    assert default_root() == (repo.parent / "shared" / "eval" / "ner").resolve()
    monkeypatch.setenv("EVAL_NER_DIR", str(tmp_path))
    assert default_root() == tmp_path
