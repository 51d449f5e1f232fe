import logging
import re
from collections.abc import AsyncIterator
from typing import Any

import httpx
import orjson
import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from app.api.article_bodies import as_fields
from app.config import ROOT, Settings
from app.ingest.extract import SpacyExtractor
from app.ingest.reader import build_article
from app.schemas_writes import SEED_FILE, ArticleCreate
from tests.api.apps import API_KEY, AUTH, serve
from tests.api.support import assert_problem, problem
from tests.builders import SEED_ARTICLE, ArticleBuilder

pytestmark = pytest.mark.anyio

SEED = SEED_ARTICLE.read_bytes()
TEXT = {**AUTH, "Content-Type": "text/plain; charset=utf-8"}
WAGNER = {"title": "Wagner quitte le Mali", "body": ["Le groupe Wagner a quitté le Mali.", "Moscou se tait."],
          "published_at": "2025-06-10", "language": "fr", "source": "AFP"}  # fmt: skip
# Entity counts as stored, and as recomputed from the links and mentions: after every write they are equal.
COUNTS = text("SELECT id, article_count, mention_count FROM entity ORDER BY id")
RECOUNTED = text(
    "SELECT e.id, (SELECT count(*) FROM article_entity l WHERE l.entity_id = e.id), "
    "(SELECT count(*) FROM mention m WHERE m.entity_id = e.id) FROM entity e ORDER BY e.id"
)


@pytest.fixture
async def writer(database_url: str, fake_extractor: SpacyExtractor) -> AsyncIterator[httpx.AsyncClient]:
    """A client on an app with one API key, its writes run by the fake extractor."""
    async with serve(Settings(database_url=database_url, api_keys=[API_KEY]), fake_extractor) as client:
        yield client


def assert_counts_exact(engine: Engine) -> None:
    with engine.connect() as connection:
        stored, recounted = connection.execute(COUNTS).all(), connection.execute(RECOUNTED).all()
    assert [tuple(row) for row in stored] == [tuple(row) for row in recounted]
    assert all(row[1] > 0 for row in stored), "an entity without an article was left behind"


async def names(client: httpx.AsyncClient, kind: str) -> dict[str, tuple[int, int]]:
    items = (await client.get(f"/v1/{kind}")).json()["data"]
    return {item["name"]: (item["article_count"], item["mention_count"]) for item in items}


async def test_post_of_a_seed_file_creates_the_article(writer: httpx.AsyncClient, engine: Engine) -> None:
    response = await writer.post("/v1/articles", content=SEED, headers=TEXT)
    body = response.json()
    assert (response.status_code, response.headers["location"]) == (201, f"/v1/articles/{body['id']}")
    assert body == (await writer.get(response.headers["location"])).json()
    assert body["slug"] == "recu-par-poutine-le-chef-de-la-junte-malienne-dit-vouloir-renforcer-les-liens"
    assert (body["published_at"], body["word_count"], len(body["body"])) == ("2025-06-23", 295, 10)
    assert (await names(writer, "people"))["Vladimir Poutine"] == (1, 4)
    assert_counts_exact(engine)


async def test_the_same_content_again_answers_200_with_the_stored_article(writer: httpx.AsyncClient) -> None:
    first = await writer.post("/v1/articles", content=SEED, headers=TEXT)
    again = await writer.post("/v1/articles", content=SEED, headers=TEXT)
    assert (again.status_code, again.json()) == (200, first.json())
    assert "location" not in again.headers
    assert (await writer.get("/v1/articles")).json()["meta"]["total"] == 1


@pytest.mark.parametrize("body", [WAGNER["body"], "Le groupe Wagner a quitté le Mali.\n\nMoscou se tait."])
async def test_post_of_json_takes_the_body_as_a_list_or_a_string(writer: httpx.AsyncClient, body: Any) -> None:
    response = await writer.post("/v1/articles", json={**WAGNER, "body": body}, headers=AUTH)
    article = response.json()
    assert response.status_code == 201
    assert {key: article[key] for key in ("title", "caption", "published_at", "language", "source", "body")} == {
        "title": "Wagner quitte le Mali", "caption": None, "published_at": "2025-06-10", "language": "fr",
        "source": "AFP", "body": ["Le groupe Wagner a quitté le Mali.", "Moscou se tait."],
    }  # fmt: skip
    assert [o["name"] for o in article["organisations"]] == ["Wagner"]


async def test_put_replaces_keeps_the_slug_and_drops_entities_left_unnamed(
    writer: httpx.AsyncClient, engine: Engine
) -> None:
    created = (await writer.post("/v1/articles", json=WAGNER, headers=AUTH)).json()
    replaced = await writer.put(f"/v1/articles/{created['slug']}", headers=AUTH,
                                json={**WAGNER, "title": "À Dakar", "body": ["Emmanuel Macron était à Dakar."]})  # fmt: skip
    assert replaced.status_code == 200
    assert (replaced.json()["id"], replaced.json()["slug"]) == (created["id"], created["slug"])
    assert await names(writer, "organisations") == {}
    assert await names(writer, "places") == {"Dakar": (1, 2)}
    assert (await writer.get("/v1/organisations/wagner")).status_code == 404
    assert_counts_exact(engine)


async def test_put_of_the_same_content_changes_nothing(writer: httpx.AsyncClient) -> None:
    created = (await writer.post("/v1/articles", json=WAGNER, headers=AUTH)).json()
    again = await writer.put(f"/v1/articles/{created['id']}", json=WAGNER, headers=AUTH)
    assert (again.status_code, again.json()) == (200, created)


async def test_put_of_another_articles_content_is_a_409(writer: httpx.AsyncClient) -> None:
    seed = (await writer.post("/v1/articles", content=SEED, headers=TEXT)).json()
    other = (await writer.post("/v1/articles", json=WAGNER, headers=AUTH)).json()
    response = await writer.put(f"/v1/articles/{other['id']}", content=SEED, headers=TEXT)
    assert_problem(response, problem(409, "conflict", "Conflict",
                                     f"Article {seed['id']} ({seed['slug']}) already has this content."))  # fmt: skip


async def test_delete_answers_204_and_recounts(
    writer: httpx.AsyncClient, engine: Engine, add_article: ArticleBuilder
) -> None:
    add_article(title="Poutine à Moscou", paragraphs=["Vladimir Poutine est à Moscou."])
    seed = (await writer.post("/v1/articles", content=SEED, headers=TEXT)).json()
    response = await writer.delete(f"/v1/articles/{seed['id']}", headers=AUTH)
    assert (response.status_code, response.content) == (204, b"")
    assert (await writer.get(f"/v1/articles/{seed['id']}")).status_code == 404
    assert await names(writer, "people") == {"Vladimir Poutine": (1, 2)}
    assert await names(writer, "organisations") == {}
    assert_counts_exact(engine)


async def test_writes_of_an_unknown_article_are_404(writer: httpx.AsyncClient) -> None:
    expected = problem(404, "not_found", "Not found", "No article has the id or slug 'nowhere'.")
    assert_problem(await writer.delete("/v1/articles/nowhere", headers=AUTH), expected)
    assert_problem(await writer.put("/v1/articles/nowhere", json=WAGNER, headers=AUTH), expected)


async def test_without_a_configured_key_writes_are_forbidden(database_url: str) -> None:
    async with serve(Settings(database_url=database_url)) as client:
        response = await client.post("/v1/articles", json=WAGNER, headers=AUTH)
    assert_problem(
        response,
        problem(
            403, "forbidden", "Forbidden", "Writes are disabled on this server: no API key is configured (`API_KEYS`)."
        ),
    )


@pytest.mark.parametrize(
    ("headers", "detail", "challenge"),
    [
        ({}, "Writes need an `Authorization: Bearer <key>` header.", 'Bearer realm="newsapi"'),
        ({"Authorization": "Basic dXNlcjpwYXNz"}, "Writes need an `Authorization: Bearer <key>` header.",
         'Bearer realm="newsapi"'),
        ({"Authorization": "Bearer wrong-key"}, "The API key is not valid.",
         'Bearer realm="newsapi", error="invalid_token"'),
    ],
)  # fmt: skip
async def test_a_missing_or_wrong_key_is_a_401(
    writer: httpx.AsyncClient, headers: dict[str, str], detail: str, challenge: str
) -> None:
    for response in [await writer.post("/v1/articles", json=WAGNER, headers=headers),
                     await writer.delete("/v1/articles/1", headers=headers)]:  # fmt: skip
        assert_problem(response, problem(401, "unauthorized", "Unauthorized", detail))
        assert response.headers["www-authenticate"] == challenge


async def test_keys_are_never_logged(writer: httpx.AsyncClient, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    await writer.post("/v1/articles", json=WAGNER, headers=AUTH)
    await writer.post("/v1/articles", json=WAGNER, headers={"Authorization": "Bearer wrong-key"})
    logged = "\n".join(f"{r.getMessage()} {vars(r)}" for r in caplog.records)
    assert "app.access" in logged and API_KEY not in logged and "wrong-key" not in logged


async def test_a_wrong_content_type_is_a_415(writer: httpx.AsyncClient) -> None:
    response = await writer.post("/v1/articles", content=b"<a/>", headers={**AUTH, "Content-Type": "text/xml"})
    detail = "Send the article as text/plain (the seed-file format) or application/json, not text/xml."
    assert_problem(response, problem(415, "unsupported_media_type", "Unsupported media type", detail))


async def chunks(data: bytes) -> AsyncIterator[bytes]:
    for start in range(0, len(data), 1000):
        yield data[start : start + 1000]


async def test_a_body_over_the_limit_is_a_413_by_length_or_by_stream(
    database_url: str, fake_extractor: SpacyExtractor
) -> None:
    settings = Settings(database_url=database_url, api_keys=[API_KEY], max_body_bytes=2000)
    expected = problem(413, "payload_too_large", "Payload too large",
                       "The body is larger than this server accepts (2000 bytes).")  # fmt: skip
    async with serve(settings, fake_extractor) as client:
        declared = await client.post("/v1/articles", content=SEED, headers=TEXT)
        streamed = await client.post("/v1/articles", content=chunks(SEED), headers=TEXT)
        assert (await client.get("/v1/articles")).json()["meta"]["total"] == 0
    assert "content-length" not in streamed.request.headers
    assert_problem(declared, expected)
    assert_problem(streamed, expected)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"Un titre seul\n", "title only: no body paragraphs after the title line"),
        (b"Titre\n\n\xff\xfe du texte", "not UTF-8 text (invalid byte 0xff at offset 7)"),
        (b"\x00\x01\x02binary", "binary file (contains NUL bytes), expected UTF-8 text"),
    ],
)
async def test_an_unreadable_seed_file_is_a_422_with_the_reason(
    writer: httpx.AsyncClient, content: bytes, reason: str
) -> None:
    response = await writer.post("/v1/articles", content=content, headers=TEXT)
    assert_problem(
        response,
        problem(
            422,
            "invalid_parameter",
            "Invalid parameter",
            f"The article cannot be read: {reason}.",
            [{"param": "body", "message": reason}],
        ),
    )


async def test_invalid_json_lists_each_field(writer: httpx.AsyncClient) -> None:
    response = await writer.post("/v1/articles", json={"body": [], "language": "French", "extra": 1}, headers=AUTH)
    assert [error["param"] for error in response.json()["errors"]] == ["title", "body", "language", "extra"]
    assert response.json()["code"] == "invalid_parameter"
    broken = await writer.post("/v1/articles", content=b"{", headers={**AUTH, "Content-Type": "application/json"})
    assert (broken.status_code, broken.json()["errors"][0]["param"]) == (422, "body")


def test_the_documented_json_example_is_a_readable_article() -> None:
    [example] = ArticleCreate.model_config["json_schema_extra"]["examples"]  # type: ignore[index]
    fields = as_fields(orjson.dumps(example))
    assert build_article(**fields).title == example["title"]


def test_every_seed_file_follows_the_documented_grammar() -> None:
    grammar = re.compile(SEED_FILE)
    assert [p.name for p in sorted((ROOT / "seed_data").glob("*.txt")) if not grammar.match(p.read_text())] == []
