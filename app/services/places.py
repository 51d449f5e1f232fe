"""Places on the map: the places list as GeoJSON features."""

from app.schemas import PlaceSummary
from app.schemas_search import PlaceFeature, PlaceProperties, Point
from app.services.entities import EntityFilters, EntitySort, list_entities
from app.services.pagination import Listing, PageParams
from app.services.prepared import Reads


def list_place_features(
    reads: Reads, *, sort: EntitySort, page: PageParams, filters: EntityFilters
) -> Listing[PlaceFeature]:
    """Lists the places that match the filters as GeoJSON points; places without coordinates are left out."""
    located = EntityFilters(q=filters.q, country=filters.country, kind=filters.kind, located=True)
    listing = list_entities(reads, schema=PlaceSummary, sort=sort, page=page, filters=located)
    return listing.with_items([_feature(place) for place in listing.items])


def _feature(place: PlaceSummary) -> PlaceFeature:
    assert place.latitude is not None and place.longitude is not None
    properties = PlaceProperties.model_validate(place, from_attributes=True)
    return PlaceFeature(id=place.id, geometry=Point(coordinates=(place.longitude, place.latitude)),
                        properties=properties)  # fmt: skip
