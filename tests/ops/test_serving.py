"""The server's connections: Nagle's algorithm off on each, however the listening socket was made."""

import asyncio
import socket

import pytest
from uvicorn import Config
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.server import ServerState

from app.serving import NoDelayHttpToolsProtocol

pytestmark = pytest.mark.anyio


async def nodelay_of_a_connection(protocol: type[HttpToolsProtocol]) -> int:
    """TCP_NODELAY of the server side of one connection, accepted by `protocol` on a listening socket made as
    uvicorn makes it for several workers (protocol number 0)."""
    config = Config(app=lambda *_args: None, loop="asyncio", http=protocol)
    config.load()
    state = ServerState()
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    server = await asyncio.get_running_loop().create_server(
        lambda: protocol(config=config, server_state=state, app_state={}), sock=listener)  # fmt: skip
    try:
        _reader, writer = await asyncio.open_connection(*listener.getsockname())
        while not state.connections:
            await asyncio.sleep(0.01)
        [connection] = state.connections
        value = int(connection.transport.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
        writer.close()
        return value
    finally:
        server.close()


async def test_each_connection_has_nagle_off_though_the_listening_socket_says_protocol_0() -> None:
    """asyncio leaves it on there: every answer, headers then body, then waited 40 ms for a delayed ACK."""
    assert await nodelay_of_a_connection(HttpToolsProtocol) == 0
    assert await nodelay_of_a_connection(NoDelayHttpToolsProtocol) == 1
