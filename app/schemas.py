"""API shapes, apart from the tables: `XSummary` for lists, `XDetail` for one item, the `Page` envelope, `Problem`."""

from datetime import date, datetime
from typing import Any, ClassVar, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from app.models import EntityType

T = TypeVar("T")

# Examples come from the seed article "Reçu par Poutine, le chef de la junte malienne dit vouloir…".
ARTICLE_REF = {
    "id": 1,
    "slug": "recu-par-poutine-le-chef-de-la-junte-malienne-dit-vouloir-renforcer-les-liens",
    "title": 'Reçu par Poutine, le chef de la junte malienne dit vouloir "renforcer" les liens avec Moscou',
}
POUTINE = {"id": 1, "slug": "vladimir-poutine", "name": "Vladimir Poutine"}
MOSCOU = {"id": 5, "slug": "moscou", "name": "Moscou", "country_code": "RU"}
MOSCOU_GEO = {"kind": "city", "latitude": 55.75204, "longitude": 37.61781}
ETAT_ISLAMIQUE = {"id": 13, "slug": "etat-islamique", "name": "État islamique"}
SEED_SUMMARY = {
    **ARTICLE_REF,
    "caption": "Le président russe Vladimir Poutine et le chef de la junte malienne Assimi Goita lors de leur "
    "rencontre à Moscou le 23 juin 2025",
    "published_at": "2025-06-23",
    "language": "fr",
    "source": None,
    "snippet": "Le chef de la junte au Mali, le général Assimi Goïta, en visite officielle en Russie, a déclaré "
    'lundi vouloir "renforcer" les liens avec Moscou, lors d\'une rencontre avec le président russe Vladimir…',
    "people": [POUTINE],
    "places": [MOSCOU],
}
FIRST_PARAGRAPH = (
    "Le chef de la junte au Mali, le général Assimi Goïta, en visite officielle en Russie, a déclaré lundi vouloir "
    '"renforcer" les liens avec Moscou, lors d\'une rencontre avec le président russe Vladimir Poutine au Kremlin.'
)
SEEN = {"first_seen": "2025-06-23", "last_seen": "2025-06-23"}


def example(value: dict[str, Any]) -> ConfigDict:
    """The model config of an API shape: read from attributes, documented with one example."""
    return ConfigDict(from_attributes=True, json_schema_extra={"examples": [value]})


class FieldError(BaseModel):
    model_config = example({"param": "limit", "message": "must be between 1 and 100"})

    param: str
    message: str


class Problem(BaseModel):
    """An RFC 9457 problem document: the body of every 4xx and 5xx answer."""

    model_config = example({
        "type": "https://newsapi.example/problems/invalid-parameter", "title": "Invalid parameter", "status": 422,
        "detail": "limit must be between 1 and 100", "code": "invalid_parameter",
        "errors": [{"param": "limit", "message": "must be between 1 and 100"}],
    })  # fmt: skip

    type: str
    title: str
    status: int
    detail: str
    code: str
    errors: list[FieldError] | None = None


class PageMeta(BaseModel):
    model_config = example({"total": 42, "limit": 20, "next_cursor": "WyIyMDI1LTA2LTIzIiwxXQ.3q2-7wAAAAA"})

    total: int
    limit: int
    next_cursor: str | None


class PageLinks(BaseModel):
    model_config = example({
        "self": "https://newsapi.example/v1/articles?limit=20",
        "next": "https://newsapi.example/v1/articles?limit=20&cursor=WyIyMDI1LTA2LTIzIiwxXQ.3q2-7wAAAAA",
        "prev": None,
    })  # fmt: skip

    self: str
    next: str | None
    prev: str | None = None


class Page(BaseModel, Generic[T]):
    """One page of a list, newest or best first, with the cursor to the next one."""

    data: list[T]
    meta: PageMeta
    links: PageLinks


class EntityRef(BaseModel):
    model_config = example(POUTINE)

    id: int
    slug: str
    name: str


class PlaceRef(EntityRef):
    model_config = example(MOSCOU)

    country_code: str | None


class ArticleFields(BaseModel):
    id: int
    slug: str
    title: str
    caption: str | None
    published_at: date | None
    language: str | None
    source: str | None
    snippet: str = Field(
        description="With `q`: the best passage, matched words between `<mark>` and `</mark>`; else the opening of "
        "the body, cut at a word boundary."
    )


class ArticleSummary(ArticleFields):
    """An article in a list: its metadata, the opening of its body and who and where it names."""

    model_config = example(SEED_SUMMARY)

    people: list[EntityRef]
    places: list[PlaceRef]


class ArticlePerson(EntityRef):
    model_config = example({**POUTINE, "mention_count": 4, "titles": ["président russe"]})

    mention_count: int
    titles: list[str]


class ArticlePlace(PlaceRef):
    model_config = example({**MOSCOU, **MOSCOU_GEO, "mention_count": 5})

    kind: str | None
    latitude: float | None
    longitude: float | None
    mention_count: int


class ArticleOrganisation(EntityRef):
    model_config = example({**ETAT_ISLAMIQUE, "mention_count": 2})

    mention_count: int


class ArticleDetail(ArticleFields):
    """One article: its paragraphs and every person, place and organisation it names, with counts."""

    model_config = example({
        **SEED_SUMMARY, "body": [FIRST_PARAGRAPH], "word_count": 295, "url": None, "extraction_note": None,
        "people": [{**POUTINE, "mention_count": 4, "titles": ["président russe"]}],
        "places": [{**MOSCOU, **MOSCOU_GEO, "mention_count": 5}],
        "organisations": [{**ETAT_ISLAMIQUE, "mention_count": 2}],
        "created_at": "2026-11-25T14:47:00Z", "updated_at": "2026-11-25T14:47:00Z",
    })  # fmt: skip

    body: list[str]
    word_count: int
    url: str | None = Field(description="The article's canonical URL, when its source gave one.")
    extraction_note: str | None = Field(
        description="Why no entities were extracted (e.g. a language other than French); null when they were."
    )
    people: list[ArticlePerson]
    places: list[ArticlePlace]
    organisations: list[ArticleOrganisation]
    created_at: datetime
    updated_at: datetime


class MentionEntity(BaseModel):
    model_config = example({"type": "person", **POUTINE})

    type: EntityType
    id: int
    slug: str
    name: str


class Mention(BaseModel):
    """Where an article names an entity: the words as written and their character offsets."""

    model_config = example({
        "entity": {"type": "person", **POUTINE}, "surface": "Vladimir Poutine", "paragraph": 0, "start": 190,
        "end": 206,
    })  # fmt: skip

    entity: MentionEntity
    surface: str
    paragraph: int | Literal["title", "caption"] = Field(description="Index into `body`, or `title`/`caption`.")
    start: int
    end: int


class ArticleRef(BaseModel):
    model_config = example(ARTICLE_REF)

    id: int
    slug: str
    title: str


class PersonTitle(BaseModel):
    model_config = example({"title": "président russe", "article": ARTICLE_REF})

    title: str
    article: ArticleRef


class EntitySummary(BaseModel):
    entity_type: ClassVar[EntityType]

    id: int
    slug: str
    name: str
    aliases: list[str] = Field(description="Other spellings found in the articles.")
    article_count: int
    mention_count: int


PERSON = {**POUTINE, "aliases": ["Poutine"], "article_count": 1, "mention_count": 4,
          "titles": [{"title": "président russe", "article": ARTICLE_REF}]}  # fmt: skip
PLACE = {**MOSCOU, **MOSCOU_GEO, "aliases": [], "article_count": 1, "mention_count": 5, "geonames_id": 524901}
ORGANISATION = {**ETAT_ISLAMIQUE, "aliases": ["EI"], "article_count": 1, "mention_count": 2}


class PersonSummary(EntitySummary):
    """A person in a list, with the titles the articles give them."""

    entity_type = EntityType.person
    model_config = example(PERSON)

    titles: list[PersonTitle]


class PlaceSummary(EntitySummary):
    """A place in a list, placed on the map when the gazetteer knows it."""

    entity_type = EntityType.place
    model_config = example(PLACE)

    kind: str | None = Field(description="`country`, `city`, `region`, `landmark` or `other`.")
    country_code: str | None
    latitude: float | None
    longitude: float | None
    geonames_id: int | None


class OrganisationSummary(EntitySummary):
    """An organisation in a list."""

    entity_type = EntityType.organisation
    model_config = example(ORGANISATION)


class PersonDetail(PersonSummary):
    """One person, with the first and last publication dates that name them."""

    model_config = example({**PERSON, **SEEN})

    first_seen: date | None
    last_seen: date | None


class PlaceDetail(PlaceSummary):
    """One place, with the first and last publication dates that name it."""

    model_config = example({**PLACE, **SEEN})

    first_seen: date | None
    last_seen: date | None


class OrganisationDetail(OrganisationSummary):
    """One organisation, with the first and last publication dates that name it."""

    model_config = example({**ORGANISATION, **SEEN})

    first_seen: date | None
    last_seen: date | None


class Health(BaseModel):
    model_config = example({"status": "ok"})

    status: Literal["ok"] = "ok"


class Readiness(Health):
    model_config = example({"status": "ok", "revision": "3cb2542b5979"})

    revision: str = Field(description="The Alembic revision the database schema is at.")
