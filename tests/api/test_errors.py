import logging

import httpx
import pytest

from app.api.routing import ApiRoute
from app.config import Settings
from app.errors import PROBLEM_TYPE_BASE, AppError, InvalidCursor, problem_type
from app.main import create_app
from tests.api.support import assert_problem, problem
from tests.conftest import BASE_URL

pytestmark = pytest.mark.anyio


async def test_unknown_route_is_a_404_problem(client: httpx.AsyncClient) -> None:
    assert_problem(await client.get("/v1/nothing-here"),
                   problem(404, "not_found", "Not found", "Not Found: GET /v1/nothing-here"))  # fmt: skip


async def test_wrong_method_is_a_405_problem_with_allow(client: httpx.AsyncClient) -> None:
    response = await client.delete("/v1/articles")
    assert_problem(response, problem(405, "method_not_allowed", "Method not allowed",
                                     "Method Not Allowed: DELETE /v1/articles"))  # fmt: skip
    assert response.headers["allow"] == "GET, POST"


async def test_every_invalid_parameter_is_listed(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/people", params={"limit": "0", "sort": "age"})
    sort_message = "must be '-article_count', 'name' or '-mention_count'"
    assert_problem(response, problem(
        422, "invalid_parameter", "Invalid parameter", f"limit must be between 1 and 100; sort {sort_message}",
        [{"param": "limit", "message": "must be between 1 and 100"}, {"param": "sort", "message": sort_message}],
    ))  # fmt: skip


async def test_unhandled_error_is_a_500_problem_that_reveals_nothing(
    database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(Settings(database_url=database_url))

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("SELECT secret FROM article")

    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with app.router.lifespan_context(app), httpx.AsyncClient(transport=transport, base_url=BASE_URL) as client:
        response = await client.get("/boom", headers={"X-Request-ID": "req-42"})
    detail = "The server could not answer this request; the error has been logged."
    assert_problem(response, problem(500, "internal_error", "Internal error", detail))
    assert "secret" not in response.text
    [record] = [r for r in caplog.records if r.name == "app.errors"]
    assert (record.levelno, record.getMessage()) == (logging.ERROR, "unhandled error on GET /boom (request id req-42)")
    assert record.exc_info is not None and record.exc_info[0] is RuntimeError


def test_problem_type_is_the_code_with_dashes_under_one_base() -> None:
    assert PROBLEM_TYPE_BASE == "https://newsapi.example/problems/"
    assert problem_type("query_syntax_error") == "https://newsapi.example/problems/query-syntax-error"


def test_every_app_error_has_a_stable_code_and_status() -> None:
    codes = {cls.__name__: (cls.status, cls.code) for cls in [AppError, *AppError.__subclasses__()]}
    assert codes == {
        "AppError": (500, "internal_error"), "NotFound": (404, "not_found"),
        "InvalidParameter": (422, "invalid_parameter"), "InvalidCursor": (400, "invalid_cursor"),
        "QuerySyntaxError": (400, "query_syntax_error"), "Unauthorized": (401, "unauthorized"),
        "Forbidden": (403, "forbidden"), "Conflict": (409, "conflict"), "PayloadTooLarge": (413, "payload_too_large"),
        "UnsupportedMediaType": (415, "unsupported_media_type"), "ServiceUnavailable": (503, "service_unavailable"),
    }  # fmt: skip
    assert InvalidCursor("x").title == "Invalid cursor"


async def test_a_single_valued_parameter_given_twice_is_a_422(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/articles?q=Poutine&q=Moscou")
    assert response.status_code == 422
    assert response.json()["errors"] == [{"param": "q", "message": "must be given once"}]


async def test_repeatable_filters_may_be_given_twice(client: httpx.AsyncClient) -> None:
    assert (await client.get("/v1/articles?person=&person=")).status_code == 200


def test_every_api_route_refuses_a_single_valued_parameter_given_twice() -> None:
    """Each router declares the route class; one that forgot would take the last of `?q=a&q=b` silently."""
    routes = [route for route in create_app(Settings()).routes if getattr(route, "path", "").startswith("/v1/")]
    assert routes and all(isinstance(route, ApiRoute) for route in routes)
