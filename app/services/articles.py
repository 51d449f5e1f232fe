"""Read-side queries over articles: the list (filtered and searched), one article, its mentions."""

import orjson
from orjson import Fragment
from sqlalchemy import bindparam, select
from sqlmodel import Session, col

from app import schemas
from app.models import Article, Entity, Mention
from app.services import fulltext, relevance
from app.services.article_query import SUMMARIES, ArticleFilters, plan_articles
from app.services.entity_refs import EntityKey
from app.services.pagination import Keyset, Listing, ListQuery, PageParams, paginate
from app.services.prepared import Reads, Row
from app.services.refs import ByRef, find_by_ref

PARAGRAPH_BREAK = "\n\n"
# Statements on the tables rather than the models: built and compiled once, no ORM on the way.
ARTICLE, ENTITY = Article.__table__, Entity.__table__  # type: ignore[attr-defined]
MENTION = Mention.__table__  # type: ignore[attr-defined]
DETAIL = select(*(ARTICLE.c[name] for name in (
    "id", "slug", "title", "caption", "published_at", "language", "source", "url", "body", "word_count",
    "extraction_note", "created_at", "updated_at", "snippet", "linked_people_json", "linked_places_json",
    "linked_organisations_json")))  # fmt: skip
ARTICLE_BY_REF = ByRef.of(DETAIL, ARTICLE)
ID_BY_REF = ByRef.of(select(ARTICLE.c.id), ARTICLE)
# The fields of `ArticleDetail` read as they are, in its schema's order.
DETAIL_HEAD = tuple(schemas.ArticleFields.model_fields)
MENTIONS = (
    select(MENTION.c.section, MENTION.c.paragraph, MENTION.c.start, MENTION.c.end, MENTION.c.surface, ENTITY.c.type,
           ENTITY.c.id.label("entity_id"), ENTITY.c.slug, ENTITY.c.name)
    .join(ENTITY, ENTITY.c.id == MENTION.c.entity_id)
    .where(MENTION.c.article_id == bindparam("article_id"))
)  # fmt: skip
READING_ORDER = Keyset("mentions:stored", (MENTION.c.id,))


def get_article(session: Session, *, ref: str) -> Article | None:
    """The article with this id or slug."""
    article: Article | None = find_by_ref(session, select(Article), ref=ref, id_column=col(Article.id),
                                          slug_column=col(Article.slug))  # fmt: skip
    return article


def list_articles(
    reads: Reads, *, filters: ArticleFilters, page: PageParams, within: Row | None = None
) -> Listing[Fragment | Row]:
    """Lists the articles that match the filters (naming `within`, an entity row, too) in the order asked for,
    as `ArticleSummary` items ready for JSON."""
    plan = plan_articles(reads, filters=filters, within=EntityKey.of(within) if within else None)
    keyset = plan.keyset.scoped(f"{within['type']}:{within['id']}") if within is not None else plan.keyset
    if plan.search is not None and keyset.pinned:
        listing = relevance.paginate(reads, plan.query, keyset, page, plan.search)
    else:
        listing = paginate(reads, plan.query, keyset, page)
    if plan.ids_only:
        listing = listing.with_items(_by_ids(reads, [row["id"] for row in listing.items]))
    ids = [row["id"] for row in listing.items]
    marked = fulltext.snippets(reads, plan.search, ids) if plan.search else {}
    return listing.with_items([_summary(row, marked.get(row["id"])) for row in listing.items])


def _by_ids(reads: Reads, article_ids: list[int]) -> list[Row]:
    """The summary rows of these articles, in the order of the ids."""
    found = {row["id"]: row for row in reads.rows(SUMMARIES, {"ids": article_ids})} if article_ids else {}
    return [found[article_id] for article_id in article_ids]


def _summary(row: Row, marked: str | None) -> Fragment | Row:
    """An `ArticleSummary`: the JSON stored, or with `marked` as its snippet when a search found one."""
    if not marked:
        return Fragment(row["summary_json"])
    item: Row = orjson.loads(row["summary_json"])
    return item | {"snippet": marked}


def find_article_id(reads: Reads, *, ref: str) -> int | None:
    """The id of the article with this id or slug."""
    found = ID_BY_REF.find(reads, ref=ref)
    return found["id"] if found is not None else None


def get_article_detail(reads: Reads, *, ref: str) -> Row | None:
    """The article with this id or slug, its paragraphs and every entity it names, most mentioned first, as an
    `ArticleDetail`: one statement, prepared once; the entities go out as the JSON stored with the article."""
    found = ARTICLE_BY_REF.find(reads, ref=ref)
    if found is None:
        return None
    return {field: found[field] for field in DETAIL_HEAD} | {
        "body": found["body"].split(PARAGRAPH_BREAK), "word_count": found["word_count"], "url": found["url"],
        "extraction_note": found["extraction_note"], "people": Fragment(found["linked_people_json"]),
        "places": Fragment(found["linked_places_json"]), "organisations": Fragment(found["linked_organisations_json"]),
        "created_at": found["created_at"], "updated_at": found["updated_at"],
    }  # fmt: skip


def list_mentions(reads: Reads, *, article_id: int, page: PageParams) -> Listing[schemas.Mention]:
    """Lists the article's mentions in reading order: title, caption, then paragraph by paragraph (the store
    writes an article's mentions in that order, so it is the order of their ids)."""
    query = ListQuery("mentions", lambda: MENTIONS, {"article_id": article_id})
    listing = paginate(reads, query, READING_ORDER.scoped(str(article_id)), page)
    return listing.with_items([_mention(row) for row in listing.items])


def _mention(row: Row) -> schemas.Mention:
    entity = schemas.MentionEntity(type=row["type"], id=row["entity_id"], slug=row["slug"], name=row["name"])
    paragraph = row["paragraph"] if row["section"] == "body" else row["section"]
    return schemas.Mention(entity=entity, surface=row["surface"], paragraph=paragraph, start=row["start"],
                           end=row["end"])  # fmt: skip
