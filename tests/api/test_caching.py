import gzip
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import xxhash
from fastapi.responses import Response, StreamingResponse

from app.config import Settings
from app.ingest.extract import SpacyExtractor
from app.main import create_app
from tests.api.apps import API_KEY, AUTH, serve
from tests.builders import SEED_ARTICLE, ArticleBuilder
from tests.conftest import BASE_URL

pytestmark = pytest.mark.anyio


@pytest.fixture
async def article_url(add_article: ArticleBuilder) -> str:
    return f"/v1/articles/{add_article.seed_article()}"


@pytest.fixture
async def writer(database_url: str, fake_extractor: SpacyExtractor) -> AsyncIterator[httpx.AsyncClient]:
    async with serve(Settings(database_url=database_url, api_keys=[API_KEY]), fake_extractor) as client:
        yield client


def xxh3_tag(body: bytes) -> str:
    return f'"{xxhash.xxh3_128_hexdigest(body)}"'


async def sent(client: httpx.AsyncClient, method: str, url: str, **kwargs: Any) -> tuple[httpx.Response, bytes]:
    """The answer and its body as sent, before httpx decodes it."""
    async with client.stream(method, url, **kwargs) as response:
        return response, b"".join([chunk async for chunk in response.aiter_raw()])


async def test_a_read_carries_a_strong_etag_of_its_body_and_cache_control(
    client: httpx.AsyncClient, article_url: str
) -> None:
    response = await client.get(article_url, headers={"Accept-Encoding": "identity"})
    assert response.status_code == 200
    assert response.headers["etag"] == xxh3_tag(response.content)
    assert response.headers["cache-control"] == "public, max-age=60"


@pytest.mark.parametrize("header", ["{tag}", "*", '"other", {tag}', 'W/"other" , W/{tag}'])
async def test_a_matching_if_none_match_answers_304_without_a_body(
    client: httpx.AsyncClient, article_url: str, header: str
) -> None:
    tag = (await client.get(article_url)).headers["etag"]
    response = await client.get(article_url, headers={"If-None-Match": header.format(tag=tag)})
    assert (response.status_code, response.content) == (304, b"")
    assert (response.headers["etag"], response.headers["cache-control"]) == (tag, "public, max-age=60")
    assert "content-type" not in response.headers and "x-request-id" in response.headers


async def test_another_tag_answers_200(client: httpx.AsyncClient, article_url: str) -> None:
    response = await client.get(article_url, headers={"If-None-Match": '"stale"'})
    assert response.status_code == 200


async def test_lists_are_tagged_and_change_tag_when_the_data_changes(
    client: httpx.AsyncClient, add_article: ArticleBuilder
) -> None:
    before = (await client.get("/v1/articles")).headers["etag"]
    add_article(title="Nouvelle dépêche")
    after = await client.get("/v1/articles", headers={"If-None-Match": before})
    assert after.status_code == 200 and after.headers["etag"] != before


async def test_each_encoding_is_tagged_over_its_bytes_and_revalidates_on_its_own_tag(
    client: httpx.AsyncClient, article_url: str
) -> None:
    plain, plain_bytes = await sent(client, "GET", article_url, headers={"Accept-Encoding": "identity"})
    zipped, zipped_bytes = await sent(client, "GET", article_url, headers={"Accept-Encoding": "gzip"})
    assert len(plain_bytes) >= 1000 and gzip.decompress(zipped_bytes) == plain_bytes
    assert zipped.headers["content-encoding"] == "gzip" and "content-encoding" not in plain.headers
    assert (plain.headers["etag"], plain.headers["content-length"]) == (xxh3_tag(plain_bytes), str(len(plain_bytes)))
    assert (zipped.headers["etag"], zipped.headers["content-length"]) == (
        xxh3_tag(zipped_bytes), str(len(zipped_bytes)))  # fmt: skip
    # A shared cache must not serve the plain copy to a client that asked for gzip, nor the reverse.
    assert plain.headers["vary"] == zipped.headers["vary"] == "Accept-Encoding, Origin"
    for encoding, own, other in [("identity", plain, zipped), ("gzip", zipped, plain)]:
        for tag, status in [(own.headers["etag"], 304), (other.headers["etag"], 200)]:
            again = await client.get(article_url, headers={"Accept-Encoding": encoding, "If-None-Match": tag})
            assert again.status_code == status, (encoding, tag)


async def test_small_bodies_are_not_compressed(client: httpx.AsyncClient) -> None:
    response, body = await sent(client, "GET", "/v1/people", headers={"Accept-Encoding": "gzip"})
    assert len(body) < 1000 and "content-encoding" not in response.headers
    assert response.headers["vary"] == "Origin"  # the same body whatever the client accepts
    assert response.headers["etag"] == xxh3_tag(body)


async def test_an_image_is_sent_as_it_is_whatever_the_client_accepts(database_url: str) -> None:
    """Gzip leaves images alone, so their answers do not vary with `Accept-Encoding`, whichever path they take."""
    app = create_app(Settings(database_url=database_url))
    image = b"\x89PNG" + bytes(2000)

    @app.get("/image")
    def picture() -> Response:
        return Response(image, media_type="image/png")

    transport = httpx.ASGITransport(app=app)
    async with app.router.lifespan_context(app), httpx.AsyncClient(transport=transport, base_url=BASE_URL) as client:
        for encoding in ("identity", "gzip"):
            response, body = await sent(client, "GET", "/image", headers={"Accept-Encoding": encoding})
            assert (response.status_code, body, response.headers["vary"]) == (200, image, "Origin"), encoding
            assert "content-encoding" not in response.headers


async def test_large_write_answers_are_gzipped_but_not_tagged(writer: httpx.AsyncClient) -> None:
    headers = {**AUTH, "Content-Type": "text/plain; charset=utf-8", "Accept-Encoding": "gzip"}
    response, body = await sent(writer, "POST", "/v1/articles", content=SEED_ARTICLE.read_bytes(), headers=headers)
    assert (response.status_code, response.headers["content-encoding"]) == (201, "gzip")
    assert (response.headers["content-length"], response.headers["vary"]) == (str(len(body)), "Accept-Encoding, Origin")
    assert "etag" not in response.headers and "cache-control" not in response.headers
    stored = await writer.get(response.headers["location"], headers={"Accept-Encoding": "identity"})
    assert gzip.decompress(body) == stored.content


async def test_a_streamed_read_is_gzipped_and_tagged_whole(database_url: str) -> None:
    app = create_app(Settings(database_url=database_url))
    parts = [f"partie {n}; ".encode() * 40 for n in range(3)]

    @app.get("/streamed")
    def streamed() -> StreamingResponse:
        return StreamingResponse(iter(parts), media_type="text/plain")

    transport = httpx.ASGITransport(app=app)
    async with app.router.lifespan_context(app), httpx.AsyncClient(transport=transport, base_url=BASE_URL) as client:
        plain, plain_bytes = await sent(client, "GET", "/streamed", headers={"Accept-Encoding": "identity"})
        zipped, zipped_bytes = await sent(client, "GET", "/streamed", headers={"Accept-Encoding": "gzip"})
        tag = zipped.headers["etag"]
        again = await client.get("/streamed", headers={"Accept-Encoding": "gzip", "If-None-Match": tag})
    assert plain_bytes == b"".join(parts) and gzip.decompress(zipped_bytes) == plain_bytes
    assert (plain.headers["etag"], zipped.headers["etag"]) == (xxh3_tag(plain_bytes), xxh3_tag(zipped_bytes))
    assert plain.headers["vary"] == zipped.headers["vary"] == "Accept-Encoding, Origin"
    # Held whole for its tag, the answer is sent with its length.
    assert (zipped.headers["content-encoding"], zipped.headers["content-length"]) == ("gzip", str(len(zipped_bytes)))
    assert (again.status_code, again.content) == (304, b"")


async def test_errors_and_probes_are_not_cached(client: httpx.AsyncClient) -> None:
    missing = await client.get("/v1/articles/nowhere")
    probe = await client.get("/healthz")
    assert "etag" not in missing.headers and "cache-control" not in missing.headers
    assert probe.headers["cache-control"] == "no-store"


async def test_cors_preflight_for_a_conditional_get(client: httpx.AsyncClient) -> None:
    response = await client.options("/v1/articles", headers={
        "Origin": "https://app.example", "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "if-none-match, x-request-id"})  # fmt: skip
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    assert "GET" in response.headers["access-control-allow-methods"]
    assert response.headers["access-control-allow-headers"] == "Accept, Accept-Language, Content-Language, " \
        "Content-Type, If-None-Match, X-Request-ID"  # fmt: skip


async def test_a_cross_origin_get_sees_etag_and_link(client: httpx.AsyncClient, add_article: ArticleBuilder) -> None:
    add_article(title="Une")
    add_article(title="Deux")
    response = await client.get("/v1/articles?limit=1", headers={"Origin": "https://app.example"})
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.headers["access-control-expose-headers"] == "ETag, Link"
    assert "link" in response.headers and "etag" in response.headers


async def test_a_cross_origin_revalidation_keeps_its_cors_headers(client: httpx.AsyncClient, article_url: str) -> None:
    """A browser's fetch reads a cross-origin 304 only with them: without, the revalidation fails outright."""
    origin = {"Origin": "https://app.example"}
    tag = (await client.get(article_url, headers=origin)).headers["etag"]
    response = await client.get(article_url, headers={**origin, "If-None-Match": tag})
    assert (response.status_code, response.headers["etag"]) == (304, tag)
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.headers["access-control-expose-headers"] == "ETag, Link"
