"""Place routes: the list (also as GeoJSON), one place, the articles that name it and who and what it appears with."""

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse

from app.api.deps import (
    ArticleFiltersDep,
    EntitySortQuery,
    PageDep,
    PlaceDep,
    PlaceFiltersDep,
    ReadsDep,
    RelatedTypeQuery,
)  # fmt: skip
from app.api.openapi import problems
from app.api.routing import ApiRoute
from app.schemas import ArticleSummary, Page, PlaceDetail, PlaceSummary
from app.schemas_search import PlaceCollection, PlaceFeature, RelatedEntity
from app.services import articles, entities, places, related
from app.services.entities import EntitySort

router = APIRouter(prefix="/v1/places", tags=["places"], route_class=ApiRoute)


class GeoJSONResponse(JSONResponse):
    media_type = "application/geo+json"


def feature_collection(page: Page[PlaceFeature]) -> PlaceCollection:
    return PlaceCollection(features=page.data, meta=page.meta, links=page.links)


@router.get("", responses=problems(400, 422))
async def list_places(
    reads: ReadsDep, page: PageDep, filters: PlaceFiltersDep, sort: EntitySortQuery = EntitySort.article_count
) -> Page[PlaceSummary]:
    """Lists places, by default the most written about first."""
    return page.respond(entities.list_entities(reads, schema=PlaceSummary, sort=sort, page=page.params,
                                               filters=filters))  # fmt: skip


@router.get(".geojson", response_class=GeoJSONResponse, responses=problems(400, 422))
async def list_places_geojson(
    reads: ReadsDep, page: PageDep, filters: PlaceFiltersDep, sort: EntitySortQuery = EntitySort.article_count
) -> PlaceCollection:
    """Lists the places that have coordinates as a GeoJSON FeatureCollection; takes the places list's parameters."""
    return feature_collection(page.respond(places.list_place_features(reads, sort=sort, page=page.params,
                                                                      filters=filters)))  # fmt: skip


@router.get("/{id}", responses=problems(404, 422))
async def get_place(reads: ReadsDep, place: PlaceDep) -> PlaceDetail:
    """Returns one place with the first and last publication dates that name it."""
    return entities.get_entity_detail(reads, entity=place, schema=PlaceDetail)


@router.get("/{id}/articles", response_model=Page[ArticleSummary], responses=problems(400, 404, 422))
async def list_place_articles(reads: ReadsDep, place: PlaceDep, page: PageDep, filters: ArticleFiltersDep) -> Response:
    """Lists the articles that name the place; takes the parameters of the article list."""
    return page.respond_json(articles.list_articles(reads, filters=filters, page=page.params, within=place))


@router.get("/{id}/related", responses=problems(400, 404, 422))
async def list_place_related(
    reads: ReadsDep, place: PlaceDep, page: PageDep, entity_type: RelatedTypeQuery = None
) -> Page[RelatedEntity]:
    """Lists the people, places and organisations named in the same articles, the most shared first."""
    return page.respond(related.list_related(reads, entity=place, entity_type=entity_type, page=page.params))
