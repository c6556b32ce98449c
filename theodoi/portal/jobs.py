"""Background jobs of the portal, run by `theodoi db-worker` (Django's tasks framework)."""

from django_tasks import task

from theodoi.portal.services import send_digests


@task()
def send_daily_digests() -> int:
    """The followers' daily digest; `theodoi send_digests` does the same from a timer.
    Running it twice a day sends nothing twice (one `Digest` row per follower and day)."""
    return send_digests()
