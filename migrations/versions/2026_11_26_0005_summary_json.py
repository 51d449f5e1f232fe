"""list items as stored bytes: each article's whole `ArticleSummary` JSON in `summary_json`

Revision ID: c71d5e0a9b24
Revises: 9e4b2d7c1f38
Create Date: 2026-11-26 01:10:00.000000

A page of articles then reads one column per article and sends its bytes as they are: no text decoded and
encoded again, no item built field by field. It replaces `people_json` and `places_json`, which are now inside it.
The items of the articles stored before are built here from their rows, 500 at a time; the downgrade takes the
two lists back out of them.
"""

from collections.abc import Iterator, Sequence

import orjson
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "c71d5e0a9b24"
down_revision: str | None = "9e4b2d7c1f38"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHUNK = 500
# An `ArticleSummary`'s fields as of this revision, in its order; the last two were columns of their own.
HEAD = ("id", "slug", "title", "caption", "published_at", "language", "source", "snippet")
LISTS = {"people": "people_json", "places": "places_json"}
ARTICLE = sa.table("article", *(sa.column(name) for name in (*HEAD, *LISTS.values())),
                   sa.column("summary_json", sa.LargeBinary))  # fmt: skip


def upgrade() -> None:
    op.add_column("article", sa.Column("summary_json", sa.LargeBinary(), server_default="", nullable=False))
    for rows in _chunks(op.get_bind(), *HEAD, *LISTS.values()):
        values = [{"article": row["id"], "summary_json_value": _summary(row)} for row in rows]
        op.get_bind().execute(_set("summary_json"), values)
    for column in LISTS.values():
        op.drop_column("article", column)


def _summary(row: sa.RowMapping) -> bytes:
    """The list item: the head fields as they are stored, then the two lists as their JSON text."""
    lists = {field: orjson.Fragment(row[column]) for field, column in LISTS.items()}
    return orjson.dumps({field: row[field] for field in HEAD} | lists)


def downgrade() -> None:
    for column in LISTS.values():
        op.add_column("article", sa.Column(column, sqlmodel.sql.sqltypes.AutoString(), server_default="[]",
                                           nullable=False))  # fmt: skip
    for rows in _chunks(op.get_bind(), "id", "summary_json"):
        items = {row["id"]: orjson.loads(row["summary_json"] or b"{}") for row in rows}  # b"": never summarised
        values = [{"article": article_id} | {f"{column}_value": orjson.dumps(item.get(field, [])).decode()
                  for field, column in LISTS.items()} for article_id, item in items.items()]  # fmt: skip
        op.get_bind().execute(_set(*LISTS.values()), values)
    op.drop_column("article", "summary_json")


def _chunks(bind: sa.Connection, *columns: str) -> Iterator[Sequence[sa.RowMapping]]:
    """The articles' rows, these columns only, `CHUNK` at a time in id order."""
    last = 0
    selected = [ARTICLE.c[name] for name in columns]
    while (
        rows := bind.execute(sa.select(*selected).where(ARTICLE.c.id > last).order_by(ARTICLE.c.id).limit(CHUNK))
        .mappings()
        .all()
    ):
        yield rows
        last = rows[-1]["id"]


def _set(*columns: str) -> sa.Update:
    """Sets these columns of the article `article` to the values `<column>_value`."""
    values = {column: sa.bindparam(f"{column}_value") for column in columns}
    return ARTICLE.update().where(ARTICLE.c.id == sa.bindparam("article")).values(values)
