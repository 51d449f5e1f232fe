"""OpenAPI details: every problem status a route answers is declared, as `application/problem+json`."""

from collections.abc import Callable, Iterator
from typing import Any

from fastapi import FastAPI

from app.api.openapi_examples import add_examples
from app.errors import PROBLEM_MEDIA_TYPE
from app.schemas import Problem

DESCRIPTIONS = {
    400: "Invalid cursor (`invalid_cursor`).",
    401: "No API key, or not a valid one (`unauthorized`).",
    403: "Writes are disabled: the server has no API key configured (`forbidden`).",
    404: "No such resource (`not_found`).",
    409: "Another article already has this content (`conflict`).",
    413: "The body is larger than the server accepts (`payload_too_large`).",
    415: "The body is neither `text/plain` nor `application/json` (`unsupported_media_type`).",
    422: "Invalid parameter (`invalid_parameter`).",
    500: "Internal error (`internal_error`).",
    503: "Not ready (`service_unavailable`).",
}


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The `responses` entry declaring these error statuses with the Problem model."""
    return {status: {"model": Problem, "description": DESCRIPTIONS[status]} for status in statuses}


def use_problem_media_type(app: FastAPI) -> None:
    """Documents error bodies under `application/problem+json`, the media type they are sent with."""
    build: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        document = build()
        for status, response in _responses(document):
            content = response.get("content", {})
            # A route's own media type (GeoJSON's `application/geo+json`) is the success body's, never an error's.
            for media_type in {"application/json", "application/geo+json"} & set(content):
                if status.isdigit() and int(status) >= 400:
                    content[PROBLEM_MEDIA_TYPE] = content.pop(media_type)
        add_examples(document)
        return document

    app.openapi = openapi  # type: ignore[method-assign]


def _responses(document: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for path in document.get("paths", {}).values():
        for operation in path.values():
            yield from operation.get("responses", {}).items()
