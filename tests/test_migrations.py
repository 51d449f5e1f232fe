from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, inspect

from app.cli import alembic_config, migrate

TABLES = {"alembic_version", "article", "entity", "entity_alias", "article_entity", "mention"}


def test_upgrade_from_empty_builds_every_table(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'news.db'}"
    migrate(url)
    assert set(inspect(create_engine(url)).get_table_names()) >= TABLES


def test_models_and_migrations_do_not_drift(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'news.db'}"
    migrate(url)
    command.check(alembic_config(url))


def test_downgrade_to_base_and_back(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'news.db'}"
    migrate(url)
    command.downgrade(alembic_config(url), "base")
    assert set(inspect(create_engine(url)).get_table_names()) == {"alembic_version"}
    migrate(url)
    assert set(inspect(create_engine(url)).get_table_names()) >= TABLES
