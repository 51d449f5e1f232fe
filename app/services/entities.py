"""Read-side queries over people, places and organisations (one `entity` table, told apart by `type`)."""

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import bindparam, false, func, or_, select

from app import schemas
from app.models import Article, ArticleEntity, Entity, EntityAlias, EntityType
from app.services.pagination import AnySelect, Keyset, Listing, ListQuery, PageParams, paginate
from app.services.prepared import Prepared, Reads, Row
from app.services.refs import ByRef
from app.text import fold

S = TypeVar("S", bound=schemas.EntitySummary)
LIKE_SPECIALS = re.compile(r"[%_\\]")
CONTROL = re.compile(r"[\x00-\x1f]")


class EntitySort(StrEnum):
    article_count = "-article_count"
    name = "name"
    mention_count = "-mention_count"


ENTITY, ALIAS = Entity.__table__, EntityAlias.__table__  # type: ignore[attr-defined]
ARTICLE, LINK = Article.__table__, ArticleEntity.__table__  # type: ignore[attr-defined]
# Each order ends with the id so that it is total; one direction per order keeps the row comparison indexable.
KEYSETS = {
    EntitySort.article_count: Keyset("entities:-article_count", (ENTITY.c.article_count, ENTITY.c.id),
                                     descending=True),
    EntitySort.name: Keyset("entities:name:folded", (ENTITY.c.sort_name, ENTITY.c.id)),
    EntitySort.mention_count: Keyset("entities:-mention_count", (ENTITY.c.mention_count, ENTITY.c.id),
                                     descending=True),
}  # fmt: skip
COLUMNS = (
    ENTITY.c.id, ENTITY.c.slug, ENTITY.c.name, ENTITY.c.article_count, ENTITY.c.mention_count, ENTITY.c.first_seen,
    ENTITY.c.last_seen, ENTITY.c.kind, ENTITY.c.country_code, ENTITY.c.latitude, ENTITY.c.longitude,
    ENTITY.c.geonames_id,
)  # fmt: skip
TYPED = select(ENTITY.c.type, *COLUMNS).where(ENTITY.c.type == bindparam("type"))
BY_REF = ByRef.of(TYPED, ENTITY)
# Where a word of a name may start: at its beginning, or after a space, a hyphen or an apostrophe.
WORD_STARTS = ("", "% ", "%-", "%'")
ALIASES = Prepared(
    select(ALIAS.c.entity_id, ALIAS.c.alias)
    .where(ALIAS.c.entity_id.in_(bindparam("ids", expanding=True)))
    .order_by(ALIAS.c.entity_id, ALIAS.c.alias)
)
TITLES = Prepared(
    select(LINK.c.entity_id, LINK.c.titles, ARTICLE.c.id, ARTICLE.c.slug, ARTICLE.c.title)
    .join(ARTICLE, ARTICLE.c.id == LINK.c.article_id)
    .where(LINK.c.entity_id.in_(bindparam("ids", expanding=True)), func.json_array_length(LINK.c.titles) > 0)
    .order_by(LINK.c.published_at.desc().nulls_last(), LINK.c.article_id.desc())
)  # fmt: skip


def get_entity(reads: Reads, *, entity_type: EntityType, ref: str) -> Row | None:
    """The entity of this type with this id or slug."""
    return BY_REF.find(reads, ref=ref, type=entity_type.value)


class PlaceKind(StrEnum):
    country = "country"
    city = "city"
    region = "region"
    landmark = "landmark"
    other = "other"


@dataclass(frozen=True, slots=True)
class EntityFilters:
    """`q` is a prefix of a word of a name or alias (case and accents aside); the rest narrow places."""

    q: str | None = None
    country: str | None = None
    kind: PlaceKind | None = None
    located: bool = False


def list_entities(
    reads: Reads, *, schema: type[S], sort: EntitySort, page: PageParams, filters: EntityFilters = EntityFilters()
) -> Listing[S]:
    """Lists the entities of the schema's type that match the filters, in the given order."""
    listing = paginate(reads, filtered(filters, sort, entity_type=schema.entity_type),
                       KEYSETS[sort].scoped(schema.entity_type), page)  # fmt: skip
    return listing.with_items(describe(reads, listing.items, schema=schema))


class EntityShape(NamedTuple):
    """What an entity list's SQL depends on: its order and which filters are given."""

    sort: EntitySort
    q: bool
    q_can_match: bool  # a text with a control character names nothing
    country: bool
    kind: bool
    located: bool

    def build(self) -> AnySelect:
        query = select(*COLUMNS).where(ENTITY.c.type == bindparam("type"))
        if self.q:
            query = query.where(ENTITY.c.id.in_(named_like()) if self.q_can_match else false())
        if self.country:
            query = query.where(ENTITY.c.country_code == bindparam("country"))
        if self.kind:
            query = query.where(ENTITY.c.kind == bindparam("kind"))
        if self.located:
            query = query.where(ENTITY.c.latitude.is_not(None), ENTITY.c.longitude.is_not(None))
        return query


def filtered(filters: EntityFilters, sort: EntitySort, *, entity_type: str) -> ListQuery:
    """The entities of a type that match the filters, as a list query."""
    likes = like_params(filters.q) if filters.q is not None else None
    params: dict[str, Any] = {"type": entity_type, "country": filters.country and filters.country.upper(),
                              "kind": filters.kind and filters.kind.value, **(likes or {})}  # fmt: skip
    shape = EntityShape(sort, filters.q is not None, likes is not None, filters.country is not None,
                        filters.kind is not None, filters.located)  # fmt: skip
    return ListQuery(shape, shape.build, {k: v for k, v in params.items() if v is not None})


def named_like() -> AnySelect:
    """The ids of entities with a name or alias of which a word starts with the bound prefix (`like0`…`like3`:
    the folded text as a LIKE pattern after each place a word may start)."""
    starts = [ALIAS.c.folded.like(bindparam(f"like{i}"), escape="\\") for i in range(len(WORD_STARTS))]
    return select(ALIAS.c.entity_id).where(or_(*starts))


def like_params(text: str) -> dict[str, str] | None:
    """The bound values of `named_like` for a typed text; None when it cannot name anything (no name holds a
    control character, and PostgreSQL refuses NUL in text)."""
    if CONTROL.search(text):
        return None
    prefix = LIKE_SPECIALS.sub(r"\\\g<0>", fold(text))
    return {f"like{i}": f"{before}{prefix}%" for i, before in enumerate(WORD_STARTS)}


def get_entity_detail(reads: Reads, *, entity: Row, schema: type[S]) -> S:
    """One entity in the shape of its detail schema."""
    [detail] = describe(reads, [entity], schema=schema)
    return detail


def describe(reads: Reads, rows: Sequence[Mapping[str, Any]], *, schema: type[S]) -> list[S]:
    """Entity rows as schema items, their aliases (and people's titles) fetched in one query each."""
    ids = [row["id"] for row in rows]
    aliases = _aliases(reads, ids)
    titles = _titles(reads, ids) if "titles" in schema.model_fields else {}
    return [_item(schema, row, aliases[row["id"]], titles.get(row["id"], [])) for row in rows]


def _item(schema: type[S], row: Mapping[str, Any], aliases: list[str], titles: list[dict[str, Any]]) -> S:
    other_spellings = [alias for alias in aliases if alias != row["name"]]
    return schema.model_validate({**row, "aliases": other_spellings, "titles": titles})


def _aliases(reads: Reads, entity_ids: list[int]) -> defaultdict[int, list[str]]:
    found: defaultdict[int, list[str]] = defaultdict(list)
    for row in reads.rows(ALIASES, {"ids": entity_ids}) if entity_ids else ():
        found[row["entity_id"]].append(row["alias"])
    return found


def _titles(reads: Reads, entity_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Each distinct title of these people, with the most recent article that gives it."""
    found: defaultdict[int, dict[str, dict[str, Any]]] = defaultdict(dict)
    for row in reads.rows(TITLES, {"ids": entity_ids}) if entity_ids else ():
        for title in row["titles"]:
            found[row["entity_id"]].setdefault(title, {"id": row["id"], "slug": row["slug"], "title": row["title"]})
    return {entity_id: [{"title": t, "article": a} for t, a in titles.items()] for entity_id, titles in found.items()}
