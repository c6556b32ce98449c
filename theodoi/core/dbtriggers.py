"""Tables the database itself keeps in step with other tables, through triggers.

Such a table (the dashboard's counts, the agencies involved in each task) is written in
the same statement as every write to its sources, whichever path made it. What can go
wrong is the triggers going missing: SQLite drops a table's triggers when a migration
rebuilds that table, and writes made meanwhile are not followed. So after every `migrate`
and `flush` each derived table is checked here: missing triggers are put back and the
table derived afresh; so is a table whose cheap consistency check fails (a flush on SQLite
empties tables one by one, in no set order). Otherwise nothing is rewritten: deriving
locks the sources on PostgreSQL and reads every row, which a deploy's `migrate` should not.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, transaction


def sqlite_migrates(app_label: str, *, using: str, plan: Sequence[tuple[Any, bool]] | None) -> bool:
    """Whether `migrate` (its pre_migrate plan) is about to apply or unapply a migration of
    `app_label` on a SQLite database. SQLite alters a table by building a new one, dropping
    the old and renaming the new, and the rename fails ("error in trigger …: no such
    table") while any trigger's body names a table so dropped: the triggers naming that
    app's tables are dropped first and put back after (post_migrate)."""
    return connections[using].vendor == "sqlite" and any(m.app_label == app_label for m, _ in plan or ())


@dataclass(frozen=True)
class DerivedTable:
    table: str
    sources: tuple[str, ...]  # the tables the triggers sit on
    prefix: str  # every trigger's name starts with it, and no other trigger's on the sources
    sqlite: Mapping[str, str]  # trigger name -> CREATE TRIGGER
    postgresql: Sequence[str]  # CREATE OR REPLACE FUNCTION/TRIGGER statements
    postgresql_names: frozenset[str]
    agrees: Callable[[Any], bool]  # (cursor) -> whether the table may be trusted
    rebuild: Callable[[Any, Any], None]  # (connection, cursor) -> derive the table afresh

    def installed(self, connection: Any, cursor: Any) -> set[str]:
        marks = ", ".join(["%s"] * len(self.sources))
        if connection.vendor == "sqlite":
            cursor.execute(f"SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ({marks})",
                           list(self.sources))
        else:
            regclasses = ", ".join(["%s::regclass"] * len(self.sources))
            cursor.execute(f"SELECT tgname FROM pg_trigger WHERE tgrelid IN ({regclasses}) AND NOT tgisinternal",
                           list(self.sources))
        return {name for (name,) in cursor.fetchall() if name.startswith(self.prefix)}

    def install(self, *, using: str = DEFAULT_DB_ALIAS) -> bool:
        """Create the triggers on database `using` if any is missing, and derive the table
        afresh when it may be wrong. True if the triggers had to be (re)installed."""
        connection = connections[using]
        if self.table not in connection.introspection.table_names():
            # Migrated back to before the table: PostgreSQL keeps triggers whose functions
            # write a table that is gone, and every write to the sources would then fail.
            self.drop(using=using, postgresql_too=True)
            return False
        with transaction.atomic(using=using), connection.cursor() as cursor:
            sqlite = connection.vendor == "sqlite"
            missing = self.installed(connection, cursor) != (set(self.sqlite) if sqlite else self.postgresql_names)
            if missing and sqlite:
                for name in self.sqlite:
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
                for statement in self.sqlite.values():
                    cursor.execute(statement)
            elif missing:
                for statement in self.postgresql:
                    cursor.execute(statement)
            if missing or not self.agrees(cursor):
                self.rebuild(connection, cursor)
        return missing

    def drop(self, *, using: str = DEFAULT_DB_ALIAS, postgresql_too: bool = False) -> None:
        """Remove the triggers: on SQLite before migrations run (see the tasks app's
        pre_migrate receiver; `install` puts them back after, and derives the table afresh);
        on PostgreSQL only when the table itself is gone (each trigger's function has the
        trigger's name; dropping it drops the trigger)."""
        connection = connections[using]
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                for name in self.sqlite:
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            elif postgresql_too:
                for name in sorted(self.postgresql_names):
                    cursor.execute(f"DROP FUNCTION IF EXISTS {name}() CASCADE")
