"""The route class of every API router: a single-valued query parameter given twice is a 422.

`?q=a&q=b` would otherwise be read as its last value, silently. The check runs inside the route handler, with
the route's single-valued parameters worked out once, rather than as a dependency solved on every request.
"""

from collections.abc import Callable, Coroutine
from typing import Any
from urllib.parse import parse_qsl

from fastapi import params
from fastapi.dependencies.utils import field_annotation_is_sequence, get_flat_params
from fastapi.routing import APIRoute
from starlette.requests import Request
from starlette.responses import Response

from app.errors import InvalidParameter


class StrictQueryRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        single = frozenset(field.alias for field in get_flat_params(self.dependant) if is_single_query(field))

        async def strict(request: Request) -> Response:
            if single and b"&" in request.scope["query_string"]:
                reject_repeated(request.scope["query_string"], single)
            return await handler(request)

        return strict


def is_single_query(field: Any) -> bool:
    """Whether the parameter is read from the query string and takes one value."""
    return isinstance(field.field_info, params.Query) and not field_annotation_is_sequence(field.field_info.annotation)  # type: ignore[arg-type]


def reject_repeated(query_string: bytes, single: frozenset[str]) -> None:
    seen: set[str] = set()
    for name, _value in parse_qsl(query_string.decode("latin-1"), keep_blank_values=True):
        if name in single and name in seen:
            raise InvalidParameter.of(name, "must be given once")
        seen.add(name)
