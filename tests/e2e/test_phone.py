"""On a phone (390 × 844): an officer opens Việc của tôi from the menu, opens an overdue task,
reports on the period that is owed with an evidence file, and sees the status change."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible
from theodoi.agencies.services import registry_load
from theodoi.demo.loader import DEMO_PASSWORD, load_demo
from theodoi.tasks import selectors
from theodoi.tasks.models import Recurrence, Task
from theodoi.tasks.periods import period_containing
from theodoi.tasks.status import Reason, Status

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

REGISTRY = Path(settings.BASE_DIR) / "data" / "agencies.json"
NARRATIVE = "Đã tổ chức tuần tra, kiểm soát; kết quả quý trước trong biên bản kèm theo."


def owed_continuous_task(officer) -> Task:
    """An overdue continuous task of the officer's agency: last quarter's report is missing."""
    for task in selectors.my_tasks(user=officer):
        if (task.status == Status.OPEN_OVERDUE and task.recurrence == Recurrence.CONTINUOUS
                and task.status_reason == Reason.MISSING_PREVIOUS):
            return task
    pytest.fail("Dữ liệu mẫu không có nhiệm vụ thường xuyên quá hạn nào của UBND thành phố")


def assert_fits(page) -> None:
    scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert scroll_width <= inner_width, f"{page.url}: {scroll_width}px wide in a {inner_width}px viewport"


def test_officer_reports_from_a_phone_and_sees_the_status_change(browser, live_server):
    registry_load(path=REGISTRY)
    load_demo()
    officer = get_user_model().objects.get(username="ubnd")
    task = owed_continuous_task(officer)
    owed = period_containing("quarter", timezone.localdate()).previous()

    context = browser.new_context(base_url=live_server.url, locale="vi-VN", viewport={"width": 390, "height": 844},
                                  is_mobile=True, has_touch=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto("/dang-nhap/")
    assert_fits(page)
    page.get_by_label("Tên đăng nhập").fill("ubnd")
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Tổng quan tình hình thực hiện nhiệm vụ")).to_be_visible()
    assert_fits(page)

    # The menu is folded behind its button; Việc của tôi is one tap away.
    expect(page.get_by_role("link", name="Việc của tôi")).to_be_hidden()
    page.get_by_role("button", name="Menu").tap()
    page.get_by_role("link", name="Việc của tôi").tap()
    expect(page.get_by_role("heading", name="Việc của tôi", exact=True)).to_be_visible()
    assert_fits(page)

    # The task is a card with its status and the reason, readable without scrolling sideways.
    card = page.locator("tr", has=page.get_by_role("link", name=task.title, exact=True))
    expect(card).to_contain_text("Chưa hoàn thành – quá hạn")
    expect(card).to_contain_text(f"Chưa có báo cáo {owed.label}")
    title = card.get_by_role("link", name=task.title, exact=True)
    assert title.bounding_box()["height"] >= 44
    title.tap()

    expect(page.get_by_role("heading", name=task.title, exact=True)).to_be_visible()
    expect(page).to_have_title(re.compile("^" + re.escape(task.title[:40])))  # the tab names the task
    expect(page.locator(".badge").first).to_have_text("Chưa hoàn thành – quá hạn")
    assert_fits(page)
    form = page.locator("#report-form")
    # The form is set to the period that is owed, not the current one.
    expect(form.get_by_label("Kỳ báo cáo")).to_have_value(owed.key)
    form.get_by_label("Tiến độ (%)").fill("60")
    form.get_by_label("Kết quả thực hiện").fill(NARRATIVE)
    form.get_by_label("Tệp minh chứng (không bắt buộc)").set_input_files(
        files=[{"name": "bien-ban-tuan-tra.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 bien ban tuan tra"}])
    submit = form.get_by_role("button", name="Gửi báo cáo")
    assert submit.bounding_box()["height"] >= 44
    submit.tap()

    # Confirmed in words, announced, and the status has moved.
    expect(page.get_by_role("status").filter(has_text="Đã gửi báo cáo tiến độ.")).to_be_visible()
    expect(page.locator(".badge").first).to_have_text("Chưa hoàn thành – trong hạn")
    report = page.locator("#bao-cao tr.report", has_text=NARRATIVE)
    expect(report).to_contain_text(f"{owed.start:%d/%m/%Y}–{owed.end:%d/%m/%Y}")
    expect(report).to_contain_text("60%")
    expect(report.get_by_role("link", name="bien-ban-tuan-tra.pdf")).to_be_visible()
    assert_fits(page)
    assert_accessible(page, context="task detail after reporting, 390 px")

    # Back in Việc của tôi the task no longer counts as overdue.
    page.get_by_role("button", name="Menu").tap()
    page.get_by_role("link", name="Việc của tôi").tap()
    card = page.locator("tr", has=page.get_by_role("link", name=task.title, exact=True))
    expect(card).to_contain_text("Chưa hoàn thành – trong hạn")
    context.close()
