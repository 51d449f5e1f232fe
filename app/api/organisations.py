"""Organisation routes: the list, one organisation, the articles that name it and who and what it appears with."""

from fastapi import APIRouter, Response

from app.api.deps import (
    ArticleFiltersDep,
    EntityFiltersDep,
    EntitySortQuery,
    OrganisationDep,
    PageDep,
    ReadsDep,
    RelatedTypeQuery,
)  # fmt: skip
from app.api.openapi import problems
from app.api.routing import ApiRoute
from app.schemas import ArticleSummary, OrganisationDetail, OrganisationSummary, Page
from app.schemas_search import RelatedEntity
from app.services import articles, entities, related
from app.services.entities import EntitySort

router = APIRouter(prefix="/v1/organisations", tags=["organisations"], route_class=ApiRoute)


@router.get("", responses=problems(400, 422))
async def list_organisations(
    reads: ReadsDep, page: PageDep, filters: EntityFiltersDep, sort: EntitySortQuery = EntitySort.article_count
) -> Page[OrganisationSummary]:
    """Lists organisations, by default the most written about first."""
    return page.respond(entities.list_entities(reads, schema=OrganisationSummary, sort=sort, page=page.params,
                                               filters=filters))  # fmt: skip


@router.get("/{id}", responses=problems(404, 422))
async def get_organisation(reads: ReadsDep, organisation: OrganisationDep) -> OrganisationDetail:
    """Returns one organisation with the first and last publication dates that name it."""
    return entities.get_entity_detail(reads, entity=organisation, schema=OrganisationDetail)


@router.get("/{id}/articles", response_model=Page[ArticleSummary], responses=problems(400, 404, 422))
async def list_organisation_articles(
    reads: ReadsDep, organisation: OrganisationDep, page: PageDep, filters: ArticleFiltersDep
) -> Response:
    """Lists the articles that name the organisation; takes the parameters of the article list."""
    return page.respond_json(articles.list_articles(reads, filters=filters, page=page.params, within=organisation))


@router.get("/{id}/related", responses=problems(400, 404, 422))
async def list_organisation_related(
    reads: ReadsDep, organisation: OrganisationDep, page: PageDep, entity_type: RelatedTypeQuery = None
) -> Page[RelatedEntity]:
    """Lists the people, places and organisations named in the same articles, the most shared first."""
    return page.respond(related.list_related(reads, entity=organisation, entity_type=entity_type, page=page.params))
