"""Headless Chromium (Debian's package, driven by Playwright) on the explorer of a real, seeded server."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
VIEWPORT = {"width": 1280, "height": 900}


# Module scope: Playwright's sync API holds an event loop open in the main thread while it runs, which the
# suite's async tests that come later need for their own.
@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One Chromium per module; the tests skip, saying why, where Debian's package is not installed."""
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's package (apt-get install -y chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, live_server: str) -> Iterator[Page]:
    """A fresh browser context on the explorer; any script error on the page fails the test."""
    context = browser.new_context(base_url=live_server, viewport=VIEWPORT, locale="en-GB")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []
