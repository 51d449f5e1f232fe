"""read -> extract -> resolve -> store, for seed files and for API writes alike."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from app.ingest.entities import ResolvedEntity
from app.ingest.extract import Extractor
from app.ingest.gazetteer import get_gazetteer
from app.ingest.language import detect_language, skip_reason
from app.ingest.reader import RawArticle, ReadError, read_article
from app.ingest.resolve import resolve
from app.ingest.store import ArticleFields, Stored, id_by_hash, store_article
from app.models import Article

ExtractorLoader = Callable[[], Extractor]
BATCH_ARTICLES = 32


@dataclass(slots=True)
class Summary:
    loaded: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)

    def count(self, status: str) -> None:
        setattr(self, status, getattr(self, status) + 1)


@dataclass(frozen=True, slots=True)
class Pending:
    source_file: str
    raw: RawArticle


def texts_of(raw: RawArticle) -> list[str]:
    """The sections extraction runs on, each on its own: title, caption, then each paragraph."""
    return [raw.title, *([raw.caption] if raw.caption else []), *raw.paragraphs]


def analyse(
    raws: list[RawArticle], load_extractor: ExtractorLoader
) -> list[tuple[ArticleFields, list[ResolvedEntity]]]:
    """Extracts and resolves a batch of articles: one `nlp.pipe` over all their sections."""
    fields = [_fields(raw) for raw in raws]
    todo = [i for i, f in enumerate(fields) if f.extraction_note is None]
    texts = [texts_of(raws[i]) for i in todo]
    spans = load_extractor().extract([t for group in texts for t in group]) if todo else []
    results: list[tuple[ArticleFields, list[ResolvedEntity]]] = [(f, []) for f in fields]
    offset = 0
    for i, group in zip(todo, texts, strict=True):
        results[i] = (fields[i], resolve(group, spans[offset : offset + len(group)], get_gazetteer()))
        offset += len(group)
    return results


def _fields(raw: RawArticle) -> ArticleFields:
    language = raw.language or detect_language(" ".join(texts_of(raw)))
    return ArticleFields(
        title=raw.title, caption=raw.caption, paragraphs=raw.paragraphs, content_hash=raw.content_hash,
        published_at=raw.published_at, language=language, source=raw.source, url=raw.url,
        extraction_note=skip_reason(language),
    )  # fmt: skip


def ingest_article(
    session: Session, raw: RawArticle, load_extractor: ExtractorLoader, *, replace: Article | None = None
) -> Stored:
    """Runs one article through the whole pipeline in the caller's transaction (the API write path)."""
    existing = id_by_hash(session, raw.content_hash)
    if existing is not None:
        return Stored("unchanged", existing)
    [(fields, entities)] = analyse([raw], load_extractor)
    return store_article(session, fields, entities, replace=replace)


def ingest_files(
    engine: Engine, paths: Iterable[Path], load_extractor: ExtractorLoader, *, max_bytes: int,
    progress: Callable[[int], object] = lambda _n: None,
) -> Summary:  # fmt: skip
    """Loads seed files; each article commits on its own, so an interrupted run loses nothing done."""
    summary, pending = Summary(), []
    for path in paths:
        item = _read(path, max_bytes, summary)
        if item is None or _known(engine, item, summary):
            progress(1)
            continue
        pending.append(item)
        if len(pending) >= BATCH_ARTICLES:
            _store_batch(engine, pending, load_extractor, summary, progress)
            pending = []
    _store_batch(engine, pending, load_extractor, summary, progress)
    return summary


def _read(path: Path, max_bytes: int, summary: Summary) -> Pending | None:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ReadError(f"file too large ({size / 1e6:.1f} MB, limit {max_bytes / 1e6:.1f} MB)")
        return Pending(path.name, read_article(path.read_bytes()))
    except (ReadError, OSError) as exc:
        summary.failed.append((str(path), _reason(exc)))
        return None


def _reason(exc: Exception) -> str:
    return exc.strerror or str(exc) if isinstance(exc, OSError) else str(exc)


def _known(engine: Engine, item: Pending, summary: Summary) -> bool:
    with Session(engine) as session:
        if id_by_hash(session, item.raw.content_hash) is None:
            return False
    summary.count("unchanged")
    return True


def _store_batch(
    engine: Engine, pending: list[Pending], load_extractor: ExtractorLoader, summary: Summary,
    progress: Callable[[int], object],
) -> None:  # fmt: skip
    for item, (fields, entities) in zip(pending, analyse([p.raw for p in pending], load_extractor), strict=True):
        with Session(engine) as session:
            stored = store_article(session, fields, entities, source_file=item.source_file)
            session.commit()
        summary.count(stored.status)
        progress(1)


def stored_raw(article: Article) -> RawArticle:
    """The stored article as the reader would have produced it, for re-extraction."""
    return RawArticle(
        title=article.title, caption=article.caption, paragraphs=article.body.split("\n\n"),
        content_hash=article.content_hash, published_at=article.published_at, language=article.language,
        source=article.source, url=article.url,
    )  # fmt: skip


def reindex(
    engine: Engine, load_extractor: ExtractorLoader, *, progress: Callable[[int], object] = lambda _n: None
) -> int:
    """Re-runs extraction and resolution over every stored article; returns how many were processed."""
    with Session(engine) as session:
        ids = list(session.execute(select(col(Article.id)).order_by(col(Article.id))).scalars().all())
    for start in range(0, len(ids), BATCH_ARTICLES):
        with Session(engine) as session:
            articles = list(
                session.execute(
                    select(Article).where(col(Article.id).in_(ids[start : start + BATCH_ARTICLES]))
                ).scalars()
            )
            for article, (fields, entities) in zip(
                articles, analyse([stored_raw(a) for a in articles], load_extractor), strict=True
            ):
                store_article(session, fields, entities, replace=article)
            session.commit()
        progress(len(articles))
    return len(ids)
