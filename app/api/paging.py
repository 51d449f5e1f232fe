"""The list envelope: a service `Listing` as a `Page` with links, and the RFC 8288 `Link` header."""

from dataclasses import dataclass
from typing import Any, TypeVar

from fastapi import Request, Response
from starlette.datastructures import URL

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
        next_url = str(url.include_query_params(cursor=listing.next_cursor)) if listing.next_cursor else None
        meta = {"total": listing.total, "limit": self.params.limit, "next_cursor": listing.next_cursor}
        body = {"data": listing.items, "meta": meta, "links": {"self": str(url), "next": next_url, "prev": None}}
        return body, f'<{next_url}>; rel="next"' if next_url else None


def public_url(request: Request) -> URL:
    """The request's URL as clients see it: under `settings.public_url` when one is set (behind a proxy)."""
    base = request.app.state.settings.public_url.rstrip("/")
    if not base:
        return request.url
    query = f"?{request.url.query}" if request.url.query else ""
    return URL(f"{base}{request.url.path}{query}")
