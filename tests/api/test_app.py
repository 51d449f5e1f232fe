import subprocess
import sys

import httpx
import orjson
import pytest
from pydantic import BaseModel

from app import schemas
from app.config import ROOT, Settings
from app.main import create_app
from tests.builders import ArticleBuilder
from tests.conftest import BASE_URL

pytestmark = pytest.mark.anyio

OPERATIONS = {
    ("/v1/articles", "listArticles"): {"400", "422", "500"},
    ("/v1/articles", "createArticle"): {"201", "401", "403", "409", "413", "415", "422", "500"},
    ("/v1/articles/{id}", "getArticle"): {"404", "422", "500"},
    ("/v1/articles/{id}", "replaceArticle"): {"401", "403", "404", "409", "413", "415", "422", "500"},
    ("/v1/articles/{id}", "deleteArticle"): {"204", "401", "403", "404", "422", "500"},
    ("/v1/articles/{id}/mentions", "listArticleMentions"): {"400", "404", "422", "500"},
    ("/v1/people", "listPeople"): {"400", "422", "500"},
    ("/v1/people/{id}", "getPerson"): {"404", "422", "500"},
    ("/v1/places", "listPlaces"): {"400", "422", "500"},
    ("/v1/places/{id}", "getPlace"): {"404", "422", "500"},
    ("/v1/organisations", "listOrganisations"): {"400", "422", "500"},
    ("/v1/organisations/{id}", "getOrganisation"): {"404", "422", "500"},
    ("/v1/people/{id}/articles", "listPersonArticles"): {"400", "404", "422", "500"},
    ("/v1/people/{id}/related", "listPersonRelated"): {"400", "404", "422", "500"},
    ("/v1/places.geojson", "listPlacesGeojson"): {"400", "422", "500"},
    ("/v1/places/{id}/articles", "listPlaceArticles"): {"400", "404", "422", "500"},
    ("/v1/places/{id}/related", "listPlaceRelated"): {"400", "404", "422", "500"},
    ("/v1/organisations/{id}/articles", "listOrganisationArticles"): {"400", "404", "422", "500"},
    ("/v1/organisations/{id}/related", "listOrganisationRelated"): {"400", "404", "422", "500"},
    ("/v1/search", "search"): {"422", "500"},
    ("/v1/stats", "getStats"): {"500"},
    ("/healthz", "healthz"): {"500"},
    ("/readyz", "readyz"): {"503", "500"},
}


async def test_openapi_declares_every_route_and_its_problem_statuses(client: httpx.AsyncClient) -> None:
    paths = (await client.get("/openapi.json")).json()["paths"]
    found = {(path, op["operationId"]): op["responses"] for path, item in paths.items() for op in item.values()}
    assert {key: set(responses) - {"200"} for key, responses in found.items()} == OPERATIONS
    problem_content = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    errors = [response for responses in found.values() for status, response in responses.items() if status >= "400"]
    assert all(response["content"] == problem_content for response in errors)


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
async def test_docs_are_served(client: httpx.AsyncClient, path: str) -> None:
    response = await client.get(path)
    assert (response.status_code, response.headers["content-type"]) == (200, "text/html; charset=utf-8")


def test_the_api_routes_are_matched_before_the_docs_routes() -> None:
    routes = create_app(Settings(database_url="sqlite://")).router.routes
    paths = [route.path for route in routes]  # type: ignore[attr-defined]
    assert paths[:2] == ["/v1/articles", "/v1/articles/{id}"]
    assert paths[-4:] == ["/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"]


def test_importing_the_app_loads_neither_spacy_nor_the_ingest_side() -> None:
    code = "import sys, app.main; print(sorted(m for m in sys.modules if m == 'spacy' or m.startswith('app.ingest')))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_creating_the_app_does_not_touch_the_database() -> None:
    app = create_app(Settings(database_url="sqlite:////no-such-dir/news.db"))
    assert not hasattr(app.state, "engine")


async def test_cors_allows_get_from_configured_origins_and_exposes_etag_and_link(database_url: str) -> None:
    app = create_app(Settings(database_url=database_url, cors_origins=["https://news.example"]))
    transport = httpx.ASGITransport(app=app)
    async with app.router.lifespan_context(app), httpx.AsyncClient(transport=transport, base_url=BASE_URL) as client:
        allowed = await client.get("/healthz", headers={"Origin": "https://news.example"})
        other = await client.get("/healthz", headers={"Origin": "https://elsewhere.example"})
    assert allowed.headers["access-control-allow-origin"] == "https://news.example"
    assert allowed.headers["access-control-expose-headers"] == "ETag, Link"
    assert "access-control-allow-origin" not in other.headers


async def test_links_use_the_public_url_when_set(database_url: str, add_article: ArticleBuilder) -> None:
    add_article(title="Première")
    add_article(title="Seconde")
    app = create_app(Settings(database_url=database_url, public_url="https://api.news.example/"))
    transport = httpx.ASGITransport(app=app)
    async with app.router.lifespan_context(app), httpx.AsyncClient(transport=transport, base_url=BASE_URL) as client:
        response = await client.get("/v1/articles", params={"limit": 1})
    links, cursor = response.json()["links"], response.json()["meta"]["next_cursor"]
    assert links["self"] == "https://api.news.example/v1/articles?limit=1"
    assert links["next"] == f"https://api.news.example/v1/articles?limit=1&cursor={cursor}"
    assert response.headers["link"] == f'<{links["next"]}>; rel="next"'


async def test_large_answers_are_gzipped(client: httpx.AsyncClient, add_article: ArticleBuilder) -> None:
    article_id = add_article.seed_article()
    response = await client.get(f"/v1/articles/{article_id}", headers={"Accept-Encoding": "gzip"})
    assert (response.status_code, response.headers["content-encoding"]) == (200, "gzip")


def test_every_schema_has_a_valid_example() -> None:
    models = [m for m in vars(schemas).values() if isinstance(m, type) and issubclass(m, BaseModel)
              and m.__module__ == schemas.__name__]  # fmt: skip
    examples = {m: (m.model_config.get("json_schema_extra") or {}).get("examples", []) for m in models}
    assert {m.__name__ for m, found in examples.items() if not found} == {"Page", "ArticleFields", "EntitySummary"}
    for model, found in examples.items():
        for example in found:
            model.model_validate_json(orjson.dumps(example))  # examples are JSON documents
