"""Readers for the external NER evaluation corpora (measurement only, never training data).

Supported corpora, each in its own folder under the corpus root (see that folder's README.md):

* ``hipe2020-fr`` and ``newseye-fr``: HIPE-2022 TSV (one token per line, ``MISC`` flags).
* ``wikineural-fr``: ``index<TAB>token<TAB>tag`` lines, a blank line between sentences.

Text is rebuilt from the tokens and gold mentions become character spans into that text.

Text reconstruction
    HIPE: a space follows every token unless its ``MISC`` holds ``NoSpaceAfter``. OCR line ends
    (``EndOfLine``) become ordinary spaces. newseye-fr only: many ``NoSpaceAfter`` flags are spurious
    (they stand for lost line breaks), so, as the corpus README prescribes, a space is kept between two
    alphanumerics and after ``.,;:!?`` before a letter; an end-of-line hyphenation mark ``¬`` joins the
    two halves ("con¬" + "tenu" -> "contenu"; before a capital it becomes a hyphen: "Marie¬" +
    "Adélaïde" -> "Marie-Adélaïde"), and same-type mentions split by it are merged ("Rau¬" B-LOC +
    "court" B-LOC -> one LOC "Raucourt"). ``Partial-a:b`` flags (15 tokens in hipe2020-fr, several
    inconsistent) are ignored: a mention always covers whole tokens.
    WikiNEuRal: French detokenisation - no space after an elided token ending in an apostrophe
    ("l'", "qu'", "jusqu'"), none before ``, . ) %``.

Paragraphs
    The HIPE files carry no paragraph or segment markers (``EndOfLine`` marks OCR lines of ~10 words in
    hipe2020-fr and only hyphenated line ends in newseye-fr). A document is therefore cut into
    paragraphs of whole sentences (automatic ``EndOfSentence`` flags): a paragraph closes at the first
    sentence end after ``paragraph_chars`` characters (default 400, about a wire-story paragraph), and
    never inside a gold mention. ``paragraph_chars=None`` keeps each document as a single paragraph
    (how the corpus README's baseline was measured). A WikiNEuRal document is one sentence.

Labels
    The literal coarse column (``NE-COARSE-LIT``) is read: ``pers``/``PER`` -> PER, ``loc``/``LOC`` ->
    LOC, ``org``/``ORG`` -> ORG; ``prod``, ``time``, ``HumanProd`` and ``MISC`` mentions are dropped.
    IOB2 is decoded leniently: an ``I-`` tag after ``O`` or after another type starts a new mention.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_PARAGRAPH_CHARS = 400
LABELS = {"pers": "PER", "per": "PER", "loc": "LOC", "org": "ORG"}
CORPUS_FILES = {
    "hipe2020-fr": "hipe2020-fr/HIPE-2022-v2.1-hipe2020-test-fr.tsv",
    "newseye-fr": "newseye-fr/HIPE-2022-v2.1-newseye-test-fr.tsv",
    "wikineural-fr": "wikineural-fr/wikineural-fr-test-every3rd.conllu",
}
HYPHEN_MARK = "¬"
SENTENCE_PUNCT = tuple(".,;:!?")
NO_SPACE_BEFORE = {",", ".", ")", "%"}


@dataclass(frozen=True)
class GoldSpan:
    """A gold mention: ``paragraphs[paragraph][start:end]`` of its document, label PER/LOC/ORG."""

    paragraph: int
    start: int
    end: int
    label: str


@dataclass(frozen=True)
class EvalDoc:
    doc_id: str
    paragraphs: list[str]
    spans: list[GoldSpan]

    def mention_text(self, span: GoldSpan) -> str:
        return self.paragraphs[span.paragraph][span.start : span.end]


class Row(NamedTuple):
    """One HIPE token line: token, coarse literal IOB tag, MISC flags."""

    text: str
    tag: str
    misc: frozenset[str]


class Tok(NamedTuple):
    """A token ready for text reconstruction."""

    text: str
    tag: str
    space_after: bool
    sentence_end: bool = False


def default_root() -> Path:
    """``$EVAL_NER_DIR`` if set, else ``../shared/eval/ner`` next to the repository (not the cwd)."""
    env = os.environ.get("EVAL_NER_DIR")
    return Path(env) if env else (REPO_ROOT.parent / "shared" / "eval" / "ner").resolve()


def load_corpus(
    name: str, root: Path | None = None, paragraph_chars: int | None = DEFAULT_PARAGRAPH_CHARS
) -> list[EvalDoc]:
    """Read corpus ``name`` (a key of ``CORPUS_FILES``) from ``root`` (default: ``default_root()``)."""
    if name not in CORPUS_FILES:
        raise ValueError(f"unknown corpus {name!r}; expected one of {sorted(CORPUS_FILES)}")
    path = (root or default_root()) / CORPUS_FILES[name]
    if name == "wikineural-fr":
        return [build_doc(f"sent-{n}", toks, None) for n, toks in enumerate(read_wikineural(path))]
    to_tokens = newseye_tokens if name == "newseye-fr" else hipe_tokens
    return [build_doc(doc_id, to_tokens(rows), paragraph_chars) for doc_id, rows in read_hipe(path)]


# --- HIPE-2022 TSV -------------------------------------------------------------------------------


def read_hipe(path: Path) -> list[tuple[str, list[Row]]]:
    """Documents of a HIPE-2022 TSV file as ``(document_id, rows)``; columns located by the header."""
    docs: list[tuple[str, list[Row]]] = []
    columns: dict[str, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("TOKEN\t"):
            columns = {name: i for i, name in enumerate(line.split("\t"))}
        elif line.startswith("#") and "document_id" in line and "\t" not in line:
            docs.append((line.split("=", 1)[1].strip(), []))
        elif "\t" in line:  # token lines may start with "#" (OCR noise such as "#e"): tabs decide
            docs[-1][1].append(_hipe_row(line.split("\t"), columns))
    return docs


def _hipe_row(cells: list[str], columns: dict[str, int]) -> Row:
    misc = cells[columns["MISC"]]
    flags = frozenset() if misc == "_" else frozenset(misc.split("|"))
    return Row(cells[columns["TOKEN"]], cells[columns["NE-COARSE-LIT"]], flags)


def hipe_tokens(rows: list[Row]) -> list[Tok]:
    """hipe2020-fr: ``NoSpaceAfter`` is trusted as is."""
    return [Tok(r.text, r.tag, "NoSpaceAfter" not in r.misc, "EndOfSentence" in r.misc) for r in rows]


def newseye_tokens(rows: list[Row]) -> list[Tok]:
    """newseye-fr: repair spurious ``NoSpaceAfter`` flags and join ``¬`` hyphenations."""
    rows = merge_hyphenated_tags(rows)
    toks = []
    for row, nxt in zip(rows, [*rows[1:], None], strict=True):
        next_text = nxt.text if nxt else ""
        if row.text.endswith(HYPHEN_MARK) and len(row.text) > 1:
            text, space = join_hyphenated(row.text, next_text), False
        else:
            text, space = row.text, newseye_space(row.text, "NoSpaceAfter" in row.misc, next_text)
        toks.append(Tok(text, row.tag, space, "EndOfSentence" in row.misc))
    return toks


def join_hyphenated(text: str, next_text: str) -> str:
    """Drop the ``¬`` mark, or turn it into a hyphen when the next half starts with a capital."""
    return text[:-1] + ("-" if next_text[:1].isupper() else "")


def newseye_space(text: str, no_space_flag: bool, next_text: str) -> bool:
    """A space follows unless flagged, except where the flag is evidently spurious."""
    if not no_space_flag or not next_text:
        return True
    between_words = text[-1:].isalnum() and next_text[:1].isalnum()
    return between_words or (text.endswith(SENTENCE_PUNCT) and next_text[:1].isalpha())


def merge_hyphenated_tags(rows: list[Row]) -> list[Row]:
    """Turn ``B-X`` into ``I-X`` when it continues a same-type mention cut by ``¬`` ("Rau¬" "court")."""
    fixed = list(rows)
    for i in range(1, len(fixed)):
        prev, row = fixed[i - 1], fixed[i]
        cut = prev.text.endswith(HYPHEN_MARK) and prev.tag != "O"
        if cut and row.tag.startswith("B-") and row.tag[2:] == prev.tag[2:]:
            fixed[i] = row._replace(tag="I-" + row.tag[2:])
    return fixed


# --- WikiNEuRal -----------------------------------------------------------------------------------


def read_wikineural(path: Path) -> Iterator[list[Tok]]:
    """Sentences of the WikiNEuRal CoNLL-like file, detokenised."""
    sentence: list[tuple[str, str]] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.strip():
            _index, token, tag = line.split("\t")[:3]
            sentence.append((token, tag))
        elif sentence:
            yield wikineural_tokens(sentence)
            sentence = []


def wikineural_tokens(sentence: list[tuple[str, str]]) -> list[Tok]:
    nexts = [token for token, _ in sentence[1:]] + [""]
    return [Tok(tok, tag, wikineural_space(tok, nxt)) for (tok, tag), nxt in zip(sentence, nexts, strict=True)]


def wikineural_space(token: str, next_token: str) -> bool:
    elided = len(token) > 1 and token.endswith(("'", "\u2019"))
    return not elided and next_token not in NO_SPACE_BEFORE


# --- Common: paragraphs, text, spans ------------------------------------------------------------


def build_doc(doc_id: str, toks: list[Tok], paragraph_chars: int | None) -> EvalDoc:
    paragraphs: list[str] = []
    spans: list[GoldSpan] = []
    for index, group in enumerate(split_paragraphs(toks, paragraph_chars)):
        text, offsets = join_tokens(group)
        paragraphs.append(text)
        spans.extend(decode_spans(index, [t.tag for t in group], offsets))
    return EvalDoc(doc_id, paragraphs, spans)


def split_paragraphs(toks: list[Tok], limit: int | None) -> list[list[Tok]]:
    """Cut after a sentence end once ``limit`` characters are reached, never inside a mention."""
    groups: list[list[Tok]] = [[]]
    size = 0
    for tok, nxt in zip(toks, [*toks[1:], None], strict=True):
        groups[-1].append(tok)
        size += len(tok.text) + 1
        inside = nxt is not None and nxt.tag.startswith("I-")
        if limit is not None and tok.sentence_end and size >= limit and not inside and nxt:
            groups.append([])
            size = 0
    return [g for g in groups if g]


def join_tokens(toks: list[Tok]) -> tuple[str, list[tuple[int, int]]]:
    """Paragraph text and each token's ``(start, end)``; no trailing space."""
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    length = 0
    for i, tok in enumerate(toks):
        offsets.append((length, length + len(tok.text)))
        sep = " " if tok.space_after and i < len(toks) - 1 else ""
        parts.append(tok.text + sep)
        length += len(tok.text) + len(sep)
    return "".join(parts), offsets


def decode_spans(paragraph: int, tags: list[str], offsets: list[tuple[int, int]]) -> list[GoldSpan]:
    """IOB2 to spans (lenient: a stray ``I-`` opens a mention); unmapped types dropped."""
    found: list[tuple[int, int, str]] = []
    previous = "O"
    for tag, (start, end) in zip(tags, offsets, strict=True):
        prefix, _, kind = tag.partition("-")
        if prefix == "I" and previous in (f"B-{kind}", f"I-{kind}"):
            found[-1] = (found[-1][0], end, kind)
        elif prefix in ("B", "I"):
            found.append((start, end, kind))
        previous = tag
    return [GoldSpan(paragraph, s, e, LABELS[k.lower()]) for s, e, k in found if k.lower() in LABELS]
