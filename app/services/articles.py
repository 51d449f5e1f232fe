"""Read-side queries over articles: the list (filtered and searched), one article, its mentions."""

from collections import defaultdict
from collections.abc import Mapping, Sequence

from sqlalchemy import case, func, select
from sqlmodel import Session, col

from app import schemas
from app.models import Article, ArticleEntity, Entity, EntityType, Mention
from app.services import fulltext
from app.services.article_query import ArticleFilters, plan_articles
from app.services.pagination import AnyRow, AnySelect, Keyset, Listing, PageParams, paginate
from app.services.refs import find_by_ref

SNIPPET_CHARS = 200
PARAGRAPH_BREAK = "\n\n"
# Twice the snippet length: collapsing the whitespace of the opening can only shorten it.
OPENING = func.substr(Article.body, 1, 2 * SNIPPET_CHARS).label("opening")
SUMMARY_COLUMNS = (
    col(Article.id), col(Article.slug), col(Article.title), col(Article.caption), col(Article.published_at),
    col(Article.language), col(Article.source), OPENING,
)  # fmt: skip
SECTION_RANK = case((col(Mention.section) == "title", 0), (col(Mention.section) == "caption", 1), else_=2)
READING_ORDER = Keyset(
    "mentions", (SECTION_RANK, func.coalesce(col(Mention.paragraph), -1), col(Mention.start), col(Mention.id))
)
EMBEDDED_TYPES = (EntityType.person, EntityType.place)


def snippet(text: str, *, length: int = SNIPPET_CHARS) -> str:
    """The opening of a text, whitespace collapsed, cut at a word boundary with "…" when longer than `length`."""
    flat = " ".join(text.split())
    if len(flat) <= length:
        return flat
    head = flat[: length + 1]
    cut = head.rsplit(" ", 1)[0] if " " in head else flat[:length]
    return cut.rstrip(" ,;:") + "…"


def get_article(session: Session, *, ref: str) -> Article | None:
    """The article with this id or slug."""
    article: Article | None = find_by_ref(session, select(Article), ref=ref, id_column=col(Article.id),
                                          slug_column=col(Article.slug))  # fmt: skip
    return article


def list_articles(
    session: Session, *, filters: ArticleFilters, page: PageParams, within: Entity | None = None
) -> Listing[schemas.ArticleSummary]:
    """Lists the articles that match the filters (naming `within` too, when given) in the order asked for."""
    plan = plan_articles(session, SUMMARY_COLUMNS, filters=filters, within=within)
    keyset = plan.keyset.scoped(f"{within.type}:{within.id}") if within is not None else plan.keyset
    listing = paginate(session, plan.query, keyset, page)
    marked = fulltext.snippets(session, plan.search, [row.id for row in listing.items]) if plan.search else {}
    return listing.with_items(summarise(session, listing.items, snippets=marked))


def summarise(
    session: Session, rows: Sequence[AnyRow], *, snippets: Mapping[int, str] | None = None
) -> list[schemas.ArticleSummary]:
    """Summaries of article rows (`SUMMARY_COLUMNS`), their people and places fetched in one query; the
    snippet is the opening of the body unless `snippets` has one for the article."""
    named = _named_in(session, [row.id for row in rows])
    found = snippets or {}
    return [_summary(row, named[row.id, EntityType.person], named[row.id, EntityType.place], found.get(row.id))
            for row in rows]  # fmt: skip


def _summary(row: AnyRow, people: list[AnyRow], places: list[AnyRow], marked: str | None) -> schemas.ArticleSummary:
    fields = {**row._mapping, "snippet": marked or snippet(row.opening), "people": people, "places": places}
    return schemas.ArticleSummary.model_validate(fields)


def _named_in(session: Session, article_ids: list[int]) -> defaultdict[tuple[int, str], list[AnyRow]]:
    """The people and places of these articles, most mentioned first, keyed by (article id, type)."""
    named: defaultdict[tuple[int, str], list[AnyRow]] = defaultdict(list)
    if not article_ids:
        return named
    query = (
        select(col(ArticleEntity.article_id), col(Entity.type), col(Entity.id), col(Entity.slug), col(Entity.name),
               col(Entity.country_code))
        .join(Entity, col(Entity.id) == col(ArticleEntity.entity_id))
        .where(col(ArticleEntity.article_id).in_(article_ids), col(Entity.type).in_(EMBEDDED_TYPES))
        .order_by(col(ArticleEntity.mention_count).desc(), col(Entity.name), col(Entity.id))
    )  # fmt: skip
    for row in session.execute(query):
        named[row.article_id, row.type].append(row)
    return named


def get_article_detail(session: Session, *, article: Article) -> schemas.ArticleDetail:
    """The article with its paragraphs and every entity it names, most mentioned first."""
    linked = _linked(session, article)
    return schemas.ArticleDetail.model_validate({
        **article.model_dump(), "snippet": snippet(article.body), "body": article.body.split(PARAGRAPH_BREAK),
        "people": linked[EntityType.person], "places": linked[EntityType.place],
        "organisations": linked[EntityType.organisation],
    })  # fmt: skip


def _linked(session: Session, article: Article) -> defaultdict[str, list[AnyRow]]:
    query = (
        select(col(Entity.type), col(Entity.id), col(Entity.slug), col(Entity.name), col(Entity.kind),
               col(Entity.country_code), col(Entity.latitude), col(Entity.longitude),
               col(ArticleEntity.mention_count), col(ArticleEntity.titles))
        .join(Entity, col(Entity.id) == col(ArticleEntity.entity_id))
        .where(col(ArticleEntity.article_id) == article.id)
        .order_by(col(ArticleEntity.mention_count).desc(), col(Entity.name), col(Entity.id))
    )  # fmt: skip
    linked: defaultdict[str, list[AnyRow]] = defaultdict(list)
    for row in session.execute(query):
        linked[row.type].append(row)
    return linked


def list_mentions(session: Session, *, article: Article, page: PageParams) -> Listing[schemas.Mention]:
    """Lists the article's mentions in reading order: title, caption, then paragraph by paragraph."""
    query: AnySelect = (
        select(col(Mention.section), col(Mention.paragraph), col(Mention.start), col(Mention.end),
               col(Mention.surface), col(Entity.type), col(Entity.id).label("entity_id"), col(Entity.slug),
               col(Entity.name))
        .join(Entity, col(Entity.id) == col(Mention.entity_id))
        .where(col(Mention.article_id) == article.id)
    )  # fmt: skip
    listing = paginate(session, query, READING_ORDER.scoped(str(article.id)), page)
    return listing.with_items([_mention(row) for row in listing.items])


def _mention(row: AnyRow) -> schemas.Mention:
    entity = schemas.MentionEntity(type=row.type, id=row.entity_id, slug=row.slug, name=row.name)
    paragraph = row.paragraph if row.section == "body" else row.section
    return schemas.Mention(entity=entity, surface=row.surface, paragraph=paragraph, start=row.start, end=row.end)
