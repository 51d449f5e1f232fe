"""Person routes: the list and one person."""

from fastapi import APIRouter

from app.api.deps import EntitySortQuery, PageDep, PersonDep, SessionDep
from app.api.openapi import problems
from app.schemas import Page, PersonDetail, PersonSummary
from app.services import entities
from app.services.entities import EntitySort

router = APIRouter(prefix="/v1/people", tags=["people"])


@router.get("", responses=problems(400, 422))
def list_people(
    session: SessionDep, page: PageDep, sort: EntitySortQuery = EntitySort.article_count
) -> Page[PersonSummary]:
    """Lists people, by default the most written about first."""
    return page.respond(entities.list_entities(session, schema=PersonSummary, sort=sort, page=page.params))


@router.get("/{id}", responses=problems(404, 422))
def get_person(session: SessionDep, person: PersonDep) -> PersonDetail:
    """Returns one person with the first and last publication dates that name them."""
    return entities.get_entity_detail(session, entity=person, schema=PersonDetail)
