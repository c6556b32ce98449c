"""Background jobs of the intake, run by `theodoi db-worker` (Django's tasks framework)."""

from django_tasks import task

from theodoi.intake.services import intake_recognise


@task()
def recognise_intake(intake_id: int) -> dict:
    """Recognise a scanned upload's pages (minutes for a long scan), then extract its tasks."""
    intake = intake_recognise(intake_id=intake_id)
    return {"intake": intake.pk, "state": intake.state, "pages": intake.ocr_done}
