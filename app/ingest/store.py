"""Upserts one article and its entities in the caller's transaction; entity counts stay exact."""

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, tuple_, update
from sqlmodel import Session, col

from app.ingest.entities import PERSON, PLACE, ResolvedEntity, section_of
from app.models import Article, ArticleEntity, Entity, EntityAlias, Mention
from app.text import accent_score, fold, slugify


@dataclass(frozen=True, slots=True)
class ArticleFields:
    title: str
    caption: str | None
    paragraphs: list[str]
    content_hash: str
    published_at: date | None
    language: str | None
    source: str | None
    url: str | None
    extraction_note: str | None


@dataclass(frozen=True, slots=True)
class Stored:
    status: str
    article_id: int


def find_by_hash(session: Session, content_hash: str) -> Article | None:
    return session.execute(select(Article).where(col(Article.content_hash) == content_hash)).scalars().first()


def store_article(
    session: Session,
    fields: ArticleFields,
    entities: list[ResolvedEntity],
    *,
    source_file: str | None = None,
    replace: Article | None = None,
) -> Stored:
    """Inserts or replaces an article with its entity links and mentions.

    Content already stored is left alone, unless `replace` names the article to rewrite (PUT, reindex).
    """
    existing = find_by_hash(session, fields.content_hash)
    if existing is not None and existing.id is not None and replace is None:
        return Stored("unchanged", existing.id)
    target = replace or _by_source_file(session, source_file)
    touched = unlink_article(session, target.id) if target and target.id else set()
    article = _write_article(session, target, fields, source_file)
    assert article.id is not None
    touched |= _link_entities(session, article, entities)
    recount(session, touched)
    return Stored("updated" if target else "loaded", article.id)


def delete_article(session: Session, article: Article) -> None:
    """Deletes an article; entities left without a mention go with it."""
    assert article.id is not None
    touched = unlink_article(session, article.id)
    session.execute(delete(Article).where(col(Article.id) == article.id))
    recount(session, touched)


def _by_source_file(session: Session, source_file: str | None) -> Article | None:
    if source_file is None:
        return None
    query = select(Article).where(col(Article.source_file) == source_file)
    return session.execute(query).scalars().first()


def unlink_article(session: Session, article_id: int) -> set[int]:
    """Removes an article's mentions and entity links; returns the entities whose counts changed."""
    query = select(col(ArticleEntity.entity_id)).where(col(ArticleEntity.article_id) == article_id)
    touched = set(session.execute(query).scalars().all())
    session.execute(delete(Mention).where(col(Mention.article_id) == article_id))
    session.execute(delete(ArticleEntity).where(col(ArticleEntity.article_id) == article_id))
    return touched


def _write_article(session: Session, target: Article | None, fields: ArticleFields, source_file: str | None) -> Article:
    now = datetime.now(UTC)
    article = target or Article(slug=_free_slug(session, Article, fields.title), body="", title="", content_hash="",
                                created_at=now, updated_at=now)  # fmt: skip
    article.title, article.caption = fields.title, fields.caption
    article.body = "\n\n".join(fields.paragraphs)
    article.word_count = sum(len(p.split()) for p in fields.paragraphs)
    article.content_hash, article.published_at = fields.content_hash, fields.published_at
    article.language, article.source, article.url = fields.language, fields.source, fields.url
    article.extraction_note, article.updated_at = fields.extraction_note, now
    article.source_file = source_file or article.source_file
    session.add(article)
    session.flush()
    return article


def _free_slug(session: Session, table: type[Article] | type[Entity], text: str, entity_type: str | None = None) -> str:
    base = slugify(text)
    query = select(col(table.slug)).where(col(table.slug).like(f"{base}%"))
    if entity_type is not None:
        query = query.where(col(Entity.type) == entity_type)
    taken = set(session.execute(query).scalars().all())
    return next(slug for n in range(1, len(taken) + 2) if (slug := base if n == 1 else f"{base}-{n}") not in taken)


def _link_entities(session: Session, article: Article, entities: list[ResolvedEntity]) -> set[int]:
    """Links the article to its entities in a few batched statements; two resolved entities that are one
    stored entity are merged."""
    assert article.id is not None
    known = _by_keys(session, entities)
    linked: dict[int, list[ResolvedEntity]] = {}
    for resolved in entities:
        entity = known.get((resolved.type, resolved.key)) or _by_alias(session, resolved) or _new(session, resolved)
        _keep_fuller_name(entity, resolved)
        known[(resolved.type, resolved.key)] = entity
        assert entity.id is not None
        linked.setdefault(entity.id, []).append(resolved)
    _add_aliases(session, {i: {a for r in group for a in r.aliases | {r.name}} for i, group in linked.items()})
    if linked:
        session.execute(insert(ArticleEntity), [_link_row(article, i, group) for i, group in linked.items()])
        session.execute(
            insert(Mention), [row for i, group in linked.items() for row in _mention_rows(article, i, group)]
        )
    return set(linked)


def _by_keys(session: Session, entities: list[ResolvedEntity]) -> dict[tuple[str, str], Entity]:
    keys = {(e.type, e.key) for e in entities}
    if not keys:
        return {}
    query = select(Entity).where(tuple_(col(Entity.type), col(Entity.key)).in_(keys))
    return {(e.type, e.key): e for e in session.execute(query).scalars().all()}


def _by_alias(session: Session, resolved: ResolvedEntity) -> Entity | None:
    """The one entity another article already knows under this spelling (a person called 'Sergei Lavrov'
    there, an organisation whose acronym it is). Places go by gazetteer id alone, and a person is never
    matched on a lone surname: two people share those."""
    spellings = {fold(a) for a in resolved.aliases if resolved.type != PERSON or len(a.split()) > 1}
    if resolved.type == PLACE or not spellings:
        return None
    query = (
        select(Entity)
        .join(EntityAlias, col(EntityAlias.entity_id) == Entity.id)
        .where(col(Entity.type) == resolved.type, col(EntityAlias.folded).in_(spellings))
    )
    matches = {e.id: e for e in session.execute(query).scalars().all()}
    return matches.popitem()[1] if len(matches) == 1 else None


def _new(session: Session, resolved: ResolvedEntity) -> Entity:
    slug = _free_slug(session, Entity, resolved.name, resolved.type)
    entity = Entity(type=resolved.type, key=resolved.key, slug=slug, name=resolved.name, **_place_fields(resolved))
    session.add(entity)
    session.flush()
    return entity


def _keep_fuller_name(entity: Entity, resolved: ResolvedEntity) -> None:
    if fold(entity.name) == fold(resolved.name) and accent_score(resolved.name) > accent_score(entity.name):
        entity.name = resolved.name


def _link_row(article: Article, entity_id: int, group: list[ResolvedEntity]) -> dict[str, Any]:
    titles = list(dict.fromkeys(t for resolved in group for t in resolved.titles))
    mentions = sum(len(resolved.mentions) for resolved in group)
    return {"article_id": article.id, "entity_id": entity_id, "published_at": article.published_at,
            "mention_count": mentions, "titles": titles}  # fmt: skip


def _mention_rows(article: Article, entity_id: int, group: list[ResolvedEntity]) -> list[dict[str, Any]]:
    has_caption = article.caption is not None
    return [{"article_id": article.id, "entity_id": entity_id, "section": section, "paragraph": paragraph,
             "start": m.start, "end": m.end, "surface": m.surface}
            for resolved in group for m in resolved.mentions
            for section, paragraph in [section_of(m.section, has_caption)]]  # fmt: skip


def _place_fields(resolved: ResolvedEntity) -> dict[str, Any]:
    entry = resolved.place
    if resolved.type != PLACE:
        return {}
    if entry is None:
        return {"kind": "other", "country_code": resolved.country_code}
    return {"kind": entry.kind, "country_code": entry.country_code, "latitude": entry.latitude,
            "longitude": entry.longitude, "geonames_id": entry.geonames_id}  # fmt: skip


def _add_aliases(session: Session, aliases: dict[int, set[str]]) -> None:
    if not aliases:
        return
    query = select(col(EntityAlias.entity_id), col(EntityAlias.alias)).where(col(EntityAlias.entity_id).in_(aliases))
    known = {(entity_id, alias) for entity_id, alias in session.execute(query)}
    rows = [{"entity_id": entity_id, "alias": alias, "folded": fold(alias)}
            for entity_id, names in aliases.items() for alias in sorted(names) if (entity_id, alias) not in known]  # fmt: skip
    if rows:
        session.execute(insert(EntityAlias), rows)


def recount(session: Session, entity_ids: set[int]) -> None:
    """Recomputes counts and first/last seen for these entities, and removes the ones left unlinked."""
    if not entity_ids:
        return
    linked = col(ArticleEntity.entity_id) == Entity.id
    session.execute(update(Entity).where(col(Entity.id).in_(entity_ids)).values(
        article_count=select(func.count()).where(linked).scalar_subquery(),
        mention_count=select(func.coalesce(func.sum(ArticleEntity.mention_count), 0)).where(linked).scalar_subquery(),
        first_seen=select(func.min(ArticleEntity.published_at)).where(linked).scalar_subquery(),
        last_seen=select(func.max(ArticleEntity.published_at)).where(linked).scalar_subquery()))  # fmt: skip
    session.execute(delete(Entity).where(col(Entity.id).in_(entity_ids), col(Entity.article_count) == 0))
