import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.config import ROOT

pytestmark = pytest.mark.model
# Reads on every resource, then one write: spaCy is imported by the write, never before it.
SCRIPT = """
import asyncio, sys, httpx
from app.config import Settings
from app.main import create_app

async def main(url):
    app = create_app(Settings(database_url=url, api_keys=["k"]))
    transport = httpx.ASGITransport(app=app)
    async with app.router.lifespan_context(app), httpx.AsyncClient(transport=transport, base_url="http://t") as c:
        for path in ["/v1/articles", "/v1/articles/1", "/v1/people", "/v1/places", "/v1/organisations", "/readyz",
                     "/openapi.json", "/docs"]:
            await c.get(path)
        print("spacy" in sys.modules)
        article = "Sommet\\n\\nEmmanuel Macron est à Bamako.\\n".encode()
        response = await c.post("/v1/articles", content=article,
                                headers={"Authorization": "Bearer k", "Content-Type": "text/plain"})
        print(response.status_code, "spacy" in sys.modules)

asyncio.run(main(sys.argv[1]))
"""


def test_a_read_only_server_never_imports_spacy_and_the_first_write_loads_it(
    template_database: Path, tmp_path: Path
) -> None:
    database = tmp_path / "news.db"
    shutil.copyfile(template_database, database)
    result = subprocess.run([sys.executable, "-c", SCRIPT, f"sqlite:///{database}"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert result.stdout.split() == ["False", "201", "True"], result.stderr
