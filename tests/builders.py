"""Keyword-only builders of test data with deterministic defaults, ingested through the real pipeline."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.config import ROOT
from app.ingest.extract import Extractor
from app.ingest.pipeline import ingest_article
from app.ingest.reader import read_article

SEED_ARTICLE = ROOT / "seed_data" / "2025-06-23-goita-recu-par-poutine-a-moscou.txt"
PUBLISHED = date(2025, 6, 23)


def article_text(
    *, title: str, caption: str | None, paragraphs: Sequence[str], published_at: date | None, source: str | None,
    language: str = "fr",
) -> str:  # fmt: skip
    """An article in the seed-file format: front matter, title, optional caption, paragraphs."""
    front = {"published_at": published_at.isoformat() if published_at else None, "language": language,
             "source": source}  # fmt: skip
    header = "".join(f"{key}: {value}\n" for key, value in front.items() if value)
    return f"---\n{header}---\n" + "\n\n".join([title, *([caption] if caption else []), *paragraphs]) + "\n"


@dataclass(frozen=True, slots=True)
class ArticleBuilder:
    """Ingests test articles into one database with one extractor; each call commits and returns the id."""

    engine: Engine
    extractor: Extractor

    def __call__(
        self,
        *,
        title: str = "Dépêche de test",
        caption: str | None = None,
        paragraphs: Sequence[str] = ("Un paragraphe sans personne ni lieu.",),
        published_at: date | None = PUBLISHED,
        source: str | None = "AFP",
        language: str = "fr",
    ) -> int:
        text = article_text(title=title, caption=caption, paragraphs=paragraphs, published_at=published_at,
                            source=source, language=language)  # fmt: skip
        raw = read_article(text.encode())
        assert (raw.title, raw.caption, raw.paragraphs) == (title, caption, list(paragraphs)), "reader split differs"
        return self._ingest(text.encode())

    def seed_article(self) -> int:
        """Ingests the project's seed article as shipped in `seed_data/`."""
        return self._ingest(SEED_ARTICLE.read_bytes())

    def _ingest(self, data: bytes) -> int:
        with Session(self.engine) as session:
            stored = ingest_article(session, read_article(data), lambda: self.extractor)
            session.commit()
        assert stored.status == "loaded", f"article ingested as {stored.status}"
        return stored.article_id
