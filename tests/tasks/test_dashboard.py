"""The dashboard counts from stored statuses: the same numbers as the rule gives."""

import datetime as dt
from collections import Counter

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import agency
from theodoi.tasks import selectors, services
from theodoi.tasks.models import Recurrence, Task
from theodoi.tasks.periods import reporting_periods
from theodoi.tasks.status import Status, with_status

CITY = "Ủy ban nhân dân thành phố Hải Phòng"


@pytest.fixture
def tasks(office, document):
    today = timezone.localdate()
    made = []
    for n, recurrence in enumerate(Recurrence.values * 3):
        made.append(services.task_create(
            actor=office, document=document, title=f"Việc {n}", recurrence=recurrence,
            due_on=today + dt.timedelta(days=(n % 5 - 2) * 20),
            lead_agency=agency(CITY if n % 2 else "Bộ Y tế"),
            completed_on=today - dt.timedelta(days=1) if n % 7 == 0 else None,
        ))
    return made


def test_dashboard_counts_are_the_rules(client, office, officer, tasks):
    for task in tasks[:6]:
        period = reporting_periods(task.recurrence, timezone.localdate())[0]
        report = services.report_submit(actor=office, task=task, period=period, percent_complete=100,
                                        narrative="Xong.", agency=task.lead_agency)
        if task.pk % 2:
            services.report_accept(actor=office, report=report)
    client.force_login(officer)
    response = client.get(reverse("tasks:dashboard"))
    data = response.context["data"]
    rule = Counter(with_status(Task.objects.all()).values_list("status", flat=True))
    assert data.by_status == {s: rule.get(s, 0) for s in Status.values}
    assert data.total == len(tasks)
    assert {row["name"] for row in data.by_agency} == {CITY, "Bộ Y tế"}
    assert all(t.status == Status.OPEN_OVERDUE for t in data.overdue)
    assert len(data.overdue) == rule[Status.OPEN_OVERDUE]


def test_reports_waiting_are_counted_up_to_a_bound(client, office, tasks, monkeypatch):
    for task in tasks[:4]:
        period = reporting_periods(task.recurrence, timezone.localdate())[0]
        services.report_submit(actor=office, task=task, period=period, percent_complete=50,
                               narrative="Đang làm.", agency=task.lead_agency)
    client.force_login(office)
    assert "<strong>4</strong> báo cáo chờ Văn phòng xem xét" in client.get(reverse("tasks:dashboard")).text
    monkeypatch.setattr(selectors, "PENDING_REVIEWS_SHOWN", 3)
    assert "Hơn <strong>3</strong> báo cáo chờ" in client.get(reverse("tasks:dashboard")).text


def test_count_tables_link_each_number_to_its_tasks(client, office, document, tasks):
    services.task_create(actor=office, document=document, title="Việc chưa giao", lead_agency=None,
                         due_on=timezone.localdate() - dt.timedelta(days=3))
    client.force_login(office)
    html = client.get(reverse("tasks:dashboard")).text
    data = selectors.dashboard(user=office)
    city = agency(CITY).pk
    # Each agency's number per status links to the list of exactly those tasks.
    city_row = next(row for row in data.by_agency if row["id"] == city)
    for code, label, n in city_row["counts"]:
        assert (f'<td class="num" data-label="{label}"><a href="/nhiem-vu/?agency={city}&status={code}">{n}</a></td>'
                in html)
    # The task with no lead agency has its row, its numbers not links (no list filters on "nobody").
    assert '<td class="title">Chưa giao</td>' in html
    assert f'<td class="num" data-label="{Status.OPEN_OVERDUE.label}">1</td>' in html
    # A domain's bar: one segment per status it has tasks in, linking to domain and status.
    domain = data.by_domain[0]
    for code, label, n in domain["counts"]:
        segment = f'href="/nhiem-vu/?domain={domain["code"]}&status={code}" title="{label}: {n}"'
        assert (segment in html) == bool(n)
