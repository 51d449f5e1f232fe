"""The store on its own: mention rows in reading order, entities found by key or by a known spelling, free slugs."""

import re
import sqlite3
import threading
from datetime import date
from typing import Any

import orjson
import pytest
from sqlalchemy import event, func, select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from app.ingest.entities import ORGANISATION, PERSON, PLACE, Occurrence, ResolvedEntity
from app.ingest.store import ArticleFields, delete_article, store_article
from app.ingest.summaries import NAMED_JSON
from app.models import Article, Entity, EntityPair, Mention

PARAGRAPHS = ["Goïta a reçu Poutine au Kremlin.", "Le Kremlin a salué Goïta, puis Poutine."]


def fields(content_hash: str, *, caption: str | None = "Poutine et Goïta", title: str = "Poutine reçoit Goïta") -> ArticleFields:  # fmt: skip
    return ArticleFields(title=title, caption=caption, paragraphs=PARAGRAPHS, content_hash=content_hash,
                         published_at=date(2025, 6, 23), language="fr", source=None, url=None,
                         extraction_note=None)  # fmt: skip


def entity(kind: str, name: str, *mentions: tuple[int, int, int], aliases: set[str] | None = None) -> ResolvedEntity:
    """An entity with mentions given as (section, start, end) of [title, caption, *paragraphs]."""
    return ResolvedEntity(kind, name.casefold(), name, aliases=aliases or {name},
                          mentions=[Occurrence(s, a, b, "x" * (b - a)) for s, a, b in mentions])  # fmt: skip


def interleaved() -> list[ResolvedEntity]:
    """Three entities whose mentions interleave across the title, the caption and both paragraphs."""
    return [
        entity(PLACE, "Kremlin", (2, 23, 30), (3, 3, 10)),
        entity(PERSON, "Vladimir Poutine", (3, 32, 39), (0, 0, 7), (2, 13, 20), (1, 0, 7)),
        entity(PERSON, "Assimi Goïta", (1, 11, 16), (3, 19, 24), (0, 15, 20), (2, 0, 5)),
    ]


def mentions_by_id(engine: Engine, article_id: int) -> list[tuple[str, int | None, int, int]]:
    query = (
        select(col(Mention.section), col(Mention.paragraph), col(Mention.start), col(Mention.end))
        .where(col(Mention.article_id) == article_id)
        .order_by(col(Mention.id))
    )
    with Session(engine) as session:
        return [tuple(row) for row in session.execute(query)]  # type: ignore[misc]


def store(engine: Engine, article: ArticleFields, entities: list[ResolvedEntity], *, replace: int | None = None) -> int:
    with Session(engine) as session:
        target = session.get(Article, replace) if replace is not None else None
        stored = store_article(session, article, entities, replace=target)
        session.commit()
    return stored.article_id


READING_ORDER = [("title", None, 0, 7), ("title", None, 15, 20), ("caption", None, 0, 7), ("caption", None, 11, 16),
                 ("body", 0, 0, 5), ("body", 0, 13, 20), ("body", 0, 23, 30), ("body", 1, 3, 10),
                 ("body", 1, 19, 24), ("body", 1, 32, 39)]  # fmt: skip


def test_mention_ids_follow_reading_order_across_entities(engine: Engine) -> None:
    article_id = store(engine, fields("a"), interleaved())
    assert mentions_by_id(engine, article_id) == READING_ORDER


def test_a_replaced_article_keeps_its_mentions_in_reading_order(engine: Engine) -> None:
    article_id = store(engine, fields("a"), interleaved()[:1])
    store(engine, fields("b"), interleaved()[::-1], replace=article_id)
    assert mentions_by_id(engine, article_id) == READING_ORDER


def test_without_a_caption_the_body_follows_the_title(engine: Engine) -> None:
    entities = [entity(PERSON, "Assimi Goïta", (2, 19, 24), (0, 15, 20)), entity(PLACE, "Kremlin", (1, 23, 30))]
    article_id = store(engine, fields("a", caption=None), entities)
    assert mentions_by_id(engine, article_id) == [("title", None, 15, 20), ("body", 0, 23, 30), ("body", 1, 19, 24)]


def stored_entities(engine: Engine) -> list[tuple[str, str, str]]:
    with Session(engine) as session:
        query = select(col(Entity.type), col(Entity.slug), col(Entity.name)).order_by(col(Entity.id))
        return [tuple(row) for row in session.execute(query)]  # type: ignore[misc]


def test_a_spelling_another_article_gave_joins_its_entity_but_a_lone_surname_does_not(engine: Engine) -> None:
    store(engine, fields("a"), [entity(PERSON, "Sergueï Lavrov", (0, 0, 5), aliases={"Sergueï Lavrov", "Sergei Lavrov"}),
                                entity(PERSON, "Jean Martin", (0, 6, 9), aliases={"Jean Martin", "Martin"}),
                                entity(ORGANISATION, "État islamique", (1, 0, 3), aliases={"État islamique", "EI"})])  # fmt: skip
    store(engine, fields("b"), [entity(PERSON, "Sergei Lavrov", (0, 0, 5)),
                                entity(PERSON, "Paul Martin", (0, 6, 9), aliases={"Paul Martin", "Martin"}),
                                entity(ORGANISATION, "EI", (1, 0, 2))])  # fmt: skip
    assert stored_entities(engine) == [("person", "serguei-lavrov", "Sergueï Lavrov"),
                                       ("person", "jean-martin", "Jean Martin"),
                                       ("organisation", "etat-islamique", "État islamique"),
                                       ("person", "paul-martin", "Paul Martin")]  # fmt: skip


def test_new_entities_take_the_first_free_slug_of_their_type(engine: Engine) -> None:
    store(engine, fields("a"), [entity(PERSON, "Paris Hilton", (0, 0, 5)), entity(PLACE, "Paris", (0, 6, 9))])
    store(engine, fields("b"), [entity(PERSON, "Paris", (0, 0, 5)), entity(ORGANISATION, "Paris", (0, 6, 9)),
                                entity(PERSON, "PARIS!", (1, 0, 5))])  # fmt: skip
    assert stored_entities(engine) == [("person", "paris-hilton", "Paris Hilton"), ("place", "paris", "Paris"),
                                       ("person", "paris", "Paris"), ("organisation", "paris", "Paris"),
                                       ("person", "paris-2", "PARIS!")]  # fmt: skip


def test_articles_of_one_title_take_the_first_free_slug_past_the_first_candidates(engine: Engine) -> None:
    """The first sixteen candidates are looked up exactly; past them, every slug beginning with the base is read."""
    for n, title in enumerate(["Poutine reçoit Goïta au Kremlin", "Poutine reçoit Goïta 19"]):
        store(engine, fields(f"other{n}", title=title), [])
    for n in range(19):
        store(engine, fields(f"same{n}"), [])
    with Session(engine) as session:
        slugs = session.execute(select(col(Article.slug)).order_by(col(Article.id))).scalars().all()
    base = "poutine-recoit-goita"
    assert slugs[2:] == [base, *(f"{base}-{n}" for n in range(2, 19)), f"{base}-20"]


def pairs(engine: Engine) -> set[tuple[str, str, str, int]]:
    """The stored entity pairs as (entity, other, other's type, shared articles), by name."""
    mine, theirs = Entity.__table__.alias("mine"), Entity.__table__.alias("theirs")  # type: ignore[attr-defined]
    query = (
        select(mine.c.name, theirs.c.name, col(EntityPair.other_type), col(EntityPair.article_count))
        .join(mine, mine.c.id == EntityPair.entity_id)
        .join(theirs, theirs.c.id == EntityPair.other_id)
    )
    with Session(engine) as session:
        return {tuple(row) for row in session.execute(query)}  # type: ignore[misc]


def both_ways(*pairs_: tuple[str, str, str, str, int]) -> set[tuple[str, str, str, int]]:
    """(a, a's type, b, b's type, count): the pair's row each way."""
    return {row for a, a_type, b, b_type, n in pairs_ for row in ((a, b, b_type, n), (b, a, a_type, n))}


def test_entity_pairs_count_shared_articles_through_writes_replacements_and_deletes(engine: Engine) -> None:
    kremlin, poutine, goita = interleaved()
    macron = entity(PERSON, "Emmanuel Macron", (2, 0, 7))
    first = store(engine, fields("a"), [kremlin, poutine, goita])
    second = store(engine, fields("b"), [poutine, goita, macron])
    assert pairs(engine) == both_ways(
        ("Kremlin", PLACE, "Vladimir Poutine", PERSON, 1), ("Kremlin", PLACE, "Assimi Goïta", PERSON, 1),
        ("Vladimir Poutine", PERSON, "Assimi Goïta", PERSON, 2), ("Emmanuel Macron", PERSON, "Vladimir Poutine", PERSON, 1),
        ("Emmanuel Macron", PERSON, "Assimi Goïta", PERSON, 1),
    )  # fmt: skip
    store(engine, fields("a2"), [kremlin, macron], replace=first)
    with Session(engine) as session:
        delete_article(session, session.get_one(Article, second))
        session.commit()
    assert pairs(engine) == both_ways(("Kremlin", PLACE, "Emmanuel Macron", PERSON, 1))


def test_an_article_naming_no_one_is_stored_and_replacing_with_it_drops_the_entities(engine: Engine) -> None:
    first = store(engine, fields("a"), interleaved())
    assert store(engine, fields("b"), []) == first + 1
    store(engine, fields("a2"), [], replace=first)
    with Session(engine) as session:
        assert session.execute(select(func.count()).select_from(Article)).scalar_one() == 2
        assert session.execute(select(Entity)).all() == []
    assert pairs(engine) == set()


def summaries(engine: Engine) -> list[dict[str, Any]]:
    """Each article's id and slug, and its stored snippet, list item and entity JSON, by id."""
    columns = ("id", "slug", "snippet", "summary_json", *NAMED_JSON)
    query = select(*(Article.__table__.c[column] for column in columns)).order_by(col(Article.id))  # type: ignore[attr-defined]
    with Session(engine) as session:
        return [{c: orjson.loads(v) if c.endswith("_json") else v for c, v in zip(columns, row, strict=True)}
                for row in session.execute(query)]  # fmt: skip


def test_each_article_keeps_its_snippet_and_who_and_where_it_names_through_renames_and_replacements(
    engine: Engine,
) -> None:
    kremlin, poutine, accented = interleaved()
    unaccented = entity(PERSON, "Assimi Goita", (2, 0, 5))
    first = store(engine, fields("a"), [kremlin, poutine, unaccented])
    store(engine, fields("b"), [accented, kremlin])
    ids = {slug: id_ for id_, slug in enumerate((row[1] for row in stored_entities(engine)), start=1)}
    place = {"id": ids["kremlin"], "slug": "kremlin", "name": "Kremlin", "country_code": None}
    poutine_ref = {"id": ids["vladimir-poutine"], "slug": "vladimir-poutine", "name": "Vladimir Poutine"}
    goita_ref = {"id": ids["assimi-goita"], "slug": "assimi-goita", "name": "Assimi Goïta"}
    linked_place = {**place, "kind": "other", "latitude": None, "longitude": None, "mention_count": 2}

    def summary(
        article_id: int, slug: str, people: list[tuple[dict[str, object], int]], places: list[dict[str, object]]
    ) -> dict[str, object]:
        head = {
            "id": article_id,
            "slug": slug,
            "title": "Poutine reçoit Goïta",
            "caption": "Poutine et Goïta",
            "published_at": "2025-06-23",
            "language": "fr",
            "source": None,
            "snippet": " ".join(PARAGRAPHS),
        }
        return {"id": article_id, "slug": slug, "snippet": head["snippet"],
                "summary_json": head | {"people": [ref for ref, _n in people], "places": places},
                "linked_people_json": [{**ref, "mention_count": n, "titles": []} for ref, n in people],
                "linked_places_json": [linked_place] if places else [], "linked_organisations_json": []}  # fmt: skip

    slugs = [row["slug"] for row in summaries(engine)]
    # Renamed by the second article, the person is renamed in the first one's summary too.
    assert summaries(engine) == [summary(first, slugs[0], [(poutine_ref, 4), (goita_ref, 1)], [place]),
                                 summary(first + 1, slugs[1], [(goita_ref, 4)], [place])]  # fmt: skip
    store(engine, fields("a2"), [kremlin], replace=first)
    assert summaries(engine) == [summary(first, slugs[0], [], [place]),
                                 summary(first + 1, slugs[1], [(goita_ref, 4)], [place])]  # fmt: skip


def test_an_article_stored_while_another_write_renames_its_entity_gets_the_new_name(engine: Engine) -> None:
    """The later write waits on the renaming one's locks (PostgreSQL) or its write lock (SQLite), and its
    summary is built after the wait."""
    _kremlin, _poutine, accented = interleaved()
    unaccented = entity(PERSON, "Assimi Goita", (2, 0, 5))
    store(engine, fields("a"), [unaccented])
    with Session(engine) as renaming:
        store_article(renaming, fields("b"), [accented])
        later = threading.Thread(target=store, args=(engine, fields("c", title="Goita à Moscou"), [unaccented]))
        later.start()
        later.join(timeout=1)
        renaming.commit()
    later.join()
    names = [[person["name"] for person in row["summary_json"]["people"]] for row in summaries(engine)]
    assert names == [["Assimi Goïta"]] * 3


# A whole-table pass, through an index or not: `SCAN entity USING COVERING INDEX …` reads every entity too.
STORE_TABLE_SCAN = re.compile(r"\bSCAN (article|entity|article_entity|entity_alias|mention|entity_pair)\b")


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_storing_an_article_searches_indexes_and_never_scans_a_table(engine: Engine) -> None:
    """What a write costs must not grow with what is stored: each statement storing an article seeks its rows."""
    kremlin, poutine, goita = interleaved()
    store(engine, fields("a"), [kremlin, poutine])
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    # Known by key (the Kremlin), by a spelling (Vladimir Poutine as Poutine Vladimir), new (Goïta).
    respelled = entity(PERSON, "Poutine Vladimir", (2, 13, 20), aliases={"Poutine Vladimir", "Vladimir Poutine"})
    store(engine, fields("b"), [kremlin, respelled, goita])
    path = str(engine.url.database)
    with sqlite3.connect(path) as connection:
        plans = {sql: [row[3] for row in connection.execute(f"EXPLAIN QUERY PLAN {sql}", [None] * sql.count("?"))]
                 for sql in dict.fromkeys(statements) if not sql.lstrip().startswith(("INSERT", "PRAGMA"))
                 or "SELECT" in sql}  # fmt: skip
    scans = {sql: steps for sql, steps in plans.items() if any(STORE_TABLE_SCAN.search(step) for step in steps)}
    assert any("entity_alias" in sql for sql in plans) and any('"key"' in sql for sql in plans) and not scans, scans
