"""Entities that appear in the same articles as one entity, with the number of articles they share."""

from sqlalchemy import func, select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from app.models import ArticleEntity, Entity, EntityType
from app.schemas_search import RelatedEntity
from app.services.pagination import Keyset, Listing, PageParams, paginate


def list_related(
    session: Session, *, entity: Entity, entity_type: EntityType | None, page: PageParams
) -> Listing[RelatedEntity]:
    """Lists the entities named in the same articles as `entity` (of one type, when given), most shared first."""
    mine, theirs = aliased(ArticleEntity, name="mine"), aliased(ArticleEntity, name="theirs")
    shared = (
        select(col(theirs.entity_id).label("entity_id"), func.count().label("count"))
        .join(mine, col(mine.article_id) == col(theirs.article_id))
        .where(col(mine.entity_id) == entity.id, col(theirs.entity_id) != entity.id)
        .group_by(col(theirs.entity_id))
        .subquery("shared")
    )
    query = select(col(Entity.type), col(Entity.id), col(Entity.slug), col(Entity.name), shared.c.count).join(
        shared, shared.c.entity_id == col(Entity.id)
    )
    if entity_type is not None:
        query = query.where(col(Entity.type) == entity_type)
    keyset = Keyset(f"related:{entity.id}:{entity_type or 'all'}", (shared.c.count, col(Entity.id)), descending=True)
    listing = paginate(session, query, keyset, page)
    return listing.with_items([RelatedEntity.model_validate(row) for row in listing.items])
