"""How `python -m app serve` runs uvicorn: on the standard asyncio loop, with Nagle's algorithm off.

Loaded past what one worker serves (256 connections), uvloop left some connections unanswered for over 5 s
while it served the others; asyncio's loop serves them in turn (bench/README.md). But asyncio turns Nagle's
algorithm off (TCP_NODELAY) only on sockets whose protocol number says TCP, and with several workers the
listening socket uvicorn makes says 0: every answer, written as headers then body, then waited for the
client's delayed acknowledgement, 40 ms a request. The protocol below turns it off on each connection.
"""

import asyncio
import socket

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol


class NoDelayHttpToolsProtocol(HttpToolsProtocol):
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        connection = transport.get_extra_info("socket")
        if connection is not None and connection.family in (socket.AF_INET, socket.AF_INET6):
            connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)
