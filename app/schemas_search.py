"""API shapes of navigation: related entities, the typeahead, corpus stats and places as GeoJSON."""

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from app.models import EntityType
from app.schemas import ARTICLE_REF, MOSCOU, POUTINE, EntityRef, PageLinks, PageMeta, example

GOITA = {"id": 2, "slug": "assimi-goita", "name": "Assimi Goïta"}


class RelatedEntity(EntityRef):
    """An entity named in the same articles as another, with how many articles they share."""

    model_config = example({"type": "person", **GOITA, "count": 1})

    type: EntityType
    count: int = Field(description="The number of articles that name both.")


class TypeaheadEntity(EntityRef):
    model_config = example({**POUTINE, "article_count": 1})

    article_count: int


class TypeaheadPlace(TypeaheadEntity):
    model_config = example({**MOSCOU, "article_count": 1})

    country_code: str | None


class TypeaheadArticle(BaseModel):
    model_config = example({**ARTICLE_REF, "published_at": "2025-06-23"})

    id: int
    slug: str
    title: str
    published_at: date | None


class Typeahead(BaseModel):
    """The few best matches of a search box's text in each kind of resource."""

    model_config = example({"people": [{**POUTINE, "article_count": 1}], "places": [], "organisations": [],
                            "articles": [{**ARTICLE_REF, "published_at": "2025-06-23"}]})  # fmt: skip

    people: list[TypeaheadEntity]
    places: list[TypeaheadPlace]
    organisations: list[TypeaheadEntity]
    articles: list[TypeaheadArticle]


class Counts(BaseModel):
    model_config = example({"articles": 1, "people": 4, "places": 4, "organisations": 5, "mentions": 29})

    articles: int
    people: int
    places: int
    organisations: int
    mentions: int


class Extractor(BaseModel):
    model_config = example({"name": "spacy", "model": "fr_core_news_md", "version": "3.8.0"})

    name: str
    model: str
    version: str | None = Field(description="The installed model package's version; null when it is not installed.")


class Stats(BaseModel):
    """The size of the corpus, when it last changed, and what extracted its entities."""

    model_config = example({
        "counts": {"articles": 1, "people": 4, "places": 4, "organisations": 5, "mentions": 29},
        "last_ingest_at": "2026-11-25T14:47:00Z",
        "extractor": {"name": "spacy", "model": "fr_core_news_md", "version": "3.8.0"},
    })  # fmt: skip

    counts: Counts
    last_ingest_at: datetime | None = Field(description="When an article was last added or changed.")
    extractor: Extractor


MOSCOU_POINT = {"type": "Point", "coordinates": [37.61781, 55.75204]}
MOSCOU_PROPERTIES = {"slug": "moscou", "name": "Moscou", "kind": "city", "country_code": "RU", "geonames_id": 524901,
                     "article_count": 1, "mention_count": 5}  # fmt: skip
MOSCOU_FEATURE = {"type": "Feature", "id": 5, "geometry": MOSCOU_POINT, "properties": MOSCOU_PROPERTIES}


class Point(BaseModel):
    model_config = example(MOSCOU_POINT)

    type: Literal["Point"] = "Point"
    coordinates: tuple[float, float] = Field(description="Longitude, latitude (RFC 7946 order).")


class PlaceProperties(BaseModel):
    model_config = example(MOSCOU_PROPERTIES)

    slug: str
    name: str
    kind: str | None
    country_code: str | None
    geonames_id: int | None
    article_count: int
    mention_count: int


class PlaceFeature(BaseModel):
    model_config = example(MOSCOU_FEATURE)

    type: Literal["Feature"] = "Feature"
    id: int
    geometry: Point
    properties: PlaceProperties


class PlaceCollection(BaseModel):
    """A page of places as a GeoJSON FeatureCollection; `meta` and `links` page it as every list."""

    model_config = example({
        "type": "FeatureCollection",
        "features": [MOSCOU_FEATURE],
        "meta": {"total": 1, "limit": 20, "next_cursor": None},
        "links": {"self": "https://newsapi.example/v1/places.geojson", "next": None, "prev": None},
    })  # fmt: skip

    type: Literal["FeatureCollection"] = "FeatureCollection"
    features: list[PlaceFeature]
    meta: PageMeta
    links: PageLinks
