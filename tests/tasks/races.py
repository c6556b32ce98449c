"""Real concurrent writers: threads, each with its own database connection, released together.

Used in-process on PostgreSQL (a `transaction=True` test) and, for SQLite, in a child process
on a file database (`python -m tests.tasks.races DB_PATH` prints the outcome as JSON), since
the in-memory test database of SQLite does not lock like a real one.
"""

import datetime as dt
import json
import os
import sys
import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

TABLE = [
    ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
    ["1", "Xây dựng chính quyền số", "UBND TP Hải Phòng", "Bộ Công an", "Quý III/2025"],
    ["2", "Phát triển cảng biển", "UBND TP Hải Phòng", "Bộ Xây dựng", "Quý IV/2025"],
    ["3", "Hoàn thiện hạ tầng giao thông", "UBND TP Hải Phòng", "", "năm 2026"],
]


def run_at_once(calls: list[Callable[[], Any]]) -> list[tuple[str, str]]:
    """Run every call in its own thread, all released by one barrier; (outcome, detail) each."""
    from django.db import connection

    from theodoi.core.exceptions import ApplicationError

    barrier = threading.Barrier(len(calls))

    def run(call: Callable[[], Any]) -> tuple[str, str]:
        try:
            barrier.wait()
            call()
            return "ok", ""
        except ApplicationError as exc:
            return "refused", exc.message
        except Exception as exc:  # anything else is what a user would see as a 500
            return "error", repr(exc)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def race_setting(number: str) -> tuple[Any, Any, Any, Any]:
    """The city, an officer of it, an office user and a document, for a race scenario."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from theodoi.agencies.models import Agency, Membership
    from theodoi.core.roles import OFFICE, OFFICER
    from theodoi.documents.models import Document

    city = Agency.objects.get(name="Ủy ban nhân dân thành phố Hải Phòng")
    users = get_user_model().objects
    officer = users.create_user(username="race-officer")
    officer.groups.add(Group.objects.get(name=OFFICER))
    Membership.objects.create(user=officer, agency=city)
    office = users.create_user(username="race-office")
    office.groups.add(Group.objects.get(name=OFFICE))
    document = Document.objects.create(kind="nghi-quyet", number=number, title="Chương trình thử",
                                       text="Văn bản thử.", issued_on=dt.date(2025, 1, 10))
    return city, officer, office, document


def scenario(n: int) -> dict[str, Any]:
    """n reports on distinct tasks and n on one task and period, all at once; then a review
    race (accept against return) and two imports of one table into one document."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from theodoi.agencies.models import Agency
    from theodoi.tasks import services
    from theodoi.tasks.counts import count_differences
    from theodoi.tasks.involvement import involvement_differences
    from theodoi.tasks.importing import import_task_rows
    from theodoi.tasks.models import ProgressReport, Task
    from theodoi.tasks.periods import period_containing

    city, officer, office, document = race_setting("99/NQ-CP")
    users = get_user_model().objects
    distinct = [Task.objects.create(document=document, title=f"Nhiệm vụ {i}", lead_agency=city) for i in range(n)]
    shared = Task.objects.create(document=document, title="Nhiệm vụ chung", lead_agency=city)
    period = period_containing("quarter", timezone.localdate())

    def submit(task: Task, text: str) -> Callable[[], Any]:
        # A fresh user object per writer, as each request would load its own.
        return lambda: services.report_submit(actor=users.get(pk=officer.pk), task=task, period=period,
                                              percent_complete=50, narrative=text)

    calls = [submit(t, "Báo cáo riêng") for t in distinct] + [submit(shared, f"Lần {i}") for i in range(n)]
    outcomes = run_at_once(calls)

    report = ProgressReport.objects.get(task=shared)
    review = run_at_once([
        lambda: services.report_accept(actor=users.get(pk=office.pk), report=report),
        lambda: services.report_return(actor=users.get(pk=office.pk), report=report, reason="Bổ sung."),
    ])
    imports = run_at_once([
        lambda: import_task_rows(actor=users.get(pk=office.pk), document=document, rows=TABLE) for _ in range(2)
    ])
    # Leads and coordinating agencies changed at once, on distinct tasks and on one task
    # ("Việc của tôi" reads the involvements the triggers keep from these writes).
    others = list(Agency.objects.exclude(pk=city.pk).filter(dissolved_on__isnull=True).order_by("id")[:4])

    def reassign(task: Task, i: int) -> Callable[[], Any]:
        return lambda: services.task_update(actor=users.get(pk=office.pk), task=task, lead_agency=others[i % 4],
                                            coordinating=[others[(i + 1) % 4], city])

    reassigned = run_at_once([reassign(t, i) for i, t in enumerate(distinct[:n // 2])]
                             + [reassign(shared, i) for i in range(n // 2)])
    return {
        "reassigned": sorted({o for o, _ in reassigned}),
        "reassign_messages": sorted({d for o, d in reassigned if o != "ok"}),
        "distinct": Counter(o for o, _ in outcomes[:n]),
        "same": Counter(o for o, _ in outcomes[n:]),
        "messages": sorted({d for o, d in outcomes if o != "ok"}),
        "distinct_saved": ProgressReport.objects.filter(task__in=distinct).count(),
        "distinct_tasks_reported": ProgressReport.objects.filter(task__in=distinct).values("task").distinct().count(),
        "same_saved": ProgressReport.objects.filter(task=shared).count(),
        "review": sorted(o for o, _ in review),
        "review_messages": [d for _, d in review],
        "review_state": ProgressReport.objects.get(pk=report.pk).state,
        "imports": sorted(o for o, _ in imports),
        "import_messages": [d for _, d in imports],
        "imported_tasks": Task.objects.filter(document=document).exclude(row_key="").count(),
        # The dashboard's counts, kept by triggers as all of the above wrote, against a recount.
        "count_differences": [str(d) for d in count_differences()],
        # "Việc của tôi"'s involvements, kept by triggers likewise, against the rule.
        "involvement_differences": [str(d) for d in involvement_differences()],
    }


def run_in_child(module: str, db_path: str, n: int) -> dict[str, Any]:
    """Run `module`'s scenario(n) in a child process on a file SQLite database; its outcome."""
    import subprocess

    from django.conf import settings

    child = subprocess.run([sys.executable, "-m", module, db_path, str(n)],
                           cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=300)
    assert child.returncode == 0, child.stderr[-3000:]
    return json.loads(child.stdout.strip().splitlines()[-1])


def on_postgresql(run: Callable[[int], dict[str, Any]], n: int) -> dict[str, Any]:
    """Run a scenario in this process when the suite runs on PostgreSQL (skipped on SQLite,
    whose runs go through `run_in_child`); call it from a `transaction=True` test."""
    import pytest
    from django.conf import settings
    from django.db import connection

    from theodoi.agencies.services import registry_load

    if connection.vendor != "postgresql":
        pytest.skip("runs when the suite runs on PostgreSQL (DATABASE_URL=postgres://…), as CI does")
    # A transactional test may start from a database emptied by the one before.
    registry_load(path=settings.BASE_DIR / "data" / "agencies.json")
    return run(n)


def child_main(run: Callable[[int], dict[str, Any]]) -> None:
    """The child process: a file SQLite database configured like `make run`'s, migrated and
    loaded with the registry; prints the scenario's outcome as JSON."""
    os.environ["DATABASE_URL"] = f"sqlite:///{sys.argv[1]}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "theodoi.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from theodoi.agencies.services import registry_load
    from theodoi.core.roles import role_groups

    call_command("migrate", verbosity=0)
    registry_load(path=settings.BASE_DIR / "data" / "agencies.json")
    role_groups()
    print(json.dumps(run(int(sys.argv[2])), ensure_ascii=False))


if __name__ == "__main__":
    child_main(scenario)
