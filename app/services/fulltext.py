"""Full-text SQL for each database: the match condition, the relevance score and the highlighted snippet.

SQLite: the FTS5 table `article_search` (external content on `article`). PostgreSQL: the generated column
`article.search_vector` under the `article_search` text search configuration. Both built by the migrations.
"""

from typing import Any

from sqlalchemy import ColumnElement, Double, Float, Integer, cast, column, func, literal, literal_column, select, table
from sqlmodel import Session, col

from app.models import Article
from app.services.pagination import AnySelect
from app.services.query import SearchQuery

FTS = table("article_search", column("rowid", Integer))
FTS_TABLE: ColumnElement[Any] = literal_column("article_search")
VECTOR: ColumnElement[Any] = literal_column("article.search_vector")
CONFIG: ColumnElement[Any] = literal_column("'article_search'::regconfig")
# Title above caption above body: 5 : 2 : 1 on both databases (ts_rank's weights are {D, C, B, A}).
BM25 = func.bm25(FTS_TABLE, literal_column("5.0"), literal_column("2.0"), literal_column("1.0"), type_=Float)
RANK_WEIGHTS: ColumnElement[Any] = literal_column("'{0.1, 0.2, 0.4, 1.0}'::float4[]")
MARK = ("<mark>", "</mark>")
SNIPPET_TOKENS = 32
HEADLINE_OPTIONS = (f"StartSel={MARK[0]}, StopSel={MARK[1]}, MaxWords={SNIPPET_TOKENS}, MinWords=12, "
                    'MaxFragments=1, FragmentDelimiter=" … "')  # fmt: skip


def is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def tsquery(search: SearchQuery, *, weight: str = "") -> ColumnElement[Any]:
    return func.to_tsquery(CONFIG, literal(search.tsquery(weight=weight)))


def matching(session: Session, search: SearchQuery, *, column: str | None = None) -> ColumnElement[bool]:
    """A condition on `article`: the article matches the query (in one column: `title` only)."""
    if is_sqlite(session):
        found = select(FTS.c.rowid).where(FTS_TABLE.match(search.fts5(column=column)))
        return col(Article.id).in_(found)
    return VECTOR.op("@@")(tsquery(search, weight="A" if column == "title" else ""))


def ranked(session: Session, query: AnySelect, search: SearchQuery) -> tuple[AnySelect, ColumnElement[float]]:
    """The query narrowed to matching articles, and their score: the lower, the more relevant."""
    if is_sqlite(session):
        joined = query.join(FTS, FTS.c.rowid == col(Article.id)).where(FTS_TABLE.match(search.fts5()))
        return joined, BM25
    # Normalisation 1 divides by 1 + log(length), so that long articles do not win on bulk alone.
    # As float8: a float4 read into Python and sent back in a cursor would not compare equal to itself.
    score = -cast(func.ts_rank(RANK_WEIGHTS, VECTOR, tsquery(search), 1), Double)
    return query.where(VECTOR.op("@@")(tsquery(search))), score


def snippets(session: Session, search: SearchQuery, article_ids: list[int]) -> dict[int, str]:
    """The best passage of each article, its matched terms between `<mark>` and `</mark>`."""
    if not article_ids:
        return {}
    if is_sqlite(session):
        snippet = func.snippet(FTS_TABLE, -1, *MARK, "…", SNIPPET_TOKENS)
        query = select(FTS.c.rowid, snippet).where(FTS_TABLE.match(search.fts5()), FTS.c.rowid.in_(article_ids))
    else:
        text = func.concat_ws("\n", col(Article.title), col(Article.caption), col(Article.body))
        headline = func.ts_headline(CONFIG, text, tsquery(search), HEADLINE_OPTIONS)
        query = select(col(Article.id), headline).where(col(Article.id).in_(article_ids))
    return {article_id: " ".join(text.split()) for article_id, text in session.execute(query).all()}
