"""Finding a row by the `{id}` of a path, which is an integer id or a slug."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, SQLColumnExpression, Table, bindparam
from sqlmodel import Session

from app.services.prepared import Prepared, Reads, Row

MAX_ID = 2**63 - 1


def parse_id(ref: str) -> int | None:
    """The integer id a path segment spells, or None when it is a slug."""
    if ref.isascii() and ref.isdigit() and int(ref) <= MAX_ID:
        return int(ref)
    return None


def find_by_ref(
    session: Session,
    query: Select[Any],
    *,
    ref: str,
    id_column: SQLColumnExpression[Any],
    slug_column: SQLColumnExpression[str],
) -> Any | None:
    """The first row of `query` whose id (when `ref` is all digits) or else slug is `ref`."""
    if "\x00" in ref:  # no slug holds one, and PostgreSQL refuses NUL in text
        return None
    row_id = parse_id(ref)
    if row_id is not None and (found := session.execute(query.where(id_column == row_id)).scalars().first()):
        return found
    return session.execute(query.where(slug_column == ref)).scalars().first()


@dataclass(frozen=True, slots=True)
class ByRef:
    """A query of a table with `id` and `slug` columns, prepared twice: narrowed to one id (bound `id`), and to
    one slug (bound `slug`)."""

    by_id: Prepared
    by_slug: Prepared

    @classmethod
    def of(cls, query: Select[Any], table: Table) -> "ByRef":
        return cls(Prepared(query.where(table.c.id == bindparam("id"))),
                   Prepared(query.where(table.c.slug == bindparam("slug"))))  # fmt: skip

    def find(self, reads: Reads, *, ref: str, kept: bool = False, **bound: Any) -> Row | None:
        """The row of this id when `ref` is all digits, else of this slug; `bound` are the query's other values.
        `kept`: read through the results kept while the database is unchanged (`Reads.kept_rows`)."""
        if "\x00" in ref:  # no slug holds one, and PostgreSQL refuses NUL in text
            return None
        first = reads.kept_first if kept else reads.first
        row_id = parse_id(ref)
        if row_id is not None and (found := first(self.by_id, {**bound, "id": row_id})):
            return found
        return first(self.by_slug, {**bound, "slug": ref})
