"""The one pure-ASGI middleware every HTTP request passes through, in one pass over its answer: a request id and
one JSON access-log line; gzip (Starlette's rules) and its `Vary`; a strong `ETag` over the bytes sent, 304s and
`Cache-Control` on reads; `Vary: Origin`, or Starlette's CORS for a request with an `Origin`.

Four middlewares did this, each wrapping `send` and copying the header list once more. Every answer is held
until its body is complete (the ETag covers all of it, gzip's rules apply to all of it; the API streams none),
then sent as one start and one body. Headers are read and written as the messages' raw lists: building
`Headers` objects costs more."""

import logging
import os
import re
import time
import zlib
from collections.abc import Iterable, Sequence
from functools import lru_cache

import anyio.to_thread
import xxhash
from starlette.middleware import cors, gzip
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.logs import line, only_json_handler

REQUEST_ID_HEADER = b"x-request-id"
RawHeaders = list[tuple[bytes, bytes]]
# A client's request id is echoed and logged only when it is short and plain: no log injection.
SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
READ_METHODS = frozenset({"GET", "HEAD"})
READ_CACHE_CONTROL = b"public, max-age=60"
# Headers a 304 keeps (RFC 9110 §15.4.5); the body and its description go.
NOT_MODIFIED_HEADERS = frozenset({b"etag", b"cache-control", b"vary", b"content-location", b"date", b"expires",
                                  b"link"})  # fmt: skip
NOT_ZIPPED = frozenset(gzip.DEFAULT_EXCLUDED_CONTENT_TYPES)
# Bodies this large are compressed on a worker thread (anyio's default limiter), as Starlette compresses them:
# inline, they would hold up the loop.
THREAD_MINIMUM_SIZE = 128 * 1024

access_log = logging.getLogger("app.access")


class EdgeMiddleware:
    """See the module. `minimum_size` and `compresslevel` are gzip's; `cors_origins` and the rest, Starlette's CORS."""

    def __init__(self, app: ASGIApp, *, minimum_size: int, compresslevel: int, cors_origins: Sequence[str],
                 cors_methods: Sequence[str], cors_headers: Sequence[str], cors_expose: Sequence[str]) -> None:  # fmt: skip
        self.app, self.minimum_size, self.compresslevel = app, minimum_size, compresslevel
        self.cors = cors.CORSMiddleware(app, allow_origins=cors_origins, allow_methods=cors_methods,
                                        allow_headers=cors_headers, expose_headers=cors_expose)  # fmt: skip

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = scope["headers"] = list(scope["headers"])  # ASGI allows any iterable; it is read more than once
        request_id = request_id_of(headers)
        scope.setdefault("state", {})["request_id"] = request_id
        started, origin = time.perf_counter(), header_value(headers, b"origin")
        reply = Reply(self, scope, send, request_id.encode("latin-1"), vary_origin=origin is None)
        try:
            await (self.app if origin is None else self.cors)(scope, receive, reply)
        finally:
            log_request(scope, reply.status, started, request_id)


class Reply:
    """The `send` of one request: holds the answer's start and body chunks, then sends it shaped (see the module)."""

    __slots__ = ("chunks", "edge", "raw_id", "scope", "send", "start", "status", "vary_origin")
    start: Message | None
    chunks: list[bytes]

    def __init__(self, edge: EdgeMiddleware, scope: Scope, send: Send, raw_id: bytes, *, vary_origin: bool) -> None:
        self.edge, self.scope, self.send, self.raw_id, self.vary_origin = edge, scope, send, raw_id, vary_origin
        self.status, self.start, self.chunks = 500, None, []

    async def __call__(self, message: Message) -> None:
        kind = message["type"]
        if kind == "http.response.start":
            self.start = message
        elif kind == "http.response.body" and self.start is not None:
            self.chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                await self.release(self.start, self.chunks[0] if len(self.chunks) == 1 else b"".join(self.chunks))
        else:  # an answer sent otherwise than as a body (`http.response.pathsend`): its start goes first, as it is
            if self.start is not None:
                start, self.start = self.start, None
                await self.send_start(start)
            await self.send(message)

    async def release(self, start: Message, body: bytes) -> None:
        self.start, self.chunks = None, []
        headers = [(name, value) for name, value in start.get("headers", ()) if name != REQUEST_ID_HEADER]
        vary = []
        if self.zippable(start["status"], headers, body):
            vary.append(b"Accept-Encoding")
            if "gzip" in (header_value(self.scope["headers"], b"accept-encoding") or ""):
                body = await self.gzipped(body)
                headers = [(n, v) for n, v in headers if n != b"content-length"]
                headers += [(b"content-encoding", b"gzip"), (b"content-length", str(len(body)).encode())]
        if self.vary_origin:
            vary.append(b"Origin")
        if vary:
            headers = add_vary(headers, b", ".join(vary))
        headers.append((REQUEST_ID_HEADER, self.raw_id))
        if start["status"] == 200 and self.scope["method"] in READ_METHODS:
            tag = setdefault_header(headers, b"etag", strong_etag(body).encode("latin-1")).decode("latin-1")
            setdefault_header(headers, b"cache-control", READ_CACHE_CONTROL)
            if if_none_match(header_value(self.scope["headers"], b"if-none-match"), tag):
                start, headers = {"type": start["type"], "status": 304}, not_modified(headers)
            if start["status"] == 304 or self.scope["method"] != "GET":
                body = b""
        start["headers"] = headers
        await self.send_start(start)
        await self.send({"type": "http.response.body", "body": body})

    async def send_start(self, start: Message) -> None:
        """Sends the answer's start; its status is the one logged (500 until then: the app failed first)."""
        self.status = start["status"]
        await self.send(start)

    def zippable(self, status: int, headers: RawHeaders, body: bytes) -> bool:
        """Whether Starlette's gzip would compress this answer: large enough, of a kind worth it, not yet encoded."""
        if len(body) < self.edge.minimum_size or status == 206 or header_value(headers, b"content-encoding"):
            return False
        return zippable_type(header_value(headers, b"content-type") or "")

    async def gzipped(self, body: bytes) -> bytes:
        if len(body) >= THREAD_MINIMUM_SIZE:
            return await anyio.to_thread.run_sync(gzip_bytes, body, self.edge.compresslevel)
        return gzip_bytes(body, self.edge.compresslevel)


@lru_cache(maxsize=64)
def zippable_type(content_type: str) -> bool:
    """Whether Starlette's gzip compresses answers of this `Content-Type` (it leaves images, archives… alone)."""
    media_type = content_type.partition(";")[0].strip().lower()
    kinds = {media_type, media_type.partition("/")[0] + "/*"} | (
        {"application/grpc"} if media_type.startswith("application/grpc+") else set())  # fmt: skip
    return kinds.isdisjoint(NOT_ZIPPED)


def gzip_bytes(body: bytes, level: int) -> bytes:
    """The body in gzip's format, as Starlette's gzip writes it (no name, no time: the same bytes every time)."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    return compressor.compress(body) + compressor.flush()


def request_id_of(headers: RawHeaders) -> str:
    """The client's request id when it is safe to echo, else a fresh one."""
    given = header_value(headers, REQUEST_ID_HEADER) or ""
    return given if SAFE_REQUEST_ID.fullmatch(given) else os.urandom(16).hex()


def log_request(scope: Scope, status: int, started: float, request_id: str) -> None:
    """Logs the request as structured fields; the query string is left out (it may carry data). When its record
    would reach the app's JSON handler alone (as served), the line is written to it straight: through the logging
    module's record, handler and formatter, the line cost an article a sixth of its rate under load, and half
    that written straight. Else the record is made directly: the caller's file and line, which `Logger.info`
    looks up on the stack, would say nothing."""
    if not access_log.isEnabledFor(logging.INFO):
        return
    fields = {"method": scope["method"], "path": scope["path"], "status": status,
              "duration_ms": round((time.perf_counter() - started) * 1000, 2), "request_id": request_id}  # fmt: skip
    handler = only_json_handler(access_log)
    if handler is not None:
        handler.write(line(time.time(), "INFO", access_log.name, "request", fields))
        return
    access_log.handle(access_log.makeRecord(access_log.name, logging.INFO, __file__, 0, "request", (), None,
                                            extra=fields))  # fmt: skip


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
    """The headers a 304 keeps: those of RFC 9110, the `X-` ones, and CORS's (without them a browser's
    cross-origin revalidation fails)."""
    return [(name, value) for name, value in raw
            if name.lower() in NOT_MODIFIED_HEADERS or name.startswith((b"x-", b"access-control-"))]  # fmt: skip


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
