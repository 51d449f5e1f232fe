"""Place routes: the list and one place."""

from fastapi import APIRouter

from app.api.deps import EntitySortQuery, PageDep, PlaceDep, SessionDep
from app.api.openapi import problems
from app.schemas import Page, PlaceDetail, PlaceSummary
from app.services import entities
from app.services.entities import EntitySort

router = APIRouter(prefix="/v1/places", tags=["places"])


@router.get("", responses=problems(400, 422))
def list_places(
    session: SessionDep, page: PageDep, sort: EntitySortQuery = EntitySort.article_count
) -> Page[PlaceSummary]:
    """Lists places, by default the most written about first."""
    return page.respond(entities.list_entities(session, schema=PlaceSummary, sort=sort, page=page.params))


@router.get("/{id}", responses=problems(404, 422))
def get_place(session: SessionDep, place: PlaceDep) -> PlaceDetail:
    """Returns one place with the first and last publication dates that name it."""
    return entities.get_entity_detail(session, entity=place, schema=PlaceDetail)
