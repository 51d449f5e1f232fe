"""How `python -m app serve` runs uvicorn: on the standard asyncio loop, taking connections a few at a time, with
Nagle's algorithm off.

Loaded past what one worker serves (256 connections), uvloop left some connections unanswered for over 5 s
while it served the others; asyncio's loop serves them in turn (bench/README.md). But asyncio turns Nagle's
algorithm off (TCP_NODELAY) only on sockets whose protocol number says TCP, and with several workers the
listening socket uvicorn makes says 0: every answer, written as headers then body, then waited for the
client's delayed acknowledgement, 40 ms a request. The protocol below turns it off on each connection.

Workers share the listening socket, and asyncio's loop accepts as many connections as are waiting (up to the
listen backlog, 2048 under uvicorn) each time it is woken: the worker woken first takes a whole burst, such as
the 32 connections a client opens at once, and the other idles: 2 workers then served a page as 1 does, in
three runs of six. The loop below takes 4 at a time, so that workers woken together share a burst, while it
has little else to do; a busy worker takes every waiting connection, as asyncio's loop does, since 4 at a time
then left 256 connections opened at once waiting behind its answers beyond 5 s (bench/README.md).
"""

import asyncio
import socket
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol


class NoDelayHttpToolsProtocol(HttpToolsProtocol):
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        connection = transport.get_extra_info("socket")
        if connection is not None and connection.family in (socket.AF_INET, socket.AF_INET6):
            connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)


ACCEPTS_PER_WAKE = 4
BUSY = 32


class FairAcceptLoop(asyncio.SelectorEventLoop):
    """asyncio's loop, taking at most `ACCEPTS_PER_WAKE` waiting connections each time a listening socket is ready
    while it has little else to do, and every one once more than `BUSY` callbacks wait behind the accept step (the
    answers of the connections it holds: then a few at a time would leave the others waiting behind them)."""

    def _accept_connection(self, protocol_factory: Any, sock: Any, sslcontext: Any = None, server: Any = None,
                           backlog: int = 100, *args: Any, **kwargs: Any) -> None:  # fmt: skip
        # asyncio passes `backlog` on when it serves the socket again after an accept error: the server's own is
        # read here, lest a worker stay at a few connections a wake for good after one.
        backlog = getattr(server, "_backlog", backlog)
        accepts = backlog if len(self._ready) > BUSY else min(backlog, ACCEPTS_PER_WAKE)  # type: ignore[attr-defined]
        super()._accept_connection(protocol_factory, sock, sslcontext, server, accepts, *args, **kwargs)  # type: ignore[misc]
