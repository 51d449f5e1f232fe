"""A real server on a database seeded from seed_data/ by the real model, for the browser and client tests."""

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.config import ROOT
from tests.ops.processes import env, free_port, wait_until_up

SEED_TIMEOUT = 240


def seeded_database(path: Path) -> Path:
    """`python -m app seed` into `path`."""
    seed = subprocess.run([sys.executable, "-m", "app", "seed"], cwd=ROOT, env=env(path), capture_output=True,
                          text=True, timeout=SEED_TIMEOUT)  # fmt: skip
    assert seed.returncode == 0, seed.stderr
    assert seed.stdout.strip() == "loaded 26, updated 0, unchanged 0, failed 0"
    return path


@contextmanager
def serving(database: Path, log: Path) -> Iterator[str]:
    """`python -m app serve` on a free loopback port; yields its base URL, stops it on the way out."""
    base_url = f"http://127.0.0.1:{free_port()}"
    with log.open("w") as output:
        server = subprocess.Popen([sys.executable, "-m", "app", "serve", "--port", base_url.rsplit(":", 1)[1]],
                                  cwd=ROOT, env=env(database), stdout=output, stderr=subprocess.STDOUT, text=True)  # fmt: skip
    try:
        wait_until_up(base_url, server)
        yield base_url
    finally:
        server.terminate()
        server.wait(timeout=10)
