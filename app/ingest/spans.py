"""From a model span to a typed candidate: trimmed, honorifics peeled off, type corrected by context."""

import re
from dataclasses import dataclass

from app.ingest import context
from app.ingest.entities import ORGANISATION, PERSON, PLACE
from app.ingest.extract import Span
from app.ingest.gazetteer import Gazetteer
from app.ingest.lexicon import GENERIC_CAPITALISED, HONORIFICS, NAME_PARTICLES, ORG_HEADS
from app.text import fold

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
    start, end = _trim(text, span.start, span.end)
    start, gender, peeled = _peel_honorifics(text, start, end)
    start = _peel_demonyms(text, start, end, gazetteer)
    if start >= end:
        return []
    split = _split_place_tail(text, start, end, span.label, gazetteer)
    if split:
        return [c for part in split for c in _typed(part[0], text, part[1], part[2], section, gazetteer)]
    label = "PER" if peeled else span.label
    found = _typed(label, text, start, end, section, gazetteer)
    for candidate in found:
        candidate.gender = candidate.gender or gender
        candidate.forced = candidate.forced or peeled
    return found


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in EDGE_PUNCT and not _is_abbreviation_dot(text, start, end):
        end -= 1
    return start, end


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


def _peel_demonyms(text: str, start: int, end: int, gazetteer: Gazetteer) -> int:
    while (match := TOKEN.match(text, start, end)) and match.end() < end and gazetteer.is_demonym(match.group()):
        start = _skip_space(text, match.end(), end)
    return start


def _skip_space(text: str, position: int, end: int) -> int:
    while position < end and text[position].isspace():
        position += 1
    return position


def _split_place_tail(
    text: str, start: int, end: int, label: str, gazetteer: Gazetteer
) -> list[tuple[str, int, int]] | None:
    """'Wagner du Mali' -> Wagner + Mali, when the head is one proper name, not an organisation noun."""
    match = SPLIT_OF_PLACE.match(text[start:end])
    if label not in ("PER", "ORG") or not match or fold(match["head"]) in ORG_HEADS:
        return None
    entry = gazetteer.resolve(match["place"])
    if entry is None or entry.kind not in ("country", "city"):
        return None
    head_end = start + match.end("head")
    return [(label, start, head_end), ("LOC", start + match.start("place"), end)]


def _typed(label: str, text: str, start: int, end: int, section: int, gazetteer: Gazetteer) -> list[Candidate]:
    surface = text[start:end]
    kind = _classify(label, text, start, surface, gazetteer)
    if kind is None:
        return []
    if kind == ORGANISATION and (head := _portfolio_start(text, start)) is not None:
        start, surface = head, text[head:end]
    candidate = Candidate(kind, section, start, end, surface)
    if kind == PERSON and (title := context.title_before(text, start)):
        candidate.title, candidate.gender, candidate.forced = title.text, title.gender, True
    return [candidate]


def _classify(label: str, text: str, start: int, surface: str, gazetteer: Gazetteer) -> str | None:
    words = surface.split()
    if fold(words[0]) in ORG_HEADS or fold(words[0]).split("'")[-1] in ORG_HEADS:
        return ORGANISATION
    if fold(surface) in GENERIC_CAPITALISED or gazetteer.is_demonym(surface):
        return None
    if label in ("PER", "MISC") and context.org_head_before(text, start):
        return ORGANISATION
    if label == "PER" or (label == "MISC" and context.title_before(text, start)):
        return PERSON if looks_like_name(words) else None
    if label == "LOC":
        return PLACE if surface[0].isupper() else None
    if label == "ORG":
        return _org_or_place(text, start, surface, gazetteer)
    return None


def _org_or_place(text: str, start: int, surface: str, gazetteer: Gazetteer) -> str | None:
    portfolio = context.portfolio_before(text, start)
    if portfolio == "ministre":
        return None
    entry = None if portfolio else gazetteer.resolve(surface)
    return PLACE if entry is not None and entry.kind in ("country", "city") else ORGANISATION


def _portfolio_start(text: str, start: int) -> int | None:
    if context.portfolio_before(text, start) is None:
        return None
    found = max(text.rfind("ministère", 0, start), text.rfind("ministere", 0, start))
    return found if found >= 0 else None


def looks_like_name(words: list[str]) -> bool:
    """Capitalised words, particles allowed inside: 'Assimi Goïta', 'Ahmed Ould Abdallah'."""
    if not 1 <= len(words) <= 5 or not words[0][0].isupper() or not words[-1][0].isupper():
        return False
    return all(word[0].isupper() or word.lower() in NAME_PARTICLES for word in words)
