"""The article list as asked for: full-text query, entity, language and date filters, and its order.

Every filter narrows one query; the keyset picks the columns the order runs on so that each list is an index
range: with an entity filter, the `article_entity (entity_id, published_at, article_id)` index of the rarest
entity asked for; else `article (published_at, id)`. Relevance orders by a score no index holds.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import SQLColumnExpression, exists, select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from app.errors import InvalidParameter
from app.models import Article, ArticleEntity, Entity, EntityType
from app.services import fulltext
from app.services.entity_refs import resolve_entities
from app.services.pagination import AnySelect, Keyset
from app.services.query import SearchQuery, parse


class ArticleSort(StrEnum):
    newest = "-published_at"
    oldest = "published_at"
    relevance = "relevance"


@dataclass(frozen=True, slots=True)
class ArticleFilters:
    """The list's parameters as the client wrote them; entity references are ids, slugs or names."""

    q: str | None = None
    people: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    lang: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    sort: ArticleSort | None = None


@dataclass(frozen=True, slots=True)
class ArticlePlan:
    """The query of the list's rows (before paging), the order it is paged in, and the parsed search."""

    query: AnySelect
    keyset: Keyset
    search: SearchQuery | None = None


def plan_articles(
    session: Session, columns: tuple[Any, ...], *, filters: ArticleFilters, within: Entity | None = None
) -> ArticlePlan:
    """Builds the filtered query of `columns` over `article`; raises QuerySyntaxError or InvalidParameter."""
    search = parse(filters.q) if filters.q is not None else None
    sort = _sort(filters.sort, search)
    _check_dates(filters)
    entity_ids = _entity_ids(session, filters, within)
    query, keys = _driven(select(*columns), entity_ids)
    query = _narrowed(query, filters, published=keys[0])
    if sort is ArticleSort.relevance:
        assert search is not None
        query, score = fulltext.ranked(session, query, search)
        return ArticlePlan(query, Keyset(f"articles:relevance:{search.key()}", (score, col(Article.id))), search)
    if search is not None:
        query = query.where(fulltext.matching(session, search))
    name = f"articles:{sort.value}"
    return ArticlePlan(query, Keyset(name, keys, descending=sort is ArticleSort.newest, nullable_head=True), search)


def _sort(sort: ArticleSort | None, search: SearchQuery | None) -> ArticleSort:
    """Relevance without a query ranks nothing: the list falls back to newest first, as with no sort."""
    if sort is ArticleSort.relevance and search is None:
        return ArticleSort.newest
    return sort or (ArticleSort.relevance if search is not None else ArticleSort.newest)


def _check_dates(filters: ArticleFilters) -> None:
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        raise InvalidParameter.of("from", f"must not be after to ({filters.date_to.isoformat()})")


def _entity_ids(session: Session, filters: ArticleFilters, within: Entity | None) -> list[int]:
    """The entities every article must name, rarest first; the first drives the query."""
    wanted = [("person", EntityType.person, filters.people), ("place", EntityType.place, filters.places),
              ("organisation", EntityType.organisation, filters.organisations)]  # fmt: skip
    found = resolve_entities(session, wanted)
    if within is not None:
        found.append(within)
    return [entity.id for entity in sorted(found, key=lambda e: (e.article_count, e.id)) if entity.id is not None]


def _driven(query: AnySelect, entity_ids: list[int]) -> tuple[AnySelect, tuple[SQLColumnExpression[Any], ...]]:
    """The query driven by the first entity's links when there is one, and the date-order key columns."""
    if not entity_ids:
        return query, (col(Article.published_at), col(Article.id))
    driver = aliased(ArticleEntity, name="driver")
    query = query.join(driver, col(driver.article_id) == col(Article.id)).where(col(driver.entity_id) == entity_ids[0])
    for entity_id in entity_ids[1:]:
        other = aliased(ArticleEntity)
        query = query.where(exists().where(col(other.article_id) == col(Article.id), col(other.entity_id) == entity_id))
    return query, (col(driver.published_at), col(driver.article_id))


def _narrowed(query: AnySelect, filters: ArticleFilters, *, published: SQLColumnExpression[Any]) -> AnySelect:
    if filters.lang is not None:
        query = query.where(col(Article.language) == filters.lang)
    if filters.date_from is not None:
        query = query.where(published >= filters.date_from)
    if filters.date_to is not None:
        query = query.where(published <= filters.date_to)
    return query
