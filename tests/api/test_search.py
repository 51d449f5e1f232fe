"""`/v1/articles` search and filters: exact results on known articles, on SQLite and PostgreSQL alike."""

import re
from datetime import date
from typing import Any

import httpx
import pytest

from tests.api.support import assert_problem, ids, problem, walk
from tests.api.test_query_plans import recording
from tests.builders import ArticleBuilder

pytestmark = pytest.mark.anyio
ENTITY_LOOKUP = re.compile(r"SELECT entity\.id, entity\.article_count\s+FROM entity\b")


@pytest.fixture
def corpus(add_article: ArticleBuilder) -> dict[str, int]:
    """Five articles: the seed article, then four short ones on other days and in another language."""
    return {
        "seed": add_article.seed_article(),
        "wagner": add_article(title="Wagner quitte le Mali", published_at=date(2025, 6, 10),
                              paragraphs=["Le groupe Wagner a quitté le Mali, selon Moscou.",
                                          "Vladimir Poutine n'a pas commenté à l'Élysée."]),
        "undated": add_article(title="Dépêche sans date", published_at=None,
                               paragraphs=["Emmanuel Macron était à Dakar."]),
        "bamako": add_article(title="Sommet à Bamako", caption="Assimi Goïta à Bamako", published_at=date(2025, 6, 24),
                              paragraphs=["Assimi Goïta a reçu l'Union africaine à Bamako."]),
        "english": add_article(title="Macron in Paris", published_at=date(2025, 5, 1), language="en",
                               paragraphs=["Emmanuel Macron met Ursula von der Leyen in Paris."]),
    }  # fmt: skip


async def found(client: httpx.AsyncClient, **params: Any) -> list[int]:
    response = await client.get("/v1/articles", params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["meta"]["total"] == len(body["data"])
    return [item["id"] for item in body["data"]]


@pytest.mark.parametrize("q", ["Goita", "goïta", "GOÏTA", "goi*", "Assimi"])
async def test_search_ignores_case_and_accents(client: httpx.AsyncClient, corpus: dict[str, int], q: str) -> None:
    assert await found(client, q=q, sort="-published_at") == [corpus["bamako"], corpus["seed"]]


@pytest.mark.parametrize("q", ["elysee", "Élysée", "l'Élysée", "l’elysee"])
async def test_search_splits_french_elision(client: httpx.AsyncClient, corpus: dict[str, int], q: str) -> None:
    assert await found(client, q=q) == [corpus["wagner"]]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("poutine moscou", ["seed", "wagner"]),
        ("poutine AND dakar", []),
        ('"vladimir poutine"', ["seed", "wagner"]),
        ('"poutine vladimir"', []),
        ("dakar OR bamako", ["bamako", "undated"]),
        ("poutine -elysee", ["seed"]),
        ("poutine NOT élysée", ["seed"]),
        ("macron", ["english", "undated"]),
        ("mac*", ["english", "undated"]),
        ("sommet", ["bamako"]),
        ("NEAR(mali", []),
        ("title:sommet", []),
    ],
)
async def test_search_syntax(client: httpx.AsyncClient, corpus: dict[str, int], q: str, expected: list[str]) -> None:
    assert sorted(await found(client, q=q)) == sorted(corpus[name] for name in expected)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["bamako", "seed", "wagner", "english", "undated"]),
        ({"sort": "published_at"}, ["english", "wagner", "seed", "bamako", "undated"]),
        ({"person": "Assimi Goïta"}, ["bamako", "seed"]),
        ({"person": "assimi-goita"}, ["bamako", "seed"]),
        ({"person": "2"}, ["bamako", "seed"]),
        ({"person": "ASSIMI GOITA"}, ["bamako", "seed"]),
        ({"person": ["Assimi Goïta", "Vladimir Poutine"]}, ["seed"]),
        ({"person": "Emmanuel Macron", "sort": "published_at"}, ["undated"]),
        ({"place": "Moscou"}, ["seed", "wagner"]),
        ({"place": "moscou", "person": "vladimir-poutine", "organisation": "Wagner"}, ["seed", "wagner"]),
        ({"organisation": "Union africaine"}, ["bamako"]),
        ({"lang": "en"}, ["english"]),
        ({"lang": "fr", "person": "Emmanuel Macron"}, ["undated"]),
        ({"from": "2025-06-10", "to": "2025-06-23"}, ["seed", "wagner"]),
        ({"from": "2025-06-23"}, ["bamako", "seed"]),
        ({"to": "2025-06-10", "sort": "published_at"}, ["english", "wagner"]),
        ({"from": "2025-06-24", "to": "2025-06-24"}, ["bamako"]),
        ({"q": "moscou", "from": "2025-06-11"}, ["seed"]),
        ({"q": "poutine", "place": "Mali", "sort": "published_at"}, ["wagner", "seed"]),
        ({"q": "macron", "lang": "en"}, ["english"]),
        ({"q": "goita", "person": "Vladimir Poutine", "to": "2025-06-23"}, ["seed"]),
    ],
)  # fmt: skip
async def test_filters_and_their_combinations(
    client: httpx.AsyncClient, corpus: dict[str, int], params: dict[str, Any], expected: list[str]
) -> None:
    assert await found(client, **params) == [corpus[name] for name in expected]


@pytest.fixture
def rain(add_article: ArticleBuilder) -> dict[str, int]:
    """`Bamako` in the title of the oldest, in the caption of the next, in the body of the newest."""
    return {
        "title": add_article(title="Bamako sous la pluie", published_at=date(2025, 3, 1),
                             paragraphs=["Les rues sont inondées depuis lundi soir."]),
        "caption": add_article(title="Pluie sur la capitale", caption="Les rues de Bamako", published_at=date(2025, 3, 2),
                               paragraphs=["Les rues sont inondées depuis lundi soir."]),
        "body": add_article(title="Pluie sur la capitale malienne", published_at=date(2025, 3, 3),
                            paragraphs=["Les rues de Bamako sont inondées depuis lundi."]),
    }  # fmt: skip


async def test_relevance_weighs_title_above_caption_above_body(client: httpx.AsyncClient, rain: dict[str, int]) -> None:
    relevant = [rain["title"], rain["caption"], rain["body"]]
    assert await found(client, q="bamako") == relevant
    assert await found(client, q="bamako", sort="relevance") == relevant
    assert await found(client, q="bamako", sort="-published_at") == relevant[::-1]
    assert ids(await walk(client, "/v1/articles?q=bamako&limit=1")) == relevant


async def test_snippet_marks_the_matched_words(client: httpx.AsyncClient, corpus: dict[str, int], dialect: str) -> None:
    body = (await client.get("/v1/articles", params={"q": "goïta", "sort": "-published_at"})).json()
    # FTS5 quotes the best column; ts_headline the best fragment of title, caption and body together.
    expected = {
        "sqlite": [
            "Assimi <mark>Goïta</mark> à Bamako",
            "Le chef de la junte au Mali, le général Assimi <mark>Goïta</mark>, en visite officielle en Russie, a "
            'déclaré lundi vouloir "renforcer" les liens avec Moscou, lors d\'une rencontre avec le président…',
        ],
        "postgresql": [
            "Sommet à Bamako Assimi <mark>Goïta</mark> à Bamako Assimi <mark>Goïta</mark> a reçu l'Union africaine à "
            "Bamako",
            "avec Moscou Le président russe Vladimir Poutine et le chef de la junte malienne Assimi <mark>Goita</mark> "
            "lors de leur rencontre à Moscou le 23 juin 2025 Le chef de la junte",
        ],
    }
    assert [item["snippet"] for item in body["data"]] == expected[dialect]


async def test_without_q_the_snippet_is_the_opening(client: httpx.AsyncClient, corpus: dict[str, int]) -> None:
    body = (await client.get("/v1/articles", params={"person": "Assimi Goïta", "limit": 1})).json()
    assert body["data"][0]["snippet"] == "Assimi Goïta a reçu l'Union africaine à Bamako."


async def test_search_pages_carry_the_query_in_their_links(client: httpx.AsyncClient, corpus: dict[str, int]) -> None:
    pages = await walk(client, "/v1/articles?q=poutine&person=vladimir-poutine&limit=1")
    assert [page["meta"]["total"] for page in pages] == [2, 2]
    assert pages[0]["links"]["next"].startswith("http://testserver/v1/articles?q=poutine&person=vladimir-poutine")


async def test_a_cursor_serves_only_the_query_that_minted_it(client: httpx.AsyncClient, corpus: dict[str, int]) -> None:
    cursor = (await client.get("/v1/articles", params={"q": "poutine", "limit": 1})).json()["meta"]["next_cursor"]
    assert (await client.get("/v1/articles", params={"q": "poutine", "cursor": cursor})).status_code == 200
    assert_problem(await client.get("/v1/articles", params={"q": "moscou", "cursor": cursor}), INVALID_CURSOR)
    assert_problem(await client.get("/v1/articles", params={"cursor": cursor}), INVALID_CURSOR)


INVALID_CURSOR = problem(400, "invalid_cursor", "Invalid cursor",
                         "cursor is not valid for this list; take it from meta.next_cursor")  # fmt: skip


def invalid(param: str, message: str) -> dict[str, Any]:
    return problem(422, "invalid_parameter", "Invalid parameter", f"{param} {message}",
                   [{"param": param, "message": message}])  # fmt: skip


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"person": "nobody"}, invalid("person", "'nobody' is not the id, slug or name of a person")),
        ({"place": "Vladimir Poutine"}, invalid("place", "'Vladimir Poutine' is not the id, slug or name of a place")),
        ({"organisation": "999"}, invalid("organisation", "'999' is not the id, slug or name of a organisation")),
        ({"person": "\x00"}, invalid("person", "'\\x00' is not the id, slug or name of a person")),
        ({"from": "2025-13-01"}, invalid("from", "must be a valid date or datetime, month value is outside expected range of 1-12")),
        ({"to": "yesterday"}, invalid("to", "must be an ISO date, as in 2025-06-23")),
        ({"to": "0"}, invalid("to", "must be an ISO date, as in 2025-06-23")),
        ({"from": "1750000000"}, invalid("from", "must be an ISO date, as in 2025-06-23")),
        ({"from": "2025-06-24", "to": "2025-06-23"}, invalid("from", "must not be after to (2025-06-23)")),
        ({"lang": "french"}, invalid("lang", "String should match pattern '^[a-z]{2}$'")),
        ({"sort": "-relevance"}, invalid("sort", "must be '-published_at', 'published_at' or 'relevance'")),
    ],
)  # fmt: skip
async def test_invalid_parameters_are_422_problems_naming_the_parameter(
    client: httpx.AsyncClient, corpus: dict[str, int], params: dict[str, Any], expected: dict[str, Any]
) -> None:
    assert_problem(await client.get("/v1/articles", params=params), expected)


async def test_relevance_without_a_query_is_newest_first(client: httpx.AsyncClient, corpus: dict[str, int]) -> None:
    relevance = (await client.get("/v1/articles", params={"sort": "relevance", "limit": 100})).json()["data"]
    default = (await client.get("/v1/articles", params={"limit": 100})).json()["data"]
    assert [a["id"] for a in relevance] == [a["id"] for a in default] and len(default) == len(corpus)


async def test_a_blank_entity_filters_nothing(client: httpx.AsyncClient, corpus: dict[str, int]) -> None:
    assert await found(client, person="", place="moscou") == [corpus["seed"], corpus["wagner"]]


async def test_every_unknown_entity_is_named(client: httpx.AsyncClient, corpus: dict[str, int]) -> None:
    response = await client.get("/v1/articles", params={"person": ["Assimi Goïta", "x"], "place": "y"})
    assert [error["param"] for error in response.json()["errors"]] == ["person", "place"]


async def test_a_repeated_search_sees_a_write_at_once(
    client: httpx.AsyncClient, add_article: ArticleBuilder, corpus: dict[str, int]
) -> None:
    before = await found(client, q="mali")
    assert await found(client, q="mali") == before
    added = add_article(title="Le Mali vote", paragraphs=["Les bureaux de vote du Mali ont ouvert."])
    assert sorted(await found(client, q="mali")) == sorted([*before, added])


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_a_ranking_is_worked_out_once_until_a_write(
    database_url: str, add_article: ArticleBuilder, corpus: dict[str, int]
) -> None:
    """The bm25 ranking of a relevance page scores every match: the read connection keeps it while the database
    is unchanged, and ranks afresh once a write has committed."""
    async with recording(database_url) as (client, statements):

        async def rankings(q: str) -> int:
            assert (await client.get("/v1/articles", params={"q": q})).status_code == 200
            return sum("bm25(" in statement for statement in statements)

        assert [await rankings("mali"), await rankings("mali"), await rankings("moscou")] == [1, 1, 2]
        add_article(title="Le Mali vote", paragraphs=["Les bureaux de vote ont ouvert."])
        assert [await rankings("mali"), await rankings("mali")] == [3, 3]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_the_entities_a_filter_names_are_looked_up_once_until_a_write(
    database_url: str, add_article: ArticleBuilder, corpus: dict[str, int]
) -> None:
    """Every page of `?person=` names its person again: the read connection keeps the lookup (by id, slug or name)
    while the database is unchanged, and looks up afresh once a write has committed."""
    async with recording(database_url) as (client, statements):

        async def lookups(**params: str) -> int:
            assert (await client.get("/v1/articles", params=params)).status_code == 200
            return sum(bool(ENTITY_LOOKUP.search(statement)) for statement in statements)

        by_slug = [await lookups(person="vladimir-poutine"), await lookups(person="vladimir-poutine")]
        by_name = [await lookups(person="Assimi Goïta"), await lookups(person="Assimi Goïta")]
        assert by_slug == [1, 1] and by_name[0] == by_name[1] > 1
        add_article(title="Poutine à Minsk", paragraphs=["Vladimir Poutine est à Minsk."])
        assert [await lookups(person="vladimir-poutine"), await lookups(person="vladimir-poutine")] == [
            by_name[1] + 1
        ] * 2


HOSTILE = {
    '"': 400, "AND": 400, "OR": 400, "NOT": 400, "-": 400, "*": 400, "^": 400, "\x00": 400, "🙂": 400, "": 400,
    "a" * 5000: 400, "mali OR": 400, "(((": 400, "'": 400, '"mali': 400, "-mali": 400,
    "NEAR(": 200, "NEAR(mali moscou)": 200, "col:term": 200, "mali\x00": 200, "mali 🙂": 200, "^mali": 200,
    "mali*": 200, "{title}:mali": 200, "mali AND (russie OR moscou)": 200, "'; DROP TABLE article; --": 400, "'; DROP TABLE article": 200,
    '"mali" "': 400, "\\": 400, "%": 400, "mali%": 200, "_": 400,
}  # fmt: skip


@pytest.mark.parametrize(("q", "status"), HOSTILE.items(), ids=[repr(q[:20]) for q in HOSTILE])
async def test_hostile_queries_answer_results_or_a_syntax_error(
    client: httpx.AsyncClient, corpus: dict[str, int], q: str, status: int
) -> None:
    response = await client.get("/v1/articles", params={"q": q})
    assert response.status_code == status, response.text
    if status == 400:
        assert response.json()["code"] == "query_syntax_error"
