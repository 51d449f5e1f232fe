"""Article writes, behind an API key: add, replace and delete articles through the seed's pipeline."""

from typing import Any

from fastapi import APIRouter, Request, Response

from app.api.article_bodies import REQUEST_BODY, ArticleBody
from app.api.auth import WriteKey
from app.api.deps import ArticleDep, SessionDep
from app.api.openapi import problems
from app.schemas import ArticleDetail
from app.services import article_writes, articles

router = APIRouter(prefix="/v1/articles", tags=["articles"], dependencies=[WriteKey])
BODY = {"requestBody": REQUEST_BODY}
CREATED: dict[int | str, dict[str, Any]] = {
    201: {"description": "Stored: the new article, its URL in `Location`.",
          "headers": {"Location": {"description": "The new article's URL.", "required": True,
                                   "schema": {"type": "string", "example": "/v1/articles/1"}}}},
    200: {"model": ArticleDetail, "description": "Already stored: the article with the same content."},
}  # fmt: skip


@router.post("", status_code=201, openapi_extra=BODY, responses={**CREATED, **problems(401, 403, 409, 413, 415, 422)})
def create_article(request: Request, response: Response, session: SessionDep, raw: ArticleBody) -> ArticleDetail:
    """Adds an article; sending the same content again answers 200 with the article already stored."""
    written = article_writes.create_article(session, raw=raw, load_extractor=request.app.state.load_extractor)
    if written.created:
        response.headers["Location"] = location(request, written.article.id)
    else:
        response.status_code = 200
    return articles.get_article_detail(session, article=written.article)


@router.put("/{id}", openapi_extra=BODY, responses=problems(401, 403, 404, 409, 413, 415, 422))
def replace_article(request: Request, session: SessionDep, article: ArticleDep, raw: ArticleBody) -> ArticleDetail:
    """Replaces an article's content, keeping its id and slug; content another article has answers 409."""
    loader = request.app.state.load_extractor
    replaced = article_writes.replace_article(session, article=article, raw=raw, load_extractor=loader)
    return articles.get_article_detail(session, article=replaced)


@router.delete("/{id}", status_code=204, response_class=Response, responses=problems(401, 403, 404, 422))
def delete_article(session: SessionDep, article: ArticleDep) -> None:
    """Deletes an article; people, places and organisations no other article names go with it."""
    article_writes.delete_article(session, article=article)


def location(request: Request, article_id: int | None) -> str:
    """The article's URL, under `settings.public_url` when one is set."""
    return f"{request.app.state.settings.public_url.rstrip('/')}/v1/articles/{article_id}"
