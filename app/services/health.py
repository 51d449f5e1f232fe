"""Readiness: the database answers and its schema is at the latest migration."""

import logging
from functools import cache

from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from app.errors import ServiceUnavailable
from app.schemas import Readiness

logger = logging.getLogger(__name__)


@cache
def migration_heads() -> frozenset[str]:
    """The latest revisions of the migration scripts shipped with the code."""
    from alembic.script import ScriptDirectory  # imported when first asked: Alembic costs a server's start 0.4 s

    from app.cli import alembic_config

    return frozenset(ScriptDirectory.from_config(alembic_config("")).get_heads())


def check_readiness(session: Session) -> Readiness:
    """Reports the schema revision; raises ServiceUnavailable when the database is unreachable or behind."""
    from alembic.runtime.migration import MigrationContext

    try:
        current = frozenset(MigrationContext.configure(session.connection()).get_current_heads())
    except SQLAlchemyError:
        logger.exception("readiness check: database unreachable")
        raise ServiceUnavailable("The database cannot be reached.") from None
    expected = migration_heads()
    if current != expected:
        found = ", ".join(sorted(current)) or "none"
        raise ServiceUnavailable(
            f"The database schema is at revision {found}, expected {', '.join(sorted(expected))}; "
            "run `python -m app migrate`."
        )
    return Readiness(revision=", ".join(sorted(current)))
