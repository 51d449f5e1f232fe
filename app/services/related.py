"""Entities that appear in the same articles as one entity, with the number of articles they share."""

from sqlalchemy import bindparam, func, select

from app.models import ArticleEntity, Entity, EntityType
from app.schemas_search import RelatedEntity
from app.services.pagination import AnySelect, Keyset, Listing, ListQuery, PageParams, paginate
from app.services.prepared import Reads, Row

ENTITY, LINK = Entity.__table__, ArticleEntity.__table__  # type: ignore[attr-defined]
MINE, THEIRS = LINK.alias("mine"), LINK.alias("theirs")
SHARED = (
    select(THEIRS.c.entity_id, func.count().label("count"))
    .join(MINE, MINE.c.article_id == THEIRS.c.article_id)
    .where(MINE.c.entity_id == bindparam("entity_id"), THEIRS.c.entity_id != bindparam("entity_id"))
    .group_by(THEIRS.c.entity_id)
    .subquery("shared")
)
RELATED = select(ENTITY.c.type, ENTITY.c.id, ENTITY.c.slug, ENTITY.c.name, SHARED.c.count).join(
    SHARED, SHARED.c.entity_id == ENTITY.c.id
)
ORDER = (SHARED.c.count, ENTITY.c.id)


def list_related(
    reads: Reads, *, entity: Row, entity_type: EntityType | None, page: PageParams
) -> Listing[RelatedEntity]:
    """Lists the entities named in the same articles as `entity` (of one type, when given), most shared first."""
    params = {"entity_id": entity["id"], **({"type": entity_type.value} if entity_type else {})}
    query = ListQuery(("related", entity_type is not None), lambda: _related(entity_type is not None), params)
    keyset = Keyset(f"related:{entity['id']}:{entity_type or 'all'}", ORDER, descending=True)
    listing = paginate(reads, query, keyset, page)
    return listing.with_items([RelatedEntity.model_validate(row) for row in listing.items])


def _related(typed: bool) -> AnySelect:
    return RELATED.where(ENTITY.c.type == bindparam("type")) if typed else RELATED
