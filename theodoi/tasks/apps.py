from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

# The migration that creates the search index (`theodoi/core/search.py`).
SEARCH_INDEX_MIGRATION = ("tasks", "0006_search_index")


def restore_search_index(sender, using: str, **kwargs) -> None:
    """After every `migrate`: put back the parts of the task search index that a later
    migration dropped (on SQLite, rebuilding the task table drops its triggers), so that no
    write goes unindexed. Nothing while the index's migration is not applied."""
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    from theodoi.core.search import ensure_search_index
    from theodoi.tasks.models import Task

    connection = connections[using]
    if SEARCH_INDEX_MIGRATION in MigrationRecorder(connection).applied_migrations():
        ensure_search_index(connection, Task._meta.db_table)


class TasksConfig(AppConfig):
    name = "theodoi.tasks"
    verbose_name = _("Nhiệm vụ")

    def ready(self) -> None:
        from theodoi.tasks.counts import install_triggers

        post_migrate.connect(restore_search_index, sender=self)
        # After every migrate (and flush): the triggers of the dashboard's counts, and a recount.
        post_migrate.connect(install_triggers, sender=self, dispatch_uid="tasks_taskcount_triggers")
