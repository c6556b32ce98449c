"""An agency officer reports on an overdue task; the office accepts it; the dashboard moves.

Runs the Hải Phòng demo in headless Chromium against `live_server`.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.login import log_in
from theodoi.agencies.services import registry_load
from theodoi.demo.loader import DEMO_PASSWORD, load_demo
from theodoi.tasks import selectors
from theodoi.tasks.models import Recurrence, Task
from theodoi.tasks.periods import period_containing
from theodoi.tasks.status import Status


pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

REGISTRY = Path(settings.BASE_DIR) / "data" / "agencies.json"
NARRATIVE = "Đã ban hành kế hoạch triển khai và hoàn thành toàn bộ nội dung nhiệm vụ."


def status_counters(page) -> dict[str, int]:
    """The four numbers at the top of the dashboard, by status code."""
    page.goto("/")
    counters = page.locator("#status-counters a[data-status]")
    expect(counters).to_have_count(len(Status.values))
    return {
        counters.nth(i).get_attribute("data-status"): int(counters.nth(i).locator(".n").inner_text())
        for i in range(counters.count())
    }


def overdue_one_off_task(officer) -> Task:
    """An overdue one-off task of the officer's agency that has no report yet."""
    for task in selectors.my_tasks(user=officer):
        if (task.status == Status.OPEN_OVERDUE and task.recurrence == Recurrence.ONCE
                and not task.reports.exists()):
            return task
    pytest.fail("Dữ liệu mẫu không có nhiệm vụ quá hạn nào chưa báo cáo của UBND thành phố")


def test_officer_reports_overdue_task_and_office_accepts_it(new_page):
    # Transactional tests start from an empty database: the registry loaded by
    # tests/conftest.py's django_db_setup may have been flushed by an earlier one.
    registry_load(path=REGISTRY)
    load_demo()
    today = timezone.localdate()
    officer = get_user_model().objects.get(username="ubnd")
    task = overdue_one_off_task(officer)
    quarter = period_containing("quarter", today)

    # The officer of the city People's Committee logs in and reads the dashboard.
    page = new_page()
    log_in(page, "ubnd", DEMO_PASSWORD)
    before = status_counters(page)
    assert before[Status.OPEN_OVERDUE] >= 1
    assert sum(before.values()) == Task.objects.count()

    # "Việc của tôi" lists the overdue task among those to report on this period.
    page.get_by_role("navigation").get_by_role("link", name="Việc của tôi").click()
    expect(page.get_by_role("heading", name="Việc của tôi", exact=True)).to_be_visible()
    due_now = page.locator("section.card", has=page.get_by_role("heading", name=re.compile("^Cần báo cáo kỳ này")))
    row = due_now.locator("tr", has=page.get_by_role("link", name=task.title, exact=True))
    expect(row).to_contain_text("Chưa hoàn thành – quá hạn")
    row.get_by_role("link", name=task.title, exact=True).click()

    # The task's page says why it is overdue; the officer reports 100 % for this quarter.
    expect(page.get_by_role("heading", name=task.title, exact=True)).to_be_visible()
    expect(page.locator(".badge").first).to_have_text("Chưa hoàn thành – quá hạn")
    expect(page.locator("#status-reason")).to_contain_text("Quá hạn")
    form = page.locator("#report-form")
    form.get_by_label("Kỳ báo cáo").select_option(quarter.key)
    form.get_by_label("Tiến độ (%)").fill("100")
    form.get_by_label("Kết quả thực hiện").fill(NARRATIVE)
    form.get_by_role("button", name="Gửi báo cáo").click()

    expect(page.locator(".flash.success")).to_have_text("Đã gửi báo cáo tiến độ.")
    report_row = page.locator("#bao-cao tr.report", has_text=NARRATIVE)
    expect(report_row).to_have_count(1)
    expect(report_row).to_contain_text(f"{quarter.start:%d/%m/%Y}–{quarter.end:%d/%m/%Y}")
    expect(report_row).to_contain_text("100%")
    expect(report_row).to_contain_text("Đã gửi")
    expect(report_row).to_contain_text("Lê Hoàng Nam")
    # Sent is not done: until the office accepts it, the task stays overdue.
    expect(page.locator(".badge").first).to_have_text("Chưa hoàn thành – quá hạn")
    assert status_counters(page) == before

    # The office accepts the report at 100 %: the one-off task is done, late.
    office_page = new_page()
    log_in(office_page, "vanphong", DEMO_PASSWORD)
    expect(office_page.locator("main")).to_contain_text("báo cáo chờ Văn phòng xem xét")
    office_page.goto(f"/nhiem-vu/{task.pk}/")
    office_row = office_page.locator("#bao-cao tr.report", has_text=NARRATIVE)
    office_row.get_by_role("button", name="Tiếp nhận").click()
    expect(office_page.locator(".flash.success")).to_have_text("Đã tiếp nhận báo cáo.")
    expect(office_row).to_contain_text("Đã tiếp nhận")
    expect(office_page.locator(".badge").first).to_have_text("Đã hoàn thành quá hạn")
    expect(office_page.locator("#status-reason")).to_contain_text(f"Hoàn thành ngày {today:%d/%m/%Y}")

    after = status_counters(office_page)
    assert after == {
        **before,
        Status.OPEN_OVERDUE: before[Status.OPEN_OVERDUE] - 1,
        Status.DONE_LATE: before[Status.DONE_LATE] + 1,
    }
    task.refresh_from_db()
    assert task.completed_on == today

    # The officer sees the same numbers.
    assert status_counters(page) == after
