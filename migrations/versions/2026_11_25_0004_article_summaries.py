"""article summaries: each article's snippet and the entities it names as the JSON the API sends, on its row

Revision ID: 9e4b2d7c1f38
Revises: 5b8f0c3e7a21
Create Date: 2026-11-25 23:20:00.000000

A page of articles then reads one row per article, and an article one row (see `app.ingest.summaries`). The
articles stored before are summarised here from their bodies and links, 500 at a time.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from app.ingest.summaries import NAMED_JSON, named_values, snippet, summary_update

revision: str = "9e4b2d7c1f38"
down_revision: str | None = "5b8f0c3e7a21"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHUNK = 500
COLUMNS = {"snippet": ""} | dict.fromkeys(NAMED_JSON, "[]")
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
SUMMARISE = summary_update(ARTICLE, *COLUMNS)


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
        ids = [article_id for article_id, _body in bodies]
        openings = {article_id: snippet(body) for article_id, body in bodies}
        rows = named_values(ids, bind.execute(LINKED, {"ids": ids}).mappings())
        bind.execute(SUMMARISE, [row | {"snippet_value": openings[row["article"]]} for row in rows])
        last = ids[-1]


def downgrade() -> None:
    # In place, on SQLite too (3.35+): a rebuilt table would lose the search index's triggers.
    for name in reversed(COLUMNS):
        op.drop_column("article", name)
