"""SQLite relevance at a point in time: bm25 computed again in Python is FTS5's to the last bit, then and now, and
a walk through a relevance list ranks every page as at its first while articles arrive."""

import base64
from collections.abc import Iterator
from datetime import date
from typing import Any

import httpx
import orjson
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import col

from app.errors import InvalidCursor
from app.models import Article
from app.services import relevance
from app.services.pagination import CURSOR_SECRET, Keyset
from app.services.prepared import Reads
from app.services.query import SearchQuery, parse
from tests.api.support import assert_problem, ids, walk
from tests.api.test_search import INVALID_CURSOR
from tests.builders import ArticleBuilder

pytestmark = pytest.mark.anyio
SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
BM25 = "SELECT rowid, bm25(article_search, 5.0, 2.0, 1.0) FROM article_search WHERE article_search MATCH ?"
CALM = "Les rues sont calmes depuis lundi soir, et les marchés ont rouvert."


@pytest.fixture
def rain(add_article: ArticleBuilder) -> dict[str, int]:
    """`bamako` in one title; `pluie` in another title and in two bodies (one published later); four articles
    with neither."""
    for n in range(4):
        add_article(title=f"Dépêche {n}", published_at=date(2025, 3, 1), paragraphs=[CALM])
    return {
        "bamako": add_article(title="Bamako attend la décrue", paragraphs=[CALM]),
        "pluie": add_article(title="Pluie sur la capitale", paragraphs=[CALM]),
        "showers": add_article(title="Averses", published_at=date(2025, 7, 1),
                               paragraphs=["La pluie tombe depuis lundi."]),
        "storm": add_article(title="Orage", paragraphs=["Une pluie d'orage, puis une autre pluie."]),
    }  # fmt: skip


def items(pages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [item for page in pages for item in page["data"]]


@SQLITE
@pytest.mark.parametrize(("filters", "left_out"), [("", ()), ("&to=2025-06-30", ("showers",))])
async def test_a_walk_is_ranked_as_at_its_first_page(
    client: httpx.AsyncClient, add_article: ArticleBuilder, rain: dict[str, int], filters: str, left_out: tuple[str]
) -> None:
    url = f"/v1/articles?q=bamako%20OR%20pluie{filters}"
    start = items(await walk(client, f"{url}&limit=100"))
    ranked = [rain[name] for name in ("bamako", "pluie", "storm", "showers") if name not in left_out]
    assert [item["id"] for item in start] == ranked
    first = (await client.get(f"{url}&limit=1")).json()
    # Four articles on Bamako: `bamako` is no rarer than `pluie` any more. Ranked afresh, the article of the first
    # page comes after the others: a (score, id) cursor would show it again, or skip them.
    for n in range(4):
        add_article(title=f"Dépêche {n}", paragraphs=[f"{CALM} Bamako."])
    afresh = [rain[name] for name in ("pluie", "storm", "showers", "bamako") if name not in left_out]
    assert [article for article in ids(await walk(client, f"{url}&limit=100")) if article in ranked] == afresh
    rest = await walk(client, f"{url}&limit=2&cursor={first['meta']['next_cursor']}")
    assert items([first, *rest]) == start
    assert {page["meta"]["total"] for page in rest} == {len(ranked) + 4}


@SQLITE
async def test_the_point_in_time_is_signed(client: httpx.AsyncClient, rain: dict[str, int]) -> None:
    cursor = (await client.get("/v1/articles?q=pluie&limit=1")).json()["meta"]["next_cursor"]
    payload, signature = cursor.split(".")
    values = orjson.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    assert len(values) == 2 + relevance.PINNED
    edited = base64.urlsafe_b64encode(orjson.dumps([*values[:-1], values[-1] + 1])).rstrip(b"=").decode()
    assert_problem(await client.get("/v1/articles?q=pluie", params={"cursor": f"{edited}.{signature}"}),
                   INVALID_CURSOR)  # fmt: skip


@pytest.fixture
def reads(engine: Engine) -> Iterator[Reads]:
    connection = engine.raw_connection()
    yield Reads(connection.dbapi_connection, engine.dialect)
    connection.close()


def fts5_scores(reads: Reads, search: SearchQuery) -> dict[int, float]:
    return dict(reads.connection.execute(BM25, (search.fts5(),)).fetchall())


@SQLITE
@pytest.mark.parametrize(
    "q",
    ["pluie", "plu*", "bamako OR pluie", "pluie -orage", '"une pluie"', "pluie lundi", "goïta OR poutine OR mali",
     '"vladimir poutine" moscou*', "mal* OR bamako -wagner"],
)  # fmt: skip
def test_scores_computed_again_are_fts5s_then_and_now(
    reads: Reads, add_article: ArticleBuilder, rain: dict[str, int], q: str
) -> None:
    add_article.seed_article()
    search = parse(q)
    then, pinned = fts5_scores(reads, search), relevance.statistics(reads)
    assert then and relevance.scores_at(reads, search, pinned, then.keys()) == then
    for n in range(3):
        add_article(title=f"Pluie sur Bamako {n}", paragraphs=[f"{CALM} Mali, pluie, Poutine, Moscou."])
    now = fts5_scores(reads, search)
    assert relevance.scores_at(reads, search, relevance.statistics(reads), now.keys()) == now
    assert {article: now[article] for article in then} != then
    assert relevance.scores_at(reads, search, pinned, then.keys()) == then


@SQLITE
def test_statistics_are_fts5s_counts(reads: Reads, rain: dict[str, int]) -> None:
    reads.connection.execute("CREATE VIRTUAL TABLE temp.tokens USING fts5vocab(main, article_search, instance)")
    tokens = reads.connection.execute("SELECT count(*) FROM temp.tokens").fetchone()[0]
    assert relevance.statistics(reads) == relevance.Statistics(max(rain.values()), len(rain) + 4, tokens)


@pytest.mark.parametrize(
    ("blob", "values"),
    [(b"\x00\x7f", [0, 127]), (b"\x81\x00\x82\x8f\x71", [128, 34801]), (b"\xff" * 9, [2**64 - 1])],
)
def test_varints_are_sqlites(blob: bytes, values: list[int]) -> None:
    assert relevance.varints(blob) == values


PINNED = Keyset("test:relevance", (col(Article.id),), pinned=relevance.PINNED)


def test_a_cursor_carries_its_pinned_integers_after_the_key_values() -> None:
    assert PINNED.decode(PINNED.encode([5, 9, 12, 80], CURSOR_SECRET), CURSOR_SECRET) == [5, 9, 12, 80]


@pytest.mark.parametrize("values", [[5, 9, 12], [5, 9, 12, 80, 3], [5, 9, 12, "80"], [5, 9, 12, 80.0],
                                    [5, 9, 12, True], [5, 9, None, 80]])  # fmt: skip
def test_pinned_values_of_the_wrong_shape_are_invalid(values: list[Any]) -> None:
    with pytest.raises(InvalidCursor):
        PINNED.decode(PINNED.encode(values, CURSOR_SECRET), CURSOR_SECRET)


def test_cursors_without_pinned_integers_are_unchanged() -> None:
    newest = Keyset("test:-published_at", (col(Article.published_at), col(Article.id)), descending=True,
                    nullable_head=True)  # fmt: skip
    assert newest.encode([date(2025, 6, 23), 5], CURSOR_SECRET) == "WyIyMDI1LTA2LTIzIiw1XQ.09O33DEQasRiqykhV2Wyyg"
    assert newest.encode([None, 5], CURSOR_SECRET) == "W251bGwsNV0.NdbtA-7QcbkiLuT6R2EYMw"
