"""Seeding files through the real pipeline and storage: idempotent, updates in place, bad files skipped."""

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from app.config import ROOT
from app.db import make_engine
from app.ingest.extract import SpacyExtractor
from app.ingest.pipeline import BATCH_ARTICLES, Storer, Summary, ingest_files, reindex
from app.ingest.reader import read_article
from app.models import Article, ArticleEntity, Entity, Mention

FIRST = "Poutine reçoit Goïta\n\nVladimir Poutine et Assimi Goïta au Kremlin\n\nM. Poutine a reçu M. Goïta à Moscou.\n"
SECOND = "Goïta à Bamako\n\nAssimi Goïta a regagné Bamako.\n"
MAX_BYTES = 1_000_000


def seed(engine: Engine, extractor: SpacyExtractor, *paths: Path) -> Summary:
    return ingest_files(engine, sorted(paths), lambda: extractor, max_bytes=MAX_BYTES)


def counts(engine: Engine) -> dict[str, tuple[int, int]]:
    """Entity name -> (article_count, mention_count), as stored."""
    with Session(engine) as session:
        rows = session.execute(select(col(Entity.name), col(Entity.article_count), col(Entity.mention_count)))
        return {name: (articles, mentions) for name, articles, mentions in rows}


def recounted(engine: Engine) -> dict[str, tuple[int, int]]:
    """The same figures recomputed from the links: what the stored counts must equal."""
    query = (
        select(col(Entity.name), func.count(), func.sum(ArticleEntity.mention_count))
        .join(ArticleEntity, col(ArticleEntity.entity_id) == Entity.id)
        .group_by(col(Entity.id))
    )
    with Session(engine) as session:
        return {name: (articles, mentions) for name, articles, mentions in session.execute(query)}


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    (tmp_path / "a.txt").write_text(FIRST, encoding="utf-8")
    (tmp_path / "b.txt").write_text(SECOND, encoding="utf-8")
    return [tmp_path / "a.txt", tmp_path / "b.txt"]


def test_seeding_loads_every_file_with_exact_counts(
    engine: Engine, fake_extractor: SpacyExtractor, files: list[Path]
) -> None:
    summary = seed(engine, fake_extractor, *files)
    assert (summary.loaded, summary.updated, summary.unchanged, summary.failed) == (2, 0, 0, [])
    assert counts(engine) == {"Vladimir Poutine": (1, 3), "Assimi Goïta": (2, 5), "Kremlin": (1, 1),
                              "Moscou": (1, 1), "Bamako": (1, 2)}  # fmt: skip
    assert counts(engine) == recounted(engine)


def test_a_second_run_changes_nothing(engine: Engine, fake_extractor: SpacyExtractor, files: list[Path]) -> None:
    seed(engine, fake_extractor, *files)
    before = counts(engine)
    summary = seed(engine, fake_extractor, *files)
    assert (summary.loaded, summary.updated, summary.unchanged) == (0, 0, 2)
    assert counts(engine) == before


def test_an_edited_file_updates_its_article_and_the_counts(
    engine: Engine, fake_extractor: SpacyExtractor, files: list[Path]
) -> None:
    seed(engine, fake_extractor, *files)
    files[1].write_text("Goïta à Dakar\n\nAssimi Goïta a gagné Dakar, puis Dakar encore.\n", encoding="utf-8")
    summary = seed(engine, fake_extractor, *files)
    assert (summary.loaded, summary.updated, summary.unchanged) == (0, 1, 1)
    assert counts(engine) == {"Vladimir Poutine": (1, 3), "Assimi Goïta": (2, 5), "Kremlin": (1, 1),
                              "Moscou": (1, 1), "Dakar": (1, 3)}  # fmt: skip
    with Session(engine) as session:
        assert session.execute(select(func.count()).select_from(Article)).scalar() == 2


def test_bad_files_are_reported_and_the_others_load(
    engine: Engine, fake_extractor: SpacyExtractor, files: list[Path], tmp_path: Path
) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "latin1.txt").write_bytes("Titre\n\nCafé.".encode("latin-1"))
    (tmp_path / "big.txt").write_bytes(b"Titre\n\n" + b"mot " * MAX_BYTES)
    summary = seed(
        engine, fake_extractor, *files, tmp_path / "empty.txt", tmp_path / "latin1.txt", tmp_path / "big.txt"
    )
    assert summary.loaded == 2
    assert sorted((Path(path).name, reason) for path, reason in summary.failed) == [
        ("big.txt", "file too large (4.0 MB, limit 1.0 MB)"),
        ("empty.txt", "empty file"),
        ("latin1.txt", "not UTF-8 text (invalid byte 0xe9 at offset 10)"),
    ]


def test_reindex_is_idempotent_and_keeps_counts_exact(
    engine: Engine, fake_extractor: SpacyExtractor, files: list[Path]
) -> None:
    seed(engine, fake_extractor, *files)
    before = counts(engine)
    assert reindex(engine, lambda: fake_extractor) == 2
    assert reindex(engine, lambda: fake_extractor) == 2
    assert counts(engine) == before == recounted(engine)
    with Session(engine) as session:
        assert session.execute(select(func.count()).select_from(Mention)).scalar() == 12


def stored(engine: Engine) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]], int]:
    """What a seed leaves, by name rather than id: each article with its list item, each entity with its counts,
    and the number of mentions."""
    with Session(engine) as session:
        articles = session.execute(
            select(col(Article.id), col(Article.source_file), col(Article.slug), col(Article.summary_json))
            .order_by(col(Article.id))
        ).all()  # fmt: skip
        entities = session.execute(
            select(col(Entity.type), col(Entity.name), col(Entity.slug), col(Entity.article_count),
                   col(Entity.mention_count)).order_by(col(Entity.type), col(Entity.name))
        ).all()  # fmt: skip
        mentions = session.execute(select(func.count()).select_from(Mention)).scalar_one()
    return [tuple(row) for row in articles], [tuple(row) for row in entities], mentions


@pytest.fixture
def many_files(tmp_path: Path) -> list[Path]:
    """The seed corpus twice, each copy distinct: more articles than a batch, so a seed runs in two processes."""
    paths = []
    for copy in (1, 2):
        for source in sorted((ROOT / "seed_data").glob("*.txt")):
            path = tmp_path / f"{copy}-{source.name}"
            path.write_text(source.read_text(encoding="utf-8") + f"\n\nCopie {copy}.\n", encoding="utf-8")
            paths.append(path)
    assert len(paths) > 2 * BATCH_ARTICLES
    return paths


def test_a_seed_in_two_processes_stores_what_one_process_stores(
    engine: Engine, fake_extractor: SpacyExtractor, many_files: list[Path], template_database: Path, tmp_path: Path
) -> None:
    summary = ingest_files(engine, many_files, lambda: fake_extractor, max_bytes=MAX_BYTES)
    assert (summary.loaded, summary.updated, summary.unchanged, summary.failed) == (len(many_files), 0, 0, [])
    alone = make_engine(f"sqlite:///{shutil.copyfile(template_database, tmp_path / 'alone.db')}")
    ingest_files(alone, many_files, lambda: fake_extractor, max_bytes=MAX_BYTES, pipelined=False)
    assert stored(engine) == stored(alone)
    assert counts(engine) == recounted(engine)
    again = ingest_files(engine, many_files, lambda: fake_extractor, max_bytes=MAX_BYTES)
    assert (again.loaded, again.updated, again.unchanged) == (0, 0, len(many_files))


def test_the_storing_process_starts_with_the_first_article_to_store_on_a_database_it_can_open(
    engine: Engine, template_database: Path
) -> None:
    summary = Summary()
    with Storer(engine, summary, print, pipelined=True) as storer:
        assert storer.executor is None
        storer.expect()
        assert storer.executor is not None
    for url, pipelined in [("sqlite://", True), ("sqlite:///file::memory:?uri=true", True), (str(engine.url), False)]:
        with Storer(make_engine(url), summary, print, pipelined=pipelined) as storer:
            storer.expect()
            assert storer.executor is None


@pytest.mark.parametrize("pipelined", [True, False])
def test_a_failure_to_store_is_reported_and_stops_the_seed_there_keeping_what_was_stored(
    fake_extractor: SpacyExtractor, many_files: list[Path], template_database: Path, tmp_path: Path, pipelined: bool
) -> None:
    engine = make_engine(f"sqlite:///{shutil.copyfile(template_database, tmp_path / 'refusing.db')}")
    refused = many_files[BATCH_ARTICLES + 3]
    title = read_article(refused.read_bytes()).title.replace("'", "''")
    with engine.begin() as connection:
        connection.exec_driver_sql(f"CREATE TRIGGER refuse BEFORE INSERT ON article WHEN NEW.title = '{title}' "
                                   "BEGIN SELECT RAISE(ABORT, 'article refused'); END")  # fmt: skip
    summary = ingest_files(engine, many_files, lambda: fake_extractor, max_bytes=MAX_BYTES, pipelined=pipelined)
    stored = BATCH_ARTICLES + 3
    assert (summary.loaded, summary.not_attempted) == (stored, len(many_files) - stored - 1)
    assert summary.failed == [(str(refused), "not stored: IntegrityError: article refused")]
    with Session(engine) as session:
        assert session.execute(select(func.count()).select_from(Article)).scalar() == stored
