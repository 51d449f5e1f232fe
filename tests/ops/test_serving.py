"""How `python -m app serve` listens: with several workers, each on a socket of its own bound to the one port
(SO_REUSEPORT), the kernel spreading new connections over them; Nagle's algorithm off on every connection."""

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from app.config import ROOT
from app.serving import SharedPortLoop, check_free
from tests.ops.processes import env, free_port, wait_until_up

CONNECTIONS = 64


@contextmanager
def accepting(port: int) -> Iterator[list[int]]:
    """A `SharedPortLoop` server on the port, in a thread of its own, as a worker would run it: yields the
    TCP_NODELAY of each connection it accepts."""
    loop, nodelays = SharedPortLoop(), []

    class Recorder(asyncio.Protocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            nodelays.append(transport.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))

    server = loop.run_until_complete(loop.create_server(Recorder, host="127.0.0.1", port=port))
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    try:
        yield nodelays
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=5)
        server.close()
        loop.run_until_complete(server.wait_closed())
        loop.close()


def test_workers_on_one_port_share_its_connections_with_nagle_off() -> None:
    """uvicorn's one listening socket for every worker let the worker woken first take a whole burst."""
    port = free_port()
    with accepting(port) as first, accepting(port) as second:
        clients = [socket.create_connection(("127.0.0.1", port)) for _ in range(CONNECTIONS)]
        deadline = time.monotonic() + 10
        while len(first) + len(second) < CONNECTIONS and time.monotonic() < deadline:
            time.sleep(0.01)
        for client in clients:
            client.close()
    assert len(first) + len(second) == CONNECTIONS
    assert first and second  # each gets some: all on one has a chance of 2 in 2**64
    assert set(first + second) == {1}


def test_a_taken_port_is_refused_before_any_worker_starts() -> None:
    with (
        socket.create_server(("127.0.0.1", 0)) as taken,
        pytest.raises(SystemExit, match=r"cannot serve on 127\.0\.0\.1"),
    ):
        check_free("127.0.0.1", taken.getsockname()[1])
    check_free("127.0.0.1", free_port())


@contextmanager
def two_workers(database: Path) -> Iterator[tuple[subprocess.Popen[str], int, list[str]]]:
    """`python -m app serve --workers 2` on a free port, answering: its process, port and command. Stopped after."""
    port = free_port()
    command = [sys.executable, "-m", "app", "serve", "--port", str(port), "--workers", "2"]
    server = subprocess.Popen(command, cwd=ROOT, env=env(database), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, text=True)  # fmt: skip
    try:
        wait_until_up(f"http://127.0.0.1:{port}", server)
        yield server, port, command
    finally:
        server.terminate()
        server.wait(timeout=15)


def answers(port: int) -> list[int]:
    """The statuses of 20 requests for the first page of articles."""
    return [httpx.get(f"http://127.0.0.1:{port}/v1/articles").status_code for _ in range(20)]


def test_two_workers_answer_on_one_port_and_a_second_server_there_is_refused(database: Path) -> None:
    with two_workers(database) as (_server, port, command):
        statuses = answers(port)
        second = subprocess.run(command, cwd=ROOT, env=env(database), capture_output=True, text=True, timeout=60)
    assert statuses == [200] * 20
    assert second.returncode != 0 and f"cannot serve on 127.0.0.1:{port}" in second.stderr


def workers(supervisor: int) -> list[int]:
    return [int(pid) for pid in Path(f"/proc/{supervisor}/task/{supervisor}/children").read_text().split()]


def test_workers_are_forked_from_the_supervisor_and_one_that_dies_is_replaced(database: Path) -> None:
    """Forked, a worker runs the supervisor's command line (a spawned one runs multiprocessing's) with the app
    already imported; a signal a new process would die of (SIGUSR1) is not left to the supervisor's handlers."""
    with two_workers(database) as (server, port, _command):
        first = workers(server.pid)
        assert len(first) == 2
        assert {Path(f"/proc/{pid}/cmdline").read_bytes() for pid in first} == {
            Path(f"/proc/{server.pid}/cmdline").read_bytes()
        }
        os.kill(first[0], signal.SIGUSR1)
        deadline = time.monotonic() + 30
        while first[0] in (now := workers(server.pid)) or len(now) < 2:
            assert time.monotonic() < deadline, f"worker {first[0]} not replaced: {now}"
            time.sleep(0.1)
        assert first[1] in now
        assert answers(port) == [200] * 20


def test_no_workers_is_refused(database: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "app", "serve", "--workers", "0"], cwd=ROOT, env=env(database),
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode != 0 and "--workers must be at least 1, not 0" in done.stderr
