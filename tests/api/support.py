"""Helpers for API tests: the expected problem document, and walking a list through its `next` links."""

from typing import Any

import httpx

PROBLEM_MEDIA_TYPE = "application/problem+json"


def problem(
    status: int, code: str, title: str, detail: str, errors: list[dict[str, str]] | None = None
) -> dict[str, Any]:
    """The exact problem document the API answers with."""
    body: dict[str, Any] = {"type": f"https://newsapi.example/problems/{code.replace('_', '-')}", "title": title,
                            "status": status, "detail": detail, "code": code}  # fmt: skip
    return body | ({"errors": errors} if errors is not None else {})


def assert_problem(response: httpx.Response, expected: dict[str, Any]) -> None:
    assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
    assert (response.status_code, response.json()) == (expected["status"], expected)


async def walk(client: httpx.AsyncClient, url: str) -> list[dict[str, Any]]:
    """Every page of a list from `url` on, following `links.next`; checks the `Link` header on the way."""
    pages = []
    next_url: str | None = url
    while next_url is not None:
        response = await client.get(next_url)
        assert response.status_code == 200, response.text
        page = response.json()
        next_url = page["links"]["next"]
        assert response.headers.get("link") == (f'<{next_url}>; rel="next"' if next_url else None)
        assert page["meta"]["next_cursor"] == (httpx.URL(next_url).params["cursor"] if next_url else None)
        pages.append(page)
    return pages


def ids(pages: list[dict[str, Any]]) -> list[int]:
    return [item["id"] for page in pages for item in page["data"]]
