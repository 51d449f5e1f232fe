"""Pure-ASGI middleware: request ids and one JSON access-log line per request; ETags, 304s and Cache-Control;
Starlette's gzip and CORS, passed by where they would only add a `Vary`.

All read and write the messages' raw header lists: building `Headers` objects for a lookup costs more than it."""

import logging
import os
import re
import time
from collections.abc import Iterable

import xxhash
from starlette.middleware import cors, gzip
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REQUEST_ID_HEADER = b"x-request-id"
RawHeaders = list[tuple[bytes, bytes]]
# A client's request id is echoed and logged only when it is short and plain: no log injection.
SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
READ_METHODS = frozenset({"GET", "HEAD"})
READ_CACHE_CONTROL = b"public, max-age=60"
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
        scope["headers"] = list(scope["headers"])  # ASGI allows any iterable; it is read more than once
        request_id = request_id_of(scope)
        scope.setdefault("state", {})["request_id"] = request_id
        started, status, raw_id = time.perf_counter(), 500, request_id.encode("latin-1")

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = [(name, value) for name, value in message.get("headers", ()) if name != REQUEST_ID_HEADER]
                message["headers"] = [*headers, (REQUEST_ID_HEADER, raw_id)]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            log_request(scope, status, started, request_id)


def request_id_of(scope: Scope) -> str:
    """The client's request id when it is safe to echo, else a fresh one."""
    given = header_value(scope["headers"], REQUEST_ID_HEADER) or ""
    return given if SAFE_REQUEST_ID.fullmatch(given) else os.urandom(16).hex()


def log_request(scope: Scope, status: int, started: float, request_id: str) -> None:
    """Logs the request as structured fields; the query string is left out (it may carry data). The record is
    made directly: the caller's file and line, which `Logger.info` looks up on the stack, would say nothing."""
    if not access_log.isEnabledFor(logging.INFO):
        return
    fields = {"method": scope["method"], "path": scope["path"], "status": status,
              "duration_ms": round((time.perf_counter() - started) * 1000, 2), "request_id": request_id}  # fmt: skip
    access_log.handle(access_log.makeRecord(access_log.name, logging.INFO, __file__, 0, "request", (), None,
                                            extra=fields))  # fmt: skip


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
        headers = start["headers"] = list(start.get("headers", ()))
        tag = setdefault_header(headers, b"etag", strong_etag(body).encode("latin-1")).decode("latin-1")
        setdefault_header(headers, b"cache-control", READ_CACHE_CONTROL)
        if if_none_match(header_value(self.scope["headers"], b"if-none-match"), tag):
            start = {"type": "http.response.start", "status": 304, "headers": not_modified(headers)}
            body = b""
        await self.send(start)
        await self.send({"type": "http.response.body", "body": body if self.scope["method"] == "GET" else b""})


def strong_etag(body: bytes) -> str:
    """A strong entity tag: XXH3's 128 bits over the body (a page of 20 hashes in 1 µs; BLAKE2b took 50)."""
    return f'"{xxhash.xxh3_128_hexdigest(body)}"'


def if_none_match(header: str | None, tag: str) -> bool:
    """Whether `If-None-Match` matches the tag: `*`, or any listed tag (weak comparison, RFC 9110 §13.1.2)."""
    if header is None:
        return False
    listed = {t.strip().removeprefix("W/") for t in header.split(",")}
    return "*" in listed or tag.removeprefix("W/") in listed


def not_modified(raw: Iterable[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    return [(name, value) for name, value in raw if name.lower() in NOT_MODIFIED_HEADERS or name.startswith(b"x-")]


def header_value(headers: Iterable[tuple[bytes, bytes]], name: bytes) -> str | None:
    """The first value of a header (`name` in lower case, as ASGI gives names), if it is there."""
    for key, value in headers:
        if key == name:
            return value.decode("latin-1")
    return None


def setdefault_header(headers: RawHeaders, name: bytes, value: bytes) -> bytes:
    """A header's first value; when it is missing, `value`, added at the end."""
    for key, present in headers:
        if key == name:
            return present
    headers.append((name, value))
    return value


def add_vary(headers: RawHeaders, name: bytes) -> RawHeaders:
    """The headers with `name` joined to the `Vary` values, in one header where the first was (as Starlette does)."""
    values = [value for key, value in headers if key == b"vary"]
    if not values:
        return [*headers, (b"vary", name)]
    first = next(n for n, (key, _value) in enumerate(headers) if key == b"vary")
    rest = [(key, value) for key, value in headers[first + 1 :] if key != b"vary"]
    return [*headers[:first], (b"vary", b", ".join([*values, name])), *rest]


class GZipMiddleware(gzip.GZipMiddleware):
    """Starlette's gzip for a client that accepts it. Any other gets its answer as it is, marked
    `Vary: Accept-Encoding` where gzip would have applied, as Starlette's identity responder marks it."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and "gzip" not in (header_value(scope["headers"], b"accept-encoding") or ""):
            await self.app(scope, receive, Unzipped(self, send))
            return
        await super().__call__(scope, receive, send)

    def would_compress(self, start: Message, body: Message) -> bool:
        """Whether gzip would have compressed this answer, given its start and its first body message."""
        if not body.get("more_body", False) and len(body.get("body", b"")) < self.minimum_size:
            return False
        headers = start.get("headers", ())
        media_type = (header_value(headers, b"content-type") or "").partition(";")[0].strip().lower()
        kinds = {media_type, media_type.partition("/")[0] + "/*"} | (
            {"application/grpc"} if media_type.startswith("application/grpc+") else set())  # fmt: skip
        return (start["status"] != 206 and header_value(headers, b"content-encoding") is None
                and kinds.isdisjoint(self.exclude_content_types))  # fmt: skip


class Unzipped:
    """The `send` of an answer to a client that does not take gzip: holds its start until its first body."""

    def __init__(self, gzip: GZipMiddleware, send: Send) -> None:
        self.gzip, self.send = gzip, send
        self.start: Message | None = None

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.start = message
            return
        if self.start is not None:
            start, self.start = self.start, None
            if message["type"] == "http.response.body" and self.gzip.would_compress(start, message):
                start["headers"] = add_vary(list(start.get("headers", ())), b"Accept-Encoding")
            await self.send(start)
        await self.send(message)


class CORSMiddleware(cors.CORSMiddleware):
    """Starlette's CORS for a request with an `Origin`; the answer to any other is only marked `Vary: Origin`."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or header_value(scope["headers"], b"origin") is not None:
            await super().__call__(scope, receive, send)
            return

        async def varying(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = add_vary(list(message.get("headers", ())), b"Origin")
            await send(message)

        await self.app(scope, receive, varying)
