"""Every staff screen, in Vietnamese and English, on a phone (390 and 360 px wide) and a
1366 px desktop: no serious or critical axe-core violation, nothing wider than the viewport,
the menu behind its button on a phone and the desktop header on one line.

One browser, one demo load, one login per role and language: the screens are many, the
set-up is shared.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible
from theodoi.agencies.services import registry_load
from theodoi.demo.loader import DEMO_PASSWORD, load_demo
from theodoi.documents.models import Document
from theodoi.intake.services import intake_create
from tests.intake.test_intake import PLAN
from theodoi.tasks import selectors
from theodoi.tasks.status import Status

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

REGISTRY = Path(settings.BASE_DIR) / "data" / "agencies.json"
PHONE = {"width": 390, "height": 844}
SMALL_PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1366, "height": 768}


def staff_screens(username: str) -> dict[str, str]:
    """Name → URL of every screen the user works with (the office has them all)."""
    user = get_user_model().objects.get(username=username)
    mine = list(selectors.my_tasks(user=user)[:50])
    task = next((t for t in mine if t.status == Status.OPEN_OVERDUE), None) or selectors.task_list(user=user)[1].first()
    if username != "vanphong":
        return {"dashboard": "/", "my tasks": "/viec-cua-toi/", "task detail with the report form": f"/nhiem-vu/{task.pk}/"}
    document = Document.objects.exclude(text="").order_by("pk").first()
    # A small plan under review (the demo's own intakes are committed, and the largest is
    # 60,000 characters: axe takes a quarter of a minute over it on a busy machine).
    intake = intake_create(actor=user, name="ke-hoach-15.txt", data=PLAN.encode())
    return {
        "dashboard": "/",
        "dashboard by today's agency": "/?theo=hien-nay",
        "task list": "/nhiem-vu/",
        "task list filtered": "/nhiem-vu/?q=ha+tang&status=open_overdue",
        "task detail": f"/nhiem-vu/{task.pk}/",
        "task edit": f"/nhiem-vu/{task.pk}/sua/",
        "my tasks (no agency tasks)": "/viec-cua-toi/",
        "documents": "/van-ban/",
        "document": f"/van-ban/{document.pk}/",
        "intake upload": "/van-ban/nhap/",
        "intake review": f"/van-ban/nhap/{intake.pk}/",
        "task import": f"/van-ban/{document.pk}/nhap-nhiem-vu/",
        "ranking": "/tong-hop/xep-hang/",
        "petitions inbox": "/kien-nghi/quan-ly/",
        "indicators": "/chi-tieu/",
        "consultations (office)": "/gop-y/quan-ly/",
    }


def log_in(browser, live_server, username: str, language: str):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, locale="vi-VN")
    context.set_default_timeout(15_000)
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}])
    page = context.new_page()
    page.goto("/dang-nhap/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page.locator("#status-counters")).to_be_visible()
    # The counters show before the deferred scripts have run; the menu button only works
    # after, so on a busy machine a click could come first and open nothing.
    page.wait_for_load_state("load")
    return context, page


def assert_fits(page, where: str) -> None:
    scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert scroll_width <= inner_width, f"{where}: page {scroll_width}px wide in a {inner_width}px viewport"


def test_every_staff_screen_is_accessible_and_fits_a_phone(browser, live_server):
    registry_load(path=REGISTRY)
    load_demo()
    screens = {username: staff_screens(username) for username in ("vanphong", "ubnd")}
    for language in ("vi", "en"):
        for username, urls in screens.items():
            context, page = log_in(browser, live_server, username, language)
            for name, url in urls.items():
                response = page.goto(url)
                assert response.status == 200, f"{name} {url}: HTTP {response.status}"
                where = f"{name} ({username}, {language}, 390 px)"
                assert_fits(page, where)
                assert_accessible(page, context=where)
            context.close()

    # On a phone the menu waits behind its button, and opens accessible with 44 px targets.
    context, page = log_in(browser, live_server, "vanphong", "vi")
    nav = page.locator("#menu nav")
    expect(nav).to_be_hidden()
    toggle = page.get_by_role("button", name="Menu")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(nav).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    assert_accessible(page, context="menu open")
    for link in nav.get_by_role("link").all():
        assert link.bounding_box()["height"] >= 44, f"menu link {link.inner_text()!r} under 44 px tall"

    page.set_viewport_size(SMALL_PHONE)
    for name, url in screens["vanphong"].items():
        page.goto(url)
        assert_fits(page, f"{name} (360 px)")

    page.set_viewport_size(DESKTOP)
    for name, url in screens["vanphong"].items():
        page.goto(url)
        assert_fits(page, f"{name} (1366 px)")
    page.goto("/")
    assert_accessible(page, context="dashboard (1366 px)")
    # The desktop header is one line: brand, menu, user and language side by side.
    expect(toggle).to_be_hidden()
    header = page.locator("header.topbar").bounding_box()
    brand = page.locator("header .brand").bounding_box()
    language_switch = page.locator("header form.lang").bounding_box()
    assert header["height"] < 70, f"desktop header {header['height']}px tall: it wrapped"
    assert abs(language_switch["y"] - brand["y"]) < 20, "the language switcher dropped to a second line"
    context.close()
