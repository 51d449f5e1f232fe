"""Article writes, behind an API key: add, replace and delete articles through the seed's pipeline."""

from typing import Any

from fastapi import APIRouter, Request, Response
from sqlmodel import Session

from app.api.article_bodies import REQUEST_BODY, ArticleBody
from app.api.auth import WriteKey
from app.api.deps import RefPath, article_or_404
from app.api.openapi import problems
from app.api.responses import json_bytes
from app.api.routing import ApiRoute
from app.models import Article
from app.schemas import ArticleDetail
from app.services import article_writes, articles
from app.services.prepared import Reads

router = APIRouter(prefix="/v1/articles", tags=["articles"], dependencies=[WriteKey], route_class=ApiRoute)
BODY = {"requestBody": REQUEST_BODY}
CREATED: dict[int | str, dict[str, Any]] = {
    201: {"description": "Stored: the new article, its URL in `Location`.",
          "headers": {"Location": {"description": "The new article's URL.", "required": True,
                                   "schema": {"type": "string", "example": "/v1/articles/1"}}}},
    200: {"model": ArticleDetail, "description": "Already stored: the article with the same content."},
}  # fmt: skip


@router.post("", status_code=201, openapi_extra=BODY, responses={**CREATED, **problems(401, 403, 409, 413, 415, 422)})
def create_article(request: Request, response: Response, raw: ArticleBody) -> ArticleDetail:
    """Adds an article; sending the same content again answers 200 with the article already stored."""
    with writing(request) as session:
        written = article_writes.create_article(session, raw=raw, load_extractor=request.app.state.load_extractor)
        if written.created:
            response.headers["Location"] = location(request, written.article.id)
        else:
            response.status_code = 200
        return detail_of(session, written.article)


@router.put("/{id}", openapi_extra=BODY, responses=problems(401, 403, 404, 409, 413, 415, 422))
def replace_article(request: Request, ref: RefPath, raw: ArticleBody) -> ArticleDetail:
    """Replaces an article's content, keeping its id and slug; content another article has answers 409."""
    loader = request.app.state.load_extractor
    with writing(request) as session:
        article = article_or_404(session, ref)
        replaced = article_writes.replace_article(session, article=article, raw=raw, load_extractor=loader)
        return detail_of(session, replaced)


@router.delete("/{id}", status_code=204, response_class=Response, responses=problems(401, 403, 404, 422))
def delete_article(request: Request, ref: RefPath) -> None:
    """Deletes an article; people, places and organisations no other article names go with it."""
    with writing(request) as session:
        article_writes.delete_article(session, article=article_or_404(session, ref))


def detail_of(session: Session, article: Article) -> ArticleDetail:
    detail = articles.get_article_detail(Reads.of(session), ref=str(article.id))
    assert detail is not None, "the article was just written"
    return ArticleDetail.model_validate_json(json_bytes(detail))  # its entities are JSON already


def writing(request: Request) -> Session:
    """A session on the write engine, opened and closed within the route's worker thread: a write never holds
    a pooled connection while it waits for a thread."""
    return Session(request.app.state.database.engine)


def location(request: Request, article_id: int | None) -> str:
    """The article's URL, under `settings.public_url` when one is set."""
    return f"{request.app.state.settings.public_url.rstrip('/')}/v1/articles/{article_id}"
