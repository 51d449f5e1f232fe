"""Serialisation paths for one article and one page of 20, measured in one process on the real ASGI stack.

Three ways to answer the same payload from a FastAPI route:
  model      - return the pydantic model; FastAPI validates it against `response_model` again and encodes it
  model_json - build the model once (validated) and send its `model_dump_json()` bytes
  orjson     - build plain dicts in the schema's shape and send `orjson.dumps()` bytes (what the app does:
               `app.api.responses.json_response`)
Prints microseconds per request and each path's speed relative to `model`. Run: `python bench/serialization.py`.
"""

import asyncio
import time
from datetime import date, datetime
from typing import Any

import orjson
from fastapi import FastAPI
from starlette.responses import Response
from starlette.types import ASGIApp

from app.schemas import ArticleDetail, ArticleSummary, Page

REQUESTS = 2000
PERSON = {"id": 1, "slug": "vladimir-poutine", "name": "Vladimir Poutine"}
PLACE = {"id": 2, "slug": "moscou", "name": "Moscou", "country_code": "RU"}
SUMMARY = {"id": 1, "slug": "recu-par-poutine", "title": "Reçu par Poutine, le chef de la junte malienne…",
           "caption": "Le président russe Vladimir Poutine à Moscou", "published_at": date(2025, 6, 23),
           "language": "fr", "source": "AFP", "snippet": "Le chef de la junte malienne, le général Assimi Goïta…",
           "people": [PERSON] * 4, "places": [PLACE] * 3}  # fmt: skip
PAGE = {"data": [SUMMARY] * 20, "meta": {"total": 100000, "limit": 20, "next_cursor": "WyIyMDI1LTA2LTIzIiwxXQ.x"},
        "links": {"self": "http://localhost/v1/articles", "next": "http://localhost/v1/articles?cursor=x",
                  "prev": None}}  # fmt: skip
DETAIL = {**SUMMARY, "body": ["Un paragraphe de la dépêche. " * 20] * 8, "word_count": 500, "url": None,
          "extraction_note": None, "people": [{**PERSON, "mention_count": 4, "titles": ["président russe"]}] * 4,
          "places": [{**PLACE, "kind": "city", "latitude": 55.75, "longitude": 37.62, "mention_count": 2}] * 3,
          "organisations": [{"id": 3, "slug": "wagner", "name": "Wagner", "mention_count": 1}] * 2,
          "created_at": datetime(2026, 11, 25, 14, 47), "updated_at": datetime(2026, 11, 25, 14, 47)}  # fmt: skip


def build() -> FastAPI:
    app = FastAPI()

    @app.get("/model/detail", response_model=ArticleDetail)
    async def model_detail() -> Any:
        return ArticleDetail.model_validate(DETAIL)

    @app.get("/model_json/detail", response_model=ArticleDetail)
    async def model_json_detail() -> Response:
        return Response(ArticleDetail.model_validate(DETAIL).model_dump_json(), media_type="application/json")

    @app.get("/orjson/detail", response_model=ArticleDetail)
    async def orjson_detail() -> Response:
        return Response(orjson.dumps(DETAIL), media_type="application/json")

    @app.get("/model/page", response_model=Page[ArticleSummary])
    async def model_page() -> Any:
        return Page[ArticleSummary].model_validate(PAGE)

    @app.get("/model_json/page", response_model=Page[ArticleSummary])
    async def model_json_page() -> Response:
        return Response(Page[ArticleSummary].model_validate(PAGE).model_dump_json(), media_type="application/json")

    @app.get("/orjson/page", response_model=Page[ArticleSummary])
    async def orjson_page() -> Response:
        return Response(orjson.dumps(PAGE), media_type="application/json")

    return app


async def call(app: ASGIApp, target: str) -> bytes:
    """The body of a GET of `target` (a path, with its query string if any), straight through the ASGI app."""
    path, _, query = target.partition("?")
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": query.encode(), "root_path": "",
             "headers": [(b"host", b"localhost")], "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80)}  # fmt: skip
    body = bytearray()

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b""}

    async def send(message: dict[str, Any]) -> None:
        body.extend(message.get("body", b""))

    await app(scope, receive, send)
    return bytes(body)


async def main() -> None:
    app = build()
    for payload in ("detail", "page"):
        answers = {way: orjson.loads(await call(app, f"/{way}/{payload}")) for way in ("model", "model_json", "orjson")}
        assert answers["model"] == answers["model_json"] == answers["orjson"], "the three ways must send one JSON"
        timings = dict.fromkeys(answers, 0.0)
        for _ in range(10):  # interleaved rounds: the machine's noise falls on every way alike
            for way in answers:
                started = time.process_time()
                for _ in range(REQUESTS // 10):
                    await call(app, f"/{way}/{payload}")
                timings[way] += time.process_time() - started
        for way, spent in timings.items():
            print(f"{payload:6} {way:10} {spent / REQUESTS * 1e6:7.0f} us/request  x{timings['model'] / spent:.2f}")


if __name__ == "__main__":
    asyncio.run(main())
