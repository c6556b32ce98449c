"""The index behind every task search (`theodoi/core/search.py` says which, and why)."""

from django.db import migrations

from theodoi.core.search import search_index_sql


class RunSQLOn(migrations.RunSQL):
    """RunSQL on one database vendor only: SQLite and PostgreSQL index the key differently."""

    def __init__(self, vendor: str, *args, **kwargs) -> None:
        self.vendor = vendor
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, args, kwargs = super().deconstruct()
        return name, [self.vendor, *args], kwargs

    def database_forwards(self, app_label, schema_editor, from_state, to_state) -> None:
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state) -> None:
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):

    dependencies = [
        ('tasks', '0005_portal_indexes'),
    ]

    operations = [
        # pg_trgm is a trusted extension (PostgreSQL 13+): a role with CREATE on the database
        # (its owner) may create it; where the app's role may not, a superuser runs
        # `CREATE EXTENSION pg_trgm;` in the database first and this finds it there. Not
        # dropped when going back: other objects may use it. (Django's TrigramExtension
        # would do the same forwards, but its reverse queries pg_extension on SQLite too.)
        RunSQLOn("postgresql", "CREATE EXTENSION IF NOT EXISTS pg_trgm", migrations.RunSQL.noop),
        RunSQLOn("sqlite", *search_index_sql("sqlite", "tasks_task")),
        RunSQLOn("postgresql", *search_index_sql("postgresql", "tasks_task")),
    ]
