"""The list envelope: a service `Listing` as a `Page` with links, and the RFC 8288 `Link` header."""

from dataclasses import dataclass
from typing import TypeVar

from fastapi import Request, Response
from starlette.datastructures import URL

from app.schemas import Page, PageLinks, PageMeta
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
        url = public_url(self.request)
        next_url = str(url.include_query_params(cursor=listing.next_cursor)) if listing.next_cursor else None
        if next_url is not None:
            self.response.headers["Link"] = f'<{next_url}>; rel="next"'
        meta = PageMeta(total=listing.total, limit=self.params.limit, next_cursor=listing.next_cursor)
        return Page(data=listing.items, meta=meta, links=PageLinks(self=str(url), next=next_url))


def public_url(request: Request) -> URL:
    """The request's URL as clients see it: under `settings.public_url` when one is set (behind a proxy)."""
    base = request.app.state.settings.public_url.rstrip("/")
    if not base:
        return request.url
    query = f"?{request.url.query}" if request.url.query else ""
    return URL(f"{base}{request.url.path}{query}")
