"""The error contract: one exact problem document per stable code, each produced the way clients meet it."""

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import orjson
import pytest

from app.config import Settings
from app.errors import QuerySyntaxError, render
from app.ingest.extract import SpacyExtractor
from tests.api.apps import AUTH, serve
from tests.api.support import PROBLEM_MEDIA_TYPE, assert_problem, problem
from tests.builders import SEED_ARTICLE

pytestmark = pytest.mark.anyio

CONTRACT_CODES = {"not_found", "invalid_parameter", "query_syntax_error", "invalid_cursor", "unauthorized",
                  "forbidden", "conflict", "payload_too_large", "unsupported_media_type", "internal_error"}  # fmt: skip
WAGNER = {"title": "Wagner quitte le Mali", "body": "Le groupe Wagner a quitté le Mali."}
Call = Callable[[httpx.AsyncClient], Awaitable[httpx.Response]]


async def conflicting_put(client: httpx.AsyncClient) -> httpx.Response:
    await client.post("/v1/articles", json=WAGNER, headers=AUTH)
    other = (await client.post("/v1/articles", json={**WAGNER, "title": "Autre"}, headers=AUTH)).json()
    return await client.put(f"/v1/articles/{other['id']}", json=WAGNER, headers=AUTH)


CASES: dict[str, tuple[Call, dict[str, Any]]] = {
    "not_found": (lambda c: c.get("/v1/people/nobody"),
                  problem(404, "not_found", "Not found", "No person has the id or slug 'nobody'.")),
    "invalid_parameter": (lambda c: c.get("/v1/articles?limit=101"), problem(
        422, "invalid_parameter", "Invalid parameter", "limit must be between 1 and 100",
        [{"param": "limit", "message": "must be between 1 and 100"}])),
    "invalid_cursor": (lambda c: c.get("/v1/articles?cursor=forged.cursor"), problem(
        400, "invalid_cursor", "Invalid cursor", "cursor is not valid for this list; take it from meta.next_cursor")),
    "unauthorized": (lambda c: c.delete("/v1/articles/1"), problem(
        401, "unauthorized", "Unauthorized", "Writes need an `Authorization: Bearer <key>` header.")),
    "conflict": (conflicting_put, problem(409, "conflict", "Conflict", "Article 1 (wagner-quitte-le-mali) already "
                                          "has this content.")),
    "payload_too_large": (lambda c: c.post("/v1/articles", content=SEED_ARTICLE.read_bytes() * 2, headers={
        **AUTH, "Content-Type": "text/plain"}), problem(413, "payload_too_large", "Payload too large",
                                                        "The body is larger than this server accepts (4096 bytes).")),
    "unsupported_media_type": (lambda c: c.post("/v1/articles", data={"title": "x"}, headers=AUTH), problem(
        415, "unsupported_media_type", "Unsupported media type",
        "Send the article as text/plain (the seed-file format) or application/json, not "
        "application/x-www-form-urlencoded.")),
}  # fmt: skip


@pytest.fixture
async def writer(database_url: str, fake_extractor: SpacyExtractor) -> AsyncIterator[httpx.AsyncClient]:
    settings = Settings(database_url=database_url, api_keys=[AUTH["Authorization"].removeprefix("Bearer ")],
                        max_body_bytes=4096)  # fmt: skip
    async with serve(settings, fake_extractor) as client:
        yield client


def test_every_contract_code_is_locked_here_or_below() -> None:
    locked_below = {"query_syntax_error", "forbidden", "internal_error"}
    assert set(CASES) | locked_below == CONTRACT_CODES


@pytest.mark.parametrize("code", sorted(CASES))
async def test_the_exact_problem_of_each_code(writer: httpx.AsyncClient, code: str) -> None:
    call, expected = CASES[code]
    assert_problem(await call(writer), expected)


async def test_forbidden_is_a_write_to_a_server_without_keys(client: httpx.AsyncClient) -> None:
    assert_problem(
        await client.post("/v1/articles", json=WAGNER, headers=AUTH),
        problem(
            403, "forbidden", "Forbidden", "Writes are disabled on this server: no API key is configured (`API_KEYS`)."
        ),
    )


def test_query_syntax_error_renders_as_a_400_problem() -> None:
    response = render(QuerySyntaxError("unbalanced quote in q"))
    assert (response.status_code, response.media_type) == (400, PROBLEM_MEDIA_TYPE)
    assert orjson.loads(response.body) == problem(
        400, "query_syntax_error", "Query syntax error", "unbalanced quote in q"
    )


async def test_internal_error_echoes_the_request_id_and_hides_the_error(database_url: str) -> None:
    async with serve(Settings(database_url=database_url)) as client:
        client._transport.app.router.add_api_route("/boom", boom)  # type: ignore[attr-defined]
        response = await client.get("/boom")
    assert_problem(
        response,
        problem(
            500,
            "internal_error",
            "Internal error",
            "The server could not answer this request; the error has been logged.",
        ),
    )
    assert len(response.headers["x-request-id"]) == 32
    assert "SELECT" not in response.text and "Traceback" not in response.text


def boom() -> None:
    raise RuntimeError("SELECT secret FROM article")
