import pytest

from app.config import Settings


def test_lists_are_read_comma_separated_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("API_KEYS", "first-key, second-key")
    monkeypatch.setenv("CORS_ORIGINS", "https://desk.example.org")
    settings = Settings()
    assert (settings.api_keys, settings.cors_origins) == (["first-key", "second-key"], ["https://desk.example.org"])


@pytest.mark.parametrize("url", ["postgresql://news@db:5432/news", "postgres://news@db:5432/news"])
def test_a_plain_postgresql_url_works_as_given(url: str) -> None:
    assert Settings(database_url=url).database_url == "postgresql+psycopg://news@db:5432/news"


def test_defaults_run_locally(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DATABASE_URL", "API_KEYS", "CORS_ORIGINS"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings(_env_file=None)
    assert (settings.database_url, settings.api_keys, settings.cors_origins) == ("sqlite:///./news.db", [], ["*"])
