"""The spaCy adapter: the only module that imports spaCy. Texts in, plain `Span` lists out."""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

NER_LABELS = {"PER": "PER", "PERSON": "PER", "LOC": "LOC", "GPE": "LOC", "ORG": "ORG", "MISC": "MISC"}
UNUSED_PIPES = ("tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer", "senter")


@dataclass(frozen=True, slots=True)
class Span:
    label: str
    start: int
    end: int
    text: str


class Extractor(Protocol):
    name: str
    version: str

    def extract(self, texts: list[str]) -> list[list[Span]]: ...


class SpacyExtractor:
    """Runs a spaCy pipeline's NER over texts, one text per paragraph, in batches."""

    def __init__(self, nlp: Any, *, batch_size: int = 64) -> None:
        self._nlp = nlp
        self._batch_size = batch_size
        self.name = f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'pipeline')}"
        self.version = str(nlp.meta.get("version", "0"))

    def extract(self, texts: list[str]) -> list[list[Span]]:
        docs: Iterable[Any] = self._nlp.pipe(texts, batch_size=self._batch_size)
        return [[_span(ent) for ent in doc.ents if ent.label_ in NER_LABELS] for doc in docs]


def _span(ent: Any) -> Span:
    return Span(NER_LABELS[ent.label_], ent.start_char, ent.end_char, ent.text)


@cache
def load_extractor(model_name: str) -> SpacyExtractor:
    """Loads a packaged spaCy model once, with only the NER component (it has its own tok2vec)."""
    import spacy

    nlp = spacy.load(model_name, exclude=list(UNUSED_PIPES))
    return SpacyExtractor(nlp)
