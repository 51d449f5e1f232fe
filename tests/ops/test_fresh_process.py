"""A server process starts with nothing imported: every read answers on each database, whatever the order in
which SQLAlchemy's dialects happen to load (the test process itself has loaded them all)."""

import subprocess
import sys

import pytest

from app.config import ROOT

# Each read of the article list and search, in a process of its own, on the database of the URL given.
SCRIPT = """
import asyncio, sys, httpx
from app.config import Settings
from app.main import create_app

async def main(url):
    app = create_app(Settings(database_url=url))
    transport = httpx.ASGITransport(app=app)
    async with app.router.lifespan_context(app), httpx.AsyncClient(transport=transport, base_url="http://t") as c:
        for path in ["/v1/articles", "/v1/articles?q=moscou", "/v1/articles?q=moscou&sort=-published_at",
                     "/v1/search?q=mosc", "/v1/people?q=vla"]:
            print(path, (await c.get(path)).status_code)

asyncio.run(main(sys.argv[1]))
"""


@pytest.mark.parametrize("database_url", ["sqlite", "postgresql"], indirect=True)
def test_a_fresh_process_answers_every_read(database_url: str) -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT, database_url], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    statuses = [line.rsplit(" ", 1)[1] for line in done.stdout.splitlines()]
    assert statuses == ["200"] * 5, done.stdout
