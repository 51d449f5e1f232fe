"""read -> extract -> resolve -> store, for seed files and for API writes alike.

Seeding more files than one batch runs in two processes: this one reads the files and runs the model over
them, batch after batch, while a second one resolves and stores the batches extracted before, in the order read
(at most `IN_FLIGHT` of them waiting). The model keeps one core busy; the resolution rules and the store run on
the other (README: ingest). A single batch, and an in-memory database, stay in this process.
"""

import ctypes
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from multiprocessing import get_context
from pathlib import Path
from signal import SIG_IGN, SIGINT, SIGKILL, signal

from sqlalchemy import URL, select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from app.db import make_engine
from app.ingest.entities import ResolvedEntity
from app.ingest.extract import Extractor, Span
from app.ingest.gazetteer import get_gazetteer
from app.ingest.language import detect_language, skip_reason
from app.ingest.reader import RawArticle, ReadError, read_article
from app.ingest.resolve import resolve
from app.ingest.store import ArticleFields, Stored, id_by_hash, store_article
from app.models import Article

ExtractorLoader = Callable[[], Extractor]
BATCH_ARTICLES = 16
IN_FLIGHT = 4


@dataclass(slots=True)
class Summary:
    loaded: int = 0
    updated: int = 0
    unchanged: int = 0
    not_attempted: int = 0  # after a failure to store, which stops the seed
    failed: list[tuple[str, str]] = field(default_factory=list)

    def count(self, status: str) -> None:
        setattr(self, status, getattr(self, status) + 1)


@dataclass(frozen=True, slots=True)
class Pending:
    path: Path
    raw: RawArticle


@dataclass(frozen=True, slots=True)
class Extracted:
    """An article read and run through the model, its spans not yet resolved: what the storing process gets."""

    fields: ArticleFields
    texts: list[str]
    spans: list[list[Span]]
    source_file: str | None = None

    def resolved(self) -> list[ResolvedEntity]:
        return resolve(self.texts, self.spans, get_gazetteer()) if self.fields.extraction_note is None else []


def texts_of(raw: RawArticle) -> list[str]:
    """The sections extraction runs on, each on its own: title, caption, then each paragraph."""
    return [raw.title, *([raw.caption] if raw.caption else []), *raw.paragraphs]


def extract(
    raws: list[RawArticle], load_extractor: ExtractorLoader, source_files: list[str] | None = None
) -> list[Extracted]:
    """Runs a batch of articles through the model: one `nlp.pipe` over all their sections (none for an article
    whose extraction is skipped)."""
    fields = [_fields(raw) for raw in raws]
    texts = [texts_of(raw) if f.extraction_note is None else [] for raw, f in zip(raws, fields, strict=True)]
    flat = [text for group in texts for text in group]
    spans = iter(load_extractor().extract(flat) if flat else [])
    names: list[str | None] = list(source_files) if source_files else [None] * len(raws)
    return [Extracted(f, group, [next(spans) for _text in group], name)
            for f, group, name in zip(fields, texts, names, strict=True)]  # fmt: skip


def analyse(
    raws: list[RawArticle], load_extractor: ExtractorLoader
) -> list[tuple[ArticleFields, list[ResolvedEntity]]]:
    """Extracts and resolves a batch of articles."""
    return [(item.fields, item.resolved()) for item in extract(raws, load_extractor)]


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
    progress: Callable[[int], object] = lambda _n: None, pipelined: bool = True,
) -> Summary:  # fmt: skip
    """Loads seed files; each article commits on its own, so an interrupted run loses nothing done. A file that
    cannot be read is reported and passed; an article that cannot be stored is reported and stops the seed there
    (the files after it are counted as not attempted).

    With more files than a batch, a second process resolves and stores while this one reads and extracts
    (`pipelined=False` keeps everything here). It opens its own engine on the same URL (`make_engine`), and it is
    spawned: a script that calls this guards its entry point with `if __name__ == "__main__":`."""
    paths = list(paths)
    summary, pending = Summary(), []
    with Storer(engine, summary, progress, pipelined=pipelined and len(paths) > BATCH_ARTICLES) as storer:
        for done, path in enumerate(paths, start=1):
            item = _read(path, max_bytes, summary)
            if item is None or _known(engine, item, summary):
                progress(1)
                continue
            storer.expect()
            pending.append(item)
            if len(pending) >= BATCH_ARTICLES:
                storer.store(pending, _extract_pending(pending, load_extractor))
                pending = []
                if storer.stopped:
                    storer.skip(len(paths) - done)
                    break
        else:
            if pending:
                storer.store(pending, _extract_pending(pending, load_extractor))
    return summary


def _extract_pending(pending: list[Pending], load_extractor: ExtractorLoader) -> list[Extracted]:
    return extract([p.raw for p in pending], load_extractor, [p.path.name for p in pending])


class Storer:
    """Resolves and stores extracted batches in the order given: here, or in a process of its own, this one then
    waiting only when `IN_FLIGHT` batches are still unstored. That process starts with the first article to store
    and loads the gazetteer while the first batch is extracted. After a failure, nothing more is stored."""

    def __init__(self, engine: Engine, summary: Summary, progress: Callable[[int], object], *, pipelined: bool):
        self.engine, self.summary, self.progress = engine, summary, progress
        self.url = engine.url.render_as_string(hide_password=False)
        self.pipelined = pipelined and _shared(engine.url)
        self.executor: ProcessPoolExecutor | None = None
        self.in_flight: deque[tuple[Future[list[str]], list[Pending]]] = deque()
        self.stopped: Path | None = None  # the file whose failure stopped the seed

    def __enter__(self) -> "Storer":
        return self

    def __exit__(self, *exc_info: object) -> None:
        """Waits for every batch to be stored; the storing process then winds down (freeing its gazetteer takes
        most of a second) while the caller goes on. On an error here (Ctrl-C), the batches it took finish first."""
        settled = False
        try:
            while self.in_flight and exc_info[0] is None:
                self._collect()
            settled = exc_info[0] is None
        finally:
            if self.executor is not None:
                self.executor.shutdown(wait=not settled, cancel_futures=True)

    def expect(self) -> None:
        """An article will need storing: the storing process, if there is to be one, starts now."""
        if self.pipelined and self.executor is None:
            self.executor = _storing_process()
            self.pipelined = self.executor is not None
            if self.executor is not None:
                self.executor.submit(_store_in_worker, self.url, [])  # nothing waits for this one alone

    def store(self, pending: list[Pending], batch: list[Extracted]) -> None:
        if self.executor is None:
            self._settle(pending, lambda: store_extracted(self.engine, batch))
            return
        while len(self.in_flight) >= IN_FLIGHT:
            self._collect()
        self.in_flight.append((self.executor.submit(_store_in_worker, self.url, batch), pending))

    def skip(self, files: int) -> None:
        self.summary.not_attempted += files
        self.progress(files)

    def _collect(self) -> None:
        future, pending = self.in_flight.popleft()
        self._settle(pending, future.result)

    def _settle(self, pending: list[Pending], outcome: Callable[[], list[str]]) -> None:
        """Counts a batch's statuses; a failure is reported, and stops the seed."""
        try:
            statuses = outcome()
        except StoreError as error:
            failing = pending[len(error.stored)].path
            self.summary.failed.append((str(failing), error.reason))
            self.stopped = self.stopped or failing
            self.progress(1)
            statuses = [*error.stored, *["not_attempted"] * (len(pending) - len(error.stored) - 1)]
        for status in statuses:
            self.summary.count(status)
        if statuses:
            self.progress(len(statuses))


def _shared(url: URL) -> bool:
    """Whether another process opening this URL opens the same database: not an in-memory SQLite one."""
    if url.get_backend_name() != "sqlite":
        return True
    return bool(url.database) and ":memory:" not in str(url.database) and url.query.get("mode") != "memory"


def _storing_process() -> ProcessPoolExecutor | None:
    """The storing process, spawned; None where processes cannot be made."""
    try:
        return ProcessPoolExecutor(1, mp_context=get_context("spawn"), initializer=_follow, initargs=(os.getpid(),))
    except (OSError, NotImplementedError):
        return None


PR_SET_PDEATHSIG = 1  # prctl(2)


def _follow(seeding: int) -> None:
    """In the storing process: Ctrl-C is left to the seeding process (the batches taken are stored whole), and
    on Linux the kernel kills this process with the seeding one, so that a killed seed leaves no writer behind."""
    signal(SIGINT, SIG_IGN)
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, SIGKILL)
    if os.getppid() != seeding:  # it died before the kernel was told
        os._exit(1)


class StoreError(Exception):
    """An article that could not be resolved or stored: why, and the statuses of the articles of its batch stored
    before it. What it holds crosses between processes (the database's own errors do not all)."""

    def __init__(self, reason: str, stored: list[str]) -> None:
        super().__init__(reason, stored)
        self.reason, self.stored = reason, stored


def store_extracted(engine: Engine, batch: list[Extracted]) -> list[str]:
    """Resolves and stores each article of the batch in a transaction of its own; returns their statuses."""
    statuses: list[str] = []
    for item in batch:
        try:
            entities = item.resolved()
            with Session(engine) as session:
                statuses.append(store_article(session, item.fields, entities, source_file=item.source_file).status)
                session.commit()
        except Exception as error:
            cause = getattr(error, "orig", None) or error  # the driver's error, not SQLAlchemy's SQL and values
            raise StoreError(f"not stored: {type(cause).__name__}: {cause}", statuses) from error
    return statuses


def _store_in_worker(url: str, batch: list[Extracted]) -> list[str]:
    """In the storing process: stores a batch, unless one before it failed (then none is attempted: the seed
    stops at its first failure, as in one process)."""
    if _stopped:
        return ["not_attempted"] * len(batch)
    get_gazetteer()  # loaded by the first, empty, batch while the seeding process extracts the first real one
    try:
        return store_extracted(_engine(url), batch)
    except StoreError:
        _stopped.append(True)
        raise


_stopped: list[bool] = []  # in the storing process: whether a failure stopped the seed


@cache
def _engine(url: str) -> Engine:
    """The storing process's engine, made on its first batch and kept for the next."""
    return make_engine(url)


def _read(path: Path, max_bytes: int, summary: Summary) -> Pending | None:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ReadError(f"file too large ({size / 1e6:.1f} MB, limit {max_bytes / 1e6:.1f} MB)")
        return Pending(path, read_article(path.read_bytes()))
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
