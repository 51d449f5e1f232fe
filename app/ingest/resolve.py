"""Mentions to entities, within one article: types corrected, variants merged, places geolocated."""

from app.ingest import acronyms, propagate
from app.ingest.extract import Span
from app.ingest.entities import ORGANISATION, PERSON, PLACE, Occurrence, ResolvedEntity
from app.ingest.gazetteer import Gazetteer, GazetteerEntry
from app.ingest.people import canonical_name, cluster_people, gender_of, name_tokens
from app.ingest.spans import Candidate, candidates
from app.text import accent_score, fold


def resolve(texts: list[str], spans: list[list[Span]], gazetteer: Gazetteer) -> list[ResolvedEntity]:
    """Resolves the model spans of one article's sections (title, caption, paragraphs) into entities."""
    found = [c for i, text in enumerate(texts) for span in spans[i] for c in candidates(span, text, i, gazetteer)]
    found = _drop_overlaps(found + _acronym_expansions(texts, found))
    _retype_surnames(found, gazetteer)
    entities = _people(found) + _places(found, gazetteer) + _organisations(found, texts)
    propagate.add_occurrences(entities, texts)
    return [entity for entity in entities if entity.mentions]


def _drop_overlaps(found: list[Candidate]) -> list[Candidate]:
    kept: list[Candidate] = []
    for candidate in sorted(found, key=lambda c: (c.section, c.start, -(c.end - c.start))):
        if not any(k.section == candidate.section and k.end > candidate.start for k in kept[-3:]):
            kept.append(candidate)
    return kept


def _acronym_expansions(texts: list[str], found: list[Candidate]) -> list[Candidate]:
    extra = []
    for section, text in enumerate(texts):
        for acronym in acronyms.parenthesised(text):
            start = acronym.expansion_start
            model = [c for c in found if c.section == section and c.end == acronym.expansion_end]
            if start is None and model:
                start = model[0].start
            if start is not None:
                surface = text[start : acronym.expansion_end]
                extra.append(Candidate(ORGANISATION, section, start, acronym.expansion_end, surface, forced=True))
                extra.append(Candidate(ORGANISATION, section, acronym.start, acronym.end, acronym.acronym))
    return extra


def _retype_surnames(found: list[Candidate], gazetteer: Gazetteer) -> None:
    """A lone word the model read as a place or organisation that is a person's surname is that person."""
    surnames = {name_tokens(c)[-1] for c in found if c.type == PERSON and len(name_tokens(c)) > 1}
    for candidate in found:
        tokens = name_tokens(candidate)
        if candidate.type != PERSON and not candidate.forced and len(tokens) == 1 and tokens[0] in surnames:
            candidate.type = PERSON
        elif candidate.type == PERSON and not candidate.forced and len(tokens) == 1 and tokens[0] not in surnames:
            entry = gazetteer.resolve(candidate.text)
            candidate.type = PLACE if entry is not None and entry.kind in ("country", "city") else PERSON


def _people(found: list[Candidate]) -> list[ResolvedEntity]:
    entities = []
    for cluster in cluster_people([c for c in found if c.type == PERSON]):
        name = canonical_name(cluster)
        entity = ResolvedEntity(PERSON, fold(name), name, gender=gender_of(cluster))
        for candidate in cluster:
            _add(entity, candidate)
            if candidate.title and candidate.title not in entity.titles:
                entity.titles.append(candidate.title)
        entities.append(entity)
    return entities


def _places(found: list[Candidate], gazetteer: Gazetteer) -> list[ResolvedEntity]:
    places = [c for c in found if c.type == PLACE]
    countries = frozenset(code for c in places if (code := gazetteer.country_code_of(c.text)))
    by_key: dict[str, ResolvedEntity] = {}
    for candidate in places:
        entry = gazetteer.resolve(candidate.text, context_countries=countries)
        name = _place_name(candidate.text, entry)
        key = f"geonames:{entry.geonames_id}" if entry and entry.geonames_id else fold(name)
        entity = by_key.setdefault(key, ResolvedEntity(PLACE, key, name, place=entry))
        entity.name = _fuller(entity.name, name)
        _add(entity, candidate)
    return list(by_key.values())


def _place_name(surface: str, entry: GazetteerEntry | None) -> str:
    """The gazetteer's spelling when it is the one the article used ('Havre' -> 'Le Havre'), else the text."""
    if entry is not None and fold(entry.name).endswith(fold(surface)):
        return entry.name
    return surface


def _organisations(found: list[Candidate], texts: list[str]) -> list[ResolvedEntity]:
    aliases = _acronym_aliases(texts)
    by_key: dict[str, ResolvedEntity] = {}
    for candidate in (c for c in found if c.type == ORGANISATION):
        name = aliases.get(fold(candidate.text), candidate.text)
        entity = by_key.setdefault(fold(name), ResolvedEntity(ORGANISATION, fold(name), name))
        entity.name = _fuller(entity.name, name)
        _add(entity, candidate)
    return list(by_key.values())


def _acronym_aliases(texts: list[str]) -> dict[str, str]:
    """Folded acronym -> the expansion it stands for in this article."""
    aliases = {}
    for text in texts:
        for acronym in acronyms.parenthesised(text):
            if acronym.expansion_start is not None:
                aliases[fold(acronym.acronym)] = text[acronym.expansion_start : acronym.expansion_end]
    return aliases


def _fuller(current: str, other: str) -> str:
    return other if fold(current) == fold(other) and accent_score(other) > accent_score(current) else current


def _add(entity: ResolvedEntity, candidate: Candidate) -> None:
    entity.aliases.add(candidate.text)
    entity.mentions.append(Occurrence(candidate.section, candidate.start, candidate.end, candidate.text))
