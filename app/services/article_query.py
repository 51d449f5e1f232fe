"""The article list as asked for: full-text query, entity, language and date filters, and its order.

Every filter narrows one query; the keyset picks the columns the order runs on so that each list is an index
range: with an entity filter, the `article_entity (entity_id, published_at, article_id)` index of the rarest
entity asked for; else `article (published_at, id)`. Relevance orders by a score no index holds; on SQLite its
keyset pins a point in time, so that a walk ranks every page as at its first (see `relevance`).

The query's SQL depends only on its shape (how many entities, which filters, which order, which database); each
shape is built once and every value is bound (see `pagination.ListQuery`).
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, exists, select
from sqlalchemy import bindparam as bind

from app.errors import InvalidParameter
from app.models import Article, ArticleEntity, EntityType
from app.services import fulltext, relevance
from app.services.entity_refs import EntityKey, resolve_entities
from app.services.pagination import AnySelect, Keyset, ListQuery
from app.services.prepared import Prepared, Reads
from app.services.query import SearchQuery, parse

ARTICLE, LINK = Article.__table__, ArticleEntity.__table__  # type: ignore[attr-defined]
# An `ArticleSummary` is one column: the store keeps each article's list item on its row, as JSON bytes.
SUMMARY_COLUMNS = (ARTICLE.c.id, ARTICLE.c.summary_json)
SUMMARIES = Prepared(select(*SUMMARY_COLUMNS).where(ARTICLE.c.id.in_(bind("ids", expanding=True))))


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
class ArticleShape:
    """What the list's SQL depends on."""

    dialect: str
    entities: int
    lang: bool
    date_from: bool
    date_to: bool
    sort: ArticleSort
    search: bool

    @property
    def one_entity_alone(self) -> bool:
        """The articles of one entity and nothing else: as many as the entity's count kept by the store says
        (counting them joins every link to its article: 2.4 s for the most named person of a million articles)."""
        return self.entities == 1 and not (self.lang or self.date_from or self.date_to or self.search)

    @property
    def ranked_index_only(self) -> bool:
        """A search and nothing else, on SQLite: the full-text index alone ranks and pages the matches, and
        only the page's articles are read (sorting every match with its article row costs several times more)."""
        return (
            self.dialect == "sqlite"
            and self.search
            and self.sort is ArticleSort.relevance
            and not (self.entities or self.lang or self.date_from or self.date_to)
        )


@dataclass(frozen=True, slots=True)
class ArticlePlan:
    """The list's query (before paging), the order it is paged in, and the parsed search. When `ids_only`, the
    query selects the articles' ids alone, and their rows are read by id (`SUMMARIES`)."""

    query: ListQuery
    keyset: Keyset
    search: SearchQuery | None = None
    ids_only: bool = False


def plan_articles(reads: Reads, *, filters: ArticleFilters, within: EntityKey | None = None) -> ArticlePlan:
    """The filtered list of articles (naming `within` too, when given); raises QuerySyntaxError or
    InvalidParameter."""
    search = parse(filters.q) if filters.q is not None else None
    _check_dates(filters)
    entities = _entities(reads, filters, within)
    shape = ArticleShape(reads.dialect.name, len(entities), filters.lang is not None, filters.date_from is not None,
                         filters.date_to is not None, _sort(filters.sort, search), search is not None)  # fmt: skip
    params: dict[str, Any] = {f"entity{i}": entity.id for i, entity in enumerate(entities)}
    params |= {"lang": filters.lang, "date_from": filters.date_from, "date_to": filters.date_to}
    if search is not None:
        params["match"] = fulltext.expression(reads.dialect.name, search)
    statement, keys = _built(shape)
    query = ListQuery(shape, lambda: statement, {k: v for k, v in params.items() if v is not None},
                      total=entities[0].article_count if shape.one_entity_alone else None)  # fmt: skip
    if shape.sort is ArticleSort.relevance:
        assert search is not None
        pinned = relevance.PINNED if shape.dialect == "sqlite" else 0
        keyset = Keyset(f"articles:relevance:{search.key()}", keys, pinned=pinned, ranked=True)
        return ArticlePlan(query, keyset, search, ids_only=shape.ranked_index_only)
    name = f"articles:{shape.sort.value}"
    return ArticlePlan(query, Keyset(name, keys, descending=shape.sort is ArticleSort.newest, nullable_head=True),
                       search)  # fmt: skip


def _sort(sort: ArticleSort | None, search: SearchQuery | None) -> ArticleSort:
    """Relevance without a query ranks nothing: the list falls back to newest first, as with no sort."""
    if sort is ArticleSort.relevance and search is None:
        return ArticleSort.newest
    return sort or (ArticleSort.relevance if search is not None else ArticleSort.newest)


def _check_dates(filters: ArticleFilters) -> None:
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        raise InvalidParameter.of("from", f"must not be after to ({filters.date_to.isoformat()})")


def _entities(reads: Reads, filters: ArticleFilters, within: EntityKey | None) -> list[EntityKey]:
    """The entities every article must name, rarest first; the first drives the query."""
    wanted = [("person", EntityType.person, filters.people), ("place", EntityType.place, filters.places),
              ("organisation", EntityType.organisation, filters.organisations)]  # fmt: skip
    found = resolve_entities(reads, wanted)
    if within is not None and within not in found:
        found.append(within)
    return sorted(found, key=lambda e: (e.article_count, e.id))


@cache
def _built(shape: ArticleShape) -> tuple[AnySelect, tuple[ColumnElement[Any], ...]]:
    """The shape's query and the columns its order runs on, built once."""
    if shape.ranked_index_only:
        return fulltext.ranked_ids()
    query, keys = _driven(select(*SUMMARY_COLUMNS), shape.entities)
    query = _narrowed(query, shape, published=keys[0])
    if shape.sort is ArticleSort.relevance:
        query, score = fulltext.ranked(shape.dialect, query)
        return query, (score, ARTICLE.c.id)
    if shape.search:
        query = query.where(fulltext.matching(shape.dialect))
    return query, keys


def _driven(query: AnySelect, entities: int) -> tuple[AnySelect, tuple[ColumnElement[Any], ...]]:
    """The query driven by the first entity's links when there is one, and the date-order key columns."""
    if not entities:
        return query, (ARTICLE.c.published_at, ARTICLE.c.id)
    driver = LINK.alias("driver")
    query = query.join(driver, driver.c.article_id == ARTICLE.c.id).where(driver.c.entity_id == bind("entity0"))
    for n in range(1, entities):
        other = LINK.alias(f"other{n}")
        query = query.where(exists().where(other.c.article_id == ARTICLE.c.id, other.c.entity_id == bind(f"entity{n}")))
    return query, (driver.c.published_at, driver.c.article_id)


def _narrowed(query: AnySelect, shape: ArticleShape, *, published: ColumnElement[Any]) -> AnySelect:
    if shape.lang:
        query = query.where(ARTICLE.c.language == bind("lang"))
    if shape.date_from:
        query = query.where(published >= bind("date_from", type_=published.type))
    if shape.date_to:
        query = query.where(published <= bind("date_to", type_=published.type))
    return query
