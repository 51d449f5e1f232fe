"""Command line: `python -m app seed|serve|migrate|reindex`.

Each command imports what it needs when it runs: `serve` imports the app, not the migration or extraction
libraries, which would only delay its first answer.
"""

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from app.config import ROOT, get_settings

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.engine import Engine


def alembic_config(database_url: str) -> "Config":
    from alembic.config import Config

    config = Config(toml_file=str(ROOT / "pyproject.toml"))
    config.attributes["database_url"] = database_url
    return config


def migrate(database_url: str) -> None:
    """Upgrades the database schema to the latest migration."""
    from alembic import command

    command.upgrade(alembic_config(database_url), "head")


def seed_paths(args: Sequence[str], default: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    """Expands files and directories into the seed files to read, with a reason for each bad path."""
    files, missing = [], []
    for arg in args or [str(default)]:
        path = Path(arg)
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.is_file() and p.suffix == ".txt")
        elif path.is_file():
            files.append(path)
        else:
            missing.append((arg, "no such file or directory"))
    return files, missing


def cmd_seed(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from app.db import make_engine
    from app.ingest.extract import load_extractor
    from app.ingest.pipeline import ingest_files

    settings = get_settings()
    migrate(settings.database_url)
    engine = make_engine(settings.database_url)
    if args.if_empty and _has_articles(engine):
        print("database already holds articles; nothing seeded")
        return 0
    files, missing = seed_paths(args.paths, settings.seed_dir)
    with tqdm(total=len(files), unit="file", disable=None, file=sys.stderr) as bar:
        summary = ingest_files(engine, files, lambda: load_extractor(settings.spacy_model),
                               max_bytes=settings.max_body_bytes, progress=bar.update)  # fmt: skip
    summary.failed[:0] = missing
    print(f"loaded {summary.loaded}, updated {summary.updated}, unchanged {summary.unchanged}, "
          f"failed {len(summary.failed)}" + (f", not attempted {summary.not_attempted}" if summary.not_attempted else ""))  # fmt: skip
    for path, reason in summary.failed:
        print(f"  failed: {path}: {reason}", file=sys.stderr)
    return 1 if summary.failed else 0


def cmd_reindex(_args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from app.db import make_engine
    from app.ingest.extract import load_extractor
    from app.ingest.pipeline import reindex

    settings = get_settings()
    migrate(settings.database_url)
    engine = make_engine(settings.database_url)
    with tqdm(unit="article", disable=None, file=sys.stderr) as bar:
        count = reindex(engine, lambda: load_extractor(settings.spacy_model), progress=bar.update)
    print(f"reindexed {count} articles")
    return 0


def _has_articles(engine: "Engine") -> bool:
    from sqlalchemy import select
    from sqlmodel import col

    from app.models import Article

    with engine.connect() as connection:
        return connection.execute(select(col(Article.id)).limit(1)).first() is not None


def cmd_migrate(_args: argparse.Namespace) -> int:
    migrate(get_settings().database_url)
    print("database at the latest migration")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from app.serving import serve

    serve(args.host, args.port, args.workers, get_settings().log_level.lower())
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m app", description="News API: seed, serve and maintain.")
    commands = root.add_subparsers(dest="command", required=True)
    seed = commands.add_parser("seed", help="migrate, then load seed files (default: seed_data/)")
    seed.add_argument("paths", nargs="*", help="files or directories of .txt articles")
    seed.add_argument("--if-empty", action="store_true", help="seed only when the database holds no article")
    seed.set_defaults(run=cmd_seed)
    commands.add_parser("migrate", help="upgrade the database to the latest migration").set_defaults(run=cmd_migrate)
    commands.add_parser("reindex", help="re-run extraction over every stored article").set_defaults(run=cmd_reindex)
    serve = commands.add_parser("serve", help="serve the API with uvicorn")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.set_defaults(run=cmd_serve)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return int(args.run(args))
