"""End-to-end tests: headless Debian Chromium driven by Playwright against `live_server`.

Playwright's own browser download is not used; the system Chromium is. Without Chromium
(or Playwright) the tests skip on a developer's machine but FAIL under `CI=true`: in CI a
skip would hide that the end-to-end and accessibility checks did not run.
"""

import pytest
from django.db import connections

from tests.ci import skip_or_fail
from tests.e2e.chromium import CHROMIUM, CHROMIUM_ARGS


@pytest.fixture
def browser(monkeypatch):
    """One browser per test: Playwright's event loop must not outlive the test, or it would
    disturb the async code of tests that run after it."""
    if not CHROMIUM.exists():
        skip_or_fail(f"Chromium không có ở {CHROMIUM}: cài gói chromium của Debian để chạy kiểm thử đầu-cuối")
    try:
        from playwright import sync_api
    except ImportError:
        skip_or_fail("Playwright không có: chạy make setup")
    # Playwright's sync API runs an event loop in this thread; without this Django refuses
    # ORM calls made from the test body ("You cannot call this from an async context").
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()
        # Inside Playwright's sync API the test body runs in another contextvars context (its
        # event loop's), where Django's ORM keeps connections of its own: the test's queries
        # opened one that nothing else would close, and on PostgreSQL it then kept the test
        # database from being dropped ("being accessed by other users"). Closed here, in it.
        connections.close_all()


@pytest.fixture(autouse=True)
def _stylesheets_the_live_server_serves(settings):
    """Pages link static files by their plain names here. Once `make run` has collected them
    (`staticfiles/` with its manifest) the pages link hashed names (app.6c41d4cc548b.css),
    which the live server's static handler, reading the apps' folders, answers with 404: the
    tests then ran on unstyled pages, and a layout or contrast fault in app.css could not
    fail them on a developer's machine (a fresh clone, as in CI, has no manifest)."""
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


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
