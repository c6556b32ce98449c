"""The data version (`theodoi/core/dataversion.py`): every committed write changes it,
whichever path made it; nothing else does; and on PostgreSQL it makes no writers wait on
each other or deadlock. `transaction=True`: PostgreSQL changes it at commit."""

import datetime as dt
import threading
import time

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import connection, models, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalChanges

from tests.conftest import agency, make_user
from theodoi.agencies.models import Agency, Membership
from theodoi.core import dataversion
from theodoi.core.roles import LEADER, OFFICE, OFFICER
from theodoi.documents.models import Document
from theodoi.tasks import services
from theodoi.tasks.models import ProgressReport, Task
from theodoi.tasks.periods import period_containing

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("shipped_registry")]

CITY = "Ủy ban nhân dân thành phố Hải Phòng"


def setting():
    document = Document.objects.create(kind="nghi-quyet", number="9/NQ-CP", title="Chương trình",
                                       text="Văn bản.", issued_on=dt.date(2025, 1, 10))
    task = Task.objects.create(document=document, title="Xây dựng chính quyền số", lead_agency=agency(CITY))
    return document, task


def test_every_table_of_the_data_has_the_trigger_and_only_the_stated_ones_lack_it():
    have = dataversion.tables_with_trigger()
    assert dataversion.versioned_tables() <= have
    # What the staff pages show is among them (so the rule below cannot be emptied quietly).
    assert {"tasks_task", "tasks_assignment", "tasks_progressreport", "agencies_agency", "agencies_agencyalias",
            "agencies_agency_succeeded_by", "agencies_membership", "auth_user", "auth_user_groups",
            "documents_document", "indicators_observation", "portal_follow", "petitions_petition"} <= have
    # A table without it is the history of another, or stated exempt with its reason.
    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        if table not in have:
            assert (issubclass(model, HistoricalChanges) or model._meta.app_label in dataversion.EXEMPT_APPS
                    or table in dataversion.EXEMPT_TABLES), f"{table} escapes the data version"


def test_check_status_reports_a_lost_trigger_and_migrate_puts_it_back(capsys):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute('DROP TRIGGER "theodoi_version_tasks_task_update"')
        else:
            cursor.execute("DROP TRIGGER theodoi_version ON tasks_task")
    with pytest.raises(CommandError, match="phiên bản dữ liệu"):
        call_command("check_status")
    assert "tasks_task" in capsys.readouterr().out
    call_command("migrate", verbosity=0)
    before = dataversion.current()
    setting()  # writes a task
    assert dataversion.current() != before
    call_command("check_status")


def log_in(username: str) -> None:
    """Through the site's login page, as an officer does (Django stamps `last_login`)."""
    response = Client().post(reverse("login"), {"username": username, "password": "pw-" + username})
    assert response.status_code == 302, response.content.decode()[:500]


def test_a_login_leaves_the_version_as_it_was_and_any_other_change_to_a_user_changes_it():
    """Django stamps `auth_user.last_login` at every login, which no page shows: counted, a
    reporting day's hundreds of logins would keep every kept page of every user cold."""
    officer = make_user("cb", OFFICER, CITY)
    users = get_user_model().objects
    before = dataversion.current()
    log_in("cb")
    officer.refresh_from_db()
    assert officer.last_login is not None  # stamped …
    assert dataversion.current() == before  # … and the version is as it was
    users.update(last_login=timezone.now())  # every user's at once, outside Django's login too
    assert dataversion.current() == before

    def rename() -> None:
        officer.first_name = "Nguyễn Văn"
        officer.save()  # every column, last_login among them

    def new_password() -> None:
        officer.set_password("mat-khau-moi-12345")
        officer.save(update_fields=["password"])

    changes = {
        "name": rename,
        "is_active": lambda: users.filter(pk=officer.pk).update(is_active=False),
        "password": new_password,
        "groups (many-to-many)": lambda: officer.groups.add(Group.objects.get(name=LEADER)),
        "last_login with another column": lambda: users.filter(pk=officer.pk).update(
            last_login=timezone.now(), email="cb@haiphong.gov.vn"),
        "a new user": lambda: make_user("cb2", OFFICER, CITY),
        "a user deleted": lambda: users.filter(username="cb2").delete(),
    }
    for what, change in changes.items():
        before = dataversion.current()
        change()
        assert dataversion.current() != before, what


def test_users_written_by_the_previous_release_get_the_login_exemption_at_the_next_migrate(capsys):
    """An installation upgraded to this release: auth_user's update trigger counts every
    update. It is not the one `install` writes now, so check_status reports it and migrate
    rewrites it (a migrate with nothing new then rewrites nothing: see below)."""
    make_user("cb", OFFICER, CITY)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute('DROP TRIGGER "theodoi_version_auth_user_update"')
            cursor.execute('CREATE TRIGGER "theodoi_version_auth_user_update" AFTER UPDATE ON "auth_user" '
                           "BEGIN UPDATE core_dataversion SET version = version + 1; END")
        else:
            cursor.execute("DROP TRIGGER theodoi_version_row ON auth_user")
            cursor.execute("DROP TRIGGER theodoi_version ON auth_user")
            cursor.execute("CREATE TRIGGER theodoi_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON auth_user "
                           "FOR EACH STATEMENT EXECUTE FUNCTION theodoi_version_mark()")
    before = dataversion.current()
    log_in("cb")
    assert dataversion.current() != before  # as before this release
    with pytest.raises(CommandError, match="phiên bản dữ liệu"):
        call_command("check_status")
    assert "auth_user" in capsys.readouterr().out
    call_command("migrate", verbosity=0)
    call_command("check_status")
    before = dataversion.current()
    log_in("cb")
    assert dataversion.current() == before


def test_a_schema_change_of_auth_user_runs_and_the_login_exemption_holds_after_it(capsys):
    """Django upgrades add, alter and drop auth_user's columns. No trigger may depend on a
    column (PostgreSQL refuses to drop or retype a column a trigger names: the withdrawn
    `UPDATE OF` attempt). On PostgreSQL the triggers survive as they are; on SQLite the
    update trigger lists the table's other columns (SQLite has no whole row), so after each
    change it is out of date or gone with the rebuilt table: check_status reports it and
    migrate (whose post_migrate follows every schema change) writes it for the new columns."""
    make_user("cb", OFFICER, CITY)
    users = get_user_model()
    probe = models.CharField(max_length=20, null=True)
    probe.set_attributes_from_name("theodoi_probe")
    wider = models.CharField(max_length=40, null=True)
    wider.set_attributes_from_name("theodoi_probe")
    rewritten = connection.vendor == "sqlite"

    def settled() -> None:
        if rewritten:
            with pytest.raises(CommandError, match="phiên bản dữ liệu"):
                call_command("check_status")
            assert "auth_user" in capsys.readouterr().out
            call_command("migrate", verbosity=0)
        call_command("check_status")  # nothing to report
        before = dataversion.current()
        log_in("cb")
        assert dataversion.current() == before
        users.objects.filter(username="cb").update(first_name=f"Tên {before}")
        assert dataversion.current() != before

    def probe_write_counts() -> None:
        before = dataversion.current()
        with connection.cursor() as cursor:  # a column the models do not know
            cursor.execute("UPDATE auth_user SET theodoi_probe = %s WHERE username = 'cb'", [str(before)[:20]])
        assert dataversion.current() != before

    added = None
    try:
        with connection.schema_editor() as editor:
            editor.add_field(users, probe)
        added = probe
        settled()
        probe_write_counts()  # a column added since is covered
        with connection.schema_editor() as editor:
            editor.alter_field(users, probe, wider)  # PostgreSQL: ALTER COLUMN TYPE
        added = wider
        settled()
        probe_write_counts()
        with connection.schema_editor() as editor:
            editor.remove_field(users, wider)  # a column the SQLite trigger named until now
        added = None
        settled()
    finally:
        if added is not None:  # leave the table as the models say, whatever failed
            with connection.schema_editor() as editor:
                editor.remove_field(users, added)
            call_command("migrate", verbosity=0)


def test_each_kind_of_write_changes_the_version_once_committed_and_reads_do_not():
    office = make_user("vp", OFFICE, "Văn phòng Ủy ban nhân dân thành phố Hải Phòng")
    officer = make_user("cb", OFFICER, CITY)
    _, task = setting()
    seen = [dataversion.current()]

    def changed() -> bool:
        seen.append(dataversion.current())
        return seen[-1] != seen[-2]

    list(Task.objects.all()), Agency.objects.count()
    assert not changed()  # reads
    report = services.report_submit(actor=officer, task=task, period=period_containing("quarter", dt.date.today()),
                                    percent_complete=40, narrative="Đã triển khai.")
    assert changed()
    services.report_accept(actor=office, report=report, public_note="", evidence_published=False)
    assert changed()
    Task.objects.filter(pk=task.pk).update(title="Đổi bằng QuerySet.update")  # outside the services
    assert changed()
    Membership.objects.filter(user=officer).update(agency=agency("Bộ Y tế"))
    assert changed()
    officer.groups.clear()  # a many-to-many table of auth
    assert changed()
    with connection.cursor() as cursor:  # SQL by hand
        cursor.execute("UPDATE agencies_agency SET short_name = 'HP' WHERE name = %s", [CITY])
    assert changed()
    with pytest.raises(RuntimeError), transaction.atomic():
        Task.objects.filter(pk=task.pk).update(title="Không lưu")
        raise RuntimeError
    assert not changed()  # rolled back: neither data nor version


def test_migrating_back_before_the_data_version_leaves_writes_working_and_forward_again():
    """Rolling a release back: without its tables, the triggers must go too (on PostgreSQL
    every write failed with 'relation core_datachange does not exist')."""
    from django.core.management import call_command

    call_command("migrate", "core", "0002", verbosity=0)
    try:
        Agency.objects.create(name="Sở Thử nghiệm thành phố Hải Phòng")
        assert not dataversion.tables_with_trigger()
    finally:
        call_command("migrate", verbosity=0)
    before = dataversion.current()
    setting()
    assert dataversion.current() != before
    assert dataversion.versioned_tables() <= dataversion.tables_with_trigger()


def test_a_migrate_with_nothing_to_do_rewrites_no_trigger():
    """`migrate` runs while the site serves; on PostgreSQL a trigger's DDL locks its table
    against every reader, so a deploy with nothing new must not rewrite any."""
    from django.core.management import call_command

    def triggers() -> set:
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
            else:  # a rewritten trigger gets a new oid
                cursor.execute("SELECT oid, tgname FROM pg_trigger WHERE NOT tgisinternal")
            return set(cursor.fetchall())

    before = triggers()
    call_command("migrate", verbosity=0)
    assert triggers() == before


def test_on_postgresql_the_version_changes_at_commit_not_before():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the commit-time change is PostgreSQL's")
    _, task = setting()
    before = dataversion.current()
    with transaction.atomic():
        Task.objects.filter(pk=task.pk).update(title="Đổi")
        # Another connection would see neither the title nor a new version; this one sees
        # its own title, and the version still as it was (it is changed at commit).
        assert dataversion.current() == before
    assert dataversion.current() == before + 1  # once, however many statements


def wait_until_blocked(timeout: float = 10.0) -> None:
    """Until some connection waits for a lock (PostgreSQL)."""
    from django.db import connections

    with connections["default"].cursor() as cursor:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            cursor.execute("SELECT COUNT(*) FROM pg_locks WHERE NOT granted")
            if cursor.fetchone()[0]:
                return
            time.sleep(0.02)
    raise AssertionError("nobody waited for a lock")


def run_pair(first, second) -> list[str]:
    """`first` runs in a thread; `second` starts once `first` signals it holds its lock."""
    outcomes: list[str] = []
    holding = threading.Event()

    def run(call, *args):
        try:
            call(*args)
            outcomes.append("ok")
        except Exception as exc:  # a deadlock is an error here
            outcomes.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(first, holding)),
               threading.Thread(target=lambda: (holding.wait(10), run(second)))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return outcomes


@pytest.mark.parametrize("through_key_check", [False, True], ids=["row-lock", "key-check-at-commit"])
def test_on_postgresql_writers_of_tables_in_different_orders_do_not_deadlock(through_key_check):
    """B locks a task, then writes an agency; A writes another agency first, then needs the
    task (an update, or the key check of a new report on it, which PostgreSQL makes at
    commit). Were the version's row locked at a transaction's first write, or at the start
    of its commit, A would hold it while waiting for B, and B wait for it: a deadlock."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers (BEGIN IMMEDIATE): they cannot deadlock")
    officer = make_user("cb", OFFICER, CITY)
    _, task = setting()
    city, health, labour = agency(CITY), agency("Bộ Y tế"), agency("Bộ Nội vụ")
    before = dataversion.current()

    def b(holding: threading.Event) -> None:
        with transaction.atomic():
            list(Task.objects.select_for_update().filter(pk=task.pk))
            holding.set()
            wait_until_blocked()  # A now waits for the task
            Agency.objects.filter(pk=health.pk).update(short_name="BYT")

    def a() -> None:
        with transaction.atomic():
            Agency.objects.filter(pk=labour.pk).update(short_name="BNV")
            if through_key_check:
                quarter = period_containing("quarter", dt.date.today())
                ProgressReport.objects.create(task_id=task.pk, agency=city, author=officer, percent_complete=5,
                                              narrative="Đã triển khai.",  # a sent report is complete
                                              period_start=quarter.start, period_end=quarter.end)
            else:
                Task.objects.filter(pk=task.pk).update(title="Đổi")

    assert run_pair(b, a) == ["ok", "ok"]
    assert dataversion.current() == before + 2
