"""JSON answers serialised once: dicts already in their schema's shape, straight to bytes with orjson.

Returning a pydantic model makes FastAPI validate it against the route's `response_model` and encode it;
`bench/serialization.py` measures that path at about half the speed for one article and a quarter for a page of
20. Hot routes build their items as dicts field for field, return `json_response(...)` and declare the schema as
`response_model`, so the OpenAPI document keeps it; the contract tests check every answer against it.
"""

from typing import Any

import orjson
from starlette.responses import Response


def json_bytes(content: Any) -> bytes:
    """`content` as JSON bytes (orjson `Fragment`s as they are); a UTC time ends in `Z`, as pydantic writes it."""
    return orjson.dumps(content, option=orjson.OPT_UTC_Z)


def json_response(content: Any, headers: dict[str, str] | None = None) -> Response:
    """`content` as a JSON answer."""
    return Response(json_bytes(content), media_type="application/json", headers=headers)
