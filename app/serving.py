"""How `python -m app serve` runs uvicorn: on the standard asyncio loop, each worker listening on a socket of its
own.

Loaded past what one worker serves (256 connections), uvloop left some connections unanswered for over 5 s
while it served the others; asyncio's loop serves them in turn (bench/README.md).

Several workers: uvicorn's supervisor makes one listening socket and every worker accepts on it, as many waiting
connections as there are each time it is woken, so a burst of connections (a client opening 32 or 256 at once)
went mostly to whichever worker woke first; 2 workers then served a page as 1 does, or half their rate at 256
connections. Here every worker listens on a socket of its own, bound to the same port with SO_REUSEPORT, and the
kernel spreads new connections over them (`serve`, `SharedPortLoop`). A worker's queued connections go with it
when it dies (uvicorn's supervisor starts another); the port is checked free first, since SO_REUSEPORT would
otherwise let a second server share it silently. asyncio turns Nagle's algorithm off on every connection of a
socket it makes (the one uvicorn made by hand for several workers said protocol 0, and kept it on: 40 ms an
answer).

uvicorn starts each worker as a new interpreter that imports the app again (multiprocessing's "spawn"): with 2
workers importing on 2 cores, the first answer came later than with one (0.75 s against 0.61; 1.28 s with a core
busy). Here the supervisor imports the app once and forks its workers from it (`forked_workers`: 0.59 s); each
worker opens the database in its own lifespan, after the fork.
"""

import asyncio
import importlib
import multiprocessing
import os
import signal
import socket
from typing import Any

APP = "app.main:app"


class SharedPortLoop(asyncio.SelectorEventLoop):
    """asyncio's loop, whose servers bind their host and port with SO_REUSEPORT: each worker's listening socket
    joins the others' on the port."""

    async def create_server(self, *args: Any, **kwargs: Any) -> asyncio.Server:
        if kwargs.get("sock") is None:
            kwargs["reuse_port"] = True
        return await super().create_server(*args, **kwargs)


def serve(host: str, port: int, workers: int, log_level: str) -> None:
    """The API under uvicorn, on `workers` processes. The app writes one structured line per request; uvicorn's own
    access log would repeat it."""
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    if workers < 1:
        raise SystemExit(f"--workers must be at least 1, not {workers}")
    options: dict[str, Any] = {"host": host, "port": port, "log_level": log_level, "access_log": False}
    if workers == 1:
        uvicorn.run(APP, loop="asyncio", **options)
        return
    check_free(host, port)
    forked_workers()
    config = uvicorn.Config(APP, workers=workers, loop="app.serving:SharedPortLoop", **options)
    # No socket from the supervisor: each worker binds its own (`SharedPortLoop`).
    Multiprocess(config, sockets=None).run()  # type: ignore[arg-type]


def check_free(host: str, port: int) -> None:
    """Exits as uvicorn does when the port is taken: workers binding it with SO_REUSEPORT would each fail, or join
    another server that set it too."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise SystemExit(f"cannot serve on {host}:{port}: {error.strerror}") from None


def forked_workers() -> None:
    """uvicorn's workers forked from this process once it has imported the app, so that none imports it again.
    A forked worker would keep the handlers uvicorn's supervisor sets (which queue signals for the supervisor's
    loop): it gets back those of before, as a new interpreter would have them."""
    import uvicorn._subprocess
    from uvicorn.supervisors.multiprocess import SIGNALS

    importlib.import_module(APP.partition(":")[0])
    before = {number: handler for number in SIGNALS if (handler := signal.getsignal(number)) is not None}

    def restore_signals() -> None:
        for number, handler in before.items():
            signal.signal(number, handler)

    os.register_at_fork(after_in_child=restore_signals)
    uvicorn._subprocess.spawn = multiprocessing.get_context("fork")  # type: ignore[assignment]
