"""Reports filed on a closed quarter while the first rankings of that quarter store its
verdicts: every stored verdict must still equal the rule's afterwards.

Threads with their own connections, in-process on PostgreSQL, and for SQLite in a child
process on a file database (`python -m tests.reports.verdict_races DB_PATH N`), as
tests/tasks/races.py does for the task writes.
"""

import datetime as dt
from typing import Any


def scenario(n: int) -> dict[str, Any]:
    from django.utils import timezone

    from tests.tasks.races import race_setting, run_at_once
    from theodoi.tasks import services
    from theodoi.tasks.models import PeriodVerdict, Recurrence, Task
    from theodoi.tasks.periods import period_containing
    from theodoi.tasks.status import settle_all, settle_period_verdicts, verdict_differences

    today = timezone.localdate()
    quarter = period_containing("quarter", today).previous()  # closed, and reportable late
    city, _officer, office, document = race_setting("97/NQ-CP")
    tasks = [Task.objects.create(document=document, title=f"Báo cáo hằng quý {i}", lead_agency=city,
                                 recurrence=Recurrence.QUARTERLY) for i in range(n)]
    Task.objects.filter(pk__in=[t.pk for t in tasks]).update(
        created_at=timezone.now() - dt.timedelta(days=400))  # owed the quarter
    settle_all(today=today)

    def submit(task: Task):
        return lambda: services.report_submit(actor=office, task=task, period=quarter, percent_complete=50,
                                              narrative="Báo cáo muộn.")

    def rank():
        return lambda: settle_period_verdicts(quarter, today=today)

    calls = [submit(t) for t in tasks] + [rank() for _ in range(3)]
    outcomes = run_at_once(calls)
    stored = dict(PeriodVerdict.objects.filter(period=quarter.key, task__in=tasks).values_list("task_id", "verdict"))
    return {
        "outcomes": sorted(o for o, _ in outcomes),
        "errors": [d for o, d in outcomes if o != "ok"],
        "differences": [str(d) for d in verdict_differences(today=today)],
        "stored": sorted(stored.values()),
    }


if __name__ == "__main__":
    from tests.tasks.races import child_main

    child_main(scenario)
