"""OpenAPI details: every problem status a route answers is declared, as `application/problem+json`."""

from collections.abc import Callable, Iterator
from typing import Any

from fastapi import FastAPI

from app.errors import PROBLEM_MEDIA_TYPE
from app.schemas import Problem

DESCRIPTIONS = {
    400: "Invalid cursor (`invalid_cursor`).",
    404: "No such resource (`not_found`).",
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
            if status.isdigit() and int(status) >= 400 and "application/json" in content:
                content[PROBLEM_MEDIA_TYPE] = content.pop("application/json")
        return document

    app.openapi = openapi  # type: ignore[method-assign]


def _responses(document: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for path in document.get("paths", {}).values():
        for operation in path.values():
            yield from operation.get("responses", {}).items()
