"""The server's connections: Nagle's algorithm off on each, however the listening socket was made; a burst of
waiting connections taken a few at a time, so that workers sharing the listening socket share the burst."""

import asyncio
import socket

import pytest
from uvicorn import Config
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.server import ServerState

from app.serving import ACCEPTS_PER_WAKE, BUSY, FairAcceptLoop, NoDelayHttpToolsProtocol

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


class Hangup(asyncio.Protocol):
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        transport.close()


def taken_in_one_wake(loop: asyncio.AbstractEventLoop, waiting: int, busy: int = 0, served_again: bool = False) -> int:
    """How many of `waiting` connections, queued on a listening socket before the loop serves it, the loop takes
    when that socket first wakes it, with `busy` callbacks scheduled behind; `served_again`: after the loop has
    served the socket again as asyncio does after an accept error (EMFILE), passing on the last wake's count."""
    listener = socket.create_server(("127.0.0.1", 0), backlog=64)
    server = loop.run_until_complete(loop.create_server(Hangup, sock=listener))
    if served_again:
        loop._remove_reader(listener.fileno())  # type: ignore[attr-defined]
        loop._start_serving(Hangup, listener, None, server, ACCEPTS_PER_WAKE)  # type: ignore[attr-defined]
    clients = [socket.create_connection(listener.getsockname()) for _ in range(waiting)]
    try:
        loop.call_soon(loop.stop)  # one turn of the loop: the socket is ready, its accept step runs once
        loop.call_soon(lambda: [loop.call_soon(lambda: None) for _ in range(busy)])
        loop.run_forever()
        listener.setblocking(False)
        left = 0
        while True:
            try:
                listener.accept()[0].close()
            except BlockingIOError:
                break
            left += 1
        loop.run_until_complete(asyncio.sleep(0.05))  # the connections taken are set up, then hung up
        server.close()
        loop.run_until_complete(server.wait_closed())
        return waiting - left
    finally:
        for client in clients:
            client.close()
        loop.close()


def test_a_burst_of_connections_is_taken_a_few_at_a_time() -> None:
    """asyncio's loop takes the whole burst: the first of several workers woken gets every connection. A busy
    worker takes it too, lest the connections wait behind its answers."""
    assert taken_in_one_wake(asyncio.SelectorEventLoop(), 10) == 10
    assert taken_in_one_wake(FairAcceptLoop(), 10) == ACCEPTS_PER_WAKE == 4
    assert taken_in_one_wake(FairAcceptLoop(), 10, busy=BUSY) == 4
    assert taken_in_one_wake(FairAcceptLoop(), 10, busy=BUSY + 1) == 10
    assert taken_in_one_wake(FairAcceptLoop(), 10, busy=BUSY + 1, served_again=True) == 10
