"""Mentions to entities, within one article: types corrected, variants merged, places geolocated."""

from app.ingest import acronyms, places, propagate
from app.ingest.entities import ORGANISATION, PERSON, PLACE, Occurrence, ResolvedEntity
from app.ingest.extract import Span
from app.ingest.gazetteer import Gazetteer, GazetteerEntry
from app.ingest.lexicon import ORG_HEADS, WELL_KNOWN_ACRONYMS
from app.ingest.people import canonical_name, cluster_people, gender_of, name_tokens, surnames
from app.ingest.spans import Candidate, candidates
from app.text import accent_score, fold


def resolve(texts: list[str], spans: list[list[Span]], gazetteer: Gazetteer) -> list[ResolvedEntity]:
    """Resolves the model spans of one article's sections (title, caption, paragraphs) into entities."""
    found = [c for i, text in enumerate(texts) for span in spans[i] for c in candidates(span, text, i, gazetteer)]
    links = acronyms.links(texts, [(c.section, c.start, c.end) for c in found])
    found = _drop_overlaps(found + [c for link in links for c in _acronym_candidates(texts, link, gazetteer)])
    found = _drop_overlaps(found + _swept(texts, found, gazetteer))
    _retype_people(found, gazetteer)
    aliases = {fold(acronym): name for acronym, name in WELL_KNOWN_ACRONYMS.items()}
    aliases |= {fold(link.acronym): texts[link.section][link.expansion_start : link.expansion_end] for link in links}
    aliases |= _written_out(found, aliases, gazetteer)
    _unify_types(found)
    entities = _people(found) + _places(found, gazetteer) + _organisations(found, aliases)
    propagate.add_occurrences(entities, texts)
    return [entity for entity in entities if entity.mentions]


def _drop_overlaps(found: list[Candidate]) -> list[Candidate]:
    """Where candidates overlap, the one typed by context wins, then the longer, then the earlier."""
    kept: list[Candidate] = []
    for candidate in sorted(found, key=lambda c: (not c.forced, -(c.end - c.start), c.section, c.start)):
        if not any(
            k.section == candidate.section and k.start < candidate.end and candidate.start < k.end for k in kept
        ):
            kept.append(candidate)
    return sorted(kept, key=lambda c: (c.section, c.start))


def _acronym_candidates(texts: list[str], link: acronyms.Link, gazetteer: Gazetteer) -> list[Candidate]:
    """The expansion and its acronym: an organisation, or a place when the gazetteer knows it ('RDC')."""
    text = texts[link.section]
    expansion = text[link.expansion_start : link.expansion_end]
    kind = PLACE if gazetteer.country_code_of(expansion) else ORGANISATION
    return [Candidate(kind, link.section, link.expansion_start, link.expansion_end, expansion, forced=True),
            Candidate(kind, link.section, link.start, link.end, link.acronym, forced=True)]  # fmt: skip


def _written_out(found: list[Candidate], aliases: dict[str, str], gazetteer: Gazetteer) -> dict[str, str]:
    """Acronyms used without parentheses whose letters open the words of a name in the article ('PSG');
    that name is then an organisation too, unless it is a country."""
    names = [c for c in found if len(c.text.split()) > 1]
    written = {}
    for candidate in found:
        letters = fold(candidate.text)
        if candidate.type == ORGANISATION and candidate.text.isupper() and letters not in aliases:
            match = [n for n in names if acronyms.spells(n.text, letters)]
            if len({fold(n.text) for n in match}) == 1 and not gazetteer.country_code_of(match[0].text):
                written[letters] = match[0].text
                for named in match:
                    named.type, named.forced = ORGANISATION, True
    return written


def _unify_types(found: list[Candidate]) -> None:
    """One name, one type within an article: what the context decided wins, else the majority."""
    by_name: dict[str, list[Candidate]] = {}
    for candidate in found:
        by_name.setdefault(fold(candidate.text), []).append(candidate)
    for group in by_name.values():
        votes = [c.type for c in group if c.forced] or [c.type for c in group]
        kind = max(sorted(set(votes)), key=votes.count)
        for candidate in group:
            candidate.type = kind


def _swept(texts: list[str], found: list[Candidate], gazetteer: Gazetteer) -> list[Candidate]:
    extra = []
    for section, text in enumerate(texts):
        taken = [(c.start, c.end) for c in found if c.section == section]
        extra += [Candidate(PLACE, section, s, e, text[s:e]) for s, e in places.sweep(text, taken, gazetteer)]
    return extra


def _retype_people(found: list[Candidate], gazetteer: Gazetteer) -> None:
    """Corrects types by what the article says of its people.

    A word the model read as a place or organisation is a person when it is a person's surname or full
    name ('Goïta', 'Pedro Sánchez') or opens with the name an honorific gave ('Tedros Adhanom Ghebreyesus'
    after 'M. Tedros'); a lone word read as a person that nobody bears and the gazetteer knows is a place.
    """
    full = [name_tokens(c) for c in found if c.type == PERSON and len(name_tokens(c)) > 1]
    names = {t for tokens in full for t in surnames(tokens)} | {" ".join(tokens) for tokens in full}
    called = {name_tokens(c)[0] for c in found if c.type == PERSON and c.forced and len(name_tokens(c)) == 1}
    for candidate in (c for c in found if not c.forced):
        tokens = name_tokens(candidate)
        if candidate.type != PERSON and (" ".join(tokens) in names or (len(tokens) > 1 and tokens[0] in called)):
            candidate.type = PERSON
        elif candidate.type == PERSON and len(tokens) == 1 and tokens[0] not in names:
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
    found = [c for c in found if c.type == PLACE]
    countries = frozenset(code for c in found if (code := gazetteer.country_code_of(c.text)))
    entries = [(c, gazetteer.resolve(c.text, context_countries=countries)) for c in found]
    known = [(c.section, c.start, entry) for c, entry in entries if entry is not None]
    by_key: dict[str, ResolvedEntity] = {}
    for candidate, entry in entries:
        name = _place_name(candidate.text, entry)
        key = f"geonames:{entry.geonames_id}" if entry and entry.geonames_id else fold(name)
        entity = by_key.setdefault(key, ResolvedEntity(PLACE, key, name, place=entry))
        entity.name = _fuller(entity.name, name)
        if entry is None and entity.country_code is None:
            entity.country_code = places.infer_country(candidate.section, candidate.start, known)
        _add(entity, candidate)
    return list(by_key.values())


def _place_name(surface: str, entry: GazetteerEntry | None) -> str:
    """The gazetteer's spelling when it is the one the article used ('Havre' -> 'Le Havre'), else the text."""
    if entry is not None and fold(entry.name).endswith(fold(surface)):
        return entry.name.replace("’", "'")
    return surface.replace("’", "'")


def _organisations(found: list[Candidate], aliases: dict[str, str]) -> list[ResolvedEntity]:
    organisations = [c for c in found if c.type == ORGANISATION]
    by_key: dict[str, ResolvedEntity] = {}
    for candidate in organisations:
        name = aliases.get(fold(candidate.text)) or _head_reference(candidate, organisations) or candidate.text
        if fold(name) in ORG_HEADS:
            continue
        name = name.replace("’", "'")
        entity = by_key.setdefault(fold(name), ResolvedEntity(ORGANISATION, fold(name), name))
        entity.name = _fuller(entity.name, name)
        _add(entity, candidate)
    return list(by_key.values())


def _head_reference(candidate: Candidate, organisations: list[Candidate]) -> str | None:
    """'la Commission' after 'la Commission de l'Union africaine': the one organisation opening with that word."""
    if fold(candidate.text) not in ORG_HEADS:
        return None
    fuller = {c.text for c in organisations if fold(c.text).startswith(fold(candidate.text) + " ")}
    return fuller.pop() if len(fuller) == 1 else None


def _fuller(current: str, other: str) -> str:
    return other if fold(current) == fold(other) and accent_score(other) > accent_score(current) else current


def _add(entity: ResolvedEntity, candidate: Candidate) -> None:
    entity.aliases.add(candidate.text)
    entity.mentions.append(Occurrence(candidate.section, candidate.start, candidate.end, candidate.text))
