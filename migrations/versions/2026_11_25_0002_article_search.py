"""article search: full-text index, folded sort names, covering indexes for the list orders

Revision ID: 7d1e4a9c2b60
Revises: 3cb2542b5979
Create Date: 2026-11-25 16:00:00.000000

SQLite: an FTS5 table over title, caption and body, external content on `article`, kept in step by triggers;
`unicode61 remove_diacritics 2` folds case and accents and splits `l'`.
PostgreSQL: a stored generated `tsvector` column weighted A/B/C (title/caption/body) under a text search
configuration that unaccents, with a GIN index. Both are invisible to the models (see `migrations/env.py`).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.text import fold

revision: str = "7d1e4a9c2b60"
down_revision: str | None = "3cb2542b5979"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_UP = [
    """CREATE VIRTUAL TABLE article_search USING fts5(
        title, caption, body, content='article', content_rowid='id', tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER article_search_insert AFTER INSERT ON article BEGIN
        INSERT INTO article_search(rowid, title, caption, body) VALUES (new.id, new.title, new.caption, new.body);
    END""",
    """CREATE TRIGGER article_search_delete AFTER DELETE ON article BEGIN
        INSERT INTO article_search(article_search, rowid, title, caption, body)
        VALUES ('delete', old.id, old.title, old.caption, old.body);
    END""",
    """CREATE TRIGGER article_search_update AFTER UPDATE OF title, caption, body ON article BEGIN
        INSERT INTO article_search(article_search, rowid, title, caption, body)
        VALUES ('delete', old.id, old.title, old.caption, old.body);
        INSERT INTO article_search(rowid, title, caption, body) VALUES (new.id, new.title, new.caption, new.body);
    END""",
    "INSERT INTO article_search(article_search) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER article_search_update",
    "DROP TRIGGER article_search_delete",
    "DROP TRIGGER article_search_insert",
    "DROP TABLE article_search",
]
# `unaccent` is a trusted extension: a database owner may create it.
POSTGRES_UP = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE TEXT SEARCH CONFIGURATION article_search (COPY = simple)",
    # Whole hyphenated words are dropped and only their parts kept, as SQLite's unicode61 does.
    "ALTER TEXT SEARCH CONFIGURATION article_search DROP MAPPING FOR hword, asciihword, numhword",
    """ALTER TEXT SEARCH CONFIGURATION article_search ALTER MAPPING FOR asciiword, word, numword, hword_part,
        hword_asciipart, hword_numpart WITH unaccent, simple""",
    """ALTER TABLE article ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('article_search', title), 'A')
        || setweight(to_tsvector('article_search', coalesce(caption, '')), 'B')
        || setweight(to_tsvector('article_search', body), 'C')) STORED""",
    "CREATE INDEX ix_article_search_vector ON article USING gin (search_vector)",
]
POSTGRES_DOWN = [
    "DROP INDEX ix_article_search_vector",
    "ALTER TABLE article DROP COLUMN search_vector",
    "DROP TEXT SEARCH CONFIGURATION article_search",
]


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    # PostgreSQL sorts the folded names bytewise, as SQLite does, whatever the database's locale.
    sort_type = sa.String(length=300) if sqlite else sa.String(length=300, collation="C")
    with op.batch_alter_table("entity", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sort_name", sort_type, server_default="", nullable=False))
        batch_op.create_index("ix_entity_type_sort_name", ["type", "sort_name", "id"], unique=False)
        batch_op.create_index("ix_entity_type_mention_count", ["type", "mention_count", "id"], unique=False)
    _fill_sort_names()
    for statement in SQLITE_UP if sqlite else POSTGRES_UP:
        op.execute(statement)


def _fill_sort_names() -> None:
    entity = sa.table("entity", sa.column("id", sa.Integer), sa.column("name"), sa.column("sort_name"))
    bind = op.get_bind()
    rows = [
        {"entity_id": id_, "folded": fold(name)} for id_, name in bind.execute(sa.select(entity.c.id, entity.c.name))
    ]
    if rows:
        update = entity.update().where(entity.c.id == sa.bindparam("entity_id"))
        bind.execute(update.values(sort_name=sa.bindparam("folded")), rows)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in SQLITE_DOWN if sqlite else POSTGRES_DOWN:
        op.execute(statement)
    with op.batch_alter_table("entity", schema=None) as batch_op:
        batch_op.drop_index("ix_entity_type_mention_count")
        batch_op.drop_index("ix_entity_type_sort_name")
        batch_op.drop_column("sort_name")
