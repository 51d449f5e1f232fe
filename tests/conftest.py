"""Shared fixtures: a fresh migrated database per test (SQLite and PostgreSQL), a fake extractor, the API client."""

import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy.engine import Engine

from app.cli import migrate
from app.config import Settings
from app.db import make_engine
from app.ingest.extract import SpacyExtractor
from app.main import create_app
from tests.builders import ArticleBuilder
from tests.databases import PostgresServer
from tests.live import seeded_database, serving

BASE_URL = "http://testserver"
# Every test that takes a database runs on each: SQLite, and PostgreSQL where a server answers.
DATABASES = ["sqlite", "postgresql"]
# Exact surface forms the fake extractor tags, the way the real model tags the seed article.
PATTERNS = {
    "PER": ["Vladimir Poutine", "Poutine", "Assimi Goïta", "Assimi Goita", "Goïta", "Sergueï Tsiviliov",
            "Iounous-Bek Ievkourov", "Emmanuel Macron", "Ursula von der Leyen"],
    "LOC": ["Moscou", "Mali", "Russie", "Kremlin", "Bamako", "Paris", "Dakar", "Bourg-Imaginaire"],
    "ORG": ["État islamique", "EI", "Wagner", "Africa Corps", "Al-Qaïda", "ministère russe de la Défense",
            "Union africaine", "Croix-Rouge"],
}  # fmt: skip


@pytest.fixture(scope="session")
def template_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database file brought to the latest migration once per test session."""
    path = tmp_path_factory.mktemp("template") / "news.db"
    migrate(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """The PostgreSQL server of the session's throwaway databases; skips the test when none answers."""
    server = PostgresServer()
    reason = server.unreachable()
    if reason is not None:
        pytest.skip(reason)
    yield server
    server.drop_all()


@pytest.fixture(params=DATABASES)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database at the latest migration for this test, on each database the app supports."""
    if request.param == "sqlite":
        path = tmp_path / "news.db"
        shutil.copyfile(request.getfixturevalue("template_database"), path)
        yield f"sqlite:///{path}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    url = server.create_migrated()
    yield url
    server.drop(url)


@pytest.fixture
def dialect(database_url: str) -> str:
    """`sqlite` or `postgresql`: the database this test runs on, for the few answers that differ by design."""
    return database_url.split(":", 1)[0].split("+", 1)[0]


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of `python -m app serve` on a database seeded from seed_data/ by the real model, once per
    session: the browser tests and the generated client read it."""
    folder = tmp_path_factory.mktemp("live")
    with serving(seeded_database(folder / "news.db"), folder / "server.log") as base_url:
        yield base_url


@pytest.fixture(scope="session")
def fake_extractor() -> SpacyExtractor:
    """A blank French pipeline whose entity ruler tags exactly the `PATTERNS` surface forms."""
    import spacy

    nlp = spacy.blank("fr")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": label, "pattern": name} for label, names in PATTERNS.items() for name in names])
    return SpacyExtractor(nlp)


@pytest.fixture
def add_article(engine: Engine, fake_extractor: SpacyExtractor) -> ArticleBuilder:
    return ArticleBuilder(engine, fake_extractor)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
async def client(database_url: str) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client on the app, its lifespan running, serving this test's database."""
    app = create_app(Settings(database_url=database_url))
    transport = httpx.ASGITransport(app=app)
    async with app.router.lifespan_context(app), httpx.AsyncClient(transport=transport, base_url=BASE_URL) as client:
        yield client
