"""Place spans: articles and feature nouns around the name, compounds, unresolvable words, and the
countries, regions and large cities the model missed."""

import re
from collections import Counter
from collections.abc import Iterator

from app.ingest import context
from app.ingest.gazetteer import Gazetteer, GazetteerEntry
from app.ingest.lexicon import FEATURE_NOUNS, NAME_PARTICLES, STREET_NOUNS

ARTICLE = re.compile(r"^(?:l['’]|la |le |les )", re.IGNORECASE)
FEATURE_BEFORE = re.compile(r"\b(?P<noun>[a-zàâçéèêëîïôûù]+)(?P<link> (?:de la |de l['’]|du |des |de |d['’])| )$")
CAPITALISED_RUN = re.compile(r"[A-ZÀ-Ý][\w'’\-]*(?:\s+(?:d['’]|de |du |des |la |le )?[A-ZÀ-Ý][\w'’\-]*){0,3}")
SENTENCE_START = re.compile(r"(?:^|[.!?:«\"“]\s*)$")
SWEEP_CITY_POPULATION = 100_000
SWEEP_KINDS = ("country", "region")


def refine(text: str, start: int, end: int, gazetteer: Gazetteer) -> list[tuple[int, int]]:
    """The place span(s) within a model's place span; empty when it is not a place after all."""
    start = _strip_article(text, start, end, gazetteer)
    feature = _feature_start(text, start, end, gazetteer)
    if feature is not None:
        return [(feature, end)]
    if gazetteer.resolve(text[start:end]) is not None:
        return [(start, end)]
    parts = _compound_parts(text, start, end, gazetteer)
    if parts:
        return parts
    return [(start, end)] if _plausible_unknown(text, start, end, gazetteer) else []


def _strip_article(text: str, start: int, end: int, gazetteer: Gazetteer) -> int:
    """'La France' -> 'France': a country's article is grammar; a city's is its name ('Le Havre', 'La Havane')."""
    match = ARTICLE.match(text[start:end])
    if not match:
        return start
    rest = gazetteer.resolve(text[start + match.end() : end])
    if rest is not None and rest.kind in ("country", "region"):
        return start + match.end()
    return start


def _feature_start(text: str, start: int, end: int, gazetteer: Gazetteer) -> int | None:
    """'fleuve Sénégal', 'camp Geille', 'place de la Nation': the feature noun belongs to the name; in
    'base de Port-Bouët' or 'une rue de Paiporta' the name is a place of its own."""
    match = feature_before(text, start)
    if match is None:
        return None
    if match["link"] == " ":
        return match.start("noun")
    entry = gazetteer.resolve(text[start:end])
    known = entry is not None and entry.kind in ("country", "city")
    return match.start("noun") if match["noun"] in STREET_NOUNS and not known else None


def feature_before(text: str, start: int) -> re.Match[str] | None:
    """The feature noun written right before a name, with its link word ('fleuve ', 'place de la ')."""
    match = FEATURE_BEFORE.search(text, max(0, start - 40), start)
    return match if match and match.end() == start and match["noun"] in FEATURE_NOUNS else None


def _compound_parts(text: str, start: int, end: int, gazetteer: Gazetteer) -> list[tuple[int, int]]:
    """'Dakar-Bamako', 'Russie-Afrique': each side of a hyphen a known place."""
    surface = text[start:end]
    if surface.count("-") != 1:
        return []
    left, right = surface.split("-")
    if gazetteer.resolve(left) is None or gazetteer.resolve(right) is None:
        return []
    middle = start + len(left)
    return [(start, middle), (middle + 1, end)]


def _plausible_unknown(text: str, start: int, end: int, gazetteer: Gazetteer) -> bool:
    """An unknown name is kept when it reads as one: capitalised words, or a feature noun or known place
    qualified by lower-case words ('mer Égée', 'Asie centrale'); never a sentence-initial common noun."""
    words = text[start:end].split()
    opened = words[0].lower() in FEATURE_NOUNS or (len(words) > 1 and gazetteer.resolve(words[0]) is not None)
    if not opened and not all(w[0].isupper() or w.lower() in NAME_PARTICLES for w in words):
        return False
    if len(words) == 1 and SENTENCE_START.search(text[:start]):
        return False
    return not re.search(r"(?<![\w-])" + re.escape(text[start:end].lower()) + r"(?![\w-])", text)


def sweep(text: str, taken: list[tuple[int, int]], gazetteer: Gazetteer) -> Iterator[tuple[int, int]]:
    """Countries, regions and large cities written in the text that the model did not tag."""
    for match in CAPITALISED_RUN.finditer(text):
        found = _longest_known(text, match.start(), match.group(), gazetteer)
        if found and not any(s < found[1] and found[0] < e for s, e in taken) and _stands_alone(text, *found):
            yield _strip_article(text, *found, gazetteer), found[1]


def _longest_known(text: str, start: int, run: str, gazetteer: Gazetteer) -> tuple[int, int] | None:
    words = list(re.finditer(r"\S+", run))
    for size in range(len(words), 0, -1):
        end = start + words[size - 1].end()
        entry = gazetteer.resolve(text[start:end])
        if entry is not None and _sweepable(entry, text, start, end) and not gazetteer.is_demonym(text[start:end]):
            return start, end
    return None


def _sweepable(entry: GazetteerEntry, text: str, start: int, end: int) -> bool:
    """Countries and regions, and large cities; a lone word opening a sentence may be a common noun
    ('Réunion', 'Tours') and is left to the model."""
    if len(text[start:end].split()) == 1 and SENTENCE_START.search(text[:start]):
        return False
    return entry.kind in SWEEP_KINDS or (entry.kind == "city" and entry.population >= SWEEP_CITY_POPULATION)


def _stands_alone(text: str, start: int, end: int) -> bool:
    """Not part of a longer name: no capitalised word right before or after, no treaty noun before."""
    before = re.search(r"([\w'’-]+)\s+$", text[max(0, start - 40) : start])
    after = re.match(r"\s+([\w'’-]+)", text[end : end + 40])
    joined = before and before.group(1)[0].isupper() and not SENTENCE_START.search(text[: start - len(before.group(0))])
    return not joined and not (after and after.group(1)[0].isupper()) and not context.event_before(text, start)


def infer_country(section: int, start: int, resolved: list[tuple[int, int, GazetteerEntry]]) -> str | None:
    """For a place the gazetteer does not know: the country of the nearest known place in its paragraph,
    else the country the article names most."""
    near = [(abs(s - start), e.country_code) for sec, s, e in resolved if sec == section and e.country_code]
    if near:
        return min(near)[1]
    counts = Counter(e.country_code for _sec, _s, e in resolved if e.kind == "country")
    return counts.most_common(1)[0][0] if counts else None
