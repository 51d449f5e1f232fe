"""Seeding files through the real pipeline and storage: idempotent, updates in place, bad files skipped."""

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from app.ingest.extract import SpacyExtractor
from app.ingest.pipeline import Summary, ingest_files, reindex
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
