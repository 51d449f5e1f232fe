"""What a list shows of an article, kept on its row: its snippet, and the people and places it names as JSON.

A page of articles then reads one row per article, with no join through the links and no snippet cut per
request; the JSON goes out as it is stored. The store writes them with the article and its links, and again for
every article naming an entity it renames (a fuller spelling: 'Assimi Goita' becomes 'Assimi Goïta'); migration
0004 wrote them for the articles stored before it.
"""

from collections.abc import Iterable, Sequence
from typing import Any

import orjson
from sqlalchemy import Connection, bindparam, select

from app.models import Article, ArticleEntity, Entity, EntityType

ARTICLE, LINK, ENTITY = Article.__table__, ArticleEntity.__table__, Entity.__table__  # type: ignore[attr-defined]
SNIPPET_CHARS = 200
CHUNK = 500  # articles per statement
# The people and places of some articles, most mentioned first (`EntityRef` and `PlaceRef` fields).
NAMED = (
    select(LINK.c.article_id, ENTITY.c.type, ENTITY.c.id, ENTITY.c.slug, ENTITY.c.name, ENTITY.c.country_code)
    .join(ENTITY, ENTITY.c.id == LINK.c.entity_id)
    .where(LINK.c.article_id.in_(bindparam("ids", expanding=True)))
    .order_by(LINK.c.mention_count.desc(), ENTITY.c.name, ENTITY.c.id)
)  # fmt: skip
NAMING = select(LINK.c.article_id).where(LINK.c.entity_id.in_(bindparam("ids", expanding=True))).distinct()
SET_NAMED = (
    ARTICLE.update()
    .where(ARTICLE.c.id == bindparam("article"))
    .values(people_json=bindparam("people"), places_json=bindparam("places"))
)  # fmt: skip


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
    """Writes the people and places JSON of these articles from their links, as they stand."""
    ids = sorted(set(article_ids))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        connection.execute(SET_NAMED, named_values(chunk, connection.execute(NAMED, {"ids": chunk})))


def named_values(article_ids: list[int], named: Iterable[Sequence[Any]]) -> list[dict[str, Any]]:
    """The people and places JSON of these articles (`article`, `people`, `places`), from their `NAMED` rows:
    (article id, type, entity id, slug, name, country code), most mentioned first."""
    refs: dict[int, tuple[list[Any], list[Any]]] = {article_id: ([], []) for article_id in article_ids}
    for article_id, entity_type, entity_id, slug, name, country_code in named:
        if entity_type == EntityType.person:
            refs[article_id][0].append({"id": entity_id, "slug": slug, "name": name})
        elif entity_type == EntityType.place:
            refs[article_id][1].append({"id": entity_id, "slug": slug, "name": name, "country_code": country_code})
    return [{"article": i, "people": _json(people), "places": _json(places)} for i, (people, places) in refs.items()]


def articles_naming(connection: Connection, entity_ids: set[int]) -> set[int]:
    """The ids of the articles that name any of these entities."""
    if not entity_ids:
        return set()
    return set(connection.execute(NAMING, {"ids": sorted(entity_ids)}).scalars())


def _json(refs: list[Any]) -> str:
    return orjson.dumps(refs).decode()
