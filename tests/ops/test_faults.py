"""Faults with real processes: a seed killed mid-run leaves a consistent database that a re-run completes,
and a server keeps answering reads while a seed writes (SQLite WAL)."""

import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from app.config import ROOT
from tests.ops.processes import article_count, cli, env, free_port, inconsistencies, wait_until_up, write_articles

pytestmark = pytest.mark.model
ARTICLES = 150
READ_PATHS = ("/v1/articles?limit=5", "/v1/people", "/v1/places?limit=3")


@pytest.fixture
def server(database: Path) -> httpx.Client:
    """A uvicorn server on a free loopback port, serving the database; stopped after the test."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "app", "serve", "--port", str(port)], cwd=ROOT,
                               env=env(database), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True)  # fmt: skip
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base_url, process)
        with httpx.Client(base_url=base_url, timeout=10) as client:
            yield client
    finally:
        process.terminate()
        process.wait(timeout=10)


def read_while(
    client: httpx.Client, running: subprocess.Popen[str], *, until: float, enough: Callable[[], bool] = lambda: False
) -> list[int]:
    """Reads in a loop while the process runs (bounded by `until`, or by `enough()` after a round); returns every
    status seen."""
    statuses: list[int] = []
    while running.poll() is None and time.monotonic() < until:
        statuses += [client.get(path).status_code for path in READ_PATHS]
        if enough():
            break
    return statuses


def test_a_killed_seed_leaves_a_consistent_database_and_readers_never_fail(
    tmp_path: Path, database: Path, server: httpx.Client
) -> None:
    folder = tmp_path / "articles"
    write_articles(folder, ARTICLES)
    first = cli(database, "seed", str(folder))
    deadline = time.monotonic() + 120
    while article_count(database) < 5 and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)

    def halfway() -> bool:  # the seed is killed by half of the articles at the latest, however fast the machine
        return article_count(database) >= ARTICLES // 2

    statuses = read_while(server, first, until=time.monotonic() + 0.5, enough=halfway)
    first.send_signal(signal.SIGKILL)
    first.communicate(timeout=10)
    stored = article_count(database)
    assert 5 <= stored < ARTICLES, "the seed was not killed mid-run"
    assert inconsistencies(database) == []
    second = cli(database, "seed", str(folder))
    statuses += read_while(server, second, until=time.monotonic() + 180)
    out, err = second.communicate(timeout=180)
    assert second.returncode == 0, err
    assert out.splitlines()[-1] == f"loaded {ARTICLES - stored}, updated 0, unchanged {stored}, failed 0"
    assert (article_count(database), inconsistencies(database)) == (ARTICLES, [])
    assert len(statuses) >= 30 and set(statuses) == {200}
    assert server.get("/v1/articles").json()["meta"]["total"] == ARTICLES
