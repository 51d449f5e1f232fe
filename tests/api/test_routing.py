"""The planned routes answer exactly as FastAPI's own handler does, for good and bad parameters alike."""

import httpx
import pytest

from app.api.deps import get_reads
from app.api.routing import ApiRoute
from app.config import Settings
from app.main import create_app
from tests.builders import ArticleBuilder
from tests.conftest import BASE_URL

pytestmark = pytest.mark.anyio

PLANNED = {"/v1/articles", "/v1/articles/{id}", "/v1/people/{id}/articles", "/v1/places/{id}/articles",
           "/v1/organisations/{id}/articles"}  # fmt: skip
TARGETS = [
    "/v1/articles", "/v1/articles?limit=1", "/v1/articles?limit=0", "/v1/articles?limit=abc&sort=size",
    "/v1/articles?limit=", "/v1/articles?limit=2&limit=3", "/v1/articles?from=2025-13-01&to=0",
    "/v1/articles?from=2025-06-24&to=2025-06-23", "/v1/articles?lang=FR", "/v1/articles?lang=fr&sort=published_at",
    "/v1/articles?person=vladimir-poutine&person=Mali", "/v1/articles?person=nobody", "/v1/articles?person=",
    "/v1/articles?q=Moscou", "/v1/articles?q=%22unclosed", "/v1/articles?cursor=forged", "/v1/articles?extra=1",
    "/v1/articles/1", "/v1/articles/999", "/v1/articles/-1", "/v1/articles/bad%20slug",
    "/v1/people/vladimir-poutine/articles?limit=1", "/v1/people/vladimir-poutine/articles?limit=101",
    "/v1/people/nobody/articles?limit=0", "/v1/places/mali/articles?sort=relevance",
    "/v1/organisations/wagner/articles", "/v1/organisations/wagner/articles?from=bad",
]  # fmt: skip


def test_the_hot_reads_are_planned() -> None:
    """A route that lost its plan (a new kind of parameter, a dependency with `yield`) would still answer, slower."""
    routes = [route for route in create_app(Settings()).routes if isinstance(route, ApiRoute)]
    assert {route.path for route in routes if route.plan is not None} == PLANNED


async def test_a_planned_route_answers_as_fastapi_does(database_url: str, add_article: ArticleBuilder) -> None:
    add_article(title="Vladimir Poutine à Moscou", paragraphs=["Vladimir Poutine reçoit le Mali à Moscou avec Wagner."])
    add_article(title="Le Mali", paragraphs=["Bamako, Mali."])
    app = create_app(Settings(database_url=database_url))
    transport = httpx.ASGITransport(app=app)
    async with app.router.lifespan_context(app), httpx.AsyncClient(transport=transport, base_url=BASE_URL) as client:
        planned = [await client.get(target) for target in TARGETS]
        app.dependency_overrides[get_reads] = get_reads  # any override sends every request to FastAPI's handler
        framework = [await client.get(target) for target in TARGETS]
    assert {response.status_code for response in planned} == {200, 400, 404, 422}
    for target, ours, theirs in zip(TARGETS, planned, framework, strict=True):
        assert (ours.status_code, ours.headers.get("content-type"), ours.json()) == (
            theirs.status_code, theirs.headers.get("content-type"), theirs.json()), target  # fmt: skip
