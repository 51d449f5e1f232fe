"""The explorer's files as the live server sends them: cache headers, ETags and 304s, gzip, a content security
policy, problem documents for unknown files, and nothing of it in the OpenAPI document."""

import re
from collections.abc import Iterator

import httpx
import pytest

from app.api.explorer import ASSETS

ASSET = re.compile(rf'"/static/({"|".join(map(re.escape, ASSETS))})\?v=([0-9a-f]{{12}})"')


@pytest.fixture
def client(live_server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_server) as client:
        yield client


def test_the_page_is_revalidated_and_names_its_assets_by_content(client: httpx.Client) -> None:
    page = client.get("/", headers={"Accept-Encoding": "gzip"})
    assert page.status_code == 200 and page.headers["content-type"] == "text/html; charset=utf-8"
    assert page.headers["cache-control"] == "no-cache" and page.headers["content-encoding"] == "gzip"
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert sorted(name for name, _ in ASSET.findall(page.text)) == sorted(ASSETS)
    again = client.get("/", headers={"Accept-Encoding": "gzip", "If-None-Match": page.headers["etag"]})
    assert (again.status_code, again.content) == (304, b"")


def test_assets_are_cached_for_good_and_gzipped(client: httpx.Client) -> None:
    page = client.get("/")
    for name, _version in ASSET.findall(page.text):
        asset = client.get(f"/static/{name}", headers={"Accept-Encoding": "gzip"})
        assert asset.status_code == 200, name
        assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert asset.headers["x-content-type-options"] == "nosniff" and asset.headers["etag"].startswith('"')
    world = client.get("/static/world.svg", headers={"Accept-Encoding": "gzip"})
    assert world.headers["content-type"] == "image/svg+xml" and world.headers["content-encoding"] == "gzip"


@pytest.mark.parametrize("path", ["/static/index.html", "/static/explorer.png", "/static/..%2Fmain.py", "/static/"])
def test_other_files_are_not_found(client: httpx.Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "not_found"


def test_the_explorer_is_not_an_api_operation(client: httpx.Client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert [path for path in paths if not path.startswith("/v1/")] == ["/healthz", "/readyz"]
