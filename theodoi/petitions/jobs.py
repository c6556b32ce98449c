"""Background job: report overdue petitions to the office (daily)."""

from django_tasks import task

from theodoi.petitions.services import petitions_escalate_overdue


@task()
def escalate_petitions() -> dict:
    return {"escalated": len(petitions_escalate_overdue())}
