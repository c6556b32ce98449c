"""What the benchmarks that run theodoi in their own process share (import.py, web.py, and
report.py through web.py): Django set up with production-like settings on a throw-away
database, and that database created, migrated and removed again."""

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def start_django(database_url: str | None, *, prefix: str, **environ: str) -> Path:
    """Set Django up, before anything imports it, on the server of `database_url` or else on
    a SQLite file in a new temporary folder (uploaded files go there too); that folder."""
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    # Production-like: no DEBUG (no query log kept in memory, no debug pages).
    os.environ["DEBUG"] = "False"
    os.environ.setdefault("SECRET_KEY", "benchmark-only-not-secret")
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ.update(environ)
    os.environ["DJANGO_SETTINGS_MODULE"] = "theodoi.settings"
    import django

    django.setup()
    return workdir


@contextmanager
def fresh_database(workdir: Path, *, keep: bool = False) -> Iterator[None]:
    """A migrated, empty database for the block: the SQLite file, or on a server a new
    database test_<name> beside the one named (which is never touched), dropped afterwards.
    The temporary folder is removed too, unless `keep` asks to keep the SQLite file."""
    from django.core.management import call_command
    from django.db import connection

    old_name = None
    if connection.vendor == "sqlite":
        call_command("migrate", verbosity=0)
    else:
        old_name = connection.settings_dict["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield
    finally:
        connection.close()
        if old_name is not None:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        if keep and old_name is None:
            print(f"database kept: {workdir / 'bench.sqlite3'}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
