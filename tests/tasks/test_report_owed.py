""""Cần báo cáo kỳ này" lists the officer's open tasks: each owes its report on its cadence
(one-off and continuous tasks quarterly) whether or not its own deadline is near. The list
says which report and by when, never "chưa đến hạn" under a heading that says a report is
needed."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tests.conftest import agency
from theodoi.tasks import services
from theodoi.tasks.models import Recurrence
from theodoi.tasks.periods import period_containing

pytestmark = pytest.mark.django_db

HAI_PHONG = "Ủy ban nhân dân thành phố Hải Phòng"


def due_now_reasons(client) -> dict[str, str]:
    page = client.get(reverse("tasks:mine")).text
    section = page.split('id="tat-ca"')[0]
    rows = re.findall(r'<td class="title"><a [^>]*>([^<]*)</a>.*?<div class="why[^"]*">([^<]*)</div>', section, re.S)
    return dict(rows)


def test_each_task_says_which_report_it_owes_and_by_when(client, office, officer, document):
    today = timezone.localdate()
    quarter = period_containing("quarter", today)
    year = period_containing("year", today)
    lead = agency(HAI_PHONG)
    services.task_create(actor=office, document=document, title="Việc một lần, hạn còn xa", lead_agency=lead,
                         due_on=today + dt.timedelta(days=900))
    services.task_create(actor=office, document=document, title="Việc hằng quý", lead_agency=lead,
                         recurrence=Recurrence.QUARTERLY)
    services.task_create(actor=office, document=document, title="Việc hằng năm", lead_agency=lead,
                         recurrence=Recurrence.ANNUAL, due_on=dt.date(today.year, 12, 31))
    client.force_login(officer)

    reasons = due_now_reasons(client)
    q_due = quarter.end.strftime("%d/%m/%Y")
    assert reasons == {
        "Việc một lần, hạn còn xa": f"Báo cáo {quarter.label}, hạn {q_due}.",
        "Việc hằng quý": f"Báo cáo {quarter.label}, hạn {q_due}.",
        "Việc hằng năm": f"Báo cáo {year.label}, hạn 31/12/{today.year}.",
    }
    assert not any("chưa đến hạn" in r.lower() or "đến hạn" in r for r in reasons.values())

    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = due_now_reasons(client)
    with translation.override("en"):
        assert english["Việc hằng quý"] == f"Report for {quarter.label}, due {q_due}."


def test_a_one_off_task_reported_this_quarter_names_the_next_report(client, office, officer, document):
    today = timezone.localdate()
    quarter = period_containing("quarter", today)
    task = services.task_create(actor=office, document=document, title="Việc một lần", lead_agency=agency(HAI_PHONG),
                                due_on=today + dt.timedelta(days=900))
    services.report_submit(actor=officer, task=task, period=quarter, percent_complete=30, narrative="Đang làm.")
    client.force_login(officer)
    following = quarter.next()
    assert due_now_reasons(client) == {
        "Việc một lần": f"Đã gửi báo cáo {quarter.label}; kỳ tới: báo cáo {following.label}, "
                        f"hạn {following.end:%d/%m/%Y}."}
