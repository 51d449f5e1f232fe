"""The list envelope: a service `Listing` as a `Page` with links, and the RFC 8288 `Link` header."""

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar
from urllib.parse import parse_qsl, quote_plus, urlencode

from fastapi import Request, Response
from starlette.datastructures import URL

from app.api.responses import json_response
from app.middleware import header_value
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
        url, next_prefix = links_of(self.request)
        next_url = f"{next_prefix}{quote_plus(listing.next_cursor)}" if listing.next_cursor else None
        meta = {"total": listing.total, "limit": self.params.limit, "next_cursor": listing.next_cursor}
        body = {"data": listing.items, "meta": meta, "links": {"self": url, "next": next_url, "prev": None}}
        return body, f'<{next_url}>; rel="next"' if next_url else None


def links_of(request: Request) -> tuple[str, str]:
    """The request's URL as clients see it (under `settings.public_url` when one is set, behind a proxy), and
    the next page's URL but for its cursor's value. They depend on the URL alone: those of a short URL asked
    again (a front page) are kept, as working them out takes a tenth of a page's time."""
    scope, server = request.scope, request.scope.get("server")
    parts = (request.app.state.settings.public_url, scope.get("scheme", "http"), server and tuple(server),
             header_value(scope["headers"], b"host"), scope["path"], scope.get("query_string", b""))  # fmt: skip
    if len(parts[4]) + len(parts[5]) > KEPT_URL_LENGTH:
        return _links.__wrapped__(*parts)
    return _links(*parts)


KEPT_URL_LENGTH = 512


@lru_cache(maxsize=256)
def _links(base: str, scheme: str, server: tuple[str, int] | None, host: str | None, path: str,
           query_string: bytes) -> tuple[str, str]:  # fmt: skip
    headers = [(b"host", host.encode("latin-1"))] if host is not None else []
    url = URL(scope={"scheme": scheme, "server": server, "path": path, "query_string": query_string,
                     "headers": headers})  # fmt: skip
    public = f"{base.rstrip('/')}{url.path}{'?' if url.query else ''}{url.query}" if base else str(url)
    return public, next_base(public)


def next_base(url: str) -> str:
    """The URL up to the value of a `cursor` put in place of any it had, last; the other parameters kept in order,
    encoded again: with the cursor's value, quoted, what Starlette's `URL.include_query_params(cursor=…)` gives."""
    path, _, query = url.partition("?")
    kept = [(name, value) for name, value in parse_qsl(query, keep_blank_values=True) if name != "cursor"]
    return f"{path}?{urlencode([*kept, ('cursor', '')])}"
