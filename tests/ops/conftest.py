"""Fixtures of the operations tests."""

from pathlib import Path

import pytest

from tests.ops.processes import cli


@pytest.fixture
def database(tmp_path: Path) -> Path:
    """An empty database at the latest migration, made by `python -m app migrate`."""
    path = tmp_path / "news.db"
    migrate = cli(path, "migrate")
    migrate.communicate(timeout=60)
    assert migrate.returncode == 0
    return path
