"""The search box: a few matches of what is typed so far in people, places, organisations and article titles."""

from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from app.models import Article, Entity, EntityType
from app.schemas_search import Typeahead
from app.services import fulltext
from app.services.entities import like_params, named_like
from app.services.query import words_query

ENTITY_COLUMNS = (col(Entity.type), col(Entity.id), col(Entity.slug), col(Entity.name), col(Entity.article_count),
                  col(Entity.country_code))  # fmt: skip


def search_everything(session: Session, *, q: str, limit: int) -> Typeahead:
    """The `limit` best entities of each type whose names have a word starting with `q`, most written about
    first, and the newest articles whose titles hold every word of `q` (the last as a prefix)."""
    found: dict[str, list[Any]] = {"people": [], "places": [], "organisations": []}
    for entity_type, key in ((EntityType.person, "people"), (EntityType.place, "places"),
                             (EntityType.organisation, "organisations")):  # fmt: skip
        found[key] = _entities(session, entity_type, q, limit)
    return Typeahead.model_validate({**found, "articles": _titles(session, q, limit)})


def _entities(session: Session, entity_type: EntityType, q: str, limit: int) -> list[Any]:
    likes = like_params(q)
    if likes is None:
        return []
    query = (
        select(*ENTITY_COLUMNS)
        .where(col(Entity.type) == entity_type, col(Entity.id).in_(named_like()))
        .order_by(col(Entity.article_count).desc(), col(Entity.id).desc())
        .limit(limit)
    )
    return list(session.execute(query, likes).all())


def _titles(session: Session, q: str, limit: int) -> list[Any]:
    search = words_query(q)
    if search is None:
        return []
    dialect = session.get_bind().dialect.name
    query = (
        select(col(Article.id), col(Article.slug), col(Article.title), col(Article.published_at))
        .where(fulltext.matching(dialect))
        .order_by(col(Article.published_at).desc().nulls_last(), col(Article.id).desc())
        .limit(limit)
    )
    return list(session.execute(query, {"match": fulltext.expression(dialect, search, column="title")}).all())
