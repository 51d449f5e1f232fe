"""Alembic environment: the URL comes from the caller's config or from Settings."""

from typing import Any

from alembic import context
from sqlalchemy.engine import Connection

from app.config import get_settings
from app.db import is_sqlite, make_engine
from app.models import metadata

config = context.config

# Full-text objects live in the migrations only: SQLite's FTS5 table (and its shadow tables), PostgreSQL's
# generated `tsvector` column and its GIN index. Autogenerate and `alembic check` leave them alone.
SEARCH_OBJECTS = ("article_search", "search_vector", "ix_article_search_vector")


def _url() -> str:
    return config.attributes.get("database_url") or get_settings().database_url


def _include_name(name: str | None, _type: str, _parents: Any) -> bool:
    return name is None or not name.startswith(SEARCH_OBJECTS)


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=is_sqlite(_url()),
        compare_type=True,
        include_name=_include_name,
    )


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = make_engine(_url())
    with engine.connect() as connection:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported; run against a database")
run_migrations_online()
