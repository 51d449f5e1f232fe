"""Article routes: the list and search, one article, its mentions."""

from fastapi import APIRouter

from app.api.deps import ArticleDep, ArticleFiltersDep, PageDep, SessionDep
from app.api.openapi import problems
from app.schemas import ArticleDetail, ArticleSummary, Mention, Page
from app.services import articles

router = APIRouter(prefix="/v1/articles", tags=["articles"])


@router.get("", responses=problems(400, 422))
def list_articles(session: SessionDep, page: PageDep, filters: ArticleFiltersDep) -> Page[ArticleSummary]:
    """Lists and searches articles: newest first (undated last), or most relevant first when searching."""
    return page.respond(articles.list_articles(session, filters=filters, page=page.params))


@router.get("/{id}", responses=problems(404, 422))
def get_article(session: SessionDep, article: ArticleDep) -> ArticleDetail:
    """Returns one article with its paragraphs and the people, places and organisations it names."""
    return articles.get_article_detail(session, article=article)


@router.get("/{id}/mentions", responses=problems(400, 404, 422))
def list_article_mentions(session: SessionDep, article: ArticleDep, page: PageDep) -> Page[Mention]:
    """Lists every mention in the article in reading order, with character offsets into its section."""
    return page.respond(articles.list_mentions(session, article=article, page=page.params))
