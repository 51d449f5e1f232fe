"""Person routes: the list, one person, the articles that name them and who and what they appear with."""

from fastapi import APIRouter, Response

from app.api.deps import (
    ArticleFiltersDep,
    EntityFiltersDep,
    EntitySortQuery,
    PageDep,
    PersonDep,
    ReadsDep,
    RelatedTypeQuery,
)  # fmt: skip
from app.api.openapi import problems
from app.api.routing import ApiRoute
from app.schemas import ArticleSummary, Page, PersonDetail, PersonSummary
from app.schemas_search import RelatedEntity
from app.services import articles, entities, related
from app.services.entities import EntitySort

router = APIRouter(prefix="/v1/people", tags=["people"], route_class=ApiRoute)


@router.get("", responses=problems(400, 422))
async def list_people(
    reads: ReadsDep, page: PageDep, filters: EntityFiltersDep, sort: EntitySortQuery = EntitySort.article_count
) -> Page[PersonSummary]:
    """Lists people, by default the most written about first."""
    return page.respond(entities.list_entities(reads, schema=PersonSummary, sort=sort, page=page.params,
                                               filters=filters))  # fmt: skip


@router.get("/{id}", responses=problems(404, 422))
async def get_person(reads: ReadsDep, person: PersonDep) -> PersonDetail:
    """Returns one person with the first and last publication dates that name them."""
    return entities.get_entity_detail(reads, entity=person, schema=PersonDetail)


@router.get("/{id}/articles", response_model=Page[ArticleSummary], responses=problems(400, 404, 422))
async def list_person_articles(
    reads: ReadsDep, person: PersonDep, page: PageDep, filters: ArticleFiltersDep
) -> Response:
    """Lists the articles that name the person; takes the parameters of the article list."""
    return page.respond_json(articles.list_articles(reads, filters=filters, page=page.params, within=person))


@router.get("/{id}/related", responses=problems(400, 404, 422))
async def list_person_related(
    reads: ReadsDep, person: PersonDep, page: PageDep, entity_type: RelatedTypeQuery = None
) -> Page[RelatedEntity]:
    """Lists the people, places and organisations named in the same articles, the most shared first."""
    return page.respond(related.list_related(reads, entity=person, entity_type=entity_type, page=page.params))
