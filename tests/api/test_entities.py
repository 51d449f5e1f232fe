from datetime import date

import httpx
import pytest

from tests.api.support import assert_problem, problem, walk
from tests.builders import ArticleBuilder

pytestmark = pytest.mark.anyio


@pytest.fixture
def corpus(add_article: ArticleBuilder) -> None:
    """Three articles: Macron in all three, von der Leyen named most in one, one article undated."""
    add_article(title="Visite à Paris", published_at=date(2025, 5, 1),
                paragraphs=["Emmanuel Macron a reçu Ursula von der Leyen à Paris.",
                            "Ursula von der Leyen a remercié Paris.", "Pour Ursula von der Leyen, Paris compte.",
                            "Ursula von der Leyen repart ce soir."])  # fmt: skip
    add_article(title="Escale à Dakar", published_at=date(2025, 6, 15),
                paragraphs=["Emmanuel Macron est arrivé à Dakar avec la Croix-Rouge."])  # fmt: skip
    add_article(title="Dépêche non datée", published_at=None,
                paragraphs=["Emmanuel Macron a rencontré Assimi Goïta et l'Union africaine."])  # fmt: skip


ORDERS = {
    ("people", "-article_count"): ["emmanuel-macron", "assimi-goita", "ursula-von-der-leyen"],
    ("people", "-mention_count"): ["ursula-von-der-leyen", "emmanuel-macron", "assimi-goita"],
    ("people", "name"): ["assimi-goita", "emmanuel-macron", "ursula-von-der-leyen"],
    ("places", "-article_count"): ["dakar", "paris"],
    ("places", "-mention_count"): ["paris", "dakar"],
    ("places", "name"): ["dakar", "paris"],
    ("organisations", "-article_count"): ["union-africaine", "croix-rouge"],
    ("organisations", "-mention_count"): ["union-africaine", "croix-rouge"],
    ("organisations", "name"): ["croix-rouge", "union-africaine"],
}


@pytest.mark.parametrize(("resource", "sort"), list(ORDERS))
async def test_list_in_each_sort_order(client: httpx.AsyncClient, corpus: None, resource: str, sort: str) -> None:
    body = (await client.get(f"/v1/{resource}", params={"sort": sort})).json()
    assert [item["slug"] for item in body["data"]] == ORDERS[resource, sort]
    assert body["meta"] == {"total": len(ORDERS[resource, sort]), "limit": 20, "next_cursor": None}


@pytest.mark.parametrize(("resource", "sort"), list(ORDERS))
async def test_cursor_walk_in_each_sort_order(
    client: httpx.AsyncClient, corpus: None, resource: str, sort: str
) -> None:
    pages = await walk(client, f"/v1/{resource}?sort={sort}&limit=1")
    assert [item["slug"] for page in pages for item in page["data"]] == ORDERS[resource, sort]


async def test_default_sort_is_most_articles_first(client: httpx.AsyncClient, corpus: None) -> None:
    body = (await client.get("/v1/people")).json()
    assert body["data"][0] == {"id": 2, "slug": "emmanuel-macron", "name": "Emmanuel Macron", "aliases": [],
                               "article_count": 3, "mention_count": 3, "titles": []}  # fmt: skip
    assert body["links"] == {"self": "http://testserver/v1/people", "next": None, "prev": None}


async def test_place_items_carry_their_geography(client: httpx.AsyncClient, corpus: None) -> None:
    body = (await client.get("/v1/places", params={"sort": "-mention_count", "limit": 1})).json()
    assert body["data"] == [{"id": 3, "slug": "paris", "name": "Paris", "aliases": [], "article_count": 1,
                             "mention_count": 4, "kind": "city", "country_code": "FR", "latitude": 48.85341,
                             "longitude": 2.3488, "geonames_id": 2988507}]  # fmt: skip


async def test_organisation_detail_of_an_undated_article_has_no_dates(client: httpx.AsyncClient, corpus: None) -> None:
    body = (await client.get("/v1/organisations/union-africaine")).json()
    assert body == {"id": 7, "slug": "union-africaine", "name": "Union africaine", "aliases": [], "article_count": 1,
                    "mention_count": 1, "first_seen": None, "last_seen": None}  # fmt: skip


async def test_place_detail_by_id_and_slug(client: httpx.AsyncClient, corpus: None) -> None:
    by_id, by_slug = (await client.get("/v1/places/3")).json(), (await client.get("/v1/places/paris")).json()
    assert by_id == by_slug == {
        "id": 3, "slug": "paris", "name": "Paris", "aliases": [], "article_count": 1, "mention_count": 4,
        "kind": "city", "country_code": "FR", "latitude": 48.85341, "longitude": 2.3488, "geonames_id": 2988507,
        "first_seen": "2025-05-01", "last_seen": "2025-05-01",
    }  # fmt: skip


async def test_first_and_last_seen_ignore_undated_articles(client: httpx.AsyncClient, corpus: None) -> None:
    body = (await client.get("/v1/people/emmanuel-macron")).json()
    assert (body["first_seen"], body["last_seen"]) == ("2025-05-01", "2025-06-15")


async def test_person_detail_with_aliases_and_titles(client: httpx.AsyncClient, add_article: ArticleBuilder) -> None:
    seed = add_article.seed_article()
    later = add_article(title="Poutine à Paris", published_at=date(2025, 7, 1),
                        paragraphs=["Le président russe Vladimir Poutine est à Paris."])  # fmt: skip
    body = (await client.get("/v1/people/vladimir-poutine")).json()
    seed_ref = {
        "id": seed,
        "slug": "recu-par-poutine-le-chef-de-la-junte-malienne-dit-vouloir-renforcer-les-liens",
        "title": 'Reçu par Poutine, le chef de la junte malienne dit vouloir "renforcer" les liens avec Moscou',
    }
    goita = (await client.get("/v1/people/assimi-goita")).json()
    assert body == {
        "id": 1, "slug": "vladimir-poutine", "name": "Vladimir Poutine", "aliases": ["Poutine"], "article_count": 2,
        "mention_count": 6, "titles": [{"title": "président russe", "article": {"id": later, "slug": "poutine-a-paris",
                                                                                "title": "Poutine à Paris"}}],
        "first_seen": "2025-06-23", "last_seen": "2025-07-01",
    }  # fmt: skip
    assert goita["aliases"] == ["Assimi Goita", "Goïta"]
    assert goita["titles"] == [{"title": "chef de la junte malienne", "article": seed_ref},
                               {"title": "général", "article": seed_ref}]  # fmt: skip


@pytest.mark.parametrize(
    ("path", "noun", "ref"),
    [("people", "person", "paris"), ("people", "person", "3"), ("places", "place", "emmanuel-macron"),
     ("organisations", "organisation", "999")],
)  # fmt: skip
async def test_unknown_or_other_type_is_a_404_problem(
    client: httpx.AsyncClient, corpus: None, path: str, noun: str, ref: str
) -> None:
    response = await client.get(f"/v1/{path}/{ref}")
    assert_problem(response, problem(404, "not_found", "Not found", f"No {noun} has the id or slug '{ref}'."))


INVALID_CURSOR = problem(400, "invalid_cursor", "Invalid cursor",
                         "cursor is not valid for this list; take it from meta.next_cursor")  # fmt: skip


async def test_cursor_of_another_sort_or_type_is_rejected(client: httpx.AsyncClient, corpus: None) -> None:
    cursor = (await client.get("/v1/people", params={"sort": "name", "limit": 1})).json()["meta"]["next_cursor"]
    assert (await client.get("/v1/people", params={"sort": "name", "cursor": cursor})).status_code == 200
    assert_problem(await client.get("/v1/people", params={"cursor": cursor}), INVALID_CURSOR)
    assert_problem(await client.get("/v1/places", params={"sort": "name", "cursor": cursor}), INVALID_CURSOR)


async def test_unknown_sort_is_a_422_problem(client: httpx.AsyncClient) -> None:
    message = "must be '-article_count', 'name' or '-mention_count'"
    assert_problem(await client.get("/v1/places", params={"sort": "popularity"}),
                   problem(422, "invalid_parameter", "Invalid parameter", f"sort {message}",
                           [{"param": "sort", "message": message}]))  # fmt: skip


async def test_empty_lists(client: httpx.AsyncClient) -> None:
    for resource in ("people", "places", "organisations"):
        body = (await client.get(f"/v1/{resource}")).json()
        assert body == {"data": [], "meta": {"total": 0, "limit": 20, "next_cursor": None},
                        "links": {"self": f"http://testserver/v1/{resource}", "next": None, "prev": None}}  # fmt: skip
