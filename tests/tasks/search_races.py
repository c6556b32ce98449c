"""Concurrent writers of task titles, and what the search index holds afterwards.

Like `races.py`: in-process threads on PostgreSQL, a child process on a file database for
SQLite (`python -m tests.tasks.search_races DB_PATH N`)."""

from typing import Any

from tests.tasks.races import TABLE, child_main, race_setting, run_at_once


def scenario(n: int) -> dict[str, Any]:
    """n creations, n renamings, n deletions and two imports of one table, all at once."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    from theodoi.core.search import index_differences, matching, search_words
    from theodoi.tasks import services
    from theodoi.tasks.importing import import_task_rows
    from theodoi.tasks.models import Task

    city, _officer, office, document = race_setting("98/NQ-CP")
    users = get_user_model().objects
    renamed = [Task.objects.create(document=document, title=f"Nạo vét luồng số {i}", lead_agency=city)
               for i in range(n)]
    deleted = [Task.objects.create(document=document, title=f"Xóa bỏ điểm đen số {i}", lead_agency=city)
               for i in range(n)]

    def create(i: int):
        return lambda: services.task_create(actor=users.get(pk=office.pk), document=document,
                                            title=f"Trồng rừng ngập mặn đợt {i}", lead_agency=city)

    def rename(task: Task, i: int):
        return lambda: services.task_update(actor=users.get(pk=office.pk), task=Task.objects.get(pk=task.pk),
                                            title=f"Kè chắn sóng đoạn {i}")

    def delete(task: Task):
        return lambda: services.task_delete(actor=users.get(pk=office.pk), task=Task.objects.get(pk=task.pk))

    calls = [create(i) for i in range(n)] + [rename(t, i) for i, t in enumerate(renamed)] + \
        [delete(t) for t in deleted] + \
        [lambda: import_task_rows(actor=users.get(pk=office.pk), document=document, rows=TABLE) for _ in range(2)]
    outcomes = run_at_once(calls)

    def found(term: str) -> int:
        return matching(Task.objects.all(), term).count()

    def scanned(term: str) -> int:
        tasks = Task.objects.all()
        for word in search_words(term):
            tasks = tasks.filter(search_text__contains=word)
        return tasks.count()

    terms = ["trong rung ngap man", "kè chắn sóng", "nao vet luong", "xoa bo diem den", "chinh quyen so",
             "cang bien", "ha tang giao thong", "dot", "so"]
    return {
        "outcomes": sorted({o for o, _ in outcomes}),
        "errors": [d for o, d in outcomes if o != "ok"],
        "found": {term: found(term) for term in terms},
        "scanned": {term: scanned(term) for term in terms},
        "differences": index_differences(connection, Task._meta.db_table),
    }


if __name__ == "__main__":
    child_main(scenario)
