"""The planned routes answer exactly as FastAPI's own handler does, for good and bad parameters alike."""

from enum import StrEnum
from typing import Annotated

import httpx
import pytest
from fastapi import APIRouter, Depends, FastAPI, Query, Response
from pydantic import BaseModel, Json

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


class Kind(StrEnum):
    a = "a"
    b = "b"


class Filters(BaseModel):
    x: int
    y: str = "y"


async def test_defaults_lists_and_what_a_plan_refuses_answer_as_fastapi_does() -> None:
    """A default is validated as FastAPI validates it; a route whose parameters are a model, JSON, or a
    dependency solved anew on each use keeps FastAPI's handler."""
    app = FastAPI()
    router = APIRouter(route_class=ApiRoute)

    async def counted(n: Annotated[int, Query(ge=1)] = 1) -> int:
        return n

    @router.get("/plain")
    async def plain(kind: Kind = "a", tags: Annotated[list[int] | None, Query()] = None,  # type: ignore[assignment]
                    n: Annotated[int, Depends(counted)] = 0) -> Response:  # fmt: skip
        return Response(f"{type(kind).__name__} {kind} {tags} {n}")

    @router.get("/model")
    async def model(filters: Annotated[Filters, Query()]) -> Response:
        return Response(filters.model_dump_json())

    @router.get("/json")
    async def json(data: Annotated[Json[list[int]], Query()]) -> Response:
        return Response(str(data))

    @router.get("/uncached")
    async def uncached(n: Annotated[int, Depends(counted, use_cache=False)]) -> Response:
        return Response(str(n))

    app.include_router(router)
    planned = {route.path for route in app.routes if isinstance(route, ApiRoute) and route.plan is not None}
    assert planned == {"/plain"}
    targets = ["/plain", "/plain?kind=b&tags=1&tags=2&n=3", "/plain?kind=c&tags=x&n=0", "/model?x=5&y=z",
               "/model?y=z", "/json?data=[1,2]", "/uncached?n=2"]  # fmt: skip
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=BASE_URL) as client:
        ours = [await client.get(target) for target in targets]
        app.dependency_overrides[counted] = counted
        theirs = [await client.get(target) for target in targets]
    assert ours[0].text == "Kind a None 1"
    for target, mine, fastapi in zip(targets, ours, theirs, strict=True):
        assert (mine.status_code, mine.content) == (fastapi.status_code, fastapi.content), target
