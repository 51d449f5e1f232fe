from datetime import date, datetime

import httpx
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session
from starlette.datastructures import URL

from app.ingest.store import delete_article
from app.ingest.summaries import snippet
from app.models import Article
from tests.api.support import assert_problem, ids, problem, walk
from tests.builders import SEED_ARTICLE, ArticleBuilder

pytestmark = pytest.mark.anyio

SEED_SLUG = "recu-par-poutine-le-chef-de-la-junte-malienne-dit-vouloir-renforcer-les-liens"
SEED_TITLE = 'Reçu par Poutine, le chef de la junte malienne dit vouloir "renforcer" les liens avec Moscou'
SEED_CAPTION = (
    "Le président russe Vladimir Poutine et le chef de la junte malienne Assimi Goita lors de leur rencontre à "
    "Moscou le 23 juin 2025"
)
SEED_SNIPPET = (
    "Le chef de la junte au Mali, le général Assimi Goïta, en visite officielle en Russie, a déclaré lundi vouloir "
    '"renforcer" les liens avec Moscou, lors d\'une rencontre avec le président russe Vladimir…'
)


@pytest.fixture
def corpus(add_article: ArticleBuilder) -> dict[str, int]:
    """Four articles: two on the same day, an older one and an undated one."""
    return {
        "seed": add_article.seed_article(),
        "wagner": add_article(title="Wagner quitte le Mali", published_at=date(2025, 6, 10),
                              paragraphs=["Le groupe Wagner a quitté le Mali, selon Moscou.",
                                          "Vladimir Poutine n'a pas commenté."]),
        "undated": add_article(title="Dépêche sans date", published_at=None,
                               paragraphs=["Emmanuel Macron était à Dakar."]),
        "bamako": add_article(title="Sommet à Bamako", caption="Assimi Goïta à Bamako",
                              paragraphs=["Assimi Goïta a reçu l'Union africaine à Bamako."]),
    }  # fmt: skip


async def test_list_is_newest_first_with_undated_last(client: httpx.AsyncClient, corpus: dict[str, int]) -> None:
    response = await client.get("/v1/articles")
    body = response.json()
    assert response.status_code == 200
    assert [item["id"] for item in body["data"]] == [corpus["bamako"], corpus["seed"], corpus["wagner"],
                                                     corpus["undated"]]  # fmt: skip
    assert body["meta"] == {"total": 4, "limit": 20, "next_cursor": None}
    assert body["links"] == {"self": "http://testserver/v1/articles", "next": None, "prev": None}
    assert "link" not in response.headers


async def test_summary_embeds_people_and_places_most_mentioned_first(
    client: httpx.AsyncClient, corpus: dict[str, int]
) -> None:
    body = (await client.get("/v1/articles", params={"limit": 2})).json()
    assert body["data"] == [
        {
            "id": 4, "slug": "sommet-a-bamako", "title": "Sommet à Bamako", "caption": "Assimi Goïta à Bamako",
            "published_at": "2025-06-23", "language": "fr", "source": "AFP",
            "snippet": "Assimi Goïta a reçu l'Union africaine à Bamako.",
            "people": [{"id": 2, "slug": "assimi-goita", "name": "Assimi Goïta"}],
            "places": [{"id": 16, "slug": "bamako", "name": "Bamako", "country_code": "ML"}],
        },
        {
            "id": 1, "slug": SEED_SLUG, "title": SEED_TITLE, "caption": SEED_CAPTION, "published_at": "2025-06-23",
            "language": "fr", "source": None, "snippet": SEED_SNIPPET,
            "people": [
                {"id": 2, "slug": "assimi-goita", "name": "Assimi Goïta"},
                {"id": 1, "slug": "vladimir-poutine", "name": "Vladimir Poutine"},
                {"id": 4, "slug": "iounous-bek-ievkourov", "name": "Iounous-Bek Ievkourov"},
                {"id": 3, "slug": "serguei-tsiviliov", "name": "Sergueï Tsiviliov"},
            ],
            "places": [
                {"id": 5, "slug": "moscou", "name": "Moscou", "country_code": "RU"},
                {"id": 6, "slug": "mali", "name": "Mali", "country_code": "ML"},
                {"id": 7, "slug": "russie", "name": "Russie", "country_code": "RU"},
                {"id": 8, "slug": "kremlin", "name": "Kremlin", "country_code": "RU"},
            ],
        },
    ]  # fmt: skip


DATES = [date(2025, 6, 1 + n % 5) if n % 4 else None for n in range(25)]


@pytest.mark.parametrize("limit", [1, 4, 24, 25, 100])
async def test_cursor_walk_visits_every_article_once_in_order(
    client: httpx.AsyncClient, add_article: ArticleBuilder, limit: int
) -> None:
    made = {add_article(title=f"Dépêche numéro {n}", published_at=day): day for n, day in enumerate(DATES)}
    expected = sorted(made, key=lambda i: (made[i] is None, -(made[i] or date.min).toordinal(), -i))
    pages = await walk(client, f"/v1/articles?limit={limit}")
    assert ids(pages) == expected
    assert [page["meta"]["total"] for page in pages] == [25] * len(pages)
    assert [len(page["data"]) for page in pages] == [min(limit, 25 - i) for i in range(0, 25, limit)]


async def test_cursor_is_stable_when_newer_articles_arrive(client: httpx.AsyncClient, corpus: dict[str, int],
                                                           add_article: ArticleBuilder) -> None:  # fmt: skip
    first = (await client.get("/v1/articles", params={"limit": 2})).json()
    newest = add_article(title="Dernière minute", published_at=date(2025, 7, 1))
    rest = await walk(client, first["links"]["next"])
    assert ids([first, *rest]) == [corpus["bamako"], corpus["seed"], corpus["wagner"], corpus["undated"]]
    assert rest[0]["meta"]["total"] == 5
    assert ids(await walk(client, "/v1/articles?limit=2"))[0] == newest


async def test_links_keep_the_other_query_parameters(client: httpx.AsyncClient, corpus: dict[str, int]) -> None:
    body = (await client.get("/v1/articles", params={"limit": 3})).json()
    cursor = body["meta"]["next_cursor"]
    assert body["links"] == {
        "self": "http://testserver/v1/articles?limit=3",
        "next": f"http://testserver/v1/articles?limit=3&cursor={cursor}",
        "prev": None,
    }


@pytest.mark.parametrize("tag", ["front", "é" * 600])  # a short URL's links are kept; a long one's are not
async def test_links_are_those_of_each_url_asked_again(client: httpx.AsyncClient, corpus: dict[str, int],
                                                       tag: str) -> None:  # fmt: skip
    for limit, host in [(3, "testserver"), (3, "news.example"), (2, "testserver"), (3, "testserver")]:
        url = str(URL(f"http://{host}/v1/articles").include_query_params(limit=limit, utm_source=tag))
        body = (await client.get(url)).json()
        assert body["links"]["self"] == url
        assert body["links"]["next"] == f"{url}&cursor={body['meta']['next_cursor']}"


@pytest.mark.parametrize("limit", ["0", "101", "-1"])
async def test_limit_out_of_bounds_is_a_422_problem(client: httpx.AsyncClient, limit: str) -> None:
    response = await client.get("/v1/articles", params={"limit": limit})
    assert_problem(response, problem(422, "invalid_parameter", "Invalid parameter", "limit must be between 1 and 100",
                                     [{"param": "limit", "message": "must be between 1 and 100"}]))  # fmt: skip


async def test_limit_that_is_not_a_number_is_a_422_problem(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/articles", params={"limit": "ten"})
    message = "must be a valid integer, unable to parse string as an integer"
    assert_problem(response, problem(422, "invalid_parameter", "Invalid parameter", f"limit {message}",
                                     [{"param": "limit", "message": message}]))  # fmt: skip


@pytest.mark.parametrize("limit", [1, 100])
async def test_limit_bounds_are_inclusive(client: httpx.AsyncClient, corpus: dict[str, int], limit: int) -> None:
    body = (await client.get("/v1/articles", params={"limit": limit})).json()
    assert (len(body["data"]), body["meta"]["limit"]) == (min(limit, 4), limit)


INVALID_CURSOR = problem(400, "invalid_cursor", "Invalid cursor",
                         "cursor is not valid for this list; take it from meta.next_cursor")  # fmt: skip


@pytest.mark.parametrize("cursor", ["garbage", "a.b.c", "WyIyMDI1LTA2LTIzIiwxXQ.AAAAAAAAAAAAAAAAAAAAAA", "%%%.@@@"])
async def test_bad_cursor_is_a_400_problem(client: httpx.AsyncClient, corpus: dict[str, int], cursor: str) -> None:
    assert_problem(await client.get("/v1/articles", params={"cursor": cursor}), INVALID_CURSOR)


async def test_tampered_cursor_is_rejected(client: httpx.AsyncClient, corpus: dict[str, int]) -> None:
    cursor = (await client.get("/v1/articles", params={"limit": 1})).json()["meta"]["next_cursor"]
    payload, signature = cursor.split(".")
    forged = payload.replace("M", "N", 1) + "." + signature
    assert_problem(await client.get("/v1/articles", params={"cursor": forged}), INVALID_CURSOR)


async def test_cursor_of_another_list_is_rejected(client: httpx.AsyncClient, corpus: dict[str, int]) -> None:
    people_cursor = (await client.get("/v1/people", params={"limit": 1})).json()["meta"]["next_cursor"]
    assert_problem(await client.get("/v1/articles", params={"cursor": people_cursor}), INVALID_CURSOR)


async def test_get_article_by_id_and_by_slug(client: httpx.AsyncClient, corpus: dict[str, int]) -> None:
    by_id = await client.get(f"/v1/articles/{corpus['seed']}")
    by_slug = await client.get(f"/v1/articles/{SEED_SLUG}")
    assert (by_id.status_code, by_slug.status_code) == (200, 200)
    assert by_id.json() == by_slug.json()


async def test_an_article_not_in_french_says_why_it_has_no_entities(
    client: httpx.AsyncClient, add_article: ArticleBuilder
) -> None:
    article_id = add_article(title="Summit in Nairobi", paragraphs=["Leaders met in Nairobi on Monday."],
                             language="en")  # fmt: skip
    body = (await client.get(f"/v1/articles/{article_id}")).json()
    assert (body["language"], body["people"], body["places"], body["organisations"]) == ("en", [], [], [])
    assert body["extraction_note"] == "extraction skipped: language 'en' is not supported (supported: fr)"


async def test_article_detail_of_the_seed_article(client: httpx.AsyncClient, corpus: dict[str, int]) -> None:
    body = (await client.get(f"/v1/articles/{corpus['seed']}")).json()
    created, updated = body.pop("created_at"), body.pop("updated_at")
    assert created == updated
    assert datetime.fromisoformat(created).utcoffset() is not None
    assert body == {
        "id": 1, "slug": SEED_SLUG, "title": SEED_TITLE, "caption": SEED_CAPTION, "published_at": "2025-06-23",
        "language": "fr", "source": None, "snippet": SEED_SNIPPET, "body": seed_paragraphs(), "word_count": 295,
        "url": None, "extraction_note": None,
        "people": [
            {"id": 2, "slug": "assimi-goita", "name": "Assimi Goïta", "mention_count": 4,
             "titles": ["chef de la junte malienne", "général"]},
            {"id": 1, "slug": "vladimir-poutine", "name": "Vladimir Poutine", "mention_count": 4,
             "titles": ["président russe"]},
            {"id": 4, "slug": "iounous-bek-ievkourov", "name": "Iounous-Bek Ievkourov", "mention_count": 1,
             "titles": ["vice-ministre de la Défense russe"]},
            {"id": 3, "slug": "serguei-tsiviliov", "name": "Sergueï Tsiviliov", "mention_count": 1,
             "titles": ["ministre russe de l'Energie"]},
        ],
        "places": [
            {"id": 5, "slug": "moscou", "name": "Moscou", "country_code": "RU", "kind": "city", "latitude": 55.75204,
             "longitude": 37.61781, "mention_count": 5},
            {"id": 6, "slug": "mali", "name": "Mali", "country_code": "ML", "kind": "country", "latitude": 17.570692,
             "longitude": -3.996166, "mention_count": 4},
            {"id": 7, "slug": "russie", "name": "Russie", "country_code": "RU", "kind": "country",
             "latitude": 61.52401, "longitude": 105.318756, "mention_count": 3},
            {"id": 8, "slug": "kremlin", "name": "Kremlin", "country_code": "RU", "kind": "landmark",
             "latitude": 55.752, "longitude": 37.6175, "mention_count": 1},
        ],
        "organisations": [
            {"id": 13, "slug": "etat-islamique", "name": "État islamique", "mention_count": 2},
            {"id": 10, "slug": "africa-corps", "name": "Africa Corps", "mention_count": 1},
            {"id": 12, "slug": "al-qaida", "name": "Al-Qaïda", "mention_count": 1},
            {"id": 9, "slug": "wagner", "name": "Wagner", "mention_count": 1},
            {"id": 11, "slug": "ministere-russe-de-la-defense", "name": "ministère russe de la Défense",
             "mention_count": 1},
        ],
    }  # fmt: skip


def seed_paragraphs() -> list[str]:
    blocks = SEED_ARTICLE.read_text(encoding="utf-8").split("\n\n")
    return [block.strip() for block in blocks[2:] if block.strip()]


@pytest.mark.parametrize("ref", ["999", "no-such-article", "99999999999999999999999"])
async def test_unknown_article_is_a_404_problem(client: httpx.AsyncClient, corpus: dict[str, int], ref: str) -> None:
    response = await client.get(f"/v1/articles/{ref}")
    assert_problem(response, problem(404, "not_found", "Not found", f"No article has the id or slug '{ref}'."))


async def test_an_all_digit_title_gets_a_slug_that_cannot_be_read_as_an_id(
    client: httpx.AsyncClient, add_article: ArticleBuilder
) -> None:
    article_id = add_article(title="2025")
    body = (await client.get("/v1/articles/n-2025")).json()
    assert (body["id"], body["slug"]) == (article_id, "n-2025")


SEED_MENTIONS = [
    ("vladimir-poutine", "title", 9, "Poutine"), ("moscou", "title", 86, "Moscou"),
    ("vladimir-poutine", "caption", 19, "Vladimir Poutine"), ("assimi-goita", "caption", 68, "Assimi Goita"),
    ("moscou", "caption", 106, "Moscou"), ("mali", 0, 23, "Mali"), ("assimi-goita", 0, 40, "Assimi Goïta"),
    ("russie", 0, 78, "Russie"), ("moscou", 0, 137, "Moscou"), ("vladimir-poutine", 0, 190, "Vladimir Poutine"),
    ("kremlin", 0, 210, "Kremlin"), ("assimi-goita", 1, 93, "Goïta"), ("moscou", 1, 109, "Moscou"),
    ("moscou", 1, 158, "Moscou"), ("vladimir-poutine", 3, 17, "Poutine"), ("russie", 4, 46, "Russie"),
    ("serguei-tsiviliov", 4, 156, "Sergueï Tsiviliov"), ("iounous-bek-ievkourov", 4, 213, "Iounous-Bek Ievkourov"),
    ("assimi-goita", 5, 19, "Goïta"), ("wagner", 6, 97, "Wagner"), ("mali", 6, 107, "Mali"),
    ("africa-corps", 6, 183, "Africa Corps"),
    ("ministere-russe-de-la-defense", 6, 240, "ministère russe de la Défense"),
    ("mali", 7, 61, "Mali"), ("russie", 7, 204, "Russie"), ("mali", 8, 3, "Mali"), ("al-qaida", 8, 94, "Al-Qaïda"),
    ("etat-islamique", 8, 123, "État islamique"), ("etat-islamique", 8, 139, "EI"),
]  # fmt: skip


@pytest.mark.parametrize("limit", [100, 7])
async def test_mentions_in_reading_order_with_exact_offsets(
    client: httpx.AsyncClient, corpus: dict[str, int], limit: int
) -> None:
    pages = await walk(client, f"/v1/articles/{SEED_SLUG}/mentions?limit={limit}")
    mentions = [mention for page in pages for mention in page["data"]]
    detail = (await client.get(f"/v1/articles/{SEED_SLUG}")).json()
    sections = {"title": detail["title"], "caption": detail["caption"], **dict(enumerate(detail["body"]))}
    assert [(m["entity"]["slug"], m["paragraph"], m["start"], m["surface"]) for m in mentions] == SEED_MENTIONS
    assert [sections[m["paragraph"]][m["start"] : m["end"]] for m in mentions] == [m["surface"] for m in mentions]
    assert {page["meta"]["total"] for page in pages} == {len(SEED_MENTIONS)}


async def test_mention_names_its_entity(client: httpx.AsyncClient, corpus: dict[str, int]) -> None:
    body = (await client.get(f"/v1/articles/{corpus['bamako']}/mentions")).json()
    assert body["data"][0] == {
        "entity": {"type": "place", "id": 16, "slug": "bamako", "name": "Bamako"},
        "surface": "Bamako", "paragraph": "title", "start": 9, "end": 15,
    }  # fmt: skip


async def test_mentions_cursor_belongs_to_its_article(client: httpx.AsyncClient, corpus: dict[str, int]) -> None:
    cursor = (await client.get(f"/v1/articles/{corpus['seed']}/mentions?limit=1")).json()["meta"]["next_cursor"]
    response = await client.get(f"/v1/articles/{corpus['wagner']}/mentions", params={"cursor": cursor})
    assert_problem(response, INVALID_CURSOR)


async def test_mentions_of_unknown_article_is_a_404_problem(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/articles/nope/mentions")
    assert_problem(response, problem(404, "not_found", "Not found", "No article has the id or slug 'nope'."))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Court.", "Court."),
        ("  Deux\n\nparagraphes. ", "Deux paragraphes."),
        ("mot " * 60, ("mot " * 50).strip() + "…"),
        ("x" * 250, "x" * 200 + "…"),
        ("Virgule, " + "a" * 195 + " fin", "Virgule…"),
        # Whitespace enough that the collapsed opening is short: the whole text is read.
        ("Blancs" + " " * 500 + "mot " * 60, "Blancs " + ("mot " * 48).strip() + "…"),
    ],
)
def test_snippet_cuts_at_a_word_boundary(text: str, expected: str) -> None:
    assert snippet(text) == expected


async def test_totals_follow_every_write_another_connection_commits(
    client: httpx.AsyncClient, add_article: ArticleBuilder, engine: Engine
) -> None:
    """Totals are kept while the database is unchanged (SQLite's data version, PostgreSQL's WAL position)."""
    urls = ["/v1/articles", "/v1/articles?q=dakar", "/v1/people/emmanuel-macron/articles"]

    async def totals() -> list[int]:
        return [(await client.get(url)).json()["meta"]["total"] for url in urls]

    add_article(title="Macron à Dakar", paragraphs=["Emmanuel Macron est arrivé à Dakar."])
    assert await totals() == await totals() == [1, 1, 1]
    second = add_article(title="Macron à Paris", paragraphs=["Emmanuel Macron rentre de Dakar."])
    assert await totals() == [2, 2, 2]
    with Session(engine) as session:
        delete_article(session, session.get_one(Article, second))
        session.commit()
    assert await totals() == [1, 1, 1]
