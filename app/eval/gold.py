"""Entity-level quality on the project's hand-written gold (`app/eval/gold.json`).

The gold articles are seeded through the real pipeline into a fresh SQLite database built by the
migrations, and what the database then serves is compared with the gold, article by article.
"""

import json
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlmodel import Session, col

from app.cli import migrate
from app.config import ROOT
from app.db import make_engine
from app.eval.scoring import PRF
from app.ingest.extract import load_extractor
from app.ingest.pipeline import ingest_files
from app.models import Article, ArticleEntity, Entity
from app.text import fold

GOLD = Path(__file__).with_name("gold.json")
TYPES = {"people": "person", "places": "place", "organisations": "organisation"}


@dataclass(frozen=True, slots=True)
class Served:
    id: int
    type: str
    name: str
    country_code: str | None


@dataclass(slots=True)
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    def prf(self) -> PRF:
        return PRF.from_counts(self.tp, self.fp, self.fn)


@dataclass(slots=True)
class GoldReport:
    articles: int
    tallies: dict[str, Tally]
    codes_right: int
    codes_total: int
    duplicates: list[str]


def load_gold(path: Path = GOLD) -> dict[str, dict[str, list]]:
    return dict(json.loads(path.read_text(encoding="utf-8")))


def evaluate_gold(model: str, seed_dir: Path = ROOT / "seed_data", gold_path: Path = GOLD) -> GoldReport:
    """Seeds the gold articles into a scratch database and scores what it serves."""
    gold = {name: entry for name, entry in load_gold(gold_path).items() if any(entry.values())}
    with tempfile.TemporaryDirectory() as scratch:
        url = f"sqlite:///{Path(scratch) / 'eval.db'}"
        migrate(url)
        engine = make_engine(url)
        ingest_files(engine, [seed_dir / name for name in sorted(gold)], lambda: load_extractor(model),
                     max_bytes=10_000_000)  # fmt: skip
        with Session(engine) as session:
            served = {name: _served(session, name) for name in gold}
        engine.dispose()
    return _score(gold, served)


def _served(session: Session, source_file: str) -> list[Served]:
    query = (
        select(col(Entity.id), col(Entity.type), col(Entity.name), col(Entity.country_code))
        .join(ArticleEntity, col(ArticleEntity.entity_id) == Entity.id)
        .join(Article, col(Article.id) == ArticleEntity.article_id)
        .where(col(Article.source_file) == source_file)
    )
    return [Served(*row) for row in session.execute(query).all()]


def _score(gold: dict[str, dict[str, list]], served: dict[str, list[Served]]) -> GoldReport:
    tallies = {kind: Tally() for kind in TYPES.values()}
    codes = [0, 0]
    ids_of_gold: dict[tuple[str, str], set[int]] = defaultdict(set)
    for name, entry in gold.items():
        for key, kind in TYPES.items():
            wanted = {fold(_name(item)): item for item in entry.get(key, [])}
            got = {fold(s.name): s for s in served[name] if s.type == kind}
            _tally(tallies[kind], name, wanted, got, codes)
            for folded in wanted.keys() & got.keys():
                ids_of_gold[(kind, folded)].add(got[folded].id)
    duplicates = [
        f"{kind} {folded!r}: {len(ids)} entities" for (kind, folded), ids in ids_of_gold.items() if len(ids) > 1
    ]
    duplicates += _split_within(gold, served)
    return GoldReport(len(gold), tallies, codes[0], codes[1], duplicates)


def _name(item: str | dict[str, str]) -> str:
    return item if isinstance(item, str) else item["name"]


def _tally(tally: Tally, article: str, wanted: dict, got: dict[str, Served], codes: list[int]) -> None:
    tally.tp += len(wanted.keys() & got.keys())
    tally.fp += len(got.keys() - wanted.keys())
    tally.fn += len(wanted.keys() - got.keys())
    tally.errors += [f"{article}: extra {got[k].name!r}" for k in sorted(got.keys() - wanted.keys())]
    tally.errors += [f"{article}: missed {_name(wanted[k])!r}" for k in sorted(wanted.keys() - got.keys())]
    for folded in wanted.keys() & got.keys():
        if isinstance(wanted[folded], dict):
            codes[0] += got[folded].country_code == wanted[folded].get("country_code")
            codes[1] += 1
            if got[folded].country_code != wanted[folded].get("country_code"):
                tally.errors.append(f"{article}: {got[folded].name!r} country {got[folded].country_code} "
                                    f"!= {wanted[folded].get('country_code')}")  # fmt: skip


def _split_within(gold: dict[str, dict[str, list]], served: dict[str, list[Served]]) -> list[str]:
    """An extra entity whose words all belong to a gold name served in the same article is a split-off
    duplicate ('Goïta' beside 'Assimi Goïta')."""
    found = []
    for name, entry in gold.items():
        for key, kind in TYPES.items():
            got = {fold(s.name) for s in served[name] if s.type == kind}
            wanted = {fold(_name(item)) for item in entry.get(key, [])}
            both = [set(n.split()) for n in wanted & got]
            for extra in got - wanted:
                if any(set(extra.split()) < words for words in both):
                    found.append(f"{name}: {kind} {extra!r} split from a served gold entity")
    return found
