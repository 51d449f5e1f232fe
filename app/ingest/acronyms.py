"""Acronyms introduced in parentheses and the words they abbreviate: 'État islamique (EI)'."""

import re
from dataclasses import dataclass
from functools import cache

from app.ingest.lexicon import ACRONYM_STOPWORDS, ORG_HEADS
from app.text import fold

ACRONYM = r"[A-ZÀ-Ý][\w.\-]{1,11}"
PARENTHESISED = re.compile(rf"\(\s*(?P<first>{ACRONYM})(?:(?:\s+ou\s+|\s*,\s*)(?P<second>{ACRONYM})\b)?[^()]*\)")
WORD = re.compile(r"[^\s'’\-]+")
MAX_WORDS = 12
MAX_PREFIX = 3
MAX_LOWER_WORDS = 6


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
                start = _model_expansion(text, end, [(s, e) for sec, s, e in spans if sec == section])
            for group in ("first", "second"):
                if start is not None and match[group] and _looks_like_acronym(match[group]):
                    found.append(Link(section, match[group], match.start(group), match.end(group), start, end))
    return found


def _model_expansion(text: str, end: int, spans: list[tuple[int, int]]) -> int | None:
    """A tagged name right before the parenthesis, or followed only by lower-case words up to it:
    'Agence des États-Unis pour le développement international (USAID)'."""
    for start, span_end in sorted(spans, key=lambda s: -s[1]):
        between = text[span_end:end]
        if span_end <= end and not re.search(r"[^\w\s'’\-]", between) and between == between.lower():
            return start if len(between.split()) <= MAX_LOWER_WORDS else None
    return None


def _looks_like_acronym(word: str) -> bool:
    """'EI', 'OMS', 'M23', 'Cédéao', 'Unesco': capitals and digits, or one capital then a short lower-case run."""
    return sum(ch.isupper() or ch.isdigit() for ch in word) >= 2 or (word.isalpha() and len(word) <= 8)


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


def spells(name: str, letters: str) -> bool:
    """Whether the words of `name` spell the folded acronym `letters`: 'Paris Saint-Germain' spells 'psg'."""
    return _spells(tuple(fold(w.group()) for w in WORD.finditer(name)), letters)


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
