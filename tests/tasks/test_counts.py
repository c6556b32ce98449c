"""The counts the dashboard and the task list read (tasks/counts.py) follow every write.

The database keeps them with triggers; these tests change tasks by every path there is
(services, bulk inserts, raw updates, deletes) and compare with a count of the rows. The
randomised year in test_settled_status.py checks them after each of its 1,000 writes, and
test_concurrency.py after concurrent submissions, reviews and imports.
"""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from tests.conftest import agency
from theodoi.tasks import counts, services
from theodoi.tasks.counts import count_differences, install_triggers, task_counts
from theodoi.tasks.models import Domain, Recurrence, Task, TaskCount
from theodoi.tasks.periods import reporting_periods
from theodoi.tasks.status import Status, settle_all

CITY = "Ủy ban nhân dân thành phố Hải Phòng"


def recount() -> dict:
    found: dict = {}
    for task in Task.objects.all():
        key = (task.domain, task.lead_agency_id, task.settled_status)
        found[key] = found.get(key, 0) + 1
    return found


@pytest.mark.django_db
def test_counts_follow_services_bulk_writes_and_deletes(office, document):
    today = timezone.localdate()
    city, health = agency(CITY), agency("Bộ Y tế")
    task = services.task_create(actor=office, document=document, title="Việc quá hạn", lead_agency=city,
                                due_on=today - dt.timedelta(days=3))
    assert task_counts() == recount() and recount()[(task.domain, city.pk, Status.OPEN_OVERDUE)] == 1
    services.task_update(actor=office, task=Task.objects.get(pk=task.pk), lead_agency=health,
                         domain=Domain.values[1], completed_on=today)
    assert task_counts() == recount()
    assert (Domain.values[1], health.pk, Status.DONE_LATE) in task_counts()
    # Paths that bypass the services: a bulk insert, a raw UPDATE, a settle of everything.
    Task.objects.bulk_create([Task(document=document, title=f"Nạp {i}", lead_agency=city) for i in range(30)])
    Task.objects.filter(title__startswith="Nạp").update(due_on=today - dt.timedelta(days=1))
    settle_all()
    assert task_counts() == recount()
    assert task_counts()[(Domain.CHUNG, city.pk, Status.OPEN_OVERDUE)] == 30
    Task.objects.filter(title__startswith="Nạp 1").delete()
    services.task_delete(actor=office, task=Task.objects.get(pk=task.pk))
    assert task_counts() == recount() and count_differences() == []


@pytest.mark.django_db
def test_a_report_moves_a_task_between_counts(office, document):
    task = services.task_create(actor=office, document=document, title="Báo cáo quý", lead_agency=agency(CITY),
                                recurrence=Recurrence.QUARTERLY)
    period = reporting_periods(task.recurrence, timezone.localdate())[0]
    key = (task.domain, task.lead_agency_id)
    assert task_counts() == {(*key, Status.OPEN_ON_TIME): 1}
    services.report_submit(actor=office, task=task, period=period, percent_complete=40, narrative="Đang làm.",
                           agency=task.lead_agency)
    # This quarter's report is in: done for the period, and counted there.
    assert task_counts() == {(*key, Status.DONE_ON_TIME): 1} == recount()


@pytest.mark.django_db
def test_the_ledger_is_folded_without_changing_a_count(office, document):
    city = agency(CITY)
    for i in range(12):
        services.task_create(actor=office, document=document, title=f"Việc {i}", lead_agency=city)
    Task.objects.update(domain=Domain.values[2])  # twelve -1 and twelve +1 rows (SQLite), or two (PostgreSQL)
    Task.objects.update(domain=Domain.CHUNG)
    expected = recount()
    rows_before = TaskCount.objects.count()
    assert task_counts() == expected
    counts.compact_above(0)
    assert TaskCount.objects.count() == len(expected) < rows_before
    assert task_counts() == expected and count_differences() == []
    # Writers fold it after their commit once it has grown.
    Task.objects.update(domain=Domain.values[2])
    counts.compact_above(len(expected))
    assert TaskCount.objects.count() == 1 and task_counts() == recount()


@pytest.mark.django_db
def test_check_status_reports_a_miscount_and_migrate_repairs_a_lost_trigger(office, document, capsys):
    city = agency(CITY)
    services.task_create(actor=office, document=document, title="Việc", lead_agency=city)
    call_command("check_status")
    TaskCount.objects.create(domain=Domain.CHUNG, lead_agency_id=city.pk, status=Status.DONE_LATE, n=5)
    with pytest.raises(CommandError, match="1 nhóm"):
        call_command("check_status")
    assert "đã lưu 5, đếm lại 0" in capsys.readouterr().out
    # A trigger gone (SQLite drops them when a migration rebuilds the table): the next
    # migrate puts them back and counts every task afresh.
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER tasks_taskcount_insert")
        else:
            cursor.execute("DROP TRIGGER tasks_taskcount_insert ON tasks_task")
    services.task_create(actor=office, document=document, title="Việc khi thiếu trigger", lead_agency=city)
    assert count_differences() != []
    assert install_triggers() is True
    assert count_differences() == [] and install_triggers() is False
    call_command("check_status")


@pytest.mark.django_db
def test_dashboard_reads_the_kept_counts(client, office, document):
    city = agency(CITY)
    today = timezone.localdate()
    for i in range(3):
        services.task_create(actor=office, document=document, title=f"Quá hạn {i}", lead_agency=city,
                             due_on=today - dt.timedelta(days=i + 1))
    client.force_login(office)
    data = client.get(reverse("tasks:dashboard")).context["data"]
    assert data.by_status[Status.OPEN_OVERDUE] == 3 and data.total == 3
    # The dashboard shows what the ledger says (so a drift would show, and check_status finds it).
    TaskCount.objects.create(domain=Domain.CHUNG, lead_agency_id=city.pk, status=Status.OPEN_OVERDUE, n=1)
    assert client.get(reverse("tasks:dashboard")).context["data"].by_status[Status.OPEN_OVERDUE] == 4


def test_migrating_a_second_database_installs_its_triggers_there(tmp_path):
    """`migrate --database other`: the counts' triggers and the search index go into that
    database (before, the counts' hook looked at the default one and left `other` uncounted)."""
    import json
    import subprocess
    import sys

    from django.conf import settings

    child = subprocess.run([sys.executable, "-m", "tests.tasks.second_database", str(tmp_path / "default.sqlite3"),
                            str(tmp_path / "other.sqlite3")], cwd=settings.BASE_DIR, capture_output=True, text=True,
                           timeout=300)
    assert child.returncode == 0, child.stderr[-3000:]
    result = json.loads(child.stdout.strip().splitlines()[-1])
    # The dashboard of an installation on `other` counts its two tasks and search finds them.
    assert result["other_counted"] == 2
    assert {"tasks_taskcount_insert", "tasks_taskcount_delete", "tasks_taskcount_update"} <= set(result["other_triggers"])
    assert result["other_index_missing"] == [] and result["other_found"] == ["Phát triển cảng biển"]
    assert TaskCount._meta.db_table not in result["default_tables"]  # the default was not migrated


@pytest.mark.django_db
def test_migrate_leaves_a_ledger_in_step_alone_and_recounts_one_that_is_not(office, document):
    """Every deploy migrates: with the triggers in place and the counts in step, that must not
    rewrite the ledger (on PostgreSQL the recount locks the task table against every report
    being submitted meanwhile). A ledger whose total is not the number of tasks (what a flush
    on SQLite can leave: the tasks' deletion recorded after the ledger was emptied) is recounted."""
    from django.db import connection as default_connection
    from django.test.utils import CaptureQueriesContext

    city = agency(CITY)
    for i in range(3):
        services.task_create(actor=office, document=document, title=f"Việc {i}", lead_agency=city)
    rows = sorted(TaskCount.objects.values_list("pk", "n"))
    with CaptureQueriesContext(default_connection) as queries:
        assert install_triggers() is False
    written = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("DELETE", "INSERT", "LOCK"))]
    assert written == [] and sorted(TaskCount.objects.values_list("pk", "n")) == rows
    TaskCount.objects.create(domain=Domain.CHUNG, lead_agency_id=city.pk, status=Status.OPEN_ON_TIME, n=-3)
    assert count_differences() != []
    assert install_triggers() is False  # nothing to install, but a recount
    assert count_differences() == [] and task_counts() == recount()
