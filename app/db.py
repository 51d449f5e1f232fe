"""Engines: one for writes (a pool of connections, used from worker threads) and one for reads.

Reads run on the event loop, one request at a time between awaits, so they share one connection per process in
autocommit mode: no pool to wait on, hence no deadlock at any concurrency, and no per-request checkout cost.
Writes keep a pool; each write opens and closes its session within one thread, so it never waits on a
connection another thread can release only later.
"""

import logging
from typing import Any

import orjson
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import PoolProxiedConnection, StaticPool
from sqlmodel import create_engine

from app.config import KEPT_ROWS
from app.errors import ServiceUnavailable
from app.services.prepared import Kept, Reads

logger = logging.getLogger(__name__)


class Database:
    """What the app reads and writes through: the write engine, and the read engine with its one connection,
    opened on first use (so that a server starts, and answers its probes, while the database is away)."""

    def __init__(self, url: str, *, kept_rows: int = KEPT_ROWS) -> None:
        self.engine, self.reader = make_engine(url), make_reader(url)
        self.kept = Kept(self.reader.dialect.name, kept_rows)
        self.read_connection: PoolProxiedConnection | None = None

    def reads(self) -> Reads:
        """The read connection, for prepared statements; a 503 when the database cannot be reached."""
        if self.read_connection is None:
            try:
                self.read_connection = self.reader.raw_connection()
            except SQLAlchemyError:
                logger.exception("the read connection cannot be opened")
                raise ServiceUnavailable("The database cannot be reached.") from None
        return Reads(self.read_connection.dbapi_connection, self.reader.dialect, self.kept)

    def close(self) -> None:
        if self.read_connection is not None:
            self.read_connection.close()
        self.reader.dispose()
        self.engine.dispose()


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def make_engine(url: str) -> Engine:
    """The write engine; SQLite gets WAL, foreign keys and a busy timeout on every connection."""
    if not is_sqlite(url):
        return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def make_reader(url: str) -> Engine:
    """The read engine: one shared connection, autocommit, never returned to a pool, JSON columns decoded by orjson;
    SQLite's is query-only."""
    options: dict[str, Any] = {"poolclass": StaticPool, "isolation_level": "AUTOCOMMIT", "pool_reset_on_return": None,
                               "json_deserializer": orjson.loads}  # fmt: skip
    if not is_sqlite(url):
        return create_engine(url, **options)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, **options)
    event.listen(engine, "connect", _sqlite_pragmas)
    event.listen(engine, "connect", _query_only)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _query_only(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.execute("PRAGMA query_only=ON")
