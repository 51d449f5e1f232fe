"""From a model span to a typed candidate: trimmed, honorifics peeled off, type corrected by context."""

import re
from dataclasses import dataclass

from app.ingest import context, places
from app.ingest.entities import ORGANISATION, PERSON, PLACE
from app.ingest.extract import Span
from app.ingest.gazetteer import Gazetteer
from app.ingest.lexicon import (
    FEATURE_NOUNS,
    GENERIC_CAPITALISED,
    HONORIFICS,
    NAME_PARTICLES,
    ORG_HEADS,
    STREET_NOUNS,
    TRAILING_FUNCTION_WORDS,
)
from app.ingest.names import first_name_gender
from app.text import fold

# A city read as an organisation is a place when it is a large one ('Moscou' for the Russian government);
# smaller names that a gazetteer knows are often companies ('Honda', a town in Colombia).
METONYM_CITY_POPULATION = 200_000
# A capital and an apostrophe that open a name ('N'Djamena', 'M'Bour'), unlike an elided article ("L'EI").
NAME_ELISIONS = "NMK"
EDGE_PUNCT = " \t\u00a0,;:.!?«»\"“”'’()[]-–—"
TOKEN = re.compile(r"\S+")
SPLIT_OF_PLACE = re.compile(r"^(?P<head>\S+)\s+(?:du|de la|de|d'|d’|des)\s*(?P<place>[A-ZÀ-Ý].*)$")


@dataclass(slots=True)
class Candidate:
    type: str
    section: int
    start: int
    end: int
    text: str
    gender: str | None = None
    title: str | None = None
    forced: bool = False


def candidates(span: Span, text: str, section: int, gazetteer: Gazetteer) -> list[Candidate]:
    """Zero, one or two typed candidates for one model span of one paragraph."""
    start, end = _bounds(text, span.start, span.end)
    if start >= end or context.dateline_credit(text, start, end):
        return []
    start, gender, honorific = _peel_honorifics(text, start, end)
    start, demonym = _peel_demonyms(text, start, end, gazetteer)
    start, role = _peel_role(text, start, end)
    if start >= end or (role and not looks_like_name(text[start:end].split())):
        return []
    label = "PER" if honorific or ((demonym or role) and _is_full_name(text[start:end])) else span.label
    if label == "PER" and (split := _split_place_tail(text, start, end, gazetteer)):
        return [c for lab, s, e in split for c in _typed(lab, text, s, e, section, gazetteer)]
    found = _typed(label, text, start, end, section, gazetteer)
    for candidate in found:
        candidate.gender = candidate.gender or gender
        candidate.forced = candidate.forced or honorific
    return found


def _bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Trims punctuation and dangling function words; takes in a capital elision ('N'Djamena')."""
    while start < end and text[start] in EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in EDGE_PUNCT and not _is_abbreviation_dot(text, start, end):
        end -= 1
    words = text[start:end].split()
    while len(words) > 1 and words[-1].lower() in TRAILING_FUNCTION_WORDS:
        end = text.rindex(words.pop(), start, end)
        end = start + len(text[start:end].rstrip())
    return (start - 2 if _elided_capital_before(text, start) else start), end


def _elided_capital_before(text: str, start: int) -> bool:
    """'N'' before 'Djamena' opens the name; an elided article ("L'EI") does not."""
    if start < 2 or text[start - 1] not in "'’" or text[start - 2] not in NAME_ELISIONS:
        return False
    return start == 2 or not text[start - 3].isalpha()


def _is_abbreviation_dot(text: str, start: int, end: int) -> bool:
    return text[end - 1] == "." and fold(text[start:end].split()[-1]) in HONORIFICS


def _peel_honorifics(text: str, start: int, end: int) -> tuple[int, str | None, bool]:
    gender, peeled = None, False
    while (match := TOKEN.match(text, start, end)) and fold(match.group()) in HONORIFICS:
        gender, peeled = gender or HONORIFICS[fold(match.group())], True
        start = _skip_space(text, match.end(), end)
    if peeled:
        return start, gender, True
    found, before = context.honorific_before(text, start)
    return start, before, found


def _peel_demonyms(text: str, start: int, end: int, gazetteer: Gazetteer) -> tuple[int, bool]:
    peeled = False
    while (match := TOKEN.match(text, start, end)) and match.end() < end and gazetteer.is_demonym(match.group()):
        start, peeled = _skip_space(text, match.end(), end), True
    return start, peeled


def _peel_role(text: str, start: int, end: int) -> tuple[int, bool]:
    """'général Assimi Goïta' -> 'Assimi Goïta'; a span that is only a role ends empty-handed."""
    match = TOKEN.match(text, start, end)
    if not match or not context.is_role(match.group()):
        return start, False
    for word in TOKEN.finditer(text, match.end(), end):
        if word.group()[0].isupper():
            return word.start(), True
    return end, True


def _skip_space(text: str, position: int, end: int) -> int:
    while position < end and text[position].isspace():
        position += 1
    return position


def _is_full_name(surface: str) -> bool:
    words = surface.split()
    return len(words) > 1 and looks_like_name(words)


def _split_place_tail(text: str, start: int, end: int, gazetteer: Gazetteer) -> list[tuple[str, int, int]] | None:
    """'Wagner du Mali' read as a person -> Wagner + Mali, when the head is one word, not an organisation noun."""
    match = SPLIT_OF_PLACE.match(text[start:end])
    if not match or fold(match["head"]) in ORG_HEADS:
        return None
    entry = gazetteer.resolve(match["place"])
    if entry is None or entry.kind != "country":
        return None
    return [("PER", start, start + match.end("head")), ("LOC", start + match.start("place"), end)]


def _typed(label: str, text: str, start: int, end: int, section: int, gazetteer: Gazetteer) -> list[Candidate]:
    kind, forced = _classify(label, text, start, text[start:end], gazetteer)
    if kind == PLACE:
        spans = places.refine(text, start, end, gazetteer)
        return [Candidate(PLACE, section, s, e, text[s:e], forced=forced) for s, e in spans]
    if kind is None:
        return []
    if kind == ORGANISATION:
        start = _organisation_start(text, start, end)
    candidate = Candidate(kind, section, start, end, text[start:end], forced=forced)
    if kind == PERSON and (title := context.title_before(text, start)):
        candidate.title, candidate.gender, candidate.forced = title.text, title.gender, True
    return [candidate]


def _classify(label: str, text: str, start: int, surface: str, gazetteer: Gazetteer) -> tuple[str | None, bool]:
    """The candidate's type, and whether the context (not the model) decided it."""
    words = surface.split()
    feature = places.feature_before(text, start)
    if feature is not None and (feature["link"] == " " or feature["noun"] in STREET_NOUNS):
        return PLACE, True
    if context.is_role(words[0]) or fold(surface) in GENERIC_CAPITALISED or gazetteer.is_demonym(surface):
        return None, False
    if fold(words[0]).split("'")[-1] in ORG_HEADS:
        return ORGANISATION, False
    if context.org_head_before(text, start) and not _has_first_name(words):
        return ORGANISATION, True
    if label != "PER" and _is_full_name(surface) and context.title_before(text, start):
        return PERSON, True
    return _by_label(label, text, start, surface, gazetteer), False


def _by_label(label: str, text: str, start: int, surface: str, gazetteer: Gazetteer) -> str | None:
    words = surface.split()
    if label == "PER":
        return PERSON if looks_like_name(words, particle_first=True) else None
    if label == "LOC":
        opened = surface[0].isupper() or words[0].lower() in FEATURE_NOUNS
        return PLACE if opened and not context.event_before(text, start) else None
    if label != "ORG" or not surface[0].isupper() or (surface.isupper() and _after_common_noun(text, start)):
        return None
    return _org_or_place(text, start, surface, gazetteer)


def _after_common_noun(text: str, start: int) -> bool:
    """'francs CFA', 'norme ISO': capitals qualifying the common noun before them."""
    before = context.words_before(text, start)
    word = before[-1].group() if before else ""
    return word.isalpha() and word.islower() and word not in context.FUNCTION_WORDS and not context.is_role(word)


def _org_or_place(text: str, start: int, surface: str, gazetteer: Gazetteer) -> str | None:
    portfolio = context.portfolio_before(text, start)
    if portfolio == "ministre":
        return None
    entry = None if portfolio else gazetteer.resolve(surface)
    if entry is not None and (entry.kind == "country" or entry.population >= METONYM_CITY_POPULATION):
        return PLACE
    return ORGANISATION


def _organisation_start(text: str, start: int, end: int) -> int:
    """Takes in 'ministère de l'' before a portfolio; drops a leading article ('L'Agence ...' -> 'Agence ...')
    unless the rest is one word, as in 'Le Monde'."""
    if context.portfolio_before(text, start) is not None:
        found = max(text.rfind("ministère", 0, start), text.rfind("ministere", 0, start))
        return found if found >= 0 else start
    article = places.ARTICLE.match(text[start:end])
    return start + article.end() if article and len(text[start + article.end() : end].split()) > 1 else start


def _has_first_name(words: list[str]) -> bool:
    """'Pedro Sánchez' after 'chef du gouvernement' is a person: a known first name opens it."""
    return len(words) > 1 and first_name_gender(words[0]) is not None


def looks_like_name(words: list[str], *, particle_first: bool = False) -> bool:
    """Capitalised words with particles inside ('Ahmed Ould Abdallah'), or first after an honorific
    ('M. de Montalivet'); at least one word more than an initial."""
    if not 1 <= len(words) <= 5 or not words[-1][0].isupper():
        return False
    if not words[0][0].isupper() and not (particle_first and words[0].lower() in NAME_PARTICLES):
        return False
    if not any(sum(ch.isalpha() for ch in word) > 1 and not word.endswith(".") for word in words):
        return False
    return all(word[0].isupper() or word.lower() in NAME_PARTICLES for word in words)
