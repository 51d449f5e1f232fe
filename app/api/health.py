"""Probes: the process is alive; the database is reachable and migrated."""

from fastapi import APIRouter, Response

from app.api.deps import SessionDep
from app.api.openapi import problems
from app.api.routing import ApiRoute
from app.schemas import Health, Readiness
from app.services import health

router = APIRouter(tags=["health"], route_class=ApiRoute)
NO_STORE = "no-store"  # a probe's answer is about now: no cache may keep it


@router.get("/healthz")
async def healthz(response: Response) -> Health:
    """Answers while the process is alive."""
    response.headers["Cache-Control"] = NO_STORE
    return Health()


@router.get("/readyz", responses=problems(503))
async def readyz(session: SessionDep, response: Response) -> Readiness:
    """Answers when the database is reachable and its schema is at the latest migration."""
    response.headers["Cache-Control"] = NO_STORE
    return health.check_readiness(session)
