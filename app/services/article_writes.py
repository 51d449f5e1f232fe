"""Article writes through the ingest pipeline the seed uses, one transaction each: create, replace, delete.

The ingest side (and spaCy behind it) is imported on the first write only: a read-only server never loads it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from app.errors import Conflict
from app.models import Article

if TYPE_CHECKING:
    from app.ingest.extract import Extractor
    from app.ingest.pipeline import ExtractorLoader
    from app.ingest.reader import RawArticle
    from app.ingest.store import Stored


@dataclass(frozen=True, slots=True)
class Written:
    article: Article
    created: bool


def spacy_loader(model_name: str) -> "ExtractorLoader":
    """A loader of the packaged spaCy model, imported and loaded on its first call (the first write)."""

    def load() -> "Extractor":
        from app.ingest.extract import load_extractor

        return load_extractor(model_name)

    return load


def create_article(session: Session, *, raw: "RawArticle", load_extractor: "ExtractorLoader") -> Written:
    """Stores a new article, or finds the one with the same content (idempotent by content hash)."""
    from app.ingest.pipeline import ingest_article
    from app.ingest.store import id_by_hash

    stored = _commit(session, lambda: ingest_article(session, raw, load_extractor))
    # Losing a race to an identical write leaves no id of ours: the winner's article is the answer.
    article_id = stored.article_id if stored else id_by_hash(session, raw.content_hash)
    article = session.get(Article, article_id) if article_id is not None else None
    if article is None:
        raise Conflict("A concurrent write took this article's slug; send it again.")
    return Written(article, created=stored is not None and stored.status == "loaded")


def replace_article(
    session: Session, *, article: Article, raw: "RawArticle", load_extractor: "ExtractorLoader"
) -> Article:
    """Replaces an article's content, keeping its id and slug; content another article has is a conflict."""
    from app.ingest.pipeline import ingest_article

    stored = _commit(session, lambda: ingest_article(session, raw, load_extractor, replace=article))
    if stored is None:
        raise Conflict("A concurrent write stored this content first; read it again.")
    if stored.article_id != article.id:  # the pipeline found this content under another article
        same = session.get(Article, stored.article_id)
        assert same is not None
        raise Conflict(f"Article {same.id} ({same.slug}) already has this content.")
    session.refresh(article)
    return article


def delete_article(session: Session, *, article: Article) -> None:
    """Deletes the article; people, places and organisations it alone named go with it."""
    from app.ingest import store

    store.delete_article(session, article)
    session.commit()


def _commit(session: Session, write: Callable[[], "Stored"]) -> "Stored | None":
    """Runs the write and commits; None when a unique constraint lost a race to a concurrent write."""
    try:
        stored = write()
        session.commit()
    except IntegrityError:
        session.rollback()
        return None
    return stored
