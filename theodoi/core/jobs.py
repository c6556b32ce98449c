"""Background jobs of the ground floor, run by `theodoi db-worker` (Django's tasks framework).

Apps above core put their own jobs (reminders, OCR, large imports) in their own modules
with the same `@task()` decorator; every worker runs every queued job.
"""

from pathlib import Path

from django_tasks import task

from theodoi.core.backup import create_backup


@task()
def backup_installation(output: str | None = None) -> dict:
    """`theodoi backup` as a queued job, for a backup asked for without a shell on the server."""
    summary = create_backup(output=Path(output) if output else None)
    return {
        "archive": str(summary.archive),
        "rows": sum(summary.manifest["tables"].values()),
        "files": summary.manifest["media"]["files"],
    }
