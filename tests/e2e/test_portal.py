"""The public portal in headless Chromium: a visitor searches without diacritics, opens a
task and follows it (confirming from the mail); the office accepts a report with a public
note; the daily digest holds it. Every portal page passes axe-core (WCAG 2.1 A/AA, no
serious or critical violation) at desktop width and at 390 px."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible
from tests.e2e.login import log_in
from tests.public_markers import PUBLIC_NOTE, PUBLIC_TITLE, assert_no_markers, seed_public_world
from theodoi.agencies.models import Agency
from theodoi.agencies.services import registry_load
from theodoi.portal import services
from theodoi.tasks.models import ProgressReport
from theodoi.tasks.periods import period_containing

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

VISITOR = "ban-doc@example.org"
NEW_NOTE = "Đã thông xe kỹ thuật cầu vượt nút giao phía Bắc."


@pytest.fixture
def world():
    registry_load(path=Path(settings.BASE_DIR) / "data" / "agencies.json")
    return seed_public_world()


def _check(page, what: str) -> None:
    assert_accessible(page, context=what)
    assert_no_markers(page.content(), where=what)


def test_every_portal_page_is_accessible_at_desktop_and_phone_width(new_page, world):
    pages = {
        "trang chủ": "/cong-khai/",
        "chương trình": f"/cong-khai/chuong-trinh/{world.document.pk}/",
        "danh sách": "/cong-khai/nhiem-vu/?q=ha+tang",
        "nhiệm vụ": f"/cong-khai/nhiem-vu/{world.task.pk}/",
        "cơ quan": f"/cong-khai/co-quan/{world.task.lead_agency_id}/",
    }
    page = new_page()
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        for name, url in pages.items():
            page.goto(url)
            _check(page, f"{name}, {width} px")
            # Nothing wider than the screen but the tables, which scroll in their own region.
            overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
            assert not overflow, f"{name} scrolls sideways at {width} px"
    page.goto("/cong-khai/ngon-ngu/en/?next=/cong-khai/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    _check(page, "home in English")


def test_visitor_follows_a_task_and_the_digest_holds_the_accepted_note(new_page, world):
    # A report from the coordinating agency, waiting for the office.
    coordinator = Agency.objects.get(name="Bộ Xây dựng")
    period = period_containing("quarter", timezone.localdate()).previous()
    ProgressReport.objects.create(task=world.task, agency=coordinator, author=world.officer,
                                  period_start=period.start, period_end=period.end, percent_complete=80,
                                  narrative="Báo cáo nội bộ chi tiết.", state=ProgressReport.State.SUBMITTED,
                                  submitted_at=timezone.now())

    visitor = new_page()
    visitor.set_viewport_size({"width": 390, "height": 844})
    visitor.goto("/cong-khai/")
    visitor.get_by_label("Tìm nhiệm vụ").fill("ha tang giao thong lien vung")
    visitor.get_by_role("button", name="Tìm", exact=True).click()
    visitor.get_by_role("link", name=PUBLIC_TITLE).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(PUBLIC_TITLE)
    expect(visitor.get_by_text(PUBLIC_NOTE)).to_be_visible()

    visitor.get_by_label("Địa chỉ e-mail của bạn").fill(VISITOR)
    visitor.get_by_role("button", name="Theo dõi").click()
    expect(visitor.get_by_role("status")).to_contain_text("thư xác nhận")
    assert VISITOR not in visitor.content()
    assert [m.to for m in mail.outbox] == [[VISITOR]]
    confirm = re.search(r"https?://\S+(/cong-khai/theo-doi/xac-nhan/\S+/)", mail.outbox[0].body).group(1)
    visitor.goto(confirm)
    expect(visitor.get_by_role("status")).to_contain_text("Đã xác nhận")
    services.record_status_changes()  # the job has run before today's changes

    office = new_page()
    log_in(office, "mkroffice", "pw")
    office.goto(f"/nhiem-vu/{world.task.pk}/")
    office.get_by_label("Nội dung công khai (để trống: không công khai)").first.fill(NEW_NOTE)
    office.get_by_role("button", name="Tiếp nhận").click()
    expect(office.get_by_text("Đã tiếp nhận báo cáo.")).to_be_visible()

    visitor.goto(f"/cong-khai/nhiem-vu/{world.task.pk}/")
    visitor.reload()  # the page is cached for a minute; a reload revalidates it (new ETag)
    expect(visitor.get_by_text(NEW_NOTE)).to_be_visible()
    assert "Báo cáo nội bộ chi tiết." not in visitor.content()

    mail.outbox.clear()
    assert services.send_digests() == 1
    (digest,) = mail.outbox
    assert digest.to == [VISITOR] and NEW_NOTE in digest.body
    assert_no_markers(digest.body, where="the digest")
    assert services.send_digests() == 0 and len(mail.outbox) == 1  # no second digest today

    unsubscribe = re.search(r"https?://\S+(/cong-khai/theo-doi/huy/\S+/)", digest.body).group(1)
    visitor.goto(unsubscribe)
    visitor.get_by_role("button", name="Hủy theo dõi").click()
    expect(visitor.get_by_role("status")).to_contain_text("Đã hủy theo dõi")
