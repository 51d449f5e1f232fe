"""SQLModel tables: articles, entities (people, places, organisations), their links and mentions."""

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, Index, LargeBinary, MetaData, UniqueConstraint, event
from sqlmodel import Field, SQLModel

from app.text import fold

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata


class EntityType(StrEnum):
    person = "person"
    place = "place"
    organisation = "organisation"


class Article(SQLModel, table=True):
    __table_args__ = (Index("ix_article_published", "published_at", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=120, unique=True)
    title: str
    caption: str | None = None
    body: str
    published_at: date | None = None
    language: str | None = Field(default=None, max_length=8)
    source: str | None = Field(default=None, max_length=200)
    url: str | None = Field(default=None, max_length=2000)
    source_file: str | None = Field(default=None, max_length=500, unique=True)
    content_hash: str = Field(max_length=64, unique=True)
    word_count: int = 0
    extraction_note: str | None = None
    created_at: datetime
    updated_at: datetime
    # Kept by the store (`app.ingest.summaries`): the opening of the body; the article as a list shows it, its
    # `ArticleSummary` as JSON bytes; the people, places and organisations it names as the JSON arrays its
    # `ArticleDetail` shows.
    snippet: str = Field(default="", sa_column_kwargs={"server_default": ""})
    summary_json: bytes = Field(default=b"", sa_type=LargeBinary, sa_column_kwargs={"server_default": ""})
    linked_people_json: str = Field(default="[]", sa_column_kwargs={"server_default": "[]"})
    linked_places_json: str = Field(default="[]", sa_column_kwargs={"server_default": "[]"})
    linked_organisations_json: str = Field(default="[]", sa_column_kwargs={"server_default": "[]"})


class Entity(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("type", "key"),
        UniqueConstraint("type", "slug"),
        Index("ix_entity_type_article_count", "type", "article_count", "id"),
        Index("ix_entity_type_mention_count", "type", "mention_count", "id"),
        Index("ix_entity_type_sort_name", "type", "sort_name", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    type: str = Field(max_length=16)
    key: str = Field(max_length=300)
    slug: str = Field(max_length=120)
    name: str = Field(max_length=300)
    # The name folded (case, accents): the key of the `name` order. Set on every write, see below.
    sort_name: str = Field(default="", max_length=300, sa_column_kwargs={"server_default": ""})
    article_count: int = 0
    mention_count: int = 0
    first_seen: date | None = None
    last_seen: date | None = None
    kind: str | None = Field(default=None, max_length=16)
    country_code: str | None = Field(default=None, max_length=2)
    latitude: float | None = None
    longitude: float | None = None
    geonames_id: int | None = None


class EntityAlias(SQLModel, table=True):
    __tablename__ = "entity_alias"
    __table_args__ = (Index("ix_entity_alias_folded", "folded"),)

    entity_id: int = Field(foreign_key="entity.id", primary_key=True, ondelete="CASCADE")
    alias: str = Field(max_length=300, primary_key=True)
    folded: str = Field(max_length=300)


class ArticleEntity(SQLModel, table=True):
    __tablename__ = "article_entity"
    __table_args__ = (Index("ix_article_entity_entity_published", "entity_id", "published_at", "article_id"),)

    article_id: int = Field(foreign_key="article.id", primary_key=True, ondelete="CASCADE")
    entity_id: int = Field(foreign_key="entity.id", primary_key=True, ondelete="CASCADE")
    published_at: date | None = None
    mention_count: int = 0
    titles: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class EntityPair(SQLModel, table=True):
    """Two entities named in the same articles and the number of those articles, kept by the store: one row
    each way, so that an entity's related entities are an index range in the order of their count."""

    __tablename__ = "entity_pair"
    __table_args__ = (
        Index("ix_entity_pair_count", "entity_id", "article_count", "other_id"),
        Index("ix_entity_pair_type_count", "entity_id", "other_type", "article_count", "other_id"),
    )

    entity_id: int = Field(foreign_key="entity.id", primary_key=True, ondelete="CASCADE")
    other_id: int = Field(foreign_key="entity.id", primary_key=True, index=True, ondelete="CASCADE")
    other_type: str = Field(max_length=16)
    article_count: int


class Mention(SQLModel, table=True):
    __table_args__ = (Index("ix_mention_article", "article_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", ondelete="CASCADE")
    entity_id: int = Field(foreign_key="entity.id", index=True, ondelete="CASCADE")
    section: str = Field(max_length=8)
    paragraph: int | None = None
    start: int
    end: int
    surface: str = Field(max_length=300)


@event.listens_for(Entity, "before_insert")
@event.listens_for(Entity, "before_update")
def _fold_sort_name(_mapper: Any, _connection: Any, entity: Entity) -> None:
    """Keeps `sort_name` in step with `name` whichever code path writes the entity."""
    entity.sort_name = fold(entity.name)
