"""Entities named in query parameters (`person=`, `place=`, `organisation=`): an id, a slug or a name."""

from collections.abc import Sequence
from typing import NamedTuple

from sqlalchemy import bindparam, select

from app.errors import InvalidParameter
from app.models import Entity, EntityType
from app.schemas import FieldError
from app.services.prepared import Prepared, Reads, Row
from app.services.refs import ByRef
from app.text import fold

Wanted = Sequence[tuple[str, EntityType, Sequence[str]]]
ENTITY = Entity.__table__  # type: ignore[attr-defined]
# A filter needs an entity's key alone: its id and article count, not the dates and places of its detail.
KEY_BY_REF = ByRef.of(select(ENTITY.c.id, ENTITY.c.article_count).where(ENTITY.c.type == bindparam("type")), ENTITY)
# Among namesakes, the exact spelling, then the most written about, wins.
BY_NAME = Prepared(
    select(ENTITY.c.id, ENTITY.c.article_count)
    .where(ENTITY.c.type == bindparam("type"), ENTITY.c.sort_name == bindparam("folded"))
    .order_by((ENTITY.c.name == bindparam("name")).desc(), ENTITY.c.article_count.desc(), ENTITY.c.id)
    .limit(1)
)


class EntityKey(NamedTuple):
    """An entity as a filter needs it: its id, and how many articles name it (the rarest drives the query)."""

    id: int
    article_count: int

    @classmethod
    def of(cls, row: Row) -> "EntityKey":
        return cls(row["id"], row["article_count"])


def find_entity(reads: Reads, *, entity_type: EntityType, ref: str) -> EntityKey | None:
    """The entity of this type with this id or slug, else the one of this name (case and accents aside). Kept
    while the database is unchanged: every page of a filtered list names its entities again."""
    found = KEY_BY_REF.find(reads, ref=ref, kept=True, type=entity_type.value)
    if found is None and "\x00" not in ref:
        found = reads.kept_first(BY_NAME, {"type": entity_type.value, "folded": fold(ref), "name": ref})
    return EntityKey.of(found) if found is not None else None


def resolve_entities(reads: Reads, wanted: Wanted) -> list[EntityKey]:
    """The entities of each (parameter, type, references); raises InvalidParameter naming every unknown one."""
    found: list[EntityKey] = []
    errors: list[FieldError] = []
    for param, entity_type, refs in wanted:
        for ref in refs:
            entity = find_entity(reads, entity_type=entity_type, ref=ref)
            if entity is None:
                message = f"{ref!r} is not the id, slug or name of a {entity_type}"
                errors.append(FieldError(param=param, message=message))
            elif entity not in found:
                found.append(entity)
    if errors:
        raise InvalidParameter("; ".join(f"{e.param} {e.message}" for e in errors), errors=errors)
    return found
