"""Corpus statistics: how many of each resource, when the corpus last changed, what extracted the entities."""

from importlib.metadata import PackageNotFoundError, version

from sqlalchemy import func, select
from sqlmodel import Session, col

from app.models import Article, Entity, EntityType, Mention
from app.schemas_search import Counts, Extractor, Stats

PLURALS = {EntityType.person: "people", EntityType.place: "places", EntityType.organisation: "organisations"}


def get_stats(session: Session, *, model: str) -> Stats:
    """Counts each resource and reads the extractor's model version from its installed package (not spaCy)."""
    articles, last_change = session.execute(select(func.count(), func.max(Article.updated_at))).one()
    by_type = dict(session.execute(select(col(Entity.type), func.count()).group_by(col(Entity.type))).all())
    mentions = session.execute(select(func.count()).select_from(Mention)).scalar_one()
    counts = Counts(articles=articles, mentions=mentions, **{PLURALS[t]: by_type.get(t, 0) for t in EntityType})
    return Stats(
        counts=counts,
        last_ingest_at=last_change,
        extractor=Extractor(name="spacy", model=model, version=_version(model)),
    )


def _version(model: str) -> str | None:
    try:
        return version(model.replace("_", "-"))
    except PackageNotFoundError:
        return None
