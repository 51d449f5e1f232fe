"""Pure-ASGI middleware: request ids and one JSON access-log line per request; ETags, 304s and Cache-Control."""

import hashlib
import logging
import re
import time
import uuid
from collections.abc import Iterable

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REQUEST_ID_HEADER = "X-Request-ID"
# A client's request id is echoed and logged only when it is short and plain: no log injection.
SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
READ_METHODS = frozenset({"GET", "HEAD"})
READ_CACHE_CONTROL = "public, max-age=60"
# Headers a 304 keeps (RFC 9110 §15.4.5); the body and its description go.
NOT_MODIFIED_HEADERS = frozenset({b"etag", b"cache-control", b"vary", b"content-location", b"date", b"expires",
                                  b"link"})  # fmt: skip

access_log = logging.getLogger("app.access")


class RequestContextMiddleware:
    """Gives each request an id (the client's `X-Request-ID`, else a new one), echoes it, logs one line."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = request_id_of(scope)
        scope.setdefault("state", {})["request_id"] = request_id
        started, status = time.perf_counter(), 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message)[REQUEST_ID_HEADER] = request_id
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            log_request(scope, status, started, request_id)


def request_id_of(scope: Scope) -> str:
    """The client's request id when it is safe to echo, else a fresh one."""
    given = Headers(scope=scope).get(REQUEST_ID_HEADER, "")
    return given if SAFE_REQUEST_ID.fullmatch(given) else uuid.uuid4().hex


def log_request(scope: Scope, status: int, started: float, request_id: str) -> None:
    """Logs the request as structured fields; the query string is left out (it may carry data)."""
    fields = {"method": scope["method"], "path": scope["path"], "status": status,
              "duration_ms": round((time.perf_counter() - started) * 1000, 2), "request_id": request_id}  # fmt: skip
    access_log.info("request", extra=fields)


class HTTPCacheMiddleware:
    """Tags every 200 answer to a read with a strong `ETag` (a hash of the bytes sent) and answers
    `If-None-Match` with 304; reads get `Cache-Control: public, max-age=60` unless the route set its own.

    It sits outside the gzip middleware, so each encoding of a representation has its own tag."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in READ_METHODS:
            await self.app(scope, receive, send)
            return
        await CachedResponder(self.app, scope, send)(receive)


class CachedResponder:
    """Holds back a 200 answer until its body is complete, then sends it with its tag, or a 304."""

    def __init__(self, app: ASGIApp, scope: Scope, send: Send) -> None:
        self.app, self.scope, self.send = app, scope, send
        self.start: Message | None = None
        self.chunks: list[bytes] = []

    async def __call__(self, receive: Receive) -> None:
        await self.app(self.scope, receive, self.hold)

    async def hold(self, message: Message) -> None:
        if message["type"] == "http.response.start" and message["status"] == 200:
            self.start = message
        elif message["type"] == "http.response.body" and self.start is not None:
            self.chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                await self.release(self.start, b"".join(self.chunks))
        else:
            await self.send(message)

    async def release(self, start: Message, body: bytes) -> None:
        headers = MutableHeaders(scope=start)
        tag = headers.setdefault("ETag", strong_etag(body))
        headers.setdefault("Cache-Control", READ_CACHE_CONTROL)
        if if_none_match(Headers(scope=self.scope).get("if-none-match"), tag):
            start = {"type": "http.response.start", "status": 304, "headers": not_modified(start["headers"])}
            body = b""
        await self.send(start)
        await self.send({"type": "http.response.body", "body": body if self.scope["method"] == "GET" else b""})


def strong_etag(body: bytes) -> str:
    """A strong entity tag: 128 bits of BLAKE2b over the body."""
    return f'"{hashlib.blake2b(body, digest_size=16).hexdigest()}"'


def if_none_match(header: str | None, tag: str) -> bool:
    """Whether `If-None-Match` matches the tag: `*`, or any listed tag (weak comparison, RFC 9110 §13.1.2)."""
    if header is None:
        return False
    listed = {t.strip().removeprefix("W/") for t in header.split(",")}
    return "*" in listed or tag.removeprefix("W/") in listed


def not_modified(raw: Iterable[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    return [(name, value) for name, value in raw if name.lower() in NOT_MODIFIED_HEADERS or name.startswith(b"x-")]
