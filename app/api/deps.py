"""Dependencies shared by the routers, as `Annotated` aliases: the session, the page, load-or-404."""

import re
from collections.abc import AsyncIterator, Callable, Coroutine
from datetime import date
from typing import Annotated, Any

from fastapi import Depends, Path, Query, Request, Response
from pydantic import BeforeValidator
from sqlmodel import Session

from app.api.paging import Paginator
from app.db import Database
from app.errors import NotFound
from app.models import Article, EntityType
from app.services import articles, entities
from app.services.article_query import ArticleFilters, ArticleSort
from app.services.entities import EntityFilters, EntitySort, PlaceKind
from app.services.pagination import DEFAULT_LIMIT, MAX_LIMIT, PageParams
from app.services.prepared import Reads, Row

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
RefPath = Annotated[str, Path(alias="id", description="An integer id or a slug.", examples=["vladimir-poutine"])]


async def get_session(request: Request) -> AsyncIterator[Session]:
    """A read session on the app's shared read connection. Routes that take it are `async def`: their queries
    run on the event loop, between awaits, never in a worker thread."""
    with Session(request.app.state.database.reader) as session:
        yield session


async def get_reads(request: Request) -> Reads:
    """The shared read connection itself, for the hot routes' prepared statements (no session at all)."""
    database: Database = request.app.state.database
    return database.reads()


SessionDep = Annotated[Session, Depends(get_session)]
ReadsDep = Annotated[Reads, Depends(get_reads)]


async def get_paginator(
    request: Request,
    response: Response,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")] = DEFAULT_LIMIT,
    cursor: Annotated[str | None, Query(description="`meta.next_cursor` of the previous page.")] = None,
) -> Paginator:
    """Reads `limit` and `cursor`; the paginator answers with the page envelope."""
    secret = request.app.state.settings.cursor_secret.encode()
    return Paginator(PageParams(limit=limit, cursor=cursor, secret=secret), request, response)


PageDep = Annotated[Paginator, Depends(get_paginator)]
EntitySortQuery = Annotated[EntitySort, Query(description="The order of the list.")]
EntityRefs = Annotated[
    list[str] | None,
    Query(
        description="An id, slug or name (case and accents aside); repeat "
        "to require all. An unknown one is a 422 naming the parameter."
    ),
]
SearchText = Annotated[str | None, Query(description='Full-text query: words ANDed, "exact phrase", OR, -word or '
                                       "NOT word, prefix*; case-, accent- and elision-insensitive.")]  # fmt: skip


def _iso_date(value: object) -> object:
    """Refuses what pydantic would otherwise read as a date (`0`, a timestamp): only `YYYY-MM-DD` is one here."""
    if isinstance(value, str) and not ISO_DATE.fullmatch(value):
        raise ValueError("must be an ISO date, as in 2025-06-23")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date)]


async def get_article_filters(
    q: SearchText = None,
    person: EntityRefs = None,
    place: EntityRefs = None,
    organisation: EntityRefs = None,
    lang: Annotated[str | None, Query(pattern="^[a-z]{2}$", description="ISO 639-1 code.")] = None,
    date_from: Annotated[IsoDate | None, Query(alias="from", description="Published on or after (ISO date).")] = None,
    date_to: Annotated[IsoDate | None, Query(alias="to", description="Published on or before (ISO date).")] = None,
    sort: Annotated[ArticleSort | None, Query(description="Default: relevance with q, else newest first.")] = None,
) -> ArticleFilters:
    """Reads the article-list parameters; an unknown entity is a 422 naming its parameter."""
    return ArticleFilters(q=q, people=_given(person), places=_given(place), organisations=_given(organisation),
                          lang=lang, date_from=date_from, date_to=date_to, sort=sort)  # fmt: skip


def _given(refs: list[str] | None) -> tuple[str, ...]:
    """The references given; a blank one (`organisation=`) filters nothing, as an absent one."""
    return tuple(ref for ref in refs or () if ref)


ArticleFiltersDep = Annotated[ArticleFilters, Depends(get_article_filters)]
NamePrefix = Annotated[str | None, Query(description="A prefix of a word of a name or alias; case and accents aside.")]


async def get_entity_filters(q: NamePrefix = None) -> EntityFilters:
    """Reads the people and organisations list filters."""
    return EntityFilters(q=q)


async def get_place_filters(
    q: NamePrefix = None,
    country: Annotated[str | None, Query(pattern="^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2 code.")] = None,
    kind: Annotated[PlaceKind | None, Query(description="The kind of place.")] = None,
) -> EntityFilters:
    """Reads the places list filters."""
    return EntityFilters(q=q, country=country, kind=kind)


EntityFiltersDep = Annotated[EntityFilters, Depends(get_entity_filters)]
PlaceFiltersDep = Annotated[EntityFilters, Depends(get_place_filters)]
RelatedTypeQuery = Annotated[EntityType | None, Query(alias="type", description="Only entities of this type.")]


def no_article(ref: str) -> NotFound:
    return NotFound(f"No article has the id or slug {ref!r}.")


def article_or_404(session: Session, ref: str) -> Article:
    """The article with this id or slug, or a 404."""
    article = articles.get_article(session, ref=ref)
    if article is None:
        raise no_article(ref)
    return article


async def load_article_id(reads: ReadsDep, ref: RefPath) -> int:
    """The id of the article of the path's `{id}`, or a 404."""
    article_id = articles.find_article_id(reads, ref=ref)
    if article_id is None:
        raise no_article(ref)
    return article_id


def _entity_loader(entity_type: EntityType, noun: str) -> Callable[[Reads, str], Coroutine[Any, Any, Row]]:
    async def load(reads: ReadsDep, ref: RefPath) -> Row:
        """Loads the entity of the path's `{id}` or answers 404."""
        entity = entities.get_entity(reads, entity_type=entity_type, ref=ref)
        if entity is None:
            raise NotFound(f"No {noun} has the id or slug {ref!r}.")
        return entity

    return load


ArticleDep = Annotated[int, Depends(load_article_id)]
PersonDep = Annotated[Row, Depends(_entity_loader(EntityType.person, "person"))]
PlaceDep = Annotated[Row, Depends(_entity_loader(EntityType.place, "place"))]
OrganisationDep = Annotated[Row, Depends(_entity_loader(EntityType.organisation, "organisation"))]
