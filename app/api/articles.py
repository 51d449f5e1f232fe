"""Article routes: the list and search, one article, its mentions."""

from fastapi import APIRouter, Response

from app.api.deps import ArticleDep, ArticleFiltersDep, PageDep, ReadsDep, RefPath, no_article
from app.api.openapi import problems
from app.api.responses import json_response
from app.api.routing import ApiRoute
from app.schemas import ArticleDetail, ArticleSummary, Mention, Page
from app.services import articles

router = APIRouter(prefix="/v1/articles", tags=["articles"], route_class=ApiRoute)


@router.get("", response_model=Page[ArticleSummary], responses=problems(400, 422))
async def list_articles(reads: ReadsDep, page: PageDep, filters: ArticleFiltersDep) -> Response:
    """Lists and searches articles: newest first (undated last), or most relevant first when searching."""
    return page.respond_json(articles.list_articles(reads, filters=filters, page=page.params))


@router.get("/{id}", response_model=ArticleDetail, responses=problems(404, 422))
async def get_article(reads: ReadsDep, ref: RefPath) -> Response:
    """Returns one article with its paragraphs and the people, places and organisations it names."""
    detail = articles.get_article_detail(reads, ref=ref)
    if detail is None:
        raise no_article(ref)
    return json_response(detail)


@router.get("/{id}/mentions", responses=problems(400, 404, 422))
async def list_article_mentions(reads: ReadsDep, article: ArticleDep, page: PageDep) -> Page[Mention]:
    """Lists every mention in the article in reading order, with character offsets into its section."""
    return page.respond(articles.list_mentions(reads, article_id=article, page=page.params))
