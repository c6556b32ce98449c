"""Background work: a job enqueued through Django's tasks framework is stored in the database
and run by the real database worker (`theodoi db-worker`), not called in-line."""

import json
import tarfile

import pytest
from django.core.management import call_command
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tests.conftest import make_user
from theodoi.core.jobs import backup_installation


@pytest.mark.django_db(transaction=True)
def test_an_enqueued_backup_is_run_by_the_database_worker(tmp_path, keep_signal_handlers):
    make_user("vanphong", None)
    archive = tmp_path / "theo-lich.tar.gz"

    result = backup_installation.enqueue(output=str(archive))
    # Queued, not run: nothing written yet, the job waits in the database for a worker.
    assert result.status == TaskResultStatus.READY
    assert DBTaskResult.objects.get(id=result.id).status == TaskResultStatus.READY
    assert not archive.exists()

    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)

    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL, result.errors
    assert result.return_value["archive"] == str(archive)
    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
    assert manifest["tables"]["auth_user"] == 1
    assert manifest["tables"]["django_tasks_database_dbtaskresult"] == 1  # the job itself, while it ran
