"""The status rule in every state, through the same SQL the dashboard counts with."""

import datetime as dt

import pytest
from django.utils import timezone

from theodoi.tasks.models import ProgressReport, Recurrence, Task
from theodoi.tasks.periods import period_containing
from theodoi.tasks.status import Reason, Status, explain, with_status

TODAY = dt.date(2026, 11, 23)  # a Monday in Quý IV/2026
D = dt.date


def make_task(document, *, created=D(2025, 1, 10), **fields) -> Task:
    task = Task.objects.create(document=document, title="Nhiệm vụ", **fields)
    Task.objects.filter(pk=task.pk).update(
        created_at=timezone.make_aware(dt.datetime.combine(created, dt.time(9)))
    )
    return task


def report(task, period, *, submitted_on, state=ProgressReport.State.SUBMITTED, percent=50):
    return ProgressReport.objects.create(
        task=task, agency=task.document.issuer, period_start=period.start, period_end=period.end,
        percent_complete=percent, narrative="Đã thực hiện", state=state,
        submitted_at=timezone.make_aware(dt.datetime.combine(submitted_on, dt.time(10))),
    )


def status_of(task, today=TODAY):
    annotated = with_status(Task.objects.filter(pk=task.pk), today=today).get()
    return annotated.status, annotated.status_reason, explain(annotated, today=today)


@pytest.mark.django_db
class TestOneOffTasks:
    def test_due_today_is_still_on_time(self, document):
        task = make_task(document, due_on=TODAY)
        assert status_of(task)[0] == Status.OPEN_ON_TIME

    def test_due_yesterday_is_overdue_and_says_by_how_much(self, document):
        task = make_task(document, due_on=TODAY - dt.timedelta(days=1))
        status, reason, explanation = status_of(task)
        assert (status, reason) == (Status.OPEN_OVERDUE, Reason.PAST_DUE)
        assert "Quá hạn 1 ngày" in explanation.reason and "22/11/2026" in explanation.reason
        assert explanation.is_overdue

    def test_future_deadline_is_on_time(self, document):
        task = make_task(document, due_on=D(2026, 12, 31))
        status, _, explanation = status_of(task)
        assert status == Status.OPEN_ON_TIME
        assert "Còn 38 ngày" in explanation.reason

    def test_no_deadline_is_on_time(self, document):
        assert status_of(make_task(document))[:2] == (Status.OPEN_ON_TIME, Reason.NO_DEADLINE)

    def test_completed_on_the_due_date_is_on_time(self, document):
        task = make_task(document, due_on=D(2025, 12, 31), completed_on=D(2025, 12, 31))
        assert status_of(task)[0] == Status.DONE_ON_TIME

    def test_completed_a_day_late_is_done_late(self, document):
        task = make_task(document, due_on=D(2025, 12, 31), completed_on=D(2026, 1, 1))
        status, _, explanation = status_of(task)
        assert status == Status.DONE_LATE
        assert "01/01/2026" in explanation.reason and "31/12/2025" in explanation.reason

    def test_completed_without_deadline_is_on_time(self, document):
        assert status_of(make_task(document, completed_on=D(2026, 3, 1)))[0] == Status.DONE_ON_TIME

    def test_a_report_at_100_percent_alone_does_not_complete(self, document):
        """Only the office's acceptance sets the completion date."""
        task = make_task(document, due_on=D(2026, 1, 31))
        report(task, period_containing("quarter", D(2026, 1, 1)), submitted_on=D(2026, 1, 20), percent=100)
        assert status_of(task)[0] == Status.OPEN_OVERDUE


@pytest.mark.django_db
class TestAnnualTasks:
    """A yearly task is late if this year's report is missing after its due day."""

    def test_before_the_yearly_due_day_without_report_is_on_time(self, document):
        task = make_task(document, recurrence=Recurrence.ANNUAL, due_on=D(2025, 12, 15))
        report(task, period_containing("year", D(2025, 6, 1)), submitted_on=D(2025, 12, 1))
        assert status_of(task)[:2] == (Status.OPEN_ON_TIME, Reason.PERIOD_OPEN)

    def test_after_the_yearly_due_day_without_report_is_overdue(self, document):
        task = make_task(document, recurrence=Recurrence.ANNUAL, due_on=D(2025, 11, 15))
        report(task, period_containing("year", D(2025, 6, 1)), submitted_on=D(2025, 11, 1))
        status, reason, explanation = status_of(task)
        assert (status, reason) == (Status.OPEN_OVERDUE, Reason.MISSING_CURRENT)
        assert "Năm 2026" in explanation.reason and "15/11" in explanation.reason

    def test_due_day_is_today_is_still_on_time(self, document):
        task = make_task(document, recurrence=Recurrence.ANNUAL, due_on=D(2025, 11, 23))
        report(task, period_containing("year", D(2025, 6, 1)), submitted_on=D(2025, 11, 1))
        assert status_of(task)[0] == Status.OPEN_ON_TIME

    def test_this_years_report_before_the_due_day_is_done_on_time(self, document):
        task = make_task(document, recurrence=Recurrence.ANNUAL, due_on=D(2025, 11, 15))
        report(task, period_containing("year", TODAY), submitted_on=D(2026, 11, 10))
        assert status_of(task)[0] == Status.DONE_ON_TIME

    def test_this_years_report_after_the_due_day_is_done_late(self, document):
        task = make_task(document, recurrence=Recurrence.ANNUAL, due_on=D(2025, 11, 15))
        report(task, period_containing("year", TODAY), submitted_on=D(2026, 11, 20))
        assert status_of(task)[0] == Status.DONE_LATE

    def test_missing_last_years_report_is_overdue(self, document):
        task = make_task(document, recurrence=Recurrence.ANNUAL, created=D(2024, 12, 1))
        status, reason, explanation = status_of(task)
        assert (status, reason) == (Status.OPEN_OVERDUE, Reason.MISSING_PREVIOUS)
        assert "Năm 2025" in explanation.reason

    def test_last_year_not_owed_by_a_task_created_this_year(self, document):
        task = make_task(document, recurrence=Recurrence.ANNUAL, created=D(2026, 2, 1))
        assert status_of(task)[0] == Status.OPEN_ON_TIME

    def test_returned_report_does_not_count(self, document):
        task = make_task(document, recurrence=Recurrence.ANNUAL, due_on=D(2025, 11, 15))
        report(task, period_containing("year", TODAY), submitted_on=D(2026, 11, 1),
               state=ProgressReport.State.RETURNED)
        assert status_of(task)[0] == Status.OPEN_OVERDUE


@pytest.mark.django_db
class TestQuarterlyAndMonthlyTasks:
    def test_quarterly_missing_previous_quarter_is_overdue(self, document):
        task = make_task(document, recurrence=Recurrence.QUARTERLY)
        status, _, explanation = status_of(task)
        assert status == Status.OPEN_OVERDUE
        assert "Quý III/2026" in explanation.reason and "30/09/2026" in explanation.reason

    def test_quarterly_with_previous_report_is_on_time_until_this_quarter_reports(self, document):
        task = make_task(document, recurrence=Recurrence.QUARTERLY)
        quarter = period_containing("quarter", TODAY)
        report(task, quarter.previous(), submitted_on=D(2026, 9, 25))
        assert status_of(task)[0] == Status.OPEN_ON_TIME
        report(task, quarter, submitted_on=D(2026, 11, 20))
        assert status_of(task)[0] == Status.DONE_ON_TIME

    def test_monthly_boundary_first_day_of_month(self, document):
        task = make_task(document, recurrence=Recurrence.MONTHLY)
        first_of_december = D(2026, 12, 1)
        report(task, period_containing("month", D(2026, 10, 1)), submitted_on=D(2026, 10, 30))
        report(task, period_containing("month", TODAY), submitted_on=D(2026, 11, 20))
        assert status_of(task, today=D(2026, 11, 30))[0] == Status.DONE_ON_TIME
        # The day after November ends, November's report is what is owed: still there.
        assert status_of(task, today=first_of_december)[0] == Status.OPEN_ON_TIME
        assert status_of(task, today=D(2027, 1, 1))[0] == Status.OPEN_OVERDUE


@pytest.mark.django_db
class TestContinuousTasks:
    def test_continuous_is_on_time_while_last_quarter_is_reported(self, document):
        task = make_task(document, recurrence=Recurrence.CONTINUOUS)
        report(task, period_containing("quarter", D(2026, 8, 1)), submitted_on=D(2026, 9, 20))
        status, reason, _ = status_of(task)
        assert (status, reason) == (Status.OPEN_ON_TIME, Reason.CONTINUOUS)

    def test_continuous_without_last_quarter_report_is_overdue(self, document):
        task = make_task(document, recurrence=Recurrence.CONTINUOUS)
        assert status_of(task)[:2] == (Status.OPEN_OVERDUE, Reason.MISSING_PREVIOUS)

    def test_continuous_is_never_done_by_reports(self, document):
        task = make_task(document, recurrence=Recurrence.CONTINUOUS)
        quarter = period_containing("quarter", TODAY)
        report(task, quarter.previous(), submitted_on=D(2026, 9, 20), percent=100)
        report(task, quarter, submitted_on=D(2026, 11, 20), percent=100)
        assert status_of(task)[0] == Status.OPEN_ON_TIME

    def test_new_continuous_task_owes_nothing_yet(self, document):
        task = make_task(document, recurrence=Recurrence.CONTINUOUS, created=D(2026, 10, 5))
        assert status_of(task)[0] == Status.OPEN_ON_TIME


@pytest.mark.django_db
def test_status_filter_and_counts_agree(document):
    make_task(document, due_on=TODAY - dt.timedelta(days=3))
    make_task(document, due_on=TODAY)
    make_task(document, due_on=D(2025, 1, 1), completed_on=D(2025, 2, 1))
    tasks = with_status(Task.objects.all(), today=TODAY)
    assert tasks.filter(status=Status.OPEN_OVERDUE).count() == 1
    assert tasks.filter(status=Status.OPEN_ON_TIME).count() == 1
    assert tasks.filter(status=Status.DONE_LATE).count() == 1
