"""Every path that writes tasks goes through the task services; workflow records are
read-only in the admin; role groups exist because the migration made them."""

import datetime as dt
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from tests.tasks.factories import HAI_PHONG, ReportFactory, TaskFactory, agency
from theodoi.core.roles import ALL_ROLES, role_groups
from theodoi.tasks import services
from theodoi.tasks.importing import import_task_rows
from theodoi.tasks.models import ProgressReport, Task

TABLE = [
    ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
    ["1", "Xây dựng chính quyền số", "UBND TP Hải Phòng", "Bộ Công an", "Quý III/2025"],
    ["2", "Phát triển cảng biển", "UBND TP Hải Phòng; Bộ Xây dựng", "", "năm 2026"],
]


def spy(name: str):
    """The real service, recording its calls."""
    return mock.patch.object(services, name, wraps=getattr(services, name))


@pytest.mark.django_db
def test_role_groups_come_from_the_migration():
    # Nothing in the test set-up creates them: the migrated database has them.
    assert set(Group.objects.filter(name__in=ALL_ROLES).values_list("name", flat=True)) == set(ALL_ROLES)
    assert set(role_groups()) == set(ALL_ROLES)


@pytest.mark.django_db
def test_the_importer_creates_and_changes_tasks_only_through_the_services(office, document):
    # New rows go through tasks_create (task_create's checks, written in bulk), in one call.
    with spy("tasks_create") as create, spy("task_update") as update:
        result = import_task_rows(actor=office, document=document, rows=TABLE, source_name="bang.xlsx")
    assert (result.created, create.call_count, update.call_count) == (2, 1, 0)
    assert [spec.row_key for spec in create.call_args.kwargs["new"]] == ["1", "2"]
    task = Task.objects.get(document=document, row_key="2")
    assert [a.agency.name for a in task.assignments.all()] == ["Bộ Xây dựng"]
    created = task.history.get()
    assert (created.history_change_reason, created.history_user, created.history_type) == (
        "Nhập từ bảng bang.xlsx", office, "+")
    assert task.assignments.get().history.get().history_user == office

    revised = [row[:] for row in TABLE]
    revised[1][1] = "Xây dựng chính quyền số, đô thị thông minh"
    revised[2][2] = "UBND TP Hải Phòng"  # Bộ Xây dựng no longer co-leads
    with spy("tasks_create") as create, spy("task_update") as update:
        result = import_task_rows(actor=office, document=document, rows=revised, source_name="bang.xlsx")
    assert (result.created, result.updated, create.call_count, update.call_count) == (0, 2, 0, 2)
    assert Task.objects.get(document=document, row_key="1").title == "Xây dựng chính quyền số, đô thị thông minh"
    assert not Task.objects.get(document=document, row_key="2").assignments.exists()

    with spy("task_update") as update:
        result = import_task_rows(actor=office, document=document, rows=revised)
    assert (result.unchanged, update.call_count) == (2, 0)


def _admin_form(task_fields: dict) -> dict:
    return {"assignments-TOTAL_FORMS": "0", "assignments-INITIAL_FORMS": "0", "assignments-MIN_NUM_FORMS": "0",
            "assignments-MAX_NUM_FORMS": "1000", **task_fields}


def _fields(document, **overrides) -> dict:
    data = {"document": document.pk, "row_key": "", "title": "Nhiệm vụ thêm trong quản trị", "description": "",
            "domain": "chung", "lead_agency": agency(HAI_PHONG).pk, "output": "", "deadline_text": "Quý IV/2026",
            "due_on": "31/12/2026", "recurrence": "once", "completed_on": "", "weight": "", "parent": "",
            "source_start": "", "source_end": ""}
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_the_admin_creates_edits_and_deletes_tasks_through_the_services(client, office, document):
    client.force_login(office)
    with spy("task_create") as create:
        response = client.post(reverse("admin:tasks_task_add"), _admin_form(_fields(document)))
    assert response.status_code == 302, response.content.decode()[:3000]
    task = Task.objects.get(title="Nhiệm vụ thêm trong quản trị")
    assert create.call_count == 1 and task.created_by == office
    assert task.history.get().history_user == office

    with spy("task_update") as update:
        response = client.post(reverse("admin:tasks_task_change", args=[task.pk]),
                               _admin_form(_fields(document, title="Tên sửa trong quản trị", due_on="30/06/2027")))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert update.call_count == 1
    assert set(update.call_args.kwargs) >= {"title", "due_on"} and "output" not in update.call_args.kwargs
    task.refresh_from_db()
    assert (task.title, task.due_on) == ("Tên sửa trong quản trị", dt.date(2027, 6, 30))
    assert task.history.first().history_user == office

    with spy("task_delete") as delete:
        client.post(reverse("admin:tasks_task_delete", args=[task.pk]), {"post": "yes"})
    assert delete.call_count == 1 and not Task.objects.filter(pk=task.pk).exists()
    assert Task.history.filter(id=task.pk).latest().history_user == office

    # A task with reports is not deleted (the service refuses it, and the admin asks it).
    reported = ReportFactory(task=TaskFactory(document=document)).task
    client.post(reverse("admin:tasks_task_delete", args=[reported.pk]), {"post": "yes"})
    assert Task.objects.filter(pk=reported.pk).exists()


@pytest.mark.django_db
def test_reports_are_read_only_in_the_admin(client, office, document):
    report = ReportFactory(task=TaskFactory(document=document))
    client.force_login(office)
    office.is_superuser = True  # even a superuser cannot change a workflow record there
    office.save()
    url = reverse("admin:tasks_progressreport_change", args=[report.pk])
    page = client.get(url)
    assert page.status_code == 200 and 'name="state"' not in page.content.decode()
    response = client.post(url, {"state": ProgressReport.State.ACCEPTED, "percent_complete": "100"})
    assert response.status_code == 403
    assert client.get(reverse("admin:tasks_progressreport_add")).status_code == 403
    report.refresh_from_db()
    assert report.state == ProgressReport.State.SUBMITTED
    assert report.submitted_at <= timezone.now()
