"""What the words around a span say about it: honorifics, role titles, organisation heads."""

import re
from dataclasses import dataclass
from functools import lru_cache

from app.ingest.lexicon import (
    EVENT_NOUNS,
    FEMININE_DETERMINERS,
    HONORIFICS,
    MASCULINE_DETERMINERS,
    ORG_HEADS,
    ROLE_NOUNS,
    ROLE_PREFIXES,
)
from app.text import fold

DATELINE = re.compile(r"^[^,.()]{2,40},\s+(?:\w+\s+){0,2}\d{1,2}(?:er)?\s+\w+\s+\d{4}\s*$")
WORD = re.compile(r"[\w’'.\-]+|[,;:!?()«»\"“”]")
CLAUSE_BREAK = {";", ":", "!", "?", "(", ")", "«", "»", '"', "“", "”"}
TITLE_BREAKERS = {
    "a", "ont", "est", "sont", "avait", "était", "sera", "qui", "que", "qu'", "et", "avec", "par", "pour",
    "selon", "contre", "dont", "où", "lors", "après", "avant", "chez", "entre", "sur", "sous", "vers", "ou",
    "mais", "il", "elle", "ils", "elles", "ce", "cette", "son", "sa", "ses", "leur", "dans", "comme",
}  # fmt: skip
DETERMINERS = {"le", "la", "les", "du", "des", "au", "aux", "un", "une", "ce", "cette", "son", "sa", "leur", "notre"}
FUNCTION_WORDS = {"de", "du", "des", "d'", "d’", "l'", "l’", "la", "le", "les", "au", "aux", "à", "en", "et"}
MAX_TITLE_WORDS = 7
WINDOW = 120


@dataclass(frozen=True, slots=True)
class Title:
    text: str
    gender: str | None


def words_before(text: str, start: int) -> list[re.Match[str]]:
    """The word tokens of the window before `start`, nearest last."""
    window_start = max(0, start - WINDOW)
    return list(WORD.finditer(text, window_start, start))


def honorific_before(text: str, start: int) -> tuple[bool, str | None]:
    """Whether an honorific ("M.", "Mme") stands right before `start`, and the gender it gives."""
    tokens = words_before(text, start)
    if not tokens or text[tokens[-1].end() : start].strip():
        return False, None
    word = fold(tokens[-1].group())
    return (True, HONORIFICS[word]) if word in HONORIFICS else (False, None)


def role_gender(word: str) -> str | None:
    return ROLE_NOUNS.get(strip_role_prefix(word.lower()))


@lru_cache(maxsize=65536)
def strip_role_prefix(word: str) -> str:
    """'vice-président' -> 'président' when the rest is a role noun (memoised: every word before a name is tried)."""
    for prefix in ROLE_PREFIXES:
        if word.startswith(prefix) and word[len(prefix) :] in ROLE_NOUNS:
            return word[len(prefix) :]
    return word


def is_role(word: str) -> bool:
    return strip_role_prefix(word.lower()) in ROLE_NOUNS


def title_before(text: str, start: int) -> Title | None:
    """The role phrase introducing a name: 'le ministre russe de l'Energie, ' -> 'ministre russe de l'Energie'."""
    tokens = words_before(text, start)
    if tokens and tokens[-1].group() == ",":
        tokens.pop()
    if not tokens or text[tokens[-1].end() : start].strip(" ,\u00a0") or tokens[-1].group().lower() in FUNCTION_WORDS:
        return None
    for back, token in enumerate(reversed(tokens[-(MAX_TITLE_WORDS + 1) :])):
        word = token.group()
        if word in CLAUSE_BREAK or word == "," or word.endswith("."):
            return None
        if is_role(word):
            return _title(text, tokens, len(tokens) - 1 - back)
        if word.lower() in TITLE_BREAKERS:
            return None
    return None


def _title(text: str, tokens: list[re.Match[str]], index: int) -> Title:
    phrase = text[tokens[index].start() : tokens[-1].end()]
    gender = role_gender(tokens[index].group())
    if gender is None and index > 0:
        gender = _determiner_gender(tokens[index - 1].group())
    return Title(phrase, gender)


def _determiner_gender(word: str) -> str | None:
    word = word.lower()
    if word in MASCULINE_DETERMINERS:
        return "m"
    return "f" if word in FEMININE_DETERMINERS else None


def org_head_before(text: str, start: int, *, max_words: int = 3) -> bool:
    """Whether a determined organisation noun stands just before: 'le groupe paramilitaire russe ' + name
    (not 'mettant en garde ' + name)."""
    tokens = words_before(text, start)[-(max_words + 1) :]
    if tokens and text[tokens[-1].end() : start].strip():
        return False
    for index in range(len(tokens) - 1, -1, -1):
        word = tokens[index].group().lower()
        if word in CLAUSE_BREAK or word == "," or word in FUNCTION_WORDS or word.endswith(("'", "’")):
            return False
        head = re.split(r"['’]", word)[-1]
        if head in ORG_HEADS:
            return _determined(tokens, index)
    return False


def _determined(tokens: list[re.Match[str]], index: int) -> bool:
    word = tokens[index].group().lower()
    if re.match(r"^[ld]['’]", word):
        return True
    return index > 0 and tokens[index - 1].group().lower() in DETERMINERS


def event_before(text: str, start: int) -> bool:
    """Whether the name follows a treaty or operation noun: 'accord de Paris', 'opération Barkhane'."""
    tokens = [re.split(r"['’]", t.group().lower())[-1] for t in words_before(text, start)[-3:]]
    while tokens and tokens[-1] in FUNCTION_WORDS | {""}:
        tokens.pop()
    return bool(tokens) and tokens[-1] in EVENT_NOUNS


def dateline_credit(text: str, start: int, end: int) -> bool:
    """An agency credit in a dateline: 'Dakar, 4 mars 2025 (AFP) - ...'."""
    return text[start - 1 : start] == "(" and text[end : end + 1] == ")" and bool(DATELINE.match(text[: start - 1]))


def portfolio_before(text: str, start: int) -> str | None:
    """'ministre'/'ministère' when the span is a portfolio: 'ministre russe de l'Energie'."""
    tokens = words_before(text, start)[-5:]
    joined = " ".join(token.group().lower() for token in tokens)
    match = re.search(r"\b(ministre|ministère|ministere)\b[\w\s\-]*\b(de l'|de la|du|des|de)$", joined)
    if not match and text[max(0, start - 2) : start].lower() in ("l'", "l’"):
        match = re.search(r"\b(ministre|ministère|ministere)\b[\w\s\-]*\bde$", joined.removesuffix(" l'"))
    return match.group(1) if match else None
