"""How many tasks there are per (domain, lead agency, stored status), kept by the database.

The dashboard and the task list's totals would otherwise count 100,000 task rows on every
request. `TaskCount` is a ledger of changes to those counts: triggers on `tasks_task`
(installed by `install_triggers`, after every `migrate` and `flush`) add a row of +n/-n in the same
statement as any INSERT, DELETE or UPDATE that moves a task between keys — whichever path
wrote it (services, `settle()`, imports, bulk loads, the admin, raw SQL). Writers only
insert: two transactions never wait for each other on a counter row, so concurrent report
submissions on PostgreSQL neither queue nor deadlock on it. Readers sum the ledger, which
`compact` folds back to one row per key once it has grown.

The counts are derived from `Task.settled_status` (tasks/status.py, the one rule);
`count_differences` compares them with a count of the task rows themselves, and
`manage.py check_status` reports any difference.
"""

from collections import Counter
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connection, transaction
from django.db.models import Count, Sum

from theodoi.core.dbtriggers import DerivedTable
from theodoi.tasks.models import Task, TaskCount

Key = tuple[str, int | None, str]  # (domain, lead agency id, stored status)

TABLE = TaskCount._meta.db_table
TASKS = Task._meta.db_table
COLUMNS = "domain, lead_agency_id, status, n"

# Writers fold the ledger (after their commit) once it holds this many rows; a reader only
# past the second bound, after writes that bypassed the services (bulk loads), so that
# reading a page rarely writes.
COMPACT_ABOVE = 2_000
READ_COMPACT_ABOVE = 50_000

_SQLITE_TRIGGERS = {
    "tasks_taskcount_insert": f"""
        CREATE TRIGGER tasks_taskcount_insert AFTER INSERT ON {TASKS} BEGIN
          INSERT INTO {TABLE} ({COLUMNS}) VALUES (NEW.domain, NEW.lead_agency_id, NEW.settled_status, 1);
        END""",
    "tasks_taskcount_delete": f"""
        CREATE TRIGGER tasks_taskcount_delete AFTER DELETE ON {TASKS} BEGIN
          INSERT INTO {TABLE} ({COLUMNS}) VALUES (OLD.domain, OLD.lead_agency_id, OLD.settled_status, -1);
        END""",
    "tasks_taskcount_update": f"""
        CREATE TRIGGER tasks_taskcount_update AFTER UPDATE OF domain, lead_agency_id, settled_status ON {TASKS}
        WHEN OLD.domain IS NOT NEW.domain OR OLD.lead_agency_id IS NOT NEW.lead_agency_id
          OR OLD.settled_status IS NOT NEW.settled_status
        BEGIN
          INSERT INTO {TABLE} ({COLUMNS}) VALUES (OLD.domain, OLD.lead_agency_id, OLD.settled_status, -1),
                                                 (NEW.domain, NEW.lead_agency_id, NEW.settled_status, 1);
        END""",
}

# PostgreSQL: statement-level triggers over the transition tables, so a bulk insert of
# 5,000 tasks adds one ledger row per key, not 5,000.
_PG_CHANGES = {
    "insert": "SELECT domain, lead_agency_id, settled_status, 1 AS n FROM new_rows",
    "delete": "SELECT domain, lead_agency_id, settled_status, -1 AS n FROM old_rows",
    "update": "SELECT domain, lead_agency_id, settled_status, -1 AS n FROM old_rows "
              "UNION ALL SELECT domain, lead_agency_id, settled_status, 1 AS n FROM new_rows",
}
_PG_REFERENCING = {
    "insert": "NEW TABLE AS new_rows",
    "delete": "OLD TABLE AS old_rows",
    "update": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
}


def _pg_statements() -> list[str]:
    statements = []
    for event, changes in _PG_CHANGES.items():
        name = f"tasks_taskcount_{event}"
        statements += [
            f"""CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  INSERT INTO {TABLE} ({COLUMNS})
                  SELECT domain, lead_agency_id, settled_status, SUM(n) FROM ({changes}) AS changes
                  GROUP BY domain, lead_agency_id, settled_status HAVING SUM(n) <> 0;
                  RETURN NULL;
                END $$""",
            f"""CREATE OR REPLACE TRIGGER {name} AFTER {event.upper()} ON {TASKS}
                REFERENCING {_PG_REFERENCING[event]} FOR EACH STATEMENT EXECUTE FUNCTION {name}()""",
        ]
    return statements


def _totals_agree(cursor) -> bool:
    """The ledger's total is the number of tasks (one statement, so one snapshot)."""
    cursor.execute(f"SELECT (SELECT COUNT(*) FROM {TASKS}) = (SELECT COALESCE(SUM(n), 0) FROM {TABLE})")
    return bool(cursor.fetchone()[0])


def rebuild(connection, cursor) -> None:
    """Replace the ledger by a count of the task rows (the tasks table is locked meanwhile)."""
    if connection.vendor == "postgresql":
        cursor.execute(f"LOCK TABLE {TASKS} IN SHARE MODE")  # no task write until this commits
    cursor.execute(f"DELETE FROM {TABLE}")
    cursor.execute(f"INSERT INTO {TABLE} ({COLUMNS}) SELECT domain, lead_agency_id, settled_status, COUNT(*) "
                   f"FROM {TASKS} GROUP BY domain, lead_agency_id, settled_status")


# Kept by the database: put back after every `migrate` and `flush` (the tasks app's
# post_migrate receiver), recounting only when the ledger may be wrong; see core.dbtriggers.
# The PostgreSQL triggers have the SQLite ones' names (`_pg_statements`).
LEDGER = DerivedTable(table=TABLE, sources=(TASKS,), prefix="tasks_taskcount_", sqlite=_SQLITE_TRIGGERS,
                      postgresql=_pg_statements(), postgresql_names=frozenset(_SQLITE_TRIGGERS),
                      agrees=_totals_agree, rebuild=rebuild)


def install_triggers(*, using: str = DEFAULT_DB_ALIAS) -> bool:
    """Create the triggers of database `using` if any is missing; recount when the ledger
    may be wrong (a reinstall: writes made while the triggers were gone were not counted; a
    flush on SQLite may have recorded the tasks' deletion after emptying the ledger, so its
    total no longer matches the table). True if the triggers had to be (re)installed."""
    return LEDGER.install(using=using)


def compact() -> None:
    """Fold the ledger into one row per key (keys whose count is zero disappear).

    Safe beside writers and other compactions: on PostgreSQL one statement deletes the rows
    it sees and inserts their sums (rows committed meanwhile are neither deleted nor
    counted; a second compaction waiting on the same rows finds them gone and skips them);
    SQLite has one writer at a time.
    """
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"WITH gone AS (DELETE FROM {TABLE} RETURNING domain, lead_agency_id, status, n) "
                f"INSERT INTO {TABLE} ({COLUMNS}) SELECT domain, lead_agency_id, status, SUM(n) FROM gone "
                "GROUP BY domain, lead_agency_id, status HAVING SUM(n) <> 0")
        else:
            cursor.execute(f"SELECT domain, lead_agency_id, status, SUM(n) FROM {TABLE} "
                           "GROUP BY domain, lead_agency_id, status HAVING SUM(n) <> 0")
            rows = cursor.fetchall()
            cursor.execute(f"DELETE FROM {TABLE}")
            cursor.executemany(f"INSERT INTO {TABLE} ({COLUMNS}) VALUES (%s, %s, %s, %s)", rows)


def counts_by(*fields: str, **filters) -> Counter:
    """Numbers of tasks grouped by some of ("domain", "lead_agency_id", "status"), keys as
    tuples of those values; groups with no task left out. E.g. `counts_by("domain",
    "status")`, `counts_by(lead_agency_id__in=[5])[()]` (one total).

    Call after `settle_due` (as `with_settled_status` does), so that the statuses today has
    changed are already stored, and so counted.
    """
    rows = TaskCount.objects.filter(**filters).order_by()
    if not fields:
        total = rows.aggregate(total=Sum("n"))["total"] or 0
        return Counter({(): total} if total else {})
    result: Counter = Counter()
    for *key, n in rows.values(*fields).annotate(total=Sum("n")).values_list(*fields, "total"):
        if n:
            result[tuple(key)] = n
    return result


def task_counts() -> Counter[Key]:
    """{(domain, lead agency id, status): number of tasks}, keys with no task left out."""
    return counts_by("domain", "lead_agency_id", "status")


def compact_above(limit: int) -> None:
    """Fold the ledger if it holds more than `limit` rows. Writers (`settle()`, after its
    transaction commits, so the write itself stays short) pass `COMPACT_ABOVE`; the dashboard
    passes `READ_COMPACT_ABOVE` first, so that a reader rarely writes and never reads a long
    ledger (grown by writes that bypassed the services, such as bulk loads)."""
    if TaskCount.objects.count() > limit:
        compact()


@dataclass(frozen=True)
class CountDifference:
    key: Key
    stored: int
    actual: int


def count_differences() -> list[CountDifference]:
    """Where the ledger's counts differ from a count of the task rows (none, unless a trigger
    was missing or someone wrote into the ledger by hand)."""
    actual: Counter[Key] = Counter()
    for domain, agency_id, status, n in (Task.objects.order_by().values_list("domain", "lead_agency_id", "settled_status")
                                         .annotate(n=Count("*"))):
        actual[(domain, agency_id, status)] = n
    stored: Counter[Key] = Counter()
    for domain, agency_id, status, n in TaskCount.objects.values_list("domain", "lead_agency_id", "status", "n"):
        stored[(domain, agency_id, status)] += n
    keys = {k for k, n in actual.items() if n} | {k for k, n in stored.items() if n}
    return [CountDifference(key, stored[key], actual[key]) for key in sorted(keys, key=str)
            if stored[key] != actual[key]]
