"""Organisation routes: the list and one organisation."""

from fastapi import APIRouter

from app.api.deps import EntitySortQuery, OrganisationDep, PageDep, SessionDep
from app.api.openapi import problems
from app.schemas import OrganisationDetail, OrganisationSummary, Page
from app.services import entities
from app.services.entities import EntitySort

router = APIRouter(prefix="/v1/organisations", tags=["organisations"])


@router.get("", responses=problems(400, 422))
def list_organisations(
    session: SessionDep, page: PageDep, sort: EntitySortQuery = EntitySort.article_count
) -> Page[OrganisationSummary]:
    """Lists organisations, by default the most written about first."""
    return page.respond(entities.list_entities(session, schema=OrganisationSummary, sort=sort, page=page.params))


@router.get("/{id}", responses=problems(404, 422))
def get_organisation(session: SessionDep, organisation: OrganisationDep) -> OrganisationDetail:
    """Returns one organisation with the first and last publication dates that name it."""
    return entities.get_entity_detail(session, entity=organisation, schema=OrganisationDetail)
