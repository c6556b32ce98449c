"""The indexed search finds exactly what the scan of every search key found, and its index
follows every write (SQLite: FTS5 trigram table kept by triggers; PostgreSQL: pg_trgm GIN).

Runs on whichever database the suite runs on; CI runs it on both.
"""

import re

import pytest
from django.core.management import CommandError, call_command
from django.core.management.sql import emit_pre_migrate_signal
from django.db import connection
from django.db.migrations import Migration
from django.urls import reverse

from tests.tasks.factories import agency
from theodoi.core.search import fts_table, index_differences, index_missing, matching, search_words
from theodoi.tasks import services
from theodoi.tasks.counts import count_differences, counts_by
from theodoi.tasks.importing import import_task_rows
from theodoi.tasks.involvement import involvement_differences
from theodoi.tasks.models import Task

TITLES = [
    "Hoàn thiện hạ tầng giao thông liên vùng",
    "Xây dựng chính quyền số",
    "Phát triển khu đô thị Hoà Bình",  # new-style tone placement
    "Nâng cao chất lượng y tế cơ sở",
    "Đề án 100% trường học có Internet",
    'Báo cáo "chuyên đề" về cải cách_hành chính',
    "Rà soát Nghị quyết 5/NQ-CP (sửa đổi)",
    "Hạ tầng\u200b số\u00ad hoá",  # a zero-width space and a soft hyphen pasted in
    "Tăng cường phòng, chống thiên tai",
    "Giáo dục phổ thông",
]
QUERIES = [
    "ha tang", "hạ tầng giao thông", "HA TANG GIAO THONG",  # diacritics and case
    "hoà bình", "Hòa Bình", "hoa binh",  # both tone placements
    "thong", "ong", "iao", "ang gi",  # parts of words, across a space
    "y te", "so", "a", "y te co so",  # words shorter than a trigram, alone and mixed
    "chinh quyen so", "tang cuong phong chong",  # several words
    "ha\u200btang", "giao\u200b thong", "\u00adtầng",  # format characters
    "", "   ", "\u200b",  # empty
    "duong sat", "giao thong duong sat",  # a word in no task
    "100%", "100% truong", "cach_hanh", "c_ch", "%", "_",  # LIKE's wildcards are plain characters
    '"chuyen de"', '"', 'de"', "5/nq-cp", "(sua", "doi)",  # FTS5 syntax is plain text too
    "tang*", "col:tang", "^tang", "tang OR thong", "NOT thong", "NEAR(tang)", "-tang", "+tang",
]


def scan(queryset, term):
    """The search as it was: one LIKE per word over every task's key."""
    for word in search_words(term):
        queryset = queryset.filter(search_text__contains=word)
    return queryset


def titles(queryset):
    return sorted(queryset.values_list("title", flat=True))


def assert_index_in_step():
    assert index_missing(connection, Task._meta.db_table) == []
    assert index_differences(connection, Task._meta.db_table) == 0


@pytest.fixture
def tasks(document):
    return [Task.objects.create(document=document, title=title) for title in TITLES] + [
        Task.objects.create(document=document, title="Quy hoạch", description="Kho bãi",
                            output="Đề án hạ tầng giao thông tĩnh"),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("query", QUERIES)
def test_the_index_finds_what_the_scan_found(tasks, query):
    assert titles(matching(Task.objects.all(), query)) == titles(scan(Task.objects.all(), query))


@pytest.mark.django_db
@pytest.mark.parametrize("query, expected", [
    ("ha tang giao thong", {"Hoàn thiện hạ tầng giao thông liên vùng", "Quy hoạch"}),
    ("Hòa Bình", {"Phát triển khu đô thị Hoà Bình"}),
    ("ong", {"Hoàn thiện hạ tầng giao thông liên vùng", "Quy hoạch", "Tăng cường phòng, chống thiên tai",
             "Giáo dục phổ thông", "Nâng cao chất lượng y tế cơ sở", "Đề án 100% trường học có Internet"}),
    ("y te co so", {"Nâng cao chất lượng y tế cơ sở"}),
    ("ha\u200btang so", set()),  # "hatang": the invisible character joins the words
    ("hạ tầng\u200b số", {"Hạ tầng số hoá"}),  # the title lost its invisible characters too
    ("100%", {"Đề án 100% trường học có Internet"}),
    ("c_ch", set()),  # "_" is an underscore, not any character
    ('"chuyen', {'Báo cáo "chuyên đề" về cải cách_hành chính'}),
    ("tang*", set()),
    ("duong sat", set()),
])
def test_what_a_search_finds(tasks, query, expected):
    assert set(titles(matching(Task.objects.all(), query))) == expected


@pytest.mark.django_db
def test_an_empty_search_lists_every_task(tasks):
    assert matching(Task.objects.all(), "").count() == len(tasks)
    assert matching(Task.objects.all(), " \u200b ").count() == len(tasks)


@pytest.mark.django_db
def test_the_index_serves_the_search():
    """The plan of a search reads the index (the FTS5 table; pg_trgm's GIN index), not every
    key: a search that scanned would still give the right rows, only slowly."""
    sql, params = matching(Task.objects.all(), "ha tang giao thong").order_by().values("id").query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
            assert f"SCAN {fts_table('tasks_task')} VIRTUAL TABLE INDEX" in plan, plan
        else:
            # A handful of rows: the planner would read them all. Whether the index can serve
            # the SQL as Django writes it (its LIKE, pg_trgm's operator class) is the question.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
            cursor.execute("EXPLAIN " + sql, params)
            plan = " ".join(row[0] for row in cursor.fetchall())
            assert "Bitmap Index Scan on tasks_task_search_trgm" in plan, plan


@pytest.mark.django_db
def test_each_write_path_keeps_the_index_in_step(office, document):
    city = agency("Ủy ban nhân dân thành phố Hải Phòng")
    task = services.task_create(actor=office, document=document, title="Nạo vét luồng sông Cấm", lead_agency=city)
    assert titles(matching(Task.objects.all(), "song cam")) == ["Nạo vét luồng sông Cấm"]
    services.task_update(actor=office, task=task, title="Xây dựng cảng biển", output="Đề án logistics")
    assert titles(matching(Task.objects.all(), "song cam")) == []
    assert titles(matching(Task.objects.all(), "cang bien logistics")) == ["Xây dựng cảng biển"]
    assert_index_in_step()

    rows = [["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"],
            ["1", "Phát triển cảng biển xanh", "UBND TP Hải Phòng", "Quý IV/2025"],
            ["2", "Chỉnh lý hồ sơ địa chính", "UBND TP Hải Phòng", "năm 2026"]]
    import_task_rows(actor=office, document=document, rows=rows)  # bulk_create for new rows
    assert titles(matching(Task.objects.all(), "cang bien")) == ["Phát triển cảng biển xanh", "Xây dựng cảng biển"]
    rows[2][1] = "Chỉnh lý hồ sơ đất đai"  # the same table, revised: an update through task_update
    import_task_rows(actor=office, document=document, rows=rows)
    assert titles(matching(Task.objects.all(), "dia chinh")) == []
    assert titles(matching(Task.objects.all(), "chinh ly dat dai")) == ["Chỉnh lý hồ sơ đất đai"]
    assert_index_in_step()

    services.task_delete(actor=office, task=task)
    assert titles(matching(Task.objects.all(), "cang bien")) == ["Phát triển cảng biển xanh"]
    Task.objects.filter(title__startswith="Chỉnh lý").delete()  # a bulk delete, bypassing the service
    assert titles(matching(Task.objects.all(), "chinh ly")) == []
    assert_index_in_step()


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["tasks:list", "portal:tasks"])
def test_both_lists_search_through_the_index(client, office, document, path):
    Task.objects.create(document=document, title="Hoàn thiện hạ tầng giao thông", published=True)
    Task.objects.create(document=document, title="Xây dựng chính quyền số", published=True)
    document.published = True
    document.save()
    client.force_login(office)
    page = client.get(reverse(path), {"q": "ha tang giao thong"}).content.decode()
    assert "Hoàn thiện hạ tầng giao thông" in page and "Xây dựng chính quyền số" not in page


@pytest.mark.django_db
def test_the_api_searches_through_the_index(client, office, document):
    Task.objects.create(document=document, title="Hoàn thiện hạ tầng giao thông")
    Task.objects.create(document=document, title="Xây dựng chính quyền số")
    client.force_login(office)
    rows = client.get("/api/v1/tasks/", {"q": "hạ tầng"}).json()["results"]
    assert [row["title"] for row in rows] == ["Hoàn thiện hạ tầng giao thông"]


@pytest.mark.django_db
def test_the_admin_searches_as_the_lists_do(admin_client, document):
    Task.objects.create(document=document, title="Hoàn thiện hạ tầng giao thông")
    Task.objects.create(document=document, title="Xây dựng chính quyền số")
    page = admin_client.get(reverse("admin:tasks_task_changelist"), {"q": "HA TANG"}).content.decode()
    assert "Hoàn thiện hạ tầng giao thông" in page and "Xây dựng chính quyền số" not in page


@pytest.mark.django_db
def test_the_check_command_finds_a_stale_index_and_rebuild_mends_it(tasks):
    call_command("search_index")  # in step: no error
    if connection.vendor != "sqlite":
        return  # PostgreSQL maintains its own index: nothing to drift (the command checks it exists)
    with connection.cursor() as cursor:
        cursor.execute(f'DELETE FROM "{fts_table("tasks_task")}" WHERE rowid = %s', [tasks[0].pk])
        cursor.execute(f'UPDATE "{fts_table("tasks_task")}" SET search_text = %s WHERE rowid = %s',
                       ["khac", tasks[1].pk])
    assert matching(Task.objects.all(), "chinh quyen").count() == 0  # what a stale index costs
    with pytest.raises(CommandError, match="2 nhiệm vụ"):
        call_command("search_index")
    call_command("search_index", rebuild=True)
    assert titles(matching(Task.objects.all(), "chinh quyen")) == ["Xây dựng chính quyền số"]
    assert_index_in_step()


@pytest.mark.django_db(transaction=True)
def test_a_migration_that_rebuilds_the_task_table_does_not_lose_the_index(request, shipped_registry):
    """SQLite rebuilds a table to alter it (copy to a new table, drop the old one), which drops
    the old table's triggers; `migrate` puts them back."""
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL alters tables in place; the SQLite run tests this")
    document = request.getfixturevalue("document")
    Task.objects.create(document=document, title="Hoàn thiện hạ tầng giao thông")
    # What `migrate` does with a migration that alters the task table: the pre_migrate
    # signal (with a plan to apply), then the table rebuilt as AlterField and friends do on
    # SQLite. Without the first, the rebuild fails on the triggers of the tables derived
    # from tasks ("error in trigger tasks_involvement_assignment_insert: no such table").
    emit_pre_migrate_signal(0, False, connection.alias, plan=[(Migration("9999_alter_task", "tasks"), False)])
    with connection.schema_editor() as editor:
        editor._remake_table(Task)
    assert index_missing(connection, "tasks_task") == ["tasks_task_fts_insert", "tasks_task_fts_delete",
                                                       "tasks_task_fts_update"]
    Task.objects.create(document=document, title="Xây dựng chính quyền số")  # unindexed, for now
    call_command("migrate", verbosity=0)
    assert_index_in_step()
    assert titles(matching(Task.objects.all(), "chinh quyen so")) == ["Xây dựng chính quyền số"]
    # The derived tables are back in step too, the task made meanwhile included.
    assert count_differences() == [] and involvement_differences() == []
    assert counts_by()[()] == 2


def assert_index_followed_the_race(result: dict, n: int) -> None:
    assert result["outcomes"] == ["ok"], result["errors"]
    assert result["found"] == result["scanned"]
    assert result["found"]["trong rung ngap man"] == n and result["found"]["kè chắn sóng"] == n
    assert result["found"]["nao vet luong"] == 0 and result["found"]["xoa bo diem den"] == 0
    assert result["found"]["chinh quyen so"] == 1 and result["found"]["cang bien"] == 1  # imported once
    assert result["differences"] == 0


def test_concurrent_writes_keep_the_sqlite_index_in_step(tmp_path):
    from tests.tasks.races import run_in_child

    n = 8
    assert_index_followed_the_race(run_in_child("tests.tasks.search_races", str(tmp_path / "search.sqlite3"), n), n)


@pytest.mark.django_db(transaction=True)
def test_concurrent_writes_keep_the_postgresql_index_in_step():
    from tests.tasks.races import on_postgresql
    from tests.tasks.search_races import scenario

    n = 4  # 26 connections at once, within a default PostgreSQL's 100
    assert_index_followed_the_race(on_postgresql(scenario, n), n)


def test_every_search_goes_through_matching():
    """A caller filtering the key itself would read every row's key again, unindexed."""
    from pathlib import Path

    from django.conf import settings

    root = Path(settings.BASE_DIR) / "theodoi"
    callers = sorted(str(path.relative_to(root)) for path in root.rglob("*.py")
                     if re.search(r"search_text__i?(contains|startswith|endswith)", path.read_text(encoding="utf-8")))
    assert callers == ["core/search.py"]
