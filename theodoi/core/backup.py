"""Backup and restore of a whole installation: the database and the uploaded files.

One archive (`.tar.gz`) holds
- `manifest.json`: format, time, database engine, migrations applied, rows per table,
  number and size of the uploaded files;
- the database: `db.sqlite3`, a copy made with SQLite's online backup API, or `db.pgdump`,
  `pg_dump`'s custom format; both are consistent snapshots taken while the site runs;
- `media/…`: the uploaded files with their modification times.

The database is copied before the files: an upload that lands in between leaves an extra
file in the archive, never a row pointing to a missing one (uploads are far more common
than deletions here).

Uses only Django's database layer and the standard library, so it sits in core and knows
nothing of the apps above it.
"""

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = 1
MANIFEST = "manifest.json"
DB_FILES = {"sqlite": "db.sqlite3", "postgresql": "db.pgdump"}
MEDIA_PREFIX = "media/"


class BackupError(Exception):
    """A refusal or failure with a message for the person running the command."""


@dataclass
class Summary:
    archive: Path
    manifest: dict


# -- shared helpers ---------------------------------------------------------------------

def _engine() -> str:
    vendor = connection.vendor
    if vendor not in DB_FILES:
        raise BackupError(_("Cơ sở dữ liệu %(vendor)s chưa được hỗ trợ sao lưu.") % {"vendor": vendor})
    return vendor


def _media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def _media_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def _pg_env() -> dict[str, str]:
    """libpq's variables for pg_dump/pg_restore, from the connection Django uses."""
    params = connection.settings_dict
    env = dict(os.environ)
    for var, value in (
        ("PGHOST", params.get("HOST")), ("PGPORT", params.get("PORT")), ("PGUSER", params.get("USER")),
        ("PGPASSWORD", params.get("PASSWORD")), ("PGDATABASE", params.get("NAME")),
    ):
        if value:
            env[var] = str(value)
    options = params.get("OPTIONS", {})
    if options.get("sslmode"):
        env["PGSSLMODE"] = options["sslmode"]
    return env


def _run(command: list[str], env: dict[str, str]) -> None:
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True)
    except FileNotFoundError as error:
        raise BackupError(
            _("Không tìm thấy chương trình %(program)s: cài gói postgresql-client.") % {"program": command[0]}
        ) from error
    if result.returncode != 0:
        raise BackupError(_("%(program)s thất bại: %(error)s") % {"program": command[0], "error": result.stderr.strip()})


def _row_counts(cursor, tables: list[str]) -> dict[str, int]:
    quote = connection.ops.quote_name
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
        counts[table] = cursor.fetchone()[0]
    return counts


def _migrations(cursor) -> dict[str, str]:
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
    return {app: name for app, name in cursor.fetchall()}


# -- backup -----------------------------------------------------------------------------

def _dump_sqlite(target: Path) -> tuple[dict[str, int], dict[str, str]]:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        # One step: the whole database is copied under one read lock, a consistent snapshot
        # even while gunicorn's workers write (they wait on the busy timeout meanwhile).
        connection.connection.backup(copy)
        cursor = copy.cursor()
        tables = [row[0] for row in cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )]
        return _row_counts(cursor, tables), _migrations(cursor)
    finally:
        copy.close()


def _dump_postgresql(target: Path) -> tuple[dict[str, int], dict[str, str]]:
    # The row counts come from the very snapshot pg_dump copies: this transaction exports it
    # and stays open until pg_dump has finished.
    raw = connection.get_new_connection(connection.get_connection_params())
    try:
        raw.autocommit = False
        with raw.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            _run(
                ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
                 f"--file={target}"],
                _pg_env(),
            )
            tables = connection.introspection.table_names(cursor)
            counts, migrations = _row_counts(cursor, tables), _migrations(cursor)
        raw.rollback()
        return counts, migrations
    finally:
        raw.close()


def create_backup(*, output: Path | None = None) -> Summary:
    """Write one archive of the database and the uploaded files; return where and what."""
    engine = _engine()
    now = timezone.now()
    if output is None:
        output = Path(settings.BASE_DIR) / "var" / "backups" / f"theodoi-{now:%Y%m%d-%H%M%S}.tar.gz"
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix=".theodoi-backup-", dir=output.parent) as work:
        db_file = Path(work) / DB_FILES[engine]
        tables, migrations = _dump_sqlite(db_file) if engine == "sqlite" else _dump_postgresql(db_file)
        media_root = _media_root()
        # Files in object storage (MEDIA_STORAGE=s3) are the bucket's to keep: its versioning
        # or replication; the archive then holds the database only and says so.
        external = not isinstance(default_storage, FileSystemStorage)
        files = [] if external else _media_files(media_root)
        manifest = {
            "format": FORMAT,
            "created_at": now.isoformat(),
            "engine": engine,
            "database_file": db_file.name,
            "migrations": migrations,
            "tables": tables,
            "media": {"files": len(files), "bytes": sum(f.stat().st_size for f in files), "external": external,
                      # Exact modification times: tar's PAX header keeps them as a decimal
                      # fraction, which can come back one microsecond off.
                      "mtime_ns": {MEDIA_PREFIX + f.relative_to(media_root).as_posix(): f.stat().st_mtime_ns
                                   for f in files}},
        }
        manifest_file = Path(work) / MANIFEST
        manifest_file.write_text(json.dumps(manifest, ensure_ascii=False, indent=2))

        # Written under a temporary name and renamed: a failed backup never leaves a
        # truncated archive that looks complete. Owner-only: it holds password hashes.
        fd, partial = tempfile.mkstemp(prefix=".partial-", suffix=".tar.gz", dir=output.parent)
        try:
            with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz", format=tarfile.PAX_FORMAT) as tar:
                tar.add(manifest_file, arcname=MANIFEST)
                tar.add(db_file, arcname=db_file.name)
                for path in files:
                    tar.add(path, arcname=MEDIA_PREFIX + path.relative_to(media_root).as_posix())
            os.replace(partial, output)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise
    return Summary(archive=output, manifest=manifest)


# -- restore ----------------------------------------------------------------------------

def _installation_contents() -> tuple[int, int]:
    """(user accounts, uploaded files) of this installation; both zero means empty."""
    users = 0
    with connection.cursor() as cursor:
        if "auth_user" in connection.introspection.table_names(cursor):
            cursor.execute("SELECT COUNT(*) FROM auth_user")
            users = cursor.fetchone()[0]
    return users, len(_media_files(_media_root()))


def _read_manifest(tar: tarfile.TarFile) -> dict:
    try:
        member = tar.getmember(MANIFEST)
        manifest = json.loads(tar.extractfile(member).read())
    except (KeyError, ValueError, AttributeError) as error:
        raise BackupError(_("Tệp này không phải bản sao lưu của theodoi (thiếu manifest.json).")) from error
    if manifest.get("format") != FORMAT:
        raise BackupError(_("Bản sao lưu có định dạng %(format)s, phiên bản này chỉ đọc định dạng %(expected)s.")
                          % {"format": manifest.get("format"), "expected": FORMAT})
    return manifest


def _restore_sqlite(db_file: Path) -> None:
    source = sqlite3.connect(db_file)
    try:
        connection.ensure_connection()
        # The backup API writes the whole database through SQLite itself: correct in WAL
        # mode and with the file already open, unlike copying the file over it.
        source.backup(connection.connection)
    finally:
        source.close()


def _restore_postgresql(db_file: Path) -> None:
    connection.close()
    # --clean drops the empty tables a `migrate` may have made; one transaction, so a
    # failure leaves the database as it was.
    _run(
        ["pg_restore", "--no-owner", "--no-privileges", "--clean", "--if-exists", "--single-transaction",
         "--exit-on-error", f"--dbname={connection.settings_dict['NAME']}", str(db_file)],
        _pg_env(),
    )


def restore_backup(*, archive: Path) -> Summary:
    """Put an archive back into this installation, which must be empty."""
    engine = _engine()
    try:
        tar = tarfile.open(archive, mode="r:*")
    except (OSError, tarfile.TarError) as error:
        message = _("Không đọc được bản sao lưu %(archive)s: %(error)s") % {"archive": archive, "error": error}
        raise BackupError(message) from error
    with tar:
        manifest = _read_manifest(tar)
        if manifest.get("engine") != engine:
            raise BackupError(
                _("Bản sao lưu của cơ sở dữ liệu %(archived)s không khôi phục được vào %(current)s.")
                % {"archived": manifest.get("engine"), "current": engine}
            )
        users, files = _installation_contents()
        if users or files:
            raise BackupError(
                _("Cài đặt này đã có dữ liệu (%(users)d tài khoản, %(files)d tệp đã tải lên): chỉ khôi phục vào "
                  "một cài đặt trống — một cơ sở dữ liệu mới và thư mục MEDIA_ROOT trống. Không có gì bị thay đổi.")
                % {"users": users, "files": files}
            )
        media_root = _media_root()
        media_root.mkdir(parents=True, exist_ok=True)
        # Everything is unpacked and checked first (tarfile's "data" filter refuses absolute
        # paths, "..", links and devices); only then is anything put in place.
        with tempfile.TemporaryDirectory(prefix=".theodoi-restore-", dir=media_root.parent) as work:
            staging = Path(work)
            try:
                for member in tar.getmembers():
                    if member.name == MANIFEST:
                        continue
                    if member.name != manifest["database_file"] and not member.name.startswith(MEDIA_PREFIX):
                        raise BackupError(_("Bản sao lưu chứa tệp lạ: %(name)s") % {"name": member.name})
                    tar.extract(member, staging, filter="data")
            except (tarfile.TarError, OSError) as error:
                raise BackupError(_("Bản sao lưu hỏng: %(error)s") % {"error": error}) from error
            db_file = staging / manifest["database_file"]
            if not db_file.is_file():
                raise BackupError(_("Bản sao lưu thiếu tệp cơ sở dữ liệu %(name)s.") % {"name": manifest["database_file"]})
            restored_files = _media_files(staging / "media")
            if len(restored_files) != manifest["media"]["files"]:
                raise BackupError(_("Bản sao lưu thiếu tệp đã tải lên: có %(found)d, cần %(expected)d.")
                                  % {"found": len(restored_files), "expected": manifest["media"]["files"]})

            if engine == "sqlite":
                _restore_sqlite(db_file)
            else:
                _restore_postgresql(db_file)

            exact = manifest["media"].get("mtime_ns", {})
            for path in restored_files:
                relative = path.relative_to(staging / "media")
                target = media_root / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(path, target)
                mtime_ns = exact.get(MEDIA_PREFIX + relative.as_posix())
                if mtime_ns is not None:
                    os.utime(target, ns=(mtime_ns, mtime_ns))

    with connection.cursor() as cursor:
        existing = set(connection.introspection.table_names(cursor))
        counts = _row_counts(cursor, [t for t in manifest["tables"] if t in existing])
    different = {t: (n, counts.get(t)) for t, n in manifest["tables"].items() if counts.get(t) != n}
    if different:
        raise BackupError(_("Số dòng sau khi khôi phục khác bản sao lưu: %(tables)s") % {"tables": different})
    return Summary(archive=archive, manifest=manifest)


def describe(manifest: dict) -> str:
    created = dt.datetime.fromisoformat(manifest["created_at"])
    text = _("%(rows)d dòng trong %(tables)d bảng, %(files)d tệp (%(mb).1f MB), lập lúc %(when)s") % {
        "rows": sum(manifest["tables"].values()),
        "tables": len(manifest["tables"]),
        "files": manifest["media"]["files"],
        "mb": manifest["media"]["bytes"] / 1024 / 1024,
        "when": timezone.localtime(created).strftime("%d/%m/%Y %H:%M:%S"),
    }
    if manifest["media"].get("external"):
        text += " " + _("(tệp đã tải lên nằm ở kho lưu trữ đối tượng, không có trong bản sao lưu)")
    return text
