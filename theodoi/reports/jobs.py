"""Background jobs of the reports app, run by `theodoi db-worker` (Django's tasks framework)."""

from django_tasks import task

from theodoi.reports.reminders import send_reminders as send


@task()
def send_reminders() -> dict:
    """The daily reminders and escalations; `theodoi send_reminders` does the same from a timer."""
    result = send()
    return {"digests": result.digests, "items": result.items, "escalations": result.escalations,
            "no_address": result.skipped_no_address}
