"""Writes: reports, review, edits; each leaves an audit row naming who and what changed."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.conftest import agency
from theodoi.core.audit import history_entries
from theodoi.core.exceptions import ApplicationError
from theodoi.tasks import services
from theodoi.tasks.models import Assignment, ProgressReport, Task
from theodoi.tasks.periods import period_containing
from theodoi.tasks.status import Status, with_status


@pytest.fixture
def task(document):
    return Task.objects.create(
        document=document, title="Hoàn thiện hạ tầng giao thông",
        lead_agency=agency("Ủy ban nhân dân thành phố Hải Phòng"), due_on=dt.date(2099, 12, 31),
    )


def this_quarter():
    return period_containing("quarter", timezone.localdate())


@pytest.mark.django_db
class TestReports:
    def test_officer_submits_and_history_names_them(self, officer, task):
        report = services.report_submit(actor=officer, task=task, period=this_quarter(),
                                        percent_complete=40, narrative="Đã khởi công",
                                        evidence=[SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 test")])
        assert report.state == ProgressReport.State.SUBMITTED
        assert report.agency.name == "Ủy ban nhân dân thành phố Hải Phòng"
        assert report.evidence.get().original_name == "bien-ban.pdf"
        record = report.history.latest()
        assert record.history_user == officer and record.history_type == "+"

    def test_a_second_submission_is_refused_not_duplicated_nor_overwritten(self, officer, task):
        services.report_submit(actor=officer, task=task, period=this_quarter(), percent_complete=40, narrative="a")
        with pytest.raises(ApplicationError, match="đang chờ Văn phòng xem xét"):
            services.report_submit(actor=officer, task=task, period=this_quarter(), percent_complete=60, narrative="b")
        assert ProgressReport.objects.get(task=task).percent_complete == 40

    def test_a_draft_is_reworked_then_submitted(self, officer, task):
        services.report_submit(actor=officer, task=task, period=this_quarter(), percent_complete=40,
                               narrative="a", draft=True)
        services.report_submit(actor=officer, task=task, period=this_quarter(), percent_complete=60, narrative="b")
        report = ProgressReport.objects.get(task=task)
        assert (report.state, report.percent_complete) == (ProgressReport.State.SUBMITTED, 60)

    def test_a_draft_never_demotes_a_submitted_report(self, officer, task):
        services.report_submit(actor=officer, task=task, period=this_quarter(), percent_complete=40, narrative="a")
        with pytest.raises(ApplicationError, match="đang chờ Văn phòng xem xét"):
            services.report_submit(actor=officer, task=task, period=this_quarter(), percent_complete=10,
                                   narrative="nháp", draft=True)
        report = ProgressReport.objects.get(task=task)
        assert (report.state, report.narrative) == (ProgressReport.State.SUBMITTED, "a")

    def test_empty_narrative_and_future_period_are_refused(self, officer, task):
        with pytest.raises(ApplicationError, match="kết quả"):
            services.report_submit(actor=officer, task=task, period=this_quarter(), percent_complete=10, narrative=" ")
        with pytest.raises(ApplicationError, match="Chưa đến kỳ"):
            services.report_submit(actor=officer, task=task, period=this_quarter().next(),
                                   percent_complete=10, narrative="x")
        assert not ProgressReport.objects.exists()

    def test_return_needs_a_reason_and_then_officer_resubmits(self, office, officer, task):
        report = services.report_submit(actor=officer, task=task, period=this_quarter(),
                                        percent_complete=40, narrative="a")
        with pytest.raises(ApplicationError, match="lý do"):
            services.report_return(actor=office, report=report, reason="")
        services.report_return(actor=office, report=report, reason="Thiếu số liệu")
        report.refresh_from_db()
        assert report.state == ProgressReport.State.RETURNED and report.return_reason == "Thiếu số liệu"
        services.report_submit(actor=officer, task=task, period=this_quarter(), percent_complete=45, narrative="b")
        report.refresh_from_db()
        assert report.state == ProgressReport.State.SUBMITTED and report.return_reason == ""

    def test_accepting_100_percent_completes_a_one_off_task(self, office, officer, task):
        report = services.report_submit(actor=officer, task=task, period=this_quarter(),
                                        percent_complete=100, narrative="Xong")
        services.report_accept(actor=office, report=report)
        task.refresh_from_db()
        assert task.completed_on == timezone.localdate()
        assert with_status(Task.objects.filter(pk=task.pk)).get().status == Status.DONE_ON_TIME
        assert task.history.latest().history_user == office

    def test_accepted_report_cannot_be_overwritten(self, office, officer, task):
        report = services.report_submit(actor=officer, task=task, period=this_quarter(),
                                        percent_complete=50, narrative="a")
        services.report_accept(actor=office, report=report)
        with pytest.raises(ApplicationError, match="đã được Văn phòng tiếp nhận"):
            services.report_submit(actor=officer, task=task, period=this_quarter(), percent_complete=90, narrative="b")
        with pytest.raises(ApplicationError, match="Đã gửi"):
            services.report_accept(actor=office, report=report)


@pytest.mark.django_db
class TestTaskEdits:
    def test_update_records_before_and_after(self, office, task):
        services.task_update(actor=office, task=task, due_on=dt.date(2026, 6, 30), deadline_text="Quý II/2026")
        entries = history_entries(task.history.all())
        latest = entries[0]
        assert latest.who == office and latest.action == "Sửa"
        changes = {c.field: (c.old, c.new) for c in latest.changes}
        assert changes["hạn hoàn thành"] == (dt.date(2099, 12, 31), dt.date(2026, 6, 30))

    def test_concurrent_edit_is_refused_not_overwritten(self, office, task):
        seen_version = task.updated_at
        services.task_update(actor=office, task=task, title="Sửa lần 1", version=seen_version)
        with pytest.raises(ApplicationError, match="người khác cập nhật"):
            services.task_update(actor=office, task=task, title="Sửa lần 2", version=seen_version)
        task.refresh_from_db()
        assert task.title == "Sửa lần 1"

    def test_coordinating_agencies_changes_are_audited(self, office, task):
        services.task_update(actor=office, task=task, coordinating=[agency("Bộ Xây dựng"), agency("Bộ Tài chính")])
        services.task_update(actor=office, task=task, coordinating=[agency("Bộ Xây dựng")])
        assert list(task.assignments.values_list("agency__name", flat=True)) == ["Bộ Xây dựng"]
        kinds = list(Assignment.history.filter(task_id=task.pk).values_list("history_type", "history_user"))
        assert kinds.count(("+", office.pk)) == 2 and kinds.count(("-", office.pk)) == 1

    def test_task_with_reports_cannot_be_deleted(self, office, officer, task):
        services.report_submit(actor=officer, task=task, period=this_quarter(), percent_complete=10, narrative="a")
        with pytest.raises(ApplicationError, match="đã có báo cáo"):
            services.task_delete(actor=office, task=task)
        assert Task.objects.filter(pk=task.pk).exists()

    def test_delete_is_audited(self, office, task):
        pk = task.pk
        services.task_delete(actor=office, task=task)
        record = Task.history.filter(id=pk).latest()
        assert record.history_type == "-" and record.history_user == office


@pytest.mark.django_db
def test_evidence_is_downloaded_only_by_staff(client, officer, plain_user, task):
    from django.urls import reverse

    report = services.report_submit(actor=officer, task=task, period=this_quarter(), percent_complete=10,
                                    narrative="a", evidence=[SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 noi dung")])
    url = reverse("tasks:evidence", args=[report.evidence.get().pk])
    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(plain_user)
    assert client.get(url).status_code == 403
    client.force_login(officer)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 noi dung"
    assert "bien-ban.pdf" in response["Content-Disposition"]
