"""The data version: one number that every committed write to the data changes.

Page content is kept per version (`core/pagecache.py`), so the version must change with
every write whichever path made it (a service, the admin, a bulk `QuerySet.update`, a
background job, SQL by hand), be seen by every worker process and server, and change in
the same transaction as the data: never before the data is visible (a reader could then
keep old content under the new version for good), never after (a reader would serve the
old version's content beside the new data). So the database keeps it, with triggers on
every table of the project and of `auth`, except the few in `EXEMPT_APPS` and
`EXEMPT_TABLES`, and the history tables (each written in the transaction that writes its
model's table, which bumps).

A reader reads the version *before* computing content: the content is then never older
than the version it is kept under (at worst newer, which the next version recomputes).

SQLite: a row trigger per table and event adds one to the version. Writers are serialised
(every transaction starts with BEGIN IMMEDIATE), so the hot row costs no waiting.

PostgreSQL: a row trigger updating the version would lock that one row at the first write
of every transaction until its commit: all writers would queue behind each other for
their whole length, and two transactions that lock other rows in different orders (a
`select_for_update` of a task, then a write; or a write, then a foreign key check on that
task) would deadlock through it. So the version is updated at commit, as the last thing
the transaction does:

1. a statement trigger on each table marks the transaction (a transaction-local setting)
   and, the first time only, inserts a row into `core_datachange`;
2. that row's trigger is a CONSTRAINT TRIGGER, DEFERRABLE INITIALLY DEFERRED: it runs
   at commit, in the order events were queued, so possibly before deferred checks still
   queued behind it (Django's foreign keys are checked at commit too, and a key check
   waits on a row another transaction has locked). It therefore only inserts a second row,
   whose deferred trigger is queued behind every event of the transaction;
3. that one updates the version row. The lock on it is the last lock the transaction
   takes and is held only for the commit itself: it cannot take part in a deadlock.

A sequence is not used: its next value is visible to all before the transaction commits.

Quiet columns (`QUIET_COLUMNS`): Django stamps `auth_user.last_login` at every login, which
no page shows; counted, every login would make every kept page of every user cold. An
update of such a table changes the version only if it also writes another column (SQLite:
sets it; PostgreSQL: changes its value). No trigger depends on a column, so a migration may
add, drop or alter any (a PostgreSQL trigger `UPDATE OF` columns, or whose `WHEN` names one,
depends on them, and the column then cannot be dropped or retyped; SQLite refuses to drop a
column a trigger's `WHEN` names):

- PostgreSQL: the table's statement trigger leaves updates out, and a row trigger on update
  passes the quiet columns' names as arguments to the same mark function, which compares
  the old and new row as JSON without them (`to_jsonb(OLD) - TG_ARGV`). A whole row is no
  column: nothing depends on any. (A `WHEN` on the whole rows would depend on none either,
  but `pg_trigger` keeps it reworded, and the arguments as written: `tables_with_trigger`
  compares those.)
- SQLite has no whole row: the update trigger is `UPDATE OF` every other column, read from
  the table when installed. SQLite keeps no dependency for that list (a named column can be
  dropped); a column added since is missing from it, which `tables_with_trigger` notices (the
  trigger is then not the one `install` writes today): `check_status` reports the table and
  `migrate` rewrites the trigger.
"""

import random
from typing import Any, NamedTuple

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connections, transaction

VERSION_TABLE = "core_dataversion"
CHANGE_TABLE = "core_datachange"

# Tables no staff page shows, written for reasons of their own, some on every request:
EXEMPT_APPS = frozenset({
    "sessions",  # a session is written at login and whenever its messages change
    "axes",  # login attempts and lockouts, written by every login
    "django_tasks_database",  # the job queue: workers write each job's state (a job's results bump)
    "admin",  # the admin's own log, written in the transaction of the change it logs (which bumps)
})
EXEMPT_TABLES = frozenset({
    VERSION_TABLE, CHANGE_TABLE,
    "core_ratebucket",  # rate-limit counters: every public write and every API call
})

# Columns whose update alone does not change the version (see above): written so often that
# counting them would keep every kept page cold, and shown by no page.
QUIET_COLUMNS: dict[str, tuple[str, ...]] = {
    "auth_user": ("last_login",),  # stamped by every login (reporting days: hundreds)
}

PG_MARK = "theodoi_version_mark"
PG_BUMP = "theodoi_version_bump"
PG_TRIGGER = "theodoi_version"  # the statement trigger's name on each table
PG_ROW_TRIGGER = "theodoi_version_row"  # the row trigger on updates of a table with quiet columns
SQLITE_PREFIX = "theodoi_version_"
EVENTS = ("insert", "update", "delete")

_PG_FUNCTIONS = [
    f"""CREATE OR REPLACE FUNCTION {PG_MARK}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- A row trigger names the table's quiet columns: an update that changed only them
    -- changes nothing a page shows. The whole row as JSON: no column is named in SQL.
    IF TG_LEVEL = 'ROW' THEN
        IF (to_jsonb(OLD) - TG_ARGV) IS NOT DISTINCT FROM (to_jsonb(NEW) - TG_ARGV) THEN
            RETURN NULL;
        END IF;
    END IF;
    IF current_setting('theodoi.version_marked', true) IS DISTINCT FROM 'on' THEN
        PERFORM set_config('theodoi.version_marked', 'on', true);  -- true: this transaction only
        INSERT INTO {CHANGE_TABLE} (stage) VALUES (1);
    END IF;
    RETURN NULL;
END $$""",
    f"""CREATE OR REPLACE FUNCTION {PG_BUMP}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM {CHANGE_TABLE} WHERE id = NEW.id;
    IF NEW.stage = 1 THEN
        -- At commit: queued behind every deferred event of the transaction (key checks).
        INSERT INTO {CHANGE_TABLE} (stage) VALUES (2);
    ELSE
        UPDATE {VERSION_TABLE} SET version = version + 1;
    END IF;
    RETURN NULL;
END $$""",
]


def versioned_tables(using: str = DEFAULT_DB_ALIAS) -> set[str]:
    """The tables whose writes change the version: every table of an installed model
    (many-to-many tables included) that exists in the database, less the exempt ones."""
    from simple_history.models import HistoricalChanges  # type: ignore[import-untyped]

    existing = set(connections[using].introspection.table_names())
    return {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
        and model._meta.app_label not in EXEMPT_APPS
        and model._meta.db_table not in EXEMPT_TABLES
        and not issubclass(model, HistoricalChanges)
        and model._meta.db_table in existing
    }


def tables_with_trigger(using: str = DEFAULT_DB_ALIAS) -> set[str]:
    """The tables that have the version's triggers, each exactly as `install` writes them
    today (so a trigger written by an older release, or a list of columns a migration has
    changed since, counts as missing)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        return _tables_as_written(connection, cursor, _found(connection, cursor))


def _found(connection: Any, cursor: Any) -> dict[str, Any]:
    """Table -> its version triggers as the database keeps them (SQLite: name -> SQL;
    PostgreSQL: the set of `PgTrigger`), whatever release wrote them."""
    found: dict[str, Any] = {}
    if connection.vendor == "sqlite":
        cursor.execute("SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'trigger'")
        for table, name, sql in cursor.fetchall():
            if name.startswith(SQLITE_PREFIX):
                found.setdefault(table, {})[name] = sql
        return found
    cursor.execute("SELECT tgrelid::regclass::text, tgname, tgtype, tgfoid::regproc::text, tgargs "
                   "FROM pg_trigger WHERE tgname IN (%s, %s) AND NOT tgisinternal", [PG_TRIGGER, PG_ROW_TRIGGER])
    for table, name, tgtype, function, args in cursor.fetchall():
        arguments = tuple(a.decode() for a in bytes(args).split(b"\0")[:-1])  # each ends in a NUL
        found.setdefault(table.strip('"'), set()).add(PgTrigger(name, tgtype, function, arguments))
    return found


def _tables_as_written(connection: Any, cursor: Any, found: dict[str, Any]) -> set[str]:
    if connection.vendor == "sqlite":
        return {table for table, triggers in found.items()
                if triggers == _sqlite_triggers(table, _columns(connection, cursor, table))}
    return {table for table, triggers in found.items() if triggers == set(_pg_triggers(table))}


# pg_trigger.tgtype: a bit for FOR EACH ROW and one per event (AFTER has none).
_PG_ROW, _PG_INSERT, _PG_DELETE, _PG_UPDATE, _PG_TRUNCATE = 1, 4, 8, 16, 32


class PgTrigger(NamedTuple):
    """A PostgreSQL trigger as `pg_trigger` keeps it (which does not keep our SQL's words)."""

    name: str
    tgtype: int
    function: str
    arguments: tuple[str, ...]

    def create(self, table: str) -> str:
        events = [word for bit, word in ((_PG_INSERT, "INSERT"), (_PG_UPDATE, "UPDATE"), (_PG_DELETE, "DELETE"),
                                         (_PG_TRUNCATE, "TRUNCATE")) if self.tgtype & bit]
        level = "ROW" if self.tgtype & _PG_ROW else "STATEMENT"
        arguments = ", ".join(f"'{a}'" for a in self.arguments)
        return (f'CREATE TRIGGER {self.name} AFTER {" OR ".join(events)} ON "{table}" '
                f"FOR EACH {level} EXECUTE FUNCTION {self.function}({arguments})")


def _pg_triggers(table: str) -> list[PgTrigger]:
    """The triggers `table` has on PostgreSQL: one per statement for every write; on a table
    with quiet columns, updates by a row trigger that leaves those out (see above)."""
    quiet = QUIET_COLUMNS.get(table)
    if not quiet:
        return [PgTrigger(PG_TRIGGER, _PG_INSERT | _PG_UPDATE | _PG_DELETE | _PG_TRUNCATE, PG_MARK, ())]
    return [PgTrigger(PG_TRIGGER, _PG_INSERT | _PG_DELETE | _PG_TRUNCATE, PG_MARK, ()),
            PgTrigger(PG_ROW_TRIGGER, _PG_ROW | _PG_UPDATE, PG_MARK, quiet)]


def _sqlite_triggers(table: str, columns: list[str]) -> dict[str, str]:
    """Name -> CREATE TRIGGER, word for word as `sqlite_master` keeps it, of the three
    triggers `table` (with these columns) has on SQLite."""
    quiet = QUIET_COLUMNS.get(table, ())
    triggers = {}
    for event in EVENTS:
        what = event.upper()
        if event == "update" and quiet:
            what += " OF " + ", ".join(f'"{c}"' for c in columns if c not in quiet)
        triggers[_sqlite_name(table, event)] = (
            f'CREATE TRIGGER "{_sqlite_name(table, event)}" AFTER {what} '
            f'ON "{table}" BEGIN UPDATE {VERSION_TABLE} SET version = version + 1; END')
    return triggers


def _columns(connection: Any, cursor: Any, table: str) -> list[str]:
    """The table's columns in order, read only where a trigger lists them."""
    if table not in QUIET_COLUMNS:
        return []
    return [column.name for column in connection.introspection.get_table_description(cursor, table)]


def _sqlite_name(table: str, event: str) -> str:
    return f"{SQLITE_PREFIX}{table}_{event}"


def install(*, using: str = DEFAULT_DB_ALIAS) -> None:
    """After every migrate and flush: the version row, the triggers on every table that
    should have them (none on the others), and a new version: the migration may have
    changed data without triggers, or the code that renders it."""
    connection = connections[using]
    existing = set(connection.introspection.table_names())
    if VERSION_TABLE not in existing:
        return
    wanted = versioned_tables(using)
    with transaction.atomic(using=using), connection.cursor() as cursor:
        # Only what is missing or out of date is (re)written: on PostgreSQL a trigger's DDL
        # locks its table against every reader, and `migrate` runs while the site serves.
        found = _found(connection, cursor)
        missing = wanted - _tables_as_written(connection, cursor, found)
        unwanted = set(found) - wanted
        if connection.vendor == "sqlite":
            for table in unwanted:
                for name in found[table]:
                    cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')
            for table in missing:
                for name, create in _sqlite_triggers(table, _columns(connection, cursor, table)).items():
                    cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')
                    cursor.execute(create)
        else:
            for statement in _PG_FUNCTIONS:  # CREATE OR REPLACE FUNCTION: no table lock
                cursor.execute(statement)
            cursor.execute("SELECT 1 FROM pg_trigger WHERE tgname = %s AND tgrelid = %s::regclass",
                           [PG_BUMP, CHANGE_TABLE])
            if cursor.fetchone() is None:
                cursor.execute(f"""CREATE CONSTRAINT TRIGGER {PG_BUMP} AFTER INSERT ON {CHANGE_TABLE}
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {PG_BUMP}()""")
            for table in unwanted | missing:
                for name in (PG_TRIGGER, PG_ROW_TRIGGER):  # a table's triggers of an older release too
                    cursor.execute(f'DROP TRIGGER IF EXISTS {name} ON "{table}"')
            for table in missing:
                for trigger in _pg_triggers(table):
                    cursor.execute(trigger.create(table))
        cursor.execute(f"SELECT COUNT(*) FROM {VERSION_TABLE}")
        if cursor.fetchone()[0] != 1:
            # A flush emptied it (tests) or it is new: start anywhere but where content may
            # still be kept from before (a cache shared by several servers outlives a flush).
            cursor.execute(f"DELETE FROM {VERSION_TABLE}")
            cursor.execute(f"INSERT INTO {VERSION_TABLE} (id, version) VALUES (1, %s)",
                           [random.randrange(1, 2**52)])
        bump(using=using)


def drop_sqlite_triggers(*, using: str = DEFAULT_DB_ALIAS) -> None:
    """SQLite, before a migration of core: a trigger naming the version table would make
    SQLite refuse to rebuild it ("error in trigger …"; see `tasks/apps.py`). `install`
    puts them back after."""
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        for (name,) in cursor.fetchall():
            if name.startswith(SQLITE_PREFIX):
                cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')


def bump(*, using: str = DEFAULT_DB_ALIAS) -> None:
    with connections[using].cursor() as cursor:
        cursor.execute(f"UPDATE {VERSION_TABLE} SET version = version + 1")


def current(*, using: str = DEFAULT_DB_ALIAS) -> int | None:
    """The version as this connection sees it now (None before `install` made the row)."""
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT version FROM {VERSION_TABLE}")
        row = cursor.fetchone()
    return row[0] if row else None
