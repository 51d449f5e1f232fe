"""Entities that appear in the same articles as one entity, with the number of articles they share."""

from sqlalchemy import bindparam, select

from app.models import Entity, EntityPair, EntityType
from app.schemas_search import RelatedEntity
from app.services.pagination import AnySelect, Keyset, Listing, ListQuery, PageParams, paginate
from app.services.prepared import Reads, Row

ENTITY, PAIR = Entity.__table__, EntityPair.__table__  # type: ignore[attr-defined]
RELATED = (
    select(ENTITY.c.type, ENTITY.c.id, ENTITY.c.slug, ENTITY.c.name, PAIR.c.article_count.label("count"))
    .select_from(PAIR.join(ENTITY, ENTITY.c.id == PAIR.c.other_id))
    .where(PAIR.c.entity_id == bindparam("entity_id"))
)
# An index range of `entity_pair`, by type or not.
ORDER = (PAIR.c.article_count, PAIR.c.other_id)


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
    return RELATED.where(PAIR.c.other_type == bindparam("type")) if typed else RELATED
