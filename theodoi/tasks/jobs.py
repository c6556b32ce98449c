"""Background jobs of the tasks app, run by `theodoi db-worker` (Django's tasks framework)."""

from django_tasks import task

from theodoi.tasks.status import settle_due


@task()
def settle_statuses() -> int:
    """Settle the statuses the new day has changed, so that the first reader need not.

    `theodoi settle_status` does the same from a timer (deploy/theodoi-settle.timer).
    """
    return settle_due()
