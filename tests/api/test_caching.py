import gzip
import hashlib

import httpx
import pytest

from tests.builders import ArticleBuilder

pytestmark = pytest.mark.anyio


@pytest.fixture
async def article_url(add_article: ArticleBuilder) -> str:
    return f"/v1/articles/{add_article.seed_article()}"


def blake2b_tag(body: bytes) -> str:
    return f'"{hashlib.blake2b(body, digest_size=16).hexdigest()}"'


async def test_a_read_carries_a_strong_etag_of_its_body_and_cache_control(
    client: httpx.AsyncClient, article_url: str
) -> None:
    response = await client.get(article_url, headers={"Accept-Encoding": "identity"})
    assert response.status_code == 200
    assert response.headers["etag"] == blake2b_tag(response.content)
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


async def test_gzip_has_its_own_tag_and_revalidates(client: httpx.AsyncClient, article_url: str) -> None:
    plain = await client.get(article_url, headers={"Accept-Encoding": "identity"})
    zipped = await client.get(article_url, headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["content-encoding"] == "gzip" and "Accept-Encoding" in zipped.headers["vary"]
    # A shared cache must not serve the plain copy to a client that asked for gzip, nor the reverse.
    assert "Accept-Encoding" in plain.headers["vary"]
    assert zipped.content == plain.content  # httpx decodes; the tag is of the bytes sent
    assert zipped.headers["etag"] != plain.headers["etag"]
    again = await client.get(article_url, headers={"Accept-Encoding": "gzip", "If-None-Match": zipped.headers["etag"]})
    assert again.status_code == 304


async def test_small_bodies_are_not_compressed(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/people", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in response.headers
    assert gzip.compress(response.content)  # a valid body, sent as is


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
