"""The search box: one typeahead across people, places, organisations and article titles."""

from typing import Annotated

from fastapi import APIRouter, Query

from app.api.deps import SessionDep
from app.api.openapi import problems
from app.api.routing import ApiRoute
from app.schemas_search import Typeahead
from app.services import typeahead

router = APIRouter(prefix="/v1/search", tags=["search"], route_class=ApiRoute)
TYPEAHEAD_MAX = 20


@router.get("", responses=problems(422))
async def search(
    session: SessionDep,
    q: Annotated[str, Query(min_length=1, max_length=200, description="What is typed so far.")],
    limit: Annotated[int, Query(ge=1, le=TYPEAHEAD_MAX, description="Matches per group.")] = 5,
) -> Typeahead:
    """Returns the best few people, places, organisations and article titles for what is typed so far."""
    return typeahead.search_everything(session, q=q, limit=limit)
