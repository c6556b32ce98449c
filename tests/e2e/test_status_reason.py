"""A task's status reason (task page, Việc của tôi) is red, like a warning, only when the task
is overdue: "Kỳ này chưa đến hạn báo cáo (Năm 2026)" on a task within its deadline was red too."""

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from tests.conftest import agency
from tests.e2e.login import log_in
from theodoi.agencies.services import registry_load
from theodoi.demo.loader import DEMO_PASSWORD, _users
from theodoi.documents.models import Document
from theodoi.tasks import services

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

OVERDUE_RED = "rgb(198, 40, 40)"  # --overdue in app.css


def test_only_an_overdue_task_s_reason_is_red(new_page):
    registry_load(path=Path(settings.BASE_DIR) / "data" / "agencies.json")
    office = _users()["vanphong"]
    document = Document.objects.create(kind="ke-hoach", number="1/KH-QA", title="Kế hoạch", text="Kế hoạch.",
                                       issuer=agency("Ủy ban nhân dân thành phố Hải Phòng"))
    today = timezone.localdate()
    lead = agency("Ủy ban nhân dân thành phố Hải Phòng")
    on_time = services.task_create(actor=office, document=document, title="Việc còn hạn", lead_agency=lead,
                                   due_on=today + dt.timedelta(days=20))
    late = services.task_create(actor=office, document=document, title="Việc quá hạn", lead_agency=lead,
                                due_on=today - dt.timedelta(days=20))

    page = new_page()
    log_in(page, "vanphong", DEMO_PASSWORD)
    colour = "e => getComputedStyle(e).color"
    page.goto(f"/nhiem-vu/{late.pk}/")
    assert page.locator("#status-reason").evaluate(colour) == OVERDUE_RED
    page.goto(f"/nhiem-vu/{on_time.pk}/")
    assert page.locator("#status-reason").inner_text().strip()
    assert page.locator("#status-reason").evaluate(colour) != OVERDUE_RED
