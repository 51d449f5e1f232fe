"""The explorer: a static page at `/` that reads the public `/v1` API as any other frontend would."""

import hashlib
from functools import cache
from pathlib import Path

from fastapi import APIRouter, Response

from app.errors import NotFound

STATIC = Path(__file__).resolve().parent.parent / "static"
ASSETS = {
    "explorer.css": "text/css; charset=utf-8",
    "explorer.js": "text/javascript; charset=utf-8",
    "icon.svg": "image/svg+xml",
    "world.svg": "image/svg+xml",
}
# The page names each asset with a hash of its bytes, so assets are cached for good and the page, which is
# always revalidated (its ETag makes that a 304), picks up new ones at once.
PAGE_HEADERS = {
    "Cache-Control": "no-cache",
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
ASSET_HEADERS = {"Cache-Control": "public, max-age=31536000, immutable", "X-Content-Type-Options": "nosniff"}

router = APIRouter(include_in_schema=False)


@router.get("/")
def explorer_page() -> Response:
    """Serves the explorer page."""
    return Response(page(), media_type="text/html; charset=utf-8", headers=PAGE_HEADERS)


@router.get("/static/{name}")
def explorer_asset(name: str) -> Response:
    """Serves one of the explorer's assets: its stylesheet, script, icon and map."""
    if name not in ASSETS:
        raise NotFound(f"No static file is named {name!r}.")
    return Response(asset(name), media_type=ASSETS[name], headers=ASSET_HEADERS)


@cache
def asset(name: str) -> bytes:
    return (STATIC / name).read_bytes()


@cache
def page() -> str:
    """The page, each asset's URL carrying a hash of its bytes (`/static/explorer.js?v=…`)."""
    html = (STATIC / "index.html").read_text(encoding="utf-8")
    for name in ASSETS:
        version = hashlib.blake2b(asset(name), digest_size=6).hexdigest()
        html = html.replace(f'"/static/{name}"', f'"/static/{name}?v={version}"')
    return html
