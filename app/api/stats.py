"""Corpus statistics."""

from fastapi import APIRouter, Request

from app.api.deps import SessionDep
from app.api.routing import ApiRoute
from app.schemas_search import Stats
from app.services import stats

router = APIRouter(prefix="/v1/stats", tags=["stats"], route_class=ApiRoute)


@router.get("")
async def get_stats(session: SessionDep, request: Request) -> Stats:
    """Returns the number of each resource, the last ingest time and the extractor's model and version."""
    return stats.get_stats(session, model=request.app.state.settings.spacy_model)
