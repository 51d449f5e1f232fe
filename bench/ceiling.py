"""The ceiling: a minimal Starlette app returning one article row as JSON by primary key.

    CEILING_DB=bench/.cache/corpus-100000.sqlite uvicorn ceiling:app --app-dir bench --workers 2

No ORM, no validation, no middleware: one read-only SQLite connection per worker process and one
`SELECT * FROM article WHERE id = ?` per request, answered with orjson (a BLOB column holds JSON already: the
stored list item, `summary_json`, goes out as it is). What the API's
`GET /v1/articles/{id}` is measured against (bench/run.py).
"""

import os
import sqlite3
from pathlib import Path

import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

DATABASE = Path(os.environ.get("CEILING_DB", "bench/.cache/corpus-100000.sqlite")).resolve()
_connection: sqlite3.Connection | None = None


def connection() -> sqlite3.Connection:
    global _connection
    if _connection is None:
        _connection = sqlite3.connect(f"file:{DATABASE}?mode=ro", uri=True, check_same_thread=False)
        _connection.row_factory = sqlite3.Row
    return _connection


async def article(request: Request) -> Response:
    row = connection().execute("SELECT * FROM article WHERE id = ?", (request.path_params["id"],)).fetchone()
    if row is None:
        return Response(b'{"detail": "not found"}', status_code=404, media_type="application/json")
    return Response(orjson.dumps(dict(row), default=orjson.Fragment), media_type="application/json")


async def healthz(_request: Request) -> Response:
    return Response(b'{"status": "ok"}', media_type="application/json")


app = Starlette(routes=[Route("/articles/{id:int}", article), Route("/healthz", healthz)])
