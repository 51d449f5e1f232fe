"""Every further occurrence of a resolved entity's names in the article becomes a mention.

The model misses names it found elsewhere in the same article ('Assimi Goita' in a caption); once an
entity is known, its spellings are searched for, accent-insensitively, as capitalised whole words.
"""

import re
import unicodedata

from app.ingest.entities import PERSON, Occurrence, ResolvedEntity
from app.text import fold

MAX_FOLDED_CHARS = 65536


def fold_chars(text: str) -> str:
    """Folds accents and case character by character, keeping every offset where it was."""
    return text.translate(_FOLDED_CHARS)


def _fold_char(ch: str) -> str:
    base = unicodedata.normalize("NFKD", ch)[:1].lower()
    return base if len(base) == 1 else ch


class _FoldTable(dict[int, str]):
    """The `str.translate` table of :func:`_fold_char`, filled in as characters are first met (bounded)."""

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        if len(self) < MAX_FOLDED_CHARS:
            self[code] = folded
        return folded


_FOLDED_CHARS = _FoldTable()


def add_occurrences(entities: list[ResolvedEntity], texts: list[str]) -> None:
    taken = {(m.section, i) for e in entities for m in e.mentions for i in range(m.start, m.end)}
    folded = [fold_chars(text) for text in texts]
    for form, entity in _forms(entities):
        needle = fold_chars(form)
        pattern = re.compile(r"(?<![\w\-])" + re.escape(needle) + r"(?![\w\-])")
        for section, text in enumerate(texts):
            if needle not in folded[section]:  # a cheap test before the regex
                continue
            for match in pattern.finditer(folded[section]):
                start, end = match.span()
                if text[start].isupper() and not any((section, i) in taken for i in range(start, end)):
                    entity.mentions.append(Occurrence(section, start, end, text[start:end]))
                    taken.update((section, i) for i in range(start, end))
    for entity in entities:
        entity.mentions.sort(key=lambda m: (m.section, m.start))


def _forms(entities: list[ResolvedEntity]) -> list[tuple[str, ResolvedEntity]]:
    """Each spelling to look for, longest first; a surname only when one person of the article has it."""
    forms = [(alias, e) for e in entities for alias in e.aliases | {e.name}]
    surnames = [(e.name.split()[-1], e) for e in entities if e.type == PERSON and len(e.name.split()) > 1]
    counts = {fold(s): sum(fold(o) == fold(s) for o, _ in surnames) for s, _ in surnames}
    forms += [(surname, e) for surname, e in surnames if counts[fold(surname)] == 1]
    unique = {(fold(form), id(entity)): (form, entity) for form, entity in forms}
    return sorted(unique.values(), key=lambda pair: -len(pair[0]))
