"""Read-side queries over people, places and organisations (one `entity` table, told apart by `type`)."""

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import false, func, or_, select
from sqlmodel import Session, col

from app import schemas
from app.models import Article, ArticleEntity, Entity, EntityAlias, EntityType
from app.services.pagination import AnySelect, Keyset, Listing, PageParams, paginate
from app.services.refs import find_by_ref
from app.text import fold

S = TypeVar("S", bound=schemas.EntitySummary)
LIKE_SPECIALS = re.compile(r"[%_\\]")
CONTROL = re.compile(r"[\x00-\x1f]")


class EntitySort(StrEnum):
    article_count = "-article_count"
    name = "name"
    mention_count = "-mention_count"


# Each order ends with the id so that it is total; one direction per order keeps the row comparison indexable.
KEYSETS = {
    EntitySort.article_count: Keyset("entities:-article_count", (col(Entity.article_count), col(Entity.id)),
                                     descending=True),
    EntitySort.name: Keyset("entities:name:folded", (col(Entity.sort_name), col(Entity.id))),
    EntitySort.mention_count: Keyset("entities:-mention_count", (col(Entity.mention_count), col(Entity.id)),
                                     descending=True),
}  # fmt: skip
COLUMNS = (
    col(Entity.id), col(Entity.slug), col(Entity.name), col(Entity.article_count), col(Entity.mention_count),
    col(Entity.first_seen), col(Entity.last_seen), col(Entity.kind), col(Entity.country_code),
    col(Entity.latitude), col(Entity.longitude), col(Entity.geonames_id),
)  # fmt: skip


def get_entity(session: Session, *, entity_type: EntityType, ref: str) -> Entity | None:
    """The entity of this type with this id or slug."""
    query = select(Entity).where(col(Entity.type) == entity_type)
    entity: Entity | None = find_by_ref(session, query, ref=ref, id_column=col(Entity.id),
                                        slug_column=col(Entity.slug))  # fmt: skip
    return entity


class PlaceKind(StrEnum):
    country = "country"
    city = "city"
    region = "region"
    landmark = "landmark"
    other = "other"


@dataclass(frozen=True, slots=True)
class EntityFilters:
    """`q` is a prefix of a word of a name or alias (case and accents aside); the rest narrow places."""

    q: str | None = None
    country: str | None = None
    kind: PlaceKind | None = None
    located: bool = False


def list_entities(
    session: Session, *, schema: type[S], sort: EntitySort, page: PageParams, filters: EntityFilters = EntityFilters()
) -> Listing[S]:
    """Lists the entities of the schema's type that match the filters, in the given order."""
    query = filtered(select(*COLUMNS).where(col(Entity.type) == schema.entity_type), filters)
    listing = paginate(session, query, KEYSETS[sort].scoped(schema.entity_type), page)
    return listing.with_items(describe(session, [dict(row._mapping) for row in listing.items], schema=schema))


def filtered(query: AnySelect, filters: EntityFilters) -> AnySelect:
    """The query narrowed one filter at a time."""
    if filters.q is not None:
        query = query.where(col(Entity.id).in_(named_like(filters.q)))
    if filters.country is not None:
        query = query.where(col(Entity.country_code) == filters.country.upper())
    if filters.kind is not None:
        query = query.where(col(Entity.kind) == filters.kind)
    if filters.located:
        query = query.where(col(Entity.latitude).is_not(None), col(Entity.longitude).is_not(None))
    return query


def named_like(text: str) -> AnySelect:
    """The ids of entities with a name or alias of which a word (after a space, `-` or `'`) starts with `text`,
    case and accents aside."""
    folded = col(EntityAlias.folded)
    if CONTROL.search(text):  # no name holds one, and PostgreSQL refuses NUL in text
        return select(col(EntityAlias.entity_id)).where(false())
    prefix = LIKE_SPECIALS.sub(r"\\\g<0>", fold(text))
    starts = [folded.like(f"{before}{prefix}%", escape="\\") for before in ("", "% ", "%-", "%'")]
    return select(col(EntityAlias.entity_id)).where(or_(*starts))


def get_entity_detail(session: Session, *, entity: Entity, schema: type[S]) -> S:
    """One entity in the shape of its detail schema."""
    [detail] = describe(session, [entity.model_dump()], schema=schema)
    return detail


def describe(session: Session, rows: Sequence[Mapping[str, Any]], *, schema: type[S]) -> list[S]:
    """Entity rows as schema items, their aliases (and people's titles) fetched in one query each."""
    ids = [row["id"] for row in rows]
    aliases = _aliases(session, ids)
    titles = _titles(session, ids) if "titles" in schema.model_fields else {}
    return [_item(schema, row, aliases[row["id"]], titles.get(row["id"], [])) for row in rows]


def _item(schema: type[S], row: Mapping[str, Any], aliases: list[str], titles: list[dict[str, Any]]) -> S:
    other_spellings = [alias for alias in aliases if alias != row["name"]]
    return schema.model_validate({**row, "aliases": other_spellings, "titles": titles})


def _aliases(session: Session, entity_ids: list[int]) -> defaultdict[int, list[str]]:
    query = (
        select(col(EntityAlias.entity_id), col(EntityAlias.alias))
        .where(col(EntityAlias.entity_id).in_(entity_ids))
        .order_by(col(EntityAlias.entity_id), col(EntityAlias.alias))
    )
    found: defaultdict[int, list[str]] = defaultdict(list)
    for entity_id, alias in session.execute(query):
        found[entity_id].append(alias)
    return found


def _titles(session: Session, entity_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Each distinct title of these people, with the most recent article that gives it."""
    query = (
        select(col(ArticleEntity.entity_id), col(ArticleEntity.titles), col(Article.id), col(Article.slug),
               col(Article.title))
        .join(Article, col(Article.id) == col(ArticleEntity.article_id))
        .where(col(ArticleEntity.entity_id).in_(entity_ids), func.json_array_length(ArticleEntity.titles) > 0)
        .order_by(col(ArticleEntity.published_at).desc().nulls_last(), col(ArticleEntity.article_id).desc())
    )  # fmt: skip
    found: defaultdict[int, dict[str, dict[str, Any]]] = defaultdict(dict)
    for row in session.execute(query):
        for title in row.titles:
            found[row.entity_id].setdefault(title, {"id": row.id, "slug": row.slug, "title": row.title})
    return {entity_id: [{"title": t, "article": a} for t, a in titles.items()] for entity_id, titles in found.items()}
