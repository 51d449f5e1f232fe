"""Upserts one article and its entities in the caller's transaction; entity counts stay exact.

An article's mention rows are inserted in one statement, in reading order: the title, then the caption,
then the body paragraph by paragraph, and within a section by start then end offset, across all the
article's entities. The mention ids of one article therefore ascend in reading order, so that
`ix_mention_article (article_id, id)` serves an article's mentions in the order they are read.

Entity counts and entity pairs (the articles two entities share, for related entities) change by what each
write adds or removes, so that storing an article costs what it names, not what its entities were named in.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, bindparam, delete, func, literal, or_, select, tuple_
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped
from sqlmodel import Session, col

from app.ingest.entities import PERSON, PLACE, Occurrence, ResolvedEntity, section_of
from app.ingest.summaries import articles_naming, snippet, write_named
from app.models import Article, ArticleEntity, Entity, EntityAlias, EntityPair, Mention
from app.text import accent_score, fold, slugify

ARTICLE, ENTITY = Article.__table__, Entity.__table__  # type: ignore[attr-defined]
LINK, MENTION = ArticleEntity.__table__, Mention.__table__  # type: ignore[attr-defined]
PAIR = EntityPair.__table__  # type: ignore[attr-defined]
MINE, THEIRS = LINK.alias("mine"), LINK.alias("theirs")
# Each ordered pair of an article's entities counts one more shared article.
ARTICLE_PAIRS = (
    select(MINE.c.entity_id, THEIRS.c.entity_id, ENTITY.c.type, literal(1))
    .join(THEIRS, (THEIRS.c.article_id == MINE.c.article_id) & (THEIRS.c.entity_id != MINE.c.entity_id))
    .join(ENTITY, ENTITY.c.id == THEIRS.c.entity_id)
    .where(MINE.c.article_id == bindparam("article_id"))
)
OWN_LINKS = LINK.c.entity_id == ENTITY.c.id
COUNTED = (
    ENTITY.update()
    .where(ENTITY.c.id == bindparam("entity"))
    .values(
        article_count=ENTITY.c.article_count + bindparam("articles"),
        mention_count=ENTITY.c.mention_count + bindparam("mentions"),
        first_seen=select(func.min(LINK.c.published_at)).where(OWN_LINKS).scalar_subquery(),
        last_seen=select(func.max(LINK.c.published_at)).where(OWN_LINKS).scalar_subquery(),
    )
)
SLUG_CANDIDATES = 16
# The (articles, mentions) an entity gains or loses, by entity id.
CountChanges = dict[int, tuple[int, int]]
PAIRS_ADDED = {
    dialect.__name__.rsplit(".", 1)[-1]: dialect.insert(PAIR)
    .from_select(["entity_id", "other_id", "other_type", "article_count"], ARTICLE_PAIRS)
    .on_conflict_do_update(index_elements=["entity_id", "other_id"], set_={"article_count": PAIR.c.article_count + 1})
    for dialect in (sqlite, postgresql)
}


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


def id_by_hash(session: Session, content_hash: str) -> int | None:
    """The id of the stored article with this content, if any."""
    query = select(ARTICLE.c.id).where(ARTICLE.c.content_hash == content_hash)
    found: int | None = session.connection().execute(query).scalar()
    return found


def store_article(
    session: Session,
    fields: ArticleFields,
    entities: list[ResolvedEntity],
    *,
    source_file: str | None = None,
    replace: Article | None = None,
) -> Stored:
    """Inserts or replaces an article with its entity links and mentions (in reading order, see above).

    Content already stored is left alone, unless `replace` names the article to rewrite (PUT, reindex).
    """
    existing = id_by_hash(session, fields.content_hash)
    if existing is not None and replace is None:
        return Stored("unchanged", existing)
    target = replace or _by_source_file(session, source_file)
    lost = unlink_article(session, target.id) if target and target.id else {}
    article = _write_article(session, target, fields, source_file)
    assert article.id is not None
    gained, renamed = _link_entities(session, article, entities)
    recount(session, lost, gained)
    # After the recount, whose updates lock the article's entities: a rename another write commits meanwhile is
    # read here (PostgreSQL), not the name seen before it.
    connection = session.connection()
    write_named(connection, {article.id} | articles_naming(connection, renamed))
    return Stored("updated" if target else "loaded", article.id)


def delete_article(session: Session, article: Article) -> None:
    """Deletes an article; entities left without a mention go with it."""
    assert article.id is not None
    lost = unlink_article(session, article.id)
    session.execute(delete(Article).where(col(Article.id) == article.id))
    recount(session, lost)


def _by_source_file(session: Session, source_file: str | None) -> Article | None:
    if source_file is None:
        return None
    query = select(Article).where(col(Article.source_file) == source_file)
    return session.execute(query).scalars().first()


def unlink_article(session: Session, article_id: int) -> CountChanges:
    """Removes an article's mentions, entity links and pairs; returns the counts each of its entities loses."""
    query = select(LINK.c.entity_id, LINK.c.mention_count).where(LINK.c.article_id == article_id)
    lost = {entity_id: (-1, -mentions) for entity_id, mentions in session.execute(query)}
    session.execute(delete(Mention).where(col(Mention.article_id) == article_id))
    session.execute(delete(ArticleEntity).where(col(ArticleEntity.article_id) == article_id))
    _unpair(session, set(lost))
    return lost


def _write_article(session: Session, target: Article | None, fields: ArticleFields, source_file: str | None) -> Article:
    now = datetime.now(UTC)
    article = target or Article(slug=_free_slug(session, Article, fields.title), body="", title="", content_hash="",
                                created_at=now, updated_at=now)  # fmt: skip
    article.title, article.caption = fields.title, fields.caption
    article.body = "\n\n".join(fields.paragraphs)
    article.snippet = snippet(article.body)
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
    return _first_free(base, _taken_slugs(session, table, [base], entity_type))


def _taken_slugs(
    session: Session, table: type[Article] | type[Entity], bases: Iterable[str], entity_type: str | None = None
) -> set[str]:
    """The stored slugs (of this entity type) among the first candidates of these bases, looked up exactly (an
    index seek each, whatever the table's size); a base whose candidates are all taken adds the slugs beginning
    with it, which takes a scan."""
    bases = set(bases)
    taken = _slugs(session, table, col(table.slug).in_([c for base in bases for c in _candidates(base)]), entity_type)
    crowded = [base for base in bases if taken.issuperset(_candidates(base))]
    if crowded:
        taken |= _slugs(session, table, or_(*(col(table.slug).like(f"{base}%") for base in crowded)), entity_type)
    return taken


def _candidates(base: str) -> list[str]:
    """`base`, `base-2`… `base-16`: the slugs `_first_free` tries first."""
    return [base, *(f"{base}-{n}" for n in range(2, SLUG_CANDIDATES + 1))]


def _slugs(
    session: Session, table: type[Article] | type[Entity], condition: ColumnElement[bool], entity_type: str | None
) -> set[str]:
    query = select(col(table.slug)).where(condition)
    if entity_type is not None:
        query = query.where(col(Entity.type) == entity_type)
    return set(session.connection().execute(query).scalars())


def _first_free(base: str, taken: set[str]) -> str:
    """`base`, else `base-2`, `base-3`... the first not taken."""
    return next(slug for n in range(1, len(taken) + 2) if (slug := base if n == 1 else f"{base}-{n}") not in taken)


def _link_entities(session: Session, article: Article, entities: list[ResolvedEntity]) -> tuple[CountChanges, set[int]]:
    """Links the article to its entities in a few batched statements; two resolved entities that are one
    stored entity are merged. Returns the counts each entity gains, and the ids of the entities renamed."""
    assert article.id is not None
    linked: dict[int, list[ResolvedEntity]] = {}
    stored, renamed = _stored_entities(session, entities)
    for resolved, entity in zip(entities, stored, strict=True):
        assert entity.id is not None
        linked.setdefault(entity.id, []).append(resolved)
    _add_aliases(session, {i: {a for r in group for a in r.aliases | {r.name}} for i, group in linked.items()})
    links = [_link_row(article, i, group) for i, group in linked.items()]
    # Core statements: the rows are plain values, and the ORM's bulk machinery would cost more than SQLite.
    connection = session.connection()
    if links:
        connection.execute(LINK.insert(), links)
        connection.execute(MENTION.insert(), _mention_rows(article, linked))
        connection.execute(PAIRS_ADDED[connection.dialect.name], {"article_id": article.id})
    return {link["entity_id"]: (1, link["mention_count"]) for link in links}, renamed


def _unpair(session: Session, entity_ids: set[int]) -> None:
    """Counts one shared article less for each ordered pair of these entities, and drops the pairs left at 0."""
    among = PAIR.c.entity_id.in_(entity_ids) & PAIR.c.other_id.in_(entity_ids)
    connection = session.connection()
    connection.execute(PAIR.update().where(among).values(article_count=PAIR.c.article_count - 1))
    connection.execute(PAIR.delete().where(among, PAIR.c.article_count == 0))


def _stored_entities(session: Session, entities: list[ResolvedEntity]) -> tuple[list[Entity], set[int]]:
    """The stored entity of each resolved one: the one with its key, else the one another article knows under
    one of its spellings, else a new one (all new ones inserted together). Lookups take one query each.
    Also returns the ids of the stored entities renamed to a fuller spelling."""
    known = _by_keys(session, entities)
    spelled = _by_spellings(session, [e for e in entities if (e.type, e.key) not in known])
    new: list[tuple[ResolvedEntity, Entity]] = []
    chosen, renamed = [], set()
    for resolved in entities:
        entity = known.get((resolved.type, resolved.key)) or spelled.get(id(resolved))
        if entity is None:
            entity = Entity(
                type=resolved.type, key=resolved.key, slug="", name=resolved.name, **_place_fields(resolved)
            )
            new.append((resolved, entity))
        if _keep_fuller_name(entity, resolved) and entity.id is not None:
            renamed.add(entity.id)
        known[(resolved.type, resolved.key)] = entity
        chosen.append(entity)
    _insert_new(session, new)
    return chosen, renamed


def _by_keys(session: Session, entities: list[ResolvedEntity]) -> dict[tuple[str, str], Entity]:
    keys = {(e.type, e.key) for e in entities}
    if not keys:
        return {}
    query = select(Entity).where(pairs_in(col(Entity.type), col(Entity.key), keys))
    return {(e.type, e.key): e for e in session.execute(query).scalars().all()}


def _by_spellings(session: Session, entities: list[ResolvedEntity]) -> dict[int, Entity]:
    """For each of these resolved entities (by `id()`), the one stored entity another article already knows
    under one of its spellings (a person called 'Sergei Lavrov' there, an organisation whose acronym it is).
    Places go by gazetteer id alone, and a person is never matched on a lone surname: two people share those."""
    spellings = {id(e): _spellings(e) for e in entities}
    wanted = {(e.type, s) for e in entities for s in spellings[id(e)]}
    if not wanted:
        return {}
    query = (
        select(Entity, col(EntityAlias.folded))
        .join(EntityAlias, col(EntityAlias.entity_id) == Entity.id)
        .where(pairs_in(col(Entity.type), col(EntityAlias.folded), wanted))
    )
    rows = session.execute(query).all()
    found = {}
    for resolved in entities:
        matches = {e.id: e for e, folded in rows if e.type == resolved.type and folded in spellings[id(resolved)]}
        if len(matches) == 1:
            found[id(resolved)] = matches.popitem()[1]
    return found


def pairs_in(first: Mapped[str], second: Mapped[str], pairs: set[tuple[str, str]]) -> ColumnElement[bool]:
    """`(first, second) IN pairs`, said so that an index on the columns is searched: SQLite scans the whole table
    for a row-value IN alone (every entity on each article stored, a write slower the more entities there are)."""
    firsts, seconds = {a for a, _b in pairs}, {b for _a, b in pairs}
    return and_(first.in_(firsts), second.in_(seconds), tuple_(first, second).in_(pairs))


def _spellings(resolved: ResolvedEntity) -> set[str]:
    if resolved.type == PLACE:
        return set()
    return {fold(a) for a in resolved.aliases if resolved.type != PERSON or len(a.split()) > 1}


def _insert_new(session: Session, new: list[tuple[ResolvedEntity, Entity]]) -> None:
    """Gives the new entities free slugs (one query per type) and inserts them in one flush."""
    for entity_type in dict.fromkeys(resolved.type for resolved, _entity in new):
        of_type = [(resolved, entity) for resolved, entity in new if resolved.type == entity_type]
        taken = _taken_slugs(session, Entity, {slugify(r.name) for r, _e in of_type}, entity_type)
        for resolved, entity in of_type:
            entity.slug = _first_free(slugify(resolved.name), taken)
            taken.add(entity.slug)
    session.add_all(entity for _resolved, entity in new)
    session.flush()


def _keep_fuller_name(entity: Entity, resolved: ResolvedEntity) -> bool:
    """Renames the entity to the resolved spelling when it is the same name with more accents; says whether."""
    if entity.name == resolved.name or fold(entity.name) != fold(resolved.name):
        return False
    if accent_score(resolved.name) <= accent_score(entity.name):
        return False
    entity.name = resolved.name
    return True


def _link_row(article: Article, entity_id: int, group: list[ResolvedEntity]) -> dict[str, Any]:
    titles = list(dict.fromkeys(t for resolved in group for t in resolved.titles))
    mentions = sum(len(resolved.mentions) for resolved in group)
    return {"article_id": article.id, "entity_id": entity_id, "published_at": article.published_at,
            "mention_count": mentions, "titles": titles}  # fmt: skip


def _mention_rows(article: Article, linked: dict[int, list[ResolvedEntity]]) -> list[dict[str, Any]]:
    """The article's mention rows in reading order: section index (title, caption, paragraphs), start, end."""
    mentions = [(m, entity_id) for entity_id, group in linked.items() for resolved in group for m in resolved.mentions]
    mentions.sort(key=lambda pair: _reading_order(pair[0]))
    return [_mention_row(article, entity_id, m) for m, entity_id in mentions]


def _reading_order(mention: Occurrence) -> tuple[int, int, int]:
    return mention.section, mention.start, mention.end


def _mention_row(article: Article, entity_id: int, mention: Occurrence) -> dict[str, Any]:
    section, paragraph = section_of(mention.section, article.caption is not None)
    return {"article_id": article.id, "entity_id": entity_id, "section": section, "paragraph": paragraph,
            "start": mention.start, "end": mention.end, "surface": mention.surface}  # fmt: skip


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
        session.connection().execute(EntityAlias.__table__.insert(), rows)  # type: ignore[attr-defined]


def recount(session: Session, *changes: CountChanges) -> None:
    """Adds what these changes bring to each entity's counts, recomputes its first and last seen (each the end
    of an index range), and removes the entities left without an article."""
    rows: dict[int, dict[str, int]] = {}
    for change in changes:
        for entity_id, (articles, mentions) in change.items():
            row = rows.setdefault(entity_id, {"entity": entity_id, "articles": 0, "mentions": 0})
            row["articles"] += articles
            row["mentions"] += mentions
    if rows:
        connection = session.connection()
        connection.execute(COUNTED, list(rows.values()))
        connection.execute(ENTITY.delete().where(ENTITY.c.id.in_(rows), ENTITY.c.article_count == 0))
