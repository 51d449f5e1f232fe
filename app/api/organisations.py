"""Organisation routes: the list, one organisation, the articles that name it and who and what it appears with."""

from fastapi import APIRouter

from app.api.deps import (
    ArticleFiltersDep,
    EntityFiltersDep,
    EntitySortQuery,
    OrganisationDep,
    PageDep,
    RelatedTypeQuery,
    SessionDep,
)  # fmt: skip
from app.api.openapi import problems
from app.schemas import ArticleSummary, OrganisationDetail, OrganisationSummary, Page
from app.schemas_search import RelatedEntity
from app.services import articles, entities, related
from app.services.entities import EntitySort

router = APIRouter(prefix="/v1/organisations", tags=["organisations"])


@router.get("", responses=problems(400, 422))
def list_organisations(
    session: SessionDep, page: PageDep, filters: EntityFiltersDep, sort: EntitySortQuery = EntitySort.article_count
) -> Page[OrganisationSummary]:
    """Lists organisations, by default the most written about first."""
    return page.respond(entities.list_entities(session, schema=OrganisationSummary, sort=sort, page=page.params,
                                               filters=filters))  # fmt: skip


@router.get("/{id}", responses=problems(404, 422))
def get_organisation(session: SessionDep, organisation: OrganisationDep) -> OrganisationDetail:
    """Returns one organisation with the first and last publication dates that name it."""
    return entities.get_entity_detail(session, entity=organisation, schema=OrganisationDetail)


@router.get("/{id}/articles", responses=problems(400, 404, 422))
def list_organisation_articles(
    session: SessionDep, organisation: OrganisationDep, page: PageDep, filters: ArticleFiltersDep
) -> Page[ArticleSummary]:
    """Lists the articles that name the organisation; takes the parameters of the article list."""
    return page.respond(articles.list_articles(session, filters=filters, page=page.params, within=organisation))


@router.get("/{id}/related", responses=problems(400, 404, 422))
def list_organisation_related(
    session: SessionDep, organisation: OrganisationDep, page: PageDep, entity_type: RelatedTypeQuery = None
) -> Page[RelatedEntity]:
    """Lists the people, places and organisations named in the same articles, the most shared first."""
    return page.respond(related.list_related(session, entity=organisation, entity_type=entity_type, page=page.params))
