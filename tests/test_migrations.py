from collections.abc import Iterator
from datetime import date
from pathlib import Path

import orjson
import pytest
from alembic import command
from sqlalchemy import Connection, create_engine, inspect, text

from app.cli import alembic_config, migrate
from tests.conftest import DATABASES
from tests.databases import PostgresServer

TABLES = {"alembic_version", "article", "entity", "entity_alias", "article_entity", "mention", "entity_pair"}


@pytest.fixture(params=DATABASES)
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database, on each database the app supports."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'news.db'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    url = server.create()
    yield url
    server.drop(url)


def tables(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        return {name for name in inspect(engine).get_table_names() if not name.startswith("article_search")}
    finally:
        engine.dispose()


def test_upgrade_from_empty_builds_every_table(empty_url: str) -> None:
    migrate(empty_url)
    assert tables(empty_url) == TABLES


def test_models_and_migrations_do_not_drift(empty_url: str) -> None:
    migrate(empty_url)
    command.check(alembic_config(empty_url))


def test_downgrade_to_base_and_back(empty_url: str) -> None:
    migrate(empty_url)
    command.downgrade(alembic_config(empty_url), "base")
    assert tables(empty_url) == {"alembic_version"}
    migrate(empty_url)
    assert tables(empty_url) == TABLES


def test_the_search_index_follows_the_articles_written_before_it(empty_url: str) -> None:
    """Upgrading a database that holds articles indexes them; later writes keep the index in step."""
    config = alembic_config(empty_url)
    command.upgrade(config, "3cb2542b5979")
    engine = create_engine(empty_url)
    row = "'a', 'Élysée', 'cap', 'Corps', 'h', 0, '2025-01-01 00:00:00', '2025-01-01 00:00:00'"
    entity = "'person', 'k', 'assimi-goita', 'Assimi Goïta', 1, 1"
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO article (slug, title, caption, body, content_hash, word_count, "
                                f"created_at, updated_at) VALUES ({row})"))  # fmt: skip
        connection.execute(text(f"INSERT INTO entity (type, key, slug, name, article_count, mention_count) "
                                f"VALUES ({entity})"))  # fmt: skip
    migrate(empty_url)
    with engine.begin() as connection:
        assert connection.execute(text("SELECT sort_name FROM entity")).scalar_one() == "assimi goita"
        assert _matches(connection, empty_url, "elysee") == 1
        connection.execute(text("UPDATE article SET title = 'Matignon'"))
        assert (_matches(connection, empty_url, "elysee"), _matches(connection, empty_url, "matignon")) == (0, 1)
        connection.execute(text("DELETE FROM article"))
        assert _matches(connection, empty_url, "matignon") == 0
    engine.dispose()


def _matches(connection: Connection, url: str, word: str) -> int:
    if url.startswith("sqlite"):
        query = f"SELECT count(*) FROM article_search WHERE article_search MATCH '{word}'"
    else:
        query = f"SELECT count(*) FROM article WHERE search_vector @@ to_tsquery('article_search', '{word}')"
    return int(connection.execute(text(query)).scalar_one())


def test_entity_pairs_are_counted_from_the_links_stored_before_them(empty_url: str) -> None:
    command.upgrade(alembic_config(empty_url), "7d1e4a9c2b60")
    engine = create_engine(empty_url)
    with engine.begin() as connection:
        for n in (1, 2):
            connection.execute(text("INSERT INTO article (slug, title, body, content_hash, word_count, created_at, "
                                    f"updated_at) VALUES ('a{n}', 't', 'b', 'h{n}', 0, '2025-01-01', '2025-01-01')"))  # fmt: skip
        for n, kind in ((1, "person"), (2, "person"), (3, "place")):
            connection.execute(text("INSERT INTO entity (type, key, slug, name, article_count, mention_count) "
                                    f"VALUES ('{kind}', 'k{n}', 's{n}', 'n{n}', 1, 1)"))  # fmt: skip
        for article_id, entity_id in ((1, 1), (1, 2), (1, 3), (2, 1), (2, 2)):
            connection.execute(text("INSERT INTO article_entity (article_id, entity_id, mention_count, titles) "
                                    f"VALUES ({article_id}, {entity_id}, 1, '[]')"))  # fmt: skip
    migrate(empty_url)
    with engine.begin() as connection:
        rows = set(connection.execute(text("SELECT entity_id, other_id, other_type, article_count FROM entity_pair")))
    engine.dispose()
    assert rows == {(1, 2, "person", 2), (2, 1, "person", 2), (1, 3, "place", 1), (3, 1, "person", 1),
                    (2, 3, "place", 1), (3, 2, "person", 1)}  # fmt: skip


SUMMARIES_0004 = "9e4b2d7c1f38"
COLUMNS_0004 = ("snippet", "people_json", "places_json", "linked_people_json", "linked_places_json",
                "linked_organisations_json")  # fmt: skip
GOITA, POUTINE = {"id": 1, "slug": "k1", "name": "Goïta"}, {"id": 2, "slug": "k2", "name": "Poutine"}
MOSCOU = {"id": 3, "slug": "k3", "name": "Moscou", "country_code": "RU"}


def _articles_before_summaries(url: str) -> None:
    """Two articles (the first naming two people, a place and an organisation) stored before migration 0004."""
    command.upgrade(alembic_config(url), "5b8f0c3e7a21")
    engine = create_engine(url)
    body = "Goïta   a reçu\n\nPoutine."
    with engine.begin() as connection:
        for n, published in ((1, date(2025, 6, 23)), (2, None)):
            connection.execute(text("INSERT INTO article (slug, title, body, content_hash, word_count, created_at, "
                                    "updated_at, published_at) VALUES (:slug, :title, :body, :hash, 0, '2025-01-01', "
                                    "'2025-01-01', :published)"),
                               {"slug": f"a{n}", "title": f"t{n}", "body": body, "hash": f"h{n}",
                                "published": published})  # fmt: skip
        for n, kind, name, country in ((1, "person", "Goïta", None), (2, "person", "Poutine", None),
                                       (3, "place", "Moscou", "RU"), (4, "organisation", "ONU", None)):  # fmt: skip
            connection.execute(text("INSERT INTO entity (type, key, slug, name, country_code, article_count, "
                                    "mention_count) VALUES (:kind, :key, :key, :name, :country, 1, 1)"),
                               {"kind": kind, "key": f"k{n}", "name": name, "country": country})  # fmt: skip
        for article_id, entity_id, mentions, titles in ((1, 1, 1, "[]"), (1, 2, 3, '["président russe"]'),
                                                        (1, 3, 1, "[]"), (1, 4, 2, "[]")):  # fmt: skip
            connection.execute(text("INSERT INTO article_entity (article_id, entity_id, mention_count, titles) "
                                    f"VALUES ({article_id}, {entity_id}, {mentions}, '{titles}')"))  # fmt: skip
    engine.dispose()


def _columns(url: str, columns: tuple[str, ...]) -> list[dict[str, object]]:
    """These columns of every article in id order, JSON decoded (the snippet aside)."""
    engine = create_engine(url)
    with engine.begin() as connection:
        rows = connection.execute(text(f"SELECT {', '.join(columns)} FROM article ORDER BY id")).all()
    engine.dispose()
    return [{c: v if c == "snippet" else orjson.loads(v) for c, v in zip(columns, row, strict=True)} for row in rows]


def test_articles_stored_before_their_summaries_are_summarised(empty_url: str) -> None:
    """Each article's snippet and entity JSON are written from its body and links, most mentioned first."""
    _articles_before_summaries(empty_url)
    command.upgrade(alembic_config(empty_url), SUMMARIES_0004)
    first = {"snippet": "Goïta a reçu Poutine.", "people_json": [POUTINE, GOITA], "places_json": [MOSCOU],
             "linked_people_json": [{**POUTINE, "mention_count": 3, "titles": ["président russe"]},
                                    {**GOITA, "mention_count": 1, "titles": []}],
             "linked_places_json": [{**MOSCOU, "kind": None, "latitude": None, "longitude": None, "mention_count": 1}],
             "linked_organisations_json": [{"id": 4, "slug": "k4", "name": "ONU", "mention_count": 2}]}  # fmt: skip
    empty = {"snippet": "Goïta a reçu Poutine."} | {column: [] for column in COLUMNS_0004[1:]}
    assert _columns(empty_url, COLUMNS_0004) == [first, empty]


def test_list_items_are_built_from_the_summaries_and_taken_apart_again(empty_url: str) -> None:
    """Migration 0005 puts each article's whole list item in `summary_json`; its downgrade restores the lists."""
    _articles_before_summaries(empty_url)
    command.upgrade(alembic_config(empty_url), SUMMARIES_0004)
    before = _columns(empty_url, COLUMNS_0004)
    migrate(empty_url)
    head = {"caption": None, "language": None, "source": None, "snippet": "Goïta a reçu Poutine."}
    assert _columns(empty_url, ("summary_json",)) == [
        {"summary_json": {"id": 1, "slug": "a1", "title": "t1", "published_at": "2025-06-23", **head,
                          "people": [POUTINE, GOITA], "places": [MOSCOU]}},
        {"summary_json": {"id": 2, "slug": "a2", "title": "t2", "published_at": None, **head, "people": [],
                          "places": []}},
    ]  # fmt: skip
    command.downgrade(alembic_config(empty_url), SUMMARIES_0004)
    assert _columns(empty_url, COLUMNS_0004) == before
