"""A second database alias, migrated on its own: what `migrate --database other` leaves there.

Run as a child process (`python -m tests.tasks.second_database DEFAULT_PATH OTHER_PATH`), since
the suite's settings have one database: the default is a file SQLite database without the
apps' tables, the other a second file migrated alone. Prints the outcome as JSON.
"""

import json
import os
import sys


def main(default_path: str, other_path: str) -> dict:
    os.environ["DATABASE_URL"] = f"sqlite:///{default_path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "theodoi.settings")
    from django.conf import settings

    settings.DATABASES["other"] = {**settings.DATABASES["default"], "NAME": other_path}
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    from theodoi.core.search import index_missing, matching
    from theodoi.documents.models import Document
    from theodoi.tasks.counts import TASKS
    from theodoi.tasks.models import Task, TaskCount

    # django-tasks-db's own data migration writes to the default database whatever is
    # migrated: give it its table there, and nothing else.
    call_command("migrate", "django_tasks_database", verbosity=0)
    call_command("migrate", database="other", verbosity=0)
    # Bulk inserts: the history library's signals would write to the default database.
    [document] = Document.objects.using("other").bulk_create([
        Document(kind="nghi-quyet", number="1/NQ-CP", title="Nghị quyết thử", text="Văn bản thử.")])
    tasks = [Task(document=document, title=title) for title in ("Xây dựng chính quyền số", "Phát triển cảng biển")]
    for task in tasks:
        task.prepare_to_save()
    Task.objects.using("other").bulk_create(tasks)
    with connections["other"].cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [TASKS])
        triggers = sorted(name for (name,) in cursor.fetchall())
    return {
        "default_tables": connections["default"].introspection.table_names(),
        "other_triggers": triggers,
        "other_counted": sum(TaskCount.objects.using("other").values_list("n", flat=True)),
        "other_index_missing": index_missing(connections["other"], TASKS),
        "other_found": [t.title for t in matching(Task.objects.using("other"), "cang bien")],
    }


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2]), ensure_ascii=False))
