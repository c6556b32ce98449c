""""Cần báo cáo kỳ này" lists the officer's open tasks. Each row says what comes next, and
promises only what the status rule holds: a recurring or continuous task names the report
the rule owes and its due day (missing it turns the task late); a one-off task, which the
rule judges on its own deadline alone, names that deadline and whether this quarter's
progress report is in, without a due day for it. Never "chưa đến hạn" under a heading that
says a report is needed. The clock is Django's, moved as an officer lives through a quarter's
end."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import agency
from theodoi.tasks import services
from theodoi.tasks.models import Recurrence
from theodoi.tasks.periods import period_containing

pytestmark = pytest.mark.django_db

HAI_PHONG = "Ủy ban nhân dân thành phố Hải Phòng"


def at(monkeypatch, day: dt.date) -> None:
    """Django's clock (which the rule, the screens and `created_at` read) at noon on `day`."""
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
    monkeypatch.setattr(timezone, "now", lambda: moment)


def due_now_rows(client, user) -> dict[str, tuple[str, str]]:
    """Title → (status as the row's class names it, the row's words) in "Cần báo cáo kỳ này".
    Logs in first: a session from months before has expired."""
    client.force_login(user)
    page = client.get(reverse("tasks:mine")).text
    section = page.split('id="tat-ca"')[0]
    rows = re.findall(r'<td class="title"><a [^>]*>([^<]*)</a>.*?<div class="why why-([a-z_]+)[^"]*">([^<]*)</div>',
                      section, re.S)
    return {title: (status, words) for title, status, words in rows}


def test_across_a_quarter_end_what_was_promised_is_what_turns_late(client, office, officer, document, monkeypatch):
    lead = agency(HAI_PHONG)
    at(monkeypatch, dt.date(2026, 9, 20))  # in Quý III: these exist when Quý IV begins
    services.task_create(actor=office, document=document, title="Việc một lần", lead_agency=lead,
                         due_on=dt.date(2029, 5, 31))
    services.task_create(actor=office, document=document, title="Việc hằng quý", lead_agency=lead,
                         recurrence=Recurrence.QUARTERLY)
    services.task_create(actor=office, document=document, title="Việc thường xuyên", lead_agency=lead,
                         recurrence=Recurrence.CONTINUOUS)
    at(monkeypatch, dt.date(2026, 10, 5))  # after Quý IV began: the rule owes no Quý IV report
    services.task_create(actor=office, document=document, title="Việc hằng quý giao giữa kỳ", lead_agency=lead,
                         recurrence=Recurrence.QUARTERLY)

    at(monkeypatch, dt.date(2026, 12, 31))
    last_day = due_now_rows(client, officer)
    assert last_day == {
        "Việc một lần": ("open_on_time", "Hạn hoàn thành 31/05/2029 (còn 882 ngày). "
                                         "Chưa gửi báo cáo tiến độ Quý IV/2026."),
        "Việc hằng quý": ("open_on_time", "Báo cáo Quý IV/2026, hạn 31/12/2026."),
        "Việc thường xuyên": ("open_on_time", "Báo cáo Quý IV/2026, hạn 31/12/2026."),
        "Việc hằng quý giao giữa kỳ": ("open_on_time", "Báo cáo Quý I/2027, hạn 31/03/2027."),
    }
    assert not any("đến hạn" in words.lower() for _, words in last_day.values())

    at(monkeypatch, dt.date(2027, 1, 1))  # nothing was sent
    next_day = due_now_rows(client, officer)
    assert next_day == {
        "Việc một lần": ("open_on_time", "Hạn hoàn thành 31/05/2029 (còn 881 ngày). "
                                         "Chưa gửi báo cáo tiến độ Quý I/2027."),
        "Việc hằng quý": ("open_overdue", "Chưa có báo cáo Quý IV/2026 (hạn 31/12/2026)."),
        "Việc thường xuyên": ("open_overdue", "Chưa có báo cáo Quý IV/2026 (hạn 31/12/2026)."),
        "Việc hằng quý giao giữa kỳ": ("open_on_time", "Báo cáo Quý I/2027, hạn 31/03/2027."),
    }
    # Every report promised for 31/12 is now the task's lateness, and only those.
    promised = {title for title, (_, words) in last_day.items() if "hạn 31/12/2026" in words}
    late = {title for title, (status, _) in next_day.items() if status == "open_overdue"}
    assert promised == late


def test_rows_in_english(client, office, officer, document, monkeypatch):
    lead = agency(HAI_PHONG)
    at(monkeypatch, dt.date(2026, 9, 20))
    services.task_create(actor=office, document=document, title="Việc một lần", lead_agency=lead,
                         due_on=dt.date(2026, 12, 1))
    services.task_create(actor=office, document=document, title="Việc chưa có hạn", lead_agency=lead)
    services.task_create(actor=office, document=document, title="Việc hằng quý", lead_agency=lead,
                         recurrence=Recurrence.QUARTERLY)
    at(monkeypatch, dt.date(2026, 11, 30))
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert {title: words for title, (_, words) in due_now_rows(client, officer).items()} == {
        "Việc một lần": "Due 01/12/2026 (1 day left). No progress report for Quarter IV/2026 yet.",
        "Việc chưa có hạn": "No deadline set. No progress report for Quarter IV/2026 yet.",
        "Việc hằng quý": "Report for Quarter IV/2026, due 31/12/2026.",
    }


def test_the_annual_report_is_due_on_the_anniversary(client, office, officer, document):
    today = timezone.localdate()
    year = period_containing("year", today)
    services.task_create(actor=office, document=document, title="Việc hằng năm", lead_agency=agency(HAI_PHONG),
                         recurrence=Recurrence.ANNUAL, due_on=dt.date(today.year, 12, 31))
    assert due_now_rows(client, officer) == {"Việc hằng năm": ("open_on_time", f"Báo cáo {year.label}, hạn 31/12/{today.year}.")}


def test_a_task_reported_this_quarter_says_so(client, office, officer, document, monkeypatch):
    lead = agency(HAI_PHONG)
    at(monkeypatch, dt.date(2026, 9, 20))
    one_off = services.task_create(actor=office, document=document, title="Việc một lần", lead_agency=lead,
                                   due_on=dt.date(2029, 5, 31))
    continuous = services.task_create(actor=office, document=document, title="Việc thường xuyên", lead_agency=lead,
                                      recurrence=Recurrence.CONTINUOUS)
    at(monkeypatch, dt.date(2026, 11, 2))
    quarter = period_containing("quarter", timezone.localdate())
    for task in (one_off, continuous):
        services.report_submit(actor=officer, task=task, period=quarter, percent_complete=30, narrative="Đang làm.")
    assert {title: words for title, (_, words) in due_now_rows(client, officer).items()} == {
        "Việc một lần": "Hạn hoàn thành 31/05/2029 (còn 941 ngày). Đã gửi báo cáo tiến độ Quý IV/2026.",
        "Việc thường xuyên": "Đã gửi báo cáo Quý IV/2026; kỳ tới: báo cáo Quý I/2027, hạn 31/03/2027.",
    }
