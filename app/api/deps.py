"""Dependencies shared by the routers, as `Annotated` aliases: the session, the page, load-or-404."""

from collections.abc import Callable, Iterator
from typing import Annotated

from fastapi import Depends, Path, Query, Request, Response
from sqlmodel import Session

from app.api.paging import Paginator
from app.errors import NotFound
from app.models import Article, Entity, EntityType
from app.services import articles, entities
from app.services.entities import EntitySort
from app.services.pagination import DEFAULT_LIMIT, MAX_LIMIT, PageParams

RefPath = Annotated[str, Path(alias="id", description="An integer id or a slug.", examples=["vladimir-poutine"])]


def get_session(request: Request) -> Iterator[Session]:
    """A session on the engine the app's lifespan created, closed after the response."""
    with Session(request.app.state.engine) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def get_paginator(
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


def load_article(session: SessionDep, ref: RefPath) -> Article:
    """Loads the article of the path's `{id}` or answers 404."""
    article = articles.get_article(session, ref=ref)
    if article is None:
        raise NotFound(f"No article has the id or slug {ref!r}.")
    return article


def _entity_loader(entity_type: EntityType, noun: str) -> Callable[[Session, str], Entity]:
    def load(session: SessionDep, ref: RefPath) -> Entity:
        """Loads the entity of the path's `{id}` or answers 404."""
        entity = entities.get_entity(session, entity_type=entity_type, ref=ref)
        if entity is None:
            raise NotFound(f"No {noun} has the id or slug {ref!r}.")
        return entity

    return load


ArticleDep = Annotated[Article, Depends(load_article)]
PersonDep = Annotated[Entity, Depends(_entity_loader(EntityType.person, "person"))]
PlaceDep = Annotated[Entity, Depends(_entity_loader(EntityType.place, "place"))]
OrganisationDep = Annotated[Entity, Depends(_entity_loader(EntityType.organisation, "organisation"))]
