"""Concurrent writers queue: no "database is locked", no 500, no duplicate, no lost write.

Real transactions on real databases: a file SQLite database in a child process configured
like `make run`'s (WAL, BEGIN IMMEDIATE, busy timeout), and the PostgreSQL the suite runs
on when DATABASE_URL points at one (threads, each with its own connection).
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from tests.tasks.factories import TaskFactory
from theodoi.tasks.models import ProgressReport
from theodoi.tasks.periods import period_containing

DUPLICATE = "đã được gửi và đang chờ Văn phòng xem xét"


def assert_writers_queued(result: dict, n: int) -> None:
    # Every report on its own task is saved, exactly once.
    assert result["distinct"] == {"ok": n}
    assert result["distinct_saved"] == n and result["distinct_tasks_reported"] == n
    # On one task and period: one is saved, every other one is told why it was refused.
    assert result["same"] == {"ok": 1, "refused": n - 1}
    assert result["same_saved"] == 1
    assert len(result["messages"]) == 1 and DUPLICATE in result["messages"][0]
    # Accept and return at the same moment: one wins, the other says what happened.
    assert result["review"] == ["ok", "refused"]
    assert any("Chỉ xem xét được báo cáo" in m for m in result["review_messages"])
    assert result["review_state"] in ("accepted", "returned")
    # Two imports of the same table into one document: three tasks, not six, no error.
    assert result["imports"] == ["ok", "ok"], result["import_messages"]
    assert result["imported_tasks"] == 3
    # The counts the dashboard reads still equal a count of the tasks.
    assert result["count_differences"] == []
    # Leads and assignments changed at once: every change applied, the involvements still the rule's.
    assert result["reassigned"] == ["ok"], result["reassign_messages"]
    assert result["involvement_differences"] == []


def test_concurrent_writers_on_a_sqlite_file_queue(tmp_path: Path):
    from tests.tasks.races import run_in_child

    n = 20
    assert_writers_queued(run_in_child("tests.tasks.races", str(tmp_path / "race.sqlite3"), n), n)


def test_sqlite_is_configured_to_queue_writers():
    """What the child process above runs with is what `make run` gets on SQLite."""
    from theodoi import settings as project_settings

    if project_settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("the suite runs on PostgreSQL; the SQLite options are tested in the SQLite run")
    options = project_settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]
    assert options["timeout"] >= 10


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("runs when the suite runs on PostgreSQL (DATABASE_URL=postgres://…), as CI does")
    from tests.tasks.races import scenario
    from theodoi.agencies.services import registry_load

    # A transactional test may start from a database emptied by the one before.
    registry_load(path=Path(settings.BASE_DIR) / "data" / "agencies.json")
    n = 10  # 20 connections at once, well within a default PostgreSQL's 100
    assert_writers_queued(scenario(n), n)


@pytest.mark.django_db
def test_second_submission_over_http_is_refused_with_a_message(client, officer, document):
    task = TaskFactory(document=document)
    url = reverse("tasks:report", args=[task.pk])
    data = {"period": period_containing("quarter", timezone.localdate()).key, "percent_complete": "50",
            "narrative": "Đã triển khai."}
    client.force_login(officer)
    assert client.post(url, data).status_code == 302
    again = client.post(url, {**data, "narrative": "Gửi lại"})
    assert again.status_code == 400
    assert DUPLICATE in again.content.decode()
    assert list(ProgressReport.objects.filter(task=task).values_list("narrative", flat=True)) == ["Đã triển khai."]
