"""End-to-end tests: headless Debian Chromium driven by Playwright against `live_server`.

Playwright's own browser download is not used; the system Chromium is.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("THEODOI_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]


@pytest.fixture
def browser(monkeypatch):
    """One browser per test: Playwright's event loop must not outlive the test, or it would
    disturb the async code of tests that run after it."""
    if not CHROMIUM.exists():
        pytest.skip("Chromium không có: cài gói chromium của Debian để chạy kiểm thử đầu-cuối")
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API runs an event loop in this thread; without this Django refuses
    # ORM calls made from the test body ("You cannot call this from an async context").
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """A factory of pages, each in its own browser context (its own cookies, i.e. its own login)."""
    contexts = []

    def make():
        context = browser.new_context(base_url=live_server.url, locale="vi-VN")
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
