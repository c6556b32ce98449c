"""A write that straddles midnight at a quarter's end, racing the first read of the new day.

The writer starts at 23:59:59 on the quarter's last day and settles what it wrote as of that
day; before it commits, the clock passes midnight and a reader of the new day
- stores the closed quarter's verdicts (the first ranking of the quarter), or
- settles the tasks whose stored status the new day changed (`settle_due`, every page).
Both must leave nothing stale once the writer has committed: `verdict_differences` and
`status_differences` recompute everything from the rule.

The interleaving is forced, not hoped for: the writer is held inside `settle` (after it has
settled its task, before it stores verdicts) until the reader has done its reading or has
been kept waiting for the writer (two seconds: the database serialises the two, as SQLite's
write lock does for the ranking and a row lock does for `settle_due` after the fix). Threads
with their own connections; in-process on PostgreSQL, in a child process on a file SQLite
database (`python -m tests.reports.midnight_races DB_PATH N`), as tests/tasks/races.py does.
"""

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

HELD = 2.0  # seconds the writer waits for the reader before going on (the reader is blocked)


class Clock:
    """Django's clock (`timezone.now`, which `localdate()` and the services read), set by hand."""

    def __init__(self, at: dt.datetime) -> None:
        self.at = at

    def now(self) -> dt.datetime:
        return self.at


def _local(day: dt.date, *time: int) -> dt.datetime:
    from django.utils import timezone

    return timezone.make_aware(dt.datetime.combine(day, dt.time(*time)))


def straddle(clock: Clock, last_day: dt.date, write: Callable[[], Any], read: Callable[[], Any],
             reader_has_read: threading.Event) -> dict[str, str]:
    """Run `write` from 23:59:59 on `last_day`, held in `settle` while `read` runs after midnight."""
    from django.db import connection

    from theodoi.tasks import status

    writer_settled = threading.Event()
    store_verdicts_of = status._store_verdicts_of
    outcome: dict[str, str] = {}

    def held(task_ids: list[int], today: dt.date) -> None:
        if threading.current_thread().name == "writer":
            writer_settled.set()
            reader_has_read.wait(HELD)
        store_verdicts_of(task_ids, today)

    def run(name: str, call: Callable[[], Any]) -> None:
        try:
            call()
            outcome[name] = "ok"
        except Exception as exc:  # a 500 for the user
            outcome[name] = repr(exc)
        finally:
            connection.close()

    status._store_verdicts_of = held
    try:
        clock.at = _local(last_day, 23, 59, 59)
        writer = threading.Thread(target=run, args=("writer", write), name="writer")
        writer.start()
        assert writer_settled.wait(30), "the writer never reached settle"
        clock.at = _local(last_day + dt.timedelta(days=1), 0, 0, 1)
        reader = threading.Thread(target=run, args=("reader", read), name="reader")
        reader.start()
        writer.join(60)
        reader.join(60)
    finally:
        status._store_verdicts_of = store_verdicts_of
    return outcome


def scenario(n: int) -> dict[str, Any]:
    from unittest import mock

    from django.utils import timezone

    from tests.tasks.races import race_setting
    from theodoi.tasks import services, status
    from theodoi.tasks.models import PeriodVerdict, Recurrence, Task
    from theodoi.tasks.periods import period_from_key

    q3, q4 = period_from_key("2025-Q3"), period_from_key("2025-Q4")
    clock = Clock(_local(dt.date(2025, 9, 1), 9))
    with mock.patch.object(timezone, "now", clock.now):
        city, _officer, office, document = race_setting("98/NQ-CP")
        # Overdue one-off tasks (nothing about them changes at midnight, so the reader
        # does not wait for the writer's row) and quarterly tasks owing Quý IV.
        overdue = [services.task_create(actor=office, document=document, title=f"Việc quá hạn {i}",
                                        lead_agency=city, due_on=dt.date(2025, 9, 15)) for i in range(n)]
        quarterly = [services.task_create(actor=office, document=document, title=f"Báo cáo hằng quý {i}",
                                          lead_agency=city, recurrence=Recurrence.QUARTERLY) for i in range(n)]

        status.settle_due(today=q3.end)  # a page read on 30/09: the overdue tasks are settled for good

        # 1. 30/09 → 01/10: the office marks a task done at 23:59:59 while the first ranking
        # of Quý III stores the quarter's verdicts.
        read_q3 = threading.Event()
        results = {}
        for i, task in enumerate(overdue):
            def rank() -> None:
                status.settle_period_verdicts(q3, today=timezone.localdate())
                read_q3.set()

            read_q3.clear()
            results[f"ranking {i}"] = straddle(
                clock, q3.end,
                lambda task=task: services.task_update(actor=office, task=task, completed_on=q3.end),
                rank, read_q3)
            # Later tasks: the quarter is stored; a writer of the old day must keep it right.
        today = q3.end + dt.timedelta(days=1)
        verdicts_q3 = dict(PeriodVerdict.objects.filter(period=q3.key, task__in=overdue)
                           .values_list("task_id", "verdict"))
        differences_q3 = [str(d) for d in status.verdict_differences(today=today)]

        # 2. 31/12 → 01/01: an agency files its Quý IV report at 23:59:59 while the first page
        # of the new year settles what the new day changed (the quarterly tasks).
        read_q4 = threading.Event()
        settle_values = status._settled_values

        def settled_values(*args: Any, **kwargs: Any):
            yield from settle_values(*args, **kwargs)
            if threading.current_thread().name == "reader":
                read_q4.set()

        status._settled_values = settled_values
        try:
            for i, task in enumerate(quarterly):
                read_q4.clear()
                results[f"settle_due {i}"] = straddle(
                    clock, q4.end,
                    lambda task=task: services.report_submit(actor=office, task=task, period=q4,
                                                             percent_complete=100, narrative="Đã báo cáo."),
                    lambda: status.settle_due(today=timezone.localdate()), read_q4)
        finally:
            status._settled_values = settle_values
        today = q4.end + dt.timedelta(days=1)
        differences, _pending = status.status_differences(today=today)
        status.settle_due(today=today)  # the next page: a writer of the old day left its task due
        return {
            "outcomes": sorted({o for r in results.values() for o in r.values()}),
            "verdicts_q3": sorted(verdicts_q3.values()),
            "verdict_differences": differences_q3,
            "status_differences": [f"{d.task_id}: {d.stored} != {d.rule}" for d in differences],
            "statuses": sorted(Task.objects.filter(pk__in=[t.pk for t in quarterly])
                               .values_list("settled_status", flat=True)),
        }


if __name__ == "__main__":
    from tests.tasks.races import child_main

    child_main(scenario)
