from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate
from django.utils.translation import gettext_lazy as _

# The migration that creates the search index (`theodoi/core/search.py`).
SEARCH_INDEX_MIGRATION = ("tasks", "0006_search_index")


def install_database_objects(sender, using: str, **kwargs) -> None:
    """After every `migrate` (and `flush`), on the database migrated: what the database
    itself keeps for the tasks, put back where a migration dropped it (on SQLite, rebuilding
    the task table drops its triggers), so that no write goes unindexed or uncounted:

    - the task search index (`core/search.py`), once its migration is applied;
    - the triggers of the dashboard's counts (`tasks/counts.py`), recounting only if the
      ledger may be wrong;
    - the triggers of the agencies involved in each task ("Việc của tôi",
      `tasks/involvement.py`), deriving the table afresh only if it may be wrong.
    """
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    from theodoi.core.search import ensure_search_index
    from theodoi.tasks import involvement
    from theodoi.tasks.counts import install_triggers
    from theodoi.tasks.models import Task

    connection = connections[using]
    if SEARCH_INDEX_MIGRATION in MigrationRecorder(connection).applied_migrations():
        ensure_search_index(connection, Task._meta.db_table)
    install_triggers(using=using)
    involvement.install_triggers(using=using)


def drop_derived_triggers(sender, using: str, plan=None, **kwargs) -> None:
    """On SQLite, before `migrate` applies any migration: drop the triggers of the tables
    the database derives (counts, involvements); `install_database_objects` puts them back
    after and derives both tables afresh.

    SQLite alters a table by building a new one, dropping the old and renaming the new, and
    the rename checks every trigger of the schema: one whose body names the dropped table
    (the assignments' triggers read `tasks_task`; the tasks' write the ledger and the
    involvement table) makes it fail with "error in trigger …: no such table", so no
    migration could alter those tables. PostgreSQL alters tables in place.

    If a migration then fails, the triggers stay dropped until `migrate` succeeds (the
    README's deployment section says to run it again); `check_status` reports the drift.
    """
    from theodoi.core.dbtriggers import sqlite_migrates

    # Only the tasks app's migrations touch these tables: other apps' leave the triggers,
    # and the tables are not derived afresh on every deploy.
    if not sqlite_migrates("tasks", using=using, plan=plan):
        return
    from theodoi.tasks.counts import LEDGER
    from theodoi.tasks.involvement import INVOLVEMENTS

    for table in (LEDGER, INVOLVEMENTS):
        table.drop(using=using)


class TasksConfig(AppConfig):
    name = "theodoi.tasks"
    verbose_name = _("Nhiệm vụ")

    def ready(self) -> None:
        pre_migrate.connect(drop_derived_triggers, sender=self, dispatch_uid="tasks_drop_derived_triggers")
        post_migrate.connect(install_database_objects, sender=self, dispatch_uid="tasks_database_objects")
