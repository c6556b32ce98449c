"""An officer saves a report with nothing typed yet ("Lưu nháp") in Chromium: the browser
does not stop the button on the required fields, the draft is kept, and "Gửi báo cáo" on the
same empty form is still stopped."""

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.conftest import agency, make_user
from tests.e2e.login import log_in
from tests.tasks.factories import DocumentFactory
from theodoi.agencies.services import registry_load
from theodoi.core.roles import OFFICER
from theodoi.tasks.models import ProgressReport, Task

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_empty_draft_is_saved_and_an_empty_report_is_not_sent(new_page):
    registry_load(path=Path(settings.BASE_DIR) / "data" / "agencies.json")
    make_user("canbo", OFFICER, "Ủy ban nhân dân thành phố Hải Phòng")
    task = Task.objects.create(document=DocumentFactory(), title="Việc báo cáo dở",
                               lead_agency=agency("Ủy ban nhân dân thành phố Hải Phòng"))
    page = new_page()
    log_in(page, "canbo", "pw-canbo")
    page.goto(f"/nhiem-vu/{task.pk}/")

    page.get_by_role("button", name="Gửi báo cáo").click()  # empty: the browser keeps it here
    expect(page.get_by_label("Tiến độ (%)")).to_be_focused()  # the first empty required field
    assert not ProgressReport.objects.exists()

    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.get_by_role("status")).to_contain_text("Đã lưu nháp.")
    report = ProgressReport.objects.get()
    assert (report.state, report.percent_complete, report.narrative) == ("draft", None, "")
