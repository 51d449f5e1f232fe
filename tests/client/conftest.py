"""A real server on the seeded corpus, for clients generated from its own OpenAPI document."""

from collections.abc import Iterator

import pytest

from tests.browser.live import seeded_database, serving


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of `python -m app serve` on the seeded database (seeded once per session)."""
    database = seeded_database(tmp_path_factory)
    with serving(database, tmp_path_factory.mktemp("client-server") / "server.log") as base_url:
        yield base_url
