"""Lưu nháp keeps whatever the officer typed so far (progress, narrative, either or neither)
to finish another day; Gửi báo cáo still needs both; a draft never demotes a sent report."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import agency
from theodoi.core.exceptions import ApplicationError
from theodoi.tasks import services
from theodoi.tasks.models import ProgressReport, Recurrence
from theodoi.tasks.periods import period_containing

pytestmark = pytest.mark.django_db


@pytest.fixture
def task(office, document):
    return services.task_create(actor=office, document=document, title="Việc báo cáo hằng quý",
                                lead_agency=agency("Ủy ban nhân dân thành phố Hải Phòng"),
                                recurrence=Recurrence.QUARTERLY)


def this_quarter():
    return period_containing("quarter", timezone.localdate())


def test_the_form_saves_a_draft_with_only_part_typed_and_gives_it_back(client, officer, task):
    client.force_login(officer)
    page = client.get(reverse("tasks:detail", args=[task.pk])).text
    # The browser must not stop "Lưu nháp" on an empty required field.
    assert re.search(r'<button[^>]*name="save_draft"[^>]*formnovalidate', page)

    saved = client.post(reverse("tasks:report", args=[task.pk]),
                        {"period": this_quarter().key, "percent_complete": "", "narrative": "",
                         "save_draft": ""}, follow=True)
    assert saved.status_code == 200 and "Đã lưu nháp." in saved.text
    report = ProgressReport.objects.get(task=task)
    assert (report.state, report.percent_complete, report.narrative) == (ProgressReport.State.DRAFT, None, "")
    # The report table shows no "None%" for the progress not given yet.
    assert "None" not in saved.text

    # Another day: some progress typed, still no narrative; saved again, given back.
    again = client.post(reverse("tasks:report", args=[task.pk]),
                        {"period": this_quarter().key, "percent_complete": "30", "narrative": "",
                         "save_draft": ""}, follow=True)
    assert "Đã lưu nháp." in again.text and "None" not in again.text
    form = again.context["report_form"]
    assert (form["percent_complete"].value(), form["narrative"].value()) == (30, "")
    assert ProgressReport.objects.get(task=task).state == ProgressReport.State.DRAFT


def test_sending_still_needs_progress_and_narrative(client, officer, task):
    client.force_login(officer)
    services.report_submit(actor=officer, task=task, period=this_quarter(), percent_complete=None,
                           narrative="", draft=True)
    refused = client.post(reverse("tasks:report", args=[task.pk]),
                          {"period": this_quarter().key, "percent_complete": "", "narrative": "", "submit": ""})
    assert refused.status_code == 400
    assert "Báo cáo chưa gửi được" in refused.text
    assert ProgressReport.objects.get(task=task).state == ProgressReport.State.DRAFT
    with pytest.raises(ApplicationError, match="tiến độ"):
        services.report_submit(actor=officer, task=task, period=this_quarter(), percent_complete=None,
                               narrative="Đã làm.")
    with pytest.raises(ApplicationError, match="kết quả"):
        services.report_submit(actor=officer, task=task, period=this_quarter(), percent_complete=20,
                               narrative="  ")
    sent = client.post(reverse("tasks:report", args=[task.pk]),
                       {"period": this_quarter().key, "percent_complete": "20", "narrative": "Đã làm.",
                        "submit": ""}, follow=True)
    assert "Đã gửi báo cáo tiến độ." in sent.text
    assert ProgressReport.objects.get(task=task).state == ProgressReport.State.SUBMITTED


def test_an_empty_draft_never_demotes_a_sent_report(client, officer, task):
    services.report_submit(actor=officer, task=task, period=this_quarter(), percent_complete=40,
                           narrative="Đã gửi.")
    client.force_login(officer)
    refused = client.post(reverse("tasks:report", args=[task.pk]),
                          {"period": this_quarter().key, "percent_complete": "", "narrative": "",
                           "save_draft": ""})
    assert refused.status_code == 400 and "đang chờ Văn phòng xem xét" in refused.text
    report = ProgressReport.objects.get(task=task)
    assert (report.state, report.percent_complete, report.narrative) == (
        ProgressReport.State.SUBMITTED, 40, "Đã gửi.")
