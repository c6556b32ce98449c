"""The API's documentation pages (Swagger UI, Redoc) in headless Chromium: they fetch
nothing from another host (the product has no CDN: a reader's address is not handed to a
third party and the pages work on a closed network), and axe-core finds no serious or
critical violation on them (WCAG 2.1 A/AA)."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# What each page shows once its bundle has read the schema (then every request it makes
# on load has been made: Redoc's side menu, with its Redocly logo, renders with the rest).
PAGES = {
    "/api/v1/docs/": ".swagger-ui .info .title",
    "/api/v1/redoc/": ".menu-content",
}


@pytest.mark.parametrize("path", PAGES)
def test_the_api_docs_fetch_nothing_from_other_hosts_and_pass_axe(new_page, live_server, path):
    page = new_page()
    own = urlsplit(live_server.url).netloc
    elsewhere: list[str] = []

    def to_another_host(url: str) -> bool:
        return urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != own

    def refuse(route) -> None:
        # What reaches the network layer is what the browser would fetch; a request the page's
        # Content-Security-Policy stops never gets here. Aborted: the test machine is offline.
        elsewhere.append(route.request.url)
        route.abort()

    page.route(to_another_host, refuse)
    page.goto(path)
    expect(page.locator(PAGES[path]).first).to_be_visible()
    expect(page.get_by_text("theodoi – open data API").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert not elsewhere, f"{path} fetched from other hosts: {elsewhere}"
    assert_accessible(page, context=path)
