"""What the API shows of an article in a list and of its entities, kept on its row as JSON, and its snippet.

A page of articles reads each article's whole list item as one column (`summary_json`, UTF-8 bytes), and one
article one row: no join through the links, no snippet cut and no item built per request; the JSON goes out as
it is stored (orjson `Fragment`s), parsed only to put a search's highlighted passage in place of the snippet.
The store writes them with the article and its links, and again for every article naming an entity it renames
(a fuller spelling: 'Assimi Goita' becomes 'Assimi Goïta'); migrations 0004 and 0005 wrote them for the
articles stored before them.
"""

from collections.abc import Iterable, Mapping
from typing import Any

import orjson
from sqlalchemy import BindParameter, Connection, bindparam, select

from app.models import Article, ArticleEntity, Entity, EntityType
from app.schemas import ArticleFields

ARTICLE, LINK, ENTITY = Article.__table__, ArticleEntity.__table__, Entity.__table__  # type: ignore[attr-defined]
SNIPPET_CHARS = 200
CHUNK = 500  # articles per statement
# The entities of one type, most mentioned first, as items of a schema, fields in its order. An article's
# `ArticlePerson`, `ArticlePlace` and `ArticleOrganisation` (a column each), and a list item's `EntityRef`s and
# `PlaceRef`s (fields of its `ArticleSummary`, after those of `ArticleFields`).
NAMED_JSON = {
    "linked_people_json": (EntityType.person, ("id", "slug", "name", "mention_count", "titles")),
    "linked_places_json": (EntityType.place, ("id", "slug", "name", "country_code", "kind", "latitude", "longitude",
                                              "mention_count")),
    "linked_organisations_json": (EntityType.organisation, ("id", "slug", "name", "mention_count")),
}  # fmt: skip
LISTED = {"people": (EntityType.person, ("id", "slug", "name")),
          "places": (EntityType.place, ("id", "slug", "name", "country_code"))}  # fmt: skip
IDS: BindParameter[Any] = bindparam("ids", expanding=True)
# A list item's fields before its lists (those of `ArticleFields`, in its order), as some articles' rows hold them.
SUMMARY_HEAD = select(*(ARTICLE.c[name] for name in ArticleFields.model_fields)).where(ARTICLE.c.id.in_(IDS))
# What those items are made of, for some articles, in their order.
LINKED = (
    select(LINK.c.article_id, ENTITY.c.type, ENTITY.c.id, ENTITY.c.slug, ENTITY.c.name, ENTITY.c.country_code,
           ENTITY.c.kind, ENTITY.c.latitude, ENTITY.c.longitude, LINK.c.mention_count, LINK.c.titles)
    .join(ENTITY, ENTITY.c.id == LINK.c.entity_id)
    .where(LINK.c.article_id.in_(IDS))
    .order_by(LINK.c.mention_count.desc(), ENTITY.c.name, ENTITY.c.id)
)  # fmt: skip
NAMING = select(LINK.c.article_id).where(LINK.c.entity_id.in_(IDS)).distinct()


SET_NAMED = (
    ARTICLE.update()
    .where(ARTICLE.c.id == bindparam("article"))
    .values({column: bindparam(f"{column}_value") for column in (*NAMED_JSON, "summary_json")})
)


def snippet(text: str, *, length: int = SNIPPET_CHARS) -> str:
    """The opening of a text, whitespace collapsed, cut at a word boundary with "…" when longer than `length`."""
    flat = _collapsed(text, length)
    if len(flat) <= length:
        return flat
    head = flat[: length + 1]
    cut = head.rsplit(" ", 1)[0] if " " in head else flat[:length]
    return cut.rstrip(" ,;:") + "…"


def _collapsed(text: str, length: int) -> str:
    """The text with its whitespace collapsed; only its opening when that is already longer than `length` (the
    collapsed opening is the start of the collapsed text, and a snippet reads no further)."""
    opening = " ".join(text[: 2 * length].split())
    return opening if len(opening) > length else " ".join(text.split())


def write_named(connection: Connection, article_ids: Iterable[int]) -> None:
    """Writes the list item and entity JSON of these articles from their rows and links, as they stand."""
    ids = sorted(set(article_ids))
    for start in range(0, len(ids), CHUNK):
        chunk = {"ids": ids[start : start + CHUNK]}
        heads = connection.execute(SUMMARY_HEAD, chunk).mappings()
        connection.execute(SET_NAMED, named_values(heads, connection.execute(LINKED, chunk).mappings()))


def named_values(heads: Iterable[Mapping[Any, Any]], linked: Iterable[Mapping[Any, Any]]) -> list[dict[str, Any]]:
    """The JSON of these articles (`article`, then `<column>_value` for each of `NAMED_JSON` and `summary_json`),
    from their `SUMMARY_HEAD` rows and their `LINKED` rows."""
    lists = NAMED_JSON | LISTED
    items: dict[int, tuple[dict[str, Any], dict[str, list[Any]]]] = {
        head["id"]: (dict(head), {name: [] for name in lists}) for head in heads
    }
    for row in linked:
        for name, (entity_type, fields) in lists.items():
            if row["type"] == entity_type:
                items[row["article_id"]][1][name].append({field: row[field] for field in fields})
    return [{"article": article_id, "summary_json_value": orjson.dumps(head | {name: found[name] for name in LISTED})}
            | {f"{column}_value": _json(found[column]) for column in NAMED_JSON}
            for article_id, (head, found) in items.items()]  # fmt: skip


def articles_naming(connection: Connection, entity_ids: set[int]) -> set[int]:
    """The ids of the articles that name any of these entities."""
    if not entity_ids:
        return set()
    return set(connection.execute(NAMING, {"ids": sorted(entity_ids)}).scalars())


def _json(items: list[Any]) -> str:
    return orjson.dumps(items).decode()
