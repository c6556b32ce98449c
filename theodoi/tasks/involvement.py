"""Which agencies are involved in which task, kept by the database for "Việc của tôi".

The busiest agency is involved in some 17,000 of 100,000 tasks: as the primary lead
(`Task.lead_agency`) or through an assignment (co-lead, coordinating). Paging through
them in the lists' order (due date, then id) from the task and assignment tables means
merging both sets and sorting all of them for every page. `TaskInvolvement` holds one row
per (task, involved agency) with the task's due date and stored status, so that a page is
one range of its index (agency, due date, task).

The rows are written by triggers on `tasks_task` and `tasks_assignment` (installed by
`install_triggers` after every `migrate`), in the same statement as every INSERT, UPDATE
or DELETE, whichever path wrote it (services, `settle()`, imports, bulk loads, the admin,
raw SQL). They follow the one rule, `tasks.rules.involving` (its pairs: `involvements`);
`involvement_differences` derives them again from the tasks and assignments and
`manage.py check_status` reports any difference. Succession is not stored: a successor's
officer reads the rows of each body it succeeded (`user_agency_ids`), so a merger changes
no row.
"""

from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS

from theodoi.core.dbtriggers import DerivedTable
from theodoi.tasks.models import Assignment, Task, TaskInvolvement
from theodoi.tasks.rules import involvements

TABLE = TaskInvolvement._meta.db_table
TASKS = Task._meta.db_table
ASSIGNMENTS = Assignment._meta.db_table
COLUMNS = "agency_id, task_id, due_on, status, lead, assigned"

# A row stays while the agency is the lead or assigned; `lead` and `assigned` say which.
_LEAD_ON = "ON CONFLICT (task_id, agency_id) DO UPDATE SET lead = {true}"
_ASSIGNED_ON = "ON CONFLICT (task_id, agency_id) DO UPDATE SET assigned = {true}"


def _lead_gone(task: str, agency: str, false: str) -> str:
    return (f"DELETE FROM {TABLE} WHERE task_id = {task} AND agency_id = {agency} AND NOT assigned; "
            f"UPDATE {TABLE} SET lead = {false} WHERE task_id = {task} AND agency_id = {agency};")


def _assignment_gone(task: str, agency: str, false: str) -> str:
    return (f"DELETE FROM {TABLE} WHERE task_id = {task} AND agency_id = {agency} AND NOT lead; "
            f"UPDATE {TABLE} SET assigned = {false} WHERE task_id = {task} AND agency_id = {agency};")


def _lead_added(true: str) -> str:
    return (f"INSERT INTO {TABLE} ({COLUMNS}) SELECT NEW.lead_agency_id, NEW.id, NEW.due_on, NEW.settled_status, "
            f"{true}, NOT {true} WHERE NEW.lead_agency_id IS NOT NULL " + _LEAD_ON.format(true=true) + ";")


def _assignment_added(true: str) -> str:
    return (f"INSERT INTO {TABLE} ({COLUMNS}) SELECT NEW.agency_id, t.id, t.due_on, t.settled_status, "
            f"NOT {true}, {true} FROM {TASKS} t WHERE t.id = NEW.task_id " + _ASSIGNED_ON.format(true=true) + ";")


_SORT_KEY = f"UPDATE {TABLE} SET due_on = NEW.due_on, status = NEW.settled_status WHERE task_id = NEW.id;"

_SQLITE_TRIGGERS = {
    "tasks_involvement_task_insert": f"""
        CREATE TRIGGER tasks_involvement_task_insert AFTER INSERT ON {TASKS} BEGIN {_lead_added("1")} END""",
    "tasks_involvement_task_lead": f"""
        CREATE TRIGGER tasks_involvement_task_lead AFTER UPDATE OF lead_agency_id ON {TASKS}
        WHEN OLD.lead_agency_id IS NOT NEW.lead_agency_id
        BEGIN {_lead_gone("OLD.id", "OLD.lead_agency_id", "0")} {_lead_added("1")} END""",
    "tasks_involvement_task_sort": f"""
        CREATE TRIGGER tasks_involvement_task_sort AFTER UPDATE OF due_on, settled_status ON {TASKS}
        WHEN OLD.due_on IS NOT NEW.due_on OR OLD.settled_status IS NOT NEW.settled_status
        BEGIN {_SORT_KEY} END""",
    "tasks_involvement_task_delete": f"""
        CREATE TRIGGER tasks_involvement_task_delete AFTER DELETE ON {TASKS}
        BEGIN DELETE FROM {TABLE} WHERE task_id = OLD.id; END""",
    "tasks_involvement_assignment_insert": f"""
        CREATE TRIGGER tasks_involvement_assignment_insert AFTER INSERT ON {ASSIGNMENTS}
        BEGIN {_assignment_added("1")} END""",
    "tasks_involvement_assignment_update": f"""
        CREATE TRIGGER tasks_involvement_assignment_update AFTER UPDATE OF task_id, agency_id ON {ASSIGNMENTS}
        WHEN OLD.task_id IS NOT NEW.task_id OR OLD.agency_id IS NOT NEW.agency_id
        BEGIN {_assignment_gone("OLD.task_id", "OLD.agency_id", "0")} {_assignment_added("1")} END""",
    "tasks_involvement_assignment_delete": f"""
        CREATE TRIGGER tasks_involvement_assignment_delete AFTER DELETE ON {ASSIGNMENTS}
        BEGIN {_assignment_gone("OLD.task_id", "OLD.agency_id", "0")} END""",
}

# PostgreSQL: one row-level trigger per table doing what the SQLite ones do. A row of the
# involvement table is written by whoever writes its task or assignment row, so two
# writers meet on it only when they write the same (task, agency); the upsert waits for
# the other one then.
_PG_STATEMENTS = [
    f"""CREATE OR REPLACE FUNCTION tasks_involvement_task() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'DELETE' THEN
            DELETE FROM {TABLE} WHERE task_id = OLD.id;
            RETURN NULL;
          END IF;
          IF TG_OP = 'UPDATE' THEN
            IF OLD.due_on IS DISTINCT FROM NEW.due_on OR OLD.settled_status IS DISTINCT FROM NEW.settled_status THEN
              {_SORT_KEY}
            END IF;
            IF OLD.lead_agency_id IS NOT DISTINCT FROM NEW.lead_agency_id THEN
              RETURN NULL;
            END IF;
            {_lead_gone("OLD.id", "OLD.lead_agency_id", "false")}
          END IF;
          {_lead_added("true")}
          RETURN NULL;
        END $$""",
    f"""CREATE OR REPLACE TRIGGER tasks_involvement_task
        AFTER INSERT OR DELETE OR UPDATE OF lead_agency_id, due_on, settled_status ON {TASKS}
        FOR EACH ROW EXECUTE FUNCTION tasks_involvement_task()""",
    f"""CREATE OR REPLACE FUNCTION tasks_involvement_assignment() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'UPDATE' AND OLD.task_id IS NOT DISTINCT FROM NEW.task_id
             AND OLD.agency_id IS NOT DISTINCT FROM NEW.agency_id THEN
            RETURN NULL;
          END IF;
          IF TG_OP IN ('DELETE', 'UPDATE') THEN
            {_assignment_gone("OLD.task_id", "OLD.agency_id", "false")}
          END IF;
          IF TG_OP IN ('INSERT', 'UPDATE') THEN
            {_assignment_added("true")}
          END IF;
          RETURN NULL;
        END $$""",
    f"""CREATE OR REPLACE TRIGGER tasks_involvement_assignment
        AFTER INSERT OR DELETE OR UPDATE OF task_id, agency_id ON {ASSIGNMENTS}
        FOR EACH ROW EXECUTE FUNCTION tasks_involvement_assignment()""",
]
_PG_TRIGGERS = {"tasks_involvement_task", "tasks_involvement_assignment"}


_PAIRS = (f"SELECT lead_agency_id, id FROM {TASKS} WHERE lead_agency_id IS NOT NULL "
          f"UNION SELECT agency_id, task_id FROM {ASSIGNMENTS}")


def _sizes_agree(cursor) -> bool:
    """As many rows as (agency, task) pairs (one statement, so one snapshot)."""
    cursor.execute(f"SELECT (SELECT COUNT(*) FROM {TABLE}) = (SELECT COUNT(*) FROM ({_PAIRS}) AS pairs)")
    return bool(cursor.fetchone()[0])


def rebuild(connection, cursor) -> None:
    """Replace the table by what the tasks and assignments say (both locked meanwhile)."""
    if connection.vendor == "postgresql":
        cursor.execute(f"LOCK TABLE {TASKS}, {ASSIGNMENTS} IN SHARE MODE")  # no write until this commits
    cursor.execute(f"DELETE FROM {TABLE}")
    cursor.execute(
        f"INSERT INTO {TABLE} ({COLUMNS}) "
        "SELECT agency_id, task_id, due_on, status, SUM(lead) > 0, SUM(assigned) > 0 FROM ("
        f"  SELECT lead_agency_id AS agency_id, id AS task_id, due_on, settled_status AS status, 1 AS lead, "
        f"         0 AS assigned FROM {TASKS} WHERE lead_agency_id IS NOT NULL"
        f"  UNION ALL SELECT a.agency_id, t.id, t.due_on, t.settled_status, 0, 1 "
        f"  FROM {ASSIGNMENTS} a JOIN {TASKS} t ON t.id = a.task_id"
        ") AS pairs GROUP BY agency_id, task_id, due_on, status")


# Kept by the database: put back after every `migrate` and `flush` (the tasks app's
# post_migrate receiver), derived afresh only when it may be wrong; see core.dbtriggers.
INVOLVEMENTS = DerivedTable(table=TABLE, sources=(TASKS, ASSIGNMENTS), prefix="tasks_involvement_",
                            sqlite=_SQLITE_TRIGGERS, postgresql=_PG_STATEMENTS,
                            postgresql_names=frozenset(_PG_TRIGGERS), agrees=_sizes_agree, rebuild=rebuild)


def install_triggers(*, using: str = DEFAULT_DB_ALIAS) -> bool:
    """Create the triggers of database `using` if any is missing; derive the table afresh
    when it may be wrong (a reinstall, or a number of rows that is not the number of
    (agency, task) pairs). True if the triggers had to be (re)installed."""
    return INVOLVEMENTS.install(using=using)


Row = tuple[int, int]  # (agency id, task id)


@dataclass(frozen=True)
class InvolvementDifference:
    key: Row
    stored: tuple | None  # (due_on, status, lead, assigned), None: no row
    actual: tuple | None


def involvement_differences() -> list[InvolvementDifference]:
    """Where the stored involvements differ from the rule's (`tasks.rules.involvements`)
    applied to the tasks and assignments as they are (none, unless a trigger was missing or
    someone wrote into the table by hand)."""
    leads, assignments = involvements()
    sort_keys = dict((pk, (due_on, status)) for pk, due_on, status in
                     Task.objects.order_by().values_list("pk", "due_on", "settled_status").iterator())
    actual: dict[Row, tuple] = {}
    for agency_id, task_id in leads.iterator():
        actual[(agency_id, task_id)] = (*sort_keys[task_id], True, False)
    for agency_id, task_id in assignments.iterator():
        lead = (agency_id, task_id) in actual
        actual[(agency_id, task_id)] = (*sort_keys[task_id], lead, True)
    stored: dict[Row, tuple] = {
        (agency_id, task_id): (due_on, status, lead, assigned)
        for agency_id, task_id, due_on, status, lead, assigned in TaskInvolvement.objects.order_by().values_list(
            "agency_id", "task_id", "due_on", "status", "lead", "assigned").iterator()
    }
    return [InvolvementDifference(key, stored.get(key), actual.get(key))
            for key in sorted(set(actual) | set(stored)) if stored.get(key) != actual.get(key)]
