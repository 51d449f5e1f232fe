"""An app of one's own for a test: its settings, the fake extractor behind its writes, a client on it."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx

from app.config import Settings
from app.ingest.extract import Extractor
from app.main import create_app
from tests.conftest import BASE_URL

API_KEY = "test-key-0123456789"
AUTH = {"Authorization": f"Bearer {API_KEY}"}


@asynccontextmanager
async def serve(settings: Settings, extractor: Extractor | None = None) -> AsyncIterator[httpx.AsyncClient]:
    """A client on a new app with these settings, its lifespan running; writes use `extractor`."""
    app = create_app(settings, load_extractor=(lambda: extractor) if extractor is not None else None)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with app.router.lifespan_context(app), httpx.AsyncClient(transport=transport, base_url=BASE_URL) as client:
        yield client
