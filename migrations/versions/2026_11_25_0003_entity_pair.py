"""entity pairs: the entities named together and in how many articles, for related entities

Revision ID: 5b8f0c3e7a21
Revises: 7d1e4a9c2b60
Create Date: 2026-11-25 20:10:00.000000

One row each way per pair, counted from the stored links; the store keeps them in step from then on.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5b8f0c3e7a21"
down_revision: str | None = "7d1e4a9c2b60"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FILL = """
    INSERT INTO entity_pair (entity_id, other_id, other_type, article_count)
    SELECT mine.entity_id, theirs.entity_id, entity.type, count(*)
    FROM article_entity AS mine
    JOIN article_entity AS theirs ON theirs.article_id = mine.article_id AND theirs.entity_id <> mine.entity_id
    JOIN entity ON entity.id = theirs.entity_id
    GROUP BY mine.entity_id, theirs.entity_id, entity.type
"""


def upgrade() -> None:
    op.create_table(
        "entity_pair",
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("other_id", sa.Integer(), nullable=False),
        sa.Column("other_type", sa.String(length=16), nullable=False),
        sa.Column("article_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entity_id"], ["entity.id"], name=op.f("fk_entity_pair_entity_id_entity"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["other_id"], ["entity.id"], name=op.f("fk_entity_pair_other_id_entity"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("entity_id", "other_id", name=op.f("pk_entity_pair")),
    )
    op.execute(FILL)
    with op.batch_alter_table("entity_pair", schema=None) as batch_op:
        batch_op.create_index("ix_entity_pair_count", ["entity_id", "article_count", "other_id"], unique=False)
        batch_op.create_index(
            "ix_entity_pair_type_count", ["entity_id", "other_type", "article_count", "other_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_entity_pair_other_id"), ["other_id"], unique=False)


def downgrade() -> None:
    op.drop_table("entity_pair")
