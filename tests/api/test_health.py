from pathlib import Path

import httpx
import pytest
from alembic.script import ScriptDirectory

from app.cli import alembic_config
from app.config import Settings
from app.main import create_app
from tests.api.support import assert_problem, problem
from tests.conftest import BASE_URL

pytestmark = pytest.mark.anyio
HEAD = ScriptDirectory.from_config(alembic_config("")).get_current_head()


async def readyz(database_url: str) -> httpx.Response:
    app = create_app(Settings(database_url=database_url))
    transport = httpx.ASGITransport(app=app)
    async with app.router.lifespan_context(app), httpx.AsyncClient(transport=transport, base_url=BASE_URL) as client:
        return await client.get("/readyz")


async def test_healthz(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


async def test_readyz_on_a_migrated_database(client: httpx.AsyncClient) -> None:
    response = await client.get("/readyz")
    assert (response.status_code, response.json()) == (200, {"status": "ok", "revision": HEAD})


async def test_readyz_on_a_database_without_the_schema(tmp_path: Path) -> None:
    detail = f"The database schema is at revision none, expected {HEAD}; run `python -m app migrate`."
    assert_problem(await readyz(f"sqlite:///{tmp_path / 'empty.db'}"),
                   problem(503, "service_unavailable", "Service unavailable", detail))  # fmt: skip


async def test_readyz_when_the_database_cannot_be_reached(tmp_path: Path) -> None:
    response = await readyz(f"sqlite:///{tmp_path / 'no-such-dir' / 'news.db'}")
    assert_problem(response, problem(503, "service_unavailable", "Service unavailable",
                                     "The database cannot be reached."))  # fmt: skip
