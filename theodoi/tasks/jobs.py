"""Background jobs of the tasks app, run by `theodoi db-worker` (Django's tasks framework)."""

from django_tasks import task

from theodoi.tasks.counts import compact
from theodoi.tasks.status import settle_due


@task()
def settle_statuses() -> int:
    """Settle the statuses the new day has changed, so that the first reader need not.

    `theodoi settle_status` does the same from a timer (deploy/theodoi-settle.timer).
    """
    changed = settle_due()
    compact()  # and the day's changes to the dashboard's counts, one row per key
    return changed
