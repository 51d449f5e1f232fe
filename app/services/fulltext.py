"""Full-text SQL for each database: the match condition, the relevance score and the highlighted snippet.

SQLite: the FTS5 table `article_search` (external content on `article`). PostgreSQL: the generated column
`article.search_vector` under the `article_search` text search configuration. Both built by the migrations.
The query itself is always a bound value, `match`: `expression()` spells it for the database. SQLite's score,
bm25, depends on statistics of the whole corpus: `relevance` pages it as at a point in time.
"""

from typing import Any

import sqlalchemy.dialects.postgresql  # noqa: F401  registers to_tsquery() and ts_rank(), before TSQUERY is built
from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Double,
    Float,
    Integer,
    cast,
    column,
    func,
    literal_column,
    select,
    table,
)
from sqlalchemy import bindparam as bind

from app.models import Article
from app.services.pagination import AnySelect
from app.services.prepared import Prepared, Reads
from app.services.query import SearchQuery

ARTICLE = Article.__table__  # type: ignore[attr-defined]
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
MATCH: BindParameter[str] = bind("match")
TSQUERY = func.to_tsquery(CONFIG, MATCH)


def expression(dialect: str, search: SearchQuery, *, column: str | None = None) -> str:
    """The query as the database's full-text syntax spells it (in one column: `title` only)."""
    if dialect == "sqlite":
        return search.fts5(column=column)
    return search.tsquery(weight="A" if column == "title" else "")


def matching(dialect: str) -> ColumnElement[bool]:
    """A condition on `article`: the article matches the bound query."""
    if dialect == "sqlite":
        return ARTICLE.c.id.in_(select(FTS.c.rowid).where(FTS_TABLE.match(MATCH)))
    return VECTOR.op("@@")(TSQUERY)


def ranked(dialect: str, query: AnySelect) -> tuple[AnySelect, ColumnElement[float]]:
    """The query narrowed to matching articles, and their score: the lower, the more relevant."""
    if dialect == "sqlite":
        return query.join(FTS, FTS.c.rowid == ARTICLE.c.id).where(FTS_TABLE.match(MATCH)), BM25
    # Normalisation 1 divides by 1 + log(length), so that long articles do not win on bulk alone.
    # As float8: a float4 read into Python and sent back in a cursor would not compare equal to itself.
    score = -cast(func.ts_rank(RANK_WEIGHTS, VECTOR, TSQUERY, 1), Double)
    return query.where(VECTOR.op("@@")(TSQUERY)), score


def ranked_ids() -> tuple[AnySelect, tuple[ColumnElement[Any], ...]]:
    """SQLite: the ids of the matching articles, from the full-text index alone, and their order's columns."""
    article_id = FTS.c.rowid.label("id")
    return select(article_id).where(FTS_TABLE.match(MATCH)), (BM25, FTS.c.rowid)


IDS: BindParameter[list[int]] = bind("ids", expanding=True)
SNIPPETS = {
    "sqlite": Prepared(select(FTS.c.rowid.label("id"), func.snippet(FTS_TABLE, -1, *MARK, "…", SNIPPET_TOKENS)
                              .label("text")).where(FTS_TABLE.match(MATCH), FTS.c.rowid.in_(IDS))),
    "postgresql": Prepared(select(ARTICLE.c.id, func.ts_headline(
        CONFIG, func.concat_ws("\n", ARTICLE.c.title, ARTICLE.c.caption, ARTICLE.c.body), TSQUERY, HEADLINE_OPTIONS
    ).label("text")).where(ARTICLE.c.id.in_(IDS))),
}  # fmt: skip


def snippets(reads: Reads, search: SearchQuery, article_ids: list[int]) -> dict[int, str]:
    """The best passage of each article, its matched terms between `<mark>` and `</mark>`."""
    if not article_ids:
        return {}
    dialect = reads.dialect.name
    rows = reads.rows(SNIPPETS[dialect], {"match": expression(dialect, search), "ids": article_ids})
    return {row["id"]: " ".join(row["text"].split()) for row in rows}
