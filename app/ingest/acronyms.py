"""Acronyms introduced in parentheses and the words they abbreviate: 'État islamique (EI)'."""

import re
from dataclasses import dataclass
from functools import cache

from app.ingest.lexicon import ACRONYM_STOPWORDS, ORG_HEADS
from app.text import fold

ACRONYM = r"[A-ZÀ-Ý][\w.\-]{1,11}"
PARENTHESISED = re.compile(rf"\(\s*(?P<first>{ACRONYM})(?:\s+ou\s+(?P<second>{ACRONYM}))?\s*[,)]")
WORD = re.compile(r"[^\s'’\-]+")
MAX_WORDS = 12
MAX_PREFIX = 3


@dataclass(frozen=True, slots=True)
class Link:
    section: int
    acronym: str
    start: int
    end: int
    expansion_start: int
    expansion_end: int


def links(texts: list[str], spans: list[tuple[int, int, int]]) -> list[Link]:
    """Every '(ACRONYM)' with the words it stands for: found from the initials, else the name the model
    tagged right before the parenthesis. `spans` are the model's (section, start, end)."""
    found = []
    for section, text in enumerate(texts):
        for match in PARENTHESISED.finditer(text):
            end = len(text[: match.start()].rstrip())
            start = expand(text, match.start(), match["first"])
            if start is None:
                start = next((s for sec, s, e in spans if sec == section and e == end), None)
            for group in ("first", "second"):
                if start is not None and match[group] and _looks_like_acronym(match[group]):
                    found.append(Link(section, match[group], match.start(group), match.end(group), start, end))
    return found


def _looks_like_acronym(word: str) -> bool:
    """'EI', 'OMS', 'Cédéao', 'Unesco': upper-case letters, or one capital then a short lower-case run."""
    return sum(ch.isupper() for ch in word) >= 2 or (word.isalpha() and len(word) <= 8)


def expand(text: str, paren: int, acronym: str) -> int | None:
    """Start offset of the shortest run of words before `paren` whose initials spell `acronym`."""
    clause = re.split(r"[,;:.!?()«»\"]", text[:paren])[-1]
    offset = paren - len(clause)
    words = list(WORD.finditer(clause))
    letters = fold(acronym).replace(".", "").replace("-", "")
    for size in range(1, min(len(words), MAX_WORDS) + 1):
        run = words[-size:]
        if _opens_name(run[0].group()) and _spells(tuple(fold(w.group()) for w in run), letters):
            return offset + run[0].start()
    return None


def _opens_name(word: str) -> bool:
    return word[0].isupper() or fold(word) in ORG_HEADS


@cache
def _spells(words: tuple[str, ...], letters: str) -> bool:
    if not letters:
        return not words or all(word in ACRONYM_STOPWORDS for word in words)
    if not words:
        return False
    head, rest = words[0], words[1:]
    if head in ACRONYM_STOPWORDS and _spells(rest, letters):
        return True
    return any(
        head[:size] == letters[:size] and _spells(rest, letters[size:])
        for size in range(1, min(MAX_PREFIX, len(head)) + 1)
    )
