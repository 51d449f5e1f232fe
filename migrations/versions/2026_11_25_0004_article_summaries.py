"""article summaries: each article's snippet and the entities it names as the JSON the API sends, on its row

Revision ID: 9e4b2d7c1f38
Revises: 5b8f0c3e7a21
Create Date: 2026-11-25 23:20:00.000000

A page of articles then reads one row per article, and an article one row (see `app.ingest.summaries`). The
articles stored before are summarised here from their bodies and links, 500 at a time.
"""

from collections.abc import Sequence
from typing import Any

import orjson
import sqlalchemy as sa
import sqlmodel
from alembic import op

from app.ingest.summaries import snippet

revision: str = "9e4b2d7c1f38"
down_revision: str | None = "5b8f0c3e7a21"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHUNK = 500
# The columns as of this revision, written here rather than read from the app, which may add more later: each
# holds the entities of one type as items with these fields (`app.ingest.summaries.NAMED_JSON` then).
ITEMS = {
    "people_json": ("person", ("id", "slug", "name")),
    "places_json": ("place", ("id", "slug", "name", "country_code")),
    "linked_people_json": ("person", ("id", "slug", "name", "mention_count", "titles")),
    "linked_places_json": ("place", ("id", "slug", "name", "country_code", "kind", "latitude", "longitude",
                                     "mention_count")),
    "linked_organisations_json": ("organisation", ("id", "slug", "name", "mention_count")),
}  # fmt: skip
COLUMNS = {"snippet": ""} | dict.fromkeys(ITEMS, "[]")
ARTICLE = sa.table("article", *(sa.column(name) for name in ("id", "body", *COLUMNS)))
LINK = sa.table("article_entity", sa.column("article_id"), sa.column("entity_id"), sa.column("mention_count"),
                sa.column("titles", sa.JSON))  # fmt: skip
ENTITY = sa.table("entity", *(sa.column(name) for name in ("id", "type", "slug", "name", "country_code", "kind",
                                                           "latitude", "longitude")))  # fmt: skip
LINKED = (
    sa.select(LINK.c.article_id, ENTITY.c.type, ENTITY.c.id, ENTITY.c.slug, ENTITY.c.name, ENTITY.c.country_code,
              ENTITY.c.kind, ENTITY.c.latitude, ENTITY.c.longitude, LINK.c.mention_count, LINK.c.titles)
    .join(ENTITY, ENTITY.c.id == LINK.c.entity_id)
    .where(LINK.c.article_id.in_(sa.bindparam("ids", expanding=True)))
    .order_by(LINK.c.mention_count.desc(), ENTITY.c.name, ENTITY.c.id)
)  # fmt: skip
SUMMARISE = (
    ARTICLE.update()
    .where(ARTICLE.c.id == sa.bindparam("article"))
    .values({column: sa.bindparam(f"{column}_value") for column in COLUMNS})
)


def upgrade() -> None:
    for name, default in COLUMNS.items():
        op.add_column("article", sa.Column(name, sqlmodel.sql.sqltypes.AutoString(), server_default=default,
                                           nullable=False))  # fmt: skip
    _summarise(op.get_bind())


def _summarise(bind: sa.Connection) -> None:
    last = 0
    while bodies := bind.execute(
        sa.select(ARTICLE.c.id, ARTICLE.c.body).where(ARTICLE.c.id > last).order_by(ARTICLE.c.id).limit(CHUNK)
    ).all():
        values = {article_id: {"article": article_id, "snippet_value": snippet(body)} for article_id, body in bodies}
        items: dict[tuple[int, str], list[dict[str, Any]]] = {(i, column): [] for i in values for column in ITEMS}
        for row in bind.execute(LINKED, {"ids": list(values)}).mappings():
            for column, (entity_type, fields) in ITEMS.items():
                if row["type"] == entity_type:
                    items[row["article_id"], column].append({field: row[field] for field in fields})
        for (article_id, column), found in items.items():
            values[article_id][f"{column}_value"] = orjson.dumps(found).decode()
        bind.execute(SUMMARISE, list(values.values()))
        last = max(values)


def downgrade() -> None:
    # In place, on SQLite too (3.35+): a rebuilt table would lose the search index's triggers.
    for name in reversed(COLUMNS):
        op.drop_column("article", name)
