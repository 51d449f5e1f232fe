"""A deterministic synthetic corpus, written through the project's storage layer (no model run).

    python bench/corpus.py --articles 100000                      # bench/.cache/corpus-100000.sqlite
    python bench/corpus.py --articles 100000 --postgres           # database newsapi_bench_100000 on 127.0.0.1
    python bench/corpus.py --articles 2000 --url sqlite:////tmp/x.sqlite --force

N articles of about 500 words of French-like text; 2–8 people and 1–5 places per article drawn from Zipf
distributions over 20,000 people and 5,000 places with accented names ("Éloïse Ménard",
"Saint-Étienne-du-Lac"); dates uniform over five years (2021–2025); one marker word (`MARKER`) in about 10 %
of the articles, for the search benchmark. Same N, same seed: same corpus, byte for byte in the article rows.

The database is built by the project's Alembic migrations (`app.cli.migrate`), then filled with
`app.ingest.store.store_article` in a SQLModel session on `app.db.make_engine`, committed every `--batch`
articles. Each mention carries true character offsets into the section it names ([title, caption,
*paragraphs], as `app.ingest.entities.Occurrence` counts them).

The SQLite file is built under a temporary name and renamed when complete, with a sidecar JSON
(`corpus-<N>.json`: migration head, generator version, seed, build time); `ensure_sqlite()` rebuilds when the
generator changes. A corpus built at an older migration head is brought to the head by the migrations, as any
deployed database is. PostgreSQL databases are reused when they hold N articles, migrated likewise.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python bench/corpus.py` from the repository root
    sys.path.insert(0, str(ROOT))

from sqlalchemy import event, text  # noqa: E402

from app.ingest.entities import PERSON, PLACE, Occurrence, ResolvedEntity  # noqa: E402
from app.ingest.gazetteer import GazetteerEntry  # noqa: E402
from app.text import fold  # noqa: E402

GENERATOR_VERSION = 1
SEED = 20251125
CACHE = ROOT / "bench" / ".cache"
PG_ADMIN_URL = os.environ.get("BENCH_PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
PEOPLE, PLACES = 20_000, 5_000
ZIPF_S = float(os.environ.get("BENCH_ZIPF_S", "1.0"))
# What a corpus's articles depend on (its schema follows the migrations: an older corpus is upgraded, not
# rebuilt).
CORPUS_KEY = {"generator": GENERATOR_VERSION, "zipf_s": ZIPF_S}
BUILD_CACHE = "PRAGMA cache_size=-262144"  # 256 MB, for the builder's connection
MARKER = "référendum"  # in ~10 % of articles, nowhere else: the `q=` word of the benchmark
MARKER_SHARE = 0.10
START_DATE, DAYS = date(2021, 1, 1), 5 * 365 + 1

FIRST_NAMES = [
    "Éloïse",
    "Hélène",
    "Stéphane",
    "Jérôme",
    "François",
    "Loïc",
    "Maëlle",
    "Noémie",
    "Zoé",
    "Agnès",
    "Cécile",
    "Inès",
    "Léa",
    "Chloé",
    "Anaïs",
    "Clémence",
    "Gaëlle",
    "Joël",
    "Raphaël",
    "Mickaël",
    "Benoît",
    "Gérard",
    "Frédéric",
    "Amélie",
    "Aurélie",
    "Mélanie",
    "Valérie",
    "Séverine",
    "Régis",
    "Hervé",
    "Thérèse",
    "Geneviève",
    "Françoise",
    "Andrée",
    "Renée",
    "Léon",
    "Léo",
    "Théo",
    "Mathéo",
    "Noël",
    "Anaëlle",
    "Héloïse",
    "Océane",
    "Maïwenn",
    "Ségolène",
    "Édouard",
    "Émile",
    "Étienne",
    "Éric",
    "Élise",
    "Émilie",
    "Ève",
    "Yannick",
    "Rémi",
    "Sébastien",
    "Gaël",
    "Aimé",
    "Bénédicte",
    "Jérémie",
    "Désiré",
    "Adèle",
    "Alice",
    "Camille",
    "Claire",
    "Louise",
    "Margot",
    "Pauline",
    "Sarah",
    "Julie",
    "Marie",
    "Anne",
    "Jeanne",
    "Lucie",
    "Manon",
    "Emma",
    "Jade",
    "Louis",
    "Paul",
    "Jules",
    "Hugo",
    "Lucas",
    "Arthur",
    "Gabriel",
    "Adam",
    "Nathan",
    "Tom",
    "Victor",
    "Martin",
    "Pierre",
    "Jean",
    "Jacques",
    "Michel",
    "Alain",
    "Bernard",
    "Patrick",
    "Christophe",
    "Nicolas",
    "Olivier",
    "Thierry",
    "Laurent",
    "Philippe",
    "Didier",
    "Pascal",
    "Vincent",
    "Denis",
    "Assia",
    "Karim",
    "Mehdi",
    "Nadia",
    "Yacine",
    "Fatoumata",
    "Mamadou",
    "Aïssata",
    "Moussa",
    "Ousmane",
    "Adama",
    "Awa",
    "Ibrahima",
    "Aminata",
]
ONSETS = [
    "b",
    "br",
    "c",
    "ch",
    "d",
    "f",
    "g",
    "gr",
    "j",
    "l",
    "m",
    "n",
    "p",
    "pr",
    "r",
    "s",
    "t",
    "tr",
    "v",
    "bl",
    "cl",
    "fl",
    "pl",
    "gu",
    "qu",
    "z",
]
# Plain vowels weigh more than accented ones, so that names read French rather than decorated.
VOWELS = [
    "a",
    "a",
    "a",
    "e",
    "e",
    "e",
    "i",
    "i",
    "o",
    "o",
    "u",
    "ou",
    "ou",
    "au",
    "eu",
    "ai",
    "oi",
    "an",
    "en",
    "on",
    "in",
    "é",
    "é",
    "è",
    "ê",
    "ë",
    "ï",
    "â",
    "ô",
]
CODAS = ("", "", "", "", "", "n", "r", "l", "s", "t", "rd", "nd", "rt", "ux", "x", "c", "lle", "tte", "ne", "re")
SURNAME_ENDS = ("ard", "ier", "eau", "on", "et", "in", "and", "ot", "ès", "ey", "oux", "ac", "ert", "ène", "aud")
SAINTS = [
    "Étienne",
    "Émilion",
    "Léger",
    "Rémy",
    "Gênes",
    "Jérôme",
    "Hélier",
    "Médard",
    "Agrève",
    "Cézaire",
    "Hippolyte",
    "Éloi",
    "Gaudens",
    "Honoré",
]
LINKS = ("du", "de", "des", "sur", "sous", "lès", "en")
RIVERS = [
    "Lèze",
    "Rhône",
    "Loire",
    "Garonne",
    "Sèvre",
    "Mézère",
    "Vézère",
    "Isère",
    "Aude",
    "Orbe",
    "Dordogne",
    "Saône",
    "Meuse",
    "Essonne",
    "Yèvre",
]
KINDS = (("city", 70), ("region", 15), ("landmark", 10), ("country", 5))
COUNTRIES = (("FR", 50, 42.5, 51.0, -4.5, 8.0), ("BE", 6, 49.5, 51.5, 2.5, 6.4), ("CH", 5, 45.8, 47.8, 6.0, 10.5),
             ("CA", 5, 45.0, 50.0, -79.0, -60.0), ("ML", 4, 11.0, 20.0, -12.0, 4.0), ("SN", 4, 12.5, 16.5, -17.5, -11.5),
             ("CI", 4, 4.5, 10.5, -8.5, -2.5), ("MA", 4, 28.0, 35.5, -13.0, -1.0), ("DZ", 3, 19.0, 37.0, -8.0, 12.0),
             ("TN", 3, 30.0, 37.5, 7.5, 11.5), ("CD", 3, -13.0, 5.0, 12.0, 31.0), ("HT", 3, 18.0, 20.0, -74.5, -71.5),
             ("LU", 2, 49.4, 50.2, 5.7, 6.5), ("MG", 2, -25.5, -12.0, 43.0, 50.5), ("CM", 2, 2.0, 13.0, 8.5, 16.0))  # fmt: skip
TITLES = ("ministre de l'Économie", "président du conseil régional", "député", "maire", "porte-parole du gouvernement",
          "secrétaire général", "procureure", "sénatrice", "général", "directeur de l'hôpital", "préfète",
          "présidente de la région", "syndicaliste", "entraîneur", "chercheuse au CNRS")  # fmt: skip
# Common French words, drawn with the generated content words below (Zipf over the whole list).
COMMON = [
    "le",
    "la",
    "les",
    "de",
    "des",
    "du",
    "un",
    "une",
    "et",
    "à",
    "en",
    "dans",
    "pour",
    "sur",
    "par",
    "avec",
    "au",
    "aux",
    "ce",
    "cette",
    "ces",
    "qui",
    "que",
    "est",
    "sont",
    "a",
    "ont",
    "été",
    "être",
    "plus",
    "pas",
    "ne",
    "se",
    "son",
    "sa",
    "ses",
    "leur",
    "leurs",
    "il",
    "elle",
    "ils",
    "elles",
    "nous",
    "vous",
    "on",
    "mais",
    "ou",
    "donc",
    "car",
    "selon",
    "après",
    "avant",
    "depuis",
    "pendant",
    "lors",
    "entre",
    "contre",
    "sans",
    "sous",
    "vers",
    "chez",
    "tout",
    "tous",
    "toute",
    "très",
    "aussi",
    "déjà",
    "encore",
    "jamais",
    "toujours",
    "ainsi",
    "alors",
    "année",
    "années",
    "jour",
    "jours",
    "semaine",
    "mois",
    "gouvernement",
    "président",
    "ministre",
    "pays",
    "ville",
    "région",
    "conseil",
    "projet",
    "loi",
    "réforme",
    "économie",
    "sécurité",
    "santé",
    "école",
    "élection",
    "élections",
    "accord",
    "décision",
    "début",
    "fin",
    "partie",
    "groupe",
    "nombre",
    "question",
    "situation",
    "politique",
    "public",
    "publique",
    "nouvelle",
    "nouveau",
    "premier",
    "première",
    "dernier",
    "dernière",
    "grand",
    "grande",
    "petit",
    "petite",
    "français",
    "française",
    "européen",
    "européenne",
    "national",
    "nationale",
    "international",
    "internationale",
    "selon",
    "a-t-il",
    "a-t-elle",
    "déclaré",
    "indiqué",
    "affirmé",
    "annoncé",
    "estimé",
    "expliqué",
    "précisé",
    "souligné",
    "rappelé",
    "ajouté",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "matin",
    "soir",
    "l'État",
    "l'Europe",
    "l'année",
    "l'accord",
    "l'économie",
    "d'abord",
    "d'après",
    "qu'il",
    "qu'elle",
    "c'est",
    "n'est",
    "s'est",
]
CONTENT_WORDS = 6_000
VERBS = ("a rencontré", "s'est rendu à", "a visité", "a inauguré un centre à", "a été reçu à", "a pris la parole à",
         "a dénoncé la situation à", "a annoncé un plan pour", "a présidé une réunion à", "est attendu à")  # fmt: skip


def zipf_cum_weights(n: int, s: float) -> list[float]:
    return list(accumulate(1.0 / (rank**s) for rank in range(1, n + 1)))


def _word(rng: random.Random, syllables: int) -> str:
    """Open syllables ("ma", "lou", "bré"), a coda only at the end: "malouvert", "brésin"."""
    return "".join(rng.choice(ONSETS) + rng.choice(VOWELS) for _ in range(syllables)) + rng.choice(CODAS)


def _unique(rng: random.Random, count: int, make: object, taken: set[str] | None = None) -> list[str]:
    seen = taken if taken is not None else set()
    names: list[str] = []
    while len(names) < count:
        name = make(rng)  # type: ignore[operator]
        key = fold(name)
        if key not in seen and fold(MARKER) not in key:
            seen.add(key)
            names.append(name)
    return names


def _surname(rng: random.Random) -> str:
    stem = "".join(rng.choice(ONSETS) + rng.choice(VOWELS) for _ in range(rng.choice((1, 1, 2))))
    return (stem + rng.choice(ONSETS) + rng.choice(SURNAME_ENDS)).capitalize()


def _person(rng: random.Random) -> str:
    first = rng.choice(FIRST_NAMES)
    if rng.random() < 0.15:  # composed first names: "Jean-Éloïse" reads oddly, but hyphens matter to tokenizers
        first = f"{first}-{rng.choice(FIRST_NAMES)}"
    return f"{first} {_surname(rng)}"


def _place(rng: random.Random) -> str:
    base = _word(rng, rng.choice((1, 2, 2, 3))).capitalize()
    shape = rng.random()
    if shape < 0.25:
        return f"Saint-{rng.choice(SAINTS)}-{rng.choice(LINKS)}-{base}"
    if shape < 0.45:
        return f"{base}-sur-{rng.choice(RIVERS)}"
    if shape < 0.55:
        return f"{base}ville"
    if shape < 0.65:
        return f"La {base}"
    if shape < 0.72:
        return f"Mont-{base}"
    return base


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    entry: GazetteerEntry


@dataclass(slots=True)
class Universe:
    """Everything drawn once from the seed: the people, the places, the vocabulary, the Zipf weights."""

    people: list[str]
    places: list[Place]
    words: list[str]
    word_weights: list[float]
    people_weights: list[float]
    place_weights: list[float]


def universe(seed: int = SEED) -> Universe:
    rng = random.Random(f"{seed}-universe")
    people = _unique(rng, PEOPLE, _person)
    place_names = _unique(rng, PLACES, _place, taken={fold(p) for p in people})
    kinds, kind_weights = zip(*KINDS, strict=True)
    codes = [c[0] for c in COUNTRIES]
    code_weights = [c[1] for c in COUNTRIES]
    boxes = {c[0]: c[2:] for c in COUNTRIES}
    places = []
    for n, name in enumerate(place_names):
        kind = rng.choices(kinds, kind_weights)[0]
        code = rng.choices(codes, code_weights)[0]
        lat0, lat1, lon0, lon1 = boxes[code]
        entry = GazetteerEntry(geonames_id=90_000_000 + n, name=name, kind=kind, country_code=code,
                               latitude=round(rng.uniform(lat0, lat1), 5), longitude=round(rng.uniform(lon0, lon1), 5),
                               population=int(1_000_000 / (n + 1)))  # fmt: skip
        places.append(Place(name, entry))
    content = _unique(rng, CONTENT_WORDS, lambda r: _word(r, r.choice((2, 2, 3, 3, 4))), taken=set(COMMON))
    words = COMMON + content
    return Universe(people, places, words, zipf_cum_weights(len(words), 1.0), zipf_cum_weights(PEOPLE, ZIPF_S),
                    zipf_cum_weights(PLACES, ZIPF_S))  # fmt: skip


class Section:
    """One text ([title, caption, *paragraphs]) being written, with the offsets of what is put into it."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, piece: str) -> tuple[int, int]:
        if self.parts and not self.parts[-1].endswith((" ", "\n")) and not piece.startswith((",", ".")):
            self.parts.append(" ")
            self.length += 1
        start = self.length
        self.parts.append(piece)
        self.length += len(piece)
        return start, self.length

    def text(self) -> str:
        return "".join(self.parts)


@dataclass(slots=True)
class Synthetic:
    title: str
    caption: str
    paragraphs: list[str]
    published_at: date
    entities: list[ResolvedEntity]


def _distinct(rng: random.Random, population_size: int, cum_weights: list[float], k: int) -> list[int]:
    chosen: list[int] = []
    while len(chosen) < k:
        for index in rng.choices(range(population_size), cum_weights=cum_weights, k=k):
            if index not in chosen and len(chosen) < k:
                chosen.append(index)
    return chosen


def article(world: Universe, number: int, seed: int = SEED) -> Synthetic:
    """Article `number` of the corpus: depends only on (seed, number), so any prefix of a corpus is stable."""
    rng = random.Random(f"{seed}-{number}")
    people = _distinct(rng, PEOPLE, world.people_weights, rng.randint(2, 8))
    places = _distinct(rng, PLACES, world.place_weights, rng.randint(1, 5))
    published = START_DATE + timedelta(days=rng.randrange(DAYS))
    resolved: dict[tuple[str, int], ResolvedEntity] = {}

    def mention(section_index: int, section: Section, kind: str, index: int, short: bool = False) -> None:
        if kind == PERSON:
            full = world.people[index]
            surface = full.split(" ", 1)[1] if short else full
            entity = resolved.setdefault((kind, index), ResolvedEntity(PERSON, fold(full), full))
        else:
            place = world.places[index]
            surface = place.name
            entity = resolved.setdefault(
                (kind, index),
                ResolvedEntity(PLACE, f"geonames:{place.entry.geonames_id}", place.name, place=place.entry),
            )
        start, end = section.add(surface)
        entity.aliases.add(surface)
        entity.mentions.append(Occurrence(section_index, start, end, surface))

    def filler(section: Section, words: int) -> None:
        sentence = rng.choices(world.words, cum_weights=world.word_weights, k=words)
        section.add(" ".join(sentence))

    title = Section()
    mention(0, title, PERSON, people[0])
    title.add(rng.choice(VERBS))
    mention(0, title, PLACE, places[0])
    filler(title, rng.randint(2, 5))

    caption = Section()
    caption.add("Photo :")
    mention(1, caption, PERSON, people[1 % len(people)])
    caption.add(f"le {published.day} {MONTHS[published.month - 1]} {published.year}.")

    # About 500 words over 4 to 6 paragraphs; each person and place is named in the body, the people
    # again later by their surname.
    count = rng.randint(4, 6)
    sections = [Section() for _ in range(count)]
    names: list[tuple[str, int, bool]] = [(PERSON, p, False) for p in people] + [(PLACE, p, False) for p in places]
    names += [(PERSON, p, True) for p in people if rng.random() < 0.6]
    names += [(PLACE, p, False) for p in places if rng.random() < 0.3]
    slots: list[list[tuple[str, int, bool]]] = [[] for _ in range(count)]
    for name in names:
        slots[rng.randrange(count)].append(name)
    marker = rng.random() < MARKER_SHARE
    marker_at = rng.randrange(count)
    budget = 500 - len(names) * 2
    for n, (section, placed) in enumerate(zip(sections, slots, strict=True)):
        words = max(budget // count, 20)
        pieces = len(placed) + 1
        for k in range(pieces):
            sentence_words = max(words // pieces, 4)
            first = rng.choices(world.words, cum_weights=world.word_weights, k=sentence_words)
            first[0] = first[0].capitalize()
            section.add(" ".join(first[: sentence_words // 2]))
            if k < len(placed):
                kind, index, short = placed[k]
                if kind == PERSON and not short and rng.random() < 0.3:
                    section.add(rng.choice(TITLES))
                mention(n + 2, section, kind, index, short)
            if marker and n == marker_at and k == 0:
                section.add(MARKER)
            section.add(" ".join(first[sentence_words // 2 :]) + ".")
    for key, entity in resolved.items():  # titles ride on the first full mention, as resolution keeps them
        if key[0] == PERSON and rng.random() < 0.2:
            entity.titles.append(rng.choice(TITLES))
    return Synthetic(title.text(), caption.text(), [s.text() for s in sections], published, list(resolved.values()))


MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


def fields_of(synthetic: Synthetic, number: int) -> object:
    from app.ingest.store import ArticleFields

    content = "\n".join([synthetic.title, synthetic.caption, *synthetic.paragraphs])
    digest = hashlib.sha256(f"{number}\n{content}".encode()).hexdigest()
    return ArticleFields(title=synthetic.title, caption=synthetic.caption, paragraphs=synthetic.paragraphs,
                         content_hash=digest, published_at=synthetic.published_at, language="fr",
                         source="Synthétique", url=f"https://bench.example/articles/{number}",
                         extraction_note=None)  # fmt: skip


# -- building ----------------------------------------------------------------------------------------------------


def migration_head() -> str:
    from app.services.health import migration_heads

    return ",".join(sorted(migration_heads()))


def count_articles(url: str) -> int | None:
    from app.db import make_engine

    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return int(connection.execute(text("SELECT count(*) FROM article")).scalar_one())
    except Exception:
        return None
    finally:
        engine.dispose()


def db_revision(url: str) -> str | None:
    from app.db import make_engine

    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return ",".join(sorted(r for (r,) in connection.execute(text("SELECT version_num FROM alembic_version"))))
    except Exception:
        return None
    finally:
        engine.dispose()


@dataclass(slots=True)
class BuildStats:
    articles: int = 0
    seconds: float = 0.0
    generate_s: float = 0.0
    store_s: float = 0.0
    commit_s: float = 0.0
    statuses: dict[str, int] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, object]:
        return {"articles": self.articles, "seconds": round(self.seconds, 1), "rate_per_s": round(self.rate, 1),
                "generate_s": round(self.generate_s, 1), "store_s": round(self.store_s, 1),
                "commit_s": round(self.commit_s, 1), "statuses": self.statuses}  # fmt: skip


def fill(url: str, count: int, *, batch: int = 500) -> BuildStats:
    """Migrates `url`, then stores articles [already stored, count) with `store_article`, as the API and `SEED`
    do, `batch` to a commit. Resumable: articles are numbered, so a re-run carries on after the last committed
    one."""
    from sqlmodel import Session

    from app.cli import migrate
    from app.db import make_engine
    from app.ingest import store

    migrate(url)
    engine = make_engine(url)
    if engine.dialect.name == "sqlite":
        # SQLite's default cache (2 MB) would read most index pages of a million-article file back from the OS.
        event.listen(engine, "connect", lambda dbapi_connection, _record: dbapi_connection.execute(BUILD_CACHE))
    stats = BuildStats()
    started = time.perf_counter()
    with engine.begin() as connection:
        start = int(connection.execute(text("SELECT count(*) FROM article")).scalar_one())
        if connection.dialect.name == "postgresql":
            # A stopped build leaves its uncommitted batch's ids used up: carry on from the last stored one, so
            # that article n keeps id n (the benchmark asks for ids 1..N).
            connection.execute(text("SELECT setval(pg_get_serial_sequence('article', 'id'), "
                                    "coalesce(max(id), 0) + 1, false) FROM article"))  # fmt: skip
    world = universe(SEED)
    session = Session(engine)
    last_report = started
    analyzed = max(start, batch)
    try:
        for number in range(start, count):
            t0 = time.perf_counter()
            synthetic = article(world, number)
            fields = fields_of(synthetic, number)
            t1 = time.perf_counter()
            status = store.store_article(session, fields, synthetic.entities).status  # type: ignore[arg-type]
            t2 = time.perf_counter()
            stats.generate_s += t1 - t0
            stats.store_s += t2 - t1
            stats.statuses[status] = stats.statuses.get(status, 0) + 1
            stats.articles += 1
            if stats.articles % batch == 0 or number == count - 1:
                session.commit()
                stats.commit_s += time.perf_counter() - t2
                if engine.dialect.name == "postgresql" and number + 1 >= 2 * analyzed:
                    # Where autovacuum is off (as on this machine's server), the planner would go on seeing the
                    # empty tables of the start and scan them whole on every lookup: 100 articles/s fell to 17.
                    analyzed = number + 1
                    session.execute(text("ANALYZE"))
                    session.commit()
            now = time.perf_counter()
            if now - last_report > 30 or number == count - 1:
                last_report = now
                done = number + 1
                rate = stats.articles / (now - started)
                eta = (count - done) / rate if rate else 0
                print(f"  corpus {done}/{count}: {rate:.0f} art/s (generate {stats.generate_s:.0f}s, "
                      f"store {stats.store_s:.0f}s, commit {stats.commit_s:.0f}s), eta {eta / 60:.1f} min",
                      file=sys.stderr, flush=True)  # fmt: skip
        session.commit()
    finally:
        session.close()
        engine.dispose()
    stats.seconds = time.perf_counter() - started
    return stats


def sqlite_path(count: int) -> Path:
    return CACHE / f"corpus-{count}.sqlite"


def sqlite_meta(count: int) -> dict[str, object] | None:
    meta = sqlite_path(count).with_suffix(".json")
    return json.loads(meta.read_text()) if meta.exists() and sqlite_path(count).exists() else None


def _usable(meta: dict[str, object] | None) -> bool:
    """Whether a cached corpus was built by this generator with this distribution."""
    return meta is not None and all(meta.get(key) == value for key, value in CORPUS_KEY.items())


def _finish_sqlite(path: Path, *, vacuum: bool = False) -> None:
    """Checkpoints the WAL into the file and leaves it in rollback-journal mode, one self-contained file
    (Datasette opens it immutable; the API switches it back to WAL when it connects). After an upgrade, the
    file is also rewritten compact, as a fresh build's: the migrations' updates leave rows scattered."""
    import sqlite3

    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("PRAGMA journal_mode=DELETE")
        if vacuum:
            connection.execute("VACUUM")
    finally:
        connection.close()


def ensure_sqlite(count: int, *, force: bool = False, batch: int = 500) -> tuple[Path, dict[str, object]]:
    """The cached corpus file for `count` articles, built (or rebuilt, or resumed) when needed."""
    head = migration_head()
    path = sqlite_path(count)
    meta = sqlite_meta(count)
    if not force and _usable(meta) and meta["head"] == head:
        return path, meta
    CACHE.mkdir(parents=True, exist_ok=True)
    with _lock(path.with_suffix(".lock")):  # one builder per file; a second one waits, then reuses its work
        meta = sqlite_meta(count)
        if not force and _usable(meta):
            assert meta is not None
            upgraded = meta if meta["head"] == head else _upgrade_sqlite(path, meta, head)
            if upgraded is not None:
                return path, upgraded
        return _build_sqlite(count, path, head, force=force, batch=batch)


def _upgrade_sqlite(path: Path, meta: dict[str, object], head: str) -> dict[str, object] | None:
    """Runs the migrations from the corpus's head to this one on a copy, renamed into place once upgraded and
    compacted; the sidecar records how long that took. None when they cannot (a head this checkout does not
    know, an error): the corpus is then rebuilt."""
    import shutil

    from app.cli import migrate

    print(f"upgrading {path.name} from head {meta['head']} to {head}", file=sys.stderr, flush=True)
    started, copy = time.perf_counter(), path.with_suffix(".upgrading.sqlite")
    try:
        shutil.copyfile(path, copy)
        migrate(f"sqlite:///{copy}")
        _finish_sqlite(copy, vacuum=True)
    except Exception as exc:  # any failure means a rebuild, said as such
        print(f"cannot upgrade {path.name} ({exc}); rebuilding it", file=sys.stderr, flush=True)
        _remove_sqlite(copy)
        return None
    copy.replace(path)
    upgrade = {"from": meta["head"], "to": head, "seconds": round(time.perf_counter() - started, 1)}
    meta |= {"head": head, "upgrades": [*meta.get("upgrades", []), upgrade], "bytes": path.stat().st_size}
    path.with_suffix(".json").write_text(json.dumps(meta, indent=2))
    print(f"upgraded {path.name} in {upgrade['seconds']} s", file=sys.stderr)
    return meta


def _grow_from(count: int, partial: Path) -> int | None:
    """Starts a build from the largest complete corpus of this generator with fewer articles, copied: article n
    depends only on the seed and n, so its articles are this one's first (`fill` migrates the copy to the head
    and carries on after them). Returns its size, None when there is none."""
    import shutil

    smaller = [n for n in _cached_sizes() if n < count and _usable(sqlite_meta(n))]
    if not smaller:
        return None
    shutil.copyfile(sqlite_path(max(smaller)), partial)
    print(f"starting from {sqlite_path(max(smaller)).name}", file=sys.stderr, flush=True)
    return max(smaller)


def _cached_sizes() -> list[int]:
    names = (p.name.removeprefix("corpus-").removesuffix(".sqlite") for p in CACHE.glob("corpus-*.sqlite"))
    return [int(name) for name in names if name.isdigit()]


def _remove_sqlite(path: Path) -> None:
    """Removes a database file with its WAL and shared-memory files."""
    for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        stale.unlink(missing_ok=True)


@contextmanager
def _lock(path: Path) -> Iterator[None]:
    import fcntl

    with path.open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"waiting for the build holding {path.name}", file=sys.stderr, flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def _build_sqlite(count: int, path: Path, head: str, *, force: bool, batch: int) -> tuple[Path, dict[str, object]]:
    partial = path.with_suffix(".partial.sqlite")
    partial_meta = partial.with_suffix(".json")
    resumable = partial_meta.exists() and _usable(json.loads(partial_meta.read_text()).get("key"))
    if force or not resumable:
        _remove_sqlite(partial)
        grown_from = None if force else _grow_from(count, partial)
        partial_meta.write_text(json.dumps({"key": CORPUS_KEY, "grown_from": grown_from}))
    print(f"building {path.name}: {count} articles through app.ingest.store (head {head})", file=sys.stderr)
    stats = fill(f"sqlite:///{partial}", count, batch=batch)
    _finish_sqlite(partial)
    partial.replace(path)
    meta = {"articles": count, "head": head, "generator": GENERATOR_VERSION, "seed": SEED, "zipf_s": ZIPF_S,
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%S"), "build": stats.as_dict(),
            "bytes": path.stat().st_size}  # fmt: skip
    if grown_from := json.loads(partial_meta.read_text()).get("grown_from"):
        meta["grown_from"] = grown_from
    partial_meta.unlink(missing_ok=True)
    path.with_suffix(".json").write_text(json.dumps(meta, indent=2))
    print(f"built {path.name} in {stats.seconds / 60:.1f} min ({stats.rate:.0f} art/s)", file=sys.stderr)
    return path, meta


def postgres_ready(count: int) -> tuple[bool, int | None]:
    """Whether `newsapi_bench_<count>` holds `count` articles (`ensure_postgres` migrates it to the head); and how
    many it holds."""
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        if admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (pg_database(count),)).fetchone() is None:
            return False, None
    held = count_articles(pg_url(count))
    return held == count, held


# Collation "C": text sorts bytewise, as SQLite's BINARY collation does, so both databases order names alike.
CREATE_DATABASE = """CREATE DATABASE "{name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'"""


def pg_database(count: int) -> str:
    return f"newsapi_bench_{count}"


def pg_url(count: int) -> str:
    admin = PG_ADMIN_URL.rsplit("/", 1)[0]
    return f"{admin}/{pg_database(count)}"


def postgres_available() -> bool:
    import psycopg

    try:
        with psycopg.connect(PG_ADMIN_URL, connect_timeout=3):
            return True
    except Exception:
        return False


def ensure_postgres(count: int, *, force: bool = False, batch: int = 500) -> tuple[str, dict[str, object]]:
    """The database `newsapi_bench_<count>` on the local server, reused when it holds `count` articles at the
    migration head; created (only that database: nothing else on the server is touched) otherwise."""

    CACHE.mkdir(parents=True, exist_ok=True)
    with _lock(CACHE / f"postgres-{count}.lock"):  # one builder per database
        return _build_postgres(count, force=force, batch=batch)


def _build_postgres(count: int, *, force: bool, batch: int) -> tuple[str, dict[str, object]]:
    import psycopg

    head = migration_head()
    url = pg_url(count)
    name = pg_database(count)
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is not None
        if exists and force:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = False
        if not exists:
            admin.execute(CREATE_DATABASE.format(name=name))
    if count_articles(url) == count and db_revision(url) == head:
        return url, {"articles": count, "head": head, "reused": True}
    # `fill` runs the migrations first: a database built at an older head is upgraded, then completed.
    print(f"building PostgreSQL {name}: {count} articles through app.ingest.store", file=sys.stderr)
    stats = fill(url, count, batch=batch)
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")
    print(f"built {name} in {stats.seconds / 60:.1f} min ({stats.rate:.0f} art/s)", file=sys.stderr)
    return url, {"articles": count, "head": head, "reused": False, "build": stats.as_dict()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=int(os.environ.get("BENCH_SCALE", "100000")))
    parser.add_argument("--postgres", action="store_true", help="build newsapi_bench_<N> on the local server")
    parser.add_argument("--url", help="fill this database instead of the cache (no rename, no sidecar)")
    parser.add_argument("--batch", type=int, default=500, help="articles per commit")
    parser.add_argument("--force", action="store_true", help="rebuild even when cached")
    args = parser.parse_args()
    if args.url:
        stats = fill(args.url, args.articles, batch=args.batch)
        print(json.dumps(stats.as_dict()))
    elif args.postgres:
        print(json.dumps(ensure_postgres(args.articles, force=args.force, batch=args.batch)[1]))
    else:
        print(json.dumps(ensure_sqlite(args.articles, force=args.force, batch=args.batch)[1]))


if __name__ == "__main__":
    main()
