"""Where a request's time goes, layer by layer, measured in one process on the benchmark corpus.

    python bench/layers.py    # bench/.cache/corpus-100000.sqlite, built first if need be (BENCH_SCALE)

CPU microseconds per request, through ASGI calls without an HTTP server, for `/healthz` (no database), one
article by id (random ids) and the first page of 20, on:
  ceiling    - bench/ceiling.py: one article row by primary key as JSON
  starlette  - a bare Starlette route around this API's read of the article and `json_response`
  api-bare   - this API without its middleware
  api        - this API as served (request id and access log, CORS, ETag, gzip)
The access log goes to /dev/null. Rounds are interleaved and the lowest kept: the machine's noise falls on
every app alike.
"""

import asyncio
import os
import random
import sys
import time
from collections.abc import Callable
from contextlib import AsyncExitStack, redirect_stderr
from pathlib import Path

import corpus
from serialization import call
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp

from app.api.responses import json_response
from app.config import Settings
from app.db import Database
from app.main import create_app
from app.services import articles

REQUESTS, ROUNDS = 2000, 5
TARGETS = {"healthz": "/healthz", "article": "/v1/articles/{id}", "page": "/v1/articles?limit=20"}
CEILING_TARGETS = {"healthz": "/healthz", "article": "/articles/{id}"}


def starlette_app(database: Database) -> Starlette:
    async def article(request: Request) -> Response:
        return json_response(articles.get_article_detail(database.reads(), ref=request.path_params["id"]))

    return Starlette(routes=[Route("/v1/articles/{id}", article)])


async def timed(app: ASGIApp, target: str, ids: Callable[[], int]) -> float:
    """CPU seconds per request over one round."""
    started = time.process_time()
    for _ in range(REQUESTS // ROUNDS):
        await call(app, target.replace("{id}", str(ids())))
    return (time.process_time() - started) / (REQUESTS // ROUNDS)


async def main() -> None:
    path, meta = corpus.ensure_sqlite(int(os.environ.get("BENCH_SCALE", "100000")))
    os.environ["CEILING_DB"] = str(path)
    import ceiling

    url, rng = f"sqlite:///{path}", random.Random(7919)
    api, bare = create_app(Settings(database_url=url)), create_app(Settings(database_url=url))
    bare.user_middleware = []  # the stack is built on the first call
    database = Database(url)
    apps: dict[str, tuple[ASGIApp, dict[str, str]]] = {"ceiling": (ceiling.app, CEILING_TARGETS),
        "starlette": (starlette_app(database), {"article": TARGETS["article"]}), "api-bare": (bare, TARGETS),
        "api": (api, TARGETS)}  # fmt: skip
    async with AsyncExitStack() as stack:
        for app in (api, bare):
            await stack.enter_async_context(app.router.lifespan_context(app))
        found: dict[tuple[str, str], float] = {}
        with Path(os.devnull).open("w") as sink, redirect_stderr(sink):
            for _round in range(ROUNDS):
                for name, (app, targets) in apps.items():
                    for what, target in targets.items():
                        spent = await timed(app, target, lambda: rng.randint(1, int(meta["articles"])))
                        found[name, what] = min(found.get((name, what), spent), spent)
    database.close()
    print(f"| app | {' | '.join(TARGETS)} |  (CPU µs per request, {path.name})\n|---|---|---|---|")
    for name in apps:
        cells = [f"{found[name, what] * 1e6:.0f}" if (name, what) in found else "" for what in TARGETS]
        print(f"| {name} | {' | '.join(cells)} |")


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
