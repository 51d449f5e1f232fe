"""Real processes for operations tests: the CLI against a temporary SQLite file, a server on a loopback port."""

import os
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx

from app.config import ROOT

PEOPLE = ["Emmanuel Macron", "Vladimir Poutine", "Assimi Goïta", "Ursula von der Leyen", "Olaf Scholz"]
PLACES = ["Paris", "Moscou", "Bamako", "Bruxelles", "Berlin", "Dakar"]
# Entity counts as stored and as recomputed from links and mentions, and rows no article or entity owns.
INCONSISTENCIES = """
SELECT 'count' FROM entity e WHERE e.article_count != (SELECT count(*) FROM article_entity l WHERE l.entity_id = e.id)
   OR e.mention_count != (SELECT count(*) FROM mention m WHERE m.entity_id = e.id) OR e.article_count = 0
UNION ALL SELECT 'link' FROM article_entity l WHERE l.mention_count
   != (SELECT count(*) FROM mention m WHERE m.article_id = l.article_id AND m.entity_id = l.entity_id)
UNION ALL SELECT 'mention' FROM mention m WHERE NOT EXISTS
   (SELECT 1 FROM article_entity l WHERE l.article_id = m.article_id AND l.entity_id = m.entity_id)
"""


def env(database: Path) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "API_KEYS": "[]", "LOG_LEVEL": "WARNING"}


def cli(database: Path, *args: str) -> subprocess.Popen[str]:
    """`python -m app …` on this database, its output captured."""
    return subprocess.Popen([sys.executable, "-m", "app", *args], cwd=ROOT, env=env(database), text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip


def write_articles(folder: Path, count: int) -> list[Path]:
    """`count` distinct dated articles, each naming two people and two places."""
    folder.mkdir()
    paths = []
    for n in range(count):
        people, places = [PEOPLE[n % 5], PEOPLE[(n + 2) % 5]], [PLACES[n % 6], PLACES[(n + 3) % 6]]
        text = (f"---\npublished_at: 2025-{n % 12 + 1:02d}-{n % 28 + 1:02d}\nlanguage: fr\n---\n"
                f"Dépêche numéro {n}\n\n{people[0]} a rencontré {people[1]} à {places[0]} lundi.\n\n"
                f"Les deux dirigeants se retrouveront à {places[1]} pour la réunion numéro {n}.\n")  # fmt: skip
        path = folder / f"{n:04d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def article_count(database: Path) -> int:
    with sqlite3.connect(database, timeout=30) as connection:
        return int(connection.execute("SELECT count(*) FROM article").fetchone()[0])


def inconsistencies(database: Path) -> list[str]:
    with sqlite3.connect(database, timeout=30) as connection:
        found = [row[0] for row in connection.execute(INCONSISTENCIES)]
        found += [f"fk {row}" for row in connection.execute("PRAGMA foreign_key_check")]
        check = connection.execute("PRAGMA integrity_check").fetchone()[0]
    return found + ([] if check == "ok" else [check])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(base_url: str, server: subprocess.Popen[str], *, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert server.poll() is None, "the server exited"
        try:
            if httpx.get(f"{base_url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise TimeoutError(f"no server at {base_url} after {timeout} s")
