"""Entities named in query parameters (`person=`, `place=`, `organisation=`): an id, a slug or a name."""

from collections.abc import Sequence

from sqlalchemy import select
from sqlmodel import Session, col

from app.errors import InvalidParameter
from app.models import Entity, EntityType
from app.schemas import FieldError
from app.services.refs import find_by_ref
from app.text import fold

Wanted = Sequence[tuple[str, EntityType, Sequence[str]]]


def find_entity(session: Session, *, entity_type: EntityType, ref: str) -> Entity | None:
    """The entity of this type with this id or slug, else the one of this name (case and accents aside;
    the exact spelling, then the most written about, wins among namesakes)."""
    typed = select(Entity).where(col(Entity.type) == entity_type)
    found: Entity | None = find_by_ref(session, typed, ref=ref, id_column=col(Entity.id),
                                       slug_column=col(Entity.slug))  # fmt: skip
    if found is not None or "\x00" in ref:
        return found
    by_name = typed.where(col(Entity.sort_name) == fold(ref)).order_by(
        (col(Entity.name) == ref).desc(), col(Entity.article_count).desc(), col(Entity.id)
    )
    return session.execute(by_name.limit(1)).scalars().first()


def resolve_entities(session: Session, wanted: Wanted) -> list[Entity]:
    """The entities of each (parameter, type, references); raises InvalidParameter naming every unknown one."""
    found: list[Entity] = []
    errors: list[FieldError] = []
    for param, entity_type, refs in wanted:
        for ref in refs:
            entity = find_entity(session, entity_type=entity_type, ref=ref)
            if entity is None:
                message = f"{ref!r} is not the id, slug or name of a {entity_type}"
                errors.append(FieldError(param=param, message=message))
            elif entity not in found:
                found.append(entity)
    if errors:
        raise InvalidParameter("; ".join(f"{e.param} {e.message}" for e in errors), errors=errors)
    return found
