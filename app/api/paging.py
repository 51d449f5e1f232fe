"""The list envelope: a service `Listing` as a `Page` with links, and the RFC 8288 `Link` header."""

from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlencode

from fastapi import Request, Response

from app.api.responses import json_response
from app.schemas import Page
from app.services.pagination import Listing, PageParams

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Paginator:
    """The page a request asks for, and how to answer it."""

    params: PageParams
    request: Request
    response: Response

    def respond(self, listing: Listing[T]) -> Page[T]:
        """Wraps a listing in the envelope; the next page's URL also goes into a `Link` header."""
        body, link = self.envelope(listing)
        if link is not None:
            self.response.headers["Link"] = link
        return Page.model_validate(body)

    def respond_json(self, listing: Listing[Any]) -> Response:
        """The envelope of items already in their schema's shape, as JSON bytes: no second validation pass
        (the route declares the `Page` schema as its `response_model`)."""
        body, link = self.envelope(listing)
        return json_response(body, headers={"Link": link} if link else None)

    def envelope(self, listing: Listing[Any]) -> tuple[dict[str, Any], str | None]:
        """The `Page` envelope's fields, and the `Link` header to the next page, if there is one."""
        url = public_url(self.request)
        next_url = with_cursor(url, listing.next_cursor) if listing.next_cursor else None
        meta = {"total": listing.total, "limit": self.params.limit, "next_cursor": listing.next_cursor}
        body = {"data": listing.items, "meta": meta, "links": {"self": url, "next": next_url, "prev": None}}
        return body, f'<{next_url}>; rel="next"' if next_url else None


def public_url(request: Request) -> str:
    """The request's URL as clients see it: under `settings.public_url` when one is set (behind a proxy)."""
    base = request.app.state.settings.public_url.rstrip("/")
    if not base:
        return str(request.url)
    query = f"?{request.url.query}" if request.url.query else ""
    return f"{base}{request.url.path}{query}"


def with_cursor(url: str, cursor: str) -> str:
    """The URL with `cursor` in place of any it had, last; the other parameters kept in order, encoded again:
    what Starlette's `URL.include_query_params(cursor=…)` gives, in a third of its time (no URL parsing)."""
    path, _, query = url.partition("?")
    kept = [(name, value) for name, value in parse_qsl(query, keep_blank_values=True) if name != "cursor"]
    return f"{path}?{urlencode([*kept, ('cursor', cursor)])}"
