"""Probes: the process is alive; the database is reachable and migrated."""

from fastapi import APIRouter

from app.api.deps import SessionDep
from app.api.openapi import problems
from app.schemas import Health, Readiness
from app.services import health

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz() -> Health:
    """Answers while the process is alive."""
    return Health()


@router.get("/readyz", responses=problems(503))
def readyz(session: SessionDep) -> Readiness:
    """Answers when the database is reachable and its schema is at the latest migration."""
    return health.check_readiness(session)
