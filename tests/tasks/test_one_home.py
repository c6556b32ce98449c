"""Tasks-side rules that had several homes: periods and cadence, "agency involved in task",
the permission check. Each test goes through every caller as a user reaches it."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.tasks.factories import HAI_PHONG, DocumentFactory, TaskFactory, UserFactory, agency
from theodoi.core.exceptions import ActionNotPermitted, ApplicationError
from theodoi.core.roles import LEADER, OFFICE, OFFICER
from theodoi.intake import services as intake_services
from theodoi.lib.dates import month_end
from theodoi.tasks import selectors, services
from theodoi.tasks.importing import import_task_rows
from theodoi.tasks.models import Assignment, Recurrence, Task
from theodoi.tasks.periods import Period, period_containing, reporting_periods
from theodoi.tasks.status import Reason, explain, with_status
from theodoi.tasks.views import _report_form


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# --- periods and cadence -----------------------------------------------------------------

@pytest.mark.django_db
@pytest.mark.parametrize("recurrence", [Recurrence.ANNUAL, Recurrence.QUARTERLY, Recurrence.MONTHLY,
                                        Recurrence.CONTINUOUS])
def test_the_period_status_asks_for_is_the_one_the_form_offers_and_the_service_takes(officer, recurrence):
    """The status rule, its explanation, the report form and the report service once used
    two cadence maps; a missing report must be one the officer can file, and filing it
    must satisfy the rule."""
    task = TaskFactory(recurrence=recurrence, due_on=None, deadline_text="")
    Task.objects.filter(pk=task.pk).update(created_at=timezone.now() - dt.timedelta(days=800))
    annotated = with_status(Task.objects.filter(pk=task.pk)).get()
    assert annotated.status_reason == Reason.MISSING_PREVIOUS
    owed = reporting_periods(recurrence, timezone.localdate())[1]  # the last finished period
    assert owed.label in explain(annotated).reason
    assert owed.key in dict(_report_form(task).fields["period"].choices)
    services.report_submit(actor=officer, task=task, period=owed, percent_complete=50, narrative="Đã làm.")
    assert with_status(Task.objects.filter(pk=task.pk)).get().status_reason != Reason.MISSING_PREVIOUS


@pytest.mark.django_db
def test_the_service_refuses_a_period_the_form_would_not_offer(officer):
    quarterly = TaskFactory(recurrence=Recurrence.QUARTERLY)
    today = timezone.localdate()
    wrong_kind = period_containing("month", today)
    long_ago = period_containing("quarter", dt.date(2001, 2, 1))
    for period in (wrong_kind, long_ago):
        assert period.key not in dict(_report_form(quarterly).fields["period"].choices)
        with pytest.raises(ApplicationError, match="Không nhận báo cáo cho kỳ"):
            services.report_submit(actor=officer, task=quarterly, period=period, percent_complete=5, narrative="x")
    assert not quarterly.reports.exists()


def test_month_end_is_one_function_for_deadlines_and_periods():
    from theodoi.extraction.deadlines import parse_deadline

    assert parse_deadline("tháng 2/2028", reference=dt.date(2025, 1, 1)).due == month_end(2028, 2) == dt.date(2028, 2, 29)
    assert period_containing("month", dt.date(2028, 2, 10)) == Period(dt.date(2028, 2, 1), dt.date(2028, 2, 29), "month")


# --- the agency involved in a task -------------------------------------------------------

INVOLVEMENT = {
    # user's agency → involved in a task led by the city, co-led by Bộ Công an, coordinated
    # by Bộ Xây dựng and by the dissolved Bộ Kế hoạch và Đầu tư?
    HAI_PHONG: True,  # lead
    "Bộ Công an": True,  # further lead (Assignment role LEAD)
    "Bộ Xây dựng": True,  # coordinating
    "Bộ Tài chính": True,  # successor of a coordinating body
    "Bộ Y tế": False,
}


@pytest.mark.django_db
@pytest.mark.parametrize("agency_name, involved", INVOLVEMENT.items())
def test_agency_involvement_agrees_in_rules_services_and_selectors(client, agency_name, involved):
    task = TaskFactory(coordinating=["Bộ Xây dựng", "Bộ Kế hoạch và Đầu tư"])
    Assignment.objects.create(task=task, agency=agency("Bộ Công an"), role=Assignment.Role.LEAD)
    officer = UserFactory(username="officer", role=OFFICER, agency=agency_name)

    assert officer.has_perm("tasks.report_on_task", task) is involved
    assert selectors.may_see_report_internals(user=officer, task=task) is involved
    assert (task in selectors.my_tasks(user=officer)) is involved
    # The agency a report is filed under: the officer's own when involved.
    assert (services.reporting_agency_for(actor=officer, task=task) == agency(agency_name)) is involved
    client.force_login(officer)
    assert (task.title in client.get(reverse("tasks:mine")).content.decode()) is involved


# --- one permission check ----------------------------------------------------------------

@pytest.mark.django_db
def test_every_caller_refuses_the_same_way(client):
    """Three helpers once refused with different messages (one named the permission code,
    one handled no user). Services of tasks and intake, the importer and the views now
    raise the same PermissionDenied with the same message."""
    leader = UserFactory(username="lanhdao", role=LEADER, agency=HAI_PHONG)
    task = TaskFactory()
    document = DocumentFactory()
    refusals = []
    for call in (
        lambda: services.task_create(actor=leader, document=document, title="x", lead_agency=agency(HAI_PHONG)),
        lambda: services.task_update(actor=leader, task=task, title="y"),
        lambda: services.task_delete(actor=leader, task=task),
        lambda: import_task_rows(actor=leader, document=document, rows=[["STT", "Nhiệm vụ", "Cơ quan chủ trì"]]),
        lambda: intake_services.intake_create(actor=leader, name="a.txt", data=b"x"),
        lambda: services.task_create(actor=None, document=document, title="x"),
    ):
        with pytest.raises(ActionNotPermitted) as caught:
            call()
        refusals.append(str(caught.value))
    assert set(refusals) == {"Bạn không có quyền thực hiện thao tác này."}
    assert Task.objects.count() == 1

    client.force_login(leader)
    for url in (reverse("tasks:edit", args=[task.pk]), reverse("tasks:import", args=[document.pk])):
        response = client.get(url)
        assert response.status_code == 403 and "Không có quyền" in response.content.decode()
    office = UserFactory(username="vp", role=OFFICE)
    assert office.has_perm("tasks.change_task", task)
