"""Throwaway PostgreSQL databases for a test session: one migrated template, a fast copy of it per test."""

import itertools
import os

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool

from app.cli import migrate

# The server CI provides; point TEST_POSTGRES_URL elsewhere (any database on the server) to use another.
ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


class PostgresServer:
    """Creates and drops this session's databases, named `newsapi_test_<pid>_…` so sessions never collide."""

    def __init__(self, admin_url: str = ADMIN_URL) -> None:
        self.url = make_url(admin_url).set(drivername="postgresql+psycopg")
        self.admin: Engine = create_engine(self.url, isolation_level="AUTOCOMMIT", poolclass=NullPool,
                                           connect_args={"connect_timeout": 3})  # fmt: skip
        self.prefix = f"newsapi_test_{os.getpid()}"
        self.template = f"{self.prefix}_template"
        self.numbers = itertools.count(1)
        self.created: list[str] = []

    def unreachable(self) -> str | None:
        """Why the server cannot serve the tests, or None when it answers."""
        try:
            with self.admin.connect() as connection:
                connection.execute(text("SELECT 1"))
        except OperationalError as error:
            return f"PostgreSQL is not reachable at {self.url.render_as_string()}: {error.orig}"
        return None

    def url_of(self, name: str) -> str:
        return self.url.set(database=name).render_as_string(hide_password=False)

    def create(self, *, template: str = "template0") -> str:
        """A new database copied from `template` (an empty one by default); returns its URL."""
        name = f"{self.prefix}_{next(self.numbers)}"
        self._execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        self.created.append(name)
        return self.url_of(name)

    def create_migrated(self) -> str:
        """A database at the latest migration, copied from the session's template (migrated on first use)."""
        if self.template not in self.created:
            self._execute(f'CREATE DATABASE "{self.template}" TEMPLATE template0')
            self.created.append(self.template)
            migrate(self.url_of(self.template))
        return self.create(template=self.template)

    def drop(self, url: str) -> None:
        name = make_url(url).database
        self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.created.remove(str(name))

    def drop_all(self) -> None:
        for name in reversed(self.created):
            self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.created.clear()
        self.admin.dispose()

    def _execute(self, statement: str) -> None:
        with self.admin.connect() as connection:
            connection.execute(text(statement))
